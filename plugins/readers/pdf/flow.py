"""Reading order: lines into paragraphs, tables in between, a table continued on the next page kept as one.

A PDF has lines, not paragraphs.  A line continues the paragraph above when nothing marks a new one: the new
line is not indented, the line above reached the right margin, the font size is the same, and no blank space
or table separates them — across a page break too (page furniture is gone by then).  Centred lines of the same
size (a title broken over two lines) are one paragraph.  A table that opens a page continues the table that
closed the previous one when ``continuation.can_join`` says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .continuation import can_join, join_tables
from .geometry import GridTable, TextLine


@dataclass
class Paragraph:
    """The lines of one paragraph, in order (each keeps its page and box for the source map)."""

    lines: list[TextLine] = field(default_factory=list)


Block = Paragraph | GridTable


@dataclass(frozen=True)
class Margins:
    """The text block of the body: where unindented lines start, where full lines end (None when that cannot be
    told, so no line is taken for a full one), and the line pitch inside a paragraph."""

    left: float
    right: float | None
    pitch: float

    def centred(self, line: TextLine) -> bool:
        if self.right is None:
            return False
        slack = 2 * line.size
        before, after = line.x0 - self.left, self.right - line.x1
        return before > slack and after > slack and abs(before - after) < slack

    def indented(self, line: TextLine) -> bool:
        return line.x0 > self.left + 0.9 * line.size

    def short(self, line: TextLine) -> bool:
        return self.right is None or line.x1 < self.right - 1.5 * line.size


def _bins(values: Sequence[float], bin_size: float = 2.0) -> Counter[int]:
    return Counter(round(v / bin_size) for v in values)


def left_margin(starts: Sequence[float], bin_size: float = 2.0) -> float:
    """The leftmost line start shared by a tenth of the lines: wrapped lines start there.  (The most common
    start would be the indent when most paragraphs are a single line.)"""
    counts = _bins(starts, bin_size)
    common = [b for b, n in counts.items() if n >= max(2, 0.1 * len(starts))]
    if not common:
        common = [max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]]
    return min(common) * bin_size


def _quantile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _right_margin(long_lines: Sequence[TextLine]) -> float | None:
    """Where full lines end: near the right end of the long lines (justified text ends them all at one x,
    ragged text a little before it).  Unknown unless at least three lines end there — in a text whose
    paragraphs never wrap, the longest line is not a full one."""
    if not long_lines:
        return None
    right = _quantile([line.x1 for line in long_lines], 0.9)
    support = sum(1 for line in long_lines if line.x1 >= right - 1.5 * line.size)
    return right if support >= 3 else None


def measure(pages: Sequence[Sequence[TextLine]], page_width: float) -> Margins:
    """Margins and the line pitch inside a paragraph: the lower quartile of the distances between
    neighbouring lines, since the space between paragraphs is often larger."""
    lines = [line for page in pages for line in page]
    if not lines:
        return Margins(0.0, None, 0.0)
    left = left_margin([line.x0 for line in lines])
    right = _right_margin([line for line in lines if line.x1 - line.x0 >= 0.4 * page_width])
    pitches = [a.bottom - b.bottom for page in pages for a, b in pairwise(page)
               if abs(a.size - b.size) < 0.5 and 0 < a.bottom - b.bottom < 3 * a.size]
    return Margins(left, right, _quantile(pitches, 0.25) if pitches else 0.0)


def continues_paragraph(above: TextLine, line: TextLine, margins: Margins) -> bool:
    if abs(above.size - line.size) > 0.15 * max(above.size, line.size):
        return False
    if above.page == line.page and margins.pitch and \
            above.bottom - line.bottom > max(1.3 * margins.pitch, margins.pitch + 0.3 * line.size):
        return False
    centred_above, centred_line = margins.centred(above), margins.centred(line)
    if centred_above or centred_line:
        return centred_above and centred_line and above.page == line.page
    return not margins.indented(line) and not margins.short(above)


def reading_order(lines: Sequence[TextLine], tables: Sequence[GridTable]) -> list[TextLine | GridTable]:
    """A page's lines and tables top to bottom (one text column)."""
    items: list[TextLine | GridTable] = [*lines, *tables]
    items.sort(key=lambda item: -item.top)
    return items


def build_blocks(pages: Sequence[Sequence[TextLine | GridTable]], margins: Margins) -> list[Block]:
    """Paragraphs and tables of the whole document in reading order."""
    blocks: list[Block] = []
    for items in pages:
        for position, item in enumerate(items):
            last = blocks[-1] if blocks else None
            if isinstance(item, GridTable):
                if position == 0 and isinstance(last, GridTable) and can_join(last, item):
                    blocks[-1] = join_tables(last, item)
                else:
                    blocks.append(item)
            elif isinstance(last, Paragraph) and continues_paragraph(last.lines[-1], item, margins):
                last.lines.append(item)
            else:
                blocks.append(Paragraph([item]))
    return blocks

