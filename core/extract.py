"""The parsed report as data: metadata, sections and every table cell with its official labels and provenance.

Offices that compile a county's report add up the figures of every unit they supervise; ``xxgk extract``
gives them those figures without retyping, and shows exactly what a reader read.  The JSON shape is
documented in docs/extract.md with a schema in docs/extract.schema.json.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .labels import SEMANTIC_LABELS
from .model import FileResult, Location, Provenance, Report, Table

EXTRACT_VERSION = "1.0"
CSV_HEADER = ("文件", "发布机关", "年度", "表", "行", "列", "数值", "类型", "原文", "编号", "说明", "上年报告")
#: the keys of a file's ``pairing`` (``corpus_cli.pairing_rows`` without the path it is keyed by)
PAIRING_KEYS = ("body", "body_key", "year", "from", "previous", "previous_year", "reason")


def _where(report: Report, provenance: Provenance) -> dict[str, Any]:
    where = report.locate(provenance.span) if provenance.span is not None else Location()
    return {
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "page": where.page or provenance.page,
        "bbox": list(where.bbox or provenance.bbox or ()) or None,
    }


def _lines(where: Location) -> dict[str, Any]:
    return {"line": where.line, "end_line": where.end_line, "page": where.page}


def _table(report: Report, table: Table) -> dict[str, Any]:
    return {
        "table": table.kind,
        "layout": table.layout,
        "variants": sorted(table.variants),
        "cells": [
            {
                "table": table.kind,
                "row": cell.row,
                "column": cell.column,
                "id": cell.id,
                "value": cell.value,
                "raw": cell.raw,
                "semantic": cell.semantic.value,
                "provenance": _where(report, cell.provenance),
                "note": cell.provenance.note,
            }
            for cell in table.cells.values()
        ],
        "unplaced": [
            {"table": u.table, "raw": u.raw, "reason": u.reason, "provenance": _where(report, u.provenance)}
            for u in table.unplaced
        ],
    }


def file_extract(result: FileResult, pairing: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One file's data; ``pairing`` is its row of the folder's cross-year pairing (None for an unread file)."""
    report = result.report
    out: dict[str, Any] = {
        "path": result.path,
        "format": result.format,
        "errors": [{"code": e.code, "message": e.message} for e in result.errors],
        "metadata": None,
        "pairing": None,
        "sections": [],
        "tables": [],
    }
    if report is None:
        return out
    if pairing is not None:
        out["pairing"] = {k: pairing[k] for k in PAIRING_KEYS}
    out["metadata"] = {
        "title": report.title,
        "organization": report.organization,
        "title_organization": report.title_organization,
        "signoff_organization": report.signoff_organization,
        "year": report.year,
        "format_version": report.format_version.value,
        "signoff_date": report.signoff_date,
        "publication_date": report.publication_date,
    }
    out["sections"] = [
        {
            "number": s.number,
            "heading": s.heading,
            "kind": s.kind.value if s.kind else None,
            **_lines(report.locate(s.span)),
        }
        for s in report.sections
    ]
    out["tables"] = [_table(report, report.tables[k]) for k in sorted(report.tables)]
    return out


def extract_document(results: Iterable[FileResult],
                     pairings: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The files' data, each with its row of ``pairings`` (by path) when given."""
    pairings = pairings or {}
    return {"version": EXTRACT_VERSION, "files": [file_extract(r, pairings.get(r.path)) for r in results]}


def write_csv(results: Iterable[FileResult], stream: IO[str],
              pairings: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """One row per cell for a whole folder; the caller opens the stream as UTF-8 with BOM for Excel/WPS.
    上年报告 is the previous year's report the pairing found, so one body's cells can be joined across years."""
    pairings = pairings or {}
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for result in results:
        report = result.report
        if report is None:
            continue
        previous = (pairings.get(result.path) or {}).get("previous") or ""
        for kind in sorted(report.tables):
            for cell in report.tables[kind].cells.values():
                value = "" if cell.value is None else cell.value
                writer.writerow((result.path, report.organization or "", report.year or "", kind, cell.row,
                                 cell.column, value, SEMANTIC_LABELS[cell.semantic.value], cell.raw, cell.id,
                                 cell.provenance.note or "", previous))
            for u in report.tables[kind].unplaced:
                writer.writerow((result.path, report.organization or "", report.year or "", kind, "", "", "",
                                 SEMANTIC_LABELS["unplaced"], u.raw, "", u.reason, previous))
