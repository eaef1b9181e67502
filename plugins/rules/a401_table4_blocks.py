from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.layouts import T4_BLOCKS, T4_COLUMNS, T4_OPERANDS, cell_id
from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._cells import cover, fmt, operand

_LABELS = {c.id: c.label for c in T4_COLUMNS}


class Table4BlockTotals(Rule):
    """检查内容
    表四的三个部分（行政复议；行政诉讼·未经复议直接起诉；行政诉讼·复议后起诉）各自应满足：
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。每个不平衡的部分为一条问题。参与计算的单元格为空白时不作判断
    （由 B101 报告）；参数 ``blank_policy`` 为 ``zero`` 时空白按 0 计算。

    为什么
    每件复议、诉讼案件只有一种结果（含尚未审结），总计是四项之和。不相等说明有案件漏计、重复计数，或数字填错了列。

    不符合的示例
        结果维持	结果纠正	其他结果	尚未审结	总计
        1	0	0	1	3      ← 1 + 0 + 0 + 1 = 2 ≠ 3

    符合的示例
        1	0	0	1	2
    """

    code = "A401"
    name = "table4-block-totals"
    summary = "表四各部分：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"
    problem = "表四某部分各项之和与总计不符"
    category = "table-arithmetic"
    parameters: ClassVar[Mapping[str, Any]] = {"blank_policy": "missing"}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "blank_policy": "空白单元格如何参与计算：missing 不作判断、由 B101 报告；zero 按 0 计算",
    }
    parameter_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {"blank_policy": ("missing", "zero")}

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(4)
        if table is None:
            return
        policy = params.get("blank_policy", "missing")
        for block in T4_BLOCKS:
            ids = [cell_id(4, block.id, c) for c in T4_OPERANDS]
            total_id = cell_id(4, block.id, "total")
            cells = [table.cells.get(i) for i in ids]
            total_cell = table.cells.get(total_id)
            values = [operand(c, policy) for c in cells]
            total = operand(total_cell, policy)
            if total is None or any(v is None for v in values):
                continue  # absent block or a blank operand: B101/T110 report it, no arithmetic verdict
            found = sum(v for v in values if v is not None)
            if found == total:
                continue
            terms = "+ ".join(f"{_LABELS[c]}（{fmt(v)}）" for c, v in zip(T4_OPERANDS, values, strict=True))
            expression = f"{terms}= {fmt(found)}，总计为 {fmt(total)}"
            present = [c for c in [*cells, total_cell] if c is not None]
            yield Finding(
                self.code, self.category,
                f"表四“{block.label}”部分合计不符：{expression}，相差 {fmt(abs(found - total))}",
                span=cover(present), table=4, cells=(*ids, total_id),
                evidence={
                    "expression": "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                    "values": {**dict(zip(ids, values, strict=True)), total_id: total},
                    "left": total,
                    "right": found,
                    "text": expression,
                },
                key=block.id,
            )
