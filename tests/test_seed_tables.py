"""Independent check of structure and table extraction on the three seed reports.

Every expectation below was written by reading the seed files themselves (tabs made visible), never by
dumping the parser's output.  Line numbers are 1-based lines of the seed file; a cell's "field" is its
0-based index among the tab-separated fields of that line, so the expected span of a cell is computed from
the file text here, independently of the parser.
"""

from __future__ import annotations

import functools
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from xxgk_lint.plugins.readers.text import TextReader

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

S000 = "000_ea21bc616a0657b5.txt"
S001 = "001_2492965149b6bf76.txt"
S002 = "002_2462a58060575dd3.txt"
SEED_FILES = (S000, S001, S002)

pytestmark = pytest.mark.skipif(not all((SEEDS / s).is_file() for s in SEED_FILES) and not os.environ.get("CI"),
                                reason=f"seed reports not found under {SEEDS}")

# --- canonical ids (typed from format.md §3–§5, independent of core/layouts.py) ----------------------------

T2_ROWS: dict[str, tuple[str, ...]] = {
    "rules": ("issued", "repealed", "in_force"),
    "normative": ("issued", "repealed", "in_force"),
    "license": ("decisions",),
    "penalty": ("decisions",),
    "enforcement": ("decisions",),
    "fee": ("amount",),
}

T3_COLS = ("natural", "commercial", "research", "social", "legal", "other", "total")
T3_ROWS = (
    "new",
    "carried_over",
    "result.disclosed",
    "result.partial",
    "result.withheld.state_secret",
    "result.withheld.prohibited_by_law",
    "result.withheld.three_safety",
    "result.withheld.third_party",
    "result.withheld.internal_affairs",
    "result.withheld.process_info",
    "result.withheld.enforcement_file",
    "result.withheld.inquiry",
    "result.unavailable.not_held",
    "result.unavailable.needs_creation",
    "result.unavailable.unclear",
    "result.not_processed.petition",
    "result.not_processed.repeat",
    "result.not_processed.publication",
    "result.not_processed.mass_repeat",
    "result.not_processed.confirm",
    "result.other.no_correction",
    "result.other.unpaid_fee",
    "result.other.other",
    "result.total",
    "carried_forward",
)
assert len(T3_ROWS) == 25

T4_BLOCKS = ("review", "litigation_direct", "litigation_after_review")
T4_COLS = ("maintain", "correct", "other", "pending", "total")

T2_IDS = frozenset(f"t2.{r}.{c}" for r, cols in T2_ROWS.items() for c in cols)
T3_IDS = frozenset(f"t3.{r}.{c}" for r in T3_ROWS for c in T3_COLS)
T4_IDS = frozenset(f"t4.{b}.{c}" for b in T4_BLOCKS for c in T4_COLS)


# --- expectations ------------------------------------------------------------------------------------------

Value = int | float | None  # None: the cell is blank in the file


@dataclass(frozen=True)
class RowExpect:
    """One printed row: the file line(s) holding its cells, the field index of its first cell, the values.

    ``lines`` has more than one entry only when the row's label is split over lines and either line could
    reasonably carry the (blank) cells; ``first_field`` is None when the cells are blank and their exact field
    position is not meaningful.
    """

    lines: tuple[int, ...]
    first_field: int | None
    values: tuple[Value, ...]


@dataclass(frozen=True)
class SeedExpect:
    title: str
    title_line: int
    organization: str
    year: int
    signoff_date: str | None
    sections: tuple[tuple[str, str, int, str], ...]  # (number, kind, heading line, heading)
    t2: dict[str, RowExpect]
    t3: dict[str, RowExpect]
    t4: dict[str, RowExpect]
    signoff_organization: str | None = None
    title_organization: str | None = None


def t3_consecutive(first_line: int, first_fields: tuple[int, ...], values: dict[str, tuple[Value, ...]]
                   ) -> dict[str, RowExpect]:
    """Table 3 whose 25 rows sit on consecutive lines starting at ``first_line``."""
    assert len(first_fields) == len(T3_ROWS)
    return {row: RowExpect((first_line + i,), first_fields[i], values[row]) for i, row in enumerate(T3_ROWS)}


def t4_one_line(line: int, values: tuple[int, ...]) -> dict[str, RowExpect]:
    """Table 4 flattened into one line of 15 tab-separated numbers: review, direct, after-review blocks."""
    assert len(values) == 15
    return {b: RowExpect((line,), 5 * i, values[5 * i: 5 * i + 5]) for i, b in enumerate(T4_BLOCKS)}


ZERO7 = (0,) * 7
BLANK7 = (None,) * 7

# Seeds 000 and 002 print table 3 in the same shape: rows 一/二/（一）/（二） have the label (and the group
# label) in fields 0–1 and numbers from field 2; the numbered sub-rows of （三）–（六） have two label fields
# before the item label, numbers from field 3; "3. 其他", "(七) 总计" and 四 start again in field 0,
# numbers from field 2.
T3_FIELDS_000_002 = (2, 2, 2, 2) + (3,) * 18 + (2, 2, 2)

SECTIONS_HEADINGS = {
    "一": ("overview", "一、总体情况"),
    "二": ("proactive", "二、主动公开政府信息情况"),
    "三": ("requests", "三、收到和处理政府信息公开申请情况"),
    "四": ("review-litigation", "四、政府信息公开行政复议、行政诉讼情况"),
    "五": ("problems", "五、存在的主要问题及改进情况"),
    "六": ("other", "六、其他需要报告的事项"),
}


def sections(*numbered_lines: tuple[str, int]) -> tuple[tuple[str, str, int, str], ...]:
    return tuple((n, SECTIONS_HEADINGS[n][0], line, SECTIONS_HEADINGS[n][1]) for n, line in numbered_lines)


EXPECT: dict[str, SeedExpect] = {
    # 武陟县小董乡: a leftover "2022" title and a second 一、总体情况 (lines 7, 9) after the real one (3, 5).
    S000: SeedExpect(
        title="武陟县小董乡人民政府 2023 年政府信息公开工作年度报告",
        title_line=3,
        organization="武陟县小董乡人民政府",
        title_organization="武陟县小董乡人民政府",
        year=2023,
        signoff_date=None,
        sections=sections(("一", 5), ("一", 9), ("二", 23), ("三", 40), ("四", 71), ("五", 78), ("六", 84)),
        t2={
            "rules": RowExpect((27,), 1, (0, 0, 0)),
            "normative": RowExpect((28,), 1, (0, 0, 0)),
            "license": RowExpect((31,), 1, (0,)),
            "penalty": RowExpect((34,), 1, (0,)),
            "enforcement": RowExpect((35,), 1, (0,)),
            "fee": RowExpect((38,), 1, (0,)),
        },
        t3=t3_consecutive(45, T3_FIELDS_000_002, {row: ZERO7 for row in T3_ROWS}),
        t4=t4_one_line(76, (0,) * 15),
    ),
    # 兴县圪塔上乡: fee label and value on separate lines (37, 39); table 3 has only rows 一 and 二
    # filled (zeros), every row from （一）予以公开 to 四、结转下年度 is blank; "4.无正当理由大量反" /
    # "复申请" is split over lines 65 and 67; sign-off "兴县圪塔上乡人民政府" / "2021年12月30日" (98, 100).
    S001: SeedExpect(
        title="圪塔上乡 2021 年政府信息公开工作 年度报告",
        title_line=7,
        organization="兴县圪塔上乡人民政府",
        title_organization="圪塔上乡",
        signoff_organization="兴县圪塔上乡人民政府",
        year=2021,
        signoff_date="2021-12-30",
        sections=sections(("一", 9), ("二", 21), ("三", 41), ("四", 75), ("五", 82), ("六", 94)),
        t2={
            "rules": RowExpect((25,), 1, (0, 0, 0)),
            "normative": RowExpect((26,), 1, (15, 0, 15)),
            "license": RowExpect((29,), 1, (0,)),
            "penalty": RowExpect((32,), 1, (0,)),
            "enforcement": RowExpect((33,), 1, (0,)),
            "fee": RowExpect((39,), 0, (0,)),  # the whole line is "0"
        },
        t3={
            "new": RowExpect((46,), 2, ZERO7),
            "carried_over": RowExpect((47,), 2, ZERO7),
            "result.disclosed": RowExpect((48,), None, BLANK7),
            "result.partial": RowExpect((49,), None, BLANK7),
            "result.withheld.state_secret": RowExpect((50,), None, BLANK7),
            "result.withheld.prohibited_by_law": RowExpect((51,), None, BLANK7),
            # line 52 is empty
            "result.withheld.three_safety": RowExpect((53,), None, BLANK7),
            "result.withheld.third_party": RowExpect((54,), None, BLANK7),
            "result.withheld.internal_affairs": RowExpect((55,), None, BLANK7),
            "result.withheld.process_info": RowExpect((56,), None, BLANK7),
            "result.withheld.enforcement_file": RowExpect((57,), None, BLANK7),
            "result.withheld.inquiry": RowExpect((58,), None, BLANK7),
            "result.unavailable.not_held": RowExpect((59,), None, BLANK7),
            "result.unavailable.needs_creation": RowExpect((60,), None, BLANK7),
            "result.unavailable.unclear": RowExpect((61,), None, BLANK7),
            "result.not_processed.petition": RowExpect((62,), None, BLANK7),
            "result.not_processed.repeat": RowExpect((63,), None, BLANK7),
            "result.not_processed.publication": RowExpect((64,), None, BLANK7),
            "result.not_processed.mass_repeat": RowExpect((65, 67), None, BLANK7),  # label split 65 / 67
            "result.not_processed.confirm": RowExpect((68,), None, BLANK7),
            "result.other.no_correction": RowExpect((69,), None, BLANK7),
            "result.other.unpaid_fee": RowExpect((70,), None, BLANK7),
            "result.other.other": RowExpect((71,), None, BLANK7),
            "result.total": RowExpect((72,), None, BLANK7),
            "carried_forward": RowExpect((73,), None, BLANK7),
        },
        t4=t4_one_line(80, (0,) * 15),
    ),
    # 鲁山县土门办事处: a leftover "告" (line 5), 一、总体情况 (7), a second title naming
    # 土门社会事务综合服务中心 (9) and a second 一、总体情况 (11).
    S002: SeedExpect(
        title="鲁山县土门办事处 2023 年政府信息公开工作年度报告",
        title_line=3,
        organization="鲁山县土门办事处",
        title_organization="鲁山县土门办事处",
        year=2023,
        signoff_date=None,
        sections=sections(("一", 7), ("一", 11), ("二", 25), ("三", 42), ("四", 73), ("五", 80), ("六", 84)),
        t2={
            "rules": RowExpect((29,), 1, (0, 0, 0)),
            "normative": RowExpect((30,), 1, (3, 1, 2)),
            "license": RowExpect((33,), 1, (0,)),
            "penalty": RowExpect((36,), 1, (0,)),
            "enforcement": RowExpect((37,), 1, (0,)),
            "fee": RowExpect((40,), 1, (0,)),
        },
        t3=t3_consecutive(47, T3_FIELDS_000_002, {row: ZERO7 for row in T3_ROWS}),
        t4=t4_one_line(78, (0,) * 15),
    ),
}


# --- helpers -----------------------------------------------------------------------------------------------

@functools.cache
def read(seed: str):  # -> Report
    path = SEEDS / seed
    return TextReader().read(path, path.read_bytes())


@functools.cache
def file_lines(seed: str) -> tuple[tuple[int, str], ...]:
    """(offset, text) of every line of the seed file, computed here from the file, not by the parser."""
    text = (SEEDS / seed).read_bytes().decode("utf-8")
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return tuple(out)


def field_span(seed: str, line: int, index: int) -> tuple[int, int, str]:
    """Start, end and text of tab-separated field ``index`` on 1-based ``line`` of the seed file."""
    offset, text = file_lines(seed)[line - 1]
    fields = text.split("\t")
    start = offset + sum(len(f) + 1 for f in fields[:index])
    return start, start + len(fields[index]), fields[index]


def columns_of(table: int, row: str) -> tuple[str, ...]:
    return {2: lambda: T2_ROWS[row], 3: lambda: T3_COLS, 4: lambda: T4_COLS}[table]()


def row_expect(seed: str, table: int, row: str) -> RowExpect:
    e = EXPECT[seed]
    return {2: e.t2, 3: e.t3, 4: e.t4}[table][row]


def expected_semantic(value: Value) -> str:
    if value is None:
        return "empty"
    return "zero" if value == 0 else "number"


def table_rows(table: int) -> tuple[str, ...]:
    return {2: tuple(T2_ROWS), 3: T3_ROWS, 4: T4_BLOCKS}[table]


# Known parser discrepancies (seed, table, row) -> reason; filled in only after re-reading the file.
KNOWN_BUGS: dict[tuple[str, int, str], str] = {}


def row_params() -> list[object]:
    params = []
    for seed in SEED_FILES:
        for table in (2, 3, 4):
            for row in table_rows(table):
                marks = []
                reason = KNOWN_BUGS.get((seed, table, row))
                if reason:
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
                params.append(pytest.param(seed, table, row, marks=marks, id=f"{seed[:3]}-t{table}.{row}"))
    return params


SEED_IDS = [s[:3] for s in SEED_FILES]


# --- tests: document level ---------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEED_FILES, ids=SEED_IDS)
def test_text_is_the_file(seed: str) -> None:
    """Offsets are into the file text unchanged (the seeds are LF-only UTF-8 without BOM)."""
    report = read(seed)
    assert report.text == (SEEDS / seed).read_bytes().decode("utf-8")


@pytest.mark.parametrize("seed", SEED_FILES, ids=SEED_IDS)
def test_metadata(seed: str) -> None:
    report, e = read(seed), EXPECT[seed]
    assert report.title == e.title
    assert report.title_span is not None
    assert report.text[report.title_span.start:report.title_span.end] == e.title
    assert report.position(report.title_span.start) == (e.title_line, 1)
    assert report.organization == e.organization
    assert report.title_organization == e.title_organization
    assert report.year == e.year
    assert report.signoff_date == e.signoff_date
    if e.signoff_organization is not None:
        assert report.signoff_organization == e.signoff_organization
    assert report.format_version.value == "2021"


def test_signoff_position_001() -> None:
    """兴县圪塔上乡人民政府 (line 98) above 2021年12月30日 (line 100)."""
    report = read(S001)
    span = report.signoff_span
    assert span is not None
    assert report.position(span.start)[0] in (98, 100)
    assert report.position(span.end - 1) == (100, len("2021年12月30日"))
    assert report.text[span.start:span.end].endswith("2021年12月30日")


@pytest.mark.parametrize("seed", SEED_FILES, ids=SEED_IDS)
def test_sections(seed: str) -> None:
    report, e = read(seed), EXPECT[seed]
    got = [
        (s.number, s.kind.value if s.kind else None, report.position(s.heading_span.start)[0], s.heading)
        for s in report.sections
    ]
    assert got == list(e.sections)
    for s in report.sections:
        assert report.position(s.heading_span.start)[1] == 1  # every heading starts its line
        assert s.span.start == s.heading_span.start
    # sections tile the text from the first heading to the end
    for a, b in itertools.pairwise(report.sections):
        assert a.span.end == b.span.start
    assert report.sections[-1].span.end == len(report.text)


# --- tests: table shape ------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEED_FILES, ids=SEED_IDS)
def test_table_shapes(seed: str) -> None:
    report = read(seed)
    assert sorted(report.tables) == [2, 3, 4]
    t2, t3, t4 = report.tables[2], report.tables[3], report.tables[4]
    assert t2.layout == "2021"
    assert t3.layout == "2021"
    assert t3.variants == frozenset()  # 7 columns, no 小计
    assert set(t2.cells) == T2_IDS and len(t2.cells) == 10
    assert set(t3.cells) == T3_IDS and len(t3.cells) == 175
    assert set(t4.cells) == T4_IDS and len(t4.cells) == 15
    for cell_id, cell in {**t2.cells, **t3.cells, **t4.cells}.items():
        assert cell.id == cell_id


@pytest.mark.parametrize("seed", SEED_FILES, ids=SEED_IDS)
@pytest.mark.parametrize("table", (2, 3, 4))
def test_no_unplaced_cells(seed: str, table: int) -> None:
    t = read(seed).tables[table]
    assert [(u.raw, u.reason) for u in t.unplaced] == []


# --- tests: every cell -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("seed", "table", "row"), row_params())
def test_row_values(seed: str, table: int, row: str) -> None:
    report = read(seed)
    exp = row_expect(seed, table, row)
    cols = columns_of(table, row)
    assert len(exp.values) == len(cols)
    mismatches = []
    for col, value in zip(cols, exp.values, strict=True):
        cell = report.tables[table].cells[f"t{table}.{row}.{col}"]
        got = (cell.raw, cell.value, cell.semantic.value)
        want = ("" if value is None else str(value), value, expected_semantic(value))
        if got != want or (value is not None and isinstance(cell.value, bool)):
            mismatches.append((cell.id, "want", want, "got", got))
    assert mismatches == []


@pytest.mark.parametrize(("seed", "table", "row"), row_params())
def test_row_provenance(seed: str, table: int, row: str) -> None:
    """Printed cells point exactly at their field in the file; blank cells (if located) at an empty span on
    their row line."""
    report = read(seed)
    exp = row_expect(seed, table, row)
    mismatches = []
    for i, (col, value) in enumerate(zip(columns_of(table, row), exp.values, strict=True)):
        cell = report.tables[table].cells[f"t{table}.{row}.{col}"]
        span = cell.provenance.span
        if value is None:
            if span is not None:
                line = report.position(span.start)[0]
                if line not in exp.lines:
                    mismatches.append((cell.id, "blank cell on line", line, "want one of", exp.lines))
                if report.text[span.start:span.end] != cell.raw:
                    mismatches.append((cell.id, "blank cell span text", report.text[span.start:span.end]))
            continue
        if span is None:
            mismatches.append((cell.id, "no span"))
            continue
        assert exp.first_field is not None and len(exp.lines) == 1
        start, end, text = field_span(seed, exp.lines[0], exp.first_field + i)
        assert text == str(value), f"test data out of step with the file: {cell.id} {text!r}"
        if report.text[span.start:span.end] != cell.raw:
            mismatches.append((cell.id, "span text", report.text[span.start:span.end], "raw", cell.raw))
        if (span.start, span.end) != (start, end):
            mismatches.append((cell.id, "span", (report.position(span.start), span.end - span.start),
                               "want", (report.position(start), end - start)))
    assert mismatches == []


# --- a few hand-picked locations, spelled out --------------------------------------------------------------

@pytest.mark.parametrize(("seed", "cell_id", "raw", "line", "column"), [
    (S000, "t2.rules.issued", "0", 27, 4),                 # "规章\t0…": 规章 is 2 chars + tab
    (S000, "t3.new.natural", "0", 45, len("一、本年新收政府信息公开申请数量") + 3),
    (S000, "t3.result.total.total", "0", 68, len("(七) 总计") + 2 + 13),
    (S000, "t4.litigation_after_review.total", "0", 76, 29),
    (S001, "t2.normative.issued", "15", 26, len("行政规范性文件") + 2),
    (S001, "t2.normative.in_force", "15", 26, len("行政规范性文件") + 7),
    (S001, "t2.fee.amount", "0", 39, 1),                  # label on line 37, value alone on line 39
    (S001, "t3.carried_over.total", "0", 47, len("二、上年结转政府信息公开申请数量") + 3 + 12),
    (S001, "t4.review.maintain", "0", 80, 1),
    (S002, "t2.normative.repealed", "1", 30, len("行政规范性文件") + 4),
    (S002, "t3.result.withheld.state_secret.natural", "0", 51,
     len("\t(三) 不予公开\t1. 属于国家秘密\t") + 1),
    (S002, "t3.carried_forward.other", "0", 71, len("四、结转下年度继续办理") + 3 + 10),
    (S002, "t4.litigation_direct.correct", "0", 78, 13),
], ids=lambda v: v if isinstance(v, str) and v.startswith("t") else None)
def test_specific_cell_positions(seed: str, cell_id: str, raw: str, line: int, column: int) -> None:
    report = read(seed)
    cell = report.cell(cell_id)
    assert cell is not None
    assert cell.raw == raw
    span = cell.provenance.span
    assert span is not None
    assert report.text[span.start:span.end] == raw
    assert report.position(span.start) == (line, column)


def test_blank_rows_001_are_missing_not_zero() -> None:
    """Seed 001 prints zeros in rows 一/二 only; the rest of table 3 is blank and must not read as 0."""
    t3 = read(S001).tables[3]
    blank = [c for c in t3.cells.values() if c.semantic.value == "empty"]
    zero = [c for c in t3.cells.values() if c.semantic.value == "zero"]
    assert len(zero) == 14 and {c.id.split(".")[1] for c in zero} == {"new", "carried_over"}
    assert len(blank) == 175 - 14
    assert all(c.value is None and c.raw == "" and c.is_blank for c in blank)
