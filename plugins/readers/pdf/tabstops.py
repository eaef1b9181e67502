"""Tab stops: tables typed as tab-separated text and exported to PDF by Word or LibreOffice.

Such a PDF has no rulings and no gutters: a tab only moves the next character to the next tab stop, so a label
that overflows its column is followed by its value a fraction of a point later ("行政规范性文件4"), and a long
label pushes a whole row's values right.  Columns by x-position fail there; the tabs themselves do not.  The
word processor put every field after a tab at a stop of one regular lattice (left margin + k × pitch, 1.25 cm in
LibreOffice), so the lattice is learnt from where runs start, and each line is cut again wherever a glyph
after a gap starts on a stop.  The number of tabs between two fields follows from the stops the gap crosses
(the first tab goes to the first stop after the text, each further tab to the next one), which gives back the
tab-separated line as it was typed; ``core.tables`` then reads it exactly as it reads the text export.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from xxgk_lint.core.layouts import T2_ROWS_2019, T2_ROWS_2021, t3_rows
from xxgk_lint.core.textnorm import label_key

from .geometry import Glyph, TextLine
from .lines import make_line

#: A glyph starts on a stop when within this many points of it.
STOP_TOL = 0.4
#: Share of the run starts the lattice must explain, and how many starts that takes at least.
MIN_SHARE = 0.9
MIN_STARTS = 8


@dataclass(frozen=True)
class Lattice:
    left: float
    pitch: float

    def stop_at(self, x: float) -> int | None:
        """The stop index ``x`` sits on, or None."""
        k = round((x - self.left) / self.pitch)
        return k if k >= 1 and abs(self.left + k * self.pitch - x) <= STOP_TOL else None

    def first_stop_after(self, x: float) -> int:
        return max(1, math.floor((x - self.left + 0.05) / self.pitch) + 1)


def find_lattice(lines: Sequence[TextLine], left: float) -> Lattice | None:
    """The tab-stop lattice the document's run starts sit on, when there is one that is not just the character
    grid (text set in one CJK font puts every glyph on multiples of the font size)."""
    starts = [x0 for line in lines for _, x0, _ in line.runs[1:] if x0 - left > 1.0]
    if len(starts) < MIN_STARTS:
        return None
    sizes = sorted(line.size for line in lines)
    size = sizes[len(sizes) // 2]
    offsets = sorted({round(x - left, 1) for x in starts})
    if len(offsets) < 3:
        return None  # one or two distinct starts fit many lattices
    on_grid = sum(1 for x in starts if abs((x - left) / size - round((x - left) / size)) * size <= STOP_TOL)
    if on_grid > 0.5 * len(starts):
        return None  # runs start on the character grid: spaced text, or stops that cannot be told from it
    best: tuple[float, float] | None = None
    for o in offsets[:5]:
        for k in range(1, 5):
            pitch = o / k
            if pitch < 1.5 * size or abs(pitch / size - round(pitch / size)) < 0.1:
                continue
            lattice = Lattice(left, pitch)
            share = sum(1 for x in starts if lattice.stop_at(x) is not None) / len(starts)
            if share >= MIN_SHARE and (best is None or (share, pitch) > best):
                best = (share, pitch)
    return Lattice(left, best[1]) if best else None


def _fields(line: TextLine, lattice: Lattice) -> list[tuple[list[Glyph], int]] | None:
    """The line's glyphs cut at tab stops, each part with the number of tabs before it; None when the line
    does not look tab-separated.  A small gap ending on a stop between two labels ("本年制发件数本年废止件数")
    is a cut only in a line that is tab-separated anyway (a wide gap, a value after a stop, a leading tab)."""
    glyphs = line.glyphs
    lead = lattice.stop_at(glyphs[0].x0)
    tabs_first = lead if lead is not None and glyphs[0].x0 > lattice.left + STOP_TOL else 0
    cuts: list[tuple[int, int, bool]] = []  # (glyph index, tabs before it, strong)
    for i, (prev, g) in enumerate(pairwise(glyphs), start=1):
        gap = g.x0 - prev.x1
        stop = lattice.stop_at(g.x0) if gap > 0.05 else None
        if stop is not None:
            cuts.append((i, stop - lattice.first_stop_after(prev.x1) + 1, gap > 1.5 * g.size or _value_edge(prev, g)))
    if not tabs_first and not any(strong for _, _, strong in cuts):
        return None
    parts: list[tuple[list[Glyph], int]] = []
    start, before = 0, tabs_first
    for i, tabs, _ in cuts:
        parts.append((glyphs[start:i], before))
        start, before = i, tabs
    parts.append((glyphs[start:], before))
    return parts


def _value_edge(prev: Glyph, g: Glyph) -> bool:
    """A small gap ending on a stop is a tab only next to a value: prose spacing (justified text, the space
    in "申请 16 件") lands on a stop by chance, but a label glued to its number is what tabs leave."""
    return g.text[:1].isdigit() or prev.text[-1:].isdigit() or g.text in "/-—" or prev.text in "/-—"


def tab_line(line: TextLine, lattice: Lattice) -> TextLine:
    """The line with its runs cut at tab stops and ``tabs`` saying how many tabs precede each run."""
    parts = _fields(line, lattice)
    if parts is None:
        return line
    runs: list[tuple[str, float, float]] = []
    tabs: list[int] = []
    for glyphs, before in parts:
        runs.append((make_line(glyphs, line.page).text.strip(), glyphs[0].x0, glyphs[-1].x1))
        tabs.append(before)
    return TextLine(line.page, line.glyphs, line.text, line.bbox, line.size, runs, tabs)


def _values_only(line: TextLine) -> bool:
    return all(_values_only_text(text) for text, _, _ in line.runs)


def join_wrapped(lines: Sequence[TextLine], lattice: Lattice, right: float) -> list[TextLine]:
    """Rows too long for the page wrap: a line of values only under a tab-typed row that reaches the right
    margin is the rest of that row.  The tab at the break is kept (at least one tab separates the parts)."""
    out: list[TextLine] = []
    for line in lines:
        above = out[-1] if out else None
        if (above is not None and above.tabs and above.page == line.page and _values_only(line)
                and above.x1 > right - lattice.pitch and abs(above.size - line.size) <= 0.15 * line.size
                and 0 < above.bottom - line.bottom < 2.5 * line.size):
            lead = line.tabs[0] if line.tabs else 0
            tabs = [max(1, lead), *(line.tabs[1:] if line.tabs else [1] * (len(line.runs) - 1))]
            bbox = (above.bbox[0], min(above.bbox[1], line.bbox[1]), max(above.bbox[2], line.bbox[2]), above.bbox[3])
            out[-1] = TextLine(above.page, [*above.glyphs, *line.glyphs], above.text + " " + line.text, bbox,
                               above.size, [*above.runs, *line.runs], [*above.tabs, *tabs])
        else:
            out.append(line)
    return out


#: Row keys of the national tables 2 and 3 (both layouts): a label-only line that is one of them is a row.
_ROW_KEYS = frozenset(key for rows in (T2_ROWS_2019, T2_ROWS_2021, t3_rows("2021", True), t3_rows("2019", False))
                      for row in rows for key in row.keys)
_LABEL_MAX = 60


def _is_row_label(text: str) -> bool:
    """A national row label on its own (numbering and the label's own notes allowed), never prose."""
    if "。" in text or len(text) > _LABEL_MAX:
        return False
    key = label_key(text)
    return any(k in key if len(k) >= 4 else key.endswith(k) and len(key) <= len(k) + 4 for k in _ROW_KEYS)


def blank_rows(lines: Sequence[TextLine]) -> list[TextLine]:
    """A typed row left all blank keeps only its label: the tabs after it leave no glyph.  The national layout
    says the line is a row, so it gets back one blank field after the label (``core.tables`` then gives each
    of the row's columns a blank value, as it does for the text export's label followed by tabs).  Not when
    the next line holds values only: those are the row's values written one per line."""
    out: list[TextLine] = []
    for k, line in enumerate(lines):
        text = line.runs[-1][0] if line.runs else line.text
        below = lines[k + 1] if k + 1 < len(lines) else None
        if below is not None and below.runs and _values_only(below):
            out.append(line)  # its values are on the next line (one cell per line), not blank
            continue
        if line.runs and all(not _values_only_text(t) for t, _, _ in line.runs) and _is_row_label(text):
            tabs = line.tabs or [0] * len(line.runs)
            end = line.runs[-1][2]
            line = TextLine(line.page, line.glyphs, line.text, line.bbox, line.size,
                            [*line.runs, ("", end, end)], [*tabs, 1])
        out.append(line)
    return out


def _values_only_text(text: str) -> bool:
    return bool(text) and all(ch.isdigit() or ch in "./-—" for ch in text)
