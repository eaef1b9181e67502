"""Recover tables whose cells a web-page text export ran together ("713000074" for 71/3/0/0/0/0/74).

Such text has lost the cell boundaries, so a split is only accepted when the table's own identities make it
the *only* consistent one: table 3 rows must satisfy 总计 = Σ applicant columns, table 4 blocks 总计 = Σ four
results, and table 2 rows (which have no identity) only when a single split exists at all (``000``).  Every
recovered cell says so in its provenance; anything else is left unplaced, never guessed.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .layouts import RowDef
from .model import Provenance, Semantic, Span, Table, UnplacedCell
from .tables import make_cell, parse_value
from .textnorm import fold

Identity = Callable[[list[int]], bool]
_MAX_DIGITS = 6  # a count in these tables never needs more
_VALUE_CHARS = re.compile(r"[\d.\s/\-—]*")


def split_digits(runs: Sequence[str], n: int, identity: Identity, limit: int = 2) -> list[list[str]]:
    """Ways to cut digit runs into ``n`` numbers in all (each run into at least one, no leading zeros) that
    satisfy ``identity``; at most ``limit`` of them."""
    text = "".join(runs)
    # boundary[pos]: the end of the run holding ``pos`` (a number never spans two runs)
    boundary: list[int] = []
    at = 0
    for run in runs:
        at += len(run)
        boundary.extend([at] * len(run))
    found: list[list[str]] = []

    def walk(pos: int, parts: list[str]) -> None:
        if len(found) >= limit:
            return
        remaining = n - len(parts)
        left = len(text) - pos
        if remaining == 0:
            if left == 0 and identity([int(p) for p in parts]):
                found.append(list(parts))
            return
        if left < remaining or left > remaining * _MAX_DIGITS:
            return
        longest = 1 if text[pos] == "0" else min(_MAX_DIGITS, boundary[pos] - pos)
        for size in range(1, longest + 1):
            parts.append(text[pos:pos + size])
            walk(pos + size, parts)
            parts.pop()

    walk(0, [])
    return found


def t3_identity(subtotal: bool) -> Identity:
    if subtotal:
        return lambda v: v[6] == sum(v[1:6]) and v[7] == v[0] + v[6]
    return lambda v: v[6] == sum(v[:6])


def t4_identity(values: list[int]) -> bool:
    return all(values[b + 4] == sum(values[b:b + 4]) for b in range(0, 15, 5))


def no_identity(values: list[int]) -> bool:
    """Table 2 rows: only a run with a single possible split (``000``) is recovered."""
    return True


@functools.lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """The folded report text: a report's three table regions are recovered from the same text."""
    return fold(text)


@functools.lru_cache(maxsize=256)
def _label_pattern(label: str) -> re.Pattern[str]:
    """The last segment of an official label, tolerant of spaces, bracket width and quotes."""
    last = label.rsplit("/", 1)[-1]
    last = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", last)
    chars = [c for c in fold(last) if not c.isspace() and c not in "“”\"'"]
    parts = []
    for c in chars:
        if c in "()（）":
            parts.append(r"[(（)）]")
        else:
            parts.append(re.escape(c))
    return re.compile(r"[\s“”\"']*".join(parts) + r"[“”\"']*")


def _numbering(label: str) -> str | None:
    m = re.match(r"(\d+)\.", label.rsplit("/", 1)[-1])
    return m.group(1) if m else None


@dataclass(frozen=True)
class _Blob:
    row: RowDef
    text: str
    start: int  # offset in the report text


def _blobs(text: str, region: Span, rows: Sequence[RowDef]) -> list[_Blob]:
    """Value text after each row label, up to the next row's label (its numbering glued on is removed)."""
    folded = _folded(text)
    found: list[tuple[RowDef, int, int]] = []
    pos = region.start
    for row in rows:
        m = _label_pattern(row.label).search(folded, pos, region.end)
        if m is None:
            continue
        found.append((row, m.start(), m.end()))
        pos = m.end()
    blobs = []
    for i, (row, _, end) in enumerate(found):
        limit = found[i + 1][1] if i + 1 < len(found) else region.end
        m = _VALUE_CHARS.match(folded, end, limit)
        value_end = m.end() if m else end
        if i + 1 < len(found):
            number = _numbering(found[i + 1][0].label)
            glued = folded[end:value_end].rstrip()
            if number and glued.endswith(number + ".") and folded[value_end:limit].strip() == "":
                value_end = end + len(glued) - len(number) - 1
        blobs.append(_Blob(row, text[end:value_end], end))
    return blobs


def _pieces(text: str, start: int, end: int) -> list[tuple[str, int]]:
    return [(m.group(), start + m.start()) for m in re.finditer(r"\S+", text[start:end])]


def _offsets(pieces: list[tuple[str, int]], parts: list[str]) -> list[tuple[str, int]]:
    """Place split parts back onto the runs they came from."""
    located, i, at = [], 0, pieces[0][1]
    consumed = 0
    for part in parts:
        if consumed == len(pieces[i][0]):
            i, consumed = i + 1, 0
            at = pieces[i][1]
        located.append((part, at))
        at += len(part)
        consumed += len(part)
    return located


def _note(pieces: list[tuple[str, int]], parts: list[str], how: str) -> str:
    return f"数字连写，{how}唯一拆分：{' '.join(p for p, _ in pieces)} → {'/'.join(parts)}"


Placed = tuple[list[tuple[str, int]] | None, str | None, str]


def _row_pieces(pieces: list[tuple[str, int]], n: int, identity: Identity) -> Placed:
    """(pieces, note, reason): separate numbers as they are, or digit runs split by the row identity."""
    if len(pieces) == n and all(parse_value(p)[1] is not Semantic.TEXT for p, _ in pieces):
        return pieces, None, ""
    if 0 < len(pieces) < n and all(p.isdigit() for p, _ in pieces):
        splits = split_digits([p for p, _ in pieces], n, identity)
        if len(splits) == 1:
            return _offsets(pieces, splits[0]), _note(pieces, splits[0], "按表内勾稽关系"), ""
        return None, None, ("数字连写，存在多种拆分，无法唯一确定" if splits else "数字连写，没有符合勾稽关系的拆分")
    return None, None, f"应有 {n} 个数值，无法从连写文本中确定"


def _store(table: Table, rows: Sequence[RowDef], pieces: list[tuple[str, int]], note: str | None) -> None:
    it = iter(pieces)
    for row in rows:
        for column in row.columns:
            raw, offset = next(it)
            cell = make_cell(table.kind, row, column, raw, Span(offset, offset + len(raw)), note)
            table.cells[cell.id] = cell


def _unplaced(table: Table, pieces: list[tuple[str, int]], reason: str) -> None:
    for raw, offset in pieces:
        table.unplaced.append(UnplacedCell(table.kind, raw, Provenance(Span(offset, offset + len(raw))), reason))


ColumnCheck = Callable[[dict[str, list[int]]], bool]
_MAX_COMBINATIONS = 20000


def t3_columns(leaves: Sequence[str]) -> ColumnCheck:
    """Table 3 column identities over whatever rows are known: 一 + 二 = 三（七）+ 四 and （七）= Σ result rows."""

    def check(rows: dict[str, list[int]]) -> bool:
        width = len(next(iter(rows.values())))
        for c in range(width):
            if all(r in rows for r in ("new", "carried_over", "result.total", "carried_forward")) and (
                rows["new"][c] + rows["carried_over"][c] != rows["result.total"][c] + rows["carried_forward"][c]
            ):
                return False
            if "result.total" in rows and all(leaf in rows for leaf in leaves) and (
                rows["result.total"][c] != sum(rows[leaf][c] for leaf in leaves)
            ):
                return False
        return True

    return check


def recover_rows(table: Table, text: str, region: Span, rows: Sequence[RowDef], identity: Identity,
                 columns: ColumnCheck | None = None) -> Table:
    """Tables 2 and 3: each row label followed by its values with no separators.

    Rows whose digits split several ways are settled by the column identities when exactly one combination
    of their splits makes every column add up (``columns``); otherwise they stay unplaced.
    """
    open_rows: list[tuple[RowDef, list[tuple[str, int]], list[list[str]]]] = []
    for blob in _blobs(text, region, rows):
        pieces = _pieces(text, blob.start, blob.start + len(blob.text))
        if not pieces:
            continue
        placed, note, reason = _row_pieces(pieces, len(blob.row.columns), identity)
        if placed is not None:
            _store(table, [blob.row], placed, note)
        elif columns is not None and reason.endswith("无法唯一确定"):
            splits = split_digits([p for p, _ in pieces], len(blob.row.columns), identity, limit=200)
            open_rows.append((blob.row, pieces, splits))
        else:
            _unplaced(table, pieces, f"“{blob.row.label.rsplit('/', 1)[-1]}”行：{reason}")
    if open_rows:
        _settle_by_columns(table, open_rows, columns)
    return table


def _settle_by_columns(table: Table, open_rows: list[tuple[RowDef, list[tuple[str, int]], list[list[str]]]],
                       columns: ColumnCheck | None) -> None:
    known: dict[str, list[int]] = {}
    for cell in table.cells.values():
        row_id = cell.id[3:].rsplit(".", 1)[0]
        known.setdefault(row_id, []).append(int(cell.value or 0))
    combos = 1
    for _, _, splits in open_rows:
        combos *= len(splits)
    consistent: list[tuple[list[str], ...]] = []
    if columns is not None and combos <= _MAX_COMBINATIONS:
        for combo in itertools.product(*(splits for _, _, splits in open_rows)):
            trial = dict(known)
            trial.update({row.id: [int(v) for v in parts] for (row, _, _), parts in zip(open_rows, combo, strict=True)})
            if columns(trial):
                consistent.append(combo)
                if len(consistent) > 1:
                    break
    if len(consistent) == 1:
        for (row, pieces, _), parts in zip(open_rows, consistent[0], strict=True):
            _store(table, [row], _offsets(pieces, parts), _note(pieces, parts, "按表内行、列勾稽关系"))
        return
    for row, pieces, _ in open_rows:
        _unplaced(table, pieces, f"“{row.label.rsplit('/', 1)[-1]}”行：数字连写，存在多种拆分，无法唯一确定")


def recover_table4(table: Table, text: str, region: Span, blocks: Sequence[RowDef]) -> Table:
    """Table 4: the 15 values follow the last header label, as one digit run or separate numbers."""
    folded = _folded(text)
    header_end = max((m.end() for m in re.finditer(r"总\s*计", folded[region.start:region.end])), default=None)
    if header_end is None:
        return table
    start = region.start + header_end
    m = re.compile(r"[\d\s]+").match(folded, start, region.end)
    pieces = _pieces(text, start, m.end()) if m else []
    if not pieces:
        return table
    placed, note, reason = _row_pieces(pieces, 15, t4_identity)
    if placed is None:
        _unplaced(table, pieces, reason)
    else:
        _store(table, blocks, placed, note)
    return table
