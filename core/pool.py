"""Per-file work on several cores: paths in, ``FileResult``s out in input order as soon as each is ready.

Why processes: linting is pure Python (regexes, table matching), so threads share one interpreter lock and a
second core only helps in another process.  Why input order: ``-j 4`` must print exactly what ``-j 1``
prints, and a reviewer sees the first file's findings while the rest are still being read.  Why a spec and not
live objects: a worker (forked or spawned) rebuilds its plugin host and rule resolver from a small picklable
``Work``, so the pool does not depend on the platform's start method.

Memory: the parent keeps only what the caller keeps.  With ``keep_reports=False`` a worker sends back each
report's metadata (title, body, year, format, dates) without its text, tables and sections — what every
built-in reporter reads — so a folder of 10 000 reports is not held in memory.

The API is generic (``lint_stream`` over paths, ``FileResult`` out) so that other per-file commands reuse it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

from .cache import ParseCache
from .config import CliOptions
from .model import FileError, FileResult, Report, display_path
from .plugins import PluginHost, load_plugins
from .readers import configure_readers
from .reporting import RunError
from .ruleset import ConfigError

#: Files handed to a worker at a time: large enough to amortise the round trip, small enough that results
#: arrive in input order without a long wait behind one slow file.
CHUNK = 4


@dataclass(frozen=True)
class Work:
    """What a worker needs to lint a file the way the parent would: the command line's rule choice (None: read
    only, as ``xxgk extract``), whether to look for project configuration, and whether to send reports back
    whole."""

    cli: CliOptions | None
    discover_config: bool = True
    keep_reports: bool = True
    cache_dir: Path | None = None  # the parse cache's directory; None: no cache
    reader_options: tuple[tuple[str, str], ...] = ()  # e.g. (("pdf_engine", "pdfium"),)


def parse_jobs(value: str) -> int:
    """``--jobs`` as given: a positive number, or ``auto`` for every core this process may use."""
    if value.strip().lower() == "auto":
        return available_cores()
    try:
        jobs = int(value)
    except ValueError:
        raise ValueError(f"--jobs 应为正整数或 auto，而不是“{value}”") from None
    if jobs < 1:
        raise ValueError(f"--jobs 应为正整数或 auto，而不是“{value}”")
    return jobs


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def slim(report: Report) -> Report:
    """The report's metadata without its text, tables and sections (what reporters print per file)."""
    return dataclasses.replace(report, text="", folded="", line_starts=[0], sections=[], headings=[], tables={},
                               source_map=None, _memo={})


def lint_one(path: Path, problem: FileError | None, host: PluginHost, resolver: object | None,
             errors: list[RunError], cache: ParseCache | None = None) -> FileResult:
    """One discovered file as ``lint_paths`` lints it (``resolver``: a ``RuleResolver``, or None to read
    only); shared by the sequential loop and the workers so both give the same result."""
    from .runner import lint_file

    if problem is not None:
        return FileResult(display_path(path), None, None, errors=[problem])
    rules, limits = [], None
    if resolver is not None:
        try:
            rules = resolver.rules_for(path)  # type: ignore[attr-defined]
            limits = resolver.limits_for(path)  # type: ignore[attr-defined]
        except ConfigError as exc:
            return FileResult(display_path(path), None, None, errors=[FileError("config", str(exc))])
    return lint_file(path, host, rules, errors, cache, limits)


class _Worker:
    """A worker process's plugin host and resolver, built once by the pool initializer."""

    host: PluginHost | None = None
    resolver: object | None = None
    keep_reports = True
    cache: ParseCache | None = None


def _start(work: Work) -> None:
    from .runner import RuleResolver

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _Worker.host = load_plugins()
    configure_readers((r for _, r in _Worker.host.readers), dict(work.reader_options))
    _Worker.resolver = None if work.cli is None else RuleResolver(_Worker.host, work.cli, work.discover_config)
    _Worker.keep_reports = work.keep_reports
    _Worker.cache = None if work.cache_dir is None else ParseCache(_Worker.host, work.cache_dir)


def _run(item: tuple[Path, FileError | None]) -> tuple[FileResult, list[RunError]]:
    assert _Worker.host is not None
    errors: list[RunError] = []
    result = lint_one(item[0], item[1], _Worker.host, _Worker.resolver, errors, _Worker.cache)
    if not _Worker.keep_reports and result.report is not None:
        result.report = slim(result.report)
    return result, errors


def _context(start_method: str | None) -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with the parent's imports; elsewhere the platform default.  A threaded
    # parent (the review TUI) asks for spawn: forking a process with running threads can deadlock.
    if start_method is None and sys.platform.startswith("linux"):
        start_method = "fork"
    return multiprocessing.get_context(start_method)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker on the real stderr.  A pool starts the tracker on first use and
    hands it ``sys.stderr.fileno()``; under a Textual app ``sys.stderr`` is a capture whose ``fileno()`` is -1,
    so the start fails with "bad value(s) in fds_to_keep" and ``xxgk review DIR`` lost its folder scan."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    from multiprocessing import resource_tracker

    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def lint_stream(items: Sequence[tuple[Path, FileError | None]], work: Work, jobs: int,
                start_method: str | None = None) -> Iterator[tuple[FileResult, list[RunError]]]:
    """Each discovered file's result and rule errors, in the order of ``items``, from ``jobs`` processes.

    Closing the iterator early (or a ``KeyboardInterrupt`` while waiting) terminates the workers at once:
    nothing keeps running behind the caller's back."""
    _start_resource_tracker()
    pool: Pool = _context(start_method).Pool(min(jobs, max(1, len(items))), initializer=_start, initargs=(work,))
    try:
        yield from pool.imap(_run, items, chunksize=CHUNK)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
