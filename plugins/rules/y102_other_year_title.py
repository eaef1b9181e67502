from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span
from xxgk_lint.core.rules import Rule

from ._yod import SENTENCE_STOPS, YEAR, bounds, context_key, inside, skipped_lines, title_mentions, year_value

_HEADING_YEAR = re.compile(rf"(?P<year>{YEAR})[ \t]*年(?P<rest>度?[ \t]*(?:以来)?)")
_HEAD_MAX = 30
#: A work plan's title: 《示例县 2022 年政务公开工作要点》, 《2022年政府信息公开工作要点》.
_WORK_PLAN = re.compile(rf"《[^》\n]{{0,30}}?(?P<year>{YEAR})[ \t]*年[^》\n]{{0,20}}?工作要点[^》\n]{{0,10}}》")
_PLAN_REVIEW = re.compile(r"落实情况|完成情况|总结|评估|自查")
_LOOKS_BACK = re.compile(r"整改|上年|问题|回顾|对比|比较")
#: Sections that report the report year only; 五 and 六 also look back on last year and ahead to the next.
_REPORT_YEAR_SECTIONS = frozenset({SectionKind.OVERVIEW, SectionKind.PROACTIVE, SectionKind.REQUESTS,
                                   SectionKind.REVIEW_LITIGATION})


class OtherYearTitle(Rule):
    """检查内容
    正文或标题行中出现另一年度的报告标题或年份：段落中把另一年度的报告当作本报告（“现将××乡 2022 年政府信息公开
    工作年度报告公布如下”出现在 2023 年报告中）、网页正文中夹在空格之间的另一年度报告标题；部分标题
    （一、…六、）写着另一年度（“一、2022 年总体情况”）；第一至第四部分的小标题写着上一年度（“（一）2022 年主动公开
    情况”）。引用其他文件（《关于编制公布 2022 年政府信息公开工作年度报告有关事项的通知》）、上年报告中提出的问题、
    第五部分标题中的下一年度（“……及 2024 年改进措施”）、说明上年问题整改的小标题不在此列；独立成行的报告标题
    由 S104 报告。正文按上一年度的工作要点（《××县 2022 年政务公开工作要点》出现在 2023 年报告中，不是其落实情况、
    总结）开展本年工作的，报告为警告。

    为什么
    另一年度的报告标题或年份留在正文中，说明报告由其他年度的报告改写而未核对，读者无法确定报告所属年度；
    国办公开办函〔2021〕30号把“内容不准确”“内容雷同”列为问责情形。

    不符合的示例
        （2023 年报告中）根据《条例》要求，现将小董乡 2022 年政府信息公开工作年度报告公布如下。
        一、2022 年总体情况

    符合的示例
        （2023 年报告中）根据《条例》要求，现将小董乡 2023 年政府信息公开工作年度报告公布如下。
        一、总体情况
        2023 年 1 月，按时发布《小董乡 2022 年政府信息公开工作年度报告》。
    """

    code = "Y102"
    name = "other-year-title"
    summary = "正文或部分标题中出现其他年度的报告标题或年份"
    problem = "正文或部分标题中出现了其他年度的报告标题或年份"
    category = "year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        skip = skipped_lines(report)
        findings = [*self._headings(report, year, skip), *self._mentions(report, year, skip),
                    *self._work_plans(report, year, skip)]
        yield from sorted(findings, key=lambda f: f.span.start if f.span else 0)

    def _mentions(self, report: Report, year: int, skip: list[Span]) -> Iterator[Finding]:
        for mention in title_mentions(report, skip):
            if not mention.framed or mention.year is None or mention.year == year:
                continue
            text = report.text[mention.span.start:mention.span.end]
            yield Finding(
                self.code, self.category,
                f"正文中出现 {mention.year} 年的报告标题“{text}”，而本报告为 {year} 年度报告，"
                "疑为沿用其他年度报告的文字",
                span=mention.span, evidence={"text": text, "year": mention.year, "report_year": year},
                key=f"title:{mention.year}:{context_key(report.folded, mention.span.start, mention.span.end, 0)}",
            )

    def _work_plans(self, report: Report, year: int, skip: list[Span]) -> Iterator[Finding]:
        """《示例县 2022 年政务公开工作要点》 cited in a 2023 report: the year's work follows that year's 要点, so
        last year's is text left from last year's report.  Reviews of it (落实情况, 总结) are not."""
        for m in _WORK_PLAN.finditer(report.folded):
            said = year_value(m.group("year"))
            if said != year - 1 or inside(m.start(), skip) or _PLAN_REVIEW.search(m.group()):
                continue
            sentence = bounds(report.folded, m.start(), m.end(), SENTENCE_STOPS)
            if _LOOKS_BACK.search(report.folded, sentence.start, m.start()):
                continue
            text = report.text[m.start():m.end()]
            yield Finding(
                self.code, self.category,
                f"正文引用{said} 年的工作要点{text}，而本报告为 {year} 年度报告，本年度工作应按 {year} 年的工作要点"
                "开展，疑为沿用上年报告的文字",
                severity=Severity.WARNING, span=Span(m.start(), m.end()),
                evidence={"text": text, "year": said, "report_year": year},
                key=f"plan:{said}:{context_key(report.folded, m.start(), m.end(), 0)}",
            )

    def _headings(self, report: Report, year: int, skip: list[Span]) -> Iterator[Finding]:
        for section in report.sections:
            if inside(section.heading_span.start, skip):
                continue
            m = _HEADING_YEAR.search(report.folded, section.heading_span.start, section.heading_span.end)
            said = year_value(m.group("year")) if m else None
            if m is None or said is None or said == year:
                continue
            if said == year + 1 and section.kind in (SectionKind.PROBLEMS, SectionKind.OTHER):
                continue  # "五、存在的主要问题及 2024 年改进措施": next year's plans
            yield self._finding(report, section.heading_span, section.heading, said, year, "部分标题")
        for section in report.sections:
            if section.kind not in _REPORT_YEAR_SECTIONS:
                continue
            for heading in section.subheadings:
                head = re.split(r"[。;:]", heading.text, maxsplit=1)[0]
                if inside(heading.span.start, skip) or len(head) > _HEAD_MAX or "," in head:
                    continue  # a numbered paragraph ("（一）2022 年，我县……"), not a heading: Y101 reads it
                head_end = report.folded.find(head, heading.span.start + len(heading.marker)) + len(head)
                m = _HEADING_YEAR.search(report.folded, heading.span.start, head_end)
                said = year_value(m.group("year")) if m else None
                if m is None or said != year - 1 or "以来" in m.group("rest") or _LOOKS_BACK.search(heading.text):
                    continue  # "（三）2022 年度问题整改情况": last year's problems, on purpose
                text = report.text[heading.span.start:head_end].strip()
                yield self._finding(report, heading.span, text, said, year, "小标题")

    def _finding(self, report: Report, span: Span, text: str, said: int, year: int, what: str) -> Finding:
        return Finding(
            self.code, self.category,
            f"{what}“{text}”写着 {said} 年，而本报告为 {year} 年度报告",
            span=span, evidence={"text": text, "year": said, "report_year": year},
            key=f"heading:{said}:{context_key(report.folded, span.start, span.end, 0)}",
        )
