from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span
from xxgk_lint.core.rules import Rule

from ._yod import (
    OPENING_YEAR,
    SENTENCE_STOPS,
    YEAR,
    bounds,
    context_key,
    inside,
    paragraph_starts,
    quoted_spans,
    section_opening,
    sentence_starts,
    skipped_lines,
    year_value,
)

#: A sentence that looks back on purpose: last year's report, its problems, a comparison with last year, a past
#: distinction ("2018 年，我县被确定为…试点县").
_LOOKING_BACK = re.compile(
    r"上年|去年|上一年|年报|年度报告|报告中|提出|指出|整改|同比|相比|对比|较上|增长|下降|减少|增加|以前"
    r"|被(?:确定|列为|评为|命名)|获评|荣获|入选"
)
#: "今年（2022年）", "本年度（2022年）", "2022年（本年度）": this year named as another year.
_THIS_YEAR_AS = re.compile(
    rf"(?P<word>今年|本年度|本年)[ \t]*(?:\(|即)[ \t]*(?P<year>{YEAR})[ \t]*年度?(?:[ \t]*\))?"
    rf"|(?P<year2>{YEAR})[ \t]*年度?[ \t]*\([ \t]*(?P<word2>今年|本年度|本年)[ \t]*\)"
)


#: 总体情况 opening with a relative year word instead of the year: "上一年度，…", "上年度，…", "去年，…".
_RELATIVE_OPENING = re.compile(r"(?P<word>上一年度|上一年|上年度|上年|去年)[ \t]*(?:以来)?[ \t]*[,:]")


class ReportYearInBody(Rule):
    """检查内容
    正文把另一个年度当作本报告的年度来写：第一部分“总体情况”开头的年份（“2022 年，××乡人民政府……”出现在 2023 年
    报告中）；段落或句子以上一年度开头叙述本年工作（“2022 年，我乡……”，也包括“（一）主动公开。2022 年，……”和段落
    中间的“……。2022 年，共收到……”），年份写作“2022年”“2022 年”“2022年度”“二〇二二年”“二○二二年”都算，
    且该句没有回顾上年、对比上年、整改上年问题的
    字样，也不是荣誉等历史事件；“今年（2022 年）”“本年度（2022 年）”等把“今年”写成其他年份。引用上年报告的问题
    （“针对上年度……”）、下一年度的计划（“2024 年将……”）、工作要点等文件名（《2023 年……工作要点》）、文号和日期
    不在此列；独立成行的报告标题由 S104 报告。总体情况以“上一年度”“上年”“去年”开头叙述工作的（一月成文时
    指刚结束的报告年度，读者却会读作报告年度的上一年），报告为警告。段落或句子开头的年份为警告，总体情况开头和
    “今年”的年份为错误。

    为什么
    年度报告只报告一个自然年度的工作。正文沿用上年的年份，说明报告由上年报告改写而未核对，读者会误以为所述
    数字和工作属于另一年度；国办公开办函〔2021〕30号把“内容不准确”“内容雷同”列为问责情形。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        2022 年，小董乡人民政府在县委、县政府的坚强领导下……

    符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        2023 年，小董乡人民政府在县委、县政府的坚强领导下……
        ……针对上年度报告中提出的问题，2023 年落实改进如下……2024 年将着重做好以下工作……
    """

    code = "Y101"
    name = "report-year-in-body"
    summary = "正文把其他年度当作本报告年度（总体情况开头、段首年份、“今年”）"
    problem = "正文把其他年度当作本报告年度"
    category = "year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        skip = skipped_lines(report)
        books = quoted_spans(report.folded)
        reported: set[int] = set()
        for pos in self._overview_openings(report, skip):
            finding = self._opening(report, pos, year, overview=True) or self._relative_opening(report, pos, year)
            if finding is not None:
                reported.add(pos)
                yield finding
        body_start = report.sections[0].span.start if report.sections else 0
        paragraphs = frozenset(paragraph_starts(report))
        starts = set(paragraphs) | {p for p in sentence_starts(report) if p >= body_start}
        for pos in sorted(starts):
            if pos in reported or inside(pos, skip) or inside(pos, books):
                continue
            finding = self._opening(report, pos, year, overview=False, paragraph_set=paragraphs)
            if finding is not None:
                yield finding
        yield from self._this_year(report, year, skip, books)

    @staticmethod
    def _overview_openings(report: Report, skip: list[Span]) -> Iterator[int]:
        for section in report.sections:
            if section.kind is SectionKind.OVERVIEW:
                pos = section_opening(report, section.heading_span.end, section.span.end, skip)
                if pos is not None:
                    yield pos

    def _opening(self, report: Report, pos: int, year: int, *, overview: bool,
                 paragraph_set: frozenset[int] = frozenset()) -> Finding | None:
        m = OPENING_YEAR.match(report.folded, pos)
        if not m:
            return None
        said = year_value(m.group("year"))
        if said is None or said == year:
            return None
        sentence = bounds(report.folded, m.start(), m.end(), SENTENCE_STOPS)
        text = report.text[sentence.start:sentence.end].strip()
        if overview:
            if said < year and m.group("since"):
                return None  # "2021 年以来，…": a period reaching into the report year
            where = "第一部分“总体情况”开头"
            severity = None
        else:
            if said != year - 1 or m.group("since"):
                return None  # older years open paragraphs of history; the next year opens plans
            rest = report.folded[m.end():sentence.end]
            if _LOOKING_BACK.search(rest) or re.search(rf"{year}[ \t]*年", rest):
                return None
            where = "段落开头" if pos in paragraph_set else "句首"
            severity = Severity.WARNING
        phrase = report.text[m.start("year"):m.end() - 1].rstrip()  # without the comma
        span = Span(m.start("year"), m.start("year") + len(phrase))
        return Finding(
            self.code, self.category,
            f"{where}以“{phrase}”叙述本年工作，而报告年度为 {year} 年："
            f"“{_clip(text)}”，疑为沿用其他年度报告的文字",
            severity=severity, span=span,
            evidence={"text": text, "year": said, "report_year": year},
            key=f"opening:{said}:{context_key(report.folded, m.start(), m.end() + 12, 0)}",
        )

    def _relative_opening(self, report: Report, pos: int, year: int) -> Finding | None:
        """"上一年度，本机关……" opening 总体情况: written in January about the year just ended, but the report's
        reader takes 上一年度 for the year before the report year."""
        m = _RELATIVE_OPENING.match(report.folded, pos)
        if not m:
            return None
        word = report.text[m.start("word"):m.end("word")]
        sentence = bounds(report.folded, m.start(), m.end(), SENTENCE_STOPS)
        text = report.text[sentence.start:sentence.end].strip()
        return Finding(
            self.code, self.category,
            f"第一部分“总体情况”开头以“{word}”叙述本年工作：“{_clip(text)}”，而报告年度为 {year} 年，"
            f"“{word}”会被读作 {year - 1} 年，应写明“{year} 年”",
            severity=Severity.WARNING, span=Span(m.start("word"), m.end("word")),
            evidence={"text": text, "word": word, "report_year": year},
            key=f"relative:{word}:{context_key(report.folded, m.start(), m.end() + 12, 0)}",
        )

    def _this_year(self, report: Report, year: int, skip: list[Span], books: list[Span]) -> Iterator[Finding]:
        for m in _THIS_YEAR_AS.finditer(report.folded):
            if inside(m.start(), skip) or inside(m.start(), books):
                continue
            said = year_value(m.group("year") or m.group("year2"))
            if said is None or said == year:
                continue
            word = m.group("word") or m.group("word2")
            text = report.text[m.start():m.end()]
            yield Finding(
                self.code, self.category,
                f"“{text}”把{word}写成 {said} 年，而报告年度为 {year} 年",
                span=Span(m.start(), m.end()),
                evidence={"text": text, "year": said, "report_year": year},
                key=f"this-year:{said}:{context_key(report.folded, m.start(), m.end())}",
            )


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "……"
