from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.corpus_rules import CorpusRule, related
from xxgk_lint.core.layouts import T3_COLUMNS_SUBTOTAL, cell_id
from xxgk_lint.core.model import Finding, Report

from ._cells import fmt, operand
from ._tables import short_column


class CarryOver(CorpusRule):
    """检查内容
    上年报告表三“四、结转下年度继续办理”的每一列，应等于本年报告表三“二、上年结转政府信息公开申请数量”的同一列：
    自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、小计（有小计列时）和总计逐列核对，不只核对总计。
    只在目录中找到同一机关上一年度的报告（或用 ``--previous`` 指定）时运行；任一年的单元格空白或未能读出时不作判断。

    为什么
    上年没有办结、转入下年继续办理的申请，就是本年的“上年结转”，两份报告同一列的数字应当一致。不一致说明其中一份
    报告填错，或结转的申请被漏统计、重复统计；只看总计会漏掉申请人类别填错的情况。

    不符合的示例
        2021 年报告  四、结转下年度继续办理  自然人 5 … 总计 5
        2022 年报告  二、上年结转政府信息公开申请数量  自然人 3 … 总计 5      ← 自然人 5 ≠ 3

    符合的示例
        2021 年报告  四、结转下年度继续办理  自然人 5 … 总计 5
        2022 年报告  二、上年结转政府信息公开申请数量  自然人 5 … 总计 5
    """

    code = "K101"
    name = "carry-over-per-column"
    summary = "本年表三“上年结转”各列应等于上年报告“结转下年度继续办理”的同一列"
    problem = "本年表三“上年结转”与上年报告“结转下年度继续办理”不一致"

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        now, before = report.tables.get(3), previous.tables.get(3)
        if now is None or before is None:
            return
        for column in T3_COLUMNS_SUBTOTAL:
            this_id, last_id = cell_id(3, "carried_over", column.id), cell_id(3, "carried_forward", column.id)
            this, last = now.cells.get(this_id), before.cells.get(last_id)
            this_value, last_value = operand(this, "missing"), operand(last, "missing")
            if this is None or last is None or this_value is None or last_value is None or this_value == last_value:
                continue
            label = "法人或其他组织小计" if column.id == "subtotal" else short_column(column.label)
            message = (f"上年报告“结转下年度继续办理”{label}为 {fmt(last_value)} 件，本年“上年结转”{label}为 "
                       f"{fmt(this_value)} 件，相差 {fmt(abs(last_value - this_value))} 件")
            yield Finding(
                self.code, self.category, message, span=this.provenance.span, table=3, cells=(this_id,),
                evidence={"previous_path": previous.path, "previous_year": previous.year, "previous_cell": last_id,
                          "previous_value": last_value, "cell": this_id, "value": this_value, "text": message},
                key=column.id,
                related=(related(previous, last.provenance.span,
                                 f"上年报告“四、结转下年度继续办理”{label}：{fmt(last_value)}", (last_id,)),),
            )
