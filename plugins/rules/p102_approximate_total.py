from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity
from xxgk_lint.core.rules import Rule

from ._enumerations import WHY_COMPLETE, enumeration_evidence, enumeration_key, enumerations, short_quote
from ._prose_numbers import fmt_value, sentences


class ApproximateTotalAboveParts(Rule):
    """检查内容
    正文以“N余”“N多”“逾N”“超过N”“N以上”给出总数（即多于 N），又列出了全部分项时，分项之和不应小于 N。
    “全部”的判断与 P101 相同：“分别为”“依次为”、列出了“其余”一项、“合计”，或已列出全部类别（如国家、省、市、
    县各级）。只列出部分类别的“其中……”不核对。

    为什么
    “500余篇”是说多于 500 篇；分项合计只有 496 篇时，总数或某个分项写错了，或总数被有意说大，读者据此核算会
    发现矛盾。约数本身允许不精确，所以只作提示（警告）。

    不符合的示例
        所发表文章被各类媒体采用 500 余篇（其中国家采用 40 篇，省级采用 76 篇，市级采用 180 篇，县级采用 200 篇）
                                                    ← 各级合计 496 篇，少于“500 余篇”

    符合的示例
        所发表文章被各类媒体采用 500 余篇（其中国家采用 40 篇，省级采用 76 篇，市级采用 180 篇，县级采用 210 篇）
    """

    code = "P102"
    name = "approximate-total-above-parts"
    summary = "“N余”“逾N”等总数与其全部分项之和矛盾（分项之和小于 N）"
    problem = "正文中“N余”“逾N”等总数与分项之和矛盾"
    category = "narrative-arithmetic"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for sentence in sentences(report):
            for e in enumerations(sentence):
                if e.total.bound != "lower" or not e.complete or e.exemplary or len(e.parts) < 2:
                    continue
                if not all(p.count.exact for p in e.parts) or e.part_sum >= e.total.value:
                    continue
                unit = e.total.unit
                quote = short_quote(e.sentence.original(report, e.start, e.end))
                yield Finding(
                    self.code, self.category,
                    f"“{quote}”称总数“{e.total.text}”（多于 {fmt_value(e.total.value)} {unit}），但各分项之和只有 "
                    f"{fmt_value(e.part_sum)} {unit}（{e.expression}；{WHY_COMPLETE[e.complete]}）",
                    span=sentence.span(e.start, e.end), evidence=enumeration_evidence(report, e),
                    key=enumeration_key(e),
                )
