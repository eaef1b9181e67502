"""The text of one table cell: its lines joined into one field.

Cells wrap their text, and narrow cells of merged row labels are written one character per line
(三、/本/年/度/办/理/结/果).  Both are one label: CJK lines join without a separator, Latin words broken
over lines with one space.  Digits on two lines are kept apart by a space: they may be one number wrapped in
a narrow cell or the values of rows the table did not rule apart, and gluing them could invent a number
(3001 and 34 are not 300134) — as pieces, the table extraction reports what it cannot place instead.  A
table field never contains a tab or a newline, so run breaks inside a cell become spaces.
"""

from __future__ import annotations

from collections.abc import Sequence

from .geometry import Glyph
from .lines import group_lines


def line_joiner(left: str, right: str) -> str:
    """Separator between the end of one wrapped line and the start of the next."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return " "
    return ""


def join_lines(texts: Sequence[str]) -> str:
    out = ""
    for text in texts:
        text = text.strip()
        if text:
            out += line_joiner(out, text) + text
    return out


def cell_text(glyphs: Sequence[Glyph], page: int) -> str:
    if not glyphs:
        return ""
    lines = group_lines(glyphs, page)
    return join_lines([line.text for line in lines])
