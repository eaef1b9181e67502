from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.layouts import T3_COLUMNS, T3_COLUMNS_SUBTOTAL, ColumnDef, cell_id
from xxgk_lint.core.model import Cell, Finding, Report
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import fold

from ._cells import cover, fmt, operand
from ._tables import layout_rows, short_column, short_row

Values = list[int | float]
_DIGIT = re.compile(r"\d")
_IDENTITY = "总计 = 自然人 + 法人或其他组织五列"
_IDENTITY_SUBTOTAL = "法人或其他组织五列之和 = 小计，自然人 + 小计 = 总计"


class Table3RowSums(Rule):
    """检查内容
    表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。带“小计”列的表格还要求
    五个法人或其他组织列之和 = 小计，自然人 + 小计 = 总计。每个不平衡的行为一条问题，列出该行的单元格。
    如果把相邻两个一位数的单元格看作同一个数（如“2”“0”实为“20”）恰好能使该行平衡，说明一个数字被拆写到了相邻
    两格，问题中一并指出。参与计算的单元格为空白时不作判断（由 B101 报告）；参数 ``blank_policy`` 为 ``zero`` 时
    空白按 0 计算。

    为什么
    总计列是各类申请人的合计，每行都应自洽。行合计不符说明某一格填错、填错了列，或表格转换时数字错位；这类错误会
    进一步破坏列方向的勾稽关系。

    不符合的示例
        一、本年新收政府信息公开申请数量	12	3	0	0	1	0	17      ← 12 + 3 + 1 = 16 ≠ 17
        (一) 予以公开	2	0	0	0	0	0	20      ← “2”“0”疑为同一个数“20”被拆写到两格

    符合的示例
        一、本年新收政府信息公开申请数量	12	3	0	0	1	0	16
    """

    code = "A303"
    name = "table3-row-sums"
    summary = "表三各行：总计 = 自然人 + 法人或其他组织各列（小计）"
    problem = "表三某行各列之和与总计不符"
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
        subtotal = "subtotal" in table.variants
        columns = T3_COLUMNS_SUBTOTAL if subtotal else T3_COLUMNS
        holds = _holds_subtotal if subtotal else _holds_plain
        for row in layout_rows(table):
            ids = [cell_id(3, row.id, c.id) for c in columns]
            cells = [table.cells.get(i) for i in ids]
            values = [operand(c, policy) for c in cells]
            if any(v is None for v in values):
                continue  # absent row (T102) or a blank operand (B101): no arithmetic verdict
            known: Values = [v for v in values if v is not None]
            if holds(known):
                continue
            expression = _expression(columns, known, subtotal)
            present = [c for c in cells if c is not None]
            split = _split_number(present, known, holds)
            hint = ""
            evidence: dict[str, Any] = {
                "expression": _IDENTITY_SUBTOTAL if subtotal else _IDENTITY,
                "values": dict(zip(ids, known, strict=True)),
                "text": expression,
            }
            if split is not None:
                i, merged = split
                a, b = present[i], present[i + 1]
                hint = (f"；若“{short_column(a.column)}”“{short_column(b.column)}”两格的“{a.raw.strip()}”"
                        f"“{b.raw.strip()}”实为同一个数“{merged}”，本行恰好平衡，疑为一个数字被拆写到相邻两格")
                evidence["split_number"] = {"cells": [a.id, b.id], "raw": [a.raw, b.raw], "merged": merged}
            yield Finding(
                self.code, self.category,
                f"表三“{short_row(row.label)}”行合计不符：{expression}{hint}",
                span=cover(present), table=3, cells=tuple(ids), evidence=evidence, key=row.id,
            )


def _holds_plain(v: Values) -> bool:
    return sum(v[:6]) == v[6]


def _holds_subtotal(v: Values) -> bool:
    return sum(v[1:6]) == v[6] and v[0] + v[6] == v[7]


def _expression(columns: tuple[ColumnDef, ...], v: Values, subtotal: bool) -> str:
    def terms(indices: range | list[int]) -> str:
        return "+ ".join(f"{short_column(columns[i].label)}（{fmt(v[i])}）" for i in indices)

    if not subtotal:
        found = sum(v[:6])
        return f"{terms(range(6))}= {fmt(found)}，总计为 {fmt(v[6])}，相差 {fmt(abs(found - v[6]))}"
    parts = []
    legal = sum(v[1:6])
    if legal != v[6]:
        parts.append(f"{terms(range(1, 6))}= {fmt(legal)}，小计为 {fmt(v[6])}")
    if v[0] + v[6] != v[7]:
        parts.append(f"{terms([0, 6])}= {fmt(v[0] + v[6])}，总计为 {fmt(v[7])}")
    return "；".join(parts)


def _split_number(cells: list[Cell], v: Values, holds: Callable[[Values], bool]) -> tuple[int, int] | None:
    """(index, number) when reading exactly one pair of adjacent one-digit cells as one number — the other cell of
    the pair then blank — balances the row: the digits of one number were spread over two cells."""
    found: set[tuple[int, int]] = set()
    for i in range(len(v) - 1):
        first, second = fold(cells[i].raw).strip(), fold(cells[i + 1].raw).strip()
        if not (_DIGIT.fullmatch(first) and _DIGIT.fullmatch(second)) or first == "0":
            continue
        merged = int(first + second)
        for at, blank in ((i, i + 1), (i + 1, i)):
            trial = list(v)
            trial[at], trial[blank] = merged, 0
            if holds(trial):
                found.add((i, merged))
    return next(iter(found)) if len(found) == 1 else None
