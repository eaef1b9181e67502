"""Rebuild tables 2, 3 and 4 from a region of text by their row and column labels.

Readers render tables as lines whose cells are separated by tabs (text exports look like that already).  Real
inputs are irregular: merged cells appear or vanish, labels break over lines, values sit on the line after
their label, blank cells exist only as runs of tabs, and header text precedes the data.  So rows are found by
matching label text against the national layout in order (``core.layouts``), never by position alone, and
values are aligned to columns by count, trimming the padding tabs that merged cells leave.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .layouts import (
    T2_MARKERS_2019,
    T2_MARKERS_2021,
    T2_ROWS_2019,
    T2_ROWS_2021,
    T4_BLOCKS,
    T4_COLUMNS,
    ColumnDef,
    RowDef,
    cell_id,
    t3_rows,
)
from .model import Cell, Provenance, Semantic, Span, Table, UnplacedCell
from .textnorm import fold, label_key

_NUMBER = re.compile(r"(?P<sign>[+\-])?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|元|件|个|条|项|%)?")
_NA = frozenset({"/", "-", "—", "——", "–", "无", "\\", "／"})
# "713000074二、上年结转…" run together; never the numbering of a label ("2、申请人…", "3．其他", "1)")
_LEADING_DIGITS = re.compile(r"(\d+)(?=[^\d.,%元件个条项万、．。）)])")
_NUMBERING = re.compile(r"^(?:\(?[0-9一二三四五六七八九十]{1,3}\)?)+")


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # "text", "value", "empty"
    text: str
    span: Span


@functools.lru_cache(maxsize=8192)
def classify(raw: str) -> str:
    folded = fold(raw).strip()
    if not folded:
        return "empty"
    if folded in _NA or _NUMBER.fullmatch(folded):
        return "value"
    return "text"


@functools.lru_cache(maxsize=8192)
def parse_value(raw: str) -> tuple[int | float | None, Semantic]:
    folded = fold(raw).strip()
    if not folded:
        return None, Semantic.EMPTY
    if folded in _NA:
        return None, Semantic.NA
    m = _NUMBER.fullmatch(folded)
    if not m:
        return None, Semantic.TEXT
    text = m.group("num").replace(",", "")
    value: int | float = float(text) if "." in text else int(text)
    if m.group("sign") == "-":
        value = -value
    return value, (Semantic.ZERO if value == 0 else Semantic.NUMBER)


T4_ROW_LABEL = "政府信息公开行政复议、行政诉讼情况"


def make_cell(table: int, row: RowDef, column: ColumnDef, raw: str, span: Span, note: str | None = None) -> Cell:
    """A cell with its official labels (table 4 has one data row; its columns are named block/column)."""
    value, semantic = parse_value(raw)
    row_label, column_label = (T4_ROW_LABEL, f"{row.label}/{column.label}") if table == 4 else (row.label, column.label)
    return Cell(cell_id(table, row.id, column.id), row_label, column_label, raw, value, semantic,
                Provenance(span, note=note))


def tokenize_line(text: str, start: int, end: int) -> list[Piece]:
    """Pieces of one line: tab-separated cells (empty ones kept), each split further at runs of spaces."""
    pieces: list[Piece] = []
    if not text[start:end].strip():
        return pieces
    pos = start
    for cell in text[start:end].split("\t"):
        cell_end = pos + len(cell)
        if not cell.strip():
            pieces.append(Piece("empty", "", Span(pos, pos)))
        else:
            for m in _WORD.finditer(cell):
                word, offset = m.group(), pos + m.start()
                if word[0].isdigit() and not word.isdigit():
                    pieces.extend(_split_run_together(word, offset))
                else:  # the common case: a label, or a number on its own
                    pieces.append(Piece(classify(word), word, Span(offset, offset + len(word))))
        pos = cell_end + 1
    return pieces


_WORD = re.compile(r"[^\s\u3000]+")


def _split_run_together(word: str, offset: int) -> Iterator[Piece]:
    """Separate a digit run glued to the next label ("713000074二、上年结转") so the label is still seen."""
    m = _LEADING_DIGITS.match(fold(word))
    if m and len(m.group(1)) < len(word):
        cut = m.end(1)
        yield Piece("value", word[:cut], Span(offset, offset + cut))
        word, offset = word[cut:], offset + cut
    yield Piece(classify(word), word, Span(offset, offset + len(word)))


_PAGE_NUMBER = re.compile(r"[ \t\u3000]*(?:[-—–－]+[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–－]+|第\s*\d{1,3}\s*页"
                          r"(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})[ \t\u3000]*")


def lines_of(text: str, region: Span) -> Iterator[tuple[int, int]]:
    """Lines of a table region, without page-number lines ("-3-", "— 4 —", "第 2 页") a table may run across
    and without prose: a sentence ending in 。 around a table ("2023 年，共收到申请 16 件。") holds numbers that
    are not cells."""
    pos = region.start
    while pos < region.end:
        nl = text.find("\n", pos, region.end)
        line_end = region.end if nl == -1 else nl
        if not _PAGE_NUMBER.fullmatch(text, pos, line_end) and "。" not in text[pos:line_end]:
            yield pos, line_end
        pos = line_end + 1


@dataclass
class _Candidate:
    """A run of label text followed by a run of values: a row as the text presents it."""

    labels: list[Piece]
    values: list[Piece]
    label_key: str = ""
    last_key: str = ""  # key of the last label piece without its numbering: what a split label starts with

    def __post_init__(self) -> None:
        self.label_key = label_key("".join(p.text for p in self.labels))
        self.last_key = _NUMBERING.sub("", label_key(self.labels[-1].text)) if self.labels else ""


def row_candidates(text: str, region: Span) -> list[_Candidate]:
    out: list[_Candidate] = []
    labels: list[Piece] = []
    for start, end in lines_of(text, region):
        pieces = tokenize_line(text, start, end)
        i = 0
        while i < len(pieces):
            j = i
            while j < len(pieces) and pieces[j].kind == "text":
                j += 1
            labels.extend(pieces[i:j])
            k = j
            while k < len(pieces) and pieces[k].kind != "text":
                k += 1
            values = pieces[j:k]
            has_value = any(p.kind == "value" for p in values)
            if values and labels:
                out.append(_Candidate(labels, values))
                labels = []
            elif has_value and out and i == 0 and k == len(pieces):
                out[-1].values.extend(values)  # a line of values only continues the row above (one cell per line)
            elif has_value:
                out.append(_Candidate([], values))
            i = k
    if labels:
        out.append(_Candidate(labels, []))
    return out


def _score(candidate: _Candidate, row: RowDef) -> float:
    full, last = candidate.label_key, candidate.last_key
    best = 0.0
    for key in row.keys:
        if len(key) <= 3:
            if full.endswith(key):
                best = max(best, 1.0)
            continue
        if key in full:
            return 1.0
        if len(last) >= 4 and key.startswith(last):
            best = max(best, 0.9)  # first half of a label broken over lines
        if len(last) >= 4:
            ratio = _similarity(last, key)
            if ratio >= 0.8:
                best = max(best, 0.95 * ratio)  # typos: 其他法律行政止公开
    return best


@functools.lru_cache(maxsize=16384)
def _similarity(a: str, b: str) -> float:
    """difflib's ratio, skipped when the lengths alone bound it below 0.8 (most candidate/row pairs)."""
    if 2 * min(len(a), len(b)) < 0.8 * (len(a) + len(b)):
        return 0.0
    matcher = SequenceMatcher(None, a, b)
    return matcher.ratio() if matcher.quick_ratio() >= 0.8 else 0.0


def _align(values: list[Piece], n: int) -> tuple[list[Piece] | None, str | None]:
    """Fit a row's value pieces to its ``n`` columns; None when it cannot be done without guessing."""
    filled = [p for p in values if p.kind == "value"]
    if len(filled) == n:
        return filled, None
    if not filled:
        return [Piece("empty", "", values[0].span if values else Span(0, 0))] * n if values else [], None
    if len(values) == n:
        return list(values), None  # one field per column: positions are as written
    trimmed = list(values)
    prefer_end = True  # padding tabs sit at both ends; take them alternately, starting with the line end
    while len(trimmed) > n:
        ends = (-1, 0) if prefer_end else (0, -1)
        popped = next((e for e in ends if trimmed[e].kind == "empty"), None)
        if popped is None:
            break
        trimmed.pop(popped)
        prefer_end = popped == 0
    if len(trimmed) == n:
        return trimmed, "空白单元格的列位置按制表符推断"
    return None, None


class _RowMatcher:
    """Assign candidates to the layout's rows in order, tolerating missing rows and split labels."""

    WINDOW = 6

    def __init__(self, table: int, rows: Sequence[RowDef], table_obj: Table):
        self.table, self.rows, self.out = table, rows, table_obj
        self.pointer = 0
        self.last: tuple[RowDef, _Candidate, float] | None = None

    def feed(self, cand: _Candidate) -> None:
        best: tuple[float, int] | None = None
        for idx in range(self.pointer, min(len(self.rows), self.pointer + self.WINDOW)):
            s = _score(cand, self.rows[idx])
            if s >= 0.75 and (best is None or s > best[0]):
                best = (s, idx)
        if best is not None:
            row = self.rows[best[1]]
            self.pointer = best[1] + 1
            self.last = (row, cand, best[0])
            self._place(row, cand)
            return
        if self._continues_last(cand):
            return
        for p in cand.values:
            if p.kind == "value":
                self.out.unplaced.append(UnplacedCell(self.table, p.text, Provenance(p.span), "未能识别所在行"))

    def _continues_last(self, cand: _Candidate) -> bool:
        """Second half of a label broken over lines: '4.无正当理由大量反' + '复申请'."""
        if self.last is None or not cand.labels:
            return False
        row, prev, score = self.last
        joined = _Candidate(prev.labels + cand.labels, cand.values)
        if _score(joined, row) < score:
            return False
        prev_blank = all(p.kind != "value" for p in prev.values)
        if prev_blank and any(p.kind == "value" for p in cand.values):
            self._place(row, joined)
        self.last = (row, joined, score)
        return True

    def _place(self, row: RowDef, cand: _Candidate) -> None:
        n = len(row.columns)
        aligned, note = _align(cand.values, n)
        if aligned is None:
            for p in cand.values:
                if p.kind == "value":
                    self.out.unplaced.append(
                        UnplacedCell(self.table, p.text, Provenance(p.span), f"“{row.label}”行的数值个数与列数不符")
                    )
            return
        if not aligned:  # a label with no value run at all (flattened text): nothing to place, nothing to guess
            return
        for column, piece in zip(row.columns, aligned, strict=True):
            cell = make_cell(self.table, row, column, piece.text, piece.span, note if piece.kind == "empty" else None)
            self.out.cells[cell.id] = cell


def _has_any(folded_region: str, markers: Sequence[str]) -> bool:
    return any(m in folded_region for m in markers)


def table2_layout(text: str, region: Span) -> tuple[str, tuple[RowDef, ...]]:
    folded = label_key(text[region.start:region.end])
    # 2021 headers win: prose in section 二 may mention 政府集中采购 without a 2019 table
    layout = "2021" if _has_any(folded, T2_MARKERS_2021) or not _has_any(folded, T2_MARKERS_2019) else "2019"
    return layout, (T2_ROWS_2019 if layout == "2019" else T2_ROWS_2021)


def table3_layout(text: str, region: Span) -> tuple[str, bool] | None:
    """(layout, subtotal) of the table-3 region, or None when it holds no table 3."""
    folded = label_key(text[region.start:region.end])
    if "本年新收" not in folded and "办理结果" not in folded:
        return None
    single_other_row = "其他处理" in folded and "逾期不补正" not in folded and "缴纳费用" not in folded
    return ("2019" if single_other_row else "2021"), "小计" in folded


def parse_table2(text: str, region: Span) -> Table | None:
    layout, rows = table2_layout(text, region)
    table = Table(kind=2, layout=layout, span=region)
    matcher = _RowMatcher(2, rows, table)
    for cand in row_candidates(text, region):
        matcher.feed(cand)
    return table if table.cells else None


def parse_table3(text: str, region: Span) -> Table | None:
    shape = table3_layout(text, region)
    if shape is None:
        return None
    layout, subtotal = shape
    table = Table(kind=3, layout=layout, variants=frozenset({"subtotal"} if subtotal else ()), span=region)
    matcher = _RowMatcher(3, t3_rows(layout, subtotal), table)
    for cand in row_candidates(text, region):
        matcher.feed(cand)
    return table if table.cells or table.unplaced else None


def parse_table4(text: str, region: Span) -> Table | None:
    """One data row of 15 cells (three blocks of five), flattened or as three sub-tables.

    Grid position first: when the region's data fields (blank ones included) number exactly 15, each field is
    the cell at its position, so a block left all blank in a web or Word table (``&nbsp;`` cells) is five
    blank values, not five missing ones.  Only when the fields do not add up are the padding blanks at line
    ends dropped and the values counted (text exports, flattened pages).
    """
    table = Table(kind=4, layout="standard", span=region)
    width = len(T4_BLOCKS) * len(T4_COLUMNS)
    block = len(T4_COLUMNS)
    grid: list[Piece] = []  # every data field as the reader wrote it
    flat: list[Piece] = []  # the same without blank padding at line ends
    for start, end in lines_of(text, region):
        pieces = tokenize_line(text, start, end)
        vals = [p for p in pieces if p.kind != "text"]
        if any(p.kind == "value" for p in vals):
            grid.extend(vals)
            while vals and vals[-1].kind == "empty":
                vals.pop()
            flat.extend(vals)
        elif not pieces and text.count("\t", start, end) + 1 in (block, width):
            # a data row (or one block's row) with every cell blank: only its tabs are left
            blanks = [Piece("empty", "", Span(start + i, start + i)) for i in range(text.count("\t", start, end) + 1)]
            grid.extend(blanks)
            flat.extend(blanks)
        elif len(vals) in (block, width) and pieces[-len(vals):] == vals:
            # a block's row published with its label ("复议后起诉" then five blank cells)
            grid.extend(vals)
            flat.extend(vals)
    if not any(p.kind == "value" for p in flat) and len(flat) != width:
        return None
    filled = [p for p in flat if p.kind == "value"]
    aligned: list[Piece] | None
    if len(filled) == width:
        aligned = filled
    elif len(grid) == width:
        aligned = grid
    elif len(flat) == width:
        aligned = flat
    else:
        aligned = None
    if aligned is None:
        table.unplaced.extend(
            UnplacedCell(4, p.text, Provenance(p.span), f"表四应有{width}个数值，实际找到{len(filled)}个")
            for p in filled
        )
        return table
    it = iter(aligned)
    for row in T4_BLOCKS:
        for column in T4_COLUMNS:
            piece = next(it)
            cell = make_cell(4, row, column, piece.text, piece.span)
            table.cells[cell.id] = cell
    return table
