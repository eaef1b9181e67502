"""``xxgk cache``: where the parse cache is and how big (``info``, the default), or empty it (``clear``)."""

from __future__ import annotations

import argparse
import json
import sys

from .cache import ParseCache
from .plugins import load_plugins


def run(args: argparse.Namespace) -> int:
    cache = ParseCache(load_plugins())
    if args.action == "clear":
        removed = cache.clear()
        print(f"已清空解析缓存：删除 {removed} 个条目（{cache.directory}）")
        return 0
    stats = cache.stats()
    if args.format == "json":
        json.dump({"directory": str(stats.directory), "entries": stats.entries, "bytes": stats.bytes},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"解析缓存目录：{stats.directory}")
        print(f"条目：{stats.entries} 个，共 {stats.bytes / 1024 / 1024:.1f} MiB")
        print("（未改动的文件再次检查时直接使用缓存，不再重新读取；xxgk cache clear 清空，检查时加 --no-cache 不使用）")
    return 0
