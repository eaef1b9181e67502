"""Run the enabled rules over one report: locate, order and fingerprint their findings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .fingerprint import assign_fingerprints
from .limits import TimeBudget, current
from .model import CATEGORIES, Finding, Report, Severity, Span
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
    who = f"{active.plugin}:{rule.code}"
    seconds = current().rule_seconds
    produced: list[Finding] = []
    with TimeBudget(seconds) as budget:
        try:
            for item in rule().check(report, active.setting.params):
                produced.append(item)
                if len(produced) > MAX_FINDINGS_PER_RULE:
                    return [], RunError(who, f"{report.path}: 规则 {rule.code}（{active.plugin}）产生了超过 "
                                             f"{MAX_FINDINGS_PER_RULE} 条结果，已全部忽略")
        except (Exception, SystemExit) as exc:  # a crashing rule is reported, the others still run
            return [], RunError(who, f"{report.path}: 规则 {rule.code} 运行出错：{type(exc).__name__}: {exc}")
    if budget.exceeded:
        return [], RunError(who, f"{report.path}: 规则 {rule.code}（{active.plugin}）运行超时（超过 {seconds} 秒），"
                                 "结果已忽略；可在 xxgk.toml 的 [limits] 中调大 rule_seconds")
    produced, bad = _valid(report, produced)
    if bad:
        return [], RunError(who, f"{report.path}: 规则 {rule.code}（{active.plugin}）返回了无效的结果，已全部忽略："
                                 f"{bad}")
    for f in produced:
        if f.severity is None:
            f.severity = active.setting.severity
        if f.category not in CATEGORIES:
            f.category = rule.category
        _locate(report, f)
    return produced, None


#: More findings than this from one rule on one report is a runaway rule, not a report's defects.
MAX_FINDINGS_PER_RULE = 10_000


def _valid(report: Report, produced: list[Finding]) -> tuple[list[Finding], str]:
    """The findings, or why they are not: a third-party rule may yield anything, and one bad object would
    otherwise crash the sorting, fingerprinting or an output format far from the rule that made it."""
    for i, f in enumerate(produced):
        problem = _problem(report, f)
        if problem:
            return [], f"第 {i + 1} 项{problem}"
    return produced, ""


def _problem(report: Report, f: object) -> str:
    if not isinstance(f, Finding):
        return f"不是 Finding，而是 {type(f).__name__}"
    if not isinstance(f.rule, str) or not isinstance(f.message, str) or not f.message:
        return "的 rule 或 message 不是非空字符串"
    if f.severity is not None and not isinstance(f.severity, Severity):
        return f"的 severity 应为 Severity 或 None，实际为 {f.severity!r}"
    span = f.span
    if span is not None and not (isinstance(span, Span) and isinstance(span.start, int) and isinstance(span.end, int)
                                 and 0 <= span.start <= span.end <= len(report.text)):
        return f"的 span 不在报告正文范围内：{f.span!r}"
    for name in ("section", "key", "category"):
        value = getattr(f, name)
        if value is not None and not isinstance(value, str):
            return f"的 {name} 应为字符串，实际为 {value!r}"
    for name in ("table", "page"):
        value = getattr(f, name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return f"的 {name} 应为整数，实际为 {value!r}"
    if not isinstance(f.cells, tuple | list) or not all(isinstance(c, str) for c in f.cells):
        return "的 cells 应为字符串元组"
    if not isinstance(f.evidence, dict):
        return "的 evidence 应为字典"
    try:
        json.dumps(f.evidence, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        return f"的 evidence 不能写成 JSON（{exc}）"
    return ""


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
