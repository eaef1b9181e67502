"""Tab stops of tables typed with tabs (plugins/readers/pdf/tabstops.py), on glyphs laid out the way
LibreOffice lays out a tab-separated text export: 10 pt CJK glyphs from a 56.8 pt margin, a tab moving the
next field to the next stop of a 1.25 cm (35.47 pt) lattice.  The LibreOffice renderings themselves are
tested end to end in test_rendered_formats.py (needs soffice); these run everywhere."""

from __future__ import annotations

from xxgk_lint.plugins.readers.pdf.borderless import borderless_tables
from xxgk_lint.plugins.readers.pdf.geometry import Glyph
from xxgk_lint.plugins.readers.pdf.lines import make_line
from xxgk_lint.plugins.readers.pdf.render import table_rows
from xxgk_lint.plugins.readers.pdf.tabstops import Lattice, blank_rows, find_lattice, join_wrapped, tab_line

LEFT, PITCH, SIZE = 56.8, 35.4667, 10.0


def _typed(line: str, y: float):
    """Glyphs of one tab-separated line as a word processor places them."""
    glyphs, x = [], LEFT
    for k, field in enumerate(line.split("\t")):
        if k:
            x = LEFT + (int((x - LEFT + 0.05) // PITCH) + 1) * PITCH  # the tab: to the next stop
        for ch in field:
            wide = ord(ch) > 0x2E80
            w = SIZE if wide else SIZE * 0.6
            glyphs.append(Glyph(ch, x, y, x + w, y + SIZE, SIZE, wide))
            x += w
    return make_line(glyphs, 1)


ROWS = ["信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0", "行政规范性文件\t4\t1\t37",
        "一、本年新收政府信息公开申请数量\t\t12\t3\t0\t0\t1\t0\t16",
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1"]


def _lines(rows):
    return [_typed(r, 700 - 14 * i) for i, r in enumerate(rows)]


def test_lattice_is_learnt_from_run_starts_and_not_the_character_grid():
    lattice = find_lattice(_lines(ROWS), LEFT)
    assert lattice is not None and abs(lattice.pitch - PITCH) < 0.3
    # runs set on the character grid only (starts at multiples of the font size, gaps of whole characters)
    def spaced(y: float):
        glyphs = [Glyph(c, LEFT + 10 * k + 30 * (k // 2), y, LEFT + 10 * k + 30 * (k // 2) + 10, y + 10, 10, True)
                  for k, c in enumerate("行政许可二三一五")]
        return make_line(glyphs, 1)
    grid = [spaced(y) for y in range(100, 300, 14)]
    assert len(grid[0].runs) == 4
    assert find_lattice(grid, LEFT) is None


def test_label_glued_to_its_value_is_cut_and_the_tabs_counted():
    lattice = Lattice(LEFT, PITCH)
    glued = tab_line(_typed("行政规范性文件\t4\t1\t37", 500), lattice)
    assert [r[0] for r in glued.runs] == ["行政规范性文件", "4", "1", "37"]
    assert glued.tabs == [0, 1, 1, 1]
    blank_column = tab_line(_typed("一、本年新收政府信息公开申请数量\t\t12\t3", 500), lattice)
    assert blank_column.tabs == [0, 2, 1]  # the empty field after the label is a tab of its own


def test_typed_table_is_written_as_typed():
    lattice = Lattice(LEFT, PITCH)
    lines = blank_rows([tab_line(line, lattice) for line in _lines([*ROWS, "2.其他法律行政法规禁止公开"])])
    (table,), used = borderless_tables(lines)
    assert used == set(range(len(lines)))
    written = ["\t".join(c.text if c else "" for c, _, _ in row) for row in table_rows(table)]
    assert written[:-1] == ROWS
    assert written[-1] == "2.其他法律行政法规禁止公开\t"  # a blank row keeps a blank field after its label


def test_a_row_wrapped_at_the_right_margin_is_joined():
    lattice = Lattice(LEFT, PITCH)
    first = tab_line(_typed("1\t0\t0\t1\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0", 500), lattice)
    rest = tab_line(_typed("0", 486), lattice)
    (joined,) = join_wrapped([first, rest], lattice, right=first.x1)
    assert [r[0] for r in joined.runs] == list("100120001100000")
    assert joined.tabs == [0] + [1] * 14
