"""Comparing a number stated in prose with table cells: the shared half of rules X101–X103.

A rule turns a prose count into a ``Claim``: the quoted words, the number, and the readings of the table
its wording allows.  A claim is checked only when every cell of its first reading exists and is filled with a
number (blank cells are B101's business).  Wording that names one row gives one reading: a mismatch is an
error, unless the number equals a known slip (``explanations``, e.g. 本年新收 + 上年结转 written as 收到), which is
reported as a warning that says so.  Wording that could mean several rows (办理 = received or handled) gives
several readings: any match passes, no match is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xxgk_lint.core.model import Finding, Report, Severity, Table

from ._prose_numbers import Count, Sentence, as_json, fmt_value

#: Words saying the number covers a whole region or all its departments, while the table may hold only the
#: issuing body's own figures: a mismatch may be a difference of scope, so it is reported as a warning.
_SCOPE = re.compile(r"全(?:市|区|县|省|州|盟|旗|镇|乡)|各(?:部门|单位|级|地|乡镇|街道|县区|区县)|[市县区]直")


@dataclass(frozen=True)
class Reading:
    """One way to read a prose number: it should equal the sum of these cells."""

    cells: tuple[str, ...]
    label: str  # Chinese, names the table row and column


@dataclass(frozen=True)
class Claim:
    sentence: Sentence
    quote_start: int  # index into sentence.chars
    count: Count
    readings: tuple[Reading, ...]  # the first is what the wording most plainly says
    explanations: tuple[tuple[Reading, str], ...] = ()  # a known slip that yields this number, and its note
    accepted: tuple[Reading, ...] = field(default_factory=tuple)  # readings that pass silently (inherited)
    quote_end: int | None = None  # end of the quote when the words after the number say what it counts

    @property
    def end(self) -> int:
        return self.count.end if self.quote_end is None else self.quote_end


def cell_sum(report: Report, ids: Sequence[str]) -> Decimal | None:
    """Sum of the cells, or None when one is absent, blank or not a number."""
    total = Decimal(0)
    for cell_id in ids:
        cell = report.cell(cell_id)
        if cell is None or cell.is_blank or cell.value is None:
            return None
        total += Decimal(str(cell.value))
    return total


def group_ids(table: Table | None, row: str, column: str) -> tuple[str, ...]:
    """The cell of ``row`` in ``column``, or the cells of its sub-rows when the row is a group (（三）不予公开)."""
    if table is None:
        return ()
    kind = table.kind
    direct = f"t{kind}.{row}.{column}"
    if direct in table.cells:
        return (direct,)
    prefix = f"t{kind}.{row}."
    return tuple(i for i in table.cells if i.startswith(prefix) and i.endswith(f".{column}")
                 and i[len(prefix):-len(column) - 1].count(".") == 0)


def _raw(report: Report, ids: Sequence[str]) -> dict[str, str]:
    """Cell id → the cell's text as found."""
    out = {}
    for cell_id in ids:
        cell = report.cell(cell_id)
        if cell is not None:
            out[cell_id] = cell.raw
    return out


def matched_reading(report: Report, claim: Claim) -> Reading | None:
    """The reading (or accepted reading) the prose number agrees with, if any."""
    for reading in (*claim.readings, *claim.accepted):
        if cell_sum(report, reading.cells) == claim.count.value:
            return reading
    return None


def evaluate(code: str, category: str, report: Report, claim: Claim) -> tuple[Finding | None, Reading | None]:
    """The finding for a claim (None when it agrees or cannot be checked) and the reading that explains it."""
    first = claim.readings[0]
    table_value = cell_sum(report, first.cells)
    if table_value is None:
        return None, None
    match = matched_reading(report, claim)
    if match is not None:
        return None, match
    sentence, count = claim.sentence, claim.count
    quote = sentence.original(report, claim.quote_start, claim.end)
    prose = fmt_value(count.value)
    evidence: dict[str, object] = {
        "text": quote, "prose_value": as_json(count.value), "cell_value": as_json(table_value),
        "cells": _raw(report, first.cells),
    }
    key = f"{'+'.join(first.cells)}|{quote.replace(' ', '')}"
    span = sentence.span(claim.quote_start, claim.end)
    message = f"正文“{quote}”与{first.label}不一致：正文为 {prose}，表中为 {fmt_value(table_value)}"
    if len(claim.readings) > 1:
        others = "；".join(f"{r.label}为 {fmt_value(v)}" for r in claim.readings[1:]
                          if (v := cell_sum(report, r.cells)) is not None)
        message += f"（该表述也可理解为：{others}，均不一致）" if others else ""
        evidence["readings"] = [list(r.cells) for r in claim.readings]
        return Finding(code, category, message + "，请核对", severity=Severity.WARNING, span=span,
                       cells=first.cells, evidence=evidence, key=key), None
    for reading, note in claim.explanations:
        value = cell_sum(report, reading.cells)
        if value is not None and value == count.value:
            evidence["explained_by"] = list(reading.cells)
            evidence["cells"] = _raw(report, first.cells + reading.cells)
            return Finding(code, category, f"{message}；{note.format(value=prose)}", severity=Severity.WARNING,
                           span=span, cells=tuple(dict.fromkeys(first.cells + reading.cells)), evidence=evidence,
                           key=key), reading
    if sentence.first(_SCOPE) < count.start:
        return Finding(code, category, message + "；正文统计的是全地区（各部门）的数字，若表中只填本机关数据，"
                       "请在正文说明统计口径", severity=Severity.WARNING, span=span, cells=first.cells,
                       evidence=evidence, key=key), None
    return Finding(code, category, message, span=span, cells=first.cells, evidence=evidence, key=key), None
