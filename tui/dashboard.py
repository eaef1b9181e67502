"""The folder dashboard's data: one row per report, sorting, filtering, bulk decisions and the 汇总 export.

No Textual here (the folder screen draws these rows; tests call the functions directly).  The row is built from
a ``FileResult`` and the review file next to the report, and is the one place that turns a linted report into
发布机关 × 年度 × 格式 × counts × 审核状态; 发布机关 and 年度 come from ``core.summary`` so the folder list names
each report as ``xxgk summary`` does.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xxgk_lint.core.model import FileResult, FormatVersion
from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.summary import body_and_year
from xxgk_lint.core.waivers import Decision, read_review, review_path

from .session import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    SEVERITIES,
    SEVERITY_LABELS,
    STATUS_LABELS,
    UNDECIDED,
    ReviewSession,
    review_status,
    severity_counts,
)

ERROR, PENDING = "error", "pending"  # statuses beside those of session: could not be checked / not yet checked
DASHBOARD_STATUS_LABELS = {**STATUS_LABELS, ERROR: "无法检查", PENDING: "检查中"}
STATUS_ORDER = (NOT_STARTED, IN_PROGRESS, DONE, ERROR, PENDING)
FORMAT_LABELS = {FormatVersion.V2021.value: "2021年格式", FormatVersion.V2019.value: "2019年试行格式",
                 FormatVersion.LEGACY.value: "2019年以前", FormatVersion.UNKNOWN.value: "未能识别"}

#: (key, heading) of the dashboard columns, in display order; every one can be sorted and filtered by
COLUMNS = (("organization", "发布机关"), ("year", "年度"), ("format", "格式"), ("error", "错误"),
           ("warning", "警告"), ("info", "提示"), ("decided", "已审核"), ("status", "审核状态"), ("name", "文件"))


@dataclass
class DashboardRow:
    key: str  # the report's path, as the row key of the table
    name: str  # path relative to the folder
    organization: str  # 发布机关 as read from the report, or "" when it could not be found
    year: int | None
    format: str  # FormatVersion value, "" when the report could not be read
    counts: Counter[str] = field(default_factory=Counter)  # findings by severity
    total: int = 0
    decided: int = 0
    status: str = PENDING
    note: str = ""  # why the report could not be checked
    rules: Counter[str] = field(default_factory=Counter)  # findings by rule code

    @property
    def status_label(self) -> str:
        return self.note if self.status == ERROR and self.note else DASHBOARD_STATUS_LABELS[self.status]

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format, self.format) if self.format else "—"

    def value(self, column: str) -> str | int | None:
        """The value of a column, as sorted and filtered on."""
        if column in SEVERITIES:
            return self.counts.get(column, 0)
        return {"organization": self.organization, "year": self.year, "format": self.format_label,
                "decided": self.decided, "status": self.status_label, "name": self.name}[column]


def read_decisions(report: Path) -> tuple[dict[str, Decision], str | None]:
    """The decisions of the review file next to a report, and the problem when it cannot be read."""
    review = review_path(report)
    if not review.is_file():
        return {}, None
    try:
        return read_review(review)[1], None
    except ConfigError as exc:
        return {}, str(exc)


def pending_row(path: Path, name: str) -> DashboardRow:
    return DashboardRow(str(path), name, "", None, "")


def build_row(path: Path, name: str, file: FileResult) -> DashboardRow:
    """The dashboard row of one linted report, with the review status from the review file next to it."""
    report = file.report
    if report is None:
        return DashboardRow(str(path), name, "", None, "", status=ERROR,
                            note="无法检查：" + "；".join(e.message for e in file.errors))
    decisions, problem = read_decisions(path)
    findings = file.findings
    body, year = body_and_year(report)
    row = DashboardRow(str(path), name, body, year, report.format_version.value,
                       severity_counts(findings), len(findings), rules=Counter(f.rule for f in findings))
    if problem is not None:
        row.status, row.note = ERROR, "审核记录无法读取"
        return row
    row.decided = sum(1 for f in findings if f.fingerprint in decisions)
    row.status = review_status(findings, decisions)
    return row


def sort_rows(rows: Iterable[DashboardRow], column: str, descending: bool = False) -> list[DashboardRow]:
    """Rows ordered by a column; empty values (unknown body or year, unchecked reports) always last, ties by
    file name.  Counts sort by number, 审核状态 in workflow order, text by its characters."""
    rows = list(rows)

    def value(row: DashboardRow) -> str | int | None:
        return STATUS_ORDER.index(row.status) if column == "status" else row.value(column)

    present = sorted((r for r in rows if value(r) not in (None, "")), key=lambda r: r.name)
    present.sort(key=value, reverse=descending)  # type: ignore[arg-type]  # one type per column
    empty = sorted((r for r in rows if value(r) in (None, "")), key=lambda r: r.name)
    return present + empty


@dataclass(frozen=True)
class DashboardFilter:
    """Which reports are listed; every part left empty lets everything through."""

    text: str = ""  # in 发布机关 or the file name
    years: frozenset[str] = frozenset()  # "2023", or "—" for an unknown year
    formats: frozenset[str] = frozenset()  # format labels
    levels: frozenset[str] = frozenset()  # severities the report must have at least one finding of
    statuses: frozenset[str] = frozenset()

    def active(self) -> bool:
        return bool(self.text or self.years or self.formats or self.levels or self.statuses)

    def accepts(self, row: DashboardRow) -> bool:
        if self.text and self.text not in row.organization and self.text not in row.name:
            return False
        if self.years and year_label(row.year) not in self.years:
            return False
        if self.formats and row.format_label not in self.formats:
            return False
        if self.levels and not any(row.counts.get(level, 0) for level in self.levels):
            return False
        return not self.statuses or row.status in self.statuses

    def describe(self) -> str:
        parts = []
        if self.text:
            parts.append(f"含“{self.text}”")
        if self.years:
            parts.append("年度：" + "、".join(sorted(self.years)))
        if self.formats:
            parts.append("格式：" + "、".join(sorted(self.formats)))
        if self.levels:
            parts.append("有" + "或".join(SEVERITY_LABELS[s] for s in SEVERITIES if s in self.levels))
        if self.statuses:
            parts.append("状态：" + "、".join(DASHBOARD_STATUS_LABELS[s] for s in STATUS_ORDER if s in self.statuses))
        return "；".join(parts) if parts else "全部"


def year_label(year: int | None) -> str:
    return str(year) if year is not None else "—"


def filter_rows(rows: Iterable[DashboardRow], flt: DashboardFilter) -> list[DashboardRow]:
    return [r for r in rows if flt.accepts(r)]


# -- bulk decisions --------------------------------------------------------------------------------------------


@dataclass
class BulkResult:
    decided: int = 0  # findings given the decision
    reports: int = 0  # reports that had at least one
    kept: int = 0  # findings of the rule that already had a decision (left as the reviewer decided them)
    problems: list[str] = field(default_factory=list)  # reports whose review file could not be written


def rules_in(files: Iterable[FileResult]) -> Counter[str]:
    """Findings by rule code across reports: what a bulk decision can be applied to."""
    return Counter(f.rule for file in files for f in file.findings)


def bulk_decide(reports: Sequence[tuple[Path, FileResult]], rule: str, decision: str, reason: str,
                reviewer: str) -> BulkResult:
    """Confirm or waive every undecided finding of ``rule`` in each report, with one reason, written to each
    report's review file as a decision made in the review screen would be.  Findings already decided keep
    their decision: a bulk action never overrides what the reviewer decided one by one."""
    out = BulkResult()
    for path, file in reports:
        if file.report is None:
            continue
        session = ReviewSession(path, file, reviewer=reviewer)
        if session.read_only:
            out.problems.append(session.load_error or str(path))
            continue
        targets = [f for f in session.findings if f.rule == rule]
        undecided = [f for f in targets if session.state(f) == UNDECIDED]
        out.kept += len(targets) - len(undecided)
        for f in undecided:
            session.decisions[f.fingerprint] = Decision(f.fingerprint, decision, f.rule, f.message, reason.strip(),
                                                        reviewer, session.clock())
        if undecided:
            try:
                session.save()
            except OSError as exc:
                out.problems.append(f"{path}: 无法写入审核记录（{exc.strerror or exc}）")
                continue
            out.decided += len(undecided)
            out.reports += 1
    return out


# -- 汇总 export -----------------------------------------------------------------------------------------------

SUMMARY_HEADINGS = ("发布机关", "年度", "格式", "文件", "错误", "警告", "提示", "问题数", "已审核", "审核状态")


def _summary_values(row: DashboardRow) -> list[str]:
    checked = row.status not in (ERROR, PENDING) or row.note == "审核记录无法读取"
    counts = [str(row.counts.get(s, 0)) if checked else "" for s in SEVERITIES]
    return [row.organization or "（未能识别）", year_label(row.year), row.format_label, row.name, *counts,
            str(row.total) if checked else "", f"{row.decided}/{row.total}" if checked else "", row.status_label]


def summary_csv(rows: Iterable[DashboardRow]) -> str:
    """单位 × 问题数 × 审核状态 as CSV, starting with a BOM so that Excel opens it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SUMMARY_HEADINGS)
    for row in rows:
        writer.writerow(_summary_values(row))
    return "\ufeff" + buffer.getvalue()


def summary_markdown(rows: Sequence[DashboardRow], folder: str, date: str) -> str:
    """The same table in Markdown, with a line of totals, for a report to the office's head."""
    statuses = Counter(r.status for r in rows)
    totals = Counter[str]()
    for r in rows:
        totals.update(r.counts)
    lines = ["# 政府信息公开工作年度报告审核汇总", "", f"- 报告目录：{folder}", f"- 汇总日期：{date}",
             f"- 报告份数：{len(rows)}（" + "，".join(f"{DASHBOARD_STATUS_LABELS[s]} {statuses[s]} 份"
                                               for s in STATUS_ORDER if statuses[s]) + "）",
             "- 问题总数：" + "，".join(f"{SEVERITY_LABELS[s]} {totals.get(s, 0)} 条" for s in SEVERITIES), "",
             "| " + " | ".join(SUMMARY_HEADINGS) + " |", "|" + "---|" * len(SUMMARY_HEADINGS)]
    for row in rows:
        cells = [v.replace("|", "\\|") for v in _summary_values(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

