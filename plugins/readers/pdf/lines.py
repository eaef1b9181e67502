"""Glyphs into text lines, spaced the way Chinese text is written.

pdfminer's own line building (``LAParams.char_margin``) joins characters across neighbouring table cells and
synthesises spaces wherever glyphs are a little apart, which in CJK text is everywhere (digits set in a Latin
font next to ideographs, compressed punctuation).  So lines are built here from the glyphs: glyphs overlapping
vertically share a line; a space is written only between two Latin-script glyphs far enough apart to be a word
space, never next to a CJK glyph; a gap of several characters splits the line into runs (the cells of a table
without rulings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .geometry import Glyph, TextLine

#: A gap wider than this many font sizes separates runs (table columns) rather than words.
RUN_GAP = 1.5
#: Between two Latin-script glyphs, a gap wider than this many font sizes is a word space.
WORD_GAP = 0.2
#: Glyphs share a line when they overlap vertically by at least this share of the smaller height.
LINE_OVERLAP = 0.5


def _overlap(lo1: float, hi1: float, lo2: float, hi2: float) -> float:
    return min(hi1, hi2) - max(lo1, lo2)


def group_lines(glyphs: Iterable[Glyph], page: int) -> list[TextLine]:
    """Lines top to bottom.  A glyph joins the most recent line it overlaps enough; checking only the last
    few lines keeps this linear, which is enough because glyphs are visited top to bottom."""
    ordered = sorted(glyphs, key=lambda g: (-g.y1, g.x0))
    bands: list[list[Glyph]] = []
    extents: list[list[float]] = []  # [bottom, top] of each band
    for g in ordered:
        height = g.y1 - g.y0
        placed = False
        for i in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            lo, hi = extents[i]
            if _overlap(g.y0, g.y1, lo, hi) >= LINE_OVERLAP * max(0.1, min(height, hi - lo)):
                bands[i].append(g)
                extents[i][0], extents[i][1] = min(lo, g.y0), max(hi, g.y1)
                placed = True
                break
        if not placed:
            bands.append([g])
            extents.append([g.y0, g.y1])
    lines = [make_line(band, page) for band in bands]
    lines.sort(key=lambda line: -line.top)
    return lines


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs overprinted on the same glyph: fake bold draws each character twice, slightly shifted."""
    out: list[Glyph] = []
    for g in glyphs:
        if out:
            prev = out[-1]
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.3 * (prev.x1 - prev.x0) and abs(g.y0 - prev.y0) < 1:
                continue
        out.append(g)
    return out


def joiner(prev: Glyph, nxt: Glyph) -> str:
    """What separates two neighbouring glyphs of a line: nothing, a word space, or a run break (tab)."""
    gap = nxt.x0 - prev.x1
    size = max(prev.size, nxt.size, 1.0)
    if gap > RUN_GAP * size:
        return "\t"
    if not prev.wide and not nxt.wide and gap > WORD_GAP * min(prev.size, nxt.size):
        return " "
    return ""


def make_line(glyphs: Sequence[Glyph], page: int) -> TextLine:
    ordered = _dedupe(sorted(glyphs, key=lambda g: g.x0))
    parts: list[str] = []
    runs: list[tuple[str, float, float]] = []
    run_parts, run_first = 0, 0  # where the current run starts in ``parts`` and in ``ordered``
    for i, g in enumerate(ordered):
        if i:
            sep = joiner(ordered[i - 1], g)
            if sep == "\t":
                runs.append(("".join(parts[run_parts:]), ordered[run_first].x0, ordered[i - 1].x1))
                parts.append(" ")
                run_parts, run_first = len(parts), i
            elif sep:
                parts.append(sep)
        parts.append(g.text)
    runs.append(("".join(parts[run_parts:]), ordered[run_first].x0, ordered[-1].x1))
    sizes = sorted(g.size for g in ordered)
    bbox = (min(g.x0 for g in ordered), min(g.y0 for g in ordered),
            max(g.x1 for g in ordered), max(g.y1 for g in ordered))
    return TextLine(page, ordered, "".join(parts), bbox, sizes[len(sizes) // 2], runs)
