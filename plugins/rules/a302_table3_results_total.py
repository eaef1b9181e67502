from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.layouts import T3_COLUMNS_SUBTOTAL, T3_RESULT_LEAVES_2019, T3_RESULT_LEAVES_2021, cell_id
from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._cells import cover, fmt, operand
from ._tables import layout_rows, leaf_mark


class Table3ResultsTotal(Rule):
    """检查内容
    表三每一列的“三、本年度办理结果（七）总计”应等于各项办理结果之和：（一）予以公开 +（二）部分公开 +（三）不予公开
    1–8 项 +（四）无法提供 1–3 项 +（五）不予处理 1–5 项 +（六）其他处理 1–3 项（2019 年试行格式：（六）其他处理
    为一行）。自然人、法人或其他组织各列（含小计）与总计列逐列核对。参与计算的单元格为空白时，本规则不作判断，由
    B101 报告空白。参数 ``blank_policy`` 为 ``zero`` 时空白按 0 计算。

    为什么
    （七）总计是办理结果的合计，每件申请只计入一种办理结果（“区分处理的，只计这一情形”）。合计与细项不符，说明细项
    漏填、重复计数或总计填错，表内“一 + 二 = 三（七）+ 四”的平衡也因此失去意义。

    不符合的示例
        (一) 予以公开	6	…
        (二) 部分公开	1	…
        ……（其余细项合计 6）
        (七) 总计	12	…          ← 6 + 1 + 6 = 13 ≠ 12

    符合的示例
        (一) 予以公开	6	…
        (二) 部分公开	1	…
        ……（其余细项合计 6）
        (七) 总计	13	…
    """

    code = "A302"
    name = "table3-results-total"
    summary = "表三各列：（七）总计 = （一）至（六）各项办理结果之和"
    problem = "表三某列办理结果之和与（七）总计不符"
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
        leaves = T3_RESULT_LEAVES_2019 if table.layout == "2019" else T3_RESULT_LEAVES_2021
        marks = {row.id: leaf_mark(row.label) for row in layout_rows(table)}
        for column in T3_COLUMNS_SUBTOTAL:
            total_id = cell_id(3, "result.total", column.id)
            leaf_ids = [cell_id(3, leaf, column.id) for leaf in leaves]
            total_cell = table.cells.get(total_id)
            cells = [table.cells.get(i) for i in leaf_ids]
            values = [operand(c, policy) for c in cells]
            total = operand(total_cell, policy)
            if total is None or any(v is None for v in values):
                continue  # absent column or row, or a blank operand: B101/T102 report it, no arithmetic verdict
            found = sum(v for v in values if v is not None)
            if found == total:
                continue
            nonzero = [_term(marks[leaf], v) for leaf, v in zip(leaves, values, strict=True) if v]
            terms = f"{' + '.join(nonzero)} = {fmt(found)}" if nonzero else "各项均为 0"
            expression = f"（一）至（六）各项之和：{terms}，（七）总计为 {fmt(total)}"
            present = [c for c in [total_cell, *cells] if c is not None]
            yield Finding(
                self.code, self.category,
                f"表三“{column.label}”列办理结果合计不符：{expression}，相差 {fmt(abs(found - total))}",
                span=total_cell.provenance.span if total_cell else cover(present), table=3,
                cells=(total_id, *leaf_ids),
                evidence={
                    "expression": "三（七）总计 = Σ（一）至（六）各项办理结果",
                    "values": {total_id: total, **dict(zip(leaf_ids, values, strict=True))},
                    "left": total,
                    "right": found,
                    "text": expression,
                },
                key=column.id,
            )


def _term(mark: str, value: int | float) -> str:
    """（一）6, （三）第4项 1: a value right after its row number, spaced after 第N项 so the digits stay apart."""
    return f"{mark}{fmt(value)}" if mark.endswith("）") else f"{mark} {fmt(value)}"
