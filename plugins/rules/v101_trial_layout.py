from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.layouts import T2_MARKERS_2021
from xxgk_lint.core.model import Finding, Report, Span, Table
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import label_key

from ._cells import cover
from ._outline import find_label

#: Column headers only the 2019 table 2 has.  政府集中采购 is left out: a 2021 report may name it in prose.
_T2_HEADERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                    "采购项目数量", "采购总金额")
_MIN_T3_ROWS = 15  # a table 3 really read, not a few numbers picked up from prose


class TrialLayoutAfter2021(Rule):
    """检查内容
    2021 年及以后年度的报告仍使用 2019 年试行格式（国办公开办函〔2019〕60号）的统计表：表二用“本年新制作数量
    本年新公开数量 对外公开总数量”“上一年项目数量 本年增/减 处理决定数量”等栏目（2021 年格式为“本年制发件数
    本年废止件数 现行有效件数”“本年处理决定数量”“本年收费金额”），或表三“（六）其他处理”只有一行（2021 年格式
    分为“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三行）。每张表一条。
    报告年度取自标题；年度不明时不判断。参数 ``since_year``（默认 2021）为必须使用新格式的第一个报告年度。

    为什么
    国办公开办函〔2021〕30号自 2021 年度报告起统一使用新格式；沿用旧表说明报告由旧模板改写，表二的数据口径
    与新格式不同，表三缺少与信息处理费制度配套的“逾期未缴纳费用”一行，无法与其他机关的报告汇总比较。

    不符合的示例
        示例县人民政府2023年政府信息公开工作年度报告
        ……
        信息内容	本年新制作数量	本年新公开数量	对外公开总数量

    符合的示例
        示例县人民政府2023年政府信息公开工作年度报告
        ……
        信息内容	本年制发件数	本年废止件数	现行有效件数
    """

    code = "V101"
    name = "trial-layout-after-2021"
    summary = "2021 年起的报告不得沿用 2019 年试行格式的统计表"
    problem = "2021 年起的报告沿用了 2019 年试行格式的统计表"
    category = "format-version"
    parameters: ClassVar[Mapping[str, Any]] = {"since_year": 2021}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "since_year": "从这一报告年度起必须使用 2021 年版格式",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        since = int(params.get("since_year", 2021))
        if report.year is None or report.year < since:
            return
        t2 = report.tables.get(2)
        if t2 is None or t2.layout == "2019":
            span = t2.span if t2 is not None and t2.span is not None else Span(0, len(report.folded))
            key = label_key(report.folded[span.start:span.end])
            headers = [h for h in _T2_HEADERS_2019 if h in key]
            if headers and not any(m in key for m in T2_MARKERS_2021):
                where = find_label(report.folded, headers[0], span.start, span.end)
                quoted = "”“".join(headers[:3]) + ("”等" if len(headers) > 3 else "”")
                yield Finding(
                    self.code, self.category,
                    f"报告年度为 {report.year} 年，表二却使用 2019 年试行格式的栏目“{quoted}；{since} 年度起应使用"
                    "国办公开办函〔2021〕30号格式（本年制发件数、本年废止件数、现行有效件数，本年处理决定数量，"
                    "本年收费金额）",
                    span=where, table=2, evidence={"text": headers[0], "headers": headers, "year": report.year},
                    key="t2",
                )
        t3 = report.tables.get(3)
        if t3 is not None and t3.layout == "2019" and _really_read(t3):
            other = [c for c in t3.cells.values() if c.id.startswith("t3.result.other.")]
            where = cover(other) or (find_label(report.folded, "其他处理", t3.span.start, t3.span.end)
                                     if t3.span is not None else None)
            yield Finding(
                self.code, self.category,
                f"报告年度为 {report.year} 年，表三“（六）其他处理”却只有一行（2019 年试行格式）；{since} 年度起"
                "应分为“1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”“2.申请人逾期未按收费通知"
                "要求缴纳费用、行政机关不再处理其政府信息公开申请”“3.其他”三行",
                span=where, table=3, cells=tuple(sorted(c.id for c in other)),
                evidence={"text": "（六）其他处理", "year": report.year}, key="t3",
            )


def _really_read(table: Table) -> bool:
    rows = {c.id.rsplit(".", 1)[0] for c in table.cells.values()}
    return len(rows) >= _MIN_T3_ROWS and any(c.id.startswith("t3.result.other.") for c in table.cells.values())
