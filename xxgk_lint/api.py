"""The Python API for systems that publish reports: lint one file or its bytes, get typed results.

    >>> import xxgk_lint
    >>> result = xxgk_lint.lint_file("报告.pdf")
    >>> if not result.passed:
    ...     refuse_publication(result.findings)

``lint_file`` and ``lint_bytes`` return a ``LintResult``: the same data as one file entry of the JSON output
(``result.to_dict()`` is exactly that entry, docs/json-output.md), plus what a publishing system needs to
decide (``exit_code``, ``passed``, ``blocking``).  Plugins are loaded once per process and rulesets once per
(ruleset, configuration).  ``lint_bytes`` never writes the bytes anywhere: readers work on the bytes in memory.
Neither function ever writes to its input.  Configuration problems raise ``ConfigError``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xxgk_lint.core.config import CliOptions, ProjectConfig, apply, read_config, resolve
from xxgk_lint.core.engine import ActiveRule
from xxgk_lint.core.model import FileError, FileResult, Finding, Report, Severity, display_path
from xxgk_lint.core.plugins import PluginHost, load_plugins
from xxgk_lint.core.reporting import RunError, RunResult, file_to_dict
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.runner import active_rules, lint_data
from xxgk_lint.core.runner import lint_file as runner_lint_file

__all__ = ["ConfigError", "LintResult", "lint_bytes", "lint_file"]

_LOCK = threading.Lock()
_HOST: list[PluginHost] = []
_RULES: dict[tuple[Any, ...], list[ActiveRule]] = {}


@dataclass
class LintResult:
    """One checked file: the findings, why it could not be checked, and the verdict against ``fail_on``."""

    file: FileResult
    run_errors: list[RunError] = field(default_factory=list)  # broken plugins, crashing rules
    fail_on: Severity = Severity.ERROR
    rules: dict[str, type[Rule]] = field(default_factory=dict, repr=False)  # the rules that ran, by code

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def format(self) -> str | None:
        return self.file.format

    @property
    def report(self) -> Report | None:
        return self.file.report

    @property
    def findings(self) -> list[Finding]:
        return self.file.findings

    @property
    def errors(self) -> list[FileError]:
        """Why the file could not be checked (unreadable, unsupported, …); empty when it was checked."""
        return self.file.errors

    @property
    def exit_code(self) -> int:
        """What ``xxgk check`` would exit with for this file: 0 pass, 1 findings at or above ``fail_on``,
        2 the file could not be checked or a plugin or rule failed."""
        return RunResult([self.file], list(self.run_errors), self.fail_on).exit_code

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def blocking(self) -> list[Finding]:
        """The findings at or above ``fail_on`` (what stops publication)."""
        return [f for f in self.findings if f.severity is not None and f.severity.rank >= self.fail_on.rank]

    def at_least(self, severity: str | Severity) -> list[Finding]:
        threshold = Severity(severity).rank
        return [f for f in self.findings if f.severity is not None and f.severity.rank >= threshold]

    def to_dict(self) -> dict[str, Any]:
        """Exactly the file's entry in ``xxgk check --format json`` (docs/json-output.md)."""
        return file_to_dict(self.file)

    def run_result(self) -> RunResult:
        """The whole run, for reporters (``reporter.render(result.run_result(), stream)``) and
        ``result_to_dict``."""
        return RunResult([self.file], list(self.run_errors), self.fail_on, dict(self.rules))


def _host() -> PluginHost:
    with _LOCK:
        if not _HOST:
            _HOST.append(load_plugins())
        return _HOST[0]


def _rules_for(host: PluginHost, name: Path, ruleset: str | Path | None, config: ProjectConfig | None,
               select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> list[ActiveRule]:
    from xxgk_lint.core.ruleset import resolve_ruleset

    resolved = resolve(name, CliOptions(str(ruleset) if ruleset is not None else None, select, ignore), config)
    key = (resolved.ruleset, resolved.select, resolved.ignore, config.path if config else None)
    with _LOCK:
        if key not in _RULES:
            known = {code: rule for code, (_, rule) in host.rules.items()}
            available = {p.stem: p for _, p in host.rulesets}
            chosen = apply(resolve_ruleset(resolved.ruleset, available, known), resolved, known)
            _RULES[key] = active_rules(host, chosen)
        return _RULES[key]


def _config(config: str | Path | ProjectConfig | None) -> ProjectConfig | None:
    if config is None or isinstance(config, ProjectConfig):
        return config
    path = Path(config)
    if not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在")
    return read_config(path)


def _codes(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip().upper() for v in values if v.strip())


def lint_file(path: str | Path, ruleset: str | Path | None = None, config: str | Path | ProjectConfig | None = None,
              *, select: Iterable[str] | str | None = None, ignore: Iterable[str] | str | None = None,
              fail_on: str | Severity = Severity.ERROR, waivers: str | Path | None = None,
              baseline: str | Path | None = None) -> LintResult:
    """Lint one report file as ``xxgk check PATH --format json`` would.

    ``ruleset`` is a ruleset name or TOML path (default: the configuration's, else ``national``); ``config`` an
    ``xxgk.toml`` or ``pyproject.toml`` (``[tool.xxgk]``) to apply (no configuration is searched for);
    ``select``/``ignore`` code prefixes as on the command line.  The review file next to the report is honoured
    as by the command, ``waivers`` names another one; ``baseline`` hides the findings a baseline file records.
    """
    file = Path(path)
    if file.is_dir():
        raise IsADirectoryError(f"{file}: lint_file 只检查一个文件；检查目录请用 xxgk check")
    host = _host()
    project = _config(config)
    rules = _rules_for(host, file, ruleset, project, _codes(select), _codes(ignore) or ())
    severity = Severity(fail_on)
    result = RunResult(errors=[RunError(e.plugin, e.message) for e in host.errors], fail_on=severity,
                       rules={a.rule.code: a.rule for a in rules})
    if file.exists():
        result.files.append(runner_lint_file(file, host, rules, result.errors,
                                             limits=project.limits if project else None))
    else:
        result.files.append(FileResult(display_path(file), None, None,
                                       errors=[FileError("not-found", "文件或目录不存在")]))
    from xxgk_lint.core.waivers import apply_baseline, apply_review_files, read_baseline

    apply_review_files(result, Path(waivers) if waivers is not None else None)
    if baseline is not None:
        apply_baseline(result, read_baseline(Path(baseline)), Path(baseline).parent)
    return LintResult(result.files[0], result.errors, severity, result.rules)


def lint_bytes(data: bytes, filename: str = "report.txt", ruleset: str | Path | None = None,
               config: str | Path | ProjectConfig | None = None, *, select: Iterable[str] | str | None = None,
               ignore: Iterable[str] | str | None = None, fail_on: str | Severity = Severity.ERROR,
               waivers: str | Path | None = None) -> LintResult:
    """Lint a report held in memory (an upload, a database blob).

    ``filename`` is only a name: its extension picks the reader (``.pdf``, ``.docx``, ``.html``, ``.txt``, or a
    plugin's), it is the path shown in results, and ``[[overrides]]`` of ``config`` match it.  Nothing is
    written to disk.  ``waivers`` is a review file whose decisions apply to these bytes.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"lint_bytes 需要 bytes，得到 {type(data).__name__}")
    host = _host()
    name = Path(filename)
    project = _config(config)
    rules = _rules_for(host, name, ruleset, project, _codes(select), _codes(ignore) or ())
    errors = [RunError(e.plugin, e.message) for e in host.errors]
    file = lint_data(name, str(filename), bytes(data), host, rules, errors,
                     limits=project.limits if project else None)
    if waivers is not None and file.report is not None:
        from xxgk_lint.core.waivers import apply_waivers, read_review

        apply_waivers(file, read_review(Path(waivers))[1])
    return LintResult(file, errors, Severity(fail_on), {a.rule.code: a.rule for a in rules})
