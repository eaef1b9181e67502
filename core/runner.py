"""From paths on the command line to a ``RunResult``: discover files, pick readers, read, lint.

One bad file never stops the others: every failure becomes a ``FileError`` naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .engine import ActiveRule, lint_report
from .model import FileError, FileResult, Severity, display_path
from .plugins import PluginHost
from .readers import Reader, ReadError
from .reporting import RunError, RunResult
from .ruleset import Ruleset

MAX_BYTES = 200 * 1024 * 1024


def active_rules(host: PluginHost, ruleset: Ruleset) -> list[ActiveRule]:
    out = []
    for code in sorted(host.rules):
        plugin, rule = host.rules[code]
        setting = ruleset.setting(rule)
        if setting.enabled:
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


def lint_file(path: Path, host: PluginHost, rules: Sequence[ActiveRule], errors: list[RunError]) -> FileResult:
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return FileResult(shown, None, None, errors=[FileError("too-large", "文件过大（超过 200 MiB），未检查")])
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(shown, None, None, errors=[FileError("unreadable", f"无法读取文件：{exc.strerror or exc}")])
    reader = _pick_reader(host, path, data[:4096])
    if reader is None:
        supported = "、".join(sorted(host.extensions))
        return FileResult(shown, None, None, errors=[FileError(
            "unsupported", f"不支持的文件类型“{path.suffix or '无扩展名'}”（支持：{supported}）")])
    try:
        report = reader.read(path, data)
    except ReadError as exc:
        return FileResult(shown, reader.name, None, errors=[FileError(exc.code, exc.message)])
    except Exception as exc:  # a reader bug is reported against the file, not raised
        return FileResult(shown, reader.name, None, errors=[FileError(
            "internal", f"读取器 {reader.name} 出错：{type(exc).__name__}: {exc}")])
    report.path = shown
    findings, rule_errors = lint_report(report, rules)
    errors.extend(rule_errors)
    return FileResult(shown, report.input_format, report, findings)


def read_paths(paths: Iterable[Path], host: PluginHost) -> RunResult:
    """Read every file without linting (``xxgk extract``)."""
    return lint_paths(paths, host, None)


def lint_paths(paths: Iterable[Path], host: PluginHost, ruleset: Ruleset | None,
               fail_on: Severity = Severity.ERROR) -> RunResult:
    """Lint every file with the ruleset's active rules (none when ``ruleset`` is None: read only)."""
    result = RunResult(fail_on=fail_on)
    result.errors.extend(RunError(e.plugin, e.message) for e in host.errors)
    rules = active_rules(host, ruleset) if ruleset is not None else []
    for path, problem in discover(list(paths), host.extensions):
        if problem is not None:
            result.files.append(FileResult(display_path(path), None, None, errors=[problem]))
            continue
        result.files.append(lint_file(path, host, rules, result.errors))
    return result
