"""``xxgk summary PATH…``: check every report (cross-year checks included) and write one overview row each."""

from __future__ import annotations

import argparse
import sys
from typing import IO


def summary_command(args: argparse.Namespace) -> int:
    from .config import CliOptions
    from .crossyear import check_corpus
    from .plugins import load_plugins
    from .ruleset import ConfigError
    from .runner import RuleResolver, lint_paths
    from .summary import summary_rows, write_csv, write_markdown

    host = load_plugins()
    resolver = RuleResolver(host, CliOptions(args.ruleset), discover_config=not args.no_config)
    result = lint_paths(args.paths, host, resolver)
    try:
        check_corpus(result, resolver, args.pairs, hierarchy_file=args.hierarchy)
    except ConfigError as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return 2
    for file in result.files:
        for error in file.errors:
            print(f"xxgk: {file.path}: {error.message}", file=sys.stderr)
    for run_error in result.errors:
        print(f"xxgk: {run_error.source}: {run_error.message}", file=sys.stderr)
    rows = summary_rows(result.files)

    def write(stream: IO[str]) -> None:
        (write_csv if args.format == "csv" else write_markdown)(rows, stream)

    if args.output is not None:
        if any(args.output.resolve() == p.resolve() for p in args.paths):
            print(f"xxgk: {args.output}: 输出文件不能是被检查的文件", file=sys.stderr)
            return 2
        try:  # CSV carries a BOM so Excel and WPS open the UTF-8 file correctly
            with open(args.output, "w", encoding="utf-8-sig" if args.format == "csv" else "utf-8", newline="") as fh:
                write(fh)
        except OSError as exc:
            print(f"xxgk: {args.output}: 无法写入输出文件（{exc.strerror or exc}）", file=sys.stderr)
            return 2
    else:
        if args.format == "csv":
            sys.stdout.write("\ufeff")
        write(sys.stdout)
    return 2 if result.errors or any(f.errors for f in result.files) else 0
