"""HTML reader: a real published page, broken input, and equivalence with the text reader.

Expectations for the 沭阳县发展和改革局 page were written by reading the HTML file itself; where a test needs
the position of a ``<td>`` in the source it finds it with a regular expression over the source line, never
through the reader, so a reader that put a value in the wrong cell or pointed at the wrong cell fails.
"""

from __future__ import annotations

import codecs
import os
import random
import re
import time
from pathlib import Path

import pytest

from xxgk_lint.core.model import Report, Semantic, SourceMap
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.runner import lint_paths
from xxgk_lint.plugins.readers import html as html_reader
from xxgk_lint.plugins.readers.html import HtmlReader, render

DATA = Path(__file__).resolve().parent / "data"
COMPLIANT_TXT = DATA / "compliant-2021.txt"
COMPLIANT_HTML = DATA / "formats" / "compliant-2021.html"
SHUYANG = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shuyang-fagaiju-2023.html"

needs_shuyang = pytest.mark.skipif(not SHUYANG.is_file() and not os.environ.get("CI"),
                                   reason=f"{SHUYANG} not found (../shared beside the checkout)")


def read(data: bytes, name: str = "page.html") -> Report:
    return HtmlReader().read(Path(name), data)


@pytest.fixture(scope="session")
def html_host():
    from xxgk_lint.core.plugins import load_plugins

    host = load_plugins()  # the html-reader entry point
    assert not host.errors
    assert isinstance(host.reader_for_extension(".html"), html_reader.HtmlReader)
    return host


@pytest.fixture(scope="session")
def html_national(html_host):
    from xxgk_lint.core.ruleset import resolve_ruleset

    known = {code: rule for code, (_, rule) in html_host.rules.items()}
    return resolve_ruleset("national", {p.stem: p for _, p in html_host.rulesets}, known)


def lint_one(path: Path, host, ruleset):
    result = lint_paths([path], host, ruleset)
    assert not result.errors, result.errors
    (file_result,) = result.files
    return file_result


# --- 沭阳县发展和改革局 2023 (shared/corpus/shuyang-fagaiju-2023.html) ----------------------------------------

# Source lines of the page (1-based): the metadata table is line 9, the <h1> line 10, the three report
# tables lines 26 (表二), 28 (表三) and 30 (表四); each table is written on one line.
T2_LINE, T3_LINE, T4_LINE = 26, 28, 30

# Read off line 26: label cell, then the values (行政许可 … 行政事业性收费 have one value cell, colspan=3).
SHUYANG_T2 = {
    "规章": ("rules", ("issued", "repealed", "in_force"), ("0", "0", "0")),
    "规范性文件": ("normative", ("issued", "repealed", "in_force"), ("8", "0", "18")),
    "行政许可": ("license", ("decisions",), ("0",)),
    "行政处罚": ("penalty", ("decisions",), ("0",)),
    "行政强制": ("enforcement", ("decisions",), ("0",)),
    "行政事业性收费": ("fee", ("amount",), ("0",)),
}

T3_COLS = ("natural", "commercial", "research", "social", "legal", "other", "total")
T3_ROWS = (
    "new", "carried_over", "result.disclosed", "result.partial",
    "result.withheld.state_secret", "result.withheld.prohibited_by_law", "result.withheld.three_safety",
    "result.withheld.third_party", "result.withheld.internal_affairs", "result.withheld.process_info",
    "result.withheld.enforcement_file", "result.withheld.inquiry",
    "result.unavailable.not_held", "result.unavailable.needs_creation", "result.unavailable.unclear",
    "result.not_processed.petition", "result.not_processed.repeat", "result.not_processed.publication",
    "result.not_processed.mass_repeat", "result.not_processed.confirm",
    "result.other.no_correction", "result.other.unpaid_fee", "result.other.other",
    "result.total", "carried_forward",
)
# Read off line 28: 自然人 and 总计 are filled in every row, the five 法人或其他组织 columns are &nbsp;.
_B = ""  # a blank cell (&nbsp;)
SHUYANG_T3 = {
    "new": ("26", _B, _B, _B, _B, _B, "26"),
    "carried_over": ("0", _B, _B, _B, _B, _B, "0"),
    "result.disclosed": ("26", _B, _B, _B, _B, _B, "26"),
    **{row: ("0", _B, _B, _B, _B, _B, "0") for row in T3_ROWS[3:23]},
    "result.total": ("26", _B, _B, _B, _B, _B, "26"),
    "carried_forward": ("0", _B, _B, _B, _B, _B, "0"),
}
T4_IDS = tuple(f"t4.{block}.{col}" for block in ("review", "litigation_direct", "litigation_after_review")
               for col in ("maintain", "correct", "other", "pending", "total"))
# Read off line 30, last row: 行政复议 0 0 0 1 1, 未经复议直接起诉 0 0 0 0 0, 复议后起诉 0 0 0 0 0.
SHUYANG_T4 = ("0", "0", "0", "1", "1") + ("0",) * 10


def source_lines() -> list[str]:
    return SHUYANG.read_text(encoding="utf-8").split("\n")


def rows_of(line: str) -> list[list[re.Match[str]]]:
    """The <td> matches of every <tr> on a source line (the tables of this page have no nested markup)."""
    rows = []
    for tr in re.finditer(r"<tr>(.*?)</tr>", line):
        rows.append([td for td in re.finditer(r"<td[^>]*>(.*?)</td>", line) if tr.start() <= td.start() < tr.end()])
    return rows


def expected_anchor(td: re.Match[str]) -> tuple[str, int]:
    """(content as printed, 1-based column a finding on this cell should show): the text, or the <td> if blank."""
    content = td.group(1)
    if content == "&nbsp;":
        return "", td.start() + 1
    return content, td.start(1) + 1


def expected_cells() -> dict[str, tuple[int, str, int]]:
    """Canonical id → (source line, printed content, column), located in the source independently."""
    lines = source_lines()
    out: dict[str, tuple[int, str, int]] = {}
    for tds in rows_of(lines[T2_LINE - 1]):
        label = tds[0].group(1)
        if label in SHUYANG_T2:
            row, cols, _ = SHUYANG_T2[label]
            for col, td in zip(cols, tds[1:], strict=True):
                out[f"t2.{row}.{col}"] = (T2_LINE, *expected_anchor(td))
    data_rows = rows_of(lines[T3_LINE - 1])[3:]  # three header rows
    assert len(data_rows) == len(T3_ROWS)
    for row, tds in zip(T3_ROWS, data_rows, strict=True):
        for col, td in zip(T3_COLS, tds[-7:], strict=True):
            out[f"t3.{row}.{col}"] = (T3_LINE, *expected_anchor(td))
    for cid, td in zip(T4_IDS, rows_of(lines[T4_LINE - 1])[-1], strict=True):
        out[cid] = (T4_LINE, *expected_anchor(td))
    return out


@pytest.fixture(scope="module")
def shuyang() -> Report:
    if not SHUYANG.is_file():
        pytest.fail(f"{SHUYANG} is missing")
    return read(SHUYANG.read_bytes(), SHUYANG.name)


@needs_shuyang
def test_shuyang_every_table_cell_has_the_printed_value(shuyang):
    got = {cid: cell for t in shuyang.tables.values() for cid, cell in t.cells.items()}
    expected: dict[str, str] = {}
    for row, cols, values in SHUYANG_T2.values():
        expected.update({f"t2.{row}.{c}": v for c, v in zip(cols, values, strict=True)})
    for row, values in SHUYANG_T3.items():
        expected.update({f"t3.{row}.{c}": v for c, v in zip(T3_COLS, values, strict=True)})
    expected.update(zip(T4_IDS, SHUYANG_T4, strict=True))
    assert len(expected) == 10 + 175 + 15
    assert sorted(got) == sorted(expected)
    for cid, raw in expected.items():
        cell = got[cid]
        assert cell.raw == raw, cid
        if raw:
            assert cell.value == int(raw), cid
            assert cell.semantic is (Semantic.ZERO if raw == "0" else Semantic.NUMBER), cid
        else:  # a blank stays blank: never 0
            assert (cell.value, cell.semantic) == (None, Semantic.EMPTY), cid
    assert all(not t.unplaced for t in shuyang.tables.values())
    assert (shuyang.tables[2].layout, shuyang.tables[3].layout) == ("2021", "2021")
    assert shuyang.tables[3].variants == frozenset()


@needs_shuyang
def test_shuyang_cells_point_at_their_td_in_the_html(shuyang):
    expected = expected_cells()
    assert len(expected) == 200
    for cid, (line, content, column) in expected.items():
        cell = shuyang.cell(cid)
        assert cell is not None and cell.provenance.span is not None, cid
        assert cell.raw == content, cid  # the reader's cell and the <td> found in the source agree
        anchor = shuyang.source_map.at(cell.provenance.span.start)
        assert (anchor.line, anchor.column) == (line, column), cid


@needs_shuyang
def test_shuyang_structure_and_metadata(shuyang):
    assert [(s.number, s.kind.value) for s in shuyang.sections] == [
        ("一", "overview"), ("二", "proactive"), ("三", "requests"),
        ("四", "review-litigation"), ("五", "problems"), ("六", "other"),
    ]
    assert shuyang.sections[4].heading == "五、存在的主要问题及整改措施"
    assert shuyang.title == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert shuyang.title_organization == "沭阳县发展和改革局"
    assert shuyang.organization == "沭阳县发展和改革局"
    assert shuyang.signoff_organization == "沭阳县发展和改革局"
    assert shuyang.year == 2023
    assert shuyang.publication_date == "2024-01-17"  # 公开日期 of the metadata table
    assert shuyang.signoff_date == "2024-01-17"
    assert shuyang.format_version.value == "2021"
    assert shuyang.input_format == "html"
    # The metadata table is page furniture, not part of the report text.
    assert "索引号" not in shuyang.text and "014314799/2024-00002" not in shuyang.text
    assert "source page" not in shuyang.text  # HTML comment
    # The title line maps back to the <h1> on line 10.
    anchor = shuyang.source_map.at(shuyang.title_span.start)
    assert (anchor.line, anchor.column) == (10, len("<h1>") + 1)


@needs_shuyang
def test_shuyang_rows_render_one_line_per_row_each_cell_once(shuyang):
    """Tab-separated like the seeds, but a merged cell adds no padding fields (the seeds' Word exports do):
    core.tables aligns values by count, so padding left by a merged label could shift the values."""
    lines = shuyang.text.split("\n")
    assert "行政许可\t0" in lines
    assert "三、本年度办理结果\t（一）予以公开\t26\t\t\t\t\t\t26" in lines
    assert "（三）不予公开\t1.属于国家秘密\t0\t\t\t\t\t\t0" in lines
    assert "2.其他法律行政法规禁止公开\t0\t\t\t\t\t\t0" in lines  # rowspan labels appear once
    assert sum("三、本年度办理结果" in line for line in lines) == 1
    assert "0\t0\t0\t1\t1" + "\t0" * 10 in lines


@needs_shuyang
def test_a_blank_total_does_not_shift_the_row(shuyang):
    """Padding fields for the label's colspan would let core.tables move 二's 自然人 0 into 商业企业."""
    row = ('<td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td>' + "<td>&nbsp;</td>" * 5)
    source = SHUYANG.read_text(encoding="utf-8")
    assert source.count(row + "<td>0</td>") == 1
    report = read(source.replace(row + "<td>0</td>", row + "<td>&nbsp;</td>").encode())
    got = {c: report.cell(f"t3.carried_over.{c}").raw for c in T3_COLS}
    assert got == {"natural": "0", "commercial": "", "research": "", "social": "", "legal": "", "other": "",
                   "total": ""}


@needs_shuyang
def test_shuyang_lint_findings_point_into_the_html(html_host, html_national):
    result = lint_one(SHUYANG, html_host, html_national)
    assert result.format == "html" and not result.errors
    line28 = source_lines()[T3_LINE - 1]
    blanks = [m.start() + 1 for m in re.finditer(r"<td>&nbsp;</td>", line28)]
    assert len(blanks) == 125
    (finding,) = result.findings
    assert finding.rule == "B101"
    assert finding.cells == tuple(f"t3.{row}.{col}" for row in T3_ROWS for col in T3_COLS[1:6])
    assert (finding.line, finding.column) == (T3_LINE, blanks[0])
    assert finding.end_line == T3_LINE
    assert finding.section == "三"


@needs_shuyang
def test_shuyang_blank_cells_finding_ends_at_the_last_blank_td(html_host, html_national):
    (finding,) = lint_one(SHUYANG, html_host, html_national).findings
    blanks = [m.start() + 1 for m in re.finditer(r"<td>&nbsp;</td>", source_lines()[T3_LINE - 1])]
    assert (finding.end_line, finding.end_column) == (T3_LINE, blanks[-1])


@needs_shuyang
def test_arithmetic_and_structure_findings_point_into_the_html(tmp_path, html_host, html_national):
    source = SHUYANG.read_text(encoding="utf-8")
    # 一、本年新收 自然人 26 → 27 breaks 一 + 二 = 三（七）+ 四 in the 自然人 column; and a second
    # "一、总体情况" heading is inserted before 六, wrapped onto the line after its <p>.
    edited = source.replace("<td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>26</td>",
                            "<td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>27</td>", 1)
    edited = edited.replace("<p>六、其他需要报告的事项</p>",
                            "<p>\n  一、总体情况</p>\n<p>六、其他需要报告的事项</p>", 1)
    assert edited.count("<td>27</td>") == 1 and edited != source
    page = tmp_path / "edited.html"
    page.write_text(edited, encoding="utf-8")
    result = lint_one(page, html_host, html_national)
    by_rule = {f.rule: f for f in result.findings}
    assert sorted(by_rule) == ["A301", "B101", "S101"]

    a301 = by_rule["A301"]
    assert a301.cells[0] == "t3.new.natural"
    assert "自然人" in a301.message
    # The finding sits on the （七）总计 自然人 cell: the first value <td> of the 总计 row on line 28.
    lines = edited.split("\n")
    total_row = next(tds for tds in rows_of(lines[T3_LINE - 1]) if tds[0].group(1) == "（七）总计")
    assert (a301.line, a301.column) == (T3_LINE, total_row[1].start(1) + 1)

    s101 = by_rule["S101"]
    heading_line = lines.index("  一、总体情况</p>") + 1
    assert (s101.line, s101.column) == (heading_line, 3)


# --- rendering details --------------------------------------------------------------------------------------

def test_wrapped_text_keeps_lines_and_drops_breaks_between_chinese_characters():
    page = render("<p>沭阳县发展和改\n    革局 2023\n  年</p>")
    assert page.text == "沭阳县发展和改革局 2023 年\n"
    smap = SourceMap(page.anchors)
    assert (smap.at(page.text.index("革")).line, smap.at(page.text.index("革")).column) == (2, 5)
    assert (smap.at(page.text.index("年")).line, smap.at(page.text.index("年")).column) == (3, 3)


def test_blank_cells_stay_blank_and_spans_add_no_fields():
    page = render("<table>"
                  "<tr><td rowspan=2>甲</td><td colspan=2>乙</td><td>&nbsp;</td><td> </td><td></td></tr>"
                  "<tr><td>1</td><td>&#160;</td><td>2</td><td>-</td><td>0</td></tr>"
                  "<tr><td>&nbsp;</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr>"
                  "</table>")
    # Values start in grid column 1, so the blank in column 0 of the last row is a missing label, not a value.
    assert page.text == "甲\t乙\t\t\t\n1\t\t2\t-\t0\n3\t4\t5\t6\t7\n"


def test_cell_paragraphs_and_breaks_join_into_one_field():
    page = render("<table><tr><td>结果<br>维持</td><td><p>4.无正当理由大量反</p><p>复申请</p></td>"
                  "<td><p>3</p></td></tr></table>")
    assert page.text == "结果 维持\t4.无正当理由大量反 复申请\t3\n"


def test_layout_table_around_the_report_is_not_a_grid():
    inner = "<table><tr><td>行政许可</td><td>5</td></tr></table>"
    page = render(f"<table><tr><td>栏目导航</td><td><p>二、主动公开政府信息情况</p>{inner}</td></tr></table>")
    assert page.text == "栏目导航\n二、主动公开政府信息情况\n行政许可\t5\n"


def test_metadata_pairs_in_one_cell_and_title_fallback():
    page = render("<html><head><title>某某局2023年政府信息公开工作年度报告_某某县人民政府</title></head><body>"
                  "<table><tr><td>发布日期：2024年1月9日</td><td>发文机关：某某局</td></tr></table>"
                  "<p>一、总体情况</p></body></html>")
    assert page.metadata == {"published": "2024-01-09", "organization": "某某局",
                             "title": "某某局2023年政府信息公开工作年度报告"}
    assert page.text == "一、总体情况\n"
    report = read(("<title>某某局2023年政府信息公开工作年度报告_某某县人民政府</title>"
                   "<p>一、总体情况</p><p>本局全年公开信息 10 条。</p>").encode())
    assert report.title == "某某局2023年政府信息公开工作年度报告" and report.year == 2023


def test_claims_pages_by_their_first_bytes():
    reader = HtmlReader()
    assert reader.claims(Path("a.asp"), codecs.BOM_UTF8 + b"\r\n  <!DOCTYPE HTML PUBLIC \"-//W3C//DTD\">")
    assert reader.claims(Path("a"), b"<html lang=zh-CN><body>")
    assert reader.claims(Path("a.jsp"), "<!doctype html>".encode("utf-16"))
    assert not reader.claims(Path("a.txt"), "一、总体情况".encode())
    assert not reader.claims(Path("a.txt"), b"<htmlx>")


# --- broken and unusual input ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "code", "says"),
    [
        (b"", "empty", "为空"),
        (b" \r\n\t \n", "empty", "为空"),
        (codecs.BOM_UTF8, "empty", "空白"),
        ("<html><head><script>var a = '一、总体情况';</script><style>p{}</style></head>"
         "<body><nav>首页</nav><!-- 一、总体情况 --></body></html>".encode(), "empty", "没有正文"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", "Word"),
        (bytes(random.Random(20261123).randbytes(4096)), "binary", "网页"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 200, "binary", "控制字符"),
        (b"<html><meta charset=utf-8><p>\xe6\x94\xbf\xff\xfe\x80\x80</p>", "encoding", "UTF-8"),
        (codecs.BOM_UTF16_LE + b"<\x00h\x00\x00\xd8", "encoding", "utf-16"),
    ],
    ids=["empty", "whitespace", "bom-only", "only-chrome", "pdf", "docx", "random-bytes", "control-chars",
         "undecodable", "broken-utf16"],
)
def test_unreadable_input_raises_read_error_in_chinese(data, code, says):
    with pytest.raises(ReadError) as info:
        read(data)
    assert info.value.code == code
    assert says in info.value.message
    assert re.search(r"[\u4e00-\u9fff]", info.value.message)


@needs_shuyang
def test_truncated_mid_table_reads_what_is_there():
    data = SHUYANG.read_bytes()
    head = "4.保护第三方合法权益</td><td>0</td><td>&nb".encode()
    cut = data.index(head) + len(head)
    report = read(data[:cut])
    assert [s.number for s in report.sections] == ["一", "二", "三"]
    assert len(report.tables[2].cells) == 10
    t3 = report.tables[3]
    complete = {f"t3.{row}.{col}" for row in T3_ROWS[:7] for col in T3_COLS}
    assert set(t3.cells) == complete  # rows 一 … （三）3 are whole
    assert [u.raw for u in t3.unplaced] == ["0"]  # the cut row's value is reported, not guessed into a column
    assert 4 not in report.tables


@pytest.mark.parametrize("tail", ["<td cla", "<!-- <p>注释</p>", "<script>var a = '<p>脚本</p>'"],
                         ids=["inside-tag", "inside-comment", "inside-script"])
def test_truncated_inside_markup_leaks_no_markup(tail):
    report = read(f"<p>一、总体情况</p><table><tr><td>行政许可</td><td>3</td>{tail}".encode())
    assert report.text == "一、总体情况\n行政许可\t3\n"


def test_page_without_tables_is_still_a_report(tmp_path, html_host, html_national):
    body = "".join(f"<p>{n}、{h}</p><p>本部分内容。</p>" for n, h in [
        ("一", "总体情况"), ("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请情况"),
        ("四", "政府信息公开行政复议、行政诉讼情况"), ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")])
    page = tmp_path / "no-tables.html"
    title = "<h1>某镇人民政府2023年政府信息公开工作年度报告</h1>"
    page.write_text(f"<!doctype html><html><body>{title}{body}</body></html>", encoding="utf-8")
    result = lint_one(page, html_host, html_national)
    assert not result.errors and result.report is not None
    assert result.report.tables == {}
    assert len(result.report.sections) == 6 and result.report.year == 2023


@needs_shuyang
@pytest.mark.parametrize(
    "declaration",
    ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'],
    ids=["meta-charset-gb2312", "http-equiv-gbk"],
)
def test_gbk_page_reads_like_the_utf8_page(declaration, shuyang):
    source = SHUYANG.read_text(encoding="utf-8").replace('<meta charset="utf-8" />', declaration)
    # 镕 is GBK but not GB2312: pages labelled gb2312 carry such characters, so gb2312 is read as GB18030.
    source = source.replace("<p>沭阳县发展和改革局</p>", "<p>沭阳县发展和改革局（联系人：朱镕）</p>")
    report = read(source.encode("gbk"))
    assert "朱镕" in report.text
    assert report.title == shuyang.title and report.publication_date == "2024-01-17"
    assert {k: (c.raw, c.semantic) for t in report.tables.values() for k, c in t.cells.items()} == {
        k: (c.raw, c.semantic) for t in shuyang.tables.values() for k, c in t.cells.items()}


def test_latin1_declaration_does_not_turn_chinese_into_mojibake():
    report = read('<meta charset="iso-8859-1"><p>一、总体情况</p>'.encode())
    assert report.text == "一、总体情况\n"


@needs_shuyang
def test_site_chrome_around_the_report_is_dropped(shuyang):
    source = SHUYANG.read_text(encoding="utf-8")
    head_extra = ("<style>p { color: red } /* 一、总体情况 */</style>"
                  "<script>var s = '<table><tr><td>二、主动公开</td><td>99</td></tr></table>';</script>")
    chrome_top = ("<header><h1>沭阳县人民政府</h1><nav><ul><li><a href='/'>首页</a></li><li>政务公开</li></ul></nav>"
                  "</header><form action='/search'><label>站内搜索</label><input name=q>"
                  "<select><option>全部栏目</option></select><button>搜索</button></form>"
                  "<noscript>请启用脚本</noscript><iframe src='x'>内嵌页面</iframe><!-- 二、主动公开政府信息情况 -->")
    chrome_bottom = ("<footer>版权所有：沭阳县人民政府 三、收到和处理政府信息公开申请情况</footer>"
                     "<script>document.write('<p>四、政府信息公开行政复议、行政诉讼情况</p>')</script>")
    page = (source.replace("</head>", head_extra + "</head>", 1)
            .replace("<body>", "<body>" + chrome_top, 1).replace("</body>", chrome_bottom + "</body>", 1))
    report = read(page.encode())
    for chrome in ("沭阳县人民政府\n", "首页", "政务公开", "站内搜索", "全部栏目", "搜索", "请启用脚本", "内嵌页面",
                   "版权所有", "color", "var s", "99", "document.write"):
        assert chrome not in report.text, chrome
    assert report.text == shuyang.text
    assert report.title == shuyang.title


@needs_shuyang
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<form method='post' action='./view.aspx' id='form1'><input type='hidden' name='__VIEWSTATE'>", "</form>"),
        ("<table width='1000'><tr><td class='left'>栏目导航</td><td class='main'>", "</td></tr></table>"),
    ],
    ids=["aspnet-form-around-page", "layout-table-around-page"],
)
def test_page_wrappers_keep_the_report(before, after, shuyang):
    source = SHUYANG.read_text(encoding="utf-8")
    report = read(source.replace("<body>", "<body>" + before, 1).replace("</body>", after + "</body>", 1).encode())
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert {k: c.raw for t in report.tables.values() for k, c in t.cells.items()} == {
        k: c.raw for t in shuyang.tables.values() for k, c in t.cells.items()}


def test_huge_whitespace_is_collapsed_quickly():
    page = ("<html><body>" + " \n\t" * 1_000_000 + "<p>一、总体情况</p>" + "<br>\n" * 50_000
            + "<p>二、主动" + "&nbsp;" * 10_000 + "公开政府信息情况</p></body></html>")
    started = time.perf_counter()
    report = read(page.encode())
    assert time.perf_counter() - started < 10
    assert report.text == "一、总体情况\n二、主动 公开政府信息情况\n"
    many_lines = "<p>一、总体情况</p><p>" + "政务公开\n" * 100_000 + "</p>"  # one text node, 100 000 source lines
    started = time.perf_counter()
    report = read(many_lines.encode())
    assert time.perf_counter() - started < 10
    last = report.source_map.at(len(report.text) - 2)
    assert (last.line, last.column) == (100_000, 1)


def test_deeply_nested_tables_are_read():
    depth = 5000
    report = read(("<table><tr><td>" * depth + "一、总体情况" + "</td></tr></table>" * depth).encode())
    assert report.text == "一、总体情况\n"


def test_unreadable_files_become_file_errors_in_a_run(tmp_path, html_host, html_national):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(random.Random(1).randbytes(2048))
    (tmp_path / "ok.htm").write_text("<p>一、总体情况</p>", encoding="utf-8")
    result = lint_paths([tmp_path], html_host, html_national)
    assert not result.errors
    by_name = {Path(f.path).name: f for f in result.files}
    assert [e.code for e in by_name["empty.html"].errors] == ["empty"]
    assert [e.code for e in by_name["binary.html"].errors] == ["binary"]
    assert by_name["ok.htm"].report is not None and not by_name["ok.htm"].errors


# --- the same report as text and as a web page -------------------------------------------------------------

# Literal edits applied to both renderings: (text file old, new), (HTML fixture old, new).
EDITS = {
    "as-published": None,
    "blank-cell": (("一、本年新收政府信息公开申请数量\t\t12\t3\t", "一、本年新收政府信息公开申请数量\t\t12\t\t"),
                   ("申请数量</td><td>12</td><td>3</td>", "申请数量</td><td>12</td><td>&nbsp;</td>")),
    "unbalanced-total": (("(七) 总计\t\t13\t", "(七) 总计\t\t14\t"),
                         ("(七) 总计</td><td>13</td>", "(七) 总计</td><td>14</td>")),
    "blank-table2-value": (("行政许可\t2315\t\t", "行政许可\t\t\t"),
                           ('<td colspan="3">2315</td>', '<td colspan="3">&nbsp;</td>')),
    "na-table2-value": (("行政处罚\t418\t\t", "行政处罚\t/\t\t"),
                        ('<td colspan="3">418</td>', '<td colspan="3">/</td>')),
    "missing-section": (("五、存在的主要问题及改进情况\n", ""),
                        ("<p>五、存在的主要问题及改进情况</p>\n", "")),
}


def both_renderings(tmp_path: Path, edit) -> tuple[Path, Path]:
    text = COMPLIANT_TXT.read_text(encoding="utf-8")
    page = COMPLIANT_HTML.read_text(encoding="utf-8")
    if edit is not None:
        (t_old, t_new), (h_old, h_new) = edit
        assert text.count(t_old) == 1 and page.count(h_old) == 1
        text, page = text.replace(t_old, t_new), page.replace(h_old, h_new)
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    return tmp_path / "report.txt", tmp_path / "report.html"


def cells_of(report: Report) -> dict[str, tuple[object, ...]]:
    return {cid: (c.row, c.column, c.raw, c.value, c.semantic)
            for t in report.tables.values() for cid, c in t.cells.items()}


@pytest.mark.parametrize("edit", list(EDITS.values()), ids=list(EDITS))
def test_html_page_gives_the_text_reports_cells_and_findings(edit, tmp_path, html_host, html_national):
    txt_path, html_path = both_renderings(tmp_path, edit)
    as_text = lint_one(txt_path, html_host, html_national)
    as_html = lint_one(html_path, html_host, html_national)
    assert (as_text.format, as_html.format) == ("text", "html")
    t, h = as_text.report, as_html.report
    assert cells_of(h) == cells_of(t)
    if edit is None:
        assert len(cells_of(h)) == 10 + 175 + 15
    assert [(u.table, u.raw) for x in h.tables.values() for u in x.unplaced] == \
        [(u.table, u.raw) for x in t.tables.values() for u in x.unplaced]
    assert [(s.number, s.kind) for s in h.sections] == [(s.number, s.kind) for s in t.sections]
    assert (h.title, h.organization, h.year, h.signoff_date, h.format_version) == \
        (t.title, t.organization, t.year, t.signoff_date, t.format_version)
    assert h.publication_date == "2024-01-20" and t.publication_date is None  # only the page says
    assert [(f.rule, f.message, f.cells) for f in as_html.findings] == \
        [(f.rule, f.message, f.cells) for f in as_text.findings]
    if edit is not None:
        assert as_html.findings  # every edit is a defect some rule reports
    html_lines = COMPLIANT_HTML.read_text(encoding="utf-8").split("\n")
    for f in as_html.findings:  # and each located finding points at a line of the HTML that holds it
        if f.line is not None:
            assert "<td" in html_lines[f.line - 1] or "<p>" in html_lines[f.line - 1], f


def test_duplicate_section_message_is_the_same_for_html(tmp_path, html_host, html_national):
    edit = (("六、其他需要报告的事项\n", "一、总体情况\n\n六、其他需要报告的事项\n"),
            ("<p>六、其他需要报告的事项</p>", "<p>一、总体情况</p>\n<p>六、其他需要报告的事项</p>"))
    txt_path, html_path = both_renderings(tmp_path, edit)
    as_text = lint_one(txt_path, html_host, html_national)
    as_html = lint_one(html_path, html_host, html_national)
    assert [(f.rule, f.message) for f in as_html.findings] == [(f.rule, f.message) for f in as_text.findings]


# Pages rendered from the same text sources by tests/data/formats/make_fixtures.py (another author's markup of
# the national layout); present when the fixtures have been generated.
GENERATED = sorted((DATA / "formats").glob("*.gen.html"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def text_source(generated: Path) -> Path | None:
    name = generated.name.removesuffix(".gen.html")
    if name.startswith("seed-"):
        return next(iter(SEEDS.glob(f"{name.removeprefix('seed-')}_*.txt")), None)
    path = DATA / f"{name}.txt"
    return path if path.is_file() else None


def _unlined(message: str) -> str:
    """Line numbers cited inside messages differ between renderings; compare the rest of the message."""
    return re.sub(r"第 \d+ 行", "第 N 行", message)


@pytest.mark.skipif(not GENERATED, reason="no generated HTML fixtures in tests/data/formats")
@pytest.mark.parametrize("generated", GENERATED, ids=[p.name for p in GENERATED])
def test_generated_pages_give_the_text_reports_cells_and_findings(generated, html_host, html_national):
    source = text_source(generated)
    if source is None:
        pytest.skip(f"no text source for {generated.name}")
    as_text = lint_one(source, html_host, html_national)
    as_html = lint_one(generated, html_host, html_national)
    assert cells_of(as_html.report) == cells_of(as_text.report)
    assert [(f.rule, _unlined(f.message), f.cells) for f in as_html.findings] == \
        [(f.rule, _unlined(f.message), f.cells) for f in as_text.findings]
