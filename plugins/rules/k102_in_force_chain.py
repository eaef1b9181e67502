from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.corpus_rules import CorpusRule, related
from xxgk_lint.core.layouts import cell_id
from xxgk_lint.core.model import Finding, FormatVersion, Report, Severity

from ._cells import fmt, operand

_ROWS = (("rules", "规章"), ("normative", "行政规范性文件"))


class InForceChain(CorpusRule):
    """检查内容
    表二（2021 年新版格式）“规章”和“行政规范性文件”两行：上年报告的“现行有效件数” + 本年“本年制发件数” −
    本年“本年废止件数”，应等于本年“现行有效件数”。两年都是新版格式、六个单元格都读出了数字时才核对。

    为什么
    现行有效件数是逐年累计的存量，正常情况下上年存量加本年新制发、减本年废止就是本年存量。差额往往是把“累计制发”
    或“本年制发”误填进“现行有效”，或沿用了上年的数字。但文件到期自动失效、被修改后重新发布、或清理后宣布失效而
    不计入“废止”时，差额可能是合理的，所以本规则只给出警告，请结合本年的文件清理情况核实。

    不符合的示例
        2021 年报告  行政规范性文件  本年制发 5  本年废止 1  现行有效 40
        2022 年报告  行政规范性文件  本年制发 6  本年废止 2  现行有效 40      ← 40 + 6 − 2 = 44 ≠ 40

    符合的示例
        2021 年报告  行政规范性文件  本年制发 5  本年废止 1  现行有效 40
        2022 年报告  行政规范性文件  本年制发 6  本年废止 2  现行有效 44
    """

    code = "K102"
    name = "in-force-chain"
    summary = "表二现行有效件数应等于上年现行有效件数 + 本年制发 − 本年废止"
    problem = "表二现行有效件数与“上年现行有效 + 本年制发 − 本年废止”不一致"
    severity = Severity.WARNING
    versions = frozenset({FormatVersion.V2021})

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        now, before = report.tables.get(2), previous.tables.get(2)
        if now is None or before is None or now.layout != "2021" or before.layout != "2021":
            return
        for row, label in _ROWS:
            last_id = cell_id(2, row, "in_force")
            ids = [cell_id(2, row, c) for c in ("issued", "repealed", "in_force")]
            last = before.cells.get(last_id)
            cells = [now.cells.get(i) for i in ids]
            values = [operand(c, "missing") for c in (last, *cells)]
            if last is None or any(c is None for c in cells) or any(v is None for v in values):
                continue
            prev_in_force, issued, repealed, in_force = values
            expected = prev_in_force + issued - repealed  # type: ignore[operator]
            if expected == in_force:
                continue
            arithmetic = (f"上年现行有效 {fmt(prev_in_force)} 件 + 本年制发 {fmt(issued)} 件 − 本年废止 "
                          f"{fmt(repealed)} 件 = {fmt(expected)} 件")
            message = (f"表二“{label}”：{arithmetic}，本年报告现行有效为 {fmt(in_force)} 件，相差 "
                       f"{fmt(abs(expected - in_force))} 件（文件修改、到期失效未计入废止时也会如此，请核实）")  # type: ignore[operator]
            target = cells[2]
            yield Finding(
                self.code, self.category, message, span=target.provenance.span if target else None, table=2,
                cells=tuple(ids),
                evidence={"previous_path": previous.path, "previous_year": previous.year, "previous_cell": last_id,
                          "previous_value": prev_in_force, "expected": expected, "cell": ids[2], "value": in_force,
                          "text": message},
                key=row,
                related=(related(previous, last.provenance.span,
                                 f"上年报告表二“{label}”现行有效件数：{fmt(prev_in_force)}", (last_id,)),),
            )
