"""PDF reader: the real 淮安市人民政府 2024 report cell by cell, unreadable inputs, and equivalence with text.

The expected values of the huaian tables were typed from the printed pages (rendered with ``pdftoppm -r 200``
and read by eye), never from the parser's output; so were the pages each row is printed on.  Positions are
checked independently too: where poppler's ``pdftotext -bbox`` is installed, each value's word must lie inside
the box the source map gives for its cell.  The small fixtures under tests/data/pdf/ are written by
tests/data/pdf/make_fixtures.py without pdfminer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from xxgk_lint.core.engine import lint_report
from xxgk_lint.core.model import Report, Semantic
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.readers.text import TextReader

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PDFS = DATA / "pdf"
FORMATS = DATA / "formats"
SEEDS = ROOT.parent / "shared" / "seeds"


def read_pdf(path: Path, data: bytes | None = None) -> Report:
    from xxgk_lint.plugins.readers.pdf import PdfReader

    return PdfReader().read(path, path.read_bytes() if data is None else data)


def read_text(path: Path) -> Report:
    return TextReader().read(path, path.read_bytes())


# --- the reader as a plugin ---------------------------------------------------------------------------------

def test_reader_contract():
    from xxgk_lint.plugins.readers import pdf

    (reader,) = pdf.xxgk_readers()
    assert (reader.name, reader.extensions) == ("pdf", (".pdf",))
    assert reader.claims(Path("report"), b"%PDF-1.7\n%\xe2\xe3")
    assert not reader.claims(Path("report.pdf"), b"<html>")


def test_importing_the_reader_does_not_import_pdfminer():
    code = ("import sys, xxgk_lint.plugins.readers.pdf as p; p.xxgk_readers();"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pdfminer'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# --- lines, cells and page furniture from glyph boxes --------------------------------------------------------

def _glyphs(text: str, x: float, y: float, size: float = 10.0, gap: float = 0.0):
    """Glyphs of ``text`` on one baseline: ideographs 1 em wide, ASCII ½ em, ``gap`` points between glyphs."""
    from xxgk_lint.plugins.readers.pdf.geometry import make_glyph

    out = []
    for ch in text:
        width = size * (0.5 if ch.isascii() else 1.0)
        if ch != " ":
            out.append(make_glyph(ch, x, y, x + width, y + size, size))
        x += width + gap
    return out


def _line(text: str, x: float = 70.0, y: float = 400.0, page: int = 1, size: float = 10.0, gap: float = 0.0):
    from xxgk_lint.plugins.readers.pdf.lines import make_line

    return make_line(_glyphs(text, x, y, size, gap), page)


def test_lines_space_latin_words_but_never_cjk():
    from xxgk_lint.plugins.readers.pdf.lines import group_lines

    # A digit set in a Latin font sits a little apart from the ideographs: no space is synthesised there.
    assert _line("统计期限自2024年1月1日", gap=1.5).text == "统计期限自2024年1月1日"
    assert _line("hazwgkc@163.com").text == "hazwgkc@163.com"
    assert _line("Annual report", gap=0.2).text == "Annual report"
    wide = _line("规章" + " " * 8 + "0" + " " * 8 + "11")
    assert [run[0] for run in wide.runs] == ["规章", "0", "11"]
    assert wide.text == "规章 0 11"
    two = group_lines(_glyphs("第一行", 70, 500) + _glyphs("第二行", 70, 480), page=1)
    assert [line.text for line in two] == ["第一行", "第二行"]


def test_cell_lines_join_vertical_labels_wrapped_headers_and_words():
    from xxgk_lint.plugins.readers.pdf.celltext import cell_text, join_lines

    vertical = [g for k, ch in enumerate(["三、", "本", "年", "度", "办", "理", "结", "果"])
                for g in _glyphs(ch, 80, 600 - 20 * k)]
    assert cell_text(vertical, page=1) == "三、本年度办理结果"
    assert join_lines(["商业企", "业"]) == "商业企业"
    assert join_lines(["（三）不", "予公开"]) == "（三）不予公开"
    assert join_lines(["Information", "disclosure"]) == "Information disclosure"
    assert join_lines(["3001", "34"]) == "3001 34"  # never glued into a number nobody printed


@pytest.mark.parametrize("number", ["-3-", "- 3 -", "— 4 —", "第3页", "第 3 页 共 6 页", "3/6", "3", "Page 3 of 6"])
def test_page_numbers_in_the_margin_are_dropped(number):
    from xxgk_lint.plugins.readers.pdf.furniture import drop_furniture

    box = (0.0, 0.0, 595.0, 842.0)
    body = _line("正文第一行", y=400)
    footer = _line(number, x=290, y=30, gap=0.5)
    in_body = _line(number, x=290, y=420, gap=0.5)  # the same text in the body is text
    assert drop_furniture([(box, [in_body, body, footer])]) == [[in_body, body]]


def test_running_headers_are_dropped_when_they_repeat():
    from xxgk_lint.plugins.readers.pdf.furniture import drop_furniture

    box = (0.0, 0.0, 595.0, 842.0)
    pages = [(box, [_line("淮安市人民政府信息公开年报", y=800, page=n), _line(f"正文{n}", y=400, page=n)])
             for n in (1, 2, 3)]
    assert [[line.text for line in page] for page in drop_furniture(pages)] == [["正文1"], ["正文2"], ["正文3"]]
    once = [(box, [_line("只在首页出现的标题", y=800)]), (box, [_line("正文", y=400, page=2)])]
    assert drop_furniture(once)[0][0].text == "只在首页出现的标题"


def test_borderless_rows_keep_blank_cells_in_their_columns():
    from xxgk_lint.plugins.readers.pdf.borderless import borderless_tables
    from xxgk_lint.plugins.readers.pdf.lines import make_line
    from xxgk_lint.plugins.readers.pdf.render import table_rows

    rows = [("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "1", "", "11"),
            ("行政规范性文件", "8", "26", "66")]
    lines = [make_line([g for col, text in enumerate(row) for g in _glyphs(text, 70 + 110 * col, 600 - 20 * k)], 1)
             for k, row in enumerate(rows)]
    (table,), used = borderless_tables(lines)
    assert used == {0, 1, 2}
    assert [[cell.text if cell else "" for cell, _, _ in fields] for fields in table_rows(table)] == \
        [list(row) for row in rows]


# --- huaian-2024.pdf: every cell as printed ------------------------------------------------------------------

T2_PRINTED = {
    "t2.rules.issued": "1", "t2.rules.repealed": "0", "t2.rules.in_force": "11",
    "t2.normative.issued": "8", "t2.normative.repealed": "26", "t2.normative.in_force": "66",
    "t2.license.decisions": "447228",
    "t2.penalty.decisions": "3985758",
    "t2.enforcement.decisions": "88283",
    "t2.fee.amount": "96171.6",
}
T3_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other", "total")
# Row, then the seven printed values (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
T3_PRINTED = {
    "new": "3001 53 0 0 61 4 3119",
    "carried_over": "34 0 0 0 0 0 34",
    "result.disclosed": "1288 21 0 0 50 3 1362",
    "result.partial": "447 7 0 0 0 0 454",
    "result.withheld.state_secret": "2 0 0 0 0 0 2",
    "result.withheld.prohibited_by_law": "30 1 0 0 0 0 31",
    "result.withheld.three_safety": "5 0 0 0 0 0 5",
    "result.withheld.third_party": "6 0 0 0 0 0 6",
    "result.withheld.internal_affairs": "7 1 0 0 0 0 8",
    "result.withheld.process_info": "12 0 0 0 0 0 12",
    "result.withheld.enforcement_file": "9 0 0 0 0 0 9",
    "result.withheld.inquiry": "105 0 0 0 0 0 105",
    "result.unavailable.not_held": "746 12 0 0 10 1 769",
    "result.unavailable.needs_creation": "11 0 0 0 0 0 11",
    "result.unavailable.unclear": "1 0 0 0 0 0 1",
    "result.not_processed.petition": "56 6 0 0 0 0 62",
    "result.not_processed.repeat": "25 0 0 0 0 0 25",
    "result.not_processed.publication": "0 0 0 0 0 0 0",
    "result.not_processed.mass_repeat": "0 0 0 0 0 0 0",
    "result.not_processed.confirm": "1 0 0 0 0 0 1",
    "result.other.no_correction": "67 3 0 0 1 0 71",
    "result.other.unpaid_fee": "6 0 0 0 0 0 6",
    "result.other.other": "108 2 0 0 0 0 110",
    "result.total": "2932 53 0 0 61 4 3050",
    "carried_forward": "103 0 0 0 0 0 103",
}
T4_PRINTED = dict(zip(
    (f"t4.{block}.{col}" for block in ("review", "litigation_direct", "litigation_after_review")
     for col in ("maintain", "correct", "other", "pending", "total")),
    ("72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"), strict=True))

PRINTED: dict[str, str] = {
    **T2_PRINTED,
    **{f"t3.{row}.{col}": value for row, values in T3_PRINTED.items()
       for col, value in zip(T3_COLUMNS, values.split(), strict=True)},
    **T4_PRINTED,
}
assert len(PRINTED) == 10 + 25 * 7 + 15

# The page each table row is printed on: table 2 runs from page 3 to 4, table 3 from page 4 to 5.
_PAGE_5_FROM = list(T3_PRINTED).index("result.unavailable.needs_creation")
PAGE = {
    **{cid: 4 if cid.split(".")[1] in ("penalty", "enforcement", "fee") else 3 for cid in T2_PRINTED},
    **{f"t3.{row}.{col}": 4 if i < _PAGE_5_FROM else 5
       for i, row in enumerate(T3_PRINTED) for col in T3_COLUMNS},
    **dict.fromkeys(T4_PRINTED, 5),
}
PAGE_BOX = (0.0, 0.0, 595.0, 842.0)  # A4, all six pages


@pytest.fixture(scope="module")
def huaian(shared) -> Report:
    path = shared / "corpus" / "huaian-2024.pdf"
    return read_pdf(path)


def _cells(report: Report) -> dict:
    return {cid: cell for table in report.tables.values() for cid, cell in table.cells.items()}


def test_huaian_every_table_cell_is_the_printed_value(huaian):
    cells = _cells(huaian)
    assert set(cells) == set(PRINTED)
    wrong = {cid: (cells[cid].raw, printed) for cid, printed in PRINTED.items() if cells[cid].raw != printed}
    assert not wrong
    for cid, printed in PRINTED.items():
        expected = Semantic.ZERO if printed == "0" else Semantic.NUMBER
        assert cells[cid].semantic is expected, cid
        assert cells[cid].value == (float(printed) if "." in printed else int(printed)), cid
    assert huaian.tables[2].layout == "2021" and huaian.tables[3].layout == "2021"
    assert not huaian.tables[3].variants


def test_huaian_tables_leave_nothing_unplaced(huaian):
    # Table 3 numbers two rows "2、…" and "3、…" with the ideographic comma: numbering, not values.
    assert not any(table.unplaced for table in huaian.tables.values())


def test_huaian_structure_title_and_issuer(huaian):
    assert [s.number for s in huaian.sections] == list("一二三四五六")
    assert [s.heading for s in huaian.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    # The title is printed on two centred lines; they are one paragraph.
    assert huaian.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert huaian.organization == "淮安市人民政府"
    assert huaian.year == 2024
    assert huaian.format_version.value == "2021"
    # The published PDF ends with section 六 and carries no sign-off (issuing body and date): none is invented.
    assert huaian.signoff_date is None and huaian.signoff_organization is None


def test_huaian_paragraphs_are_joined_without_spaces_or_page_furniture(huaian):
    text = huaian.text
    assert "报告所列统计期限自2024年1月1日至2024年12月31日。" in text
    # A sentence running from page 1 to page 2, across the page number "- 1 -".
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text
    assert "邮编：223001，电话：0517-83605210，电子邮箱：hazwgkc@163.com）。" in text
    assert not re.search(r"^\s*-\s*\d\s*-\s*$", text, re.MULTILINE)
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff0-9]|[0-9] [\u4e00-\u9fff]", text)
    lines = text.splitlines()
    assert lines[0] == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert "六、其他需要报告的事项" in lines
    assert lines[-1] == ("2024年，市政府严格落实《政府信息公开信息处理费管理办法》，"
                         "全年收取政府信息公开信息处理费3940元。")


def test_huaian_table_rows_keep_the_printed_grid(huaian):
    """Rows as printed: merged labels once, in the first row and column they cover; blank fields keep columns."""
    rows = [line.split("\t") for line in huaian.text.splitlines() if "\t" in line]
    assert ["行政许可", "447228", "", ""] in rows  # the value cell spans three columns of the table above
    assert ["第二十条第（八）项", "", "", ""] in rows
    # Table 3: three label columns, then seven values.  The vertical label 三、本年度办理结果 is written one
    # character per line; （四）无法提供 is cut by the page break after （四）无.
    assert ["三、本年度办理结果", "（一）予以公开", "", *T3_PRINTED["result.disclosed"].split()] in rows
    not_held = T3_PRINTED["result.unavailable.not_held"].split()
    assert ["", "（四）无法提供", "1.本机关不掌握相关政府信息", *not_held] in rows
    assert ["", "", "2.没有现成信息需要另行制作", *T3_PRINTED["result.unavailable.needs_creation"].split()] in rows
    assert ["", "（七）总计", "", *T3_PRINTED["result.total"].split()] in rows
    assert ["四、结转下年度继续办理", "", "", *T3_PRINTED["carried_forward"].split()] in rows
    # Header cells broken over lines are joined.
    assert ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""] in rows
    # Table 4: the header on three rows, the fifteen values on one.
    assert ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9] in rows
    assert T4_PRINTED and list(T4_PRINTED.values()) in rows


def _anchor(report: Report, offset: int):
    assert report.source_map is not None
    anchor = report.source_map.at(offset)
    assert anchor is not None
    return anchor


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] < inner[2] <= outer[2] and outer[1] <= inner[1] < inner[3] <= outer[3]


def test_huaian_every_cell_maps_to_its_page_and_box(huaian):
    for cid, cell in _cells(huaian).items():
        anchor = _anchor(huaian, cell.provenance.span.start)
        assert anchor.page == PAGE[cid], cid
        assert anchor.bbox is not None and _inside(anchor.bbox, PAGE_BOX), (cid, anchor.bbox)
    # Within a row, columns run left to right; rows of a page run top to bottom.
    for row in T3_PRINTED:
        boxes = [_anchor(huaian, huaian.cell(f"t3.{row}.{c}").provenance.span.start).bbox for c in T3_COLUMNS]
        assert [b[0] for b in boxes] == sorted(b[0] for b in boxes), row
    tops = [_anchor(huaian, huaian.cell(f"t3.{row}.total").provenance.span.start).bbox[3] for row in T3_PRINTED]
    assert tops[:_PAGE_5_FROM] == sorted(tops[:_PAGE_5_FROM], reverse=True)
    assert tops[_PAGE_5_FROM:] == sorted(tops[_PAGE_5_FROM:], reverse=True)


@cache
def _poppler_words(path: Path, page: int) -> list[tuple[str, float, float]]:
    """Words on a page as poppler sees them: text and centre, in PDF coordinates (origin bottom left)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    words = []
    for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        words.append((m.group(5), (x0 + x1) / 2, PAGE_BOX[3] - (y0 + y1) / 2))
    return words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_huaian_cell_boxes_hold_the_printed_values_according_to_poppler(huaian, shared):
    path = shared / "corpus" / "huaian-2024.pdf"
    for cid, cell in _cells(huaian).items():
        anchor = _anchor(huaian, cell.provenance.span.start)
        x0, y0, x1, y1 = anchor.bbox
        assert any(text == cell.raw and x0 <= cx <= x1 and y0 <= cy <= y1
                   for text, cx, cy in _poppler_words(path, anchor.page)), cid


def test_huaian_paragraph_lines_are_anchored(huaian):
    assert huaian.source_map is not None
    anchors = huaian.source_map.anchors
    assert all(a.page in range(1, 7) and a.bbox is not None and _inside(a.bbox, PAGE_BOX) for a in anchors)
    heading = huaian.sections[4]
    assert _anchor(huaian, heading.heading_span.start).page == 5
    assert _anchor(huaian, huaian.sections[5].heading_span.start).page == 6
    # The sentence that crosses the page break: its start on page 1, its end on page 2.
    start = huaian.text.index("“建设‘四最’一流")
    assert _anchor(huaian, start).page == 1
    assert _anchor(huaian, start + len("“建设‘四最’一流")).page == 2


@pytest.fixture(scope="module")
def rules(host, national):
    from xxgk_lint.core.runner import active_rules

    return active_rules(host, national)


def test_huaian_findings_carry_pages(huaian, rules):
    from xxgk_lint.core.engine import lint_report

    findings, errors = lint_report(huaian, rules)
    assert not errors
    assert all(f.page in range(1, 7) for f in findings if f.span is not None)


def test_finding_messages_on_a_pdf_name_no_missing_line(rules):
    """A PDF has pages, not lines: no message may cite a line the source map does not have ('第 None 行')."""
    findings = _findings(read_pdf(PDFS / "sample-defects-ruled.pdf"), rules)
    assert not [f.message for f in findings if "None" in f.message]


# --- unreadable input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("empty.pdf", "empty", "为空"),
        ("not-a-pdf.pdf", "not-pdf", "不是 PDF"),
        ("encrypted.pdf", "encrypted", "加密"),
        ("image-only.pdf", "no-text", "共 2 页"),
        ("no-unicode.pdf", "no-unicode", "ToUnicode"),
        ("truncated.pdf", "truncated", "不完整"),
    ],
)
def test_unreadable_pdf_is_a_read_error_that_says_why(name, code, says):
    with pytest.raises(ReadError) as info:
        read_pdf(PDFS / name)
    assert info.value.code == code
    assert says in info.value.message


def test_scanned_pdf_says_so_and_how_many_pages():
    with pytest.raises(ReadError) as info:
        read_pdf(PDFS / "image-only.pdf")
    assert "扫描件" in info.value.message and "2 页只有图像" in info.value.message


def test_truncated_pdf_is_a_read_error_naming_the_readable_pages(shared):
    data = (shared / "corpus" / "huaian-2024.pdf").read_bytes()
    with pytest.raises(ReadError) as info:
        read_pdf(Path("huaian-half.pdf"), data[: len(data) // 2])
    assert info.value.code == "truncated"
    assert "共 6 页" in info.value.message and "只有 1 页" in info.value.message


def test_pdf_cut_after_its_last_page_is_still_read(shared):
    """Only the cross-reference table and trailer are missing: every page survives, so the report is read."""
    data = (shared / "corpus" / "huaian-2024.pdf").read_bytes()
    report = read_pdf(Path("huaian-cut.pdf"), data[: data.rindex(b"startxref") - 200])
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert len(_cells(report)) == len(PRINTED)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n" + bytes(range(256)) * 8, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"],
                         ids=["garbage", "header-only"])
def test_damaged_pdf_is_a_read_error(data):
    with pytest.raises(ReadError) as info:
        read_pdf(Path("damaged.pdf"), data)
    assert info.value.code in ("corrupt", "truncated")
    assert "PDF" in info.value.message


def test_empty_user_password_opens_like_a_plain_pdf():
    report = read_pdf(PDFS / "empty-password.pdf")
    assert report.title == "示例县人民政府2023年政府信息公开工作年度报告"


def test_partly_scanned_pdf_is_read_for_its_text_pages(host, national):
    report = read_pdf(PDFS / "partly-scanned.pdf")
    assert report.organization == "示例县人民政府"
    assert [s.number for s in report.sections] == ["一"]
    (note,) = report.reader_notes
    assert "没有文字层" in note and "扫描件" in note
    findings, _ = lint_report(report, active_rules(host, national))
    (t111,) = [f for f in findings if f.rule == "T111"]
    assert t111.severity.value == "warning" and "请人工核对" in t111.message


def test_runner_reads_every_fixture_or_says_why(national):
    """Through the runner as `xxgk check` does: no file crashes the reader, each has a report or a reason."""
    import xxgk_lint.plugins.readers.pdf as pdf_plugin
    from xxgk_lint.core.plugins import load_plugins
    from xxgk_lint.core.runner import lint_paths

    host = load_plugins()
    assert host.reader_for_extension(".pdf").__class__ is pdf_plugin.PdfReader
    result = lint_paths([PDFS], host, national)
    outcome = {Path(f.path).name: (f.report is not None, [e.code for e in f.errors]) for f in result.files}
    assert outcome == {
        "compliant-2021-borderless.pdf": (True, []), "compliant-2021-ruled.pdf": (True, []),
        "sample-defects-ruled.pdf": (True, []), "empty-password.pdf": (True, []), "partly-scanned.pdf": (True, []),
        "empty.pdf": (False, ["empty"]), "not-a-pdf.pdf": (False, ["not-pdf"]),
        "encrypted.pdf": (False, ["encrypted"]), "image-only.pdf": (False, ["no-text"]),
        "no-unicode.pdf": (False, ["no-unicode"]), "truncated.pdf": (False, ["truncated"]),
    }
    assert not result.errors


# --- the same report as text and as PDF ---------------------------------------------------------------------

def _findings(report: Report, rules) -> list:
    from xxgk_lint.core.engine import lint_report

    findings, errors = lint_report(report, rules)
    assert not errors
    return findings


def _same_report(pdf: Report, text: Report, rules) -> None:
    """Same cells (ids, raw, semantic), sections, issuer, year, sign-off and findings; PDF findings on a page."""
    def cells(r: Report) -> dict[str, tuple[str, Semantic]]:
        return {cid: (c.raw, c.semantic) for cid, c in _cells(r).items()}

    assert cells(pdf) == cells(text)
    assert [s.number for s in pdf.sections] == [s.number for s in text.sections]
    assert (pdf.organization, pdf.year, pdf.signoff_date) == (text.organization, text.year, text.signoff_date)
    for kind, table in text.tables.items():
        assert [u.raw for u in pdf.tables[kind].unplaced] == [u.raw for u in table.unplaced]
    pdf_findings, text_findings = _findings(pdf, rules), _findings(text, rules)
    assert sorted((f.rule, f.cells, f.section) for f in pdf_findings) == \
        sorted((f.rule, f.cells, f.section) for f in text_findings)
    assert all(f.page is not None for f in pdf_findings if f.span is not None)


@pytest.mark.parametrize(("name", "source"), [("compliant-2021-ruled.pdf", "compliant-2021.txt"),
                                              ("compliant-2021-borderless.pdf", "compliant-2021.txt"),
                                              ("sample-defects-ruled.pdf", "sample-defects.txt")])
def test_typeset_report_gives_the_cells_and_findings_of_its_text(name, source, rules):
    pdf, text = read_pdf(PDFS / name), read_text(DATA / source)
    _same_report(pdf, text, rules)
    assert len(_cells(pdf)) == 10 + 25 * 7 + 15


def test_findings_on_a_typeset_report_point_at_their_page(rules):
    report = read_pdf(PDFS / "sample-defects-ruled.pdf")
    findings = _findings(report, rules)
    assert {f.rule for f in findings} >= {"B101", "A301", "S101"}
    blank = next(f for f in findings if f.rule == "B101")  # 行政处罚 / 行政强制 left blank in table 2, page 1
    assert blank.page == _anchor(report, report.cell("t2.enforcement.decisions").provenance.span.start).page == 1


def test_table_continued_on_the_next_page_keeps_one_header():
    report = read_pdf(PDFS / "compliant-2021-ruled.pdf")
    assert report.text.count("(本列数据的勾稽关系为") == 1  # the header row repeated on page 2 is dropped
    boxes = {_anchor(report, report.cell(cid).provenance.span.start).page
             for cid in ("t3.new.natural", "t3.result.partial.natural")}
    assert boxes == {1, 2}


def _text_source(pdf: Path) -> Path | None:
    """The text a tests/data/formats PDF was made from: tests/data/{name}.txt, or seed-NNN → seeds/NNN_*.txt."""
    if (DATA / f"{pdf.stem}.txt").is_file():
        return DATA / f"{pdf.stem}.txt"
    m = re.fullmatch(r"seed-(\d{3})", pdf.stem)
    found = sorted(SEEDS.glob(f"{m.group(1)}_*.txt")) if m and SEEDS.is_dir() else []
    return found[0] if found else None


def _format_pairs() -> list[tuple[Path, Path]]:
    pdfs = sorted(FORMATS.glob("*.pdf")) if FORMATS.is_dir() else []
    return [(pdf, txt) for pdf in pdfs if (txt := _text_source(pdf)) is not None]


@pytest.mark.parametrize(("pdf", "txt"), _format_pairs() or [pytest.param(None, None, marks=pytest.mark.skip(
    reason="no tests/data/formats/*.pdf with a matching .txt"))], ids=lambda p: p.name if p else "none")
def test_pdf_exports_give_the_cells_and_findings_of_their_text(pdf, txt, rules):
    _same_report(read_pdf(pdf), read_text(txt), rules)
