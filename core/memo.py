"""The review memo (审核意见) an office sends back to a reporting body, as Markdown or Word.

One memo per report: the office, a reference number (文号) line, the body and report, the deadline for
corrections (整改期限), the conclusion, then every finding to correct with the problem, the rule's message,
location, the quoted original, the arithmetic and the reviewer's comment, the findings not yet reviewed, and the
waived ones with their reasons.  The reviewer is the one the decisions name (``Decision.who``), not whoever
runs the export.  A batch memo is the memos of several reports one after another (a page break in Word).

The memo is built once as a list of blocks and rendered to Markdown or DOCX, so both say the same; the TUI
export (tui/export.py) and ``xxgk memo`` (core/memo_cli.py) both call ``memo_blocks``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .docx_writer import Docx
from .evidence import detail_lines, location
from .labels import human_date, human_datetime, severity_label
from .model import Finding, Report
from .waivers import Decision

CONFIRMED, WAIVED = "confirmed", "waived"


@dataclass(frozen=True)
class MemoOptions:
    office: str = ""  # 审核机关, e.g. 示例县人民政府办公室（政务公开办）
    reference: str = ""  # 文号, e.g. 示政公审〔2026〕3号; left as a blank to fill in when empty
    deadline: str = ""  # 整改期限: an ISO date (shown as 2026年12月20日) or free text
    reviewer: str = ""  # who signs when the decisions name nobody
    date: str = ""  # 审核日期, ISO; today when empty
    tool: str = ""  # "xxgk-lint 1.2.3" for the closing line


@dataclass
class MemoReport:
    """One report's findings and the reviewer's decisions on them (by fingerprint)."""

    path: str
    report: Report
    findings: list[Finding]
    decisions: dict[str, Decision] = field(default_factory=dict)
    stale: list[Decision] = field(default_factory=list)  # decided findings no longer found

    def state(self, f: Finding) -> str:
        d = self.decisions.get(f.fingerprint)
        return d.decision if d is not None else "undecided"

    def reviewers(self) -> list[str]:
        """Who decided, most decisions first."""
        counts = Counter(d.who for d in self.decisions.values() if d.who)
        return [who for who, _ in counts.most_common()]


# --- blocks -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "para" | "field" | "table" | "break"
    text: str = ""
    label: str = ""
    level: int = 1  # heading level; a field's indent
    align: str = ""  # "right" | "center" | ""
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[int, ...] = ()


def _when(value: str) -> str:
    return human_datetime(value) if value else ""


def _deadline(value: str) -> str:
    return human_date(value) if value[:4].isdigit() else value


def _item(memo: MemoReport, f: Finding, number: int, problem: str, verdict: str) -> list[Block]:
    severity = severity_label(f.severity.value if f.severity else None)
    out = [Block("heading", f"{number}. 【{severity}】{problem}（{f.rule}）", level=3)]
    if f.message != problem:
        out.append(Block("field", f.message, "问题说明"))
    out += [Block("field", line.value, line.label, level=1 + line.indent // 2)
            for line in detail_lines(f, memo.report)]
    out.append(Block("field", verdict, "审核意见"))
    return out


def memo_blocks(memo: MemoReport, options: MemoOptions, problem: Callable[[str], str]) -> list[Block]:
    """The memo of one report; ``problem`` gives a rule's problem statement by code."""
    report = memo.report
    title = report.title or Path(memo.path).name
    confirmed = [f for f in memo.findings if memo.state(f) == CONFIRMED]
    undecided = [f for f in memo.findings if memo.state(f) not in (CONFIRMED, WAIVED)]
    waived = [f for f in memo.findings if memo.state(f) == WAIVED]
    reviewers = memo.reviewers() or ([options.reviewer] if options.reviewer else [])
    today = options.date or dt.date.today().isoformat()
    deadline = _deadline(options.deadline)
    out = [Block("title", f"关于《{title}》的审核意见"),
           Block("para", options.reference or "文号：　　〔　　〕　　号", align="center")]
    facts = [("报送单位", report.organization or "未识别"), ("报告名称", f"《{title}》"),
             ("报告文件", Path(memo.path).name)]
    if report.year:
        facts.append(("报告年度", f"{report.year} 年"))
    if options.office:
        facts.append(("审核机关", options.office))
    facts += [("审核人", "、".join(reviewers) or "（未署名）"), ("审核日期", human_date(today))]
    if deadline:
        facts.append(("整改期限", deadline))
    out += [Block("field", value, label) for label, value in facts]
    out.append(Block("heading", "审核结论"))
    if not memo.findings:
        out.append(Block("para", "经审核，未发现需要整改的问题。"))
    else:
        ask = ""
        if confirmed or undecided:
            ask = (f"请于{deadline}前" if deadline else "请") + "对照下列问题逐项整改，修改后重新报送。"
        out.append(Block("para", f"经审核，共发现问题 {len(memo.findings)} 条：经审核确认需要整改 {len(confirmed)} 条，"
                                 f"尚待核实 {len(undecided)} 条，经核实可不作修改 {len(waived)} 条。{ask}"))
    number = 0
    if confirmed:
        out.append(Block("heading", "需要整改的问题"))
        for f in confirmed:
            number += 1
            d = memo.decisions[f.fingerprint]
            signed = "，".join(x for x in (d.who, _when(d.when)) if x)
            verdict = (d.reason or "确认需要整改") + (f"（{signed}）" if signed else "")
            out += _item(memo, f, number, problem(f.rule) or f.message, verdict)
    if undecided:
        out += [Block("heading", "尚待核实的问题"),
                Block("para", "以下问题由工具检查发现，审核人尚未逐条核实，请报送单位自查。")]
        for f in undecided:
            number += 1
            out += _item(memo, f, number, problem(f.rule) or f.message, "待核实")
    if waived:
        rows = [("序号", "规则", "问题", "位置", "理由", "审核人")]
        for i, f in enumerate(waived, 1):
            d = memo.decisions[f.fingerprint]
            rows.append((str(i), f.rule, problem(f.rule) or f.message, location(f, report), d.reason or "—",
                         "，".join(x for x in (d.who, _when(d.when)) if x) or "—"))
        out += [Block("heading", "经核实可不作修改的问题"),
                Block("table", rows=tuple(rows), widths=(3, 4, 9, 7, 9, 7))]
    if memo.stale:
        out += [Block("heading", "已不存在的问题"), Block("para", "以下问题曾经审核，在本次检查中已不存在（已修改）：")]
        labels = {CONFIRMED: "已确认", WAIVED: "已豁免"}
        out += [Block("field", f"{d.message}（原审核：{labels.get(d.decision, d.decision)}）", d.rule)
                for d in memo.stale]
    if options.office:
        out.append(Block("para", options.office, align="right"))
    out.append(Block("para", human_date(today), align="right"))
    if options.tool:
        out.append(Block("para", f"本意见由 {options.tool} 检查结果经人工审核形成。"))
    return out


# --- rendering ----------------------------------------------------------------------------------------------

def _md(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def to_markdown(memos: Sequence[list[Block]]) -> str:
    lines: list[str] = []
    for i, blocks in enumerate(memos):
        if i:
            lines += ["", "---", ""]
        for b in blocks:
            if b.kind == "title":
                lines += [f"# {_md(b.text)}", ""]
            elif b.kind == "heading":
                lines += ["", f"{'#' * (b.level if b.level > 1 else 2)} {_md(b.text)}", ""]
            elif b.kind == "para":
                lines += [_md(b.text), ""]
            elif b.kind == "field":
                lines.append(f"{'  ' * (b.level - 1)}- {_md(b.label)}：{_md(b.text)}".rstrip("："))
            elif b.kind == "table":
                header, *body = b.rows
                lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in body]
                lines.append("")
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def to_docx(memos: Sequence[list[Block]], path: Path, title: str = "审核意见") -> None:
    doc = Docx(title=title)
    for i, blocks in enumerate(memos):
        if i:
            doc.page_break()
        for b in blocks:
            if b.kind == "title":
                doc.heading(b.text, 0)
            elif b.kind == "heading":
                doc.heading(b.text, 1 if b.level <= 1 else 2)
            elif b.kind == "para":
                doc.paragraph(b.text, align=b.align, indent=0 if b.align else 2)
            elif b.kind == "field":
                doc.paragraph((f"{b.label}：", True), b.text, left=2 * (b.level - 1))
            elif b.kind == "table":
                doc.table([list(r) for r in b.rows], list(b.widths) or None)
    doc.save(path)
