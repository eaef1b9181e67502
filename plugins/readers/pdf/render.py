"""Blocks to the text ``build_report`` reads, with an anchor for every line and every table cell.

Paragraphs are one line each, their lines joined with nothing in between: Chinese wraps anywhere, and the
Latin text of these reports is addresses and numbers (hazwgkc@163.com, 0517-83605210) more than prose.  A
table is one line per grid row with one tab-separated field per grid column, the shape of the text exports
in the seeds: a merged cell's text appears once, in the first row and column it covers, and the positions it
covers are empty fields, so values keep their columns.  Grid rows or columns in which no cell starts (left
by rules that do not line up) carry nothing and are not written.

Anchors give page and bbox: a paragraph line maps to the PDF line it came from, a field to its cell (an empty
position to its grid unit), so a finding or a cell points at the place on the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from xxgk_lint.core.model import Anchor

from .flow import Block, Paragraph
from .geometry import BBox, GridCell, GridTable

_CONTROL = str.maketrans({c: " " for c in range(32)})


def _clean(text: str) -> str:
    """A field or line never contains a tab or newline of its own."""
    return text.translate(_CONTROL)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[Anchor] = []
        self.pos = 0

    def write(self, text: str, page: int | None = None, bbox: BBox | None = None) -> None:
        if page is not None:
            self.anchors.append(Anchor(offset=self.pos, page=page, bbox=bbox))
        self.parts.append(text)
        self.pos += len(text)

    def ensure_blank_line(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.write("\n")

    def text(self) -> str:
        return "".join(self.parts)


def _paragraph(out: _Writer, paragraph: Paragraph) -> None:
    for line in paragraph.lines:
        out.write(_clean(line.text), line.page, line.bbox)
    out.write("\n")


def table_rows(table: GridTable) -> list[list[tuple[GridCell | None, int, int]]]:
    """For every written row, its fields as (cell starting there or None, grid row, grid column).

    A table typed with tabs (``tabstops``) is written as it was typed: each row's own fields up to its last,
    an empty field for every tab in a row, nothing padded after it (a heading stays a line of its own)."""
    starts = {(c.row0, c.col0): c for c in table.cells}
    rows = sorted({c.row0 for c in table.cells})
    if any(line.tabs for line in table.source):
        last = {r: max(c.col0 for c in table.cells if c.row0 == r) for r in rows}
        return [[(starts.get((r, c)), r, c) for c in range(last[r] + 1)] for r in rows]
    cols = sorted({c.col0 for c in table.cells})
    return [[(starts.get((r, c)), r, c) for c in cols] for r in rows]


def _unit_box(table: GridTable, row: int, col: int) -> BBox:
    grid_row = table.rows[row]
    return (table.xs[col], grid_row.bottom, table.xs[min(col + 1, len(table.xs) - 1)], grid_row.top)


def _table(out: _Writer, table: GridTable) -> None:
    out.ensure_blank_line()
    for fields in table_rows(table):
        for i, (cell, row, col) in enumerate(fields):
            if i:
                out.write("\t")
            if cell is not None:
                out.write(_clean(cell.text).strip(), cell.page, cell.bbox)
            else:
                out.write("", table.rows[row].page, _unit_box(table, row, col))
        out.write("\n")
    out.write("\n")


def render(blocks: Sequence[Block]) -> tuple[str, list[Anchor]]:
    out = _Writer()
    for block in blocks:
        if isinstance(block, Paragraph):
            _paragraph(out, block)
        else:
            _table(out, block)
    return out.text(), out.anchors
