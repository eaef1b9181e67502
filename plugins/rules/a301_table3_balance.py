from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.layouts import T3_COLUMNS_SUBTOTAL, cell_id
from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._cells import cover, fmt, operand

_LEFT = ("new", "carried_over")
_RIGHT = ("result.total", "carried_forward")


class Table3Balance(Rule):
    """检查内容
    表三每一列都应满足表内注明的勾稽关系：
    一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理。
    自然人、法人或其他组织各列（含小计）与总计列逐列核对。参与计算的单元格为空白时，本规则不作判断，
    由 B101 报告空白。参数 ``blank_policy`` 为 ``zero`` 时空白按 0 计算。

    为什么
    该关系印在国家格式表三的表头（“第一项加第二项之和，等于第三项加第四项之和”）。不平衡说明数字填错、
    漏填或从其他报告复制而来，是审核中最常退回的问题之一。

    不符合的示例
        一、本年新收政府信息公开申请数量	5	…
        二、上年结转政府信息公开申请数量	1	…
        (七) 总计	5	…
        四、结转下年度继续办理	0	…          ← 5 + 1 ≠ 5 + 0

    符合的示例
        一、本年新收政府信息公开申请数量	5	…
        二、上年结转政府信息公开申请数量	1	…
        (七) 总计	5	…
        四、结转下年度继续办理	1	…
    """

    code = "A301"
    name = "table3-balance"
    summary = "表三各列：一 + 二 = 三（七）总计 + 四"
    problem = "表三某列收支不平衡：一 + 二 ≠ 三（七）总计 + 四"
    category = "table-arithmetic"
    parameters: ClassVar[Mapping[str, Any]] = {"blank_policy": "missing"}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "blank_policy": "空白单元格如何参与计算：missing 不作判断、由 B101 报告；zero 按 0 计算",
    }
    parameter_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {"blank_policy": ("missing", "zero")}

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(3)
        if table is None:
            return
        policy = params.get("blank_policy", "missing")
        for column in T3_COLUMNS_SUBTOTAL:
            ids = [cell_id(3, row, column.id) for row in (*_LEFT, *_RIGHT)]
            cells = [table.cells.get(i) for i in ids]
            values = [operand(c, policy) for c in cells]
            if any(v is None for v in values):
                continue  # absent column, or a blank operand: B101 reports it, no arithmetic verdict
            left = values[0] + values[1]  # type: ignore[operator]
            right = values[2] + values[3]  # type: ignore[operator]
            if left == right:
                continue
            present = [c for c in cells if c is not None]
            total_cell = cells[2]
            expression = (f"一（{fmt(values[0])}）+ 二（{fmt(values[1])}）= {fmt(left)}，"
                          f"三（七）总计（{fmt(values[2])}）+ 四（{fmt(values[3])}）= {fmt(right)}")
            yield Finding(
                self.code, self.category,
                f"表三“{column.label}”列不平衡：{expression}，相差 {fmt(abs(left - right))}",
                span=total_cell.provenance.span if total_cell else cover(present), table=3,
                cells=tuple(ids),
                evidence={
                    "expression": "一 + 二 = 三（七）+ 四",
                    "values": dict(zip(ids, values, strict=True)),
                    "left": left,
                    "right": right,
                    "text": expression,
                },
                key=column.id,
            )
