from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.corpus_rules import CorpusRule, related
from xxgk_lint.core.layouts import T2_ROWS_2019, cell_id
from xxgk_lint.core.model import Finding, FormatVersion, Report

from ._cells import fmt, operand
from ._tables import short_row

_ITEMS = tuple(r for r in T2_ROWS_2019 if any(c.id == "prev_count" for c in r.columns))


class TrialItemsChain(CorpusRule):
    """检查内容
    表二（2019 年试行格式）有“上一年项目数量”和“本年增/减”两列的各行（行政许可、其他对外管理服务事项、行政处罚、
    行政强制、行政事业性收费）：上年报告的“上一年项目数量” + 上年“本年增/减”，应等于本年报告的“上一年项目数量”。
    两年都用试行格式时才核对；从试行格式换成 2021 年新版格式的那一年，两种表二没有可比的栏目，不作判断。

    为什么
    试行格式的“上一年项目数量”是上年末的事项存量，上年报告的存量加上年的增减就是本年报告应填的“上一年项目数量”。
    对不上说明有一年的存量或增减填错，或沿用了更早的数字。

    不符合的示例
        2019 年报告  行政许可  上一年项目数量 120  本年增/减 +5
        2020 年报告  行政许可  上一年项目数量 120      ← 120 + 5 = 125 ≠ 120

    符合的示例
        2019 年报告  行政许可  上一年项目数量 120  本年增/减 +5
        2020 年报告  行政许可  上一年项目数量 125
    """

    code = "K103"
    name = "trial-items-chain"
    summary = "试行格式表二“上一年项目数量”应等于上年报告的“上一年项目数量”加“本年增/减”"
    problem = "试行格式表二“上一年项目数量”与上年报告的数量加增减不一致"
    versions = frozenset({FormatVersion.V2019})

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        now, before = report.tables.get(2), previous.tables.get(2)
        if now is None or before is None or now.layout != "2019" or before.layout != "2019":
            return
        for row in _ITEMS:
            count_id, change_id = cell_id(2, row.id, "prev_count"), cell_id(2, row.id, "change")
            last_count, last_change, this_count = (before.cells.get(count_id), before.cells.get(change_id),
                                                   now.cells.get(count_id))
            values = [operand(c, "missing") for c in (last_count, last_change, this_count)]
            if last_count is None or last_change is None or this_count is None or any(v is None for v in values):
                continue
            expected = values[0] + values[1]  # type: ignore[operator]
            if expected == values[2]:
                continue
            label = short_row(row.label)
            change = f"{'+' if values[1] >= 0 else '−'}{fmt(abs(values[1]))}"  # type: ignore[operator]
            message = (f"表二“{label}”：上年报告上一年项目数量 {fmt(values[0])} 项、本年增/减 {change}，应为 "
                       f"{fmt(expected)} 项，本年报告上一年项目数量为 {fmt(values[2])} 项，相差 "
                       f"{fmt(abs(expected - values[2]))} 项")  # type: ignore[operator]
            yield Finding(
                self.code, self.category, message, span=this_count.provenance.span, table=2, cells=(count_id,),
                evidence={"previous_path": previous.path, "previous_year": previous.year,
                          "previous_cells": [count_id, change_id], "previous_values": values[:2],
                          "expected": expected, "cell": count_id, "value": values[2], "text": message},
                key=row.id,
                related=(related(previous, last_count.provenance.span,
                                 f"上年报告表二“{label}”上一年项目数量 {fmt(values[0])}、本年增/减 {change}",
                                 (count_id, change_id)),),
            )
