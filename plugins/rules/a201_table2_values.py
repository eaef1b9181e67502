from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Cell, Finding, Report, Severity
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import fold

from ._cells import fmt
from ._tables import short_column, short_row

_SIGNED = frozenset({"change"})  # 2019 本年增/减
_AMOUNTS = frozenset({"amount"})  # 2021 本年收费金额（万元）; 2019 采购总金额 (unit free, often in the cell)
_NUMBER = re.compile(r"[+\-]?\d+(?:,\d{3})*(?:\.(?P<fraction>\d+))?(?P<unit>万元|元)?")


class Table2Values(Rule):
    """检查内容
    表二数值本身是否合理：件数、项目数、处理决定数量应为非负整数（2019 年试行格式的“本年增/减”可以为负）；
    “本年收费金额（单位：万元）”应为非负金额。以下情形作为警告提示核实：收费金额小数位过多（参数 ``fee_max_decimals``，
    默认 4 位；如“24252.311082”精确到 0.01 元，多为由“元”换算后未取舍），金额超过参数 ``fee_max_wan``（默认
    1,000,000 万元，即 100 亿元），或单元格写明单位“元”——这两种情况多为按“元”填入了以“万元”为单位的栏目。

    为什么
    件数不可能为负数或小数；收费金额单位为万元，按元填写会把金额放大一万倍，使公开数据严重失真，也无法与财政决算
    等其他公开数据相互印证。

    不符合的示例
        行政规范性文件	4	1	36.5            ← 现行有效件数不是整数
        行政事业性收费	365000元                ← 单位应为万元

    符合的示例
        行政规范性文件	4	1	37
        行政事业性收费	36.5
    """

    code = "A201"
    name = "table2-values"
    summary = "表二数值合理：件数为非负整数，收费金额为合理的万元金额"
    problem = "表二的数值不合理（件数不是非负整数，或收费金额可疑）"
    category = "table-arithmetic"
    parameters: ClassVar[Mapping[str, Any]] = {"fee_max_decimals": 4, "fee_max_wan": 1_000_000}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "fee_max_decimals": "收费金额（万元）允许的最多小数位数，超过时提示核实单位换算",
        "fee_max_wan": "收费金额（万元）的合理上限，超过时提示核实单位",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(2)
        if table is None:
            return
        max_decimals = int(params.get("fee_max_decimals", 4))
        max_wan = float(params.get("fee_max_wan", 1_000_000))
        for cell in table.cells.values():
            if cell.value is None:
                continue  # blank or text: B101's business
            column = cell.id.rsplit(".", 1)[1]
            if column in _AMOUNTS:
                yield from self._amount(cell, table.layout, max_decimals, max_wan)
            else:
                yield from self._count(cell, signed=column in _SIGNED and table.layout == "2019")

    def _count(self, cell: Cell, signed: bool) -> Iterator[Finding]:
        value = cell.value
        assert value is not None
        if value < 0 and not signed:
            yield self._finding(cell, "negative", f"{_name(cell)}为负数“{cell.raw.strip()}”，件数不能为负")
        if isinstance(value, float) and not value.is_integer():
            yield self._finding(cell, "fraction", f"{_name(cell)}为小数“{cell.raw.strip()}”，件数应为整数")

    def _amount(self, cell: Cell, layout: str, max_decimals: int, max_wan: float) -> Iterator[Finding]:
        value = cell.value
        assert value is not None
        raw = cell.raw.strip()
        if value < 0:
            yield self._finding(cell, "negative", f"{_name(cell)}为负数“{raw}”，收费金额不能为负")
        if layout == "2019":
            return  # 采购总金额 has no unit in the header: no scale to check against
        m = _NUMBER.fullmatch(fold(raw).replace(" ", ""))
        fraction = m.group("fraction") if m else None
        unit = m.group("unit") if m else None
        if unit == "元":
            yield self._finding(cell, "unit", f"{_name(cell)}“{raw}”写明单位为“元”，而该栏单位为万元，"
                                "请换算为万元填写", Severity.WARNING)
        elif value > max_wan:
            yield self._finding(cell, "magnitude", f"{_name(cell)}“{raw}”万元即 {fmt(value / 10000)} 亿元，"
                                f"超过 {max_wan:,.0f} 万元，疑似按“元”填写，请核实单位", Severity.WARNING)
        if fraction and len(fraction) > max_decimals:
            yield self._finding(
                cell, "decimals",
                f"{_name(cell)}“{raw}”有 {len(fraction)} 位小数（精确到 {_precision(len(fraction))}），超过以万元为单位"
                f"的金额常用的 {max_decimals} 位；疑似由“元”换算为万元后未取舍，请核实数值与单位", Severity.WARNING)

    def _finding(self, cell: Cell, problem: str, message: str, severity: Severity | None = None) -> Finding:
        return Finding(self.code, self.category, f"表二{message}", severity=severity, span=cell.provenance.span,
                       table=2, cells=(cell.id,), evidence={"text": cell.raw, "value": cell.value},
                       key=f"{cell.id}:{problem}")


def _name(cell: Cell) -> str:
    return f"“{short_row(cell.row)}”的“{short_column(cell.column)}”"


def _precision(decimals: int) -> str:
    """What the last decimal of an amount in 万元 counts: 2 → 百元, 4 → 元, 6 → 0.01 元."""
    units = {1: "千元", 2: "百元", 3: "十元", 4: "元", 5: "0.1 元", 6: "0.01 元"}
    return units.get(decimals, f"{fmt(10 ** (4 - decimals))} 元")
