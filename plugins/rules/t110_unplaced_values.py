from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

_TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}
_SHOWN = 4


class UnplacedValues(Rule):
    """检查内容
    统计表中有数值无法对应到具体单元格：例如网页导出的文本把一行的各格数字连在一起（“8855698”），而表内勾稽关系
    不能唯一确定拆分方式；或一行的数值个数与国家格式的列数不符。本工具不会猜测拆分，而是报告该表无法机读，
    需人工核对原表。能由勾稽关系唯一确定的拆分会被采用，并在单元格来源中注明。

    为什么
    无法读取的单元格既不能核对勾稽关系，也不能与正文比对；静默丢弃会让审核人员误以为该表没有问题。

    不符合的示例
        规章000行政规范性文件8855698第二十条第（五）项……   （“8855698”可拆为 88/5/5698、885/5/698 等）

    符合的示例
        行政规范性文件	88	5	5698
    """

    code = "T110"
    name = "unplaced-table-values"
    summary = "统计表中有无法对应到单元格的数值（表格无法机读）"
    problem = "统计表中有数值无法对应到单元格，该表无法完整检查"
    category = "table-missing"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for kind, table in sorted(report.tables.items()):
            if not table.unplaced:
                continue
            shown = "；".join(f"“{u.raw}”（{u.reason}）" for u in table.unplaced[:_SHOWN])
            more = f" 等 {len(table.unplaced)} 处" if len(table.unplaced) > _SHOWN else ""
            spans = [u.provenance.span for u in table.unplaced if u.provenance.span is not None]
            yield Finding(
                self.code, self.category,
                f"{_TABLE_NAMES[kind]}有数值无法对应到单元格，该部分无法机读，请人工核对原表：{shown}{more}",
                span=Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None,
                table=kind,
                evidence={"unplaced": [{"raw": u.raw, "reason": u.reason} for u in table.unplaced]},
                key=f"t{kind}:" + ",".join(u.raw for u in table.unplaced),
            )
