"""Helpers for testing rules and readers — for plugin authors' own test suites (docs/plugins.md).

Lint a text snippet or a file with exactly the rules you name (installed codes, or rule classes that are not
installed at all), get the findings the engine produces (located, with section, severity and fingerprint), and
assert on them with messages that list what was found::

    from xxgk_lint.testing import assert_finding, assert_no_findings, lint_text, sample_report_text

    def test_fires():
        text = sample_report_text(replace={"未收取信息处理费": "收取信息处理费 3 元"})
        findings = lint_text(text, [MyRule])
        assert_finding(findings, "EX101", section="六")

A rule that raises makes the helper raise the rule's own exception (with its traceback), never a silent
empty list.  Nothing here touches the files you lint.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from xxgk_lint.core.build import build_report
from xxgk_lint.core.engine import ActiveRule, lint_report
from xxgk_lint.core.model import CATEGORIES, Finding, Report, Severity
from xxgk_lint.core.readers import Reader
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.ruleset import RuleSetting

__all__ = [
    "assert_finding",
    "assert_findings",
    "assert_no_findings",
    "assert_valid_rule",
    "describe_findings",
    "lint_path",
    "lint_report_with",
    "lint_text",
    "read_path",
    "read_text",
    "rules_by_code",
    "sample_report_text",
]

RuleRef = str | type[Rule]
_PARTS = ("检查内容", "为什么", "不符合的示例", "符合的示例")


# --- reading -------------------------------------------------------------------------------------------------

def sample_report_text(replace: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> str:
    """A complete, compliant 2021-format report (the one in tests/data/compliant-2021.txt: 示例县人民政府, 2023),
    with literal replacements applied in order, each once.  A replacement whose target is missing raises, so a
    test cannot silently stop testing anything."""
    text = resources.files("xxgk_lint").joinpath("testdata/compliant-2021.txt").read_text(encoding="utf-8")
    pairs = replace.items() if isinstance(replace, Mapping) else replace
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"replacement target {old!r} is not in the sample report")
        text = text.replace(old, new, 1)
    return text


def read_text(text: str, path: str = "report.txt", input_format: str = "text") -> Report:
    """The document model of a text snippet, exactly as the text reader builds it."""
    return build_report(path, input_format, text)


def read_path(path: str | Path, readers: Iterable[Reader] = ()) -> Report:
    """Read a file with ``readers`` (e.g. your reader, not installed) or, failing them, the installed ones.

    A reader is chosen by extension, then by ``claims``; ``ReadError`` from the reader propagates, so tests can
    assert on it.
    """
    from xxgk_lint.core.readers import ReadError

    file = Path(path)
    data = file.read_bytes()
    candidates = list(readers)
    if not any(file.suffix.lower() in r.extensions for r in candidates):
        candidates += [r for _, r in _host().readers]
    reader = next((r for r in candidates if file.suffix.lower() in r.extensions), None)
    if reader is None:
        reader = next((r for r in candidates if _claims(r, file, data[:4096])), None)
    if reader is None:
        raise ReadError("unsupported", f"没有读取器能读取 {file.name}")
    return reader.read(file, data)


def _claims(reader: Reader, path: Path, head: bytes) -> bool:
    try:
        return bool(reader.claims(path, head))
    except Exception:
        return False


# --- linting -------------------------------------------------------------------------------------------------

_HOSTS: list[Any] = []


def _host() -> Any:
    if not _HOSTS:
        from xxgk_lint.core.plugins import load_plugins

        _HOSTS.append(load_plugins())
    return _HOSTS[0]


def rules_by_code(*codes: str) -> list[type[Rule]]:
    """Installed rule classes by code (case-insensitive); an unknown code raises with the codes available."""
    installed = {code: rule for code, (_, rule) in _host().rules.items()}
    missing = [c for c in codes if c.upper() not in installed]
    if missing:
        raise LookupError(f"rule(s) {', '.join(missing)} not installed; installed: {', '.join(sorted(installed))}")
    return [installed[c.upper()] for c in codes]


def _active(rules: Iterable[RuleRef], params: Mapping[str, Mapping[str, Any]] | None,
            severities: Mapping[str, str | Severity] | None) -> list[ActiveRule]:
    classes: list[type[Rule]] = []
    for ref in rules:
        if isinstance(ref, str):
            classes += rules_by_code(ref)
        elif isinstance(ref, type) and issubclass(ref, Rule):
            problem = ref.validate()
            if problem:
                raise ValueError(f"{ref.__name__} is not a usable rule: {problem}")
            classes.append(ref)
        else:
            raise TypeError(f"expected a rule code or a Rule subclass, got {ref!r}")
    if not classes:
        raise ValueError("no rules given: name the rules to run (codes or Rule classes)")
    params = params or {}
    severities = severities or {}
    unknown = set(params) - {r.code for r in classes}
    if unknown:
        raise ValueError(f"params given for rules not run: {', '.join(sorted(unknown))}")
    active = []
    for rule in classes:
        own = dict(params.get(rule.code, {}))
        bad = set(own) - set(rule.parameters)
        if bad:
            raise ValueError(f"{rule.code} has no parameter(s) {', '.join(sorted(bad))}; "
                             f"it has: {', '.join(rule.parameters) or 'none'}")
        severity = Severity(severities.get(rule.code, rule.severity))
        active.append(ActiveRule(rule, RuleSetting(True, severity, {**rule.parameters, **own}), "testing"))
    return active


def lint_report_with(report: Report, rules: Iterable[RuleRef], *,
                     params: Mapping[str, Mapping[str, Any]] | None = None,
                     severities: Mapping[str, str | Severity] | None = None) -> list[Finding]:
    """Run ``rules`` over a report already built; the findings as the engine returns them (document order).

    The engine skips a rule whose ``versions`` do not include the report's format version, as in a real run.
    """
    active = _active(rules, params, severities)
    findings, errors = lint_report(report, active)
    if errors:
        # run the crashing rule again outside the engine so the test shows its own exception and traceback
        for a in active:
            if any(e.source.endswith(f":{a.rule.code}") for e in errors):
                list(a.rule().check(report, a.setting.params))
        raise AssertionError("; ".join(e.message for e in errors))
    return findings


def lint_text(text: str, rules: Iterable[RuleRef], *, params: Mapping[str, Mapping[str, Any]] | None = None,
              severities: Mapping[str, str | Severity] | None = None, path: str = "report.txt") -> list[Finding]:
    """Lint a text snippet (tables as tab-separated lines) with exactly ``rules``.

    ``rules``: installed codes (``"S101"``) and/or ``Rule`` subclasses, installed or not.  ``params`` and
    ``severities`` are per rule code, as a ruleset would set them; unknown parameter names raise.
    """
    return lint_report_with(read_text(text, path), rules, params=params, severities=severities)


def lint_path(path: str | Path, rules: Iterable[RuleRef], *, params: Mapping[str, Mapping[str, Any]] | None = None,
              severities: Mapping[str, str | Severity] | None = None, readers: Iterable[Reader] = ()) -> list[Finding]:
    """Lint a file (any format a given or installed reader reads) with exactly ``rules``."""
    return lint_report_with(read_path(path, readers), rules, params=params, severities=severities)


# --- assertions ----------------------------------------------------------------------------------------------

def describe_findings(findings: Sequence[Finding]) -> str:
    """One line a finding, for assertion messages: ``CODE line:col §section [severity] message``."""
    if not findings:
        return "  (no findings)"
    lines = []
    for f in findings:
        where = f"{f.line}:{f.column}" if f.line is not None else (f"p.{f.page}" if f.page is not None else "-")
        severity = f.severity.value if f.severity else "?"
        lines.append(f"  {f.rule} {where} §{f.section or '-'} [{severity}] {f.message}")
    return "\n".join(lines)


def _matches(f: Finding, code: str | None, expected: Mapping[str, Any]) -> bool:
    if code is not None and f.rule != code.upper():
        return False
    for key, value in expected.items():
        if key == "message_contains":
            if value not in f.message:
                return False
        elif key == "severity":
            if (f.severity.value if f.severity else None) != Severity(value).value:
                return False
        elif key == "cells":
            if not set(value) <= set(f.cells):
                return False
        elif getattr(f, key) != value:
            return False
    return True


def _criteria(line: int | None, section: str | None, **more: Any) -> dict[str, Any]:
    found = {k: v for k, v in (("line", line), ("section", section), *more.items()) if v is not None}
    unknown = set(found) - {"line", "section", "table", "page", "column", "severity", "message_contains", "cells"}
    if unknown:
        raise TypeError(f"unknown criteria: {', '.join(sorted(unknown))}")
    return found


def assert_finding(findings: Sequence[Finding], code: str, *, line: int | None = None, section: str | None = None,
                   count: int | None = None, **criteria: Any) -> Finding:
    """Assert a finding of rule ``code`` (at ``line``, in ``section`` 一…六, and any of ``table``, ``page``,
    ``column``, ``severity``, ``message_contains``, ``cells`` ⊆) exists — exactly ``count`` of them when
    given — and return the first."""
    wanted = _criteria(line, section, **criteria)
    hits = [f for f in findings if _matches(f, code, wanted)]
    what = " ".join([code.upper(), *(f"{k}={v!r}" for k, v in wanted.items())])
    if not hits or (count is not None and len(hits) != count):
        expected = f"{count} finding(s)" if count is not None else "a finding"
        raise AssertionError(f"expected {expected} {what}, got {len(hits)}; findings:\n{describe_findings(findings)}")
    return hits[0]


def assert_no_findings(findings: Sequence[Finding], code: str | None = None) -> None:
    """Assert there are no findings (of rule ``code`` when given)."""
    hits = [f for f in findings if code is None or f.rule == code.upper()]
    if hits:
        which = f" of {code.upper()}" if code else ""
        raise AssertionError(f"expected no findings{which}, got {len(hits)}:\n{describe_findings(hits)}")


def assert_findings(findings: Sequence[Finding],
                    expected: Iterable[str | tuple[Any, ...] | Mapping[str, Any]]) -> None:
    """Assert exactly these findings, in document order.  Each expectation is a code (``"EX101"``), a tuple
    ``(code, line)`` or ``(code, line, section)`` (``None`` for "any"), or a mapping with ``rule`` and any
    criteria of ``assert_finding``."""
    wanted: list[tuple[str, dict[str, Any]]] = []
    for item in expected:
        if isinstance(item, str):
            wanted.append((item, {}))
        elif isinstance(item, tuple):
            code, *rest = item
            line = rest[0] if len(rest) > 0 else None
            section = rest[1] if len(rest) > 1 else None
            wanted.append((code, _criteria(line, section)))
        else:
            spec = dict(item)
            code = spec.pop("rule")
            wanted.append((code, _criteria(spec.pop("line", None), spec.pop("section", None), **spec)))
    problems = []
    if len(findings) != len(wanted):
        problems.append(f"expected {len(wanted)} finding(s), got {len(findings)}")
    for i, ((code, criteria), f) in enumerate(zip(wanted, findings, strict=False)):
        if not _matches(f, code, criteria):
            shown = " ".join([code, *(f"{k}={v!r}" for k, v in criteria.items())])
            problems.append(f"finding {i + 1}: expected {shown}, got {f.rule} line={f.line} section={f.section!r}")
    if problems:
        raise AssertionError("; ".join(problems) + f"\nfindings:\n{describe_findings(findings)}")


def assert_valid_rule(rule: type[Rule]) -> None:
    """Assert a rule class meets the contract: metadata (with a problem statement), a known category, the four
    docstring parts in order, parameters with defaults, and a code of letters then digits (e.g. ``EX101``)."""
    problem = rule.validate()
    if problem:
        raise AssertionError(f"{rule.__name__}: {problem}")
    if not re.fullmatch(r"[A-Z]{1,4}\d{3}", rule.code):
        raise AssertionError(f"{rule.__name__}: code {rule.code!r} should be 1–4 capital letters and 3 digits")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name):
        raise AssertionError(f"{rule.__name__}: name {rule.name!r} should be kebab-case English")
    if rule.category not in CATEGORIES:
        raise AssertionError(f"{rule.__name__}: category {rule.category!r} not one of {sorted(CATEGORIES)}")
    doc = inspect.cleandoc(rule.__doc__ or "")
    found = [line.strip() for line in doc.splitlines() if line.strip() in _PARTS]
    if found != list(_PARTS):
        raise AssertionError(f"{rule.__name__}: docstring parts {found}, expected {list(_PARTS)} in that order, "
                             "each heading alone on its line")
    if not isinstance(rule.severity, Severity):
        raise AssertionError(f"{rule.__name__}: severity should be a xxgk_lint.core.model.Severity")
    if not rule.problem:
        raise AssertionError(f"{rule.__name__}: problem should say in one Chinese line what is wrong when the rule "
                             "fires (finding headers and the review memo show it; summary says what is required)")
