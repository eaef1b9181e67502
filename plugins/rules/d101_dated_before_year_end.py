from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.labels import human_date
from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._yod import plain_date_aside, signoff_date_line


class DatedBeforeYearEnd(Rule):
    """检查内容
    报告的落款日期（或网页注明的发布日期）在报告年度结束之前：2021 年度报告落款“2021年12月30日”。报告年度的数据
    统计到 12 月 31 日，年度报告只能在次年成文、发布，落款日期最早为次年 1 月 1 日。落款日期只在单独成行（或紧跟
    机关名称）时采用，正文中的日期不作落款。

    为什么
    《政府信息公开条例》第四十九条要求各机关在每年 1 月 31 日（本级人民政府 3 月 31 日）前公布“本行政机关上一年度”
    的年度报告；年度未结束就成文的报告不可能包含全年数据，表格数字要么是估计数，要么日期是沿用上年报告未改。

    不符合的示例
        兴县圪塔上乡 2021 年政府信息公开工作年度报告
        ……
        兴县圪塔上乡人民政府
        2021年12月30日

    符合的示例
        兴县圪塔上乡 2021 年政府信息公开工作年度报告
        ……
        兴县圪塔上乡人民政府
        2022年1月20日
    """

    code = "D101"
    name = "dated-before-year-end"
    summary = "落款或发布日期早于报告年度结束"
    problem = "落款或发布日期早于报告年度结束"
    category = "date"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        year_end = f"{year:04d}-12-31"
        date_line = signoff_date_line(report)
        if report.signoff_date is not None and date_line is not None and report.signoff_date <= year_end:
            text = report.text[date_line.start:date_line.end].strip()
            yield Finding(
                self.code, self.category,
                f"落款日期“{text}”{plain_date_aside(text, report.signoff_date)}在 {year} 年度结束之前；"
                f"{year} 年度报告应在 {year + 1} 年"
                f"成文发布，统计数据截至 {year} 年 12 月 31 日",
                span=date_line, evidence={"text": text, "date": report.signoff_date, "report_year": year},
                key="signoff",
            )
        if report.publication_date is not None and report.publication_date <= year_end:
            yield Finding(
                self.code, self.category,
                f"网页注明的发布日期 {human_date(report.publication_date)} 在 {year} 年度结束之前；"
                f"{year} 年度报告应在 {year + 1} 年发布",
                evidence={"date": report.publication_date, "report_year": year},
                key="publication",
            )
