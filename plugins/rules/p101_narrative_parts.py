from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._enumerations import WHY_COMPLETE, enumeration_evidence, enumeration_key, enumerations, short_quote
from ._prose_numbers import fmt_value, sentences


class NarrativePartsAddUp(Rule):
    """检查内容
    正文写出总数并列出分项时，分项之和应与总数相符：“共N…，其中a…、b…”“N…（其中…）”“N…，包括…”
    “N…，分别为…”以及“a…、b…，共计（合计）N…”。分项须与总数单位相同、紧随总数（或紧接在“共计”之前）、
    在同一句内；以“其中：”引出的分项可以用；分隔。只在以下两种情况报告：
    分项之和大于总数；或分项明确是全部（“分别为”“依次为”、列出了“其余”一项、“合计”，或已列出全部类别，
    如自然人与法人或其他组织、维持/纠正/其他结果/尚未审结）而与总数不等。“其中”后只列出部分类别、
    分项之和小于总数，是正常的部分列举，不报告；带“等”的列举、约数（“500余篇”，见 P102）不核对。
    按发布渠道或主题划分的分项（通过网站、微信公开……；涉及……）本来就可能重叠，不核对。

    为什么
    分项与总数对不上，说明至少一个数字有误；年度报告的数字要经得起读者核算，这是审核中常见的退回原因。

    不符合的示例
        全年共审核发布各类公开政府信息249条，其中：行政公文和政策解读信息9条；机构设置和人事任免信息7条；
        重点工作39条；……政府网站信息195条。           ← 分项之和 259 条，大于总数 249 条
        政府信息公开行政复议5件，其中结果维持2件，结果纠正1件，其他结果1件，尚未审结0件。   ← 分项之和 4 件

    符合的示例
        全年共收到政府信息公开申请75件，其中自然人72件、商业企业3件。
        全年主动公开政府信息1523条，其中政策解读30条。       ← 部分列举，不要求相加等于总数
    """

    code = "P101"
    name = "narrative-parts-add-up"
    summary = "正文“共N…，其中…”的分项之和与总数相符"
    problem = "正文中分项之和与总数不符"
    category = "narrative-arithmetic"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for sentence in sentences(report):
            for e in enumerations(sentence):
                if (not e.total.exact or not all(p.count.exact for p in e.parts) or e.adds_up_early()
                        or e.overlapping):
                    continue
                total, parts, unit = e.total.value, e.part_sum, e.total.unit
                quote = short_quote(e.sentence.original(report, e.start, e.end))
                if parts > total:
                    message = (f"“{quote}”中各分项之和 {fmt_value(parts)} {unit}（{e.expression}）大于总数 "
                               f"{fmt_value(total)} {unit}")
                elif e.complete and not e.exemplary and parts != total and len(e.parts) > 1:
                    message = (f"“{quote}”中各分项之和 {fmt_value(parts)} {unit}（{e.expression}）与总数 "
                               f"{fmt_value(total)} {unit}不符（{WHY_COMPLETE[e.complete]}）")
                else:
                    continue
                yield Finding(self.code, self.category, message, span=sentence.span(e.start, e.end),
                              evidence=enumeration_evidence(report, e), key=enumeration_key(e))
