"""One row per report for a folder overview: who, which year, which layout, how many problems of each kind,
and the figures a reviewer compares across bodies.  ``summary_row`` is pure so the review TUI's folder list can
show the same data; the writers turn rows into CSV (UTF-8 with BOM, for Excel/WPS) or Markdown."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .labels import CATEGORY_LABELS
from .model import CATEGORIES, FileResult, Report

#: The finding categories in the order their columns appear (names from core.labels).
_CATEGORY_ORDER = (
    "structure", "numbering", "format-version", "table-missing", "table-blank", "table-arithmetic", "text-table",
    "narrative-arithmetic", "year", "organization", "date", "fee", "content", "typography", "cross-year", "regional",
)
assert set(_CATEGORY_ORDER) == CATEGORIES

_LAYOUTS = {"2021": "2021 年新版", "2019": "2019 年试行版", "legacy": "2019 年以前", "unknown": "未识别"}
_FIXED = ("文件", "发布机关", "年度", "表格格式", "错误", "警告", "提示",
          "本年新收申请", "办理结果总计", "予以公开率", "行政复议总计", "行政诉讼总计", "读取问题")


def _value(report: Report | None, cell_id: str) -> int | float | None:
    cell = report.cell(cell_id) if report else None
    return None if cell is None or cell.is_blank else cell.value


def _number(value: int | float | None) -> int | float | str:
    if value is None:
        return ""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def body_and_year(report: Report | None) -> tuple[str, int | None]:
    """发布机关 and 年度 of a report as the overview shows them ("" and None when not read), shared with the
    review TUI's folder list so both name each report the same way."""
    if report is None:
        return "", None
    return report.organization or "", report.year or None


def summary_row(file: FileResult) -> dict[str, Any]:
    """The overview row of one checked file; figures are empty when the cell is absent or blank (never 0)."""
    report = file.report
    severities = Counter(f.severity.value for f in file.findings if f.severity)
    body, year = body_and_year(report)
    row: dict[str, Any] = {
        "文件": file.path,
        "发布机关": body,
        "年度": year or "",
        "表格格式": _LAYOUTS[report.format_version.value] if report else "",
        "错误": severities["error"], "警告": severities["warning"], "提示": severities["info"],
    }
    new, done, disclosed = (_value(report, i) for i in ("t3.new.total", "t3.result.total.total",
                                                        "t3.result.disclosed.total"))
    row["本年新收申请"] = _number(new)
    row["办理结果总计"] = _number(done)
    row["予以公开率"] = f"{disclosed / done:.1%}" if disclosed is not None and done else ""
    review = _value(report, "t4.review.total")
    lawsuits = [_value(report, i) for i in ("t4.litigation_direct.total", "t4.litigation_after_review.total")]
    row["行政复议总计"] = _number(review)
    row["行政诉讼总计"] = "" if any(v is None for v in lawsuits) else _number(sum(lawsuits))  # type: ignore[arg-type]
    row["读取问题"] = "；".join(e.message for e in file.errors)
    by_category = Counter((f.category, f.severity.value) for f in file.findings if f.severity)
    for category, label in ((c, CATEGORY_LABELS[c]) for c in _CATEGORY_ORDER):
        row[f"{label}·错误"] = by_category[(category, "error")]
        row[f"{label}·警告"] = by_category[(category, "warning")]
    return row


def columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The fixed columns, then per-category counts only for categories some report has findings in."""
    extra = [c for c in rows[0] if c not in _FIXED] if rows else []
    used = [c for c in extra if any(r[c] for r in rows)]
    return [*_FIXED, *used]


def write_csv(rows: Sequence[dict[str, Any]], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\r\n")
    header = columns(rows)
    writer.writerow(header)
    writer.writerows([r[c] for c in header] for r in rows)


def write_markdown(rows: Sequence[dict[str, Any]], stream: IO[str]) -> None:
    header = columns(rows)

    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    stream.write("| " + " | ".join(header) + " |\n")
    stream.write("|" + "---|" * len(header) + "\n")
    for r in rows:
        stream.write("| " + " | ".join(cell(r[c]) for c in header) + " |\n")


def summary_rows(files: Iterable[FileResult]) -> list[dict[str, Any]]:
    return [summary_row(f) for f in files]
