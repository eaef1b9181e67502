"""Terminal layout of Chinese text: cell widths, character wrapping with kinsoku, display substitutions.

Pure functions (Rich's cell table only, no Textual), shared by every widget that draws report text, so the
width a line is wrapped to is the width it is drawn at and highlights stay on their characters.

- CJK ideographs and full-width punctuation are two cells; Rich measures East-Asian *ambiguous* characters
  (“ ” ‘ ’ … — ·) as one cell, which is what most terminals draw.  Terminals set to draw them two cells wide
  (some CJK locales) would push the rest of the line right; ``ambiguous_wide=True`` replaces the common ones
  with unambiguous wide look-alikes (〝 〞 …), one character for one, so offsets into the report stay valid.
- Wrapping is by character, not at spaces.  Closing punctuation never starts a line and opening brackets
  never end one (kinsoku): the break moves back, pushing the previous character down with it.  Runs of ASCII
  letters and digits (years, counts) and doubled ——/…… stay together when they fit on a line.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size

TAB_SIZE = 4

#: never at the start of a line
CLOSING = frozenset("，。；：、）」』”！？》〉】〕〗〙’〞﹂,.;:!?)]}%％·・")
#: never at the end of a line
OPENING = frozenset("（「『“《〈【〔〖〘‘〝﹁([{")
#: doubled marks that must not be split
PAIRED = frozenset("—…")

#: ambiguous-width characters common in Chinese reports and wide look-alikes for terminals drawing them wide
AMBIGUOUS_WIDE = {"“": "〝", "”": "〞", "‘": "「", "’": "」", "…": "⋯", "—": "－", "·": "・", "×": "✕"}

_CONTROLS = {c: " " for c in [*range(0, 9), *range(11, 32), 0x7F]}
_DISPLAY_NARROW = str.maketrans(_CONTROLS)
_DISPLAY_WIDE = str.maketrans({**_CONTROLS, **{ord(k): v for k, v in AMBIGUOUS_WIDE.items()}})

_widths: dict[str, int] = {"\t": 1}


def display(text: str, ambiguous_wide: bool = False) -> str:
    """The text as drawn: control characters (but tab and newline) as spaces, and with ``ambiguous_wide``
    the common ambiguous-width characters replaced.  Always the same length as ``text``."""
    return text.translate(_DISPLAY_WIDE if ambiguous_wide else _DISPLAY_NARROW)


def char_width(char: str) -> int:
    """Cells a character takes, as Rich (and so Textual) measures it; a tab is handled by the caller."""
    width = _widths.get(char)
    if width is None:
        width = _widths[char] = get_character_cell_size(char)
    return width


def text_width(text: str) -> int:
    """Cells of a string without tabs or newlines."""
    return sum(map(char_width, text))


def expand(text: str) -> list[tuple[str, int]]:
    """Each character of one display row with the cells it takes there; tabs run to the next tab stop of the
    row (rows always start at column 0, so wrapping and drawing agree)."""
    out: list[tuple[str, int]] = []
    column = 0
    for char in text:
        width = TAB_SIZE - column % TAB_SIZE if char == "\t" else char_width(char)
        out.append((char, width))
        column += width
    return out


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._%-")


def _adjust(line: str, start: int, brk: int) -> int:
    """Move a break at ``brk`` back so no rule is broken; the row keeps at least one character."""
    b = brk
    for _ in range(16):
        if b - 1 <= start:
            break
        here, before = line[b], line[b - 1]
        if here in CLOSING or before in OPENING or (here in PAIRED and here == before):
            b -= 1
            continue
        if _is_word(here) and _is_word(before):
            j = b
            while j > start and _is_word(line[j - 1]):
                j -= 1
            if j > start:
                b = j
                continue
        break
    return b if b > start else brk


def wrap(line: str, width: int) -> list[tuple[int, int]]:
    """Rows of one logical line (no newline in it) at ``width`` cells, as ``(start, end)`` indexes into it."""
    width = max(width, 2)
    n = len(line)
    if n == 0:
        return [(0, 0)]
    if "\t" not in line:
        cumulative = list(accumulate(map(char_width, line)))
        if cumulative[-1] <= width:
            return [(0, n)]
        rows = []
        start, base = 0, 0
        while start < n:
            if cumulative[-1] - base <= width:
                rows.append((start, n))
                break
            brk = bisect_right(cumulative, base + width, lo=start)
            brk = max(brk, start + 1)
            brk = _adjust(line, start, brk)
            rows.append((start, brk))
            start = brk
            base = cumulative[brk - 1]
        return rows
    rows = []
    start, column, i = 0, 0, 0
    while i < n:
        char = line[i]
        w = TAB_SIZE - column % TAB_SIZE if char == "\t" else char_width(char)
        if column + w <= width or i == start:
            column += w
            i += 1
            continue
        brk = _adjust(line, start, i)
        rows.append((start, brk))
        start, column, i = brk, 0, brk
    rows.append((start, n))
    return rows


def wrap_text(text: str, width: int) -> list[str]:
    """A paragraph (newlines allowed) wrapped to display rows."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(line[a:b] for a, b in wrap(line, width))
    return out
