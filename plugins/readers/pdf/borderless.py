"""Borderless tables: rebuild rows and columns from how text lines up.

Without rulings a table is a stack of lines whose text falls into runs separated by wide gaps.  Columns are the
x-ranges the runs of the fuller rows cover (the gutters between them are empty in every such row); each run of
every row goes to the column it starts in, so a row that leaves cells blank keeps its values under the right
headers.  A single-run line between table rows (a group label such as 第二十条第（一）项) stays in the table.
Cell text wrapped over several lines cannot be told from a new row without rulings; such rows stay separate.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .geometry import GridCell, GridRow, GridTable, TextLine

#: Lines further apart than this many line heights end a table.
MAX_ROW_GAP = 2.5
#: Rows of one table differ in font size by at most this share.
SIZE_TOL = 0.15
#: A row with at least this share of the widest row's runs defines the columns.
ANCHOR_SHARE = 0.6


def is_tabular(line: TextLine) -> bool:
    """At least two runs, and not just letter-spaced characters (a spaced-out heading)."""
    if len(line.runs) < 2:
        return False
    return not all(len(text) == 1 and not text.isdigit() for text, _, _ in line.runs)


def _close(a: TextLine, b: TextLine) -> bool:
    return a.bottom - b.top <= MAX_ROW_GAP * max(a.size, b.size)


def _same_size(a: TextLine, b: TextLine) -> bool:
    """A heading between two tables is usually set larger; table rows share one size."""
    return abs(a.size - b.size) <= SIZE_TOL * max(a.size, b.size)


def _joins(block: TextLine, above: TextLine, line: TextLine) -> bool:
    return _same_size(block, line) and _close(above, line)


def table_blocks(lines: Sequence[TextLine]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of lines forming borderless tables: two or more tabular lines of one size,
    with at most one single-run line (a group label) between neighbouring tabular lines or right above them."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not is_tabular(lines[i]):
            i += 1
            continue
        first = lines[i]
        end, tabular = i + 1, 1
        while end < len(lines):
            if is_tabular(lines[end]) and _joins(first, lines[end - 1], lines[end]):
                end, tabular = end + 1, tabular + 1
            elif (end + 1 < len(lines) and is_tabular(lines[end + 1]) and _joins(first, lines[end - 1], lines[end])
                  and _joins(first, lines[end], lines[end + 1])):
                end, tabular = end + 2, tabular + 1
            else:
                break
        if tabular >= 2:
            start = i
            previous_end = blocks[-1][1] if blocks else 0
            if i - 1 >= previous_end and _same_size(first, lines[i - 1]) and _close(lines[i - 1], first):
                start = i - 1  # a group label heading the table (第二十条第（一）项)
            blocks.append((start, end))
        i = end
    return blocks


def _columns(rows: Sequence[TextLine]) -> list[tuple[float, float]]:
    """Column extents: the union of the runs of the rows with (nearly) the most runs."""
    widest = max(len(r.runs) for r in rows)
    anchors = [r for r in rows if len(r.runs) >= max(2, ANCHOR_SHARE * widest)]
    spans = sorted((x0, x1) for r in anchors for _, x0, x1 in r.runs)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(c[0], c[1]) for c in columns]


def _column_of(x0: float, x1: float, columns: Sequence[tuple[float, float]]) -> tuple[int, int]:
    """First and last column a run overlaps noticeably; a run in a gutter goes to the nearest column."""
    hit = [k for k, (c0, c1) in enumerate(columns) if min(x1, c1) - max(x0, c0) > 0.25 * min(x1 - x0, c1 - c0)]
    if hit:
        return hit[0], hit[-1]
    nearest = min(range(len(columns)), key=lambda k: abs((columns[k][0] + columns[k][1]) / 2 - (x0 + x1) / 2))
    return nearest, nearest


def _tab_table(rows: Sequence[TextLine]) -> GridTable:
    """The grid of rows typed tab-separated: a run's column is the number of tabs before it, so the written
    table has the fields of the typed lines (a line without tab stops, a group label, starts at column 0)."""
    cells: list[GridCell] = []
    for i, row in enumerate(rows):
        col = 0
        for k, (text, x0, x1) in enumerate(row.runs):
            col += row.tabs[k] if row.tabs else (1 if k else 0)
            cells.append(GridCell(i, i + 1, col, col + 1, text, row.page, (x0, row.bottom, x1, row.top)))
    width = max(c.col1 for c in cells)
    xs = [min(r.x0 for r in rows)]
    for c in range(1, width):
        starts = [cell.bbox[0] for cell in cells if cell.col0 == c]
        xs.append(max(xs[-1] + 0.01, min(starts)) if starts else xs[-1] + 0.01)
    xs.append(max(xs[-1] + 0.01, max(r.x1 for r in rows)))
    grid_rows = [GridRow(r.page, r.top, r.bottom) for r in rows]
    return GridTable(xs, grid_rows, sorted(cells, key=lambda c: (c.row0, c.col0)), list(rows))


def build_table(rows: Sequence[TextLine]) -> GridTable:
    """The grid of a stack of rows (possibly from several pages: a table continued on the next page)."""
    if any(r.tabs for r in rows):
        return _tab_table(rows)
    columns = _columns(rows)
    xs = [min(columns[0][0], min(r.x0 for r in rows))]
    xs += [(a[1] + b[0]) / 2 for a, b in pairwise(columns)]
    xs.append(max(columns[-1][1], max(r.x1 for r in rows)))
    cells: list[GridCell] = []
    for i, row in enumerate(rows):
        placed: dict[int, GridCell] = {}
        for text, x0, x1 in row.runs:
            first, last = _column_of(x0, x1, columns)
            bbox = (x0, row.bottom, x1, row.top)
            page = row.page
            if first in placed:  # two runs in one column: one cell, spaced
                cell = placed[first]
                cell.text += " " + text
                cell.bbox = (cell.bbox[0], cell.bbox[1], x1, cell.bbox[3])
            else:
                placed[first] = GridCell(i, i + 1, first, last + 1, text, page, bbox)
        cells.extend(placed.values())
    grid_rows = [GridRow(r.page, r.top, r.bottom) for r in rows]
    return GridTable(xs, grid_rows, sorted(cells, key=lambda c: (c.row0, c.col0)), list(rows))


def borderless_tables(lines: Sequence[TextLine]) -> tuple[list[GridTable], set[int]]:
    """Tables found among a page's lines (top to bottom) and the indices of the lines they took."""
    tables: list[GridTable] = []
    used: set[int] = set()
    for start, end in table_blocks(lines):
        tables.append(build_table(lines[start:end]))
        used.update(range(start, end))
    return tables, used
