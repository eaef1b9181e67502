from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from xxgk_lint.core.corpus_rules import HierarchyRule, related
from xxgk_lint.core.layouts import T3_COLUMNS, T4_BLOCKS, cell_id
from xxgk_lint.core.model import Cell, Finding, Report, Severity

from ._cells import fmt, operand
from ._tables import short_column, short_row

_T3_ROWS = ("new", "carried_over", "result.total", "carried_forward")
_SHORT = {"new": "一、本年新收", "carried_over": "二、上年结转", "result.total": "三（七）总计",
          "carried_forward": "四、结转下年度"}
_MAX_ROWS = 8  # differences listed in the message; all of them are in the evidence


def _summed_cells() -> list[tuple[str, str]]:
    """The cells a parent's report sums over its children: table 3's totals rows by applicant, table 4's blocks."""
    out = [(cell_id(3, row, c.id), f"表三“{_SHORT[row]}”{short_column(c.label)}") for row in _T3_ROWS
           for c in T3_COLUMNS]
    out += [(cell_id(4, block.id, c.id), f"表四“{short_row(block.label)}”{c.label}") for block in T4_BLOCKS
            for c in block.columns]
    return out


class HierarchySums(HierarchyRule):
    """检查内容
    按用户提供的上下级对应文件（``[corpus] hierarchy`` 或 ``--hierarchy``，每行：上级机关,下级机关），核对上级机关
    报告中按定义是汇总数的单元格，是否等于同年度各下级机关报告同一单元格之和：表三“一、本年新收”“二、上年结转”
    “（七）总计”“四、结转下年度继续办理”各申请人列，表四三个部分的各列。差异以表格列出（上级数值、下级合计、
    差额）。对应文件中有下级机关的报告不在本次检查的文件中时，整份报告不作判断并提示缺少哪些下级机关；某个单元格
    在任何一份报告中空白或未能读出时，该单元格不作判断。

    为什么
    汇总本地区（如“全县”）情况的报告，其申请和复议诉讼数字应当由各单位的数字汇总而来。对不上说明汇总时漏了
    单位、重复计算，或某个单位的报告数字有误。只有用户明确给出上下级对应关系时才核对：上级报告只统计本级的
    情况也很常见，不能从名称推断。

    不符合的示例
        某某县（汇总）  表三 一、本年新收 总计 30
        某某乡         表三 一、本年新收 总计 12
        某某镇         表三 一、本年新收 总计 15      ← 12 + 15 = 27 ≠ 30

    符合的示例
        某某县（汇总）  表三 一、本年新收 总计 27
        某某乡         表三 一、本年新收 总计 12
        某某镇         表三 一、本年新收 总计 15
    """

    code = "K301"
    name = "parent-equals-sum-of-children"
    summary = "上级机关汇总报告的表三、表四汇总数应等于各下级机关报告之和"
    problem = "上级机关汇总报告的表三、表四数字与各下级机关报告之和不一致"
    severity = Severity.WARNING

    def check_family(self, report: Report, children: Sequence[Report], missing: Sequence[str],
                     params: Mapping[str, Any]) -> Iterator[Finding]:
        if missing:
            yield Finding(
                self.code, self.category,
                f"无法判断本报告与下级机关报告之和是否一致：上下级对应文件中的 {'、'.join(missing)} 没有同年度的报告"
                f"（或有多份，无法确定），请补齐后再检查", severity=Severity.INFO,
                evidence={"missing": list(missing), "children": [c.path for c in children]},
                key="missing-children",
            )
            return
        if not children:
            return
        diffs: list[dict[str, Any]] = []
        for cid, label in _summed_cells():
            own = report.cell(cid)
            theirs: list[Cell | None] = [child.cell(cid) for child in children]
            values = [operand(c, "missing") for c in (own, *theirs)]
            if any(v is None for v in values):
                continue
            total = sum(values[1:])  # type: ignore[arg-type]
            if total == values[0]:
                continue
            diffs.append({"cell": cid, "label": label, "value": values[0], "children_sum": total,
                          "children": dict(zip([c.path for c in children], values[1:], strict=True)),
                          "span": own.provenance.span if own else None})
        if not diffs:
            return
        lines = [f"{d['label']}：本报告 {fmt(d['value'])}，下级合计 {fmt(d['children_sum'])}"
                 f"（{' + '.join(fmt(v) for v in d['children'].values())}），"
                 f"相差 {fmt(abs(d['value'] - d['children_sum']))}" for d in diffs[:_MAX_ROWS]]
        more = f"；另有 {len(diffs) - _MAX_ROWS} 处" if len(diffs) > _MAX_ROWS else ""
        names = "、".join(c.organization or c.path for c in children)
        message = (f"有 {len(diffs)} 个单元格与 {len(children)} 个下级机关（{names}）报告之和不一致："
                   + "；".join(lines) + more)
        first = next((d["span"] for d in diffs if d["span"] is not None), None)
        cid0 = diffs[0]["cell"]
        yield Finding(
            self.code, self.category, message, span=first, table=int(cid0[1]),
            cells=tuple(d["cell"] for d in diffs),
            evidence={"differences": [{k: v for k, v in d.items() if k != "span"} for d in diffs],
                      "children": [c.path for c in children]},
            key="sums",
            related=tuple(related(c, c.cell(cid0).provenance.span if c.cell(cid0) else None,
                                  f"下级机关 {c.organization or c.path}：{diffs[0]['label']} "
                                  f"{fmt(diffs[0]['children'][c.path])}", (cid0,))
                          for c in children),
        )
