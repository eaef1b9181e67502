"""Run the enabled rules over one report: locate, order and fingerprint their findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .fingerprint import assign_fingerprints
from .model import CATEGORIES, Finding, Report
from .reporting import RunError
from .rules import Rule
from .ruleset import RuleSetting


@dataclass(frozen=True)
class ActiveRule:
    rule: type[Rule]
    setting: RuleSetting
    plugin: str


def lint_report(report: Report, rules: Sequence[ActiveRule]) -> tuple[list[Finding], list[RunError]]:
    findings: list[Finding] = []
    errors: list[RunError] = []
    for active in rules:
        found, error = run_rule(report, active)
        findings += found
        errors += [error] if error else []
    return finish(report, findings), errors


def run_rule(report: Report, active: ActiveRule) -> tuple[list[Finding], RunError | None]:
    """One rule's located findings (the review TUI runs rules one at a time to show progress)."""
    rule = active.rule
    if report.format_version not in rule.versions:
        return [], None
    try:
        produced = list(rule().check(report, active.setting.params))
    except Exception as exc:  # a crashing rule is reported, the others still run
        return [], RunError(f"{active.plugin}:{rule.code}",
                            f"{report.path}: 规则 {rule.code} 运行出错：{type(exc).__name__}: {exc}")
    for f in produced:
        if f.severity is None:
            f.severity = active.setting.severity
        if f.category not in CATEGORIES:
            f.category = rule.category
        _locate(report, f)
    return produced, None


def finish(report: Report, findings: list[Finding]) -> list[Finding]:
    """Document order and fingerprints once every rule has run; the shared analyses are dropped."""
    report.forget_memo()
    findings.sort(key=lambda f: (f.span.start if f.span else len(report.text), f.rule))
    assign_fingerprints(findings)
    return findings


def _locate(report: Report, f: Finding) -> None:
    if f.span is None:
        return
    where = report.locate(f.span)
    f.line, f.column, f.end_line, f.end_column = where.line, where.column, where.end_line, where.end_column
    f.page = f.page or where.page
    if f.section is None:
        section = report.section_at(f.span.start)
        f.section = section.number if section else None
