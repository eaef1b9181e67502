from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import SECTION_ORDER, Finding, Location, Report, SectionKind
from xxgk_lint.core.rules import Rule

CANONICAL_HEADINGS: dict[SectionKind, str] = {
    SectionKind.OVERVIEW: "总体情况",
    SectionKind.PROACTIVE: "主动公开政府信息情况",
    SectionKind.REQUESTS: "收到和处理政府信息公开申请情况",
    SectionKind.REVIEW_LITIGATION: "政府信息公开行政复议、行政诉讼情况",
    SectionKind.PROBLEMS: "存在的主要问题及改进情况",
    SectionKind.OTHER: "其他需要报告的事项",
}
_POSITION = {kind: i for i, (_, kind) in enumerate(SECTION_ORDER)}
_NUMBER = {kind: number for number, kind in SECTION_ORDER}


class SectionsPresentInOrder(Rule):
    """检查内容
    年度报告必须包含国家格式规定的六个部分（一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
    四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项），每部分只出现一次，
    并按此顺序排列。标题措辞的常见变体（如“因政府信息公开工作被申请行政复议、提起行政诉讼情况”“存在问题及改进情况”）
    视为同一部分。

    为什么
    《政府信息公开条例》第五十条规定了年度报告的内容，国办公开办函〔2021〕30号规定了统一格式。缺少部分即内容不全；
    重复出现的部分通常是套用上年报告时留下的旧文字。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        武陟县小董乡人民政府 2022 年政府信息公开工作年度报告
        一、总体情况            ← 重复
        二、主动公开政府信息情况
        ……（缺少“五、存在的主要问题及改进情况”）

    符合的示例
        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    """

    code = "S101"
    name = "sections-present-in-order"
    summary = "六个部分齐全、各出现一次且顺序正确"
    problem = "六个部分不全、重复或顺序不对"
    category = "structure"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        sections = [s for s in report.sections if s.kind is not None]
        if not sections:
            yield Finding(self.code, self.category,
                          "未识别到国家格式规定的任何部分标题（一、总体情况 …… 六、其他需要报告的事项）", key="none")
            return
        first_seen: dict[SectionKind, Location] = {}
        furthest: tuple[int, str] | None = None
        for s in sections:
            assert s.kind is not None
            where = report.locate(s.heading_span)
            if s.kind in first_seen:
                yield Finding(
                    self.code, self.category,
                    f"第{_NUMBER[s.kind]}部分“{CANONICAL_HEADINGS[s.kind]}”重复出现（前文已有同一部分），"
                    "可能是上年报告的遗留文字",
                    span=s.heading_span, section=s.number,
                    evidence={"text": s.heading, "first_line": first_seen[s.kind].line,
                              "first_page": first_seen[s.kind].page},
                    key=f"duplicate:{s.kind.value}",
                )
                continue
            first_seen[s.kind] = where
            pos = _POSITION[s.kind]
            if furthest is not None and pos < furthest[0]:
                yield Finding(
                    self.code, self.category,
                    f"“{s.heading}”出现在“{furthest[1]}”之后，顺序不符合国家格式（应为第{_NUMBER[s.kind]}部分）",
                    span=s.heading_span, section=s.number, evidence={"text": s.heading},
                    key=f"order:{s.kind.value}",
                )
            elif furthest is None or pos > furthest[0]:
                furthest = (pos, s.heading)
        for number, kind in SECTION_ORDER:
            if kind not in first_seen:
                yield Finding(
                    self.code, self.category,
                    f"缺少第{number}部分“{CANONICAL_HEADINGS[kind]}”",
                    section=number, evidence={"expected": f"{number}、{CANONICAL_HEADINGS[kind]}"},
                    key=f"missing:{kind.value}",
                )
