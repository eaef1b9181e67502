from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Cell, Finding, Report, Semantic
from xxgk_lint.core.rules import Rule

from ._cells import cover

_TABLE_NAMES = {2: "表二（主动公开政府信息情况）", 3: "表三（收到和处理政府信息公开申请情况）",
                4: "表四（政府信息公开行政复议、行政诉讼情况）"}
_SHOWN = 6


class BlankCells(Rule):
    """检查内容
    表二、表三、表四中应填数字的单元格为空白，或填写了“/”“-”“—”“无”等非数字内容。每张表汇总为一条问题，
    列出所有空白单元格。参数 ``blank_policy`` 为 ``missing``（默认，空白视为缺失并报告）或 ``zero``（空白按 0 处理，
    不报告）。

    为什么
    国家格式的统计表每格都应填写数字，没有发生的事项填 0。空白不等于 0：审核人员无法判断是没有发生还是漏填，
    表内勾稽关系也因此无法核对。

    不符合的示例
        三、本年度办理结果	(一) 予以公开	（七格均为空白）

    符合的示例
        三、本年度办理结果	(一) 予以公开	0	0	0	0	0	0	0
    """

    code = "B101"
    name = "blank-cells"
    summary = "统计表中应填数字的单元格为空白或非数字"
    problem = "统计表中有应填数字的单元格空白或未填数字"
    category = "table-blank"
    parameters: ClassVar[Mapping[str, Any]] = {"blank_policy": "missing"}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "blank_policy": "missing 空白视为漏填并报告；zero 空白按 0 处理，不报告",
    }
    parameter_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {"blank_policy": ("missing", "zero")}

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        if params.get("blank_policy") == "zero":
            return
        for kind, table in sorted(report.tables.items()):
            blanks = [c for c in table.cells.values() if c.is_blank]
            if not blanks:
                continue
            na = sum(1 for c in blanks if c.semantic is Semantic.NA)
            kinds = f"（其中 {na} 处填写了“/”“-”“无”等）" if na else ""
            where = _describe(blanks, table.cells.values())
            yield Finding(
                self.code, self.category,
                f"{_TABLE_NAMES[kind]}有 {len(blanks)} 个单元格未填写数字{kinds}：{where}。没有发生的事项应填 0",
                span=cover(blanks), table=kind, cells=tuple(c.id for c in blanks),
                evidence={"count": len(blanks), "cells": {c.id: c.raw for c in blanks}},
            )


def _short(row_label: str) -> str:
    """Last segment of an official row label, without the long parenthetical of （二）部分公开."""
    last = row_label.rsplit("/", 1)[-1]
    return last.split("（区分", 1)[0]


def _describe(blanks: list[Cell], all_cells: Iterable[Cell]) -> str:
    """Blank cells grouped by row: whole rows named once, partial rows with their columns."""
    width = Counter(c.row for c in all_cells)
    by_row: dict[str, list[Cell]] = {}
    for c in blanks:
        by_row.setdefault(c.row, []).append(c)
    parts = []
    for row, cells in by_row.items():
        columns = "整行" if len(cells) == width[row] > 1 else "、".join(c.column.rsplit("/", 1)[-1] for c in cells)
        parts.append(f"{_short(row)}（{columns}）")
    shown = "；".join(parts[:_SHOWN])
    return shown + (f" 等 {len(parts)} 行" if len(parts) > _SHOWN else "")
