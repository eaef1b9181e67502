"""A PDF page's text laid out on a character grid as it sits on the page, from the reader's provenance.

The PDF reader anchors every line of prose and every table cell to its page and bounding box
(``Report.source_map``); this module places those chunks in rows and columns so that the source pane shows the
page as the unit printed it — a table as a table, a heading above its paragraph — and knows which characters of
``Report.text`` each placed chunk holds, so the cells and words of a finding can be lit.  No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from rich.cells import cell_len

from xxgk_lint.core.model import Report, Span


@dataclass(frozen=True)
class Chunk:
    """One anchored piece of the text: ``Report.text[start:end]`` drawn in ``bbox`` on ``page``."""

    start: int
    end: int
    page: int
    bbox: tuple[float, float, float, float]  # PDF points: x0, y0 (bottom), x1, y1 (top)
    text: str


@dataclass(frozen=True)
class Placed:
    column: int  # in terminal cells
    text: str
    start: int
    end: int


def chunks(report: Report) -> list[Chunk]:
    """Every anchored chunk with text, in text order."""
    anchors = report.source_map.anchors if report.source_map is not None else []
    out = []
    for i, anchor in enumerate(anchors):
        if anchor.page is None or anchor.bbox is None:
            continue
        end = anchors[i + 1].offset if i + 1 < len(anchors) else len(report.text)
        raw = report.text[anchor.offset:end]
        text = raw.split("\t", 1)[0].split("\n", 1)[0].strip()
        if text:
            start = anchor.offset + raw.index(text)
            out.append(Chunk(start, start + len(text), anchor.page, anchor.bbox, text))
    return out


def page_count(report: Report) -> int:
    pages = [a.page for a in (report.source_map.anchors if report.source_map else []) if a.page is not None]
    return max(pages, default=0)


def page_of(report: Report, spans: list[Span]) -> int | None:
    """The page a finding is on: the page of the first of its spans that the reader anchored."""
    if report.source_map is None:
        return None
    for span in spans:
        anchor = report.source_map.at(span.start)
        if anchor is not None and anchor.page is not None:
            return anchor.page
    return None


def layout_page(page_chunks: list[Chunk], width: int) -> list[list[Placed]]:
    """The chunks of one page as lines of placed text, ``width`` cells standing for the page's text width.

    Chunks whose vertical middles are within half a line of each other share a line; a wider gap than about two
    lines becomes one blank line.  Horizontal positions scale with the page but never overlap: a chunk that
    would run into the previous one on its line moves right (the pane scrolls sideways when needed)."""
    if not page_chunks:
        return []
    heights = [max(c.bbox[3] - c.bbox[1], 1.0) for c in page_chunks]
    line_height = median(heights)
    left = min(c.bbox[0] for c in page_chunks)
    right = max(c.bbox[2] for c in page_chunks)
    scale = (width - 1) / max(right - left, 1.0)
    ordered = sorted(page_chunks, key=lambda c: (-(c.bbox[1] + c.bbox[3]) / 2, c.bbox[0]))
    rows: list[tuple[float, list[Chunk]]] = []
    for chunk in ordered:
        middle = (chunk.bbox[1] + chunk.bbox[3]) / 2
        if rows and abs(rows[-1][0] - middle) <= line_height / 2:
            rows[-1][1].append(chunk)
        else:
            rows.append((middle, [chunk]))
    lines: list[list[Placed]] = []
    previous: float | None = None
    for middle, row in rows:
        if previous is not None and previous - middle > 2.2 * line_height:
            lines.append([])
        previous = middle
        placed: list[Placed] = []
        cursor = 0
        for chunk in sorted(row, key=lambda c: c.bbox[0]):
            column = max(round((chunk.bbox[0] - left) * scale), cursor + (1 if placed else 0))
            placed.append(Placed(column, chunk.text, chunk.start, chunk.end))
            cursor = column + cell_len(chunk.text)
        lines.append(placed)
    return lines
