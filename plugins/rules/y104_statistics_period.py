from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Span
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import cjk_number

from ._yod import SENTENCE_STOPS, YEAR, bounds, context_key, inside, quoted_spans, year_value

_S = r"[ \t]*"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_RANGE = re.compile(
    rf"(?P<y1>{YEAR}){_S}年{_S}(?P<m1>{_NUM}){_S}月{_S}(?P<d1>{_NUM}){_S}日{_S}(?:起)?{_S}"
    rf"(?:至|到|—|–|-|~|～|－)+{_S}(?:(?P<y2>{YEAR}){_S}年{_S})?(?P<m2>{_NUM}){_S}月{_S}(?P<d2>{_NUM}){_S}日"
    rf"|(?P<dy1>{YEAR})[./](?P<dm1>\d{{1,2}})[./](?P<dd1>\d{{1,2}}){_S}(?:至|到|—|–|-|~|～)+{_S}"
    rf"(?P<dy2>{YEAR})[./](?P<dm2>\d{{1,2}})[./](?P<dd2>\d{{1,2}})(?!\d)"
)
_WHOLE_YEAR = re.compile(
    rf"(?:统计|报告)(?:期限|时限|期间|周期|区间|时段|时间|范围|年度)[为是:]?{_S}(?P<year>{YEAR}){_S}年度?"
    r"(?![ \t\d一二三四五六七八九十]*月)"
)
#: Words saying that the date range after them is the statistics period of the report's data ("据统计，…" is not).
_PERIOD_WORDS = re.compile(
    r"(?:统计|数据)(?:的)?(?:期限|时限|期间|周期|区间|时段|时间|范围|期|口径|截止时间)|报告期|所列数据"
)
_LEAD_GAP = 12


def _num(token: str | None) -> int | None:
    if token is None:
        return None
    return int(token) if token.isdigit() else cjk_number(token)


class StatisticsPeriod(Rule):
    """检查内容
    报告写明的数据统计期限（“本报告所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止”“数据统计时限为
    2023 年 1 月 1 日至 2023 年 12 月 31 日”“统计期限为 2023 年度”）不是报告年度，或不是完整的自然年度（1 月 1 日至
    12 月 31 日）。只检查同一句中有“统计”“数据”“所列”“期限”“时限”等字样的日期区间；没有写明统计期限的报告不报告。

    为什么
    年度报告统计一个自然年度（报告年度的 1 月 1 日至 12 月 31 日）的数据（《政府信息公开条例》第四十九条、第五十条；
    四川 DB51/T 2660—2019 等地方规范明确要求）。写错年份通常是沿用上年报告未改；期限不是完整年度则与表格数据的
    口径不符，无法与上下年度衔接。

    不符合的示例
        （2023 年报告中）本报告所列数据的统计期限自 2022 年 1 月 1 日起至 2022 年 12 月 31 日止。
        （2023 年报告中）本报告所列数据统计时限为 2023 年 1 月 1 日至 2023 年 11 月 30 日。

    符合的示例
        （2023 年报告中）本报告所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。
    """

    code = "Y104"
    name = "statistics-period"
    summary = "写明的统计期限不是报告年度的完整自然年"
    problem = "写明的统计期限不是报告年度的完整自然年"
    category = "year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        books = quoted_spans(report.folded)
        folded = report.folded
        for m in _RANGE.finditer(folded):
            if inside(m.start(), books):
                continue
            sentence = bounds(folded, m.start(), m.end(), SENTENCE_STOPS)
            leads = list(_PERIOD_WORDS.finditer(folded, sentence.start, m.start()))
            if not leads or m.start() - leads[-1].end() > _LEAD_GAP:
                continue
            dotted = m.group("dy1") is not None
            y1 = year_value(m.group("dy1") if dotted else m.group("y1"))
            y2_token = m.group("dy2") if dotted else m.group("y2")
            y2 = year_value(y2_token) if y2_token else y1
            m1, d1 = _num(m.group("dm1" if dotted else "m1")), _num(m.group("dd1" if dotted else "d1"))
            m2, d2 = _num(m.group("dm2" if dotted else "m2")), _num(m.group("dd2" if dotted else "d2"))
            if None in (y1, y2, m1, d1, m2, d2):
                continue
            problems = []
            if y1 != year or y2 != year:
                shown = str(y1) if y1 == y2 else f"{y1}—{y2}"
                problems.append(f"年份（{shown} 年）不是报告年度 {year} 年")
            if (m1, d1) != (1, 1) or (m2, d2) != (12, 31) or y1 != y2:
                problems.append("不是完整的自然年度（1 月 1 日至 12 月 31 日）")
            if problems:
                yield self._finding(report, Span(m.start(), m.end()), year, problems)
        for m in _WHOLE_YEAR.finditer(folded):
            said = year_value(m.group("year"))
            if said is None or said == year or inside(m.start(), books):
                continue
            yield self._finding(report, Span(m.start("year"), m.end()), year,
                                [f"年份（{said} 年）不是报告年度 {year} 年"])

    def _finding(self, report: Report, span: Span, year: int, problems: list[str]) -> Finding:
        text = report.text[span.start:span.end]
        return Finding(
            self.code, self.category,
            f"报告写明的统计期限“{text}”{'，且'.join(problems)}；应为 {year} 年 1 月 1 日至 {year} 年 12 月 31 日",
            span=span, evidence={"text": text, "report_year": year, "problems": problems},
            key=f"period:{context_key(report.folded, span.start, span.end, 0)}",
        )
