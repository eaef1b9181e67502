"""From paths on the command line to a ``RunResult``: discover files, pick readers, read, lint.

One bad file never stops the others: every failure becomes a ``FileError`` naming the file.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from .cache import ParseCache
from .config import CliOptions, ProjectConfig, Resolved, apply, find_config, resolve
from .engine import ActiveRule, lint_report
from .limits import Limits, exceeded, guard, timeout_message
from .model import FileError, FileResult, Severity, display_path
from .plugins import PluginHost
from .pool import Work, lint_one, lint_stream, slim
from .readers import Reader, ReadError, configure_readers
from .reporting import RunError, RunResult
from .ruleset import ConfigError, Ruleset, resolve_ruleset


def active_rules(host: PluginHost, ruleset: Ruleset) -> list[ActiveRule]:
    """Installed rules and the ruleset's declarative checks that are enabled and selected."""
    candidates = [(plugin, rule) for _, (plugin, rule) in sorted(host.rules.items())]
    candidates += [(f"ruleset:{ruleset.name}", rule) for rule in ruleset.declared]
    out = []
    for plugin, rule in candidates:
        setting = ruleset.setting(rule)
        if setting.enabled and ruleset.selects(rule.code):
            out.append(ActiveRule(rule, setting, plugin))
    return out


def discover(paths: Sequence[Path], extensions: frozenset[str]) -> Iterator[tuple[Path, FileError | None]]:
    """Files named directly are always tried; folders are walked for the extensions some reader claims."""
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, f) for f in files
                             if not f.startswith(".") and Path(f).suffix.lower() in extensions)
            yield from ((p, None) for p in sorted(found))
        elif path.exists():
            yield path, None
        elif path.is_symlink():  # exists() is False for a dangling link and for a link loop
            yield path, FileError("unreadable", "符号链接无法解析（指向不存在的目标，或链接形成循环）")
        else:
            yield path, FileError("not-found", "文件或目录不存在")


def _pick_reader(host: PluginHost, path: Path, head: bytes) -> Reader | None:
    reader = host.reader_for_extension(path.suffix)
    if reader is not None:
        return reader
    for _, candidate in host.readers:
        try:
            if candidate.claims(path, head):
                return candidate
        except Exception:  # a reader's claim test failing only means it does not claim the file
            continue
    return None


def lint_file(path: Path, host: PluginHost, rules: Sequence[ActiveRule], errors: list[RunError],
              cache: ParseCache | None = None, limits: Limits | None = None) -> FileResult:
    shown = display_path(path)
    limits = limits or Limits()
    try:
        if path.stat().st_size > limits.max_file_bytes:
            return _refused(shown, limits, path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(shown, None, None, errors=[FileError("unreadable", f"无法读取文件：{exc.strerror or exc}")])
    return lint_data(path, shown, data, host, rules, errors, cache, limits)


def _refused(shown: str, limits: Limits, size: int) -> FileResult:
    error = exceeded("max_file_mb", f"文件过大（{size / (1024 * 1024):.1f} MiB）", limits)
    return FileResult(shown, None, None, errors=[FileError(error.code, error.message)])


def lint_data(path: Path, shown: str, data: bytes, host: PluginHost, rules: Sequence[ActiveRule],
              errors: list[RunError], cache: ParseCache | None = None, limits: Limits | None = None) -> FileResult:
    """Lint a file's bytes already in memory; ``path`` picks the reader (its suffix) and need not exist
    (the Python API's ``lint_bytes``); ``shown`` is the path reported.  With a ``cache``, a report read
    before from the same bytes by the same reader and code is taken from it instead of read again.  The
    file's ``limits`` (sizes, pages, wall time: core/limits.py) apply to everything done for it."""
    limits = limits or Limits()
    if len(data) > limits.max_file_bytes:
        return _refused(shown, limits, len(data))
    file_errors: list[RunError] = []
    with guard(limits) as budget:
        result = _lint_data(path, shown, data, host, rules, file_errors, cache)
    if budget.exceeded:
        return FileResult(shown, None, None, errors=[FileError("limit-file_seconds", timeout_message(limits))])
    errors.extend(file_errors)
    return result


def _lint_data(path: Path, shown: str, data: bytes, host: PluginHost, rules: Sequence[ActiveRule],
               errors: list[RunError], cache: ParseCache | None) -> FileResult:
    reader = _pick_reader(host, path, data[:4096])
    if reader is None:
        supported = "、".join(sorted(host.extensions))
        return FileResult(shown, None, None, errors=[FileError(
            "unsupported", f"不支持的文件类型“{path.suffix or '无扩展名'}”（支持：{supported}）")])
    report = cache.get(reader, data) if cache is not None else None
    if report is None:
        try:
            report = reader.read(path, data)
        except ReadError as exc:
            return FileResult(shown, reader.name, None, errors=[FileError(exc.code, exc.message)])
        except Exception as exc:  # a reader bug is reported against the file, not raised
            return FileResult(shown, reader.name, None, errors=[FileError(
                "internal", f"读取器 {reader.name} 出错：{type(exc).__name__}: {exc}")])
        if cache is not None:
            cache.put(reader, data, report)
    report.path = shown
    findings, rule_errors = lint_report(report, rules)
    errors.extend(rule_errors)
    ran = tuple(a.rule.code for a in rules if report.format_version in a.rule.versions)
    return FileResult(shown, report.input_format, report, findings, rules=ran)


def read_paths(paths: Iterable[Path], host: PluginHost) -> RunResult:
    """Read every file without linting (``xxgk extract``)."""
    return lint_paths(paths, host, None)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run a batch with the cyclic garbage collector triggered less often, then restore its thresholds.

    Linting a folder allocates many small objects that all stay alive until the report is printed (cells,
    spans, findings), so generation-0 collections every 700 allocations mostly rescan live data: about a tenth
    of a folder run's time.  Reports hold no reference cycles that need prompt collection."""
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def lint_paths(paths: Iterable[Path], host: PluginHost, ruleset: Ruleset | RuleResolver | None,
               fail_on: Severity = Severity.ERROR, jobs: int = 1, keep_reports: bool = True,
               cache: ParseCache | None = None, executor: str = "local", scheduler: str | None = None,
               reader_options: Mapping[str, str] | None = None) -> RunResult:
    """Lint every file: with one ruleset, with the rules a ``RuleResolver`` finds for each file from its
    project configuration, or with no rules at all (``None``: read only, for ``xxgk extract``).

    ``jobs`` > 1 lints in that many worker processes (``core.pool``; a ``RuleResolver`` or ``None`` only) with
    the same result; ``keep_reports=False`` keeps only each report's metadata, for reporters that need no more.
    Ctrl-C stops the run: the files finished so far are in the result and ``interrupted`` is set.  ``cache``:
    the parse cache (``core.cache``), also used by the workers.  ``executor="dask"`` runs the per-file work on
    a Dask cluster instead (``core.sweep``: ``scheduler`` address, or a local cluster of ``jobs`` workers).
    ``reader_options``: the command line's reader choices (``pdf_engine``), for this host and the workers."""
    options = dict(reader_options or {})
    configure_readers((r for _, r in host.readers), options)
    result = RunResult(fail_on=fail_on)
    result.errors.extend(RunError(e.plugin, e.message) for e in host.errors)
    fixed = active_rules(host, ruleset) if isinstance(ruleset, Ruleset) else []
    items = list(discover(list(paths), host.extensions))
    with fewer_collections():
        try:
            if ((jobs > 1 and len(items) > 1) or executor == "dask") and not isinstance(ruleset, Ruleset):
                _lint_parallel(items, host, ruleset, jobs, keep_reports, cache, result, executor, scheduler,
                               tuple(sorted(options.items())))
            else:
                _lint_each(items, host, ruleset, fixed, keep_reports, cache, result)
        except KeyboardInterrupt:
            result.interrupted = len(items) - len(result.files)
    return result


def _lint_each(items: list[tuple[Path, FileError | None]], host: PluginHost, ruleset: Ruleset | RuleResolver | None,
               fixed: list[ActiveRule], keep_reports: bool, cache: ParseCache | None, result: RunResult) -> None:
    for path, problem in items:
        resolver = ruleset if isinstance(ruleset, RuleResolver) else None
        if isinstance(ruleset, Ruleset) and problem is None:
            file = lint_file(path, host, fixed, result.errors, cache)
        else:
            file = lint_one(path, problem, host, resolver, result.errors, cache)
        if not keep_reports and file.report is not None:
            file.report = slim(file.report)
        result.files.append(file)
        _note_rules(path, problem, ruleset, fixed, result)


def _lint_parallel(items: list[tuple[Path, FileError | None]], host: PluginHost, ruleset: RuleResolver | None,
                   jobs: int, keep_reports: bool, cache: ParseCache | None, result: RunResult,
                   executor: str = "local", scheduler: str | None = None,
                   reader_options: tuple[tuple[str, str], ...] = ()) -> None:
    work = Work(None if ruleset is None else ruleset.cli,
                ruleset.discover_config if ruleset is not None else False, keep_reports,
                cache.directory if cache is not None else None, reader_options)
    if executor == "dask":
        from .sweep import dask_stream

        stream = dask_stream(items, work, scheduler, jobs)
    else:
        stream = lint_stream(items, work, jobs)
    for (path, problem), (file, errors) in zip(items, stream, strict=True):
        result.files.append(file)
        result.errors.extend(errors)
        _note_rules(path, problem, ruleset, [], result)


def _note_rules(path: Path, problem: FileError | None, ruleset: Ruleset | RuleResolver | None,
                fixed: list[ActiveRule], result: RunResult) -> None:
    """The rules that ran, by code, for reporters that describe them (SARIF, JUnit)."""
    rules = fixed
    if isinstance(ruleset, RuleResolver) and problem is None:
        try:
            rules = ruleset.rules_for(path)
        except ConfigError:
            return
    for active in rules:
        result.rules.setdefault(active.rule.code, active.rule)


class RuleResolver:
    """The active rules for each file, from the project configuration found above it and the CLI options.

    Files under the same configuration (and override) share one loaded ruleset: loading and validating a
    ruleset once per run, not once per file, keeps folders of thousands of reports fast.
    """

    def __init__(self, host: PluginHost, cli: CliOptions, discover_config: bool = True):
        self.host, self.cli, self.discover_config = host, cli, discover_config
        self._configs: dict[Path, ProjectConfig | None] = {}
        self._rules: dict[tuple[str, tuple[str, ...] | None, tuple[str, ...]], list[ActiveRule]] = {}

    def config_for(self, path: Path) -> ProjectConfig | None:
        if not self.discover_config:
            return None
        try:
            folder = path.resolve().parent
        except (OSError, RuntimeError):  # a link loop: its own folder's configuration still applies
            folder = path.absolute().parent
        if folder not in self._configs:
            self._configs[folder] = find_config(folder)
        return self._configs[folder]

    def limits_for(self, path: Path) -> Limits:
        config = self.config_for(path)
        return config.limits if config else Limits()

    def resolved(self, path: Path) -> Resolved:
        return resolve(path, self.cli, self.config_for(path))

    def ruleset_for(self, resolved: Resolved) -> Ruleset:
        known = {code: rule for code, (_, rule) in self.host.rules.items()}
        available = {p.stem: p for _, p in self.host.rulesets}
        return apply(resolve_ruleset(resolved.ruleset, available, known), resolved, known)

    def rules_for(self, path: Path) -> list[ActiveRule]:
        resolved = self.resolved(path)
        key = (resolved.ruleset, resolved.select, resolved.ignore)
        if key not in self._rules:
            self._rules[key] = active_rules(self.host, self.ruleset_for(resolved))
        return self._rules[key]
