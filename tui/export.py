"""Export a review: the memo (审核意见, Markdown or Word, built by core.memo) for the reporting unit, and JSON for
tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xxgk_lint import __version__
from xxgk_lint.core.memo import MemoOptions, MemoReport, memo_blocks, to_docx, to_markdown
from xxgk_lint.core.reporting import finding_to_dict

from .session import (
    CONFIRMED,
    UNDECIDED,
    WAIVED,
    ReviewSession,
)

EXPORT_VERSION = 1


def memo_report(session: ReviewSession) -> MemoReport:
    return MemoReport(str(session.path), session.report, list(session.findings), dict(session.decisions),
                      list(session.stale))


def memo_options(session: ReviewSession, **extra: str) -> MemoOptions:
    return MemoOptions(reviewer=session.reviewer, date=session.clock()[:10], tool=f"xxgk-lint {__version__}",
                       **extra)


def memo_markdown(session: ReviewSession, **extra: str) -> str:
    """审核意见 for the unit (core.memo): problems to correct, those not yet reviewed, then those waived."""
    return to_markdown([memo_blocks(memo_report(session), memo_options(session, **extra), session.rule_problem)])


def memo_docx(session: ReviewSession, path: Path, **extra: str) -> None:
    """The same memo as a Word document."""
    to_docx([memo_blocks(memo_report(session), memo_options(session, **extra), session.rule_problem)], path)


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
