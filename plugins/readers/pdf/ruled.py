"""Ruled tables: rebuild the cell grid of a table from its ruling lines.

Every distinct x of a vertical rule and y of a horizontal rule bounds a column or row of the finest grid.
Two neighbouring grid units belong to the same cell unless a rule separates them, so merged cells (a label
spanning three columns, a vertical label spanning twenty rows) come out as one cell covering several units,
exactly as printed.  Glyphs are assigned to units by their centre, so text never leaks into a neighbouring cell
however close the cells are — the failure of line-based extraction on CJK tables.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .celltext import cell_text
from .geometry import Glyph, GridCell, GridRow, GridTable, Segment

#: Rules closer than this (points) are the same rule: borders are drawn twice or a little apart.
TOL = 2.0
#: A rule separates two units when it covers at least this share of their common edge.
COVER = 0.5


def cluster(values: Sequence[float], tol: float = TOL) -> list[float]:
    """Sorted values with near-equal ones merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def merge_segments(segments: Sequence[Segment]) -> list[Segment]:
    """Collinear pieces of one rule joined: cell borders are often drawn cell by cell."""
    merged: list[Segment] = []
    for horizontal in (True, False):
        group = sorted((s for s in segments if s.horizontal is horizontal), key=lambda s: (s.at, s.lo))
        lanes: list[list[Segment]] = []
        for s in group:
            if lanes and s.at - lanes[-1][0].at <= TOL:
                lanes[-1].append(s)
            else:
                lanes.append([s])
        for lane in lanes:
            at = sum(s.at for s in lane) / len(lane)
            for s in sorted(lane, key=lambda s: s.lo):
                if merged and merged[-1].horizontal is horizontal and merged[-1].at == at \
                        and s.lo <= merged[-1].hi + TOL:
                    merged[-1].hi = max(merged[-1].hi, s.hi)
                else:
                    merged.append(Segment(horizontal, at, s.lo, s.hi))
    return merged


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _crosses(h: Segment, v: Segment) -> bool:
    return h.lo - TOL <= v.at <= h.hi + TOL and v.lo - TOL <= h.at <= v.hi + TOL


def components(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Groups of rules that touch each other: one group per table."""
    union = _Union(len(segments))
    for i, a in enumerate(segments):
        if not a.horizontal:
            continue
        for j, b in enumerate(segments):
            if not b.horizontal and _crosses(a, b):
                union.union(i, j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segments):
        groups.setdefault(union.find(i), []).append(s)
    return [g for g in groups.values() if any(s.horizontal for s in g) and any(not s.horizontal for s in g)]


def _covered(rules: Sequence[Segment], lo: float, hi: float) -> bool:
    length = sum(max(0.0, min(r.hi, hi) - max(r.lo, lo)) for r in rules)
    return length >= COVER * (hi - lo)


def _near(rules: Sequence[Segment], at: float) -> list[Segment]:
    return [r for r in rules if abs(r.at - at) <= TOL]


def _unit_groups(rules: Sequence[Segment], xs: list[float], ys: list[float]) -> _Union:
    """Union of grid units not separated by a rule (``ys`` top to bottom)."""
    rows, cols = len(ys) - 1, len(xs) - 1
    verticals = [r for r in rules if not r.horizontal]
    horizontals = [r for r in rules if r.horizontal]
    union = _Union(rows * cols)
    for j in range(1, cols):
        near = _near(verticals, xs[j])
        for i in range(rows):
            if not _covered(near, ys[i + 1], ys[i]):
                union.union(i * cols + j - 1, i * cols + j)
    for i in range(1, rows):
        near = _near(horizontals, ys[i])
        for j in range(cols):
            if not _covered(near, xs[j], xs[j + 1]):
                union.union((i - 1) * cols + j, i * cols + j)
    return union


def build_table(rules: Sequence[Segment], glyphs: Sequence[Glyph], page: int) -> tuple[GridTable, set[int]] | None:
    """The table bounded by one group of rules, and the indices of the glyphs inside it; None for a lone frame,
    a single column (framed text, or rows ruled without column rules, whose columns only the text alignment
    shows) or a drawing without text."""
    xs = cluster([r.at for r in rules if not r.horizontal]
                 + [min(r.lo for r in rules if r.horizontal), max(r.hi for r in rules if r.horizontal)])
    ys = cluster([r.at for r in rules if r.horizontal]
                 + [min(r.lo for r in rules if not r.horizontal), max(r.hi for r in rules if not r.horizontal)])
    ys.reverse()
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 1 or cols < 2:  # a frame or rows ruled without column rules: left to the text alignment
        return None
    union = _unit_groups(rules, xs, ys)
    members: dict[int, list[int]] = {}
    for unit in range(rows * cols):
        members.setdefault(union.find(unit), []).append(unit)
    if len(members) < 2:
        return None
    neg_ys = [-y for y in ys]
    inside: dict[int, list[Glyph]] = {}
    used: set[int] = set()
    for k, g in enumerate(glyphs):
        cx, cy = g.cx, g.cy
        if not (xs[0] - TOL <= cx <= xs[-1] + TOL and ys[-1] - TOL <= cy <= ys[0] + TOL):
            continue
        col = min(cols - 1, max(0, bisect_right(xs, cx) - 1))
        row = min(rows - 1, max(0, bisect_right(neg_ys, -cy) - 1))
        inside.setdefault(union.find(row * cols + col), []).append(g)
        used.add(k)
    if not used:
        return None
    cells = []
    for root, units in members.items():
        r0, r1 = min(u // cols for u in units), max(u // cols for u in units) + 1
        c0, c1 = min(u % cols for u in units), max(u % cols for u in units) + 1
        cells.append(GridCell(r0, r1, c0, c1, cell_text(inside.get(root, []), page), page,
                              (xs[c0], ys[r1], xs[c1], ys[r0])))
    cells.sort(key=lambda c: (c.row0, c.col0))
    grid_rows = [GridRow(page, ys[i], ys[i + 1]) for i in range(rows)]
    return GridTable(xs, grid_rows, cells), used


def ruled_tables(segments: Sequence[Segment], glyphs: Sequence[Glyph], page: int) -> tuple[list[GridTable], set[int]]:
    """Every ruled table of a page, top to bottom, and the glyphs they hold."""
    tables: list[GridTable] = []
    used: set[int] = set()
    for group in components(merge_segments(segments)):
        built = build_table(group, glyphs, page)
        if built is not None:
            table, inside = built
            tables.append(table)
            used |= inside
    tables.sort(key=lambda t: -t.top)
    return tables, used
