"""``xxgk check --executor dask``: the same per-file work on a Dask cluster, for a national or provincial sweep.

Why Dask: a sweep of ~10⁵ reports needs more machines than one; Dask (``pip install 'xxgk-lint[dask]'``)
already schedules, retries and monitors Python tasks across them, so xxgk only ships batches of paths and gets
``FileResult``s back.  Each worker process lints exactly as ``xxgk check`` does locally (``pool.lint_one``, the
same resolver and parse cache), results come back in input order, and everything after the per-file results
(waivers, baseline, corpus-wide checks, the reporter) runs in the client on the same code path as a local run,
so the output is identical.

Workers read the files themselves: they must see them under the same absolute paths (a shared file system, as
a province's cluster has), and have the same xxgk-lint, plugins and rulesets installed.  Without ``--scheduler``
a ``LocalCluster`` on this machine is started and stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .cache import ParseCache
from .model import FileError, FileResult, display_path
from .plugins import PluginHost, load_plugins
from .pool import Work, lint_one, slim
from .readers import configure_readers
from .reporting import RunError

#: Files per Dask task: enough to make scheduling overhead negligible (a task costs ~1 ms to schedule), few
#: enough to spread a folder over many workers and to return results early.
BATCH = 16

CONNECT_TIMEOUT_S = 20
MISSING = "未安装 Dask，无法使用 --executor dask：请先运行 pip install 'xxgk-lint[dask]'"


class DaskError(RuntimeError):
    """Dask is not installed, or its scheduler cannot be reached (the message says what to do)."""


#: The plugin host, resolver and cache each worker process builds once per ``Work`` (workers outlive tasks).
_WORKER_STATE: dict[Work, tuple[PluginHost, Any, ParseCache | None]] = {}


def _state(work: Work) -> tuple[PluginHost, Any, ParseCache | None]:
    state = _WORKER_STATE.get(work)
    if state is None:
        from .runner import RuleResolver

        host = load_plugins()
        configure_readers((r for _, r in host.readers), dict(work.reader_options))
        resolver = None if work.cli is None else RuleResolver(host, work.cli, work.discover_config)
        cache = None if work.cache_dir is None else ParseCache(host, work.cache_dir)
        state = _WORKER_STATE[work] = (host, resolver, cache)
    return state


def lint_batch(items: list[tuple[str, FileError | None]], work: Work) -> list[tuple[FileResult, list[RunError]]]:
    """A Dask task: lint a batch of files (absolute paths) on a worker."""
    host, resolver, cache = _state(work)
    out = []
    for path, problem in items:
        errors: list[RunError] = []
        result = lint_one(Path(path), problem, host, resolver, errors, cache)
        if not work.keep_reports and result.report is not None:
            result.report = slim(result.report)
        out.append((result, errors))
    return out


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskError(MISSING) from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT_S), None  # type: ignore[no-untyped-call, unused-ignore]
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskError(f"无法连接 Dask 调度器 {scheduler}：{exc}（请检查地址和端口，调度器是否已启动）") from None
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call, unused-ignore]
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster  # type: ignore[no-untyped-call, unused-ignore]


def dask_stream(items: Sequence[tuple[Path, FileError | None]], work: Work, scheduler: str | None = None,
                workers: int | None = None) -> Iterator[tuple[FileResult, list[RunError]]]:
    """Each file's result and rule errors, in the order of ``items``, computed on a Dask cluster."""
    client, cluster = _client(scheduler, workers)
    try:
        batches = [[(str(path.resolve()), problem) for path, problem in items[i:i + BATCH]]
                   for i in range(0, len(items), BATCH)]
        futures: list[Any] = [client.submit(lint_batch, batch, work, pure=False) for batch in batches]
        for k, future in enumerate(futures):
            for j, (result, errors) in enumerate(future.result()):
                path = items[k * BATCH + j][0]
                result.path = display_path(path)  # as this machine shows it, whatever the worker's directory
                if result.report is not None:
                    result.report.path = result.path
                yield result, errors
            futures[k] = None  # let the finished batch be freed
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
