"""A table continued on the next page, joined into one table.

A table that ends one page and starts the next (nothing between them but page furniture) with the same outer
edges is one table.  For ruled tables the column boundaries of both parts are merged (a part may lack some
column rules), a header row repeated on the new page is dropped, and a merged label cut by the page break
("（四）无" | "法提供") is joined into the cell where it starts.  Borderless parts are rebuilt as one stack of
rows, since their columns come from all rows together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from . import borderless
from .celltext import join_lines
from .geometry import GridCell, GridTable
from .ruled import cluster

#: Outer edges of two table parts within this many points are the same table.
EDGE_TOL = 6.0
_NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")
_NUMERIC = re.compile(r"[\d.,，%+\-/—–－\s]+")


def _remap(table: GridTable, xs: Sequence[float], row_offset: int) -> list[GridCell]:
    def nearest(x: float) -> int:
        return min(range(len(xs)), key=lambda k: abs(xs[k] - x))

    return [replace(c, row0=c.row0 + row_offset, row1=c.row1 + row_offset,
                    col0=nearest(table.xs[c.col0]), col1=nearest(table.xs[c.col1])) for c in table.cells]


def _row_texts(cells: Sequence[GridCell], row: int) -> tuple[str, ...]:
    return tuple(c.text for c in sorted(cells, key=lambda c: c.col0) if c.row0 == row and c.text)


def _repeated_header_rows(first: GridTable, second: GridTable) -> int:
    """How many leading rows of ``second`` repeat the leading rows of ``first``."""
    k = 0
    while k < min(len(first.rows), len(second.rows)) - 1:
        texts = _row_texts(second.cells, k)
        if not texts or texts != _row_texts(first.cells, k):
            break
        k += 1
    return k


def _is_label(text: str) -> bool:
    return bool(text) and _NUMERIC.fullmatch(text) is None


def _carry_cut_labels(top: list[GridCell], bottom: list[GridCell], boundary: int) -> None:
    """Join a label cut by the page break into its first part: the bottom cell of the first part and the top
    cell of the second, in the same columns, both labels, the second not starting a numbered item."""
    closing = {(c.col0, c.col1): c for c in top if c.row1 == boundary and _is_label(c.text)}
    for cell in bottom:
        if cell.row0 != boundary or not _is_label(cell.text) or _NUMBERED.match(cell.text):
            continue
        above = closing.get((cell.col0, cell.col1))
        if above is not None:
            above.text = join_lines([above.text, cell.text])
            cell.text = ""


def can_join(first: GridTable, second: GridTable) -> bool:
    return (second.first_page == first.last_page + 1 and abs(first.x0 - second.x0) <= EDGE_TOL
            and abs(first.x1 - second.x1) <= EDGE_TOL)


def _join_borderless(first: GridTable, second: GridTable) -> GridTable:
    """Both parts' rows in one stack, columns found again over all of them; a repeated header is dropped."""
    repeated = 0
    while repeated < min(len(first.source), len(second.source)) - 1 \
            and second.source[repeated].text == first.source[repeated].text:
        repeated += 1
    return borderless.build_table([*first.source, *second.source[repeated:]])


def join_tables(first: GridTable, second: GridTable) -> GridTable:
    if first.source and second.source:
        return _join_borderless(first, second)
    repeated = _repeated_header_rows(first, second)
    kept_rows = second.rows[repeated:]
    xs = cluster([*first.xs, *second.xs], EDGE_TOL / 2)
    top = _remap(first, xs, 0)
    bottom = [c for c in _remap(second, xs, len(first.rows) - repeated) if c.row0 >= len(first.rows)]
    _carry_cut_labels(top, bottom, len(first.rows))
    return GridTable(list(xs), [*first.rows, *kept_rows], top + bottom)
