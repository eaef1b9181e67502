"""The current finding: code, severity, message, evidence, the rule's documentation and the review state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from xxgk_lint.core.evidence import detail_lines
from xxgk_lint.core.labels import human_datetime
from xxgk_lint.core.model import Finding

from ..session import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    STATE_LABELS,
    WAIVED,
    ReviewSession,
)
from .wrapped import Para, WrappedText


def evidence_paragraphs(session: ReviewSession, f: Finding) -> list[Para]:
    """The shared Chinese rendering of the evidence (``core.evidence``), styled for the panel."""
    out: list[Para] = []
    for line in detail_lines(f, session.report, with_location=False):
        style = {"quote": "quote", "arith": "code"}.get(line.style)
        label_style = None if line.indent else "label"
        out.append(Para(((f"{line.label}：", label_style), (line.value, style)), indent=line.indent))
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
              (f.rule, "heading"), ("  ", None), (session.rule_problem(f.rule), "muted"))),
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
        signed = "，".join(x for x in (decision.who, human_datetime(decision.when)) if x)
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
