"""Plain geometry records shared by the PDF reader's stages, free of pdfminer types.

pdfminer's layout objects are converted once (``extract``) into these small records so that every later
stage (lines, grids, flow, rendering) is ordinary Python that can be tested without a PDF, and so that
pdfminer stays an implementation detail of one module.  Coordinates are PDF points with the origin at the
bottom left of the page, as pdfminer gives them: ``y1`` is the top of a box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]

#: Replacement for glyphs whose font has no Unicode mapping (pdfminer's "(cid:N)").
UNDECODABLE = "\ufffd"


def is_wide(ch: str) -> bool:
    """Whether ``ch`` is set on the CJK grid, where no word spaces exist: ideographs, full-width forms and
    the punctuation Chinese text uses (“ ” … — are East-Asian-ambiguous but belong to the CJK run)."""
    width = unicodedata.east_asian_width(ch)
    if width in ("W", "F"):
        return True
    return width == "A" and unicodedata.category(ch).startswith("P")


@dataclass(slots=True)
class Glyph:
    """One character as drawn: its text (one or a few characters for ligatures) and box."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    wide: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def make_glyph(text: str, x0: float, y0: float, x1: float, y1: float, size: float) -> Glyph:
    return Glyph(text, x0, y0, x1, y1, size, bool(text) and is_wide(text[0]))


@dataclass(slots=True)
class Segment:
    """A ruling line: horizontal at y = ``at`` from ``lo`` to ``hi`` in x, or vertical at x = ``at``."""

    horizontal: bool
    at: float
    lo: float
    hi: float


@dataclass
class PageLayout:
    """What one layout pass over a page yields."""

    number: int  # 1-based
    bbox: BBox
    glyphs: list[Glyph]
    segments: list[Segment]
    images: int = 0
    undecodable: int = 0  # glyphs without a Unicode mapping
    failed: bool = False  # the page's content could not be interpreted


@dataclass
class TextLine:
    """Glyphs on one baseline, left to right, with the text they spell (CJK-aware spacing)."""

    page: int
    glyphs: list[Glyph]
    text: str
    bbox: BBox
    size: float
    #: Runs separated by wide gaps, as (text, x0, x1): the cells of a borderless table row.
    runs: list[tuple[str, float, float]] = field(default_factory=list)
    #: Tabs typed before each run, when the line was typed tab-separated (``tabstops``); empty otherwise.
    tabs: list[int] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def top(self) -> float:
        return self.bbox[3]

    @property
    def bottom(self) -> float:
        return self.bbox[1]


@dataclass
class GridRow:
    page: int
    top: float
    bottom: float


@dataclass
class GridCell:
    """A cell of a rebuilt table: the grid rows ``row0:row1`` and columns ``col0:col1`` it covers."""

    row0: int
    row1: int
    col0: int
    col1: int
    text: str
    page: int
    bbox: BBox


@dataclass
class GridTable:
    """A table rebuilt from a page (or several, once continuations are joined).

    ``xs`` are the column boundaries left to right; ``rows`` the grid rows top to bottom, each on its page.
    A borderless table keeps the lines it was built from (``source``): its columns come from all rows at once,
    so a continuation on the next page is rebuilt with them rather than merged boundary by boundary.
    """

    xs: list[float]
    rows: list[GridRow]
    cells: list[GridCell]
    source: list[TextLine] = field(default_factory=list)

    @property
    def first_page(self) -> int:
        return self.rows[0].page

    @property
    def last_page(self) -> int:
        return self.rows[-1].page

    @property
    def top(self) -> float:
        return self.rows[0].top

    @property
    def bottom(self) -> float:
        return self.rows[-1].bottom

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]
