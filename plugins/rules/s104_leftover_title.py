from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.structure import title_like_lines

from ._outline import lines_between, same_body

_SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,2}|\d{1,2})[、.]|^第[一二三四五六七八九十]+部分")


class LeftoverSecondTitle(Rule):
    """检查内容
    报告标题之后，正文中又出现一行独立的报告标题（“××（机关）××××年政府信息公开工作年度报告”），通常是套用上年
    或其他机关的报告时留下的旧标题。问题说明这一行的年度、发布机关是否与报告标题不同。年度和机关都与标题相同的
    重复行，只在正文开始之后出现、且其后紧接部分标题（“一、总体情况”）时报告，且为警告：否则可能是网页或文档的页眉。
    年度、机关类规则不检查这些行，统一由本规则报告。

    为什么
    遗留的旧标题说明报告由旧报告改写而成、未经认真核对，国办公开办函〔2021〕30号把“内容雷同”“敷衍塞责”列为
    问责情形；旧标题的年度或机关与本报告不符，还会让读者误解报告所属的年度和机关。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        武陟县小董乡人民政府 2022 年政府信息公开工作年度报告     ← 遗留的上年标题
        一、总体情况

    符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        2023 年，小董乡人民政府……
    """

    code = "S104"
    name = "leftover-second-title"
    summary = "正文中没有遗留的第二个报告标题"
    problem = "正文中遗留了第二个报告标题"
    category = "structure"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        titles = report.memo("structure.title_lines", lambda: title_like_lines(report.folded))
        if len(titles) < 2:
            return
        first_span, first_body, first_year = titles[0]
        first_text = report.text[first_span.start:first_span.end]
        end = report.signoff_span.end if report.signoff_span is not None else len(report.folded)
        for span, body, year in titles[1:]:
            if span.start >= end:
                continue  # after the sign-off: a web page's "related reports" list, not the report's text
            text = report.text[span.start:span.end]
            diffs = []
            if year is not None and first_year is not None and year != first_year:
                diffs.append(f"年度（{year} 年）与报告标题（{first_year} 年）不同")
            if body and first_body and not same_body(body, first_body):
                diffs.append(f"发布机关（{body}）与报告标题（{first_body}）不同")
            if diffs:
                yield Finding(
                    self.code, self.category,
                    f"正文中出现第二个报告标题“{text}”，其{'，'.join(diffs)}，疑为套用其他报告留下的旧标题",
                    span=span, evidence={"text": text, "title": first_text, "year": year, "body": body},
                    key=f"leftover:{year}:{body}",
                )
            elif _heads_a_section(report, span):
                yield Finding(
                    self.code, self.category,
                    f"正文中再次出现报告标题“{text}”（年度和发布机关与标题相同），其后紧接部分标题，疑为重复粘贴的遗留文字",
                    severity=Severity.WARNING, span=span, evidence={"text": text, "title": first_text},
                    key=f"repeat:{year}:{body}",
                )


def _heads_a_section(report: Report, span: Span) -> bool:
    """The repeat comes after the body has begun and opens a second copy of it: not a page header, nor a web
    page's heading repeated by the article's own title line."""
    if not report.sections or span.start < report.sections[0].span.start:
        return False
    following = lines_between(report.folded, span.end, min(len(report.folded), span.end + 400))
    return bool(following) and _SECTION_HEADING.match(following[0].text) is not None
