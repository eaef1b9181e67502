from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.structure import CANONICAL_NUMBER, heading_like, section_kind

from ._outline import STYLE_NAMES, section_walks, shown_marker

_SYSTEM = {"cjk": "汉字数字（“一、”式）", "arabic": "阿拉伯数字（“1、”式）"}
_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


@dataclass(frozen=True)
class _Top:
    """A section heading with the numbering style it is written in."""

    style: str
    text: str
    span: Span
    number: str | None  # the section it heads: 一…六


class OneNumberingSystemPerLevel(Rule):
    """检查内容
    同一层级的标题使用同一种编号体例：六个部分的标题统一用“一、”或统一用“1、”；同一部分内的下一级标题统一用
    “（一）”或统一用“（1）”。报告第一个使用了另一种体例、却接续前面编号的标题（“一、二、3、”“（一）（二）3.”），
    每个范围一条。重新从 1 开始的编号是下一级的条目（“（一）…… 1.…… 2.……”），不是体例混用；表格行不是标题。
    部分标题混用为错误；下级标题的层级靠编号推断，混用报告为警告。

    为什么
    编号体例混用通常是拼接不同来源的文字时留下的，读者无法分辨层级，也说明报告未经统一校对。国家格式的
    六个部分用“一、”至“六、”编号。

    不符合的示例
        一、总体情况
        （一）主动公开情况
        （二）依申请公开情况
        3.政府信息管理情况        ← 应为（三）

    符合的示例
        一、总体情况
        （一）主动公开情况
        1.加强组织领导
        2.完善制度
        （二）依申请公开情况
    """

    code = "N101"
    name = "one-numbering-system-per-level"
    summary = "同级标题编号体例一致（“一、”与“1、”、“（一）”与“（1）”不混用）"
    problem = "同级标题的编号体例混用"
    category = "numbering"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        yield from self._sections(report)
        for section, walk in section_walks(report):
            if not walk.breaks or walk.first_style is None:
                continue
            first = walk.breaks[0]
            h = first.heading
            more = f"；本部分另有 {len(walk.breaks) - 1} 处同样的问题" if len(walk.breaks) > 1 else ""
            text = report.text[h.span.start:h.span.end][:40]
            yield Finding(
                self.code, self.category,
                f"第{section.number or '？'}部分的下级标题使用“{STYLE_NAMES[walk.first_style]}”式编号，"
                f"“{text}”却改用“{STYLE_NAMES[h.style]}”式接续编号（按前文应为"
                f"“{shown_marker(first.first_style, first.expected)}”）{more}",
                severity=Severity.WARNING,  # which items are sub-headings and which a nested list is inferred
                span=h.span, section=section.number,
                evidence={"text": text, "first_style": walk.first_style, "style": h.style,
                          "count": len(walk.breaks)},
                key=f"sub:{section.kind.value if section.kind else section.number}:{h.style}",
            )

    def _sections(self, report: Report) -> Iterator[Finding]:
        tops = _section_headings(report)
        if not tops:
            return
        first = tops[0].style
        odd = [t for t in tops if t.style != first]
        if not odd:
            return
        more = f"；另有 {len(odd) - 1} 个部分标题同样" if len(odd) > 1 else ""
        shown = report.text[odd[0].span.start:odd[0].span.end][:40]
        yield Finding(
            self.code, self.category,
            f"六个部分的标题使用{_SYSTEM[first]}编号（“{tops[0].text[:20]}”），"
            f"“{shown}”却改用{_SYSTEM[odd[0].style]}编号{more}",
            span=odd[0].span, section=odd[0].number,
            evidence={"text": shown, "first_style": first, "style": odd[0].style, "count": len(odd)},
            key=f"sections:{odd[0].style}",
        )


def _section_headings(report: Report) -> list[_Top]:
    """The six section headings with their styles, plus a heading written in the other style that the core
    left out of the sections because of it (``3、收到和处理政府信息公开申请情况`` among 一、二、四、…): it has a
    section's wording, its number is the canonical one and no section of that kind was found."""
    tops: list[_Top] = []
    starts = {s.span.start for s in report.sections}
    for s in report.sections:
        style = "arabic" if s.heading[:1].isdigit() else "cjk"
        tops.append(_Top(style, s.heading, s.heading_span, s.number))
    kinds = {s.kind for s in report.sections if s.kind is not None}
    for h in report.headings:
        if h.level != 1 or h.span.start in starts or h.marker.startswith("第") or not heading_like(h.text):
            continue
        kind: SectionKind | None = section_kind(h.text)
        if kind is None or kind in kinds or h.number != _ORDINAL[CANONICAL_NUMBER[kind]]:
            continue
        tops.append(_Top(h.style, h.marker + h.text, h.span, CANONICAL_NUMBER[kind]))
    tops.sort(key=lambda t: t.span.start)
    return tops

