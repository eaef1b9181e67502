"""Declarative checks from rulesets (``[[check]]``), turned into ordinary rules.

Provinces and cities add requirements without Python: each ``kind`` (require, forbid, substitute,
consistency, conditional, identity, deadline, max-length) is a small pure function over the report, and a
check becomes a ``Rule`` subclass so the engine, outputs, waivers and docs treat it like any built-in rule.
Patterns are compiled once when the ruleset is loaded; a bad pattern is a configuration error naming the check.
Patterns are Python regular expressions matched on the width-folded text (full-width letters and digits read as
half-width); ``\\b`` is refused because it never matches between Chinese characters, and nested unbounded
repeats such as ``(a+)+`` because they can backtrack for ever (core/regexsafety.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .bodies import BodyKind, classify_body, is_government
from .labels import human_date
from .model import Finding, Report, Section, Severity, Span
from .regexsafety import nested_quantifier
from .rules import Rule
from .ruleset import ConfigError

Check = Callable[[Report, Mapping[str, Any], "_Spec"], Iterator[Finding]]
_FORMAT_FIELDS = re.compile(r"\{(\w+)\}")


class _Spec:
    """A validated check: its settings and compiled patterns."""

    def __init__(self, raw: Mapping[str, Any]):
        self.raw = raw
        self.code: str = raw["code"]
        self.kind: str = raw["kind"]
        self.message: str = raw["message"]
        self.sections: list[str] = [s for s in raw.get("sections", []) if s != "全文"]
        self.patterns: dict[str, re.Pattern[str] | list[re.Pattern[str]]] = {}
        for key in ("pattern", "if_pattern", "then"):
            if key in raw:
                self.patterns[key] = self._compile(raw[key], key)
        for key in ("except", "variants"):
            if key in raw:
                self.patterns[key] = [self._compile(p, key) for p in raw[key]]
        if "swap" in raw:
            self.patterns["swap"] = [self._compile(p, "swap") for p in raw["swap"]]

    def at(self, key: str) -> str:
        """File, line of ``key`` (of the check when unknown) and the check's code, for error messages."""
        line = self.raw.get("_lines", {}).get(key) or self.raw.get("_line") or "?"
        return f"{self.raw.get('_file', '规则集')}: 第 {line} 行，check {self.code}"

    def _compile(self, pattern: str, key: str) -> re.Pattern[str]:
        if "\\b" in pattern or "\\B" in pattern:
            raise ConfigError(f"{self.at(key)}：{key} 使用了 \\b，它在汉字之间不起作用；请改用明确的字符或前后文")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{self.at(key)}：{key} 不是有效的正则表达式（{exc}）：{pattern!r}") from exc
        danger = nested_quantifier(pattern)
        if danger:
            raise ConfigError(f"{self.at(key)}：{key} 的正则表达式可能回溯失控（{danger}，如 (a+)+），"
                              f"对长文本会长时间卡住：{pattern!r}；请去掉内层的重复，或改用占有量词（a++）"
                              "或原子组（(?>…)），见 docs/rulesets.md“被拒绝的正则表达式”")
        return compiled

    def format(self, **values: Any) -> str:
        """The message with {placeholders} filled; unknown placeholders are left as written."""
        return _FORMAT_FIELDS.sub(lambda m: str(values.get(m.group(1), m.group(0))), self.message)


def _regions(report: Report, sections: list[str]) -> list[tuple[Section | None, Span]]:
    if not sections:
        return [(None, Span(0, len(report.text)))]
    return [(s, Span(s.heading_span.end, s.span.end)) for s in report.sections if s.number in sections]


def _finditer(pattern: re.Pattern[str], report: Report, span: Span) -> Iterator[re.Match[str]]:
    return pattern.finditer(report.folded, span.start, span.end)


def _require(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    pattern = spec.patterns["pattern"]
    assert isinstance(pattern, re.Pattern)
    low, high = spec.raw.get("min", 1), spec.raw.get("max")
    regions = _regions(report, spec.sections)
    if spec.sections and not regions:
        return  # the section itself is missing: S101 reports that
    for section, span in regions:
        count = sum(1 for _ in _finditer(pattern, report, span))
        if count < low or (high is not None and count > high):
            shown_max = "不限" if high is None else high
            yield Finding(spec.code, "", spec.format(count=count, min=low, max=shown_max, section=_name(section)),
                          span=section.heading_span if section else None,
                          section=section.number if section else None,
                          evidence={"count": count, "min": low, "max": high},
                          key=(section.number or "") if section else "")


def _forbid(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    pattern = spec.patterns["pattern"]
    exceptions = spec.patterns.get("except", [])
    assert isinstance(pattern, re.Pattern) and isinstance(exceptions, list)
    for _, span in _regions(report, spec.sections):
        for m in _finditer(pattern, report, span):
            if any(_inside_exception(e, report, m) for e in exceptions):
                continue
            found = report.text[m.start():m.end()]
            yield Finding(spec.code, "", spec.format(found=found), span=Span(m.start(), m.end()),
                          evidence={"text": found}, key=found)


def _inside_exception(exception: re.Pattern[str], report: Report, m: re.Match[str]) -> bool:
    """An exception pattern that matches around the forbidden text (within 30 characters) excuses it."""
    window = Span(max(0, m.start() - 30), min(len(report.text), m.end() + 30))
    return any(e.start() <= m.start() and m.end() <= e.end() for e in _finditer(exception, report, window))


def _substitute(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    observed = spec.patterns["swap"]
    assert isinstance(observed, list)
    for (_, expected), pattern in zip(spec.raw["swap"].items(), observed, strict=True):
        for _, span in _regions(report, spec.sections):
            for m in _finditer(pattern, report, span):
                found = report.text[m.start():m.end()]
                yield Finding(spec.code, "", spec.format(found=found, expected=expected),
                              span=Span(m.start(), m.end()), evidence={"text": found, "expected": expected},
                              key=found)


def _consistency(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    variants = spec.patterns["variants"]
    assert isinstance(variants, list)
    seen: list[list[re.Match[str]]] = []
    for pattern in variants:
        matches = [m for _, span in _regions(report, spec.sections) for m in _finditer(pattern, report, span)]
        seen.append(matches)
    used = [(i, m) for i, m in enumerate(seen) if m]
    if len(used) < 2:
        return
    main = max(used, key=lambda item: (len(item[1]), -item[0]))[0]
    main_text = report.text[seen[main][0].start():seen[main][0].end()]
    for i, matches in used:
        if i == main:
            continue
        for m in matches:
            found = report.text[m.start():m.end()]
            yield Finding(spec.code, "", spec.format(found=found, expected=main_text), span=Span(m.start(), m.end()),
                          evidence={"text": found, "expected": main_text}, key=found)


def _conditional(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    trigger: Span | None = None
    if "if_pattern" in spec.patterns:
        pattern = spec.patterns["if_pattern"]
        assert isinstance(pattern, re.Pattern)
        m = next((m for _, span in _regions(report, spec.sections) for m in _finditer(pattern, report, span)), None)
        if m is None:
            return
        trigger = Span(m.start(), m.end())
    if "if_cell" in spec.raw:
        cell = report.cell(spec.raw["if_cell"])
        if cell is None or not isinstance(cell.value, int | float) or cell.value <= 0:
            return
        trigger = trigger or cell.provenance.span
    then = spec.patterns["then"]
    assert isinstance(then, re.Pattern)
    then_sections = [s for s in spec.raw.get("then_sections", []) if s != "全文"]
    targets = _regions(report, then_sections)
    if then_sections and not targets:
        return  # the section to look in is missing: S101 reports that
    if any(True for _, span in targets for _ in _finditer(then, report, span)):
        return
    found = report.text[trigger.start:trigger.end] if trigger else ""
    yield Finding(spec.code, "", spec.format(found=found), span=trigger, evidence={"text": found}, key="")


_TERM = re.compile(r"\s*([+-]?)\s*(t[234]\.[a-z_.]+|\d+(?:\.\d+)?)")


def _parse_side(side: str, spec: _Spec) -> list[tuple[int, str]]:
    terms: list[tuple[int, str]] = []
    pos = 0
    side = side.strip()
    while pos < len(side):
        m = _TERM.match(side, pos)
        if m is None or (terms and not m.group(1)):
            raise ConfigError(
                f"{spec.at('expression')}：expression 只能由单元格编号、数字和 + - 组成：{spec.raw['expression']!r}")
        terms.append((-1 if m.group(1) == "-" else 1, m.group(2)))
        pos = m.end()
    if not terms:
        raise ConfigError(f"{spec.at('expression')}：expression 的一边为空：{spec.raw['expression']!r}")
    return terms


def _identity(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    left_text, right_text = spec.raw["expression"].split("=")
    sides = [_parse_side(left_text, spec), _parse_side(right_text, spec)]
    values: dict[str, float] = {}
    totals = []
    cells = []
    for side in sides:
        total = 0.0
        for sign, term in side:
            if term.startswith("t"):
                cell = report.cell(term)
                if cell is None or cell.value is None:
                    return  # absent or blank: B101/T102 report it, no arithmetic verdict
                values[term] = cell.value
                cells.append(cell)
                total += sign * cell.value
            else:
                total += sign * float(term)
        totals.append(total)
    if abs(totals[0] - totals[1]) <= spec.raw.get("tolerance", 0):
        return
    shown = {k: (int(v) if float(v).is_integer() else v) for k, v in values.items()}
    left, right = (int(t) if t.is_integer() else t for t in totals)
    spans = [c.provenance.span for c in cells if c.provenance.span is not None]
    span = Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None
    yield Finding(spec.code, "", spec.format(left=left, right=right, expression=spec.raw["expression"]),
                  span=span, table=int(cells[0].id[1]) if cells else None, cells=tuple(values),
                  evidence={"expression": spec.raw["expression"], "values": shown, "left": left, "right": right})


def _deadline(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    which = spec.raw.get("date", "publication")
    date = report.publication_date if which == "publication" else report.signoff_date
    if date is None or report.year is None:
        return
    kind = classify_body(report.organization)
    deadlines = spec.raw["deadlines"]
    # the body's own kind first (province/city/county/department/township), then "government" for the three
    # levels of 人民政府 together, then "default"
    keys = [kind.value, *(["government"] if is_government(kind) else []), "default"]
    limit_text = next((deadlines[k] for k in keys if k in deadlines), None)
    if limit_text is None:
        return
    month, day = map(int, limit_text.split("-"))
    limit = dt.date(report.year + 1, month, day)
    if dt.date.fromisoformat(date) <= limit:
        return
    span = report.signoff_span if which == "signoff" else None
    yield Finding(spec.code, "", spec.format(date=human_date(date), deadline=human_date(limit.isoformat()),
                                                 body_kind=BODY_NAMES[kind]),
                  span=span, evidence={"date": date, "deadline": limit.isoformat(), "body_kind": kind.value},
                  key=which)


#: How {body_kind} reads in a message.
BODY_NAMES: dict[BodyKind, str] = {
    BodyKind.PROVINCE: "省级人民政府",
    BodyKind.CITY: "市人民政府",
    BodyKind.COUNTY: "县（区）人民政府",
    BodyKind.TOWNSHIP: "乡镇人民政府（街道办事处）",
    BodyKind.DEPARTMENT: "政府部门",
    BodyKind.UNKNOWN: "机关",
}


def _max_length(report: Report, params: Mapping[str, Any], spec: _Spec) -> Iterator[Finding]:
    limit = spec.raw["max"]
    for section, span in _regions(report, spec.sections):
        length = sum(1 for ch in report.text[span.start:span.end] if not ch.isspace())
        if length > limit:
            yield Finding(spec.code, "", spec.format(length=length, max=limit, section=_name(section)),
                          span=section.heading_span if section else None,
                          section=section.number if section else None,
                          evidence={"length": length, "max": limit}, key=(section.number or "") if section else "")


def _name(section: Section | None) -> str:
    return section.heading if section else "全文"


KINDS: dict[str, Check] = {
    "require": _require,
    "forbid": _forbid,
    "substitute": _substitute,
    "consistency": _consistency,
    "conditional": _conditional,
    "identity": _identity,
    "deadline": _deadline,
    "max-length": _max_length,
}


#: what is wrong when a check of each kind fires, for checks whose ruleset gives no ``problem`` of its own
PROBLEMS = {
    "require": "缺少规定应写明的内容",
    "forbid": "出现了不应出现的内容",
    "substitute": "使用了不规范的用语",
    "consistency": "同一报告中写法不一致",
    "conditional": "缺少与前文内容相应的说明",
    "identity": "统计表数值不满足规定的关系",
    "deadline": "日期晚于规定的期限",
    "max-length": "该部分篇幅超过规定字数",
}


def declared_rule(raw: Mapping[str, Any], ruleset_name: str) -> type[Rule]:
    """A Rule class for one ``[[check]]``; its docstring is built from the check's own fields."""
    spec = _Spec(raw)
    if spec.kind == "identity":
        left, right = spec.raw["expression"].split("=")
        _parse_side(left, spec)
        _parse_side(right, spec)
    check = KINDS[spec.kind]
    category = raw.get("category", "regional")
    source = raw.get("source", "")

    def run(self: Rule, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for finding in check(report, params, spec):
            finding.category = category
            yield finding

    doc = (f"检查内容\n{_describe(raw)}\n\n为什么\n{source or '规则集 ' + ruleset_name + ' 的要求。'}\n\n"
           f"不符合的示例\n    {raw.get('example_bad', '（见规则集文件）')}\n\n"
           f"符合的示例\n    {raw.get('example_good', '（见规则集文件）')}\n")
    attrs = {
        "__doc__": doc,
        "__module__": f"xxgk_lint.rulesets.{ruleset_name}",
        "code": spec.code,
        "name": raw.get("name", f"{ruleset_name}-{spec.code.lower()}"),
        "summary": raw.get("summary", raw["message"].split("：")[0][:40]),
        "problem": raw.get("problem", PROBLEMS[spec.kind]),
        "category": category,
        "severity": Severity(raw.get("severity", "warning")),
        "check": run,
    }
    return type(f"Declared{spec.code}", (Rule,), attrs)


def _describe(raw: Mapping[str, Any]) -> str:
    where = "、".join(raw.get("sections", [])) or "全文"
    kind = raw["kind"]
    if kind == "require":
        return f"第{where}部分须出现 /{raw['pattern']}/ 至少 {raw.get('min', 1)} 次" + (
            f"、至多 {raw['max']} 次" if "max" in raw else "") + "。"
    if kind == "forbid":
        return f"{where}不得出现 /{raw['pattern']}/。"
    if kind == "substitute":
        return "应使用规范用语：" + "；".join(f"/{k}/ → {v}" for k, v in raw["swap"].items()) + "。"
    if kind == "consistency":
        return "同一报告只能使用以下写法之一：" + "、".join(f"/{v}/" for v in raw["variants"]) + "。"
    if kind == "conditional":
        cond = f"/{raw['if_pattern']}/ 出现" if "if_pattern" in raw else f"单元格 {raw['if_cell']} 大于 0"
        return f"{cond}时，须同时出现 /{raw['then']}/。"
    if kind == "identity":
        return f"统计表须满足 {raw['expression']}（允许误差 {raw.get('tolerance', 0)}）。"
    if kind == "deadline":
        names = {**{k.value: v for k, v in BODY_NAMES.items()}, "government": "各级人民政府", "default": "其他机关"}
        dates = "；".join(f"{names.get(k, k)}次年 {v} 前" for k, v in raw["deadlines"].items())
        return f"{'公开日期' if raw.get('date', 'publication') == 'publication' else '落款日期'}不得晚于：{dates}。"
    return f"第{where}部分不超过 {raw['max']} 字（不计空白）。"
