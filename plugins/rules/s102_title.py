from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import fold

from ._outline import body_in_title, title_block, year_in_title

_EXPECTED = "××（机关全称）××××年政府信息公开工作年度报告"


class TitleNamesBodyAndYear(Rule):
    """检查内容
    报告应有标题，且标题写明发布机关和报告年度，即“××（机关全称）××××年政府信息公开工作年度报告”。标题因字号较大
    折成两三行时合并后再判断；机关名称写在年度之后（“2023年度××局政府信息公开工作年度报告”）或括注在后也认可。
    正文没有标题行、只有网页元数据（“标题：…”）给出标题时，检查该标题，问题降为警告。正文开头只有一句说明
    （“本报告根据……编制”）而无独立标题行时，无法确定标题，不作判断。

    为什么
    年度报告按机关、按年度公开和归档，标题是识别报告的唯一依据。缺少机关名称或年度，公众无法判断是哪个机关
    哪一年的报告，也是审核中常见的退回理由。

    不符合的示例
        2023年政府信息公开工作年度报告          ← 未写明发布机关
        示例县人民政府政府信息公开工作年度报告    ← 未写明年度

    符合的示例
        示例县人民政府2023年政府信息公开工作年度报告
    """

    code = "S102"
    name = "title-names-body-and-year"
    summary = "标题写明发布机关和报告年度"
    problem = "标题没有写明发布机关或报告年度"
    category = "structure"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        block = title_block(report)
        if block is None:
            if report.title is None:
                yield Finding(self.code, self.category,
                              f"未找到报告标题；年度报告应以“{_EXPECTED}”为标题", key="none")
            return
        missing = []
        folded = fold(block.text)
        if body_in_title(folded) is None:
            missing.append("发布机关")
        if year_in_title(folded) is None:
            missing.append("报告年度")
        if not missing:
            return
        where = "网页元数据中的标题" if block.from_metadata else "报告标题"
        yield Finding(
            self.code, self.category,
            f"{where}“{block.text}”未写明{'和'.join(missing)}；应为“{_EXPECTED}”",
            severity=Severity.WARNING if block.from_metadata else None,
            span=block.span, evidence={"text": block.text, "missing": missing},
            key="missing:" + "+".join(missing),
        )
