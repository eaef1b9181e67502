from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Span
from xxgk_lint.core.rules import Rule

from ._yod import SENTENCE_STOPS, YEAR, bounds, context_key, inside, quoted_spans, skipped_lines, year_value

#: "{Y}年（度）…年报/年度报告中提出的…" within one clause: the problems a report of year Y raised.
_RAISED_IN = re.compile(
    rf"(?P<year>{YEAR})[ \t]*年[ \t]*度?[^,;。!?\n《》]{{0,16}}?(?:年报|年度报告|报告)[ \t]*(?:中|里)?[ \t]*所?[ \t]*"
    r"(?:提出|指出|反映|查摆|梳理|列出)"
)
_PROBLEMS = re.compile(r"问题|不足|短板|差距")
_FUTURE = r"将|计划|拟|下一步|下一年|明年"


class ProblemsOfOwnYear(Rule):
    """检查内容
    报告在“存在的主要问题及改进情况”中说明上一年度报告所提问题的整改情况时，把问题的出处写成本年度（或更晚年度）
    的报告：2023 年度报告中出现“针对 2023 年政府信息公开年报中提出的……问题，2023 年落实改进如下”。本年度报告
    提出的问题要到下一年度才整改，上一年度报告（2022 年年报）提出的问题才是本年度整改的对象。

    为什么
    这种写法通常是把上年报告中的“针对上年（2022 年）年报提出的问题”机械地把年份加一，说明报告未经认真核对；
    整改情况与问题来源的年度对不上，读者无法判断哪些问题已经整改。

    不符合的示例
        （2023 年报告中）针对 2023 年政府信息公开年报中提出的部分职能部门公开意识较弱……的问题，2023 年落实改进如下

    符合的示例
        （2023 年报告中）针对 2022 年政府信息公开年报中提出的部分职能部门公开意识较弱……的问题，2023 年落实改进如下
    """

    code = "Y103"
    name = "problems-of-own-year"
    summary = "整改的问题出处写成本年度（或更晚年度）的年报"
    problem = "整改问题的出处写成了本年度（或更晚年度）的年报"
    category = "year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        if year is None:
            return
        skip = skipped_lines(report)
        books = quoted_spans(report.folded)
        for m in _RAISED_IN.finditer(report.folded):
            said = year_value(m.group("year"))
            if said is None or said < year or inside(m.start(), skip) or inside(m.start(), books):
                continue
            sentence = bounds(report.folded, m.start(), m.end(), SENTENCE_STOPS)
            if not _PROBLEMS.search(report.folded, m.end(), sentence.end):
                continue  # the report's numbers or content, not its problems
            if said == year and re.search(rf"{_FUTURE}|{year + 1}[ \t]*年", report.folded[m.end():sentence.end]):
                continue  # "2023 年年报中提出的问题，2024 年将逐项整改": this report's problems, fixed next year
            text = report.text[m.start():m.end()]
            yield Finding(
                self.code, self.category,
                f"“{text}……”把整改问题的出处写成 {said} 年的年报，而本报告就是 {year} 年度报告；本年度整改的应是"
                f" {year - 1} 年年报中提出的问题",
                span=Span(m.start(), m.end()),
                evidence={"text": text, "year": said, "report_year": year},
                key=f"raised-in:{said}:{context_key(report.folded, m.start(), m.end(), 0)}",
            )
