"""PDF bytes to report text and anchors: the stages of the reader in order.

extract (one layout pass per page) → quality check → ruled tables → lines of the remaining glyphs → lines cut
at tab stops (typed tables) → page furniture dropped → borderless tables → reading order → paragraphs and
tables joined across pages → text.
"""

from __future__ import annotations

from xxgk_lint.core.model import Anchor
from xxgk_lint.core.readers import ReadError

from .borderless import borderless_tables
from .extract import load_pages
from .flow import build_blocks, left_margin, measure, reading_order
from .furniture import drop_furniture
from .geometry import BBox, GridTable, PageLayout, TextLine
from .lines import group_lines
from .quality import check_readable
from .render import render
from .ruled import ruled_tables
from .tabstops import blank_rows, find_lattice, join_wrapped, tab_line


def _page_parts(page: PageLayout) -> tuple[list[GridTable], list[TextLine]]:
    tables, used = ruled_tables(page.segments, page.glyphs, page.number)
    free = [g for k, g in enumerate(page.glyphs) if k not in used] if used else page.glyphs
    return tables, group_lines(free, page.number)


def _tab_typed(framed: list[tuple[BBox, list[TextLine]]]) -> list[tuple[BBox, list[TextLine]]]:
    """Lines cut again at tab stops when the document was typed with tabs (see ``tabstops``)."""
    lines = [line for _, page_lines in framed for line in page_lines]
    if not lines:
        return framed
    binned = left_margin([line.x0 for line in lines])  # to 2 points; the stops need the exact margin
    left = min((line.x0 for line in lines if abs(line.x0 - binned) <= 2.0), default=binned)
    lattice = find_lattice(lines, left)
    if lattice is None:
        return framed
    right = max(line.x1 for line in lines)
    return [(bbox, blank_rows(join_wrapped([tab_line(line, lattice) for line in page_lines], lattice, right)))
            for bbox, page_lines in framed]


def _arrange(pages: list[PageLayout]) -> tuple[list[list[TextLine | GridTable]], list[list[TextLine]]]:
    """Each page's tables and lines in reading order, and the lines outside tables (for the margins)."""
    ruled: list[list[GridTable]] = []
    framed: list[tuple[BBox, list[TextLine]]] = []
    for page in pages:
        tables, lines = _page_parts(page)
        ruled.append(tables)
        framed.append((page.bbox, lines))
    framed = _tab_typed(framed)
    ordered: list[list[TextLine | GridTable]] = []
    prose: list[list[TextLine]] = []
    for tables, lines in zip(ruled, drop_furniture(framed), strict=True):
        found, used = borderless_tables(lines)
        rest = [line for k, line in enumerate(lines) if k not in used]
        prose.append(rest)
        ordered.append(reading_order(rest, [*tables, *found]))
    return ordered, prose


def convert(data: bytes, engine: str = "pdfminer") -> tuple[str, list[Anchor], list[str]]:
    """Text, anchors, and notes on what could not be read (pages without a text layer…); ``engine`` is the
    library of the layout pass (``pdfium``: the fast engine, same result)."""
    if engine == "pdfium":
        from .pdfium import load_pages_pdfium

        pages = load_pages_pdfium(data)
    else:
        pages = load_pages(data)
    notes = check_readable(pages)
    ordered, prose = _arrange(pages)
    width = max(p.bbox[2] - p.bbox[0] for p in pages)
    text, anchors = render(build_blocks(ordered, measure(prose, width)))
    if not text.strip():
        raise ReadError("no-text", f"PDF 共 {len(pages)} 页，除页码、页眉页脚外没有可提取的文字")
    return text, anchors, notes
