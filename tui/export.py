"""Export a review: a Markdown memo in Chinese to send back to the reporting unit, and JSON for tools."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from xxgk_lint import __version__
from xxgk_lint.core.model import Finding
from xxgk_lint.core.reporting import finding_to_dict

from .session import (
    CONFIRMED,
    SEVERITY_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    UNDECIDED,
    WAIVED,
    ReviewSession,
)

EXPORT_VERSION = 1


def _where(session: ReviewSession, f: Finding) -> str:
    parts = []
    if f.page is not None:
        parts.append(f"第 {f.page} 页")
    if f.line is not None:
        parts.append(f"第 {f.line} 行")
    section = session.section_for(f)
    if section is not None and section.number:
        parts.append(f"第{section.number}部分")
    if f.table is not None:
        parts.append(f"表{'一二三四'[f.table - 1]}")
    return "，".join(parts) or "全文"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def memo_markdown(session: ReviewSession) -> str:
    """审核意见: the problems to correct (confirmed, then not yet reviewed), then those waived, for the unit."""
    report = session.report
    title = report.title or session.path.name
    confirmed = [f for f in session.findings if session.state(f) == CONFIRMED]
    undecided = [f for f in session.findings if session.state(f) == UNDECIDED]
    waived = [f for f in session.findings if session.state(f) == WAIVED]
    today = session.clock()[:10] or dt.date.today().isoformat()
    out = [
        f"# 关于《{title}》的审核意见",
        "",
        f"- 报告文件：{session.path.name}",
    ]
    if report.organization:
        out.append(f"- 发布机关：{report.organization}")
    if report.year:
        out.append(f"- 报告年度：{report.year} 年")
    out += [
        f"- 审核人：{session.reviewer or '（未署名）'}",
        f"- 审核日期：{today}",
        f"- 审核进度：{STATUS_LABELS[session.status]}（{session.decided_count()}/{len(session.findings)} 条已审核）",
        "",
        "## 审核结论",
        "",
    ]
    if not session.findings:
        out += ["经检查，未发现问题。", ""]
    else:
        out += [
            f"经检查，共发现问题 {len(session.findings)} 条：经审核确认需要整改 {len(confirmed)} 条，"
            f"尚待核实 {len(undecided)} 条，经核实可不作修改 {len(waived)} 条。"
            + ("请对照下列问题逐项修改后重新报送。" if confirmed or undecided else ""),
            "",
        ]
    number = 0

    def item(f: Finding, note: str) -> list[str]:
        nonlocal number
        number += 1
        severity = SEVERITY_LABELS.get(f.severity.value if f.severity else "", "")
        lines = [f"### {number}. 【{severity}】{f.message}", "", f"- 位置：{_where(session, f)}",
                 f"- 规则：{f.rule} {session.rule_summary(f.rule)}".rstrip()]
        quoted = f.evidence.get("text") if isinstance(f.evidence, dict) else None
        if isinstance(quoted, str) and quoted and quoted not in f.message:
            lines.append(f"- 原文或计算：{quoted}")
        lines += [f"- 审核意见：{note}", ""]
        return lines

    if confirmed:
        out += ["## 需要整改的问题", ""]
        for f in confirmed:
            d = session.decision(f)
            who = f"（{d.who}，{d.when[:10]}）" if d and (d.who or d.when) else ""
            out += item(f, f"确认需要整改{who}")
    if undecided:
        out += ["## 尚待核实的问题", "", "以下问题由工具检查发现，审核人尚未逐条核实，请单位自查。", ""]
        for f in undecided:
            out += item(f, "待核实")
    if waived:
        out += ["## 经核实可不作修改的问题", "", "| 序号 | 规则 | 问题 | 理由 | 审核人 |", "|---|---|---|---|---|"]
        for i, f in enumerate(waived, 1):
            d = session.decision(f)
            out.append(f"| {i} | {f.rule} | {_cell(f.message)} | {_cell(d.reason if d else '')} | "
                       f"{_cell(d.who if d else '')} |")
        out.append("")
    stale = session.stale
    if stale:
        out += ["## 已不存在的问题", "", "以下问题曾经审核，在本次检查中已不存在（已修改）：", ""]
        out += [f"- {d.rule} {d.message}（原审核：{STATE_LABELS.get(d.decision, d.decision)}）" for d in stale]
        out.append("")
    out += ["---", "", f"本意见由 xxgk-lint {__version__} 检查结果经人工审核形成。", ""]
    return "\n".join(out)


def review_json(session: ReviewSession) -> dict[str, Any]:
    report = session.report
    findings = []
    for f in session.findings:
        entry = finding_to_dict(f)
        d = session.decision(f)
        entry["review"] = {"decision": session.state(f), "reason": d.reason if d else "",
                           "who": d.who if d else "", "when": d.when if d else ""}
        findings.append(entry)
    return {
        "version": EXPORT_VERSION,
        "tool": f"xxgk-lint {__version__}",
        "path": session.file.path,
        "review_file": str(session.review_file),
        "report": {"title": report.title, "organization": report.organization, "year": report.year,
                   "format_version": report.format_version.value},
        "reviewer": session.reviewer,
        "exported": session.clock(),
        "status": session.status,
        "summary": {state: sum(1 for f in session.findings if session.state(f) == state)
                    for state in (UNDECIDED, CONFIRMED, WAIVED)},
        "findings": findings,
        "disappeared": [{"fingerprint": d.fingerprint, "rule": d.rule, "message": d.message,
                         "decision": d.decision, "reason": d.reason, "who": d.who, "when": d.when}
                        for d in session.stale],
    }


def review_json_text(session: ReviewSession) -> str:
    return json.dumps(review_json(session), ensure_ascii=False, indent=2) + "\n"
