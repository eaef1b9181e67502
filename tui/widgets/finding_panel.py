"""The current finding: code, severity, message, evidence, the rule's documentation and the review state."""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from xxgk_lint.core.model import Finding

from ..session import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    STATE_LABELS,
    WAIVED,
    ReviewSession,
)
from .wrapped import Para, WrappedText

_EVIDENCE_LABELS = {"expression": "关系式", "text": "原文或计算", "left": "左边", "right": "右边", "count": "数量",
                    "year": "年度", "report_year": "报告年度", "date": "日期", "deadline": "期限", "title": "报告标题",
                    "body": "机关", "word": "词语", "headings": "标题", "missing": "缺少", "expected": "应为",
                    "first_line": "首次出现的行", "first_page": "首次出现的页"}


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


def cell_label(session: ReviewSession, cell_id: str) -> str:
    cell = session.report.cell(cell_id) if cell_id[:1] == "t" and cell_id[1:2].isdigit() else None
    if cell is None:
        return cell_id
    row = cell.row.rpartition("/")[2]
    if len({c.row for c in session.report.tables[int(cell_id[1])].cells.values()}) == 1:
        return cell.column  # table 4: the row is in the column label
    return f"{row}／{cell.column.rpartition('/')[2]}"


def evidence_paragraphs(session: ReviewSession, f: Finding) -> list[Para]:
    out: list[Para] = []
    evidence = f.evidence if isinstance(f.evidence, dict) else {}
    for key, value in evidence.items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        if key == "values" and isinstance(value, dict):
            out.append(Para.of("数值", "label"))
            out += [Para(((f"{cell_label(session, c)} ", None), (_value(v), "code")), indent=2)
                    for c, v in value.items()]
            continue
        if key == "cells" and isinstance(value, dict):
            out.append(Para.of("单元格", "label"))
            out += [Para(((f"{cell_label(session, c)} ", None), (f"“{v}”" if v else "（空白）", "code")), indent=2)
                    for c, v in value.items()]
            continue
        label = _EVIDENCE_LABELS.get(key, key)
        style = "quote" if key == "text" else "code" if key in ("expression", "left", "right") else None
        out.append(Para(((f"{label}：", "label"), (_value(value), style))))
    return out


def finding_paragraphs(session: ReviewSession, f: Finding | None, position: tuple[int, int] | None = None,
                       with_doc: bool = True) -> list[Para]:
    if f is None:
        shown = session.shown()
        if not session.findings:
            return [Para.of("本报告没有发现问题。", "heading")]
        if not shown:
            return [Para.of("没有符合筛选条件的问题。", "heading"),
                    Para.of(f"筛选：{session.filter.describe()}", "muted")]
        return [Para.of("本部分没有问题。", "heading"), Para.of("按 n / p 跳到上一个或下一个问题。", "muted")]
    severity = f.severity.value if f.severity else "info"
    state = session.state(f)
    paras = [
        Para(((f" {SEVERITY_LABELS.get(severity, severity)} ", f"badge-{severity}"), (" ", None),
              (f.rule, "heading"), ("  ", None), (session.rule_summary(f.rule), "muted"))),
    ]
    where = []
    if position is not None:
        where.append(f"第 {position[0]}/{position[1]} 个")
    if f.line is not None:
        where.append(f"第 {f.line} 行第 {f.column} 列")
    if f.page is not None:
        where.append(f"第 {f.page} 页")
    section = session.section_for(f)
    if section is not None and section.number:
        where.append(f"第{section.number}部分")
    if f.table is not None:
        where.append(f"表{'一二三四'[f.table - 1]}")
    where.append(CATEGORY_LABELS.get(f.category, f.category))
    paras.append(Para.of("　".join(where), "muted"))
    decision = session.decision(f)
    status = [(f"审核：{STATE_LABELS[state]}", state)]
    if decision is not None:
        if decision.reason:
            status.append((f"  {'理由' if state == WAIVED else '意见'}：{decision.reason}", None))
        signed = "，".join(x for x in (decision.who, decision.when) if x)
        if signed:
            status.append((f"（{signed}）", "muted"))
    paras += [Para(tuple(status)), Para.of(""), Para.of(f.message, severity), Para.of("")]
    evidence = evidence_paragraphs(session, f)
    if evidence:
        paras += [Para.of("证据", "heading"), *evidence, Para.of("")]
    if with_doc:
        paras += [Para.of("规则说明", "heading"), *doc_paragraphs(session.rule_doc(f.rule))]
    paras.append(Para.of(f"指纹 {f.fingerprint}", "muted"))
    return paras


def doc_paragraphs(doc: str) -> list[Para]:
    """A rule docstring: the four part titles, prose joined across source lines (Chinese has no spaces between
    words), examples kept line by line."""
    out: list[Para] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            out.append(Para.of("".join(prose).replace("``", "")))
            prose.clear()

    for line in doc.splitlines():
        stripped = line.strip()
        if stripped in ("检查内容", "为什么", "不符合的示例", "符合的示例"):
            flush()
            out.append(Para.of(stripped, "label"))
        elif line.startswith("    "):
            flush()
            out.append(Para.of(line[4:], "code", indent=2))
        elif not stripped:
            flush()
            out.append(Para.of(""))
        else:
            prose.append(stripped)
    flush()
    return out


class FindingPanel(VerticalScroll):
    """Scrollable details of the current finding (or of the findings that disappeared)."""

    def compose(self) -> ComposeResult:
        yield WrappedText(id="finding-text")

    @property
    def text(self) -> WrappedText:
        return self.query_one("#finding-text", WrappedText)

    def show(self, paras: list[Para]) -> None:
        self.text.set_paragraphs(paras)
        self.scroll_home(animate=False)
