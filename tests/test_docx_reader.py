"""DOCX reader: Word files give the same report as the text they were made from, grids are rendered faithfully,
and bad input becomes a ``ReadError`` with a Chinese message, never a crash.

The equivalence fixtures in ``data/formats`` were made by LibreOffice from the text reports
(``data/formats/make_fixtures.py``); the hand-built documents below are written with ``zipfile`` so that each
Word construct (gridSpan, vMerge, tabs, breaks, numbering, text boxes …) is exercised on purpose.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import pytest

from xxgk_lint.core import limits
from xxgk_lint.core.engine import lint_report
from xxgk_lint.core.model import Report, Semantic
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.readers import docx as docx_module
from xxgk_lint.plugins.readers.docx import DocxReader, format_number, render, xxgk_readers
from xxgk_lint.plugins.readers.text import TextReader

DATA = Path(__file__).parent / "data"
FORMATS = DATA / "formats"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"

#: Fixture name → (where its text source lives, file name).  Seeds live in ../shared.
SOURCES = {
    "compliant-2021": ("data", "compliant-2021.txt"),
    "sample-defects": ("data", "sample-defects.txt"),
    "seed-000": ("seeds", "000_ea21bc616a0657b5.txt"),
    "seed-001": ("seeds", "001_2492965149b6bf76.txt"),
    "seed-002": ("seeds", "002_2462a58060575dd3.txt"),
}

#: Fixtures whose S101 message cites a line of Report.text (see test_findings_are_identical).


# --- helpers -------------------------------------------------------------------------------------------------


def text_source(name: str, request: pytest.FixtureRequest) -> Path:
    where, file_name = SOURCES[name]
    if where == "data":
        return DATA / file_name
    shared: Path = request.getfixturevalue("shared")
    return shared / "seeds" / file_name


def read_pair(name: str, request: pytest.FixtureRequest) -> tuple[Report, Report]:
    src = text_source(name, request)
    docx_path = FORMATS / f"{name}.docx"
    return TextReader().read(src, src.read_bytes()), DocxReader().read(docx_path, docx_path.read_bytes())


def cells_of(report: Report) -> dict[int, dict[str, tuple[str, Semantic, object]]]:
    return {kind: {cid: (c.raw, c.semantic, c.value) for cid, c in t.cells.items()}
            for kind, t in report.tables.items()}


def sections_of(report: Report) -> list[tuple[object, ...]]:
    """Sections with their subheadings, leaving out table rows that look like （二）… headings.

    core/structure.py takes a table row starting with （二） as a subheading, with the row's cells in its text;
    how a row starts depends on the table's grid, which the text seeds and a Word table lay out differently.
    """
    spans = [t.span for t in report.tables.values() if t.span is not None]

    def in_table(offset: int) -> bool:
        return any(s.start <= offset < s.end for s in spans)

    return [(s.number, s.heading, s.kind, [(h.marker, h.text) for h in s.subheadings if not in_table(h.span.start)])
            for s in report.sections]


def findings_of(report: Report, rules) -> list[tuple[object, ...]]:
    findings, errors = lint_report(report, rules)
    assert not errors
    return [(f.rule, f.message, f.cells, f.section) for f in findings]


def paragraphs_in_order(docx: bytes) -> list[str]:
    """Text of every body paragraph in document order, text boxes excluded: what Anchor.line counts."""
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    out: list[str] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag == W + "txbxContent":
                continue
            if child.tag == W + "p":
                out.append("".join(t.text or "" for t in child.iter(W + "t")))
            walk(child)

    walk(root)
    return out


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def make_docx(body: str, parts: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                         f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")
        for name, xml in (parts or {}).items():
            zf.writestr(name, xml)
    return buf.getvalue()


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def p(text: str = "") -> str:
    return para(run(text)) if text else "<w:p/>"


def numbered(text: str, num_id: int = 1, ilvl: int = 0) -> str:
    return para(run(text), ppr=f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>')


def styled(text: str, style: str) -> str:
    return para(run(text), ppr=f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>')


def tc(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if vmerge is None else '<w:vMerge/>' if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>')
    content = "".join(x if x.startswith("<") else p(x) for x in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, before: int = 0) -> str:
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


# --- 1. equivalence with the text reports ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SOURCES))
def test_same_cells_as_the_text(name, request):
    text, word = read_pair(name, request)
    assert cells_of(word) == cells_of(text)
    for kind, table in text.tables.items():
        assert (word.tables[kind].layout, word.tables[kind].variants) == (table.layout, table.variants)
        assert [u.raw for u in word.tables[kind].unplaced] == [u.raw for u in table.unplaced]


@pytest.mark.parametrize("name", list(SOURCES))
def test_same_sections_and_metadata_as_the_text(name, request):
    text, word = read_pair(name, request)
    assert sections_of(word) == sections_of(text)
    assert (word.title, word.organization, word.year, word.signoff_date, word.format_version) == (
        text.title, text.organization, text.year, text.signoff_date, text.format_version)
    assert word.input_format == "docx"


@pytest.mark.parametrize("name", list(SOURCES))
def test_same_findings_as_the_text(name, request, host, national):
    """Rule, message (line references aside), cells and section of every finding."""
    text, word = read_pair(name, request)
    rules = active_rules(host, national)

    def without_lines(findings):
        return [(rule, re.sub(r"第 \d+ 行", "第 N 行", message), cells, section)
                for rule, message, cells, section in findings]

    assert without_lines(findings_of(word, rules)) == without_lines(findings_of(text, rules))


@pytest.mark.parametrize("name", SOURCES)
def test_findings_are_identical(name, request, host, national):
    text, word = read_pair(name, request)
    rules = active_rules(host, national)
    assert findings_of(word, rules) == findings_of(text, rules)


@pytest.mark.parametrize("name", list(SOURCES))
def test_source_map_points_at_the_paragraph_holding_each_cell(name, request):
    _, word = read_pair(name, request)
    paragraphs = paragraphs_in_order((FORMATS / f"{name}.docx").read_bytes())
    assert word.source_map is not None
    checked = 0
    for table in word.tables.values():
        for cell in table.cells.values():
            if cell.raw and cell.provenance.span is not None:
                anchor = word.source_map.at(cell.provenance.span.start)
                assert anchor is not None and anchor.line is not None
                assert paragraphs[anchor.line - 1] == cell.raw, cell.id
                checked += 1
    assert checked > 0


def test_findings_are_located_by_paragraph(host, national):
    path = FORMATS / "sample-defects.docx"
    report = DocxReader().read(path, path.read_bytes())
    paragraphs = paragraphs_in_order(path.read_bytes())
    findings, _ = lint_report(report, active_rules(host, national))
    s101 = next(f for f in findings if f.rule == "S101")
    assert s101.line == 5 and paragraphs[4] == "一、总体情况"  # the second copy of the heading
    b101 = next(f for f in findings if f.rule == "B101")
    assert b101.line is not None and paragraphs[b101.line - 1] == "/"  # 行政处罚 written as "/"


# --- 2. hand-built documents -------------------------------------------------------------------------------------


def test_grid_with_spans_merges_tabs_and_split_labels():
    body = (
        para(run("甲"), "<w:r><w:tab/></w:r>", run("乙"), "<w:r><w:br/></w:r>", run("丙"))
        + tbl(
            tr(tc("第二十条第（一）项", span=4)),
            tr(tc("信息内容"), tc("本年制发件数"), tc("本年废止件数"), tc("现行有效件数")),
            tr(tc("行政规范", "性文件"), tc("4"), tc(), tc("37")),  # label over two paragraphs; a blank cell
            tr(tc("三、本年度办理结果", vmerge="restart"), tc("（一）予以公开", span=2), tc("6")),
            tr(tc(vmerge="continue"), tc("（二）部分公开", span=2), tc("1")),
            tr(tc("x"), before=2),
            tr(tc(para(run("a"), "<w:r><w:tab/></w:r>", run("b"), "<w:r><w:br/></w:r>", run("c")))),
        )
        + p("之后")
    )
    text, source_map, _ = render(make_docx(body))
    assert text == (
        "甲\t乙\n丙\n\n"
        "第二十条第（一）项\t\t\t\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "行政规范 性文件\t4\t\t37\n"
        "三、本年度办理结果\t（一）予以公开\t\t6\n"
        "\t（二）部分公开\t\t1\n"
        "\t\tx\n"
        "a b c\n\n"  # a tab or break inside a cell never adds a column or a line
        "之后\n"
    )
    # One anchor per paragraph and per cell; lines are paragraph numbers (the split label is paragraphs 7-8).
    by_offset = {a.offset: a.line for a in source_map.anchors}
    assert by_offset[0] == 1
    assert by_offset[text.index("第二十条")] == 2
    assert by_offset[text.index("行政规范")] == 7
    assert by_offset[text.index("4\t\t37")] == 9
    assert by_offset[text.index("4\t\t37") + 2] == 10  # the blank cell has its own anchor
    assert by_offset[text.index("37")] == 11
    assert by_offset[text.index("之后")] == 20


def full_report(table2_rows: str) -> str:
    t4_labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    table4 = tbl(
        tr(tc("行政复议", span=5), tc("行政诉讼", span=10)),
        tr(*(tc(label, vmerge="restart") for label in t4_labels), tc("未经复议直接起诉", span=5),
           tc("复议后起诉", span=5)),
        tr(*(tc(vmerge="continue") for _ in t4_labels), *(tc(label) for label in t4_labels * 2)),
        tr(*(tc(str(v)) for v in (1, 0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0))),
    )
    return (
        p("示例县人民政府 2023 年政府信息公开工作年度报告")
        + numbered("总体情况")
        + numbered("主动公开。全年主动公开政府信息 1523 条。", ilvl=1)
        + para(run("本段文字"), run("隐藏的文字", "<w:rPr><w:vanish/></w:rPr>"),
               '<w:del w:id="1" w:author="x"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>',
               '<w:ins w:id="2" w:author="x">' + run("插入的文字") + "</w:ins>",
               '<w:r><w:instrText> PAGE </w:instrText></w:r>',
               "<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
               + p("文本框里的字") + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
               "</wp:inline></w:drawing></w:r>",
               '<mc:AlternateContent><mc:Choice Requires="wps">' + run("备选内容")
               + "</mc:Choice></mc:AlternateContent>")
        + styled("主动公开政府信息情况", "Heading1")
        + tbl(table2_rows)
        + styled("收到和处理政府信息公开申请情况", "Heading1")
        + p("本年度未收到政府信息公开申请。")
        + styled("政府信息公开行政复议、行政诉讼情况", "Heading1")
        + table4
        + styled("存在的主要问题及改进情况", "Heading1")
        + numbered("存在的问题：解读形式单一。", ilvl=1)
        + numbered("改进情况：丰富解读形式。", ilvl=1)
        + numbered("其他需要报告的事项")
        + p("2023 年，本机关未收取信息处理费。")
        + p("示例县人民政府")
        + p("2024年1月20日")
    )


NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)
STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1Red"><w:basedOn w:val="Heading1"/></w:style>'
    "</w:styles>"
)
HEADER = f'<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>页眉里的字</w:t></w:r></w:p></w:hdr>'

TABLE2_ROWS = (
    tr(tc("第二十条第（一）项", span=4))
    + tr(tc("信息内容"), tc("本年制发件数"), tc("本年废止件数"), tc("现行有效件数"))
    + tr(tc("规章"), tc("0"), tc("0"), tc("0"))
    + tr(tc("行政规范", "性文件"), tc("4"), tc("1"), tc("37"))
    + tr(tc("第二十条第（五）项", span=4))
    + tr(tc("信息内容"), tc("本年处理决定数量", span=3))
    + tr(tc("行政许可"), tc("2315", span=3))
    + tr(tc("第二十条第（六）项", span=4))
    + tr(tc("信息内容"), tc("本年处理决定数量", span=3))
    + tr(tc("行政处罚"), tc("418", span=3))
    + tr(tc("行政强制"), tc(span=3))
    + tr(tc("第二十条第（八）项", span=4))
    + tr(tc("信息内容"), tc("本年收费金额（单位：万元）", span=3))
    + tr(tc("行政事业性收费"), tc("36.5", span=3))
)


def hand_built_report() -> tuple[bytes, Report]:
    data = make_docx(full_report(TABLE2_ROWS), {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES,
                                               "word/header1.xml": HEADER})
    return data, DocxReader().read(Path("hand.docx"), data)


def test_hand_built_report_reads_like_a_text_report():
    _, report = hand_built_report()
    assert [s.heading for s in report.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [h.text for h in report.sections[0].subheadings] == ["主动公开。全年主动公开政府信息 1523 条。"]
    assert [h.number for h in report.sections[0].subheadings] == [1]
    assert [h.number for h in report.sections[4].subheadings] == [1, 2]  # （一）（二）: restarted after 四、
    assert "（一）主动公开。" in report.text
    t2 = report.tables[2].cells
    assert (t2["t2.normative.issued"].value, t2["t2.normative.in_force"].value) == (4, 37)
    assert t2["t2.license.decisions"].value == 2315 and t2["t2.fee.amount"].value == 36.5
    assert t2["t2.enforcement.decisions"].semantic is Semantic.EMPTY
    t4 = report.tables[4].cells
    assert [t4[f"t4.review.{c}"].value for c in ("maintain", "correct", "other", "pending", "total")] == [1, 0, 0, 1, 2]
    assert t4["t4.litigation_direct.total"].value == 1
    assert report.title == "示例县人民政府 2023 年政府信息公开工作年度报告"
    assert report.signoff_date == "2024-01-20"


def test_hidden_deleted_field_code_text_box_and_header_text_are_left_out():
    _, report = hand_built_report()
    assert "本段文字插入的文字" in report.text
    for absent in ("隐藏的文字", "删除的文字", "PAGE", "文本框里的字", "备选内容", "页眉里的字"):
        assert absent not in report.text


def test_blank_cell_finding_points_at_its_paragraph(host, national):
    data, report = hand_built_report()
    paragraphs = paragraphs_in_order(data)
    findings, _ = lint_report(report, active_rules(host, national))
    b101 = next(f for f in findings if f.rule == "B101")
    assert b101.cells == ("t2.enforcement.decisions",)
    assert b101.line is not None and paragraphs[b101.line - 2] == "行政强制"  # the paragraph after the row label


def test_numbering_formats_restarts_and_bullets():
    body = (numbered("总体情况") + numbered("主动公开", ilvl=1) + numbered("依申请公开", ilvl=1)
            + numbered("细目", ilvl=2) + numbered("细目", ilvl=2) + numbered("主动公开政府信息情况")
            + numbered("重新编号", ilvl=1) + numbered("项目", num_id=2) + numbered("另起", num_id=3, ilvl=2)
            + para(run("不编号"), ppr='<w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'
                                     "</w:pPr>")
            + styled("样式编号", "Heading1Red") + numbered("四、已写编号"))
    text, _, _ = render(make_docx(body, {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}))
    assert [line for line in text.split("\n") if line] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1.细目", "2.细目", "二、主动公开政府信息情况",
        "（一）重新编号", "项目", "1.另起", "不编号", "三、样式编号", "四、已写编号"]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
    (23, "chineseCounting", "二十三"), (10, "ideographDigital", "一〇"), (3, "chineseLegalSimplified", "叁"),
    (2, "ideographTraditional", "乙"), (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"),
    (28, "lowerLetter", "bb"), (7, "decimalZero", "07"), (12, "decimalFullWidth", "１２"), (5, "unknownFmt", "5"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_nested_tables_are_flattened():
    data_table = tbl(tr(tc("行政许可"), tc("2315")), tr(tc("行政处罚"), tc("418")))
    layout = tbl(tr(tc(p("报告正文"), data_table, p("表后文字"))))  # a one-cell table wrapping the report
    inner = tbl(tr(tc("甲"), tc("乙")), tr(tc("丙"), tc("丁")))
    data_with_inner = tbl(tr(tc("备注"), tc(inner)))  # a small table inside one cell of a data row
    text, _, _ = render(make_docx(layout + data_with_inner))
    assert text == "报告正文\n\n行政许可\t2315\n行政处罚\t418\n\n表后文字\n\n备注\t甲 乙 丙 丁\n"


def test_dropping_layout_properties_changes_nothing(monkeypatch):
    """The parse optimisation (``_slim``) must give the same text, anchors and numbering as the full XML."""
    tricky = para(run("加粗", "<w:rPr><w:b/><w:sz w:val='21'/></w:rPr>"),
                  run("隐藏", "<w:rPr><w:b/><w:vanish/></w:rPr>"),
                  ppr='<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="a>b/>"/>'
                      '<w:ind w:left="1"/></w:pPr>')
    cell_props = '<w:tcPr><w:tcBorders><w:top w:val="single"/></w:tcBorders><w:gridSpan w:val="2"/></w:tcPr>'
    documents = [make_docx(tricky + tbl(tr(f"<w:tc>{cell_props}{p('合并')}</w:tc>", tc("1")))),
                 hand_built_report()[0], *((FORMATS / f"{name}.docx").read_bytes() for name in SOURCES)]
    slimmed = [render(d) for d in documents]
    monkeypatch.setattr(docx_module, "_slim", lambda raw: raw)
    full = [render(d) for d in documents]
    assert [(t, s.anchors, m) for t, s, m in slimmed] == [(t, s.anchors, m) for t, s, m in full]
    assert slimmed[0][0] == "加粗\n\n合并\t\t1\n"


def test_content_controls_and_hyperlinks_are_read():
    body = ('<w:sdt><w:sdtPr/><w:sdtContent>' + p("控件里的段落") + "</w:sdtContent></w:sdt>"
            + para('<w:hyperlink r:id="x" xmlns:r="urn:r">' + run("链接文字") + "</w:hyperlink>"))
    text, _, _ = render(make_docx(body))
    assert text == "控件里的段落\n\n链接文字\n"


def test_title_from_document_properties_only_when_it_names_a_report():
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>')
    body = p("一、总体情况") + p("正文。")
    _, _, meta = render(make_docx(body, {"docProps/core.xml": core.format("示例县2023年政府信息公开工作年度报告")}))
    assert meta == {"title": "示例县2023年政府信息公开工作年度报告"}
    _, _, meta = render(make_docx(body, {"docProps/core.xml": core.format("Microsoft Word - 模板")}))
    assert meta == {}


def test_strict_ooxml_namespace_is_read():
    strict_ns = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = f'<w:document xmlns:w="{strict_ns}"><w:body>{p("一、总体情况")}</w:body></w:document>'
    text, _, _ = render(zip_of({"word/document.xml": document.encode()}))
    assert text == "一、总体情况\n"


# --- 3. bad input --------------------------------------------------------------------------------------------------


def zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


GOOD = make_docx(p("一、总体情况"))


@pytest.mark.parametrize(("data", "code", "words"), [
    (b"", "empty", "为空"),
    (b"just some text, not a zip", "unreadable", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "unsupported", ".doc"),
    (zip_of({"content.xml": b"<x/>"}), "unreadable", "word/document.xml"),
    (zip_of({}), "unreadable", "word/document.xml"),
    (zip_of({"word/document.xml": b"<w:document><w:body><w:p>"}), "unreadable", "XML"),
    (GOOD[: len(GOOD) // 2], "unreadable", "ZIP"),
    (make_docx(p()), "empty", "没有文字"),
    (make_docx(""), "empty", "没有文字"),
    (zip_of({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'}),
     "unreadable", "DTD"),
    (zip_of({"word/document.xml": b"<root/>"}), "unreadable", "不是 Word 正文"),
    (make_docx(p("正文"), {"word/numbering.xml": "<w:numbering"}), "unreadable", "numbering.xml"),
], ids=["empty-file", "not-zip", "ole", "zip-without-document", "empty-zip", "corrupt-xml", "truncated-zip",
        "empty-paragraph", "empty-body", "dtd", "foreign-root", "corrupt-numbering"])
def test_bad_input_raises_read_error(data, code, words):
    with pytest.raises(ReadError) as info:
        DocxReader().read(Path("bad.docx"), data)
    assert info.value.code == code
    assert words in info.value.message
    assert re.search(r"[\u4e00-\u9fff]", info.value.message)  # said in Chinese


def test_deeply_nested_tables_are_refused_not_crashed():
    depth = 3000
    body = "<w:tbl><w:tr><w:tc>" * depth + p("正文") + "</w:tc></w:tr></w:tbl>" * depth
    with pytest.raises(ReadError) as info:
        DocxReader().read(Path("deep.docx"), make_docx(body))
    assert info.value.code == "unreadable" and "嵌套" in info.value.message


def test_absurd_numbering_values_do_not_crash():
    numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="x"><w:start w:val="99999999999999999999"/><w:numFmt w:val="upperRoman"/>'
                 '<w:lvlText w:val="%1%9."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 '<w:lvlOverride w:ilvl="-1"><w:startOverride w:val="z"/></w:lvlOverride></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    body = (para(run("正文"), ppr='<w:pPr><w:numPr><w:ilvl w:val="zz"/><w:numId w:val="1"/></w:numPr></w:pPr>')
            + numbered("正文二", num_id=2))
    text, _, _ = render(make_docx(body, {"word/numbering.xml": numbering}))
    assert text == "I.正文\n\n10000.正文二\n"  # bad override read as level 0 restarting at 1; start capped


def test_ole_message_names_both_causes():
    with pytest.raises(ReadError) as info:
        DocxReader().read(Path("old.doc"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "加密" in info.value.message and "Word 97-2003" in info.value.message


def test_zip_bomb_is_refused():
    bomb = make_docx(p("一、总体情况") + "<w:p/>" * 300_000)  # 1.5 MiB of XML, a few KiB compressed
    assert len(bomb) < 64 * 1024
    with limits.guard(limits.Limits(docx_member_mb=1)), pytest.raises(ReadError) as info:
        DocxReader().read(Path("bomb.docx"), bomb)
    assert info.value.code == "limit-docx_member_mb"
    assert "docx_member_mb = 1" in info.value.message and "[limits]" in info.value.message


def test_damaged_files_never_crash():
    """Random damage to a real fixture: a report or a ReadError, nothing else."""
    rng = random.Random(20261123)
    original = (FORMATS / "compliant-2021.docx").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(original)).read("word/document.xml")
    for _ in range(60):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = rng.randrange(len(xml))
        for data in (bytes(damaged), zip_of({"word/document.xml": xml[:cut]})):
            try:
                DocxReader().read(Path("damaged.docx"), data)
            except ReadError as exc:
                assert exc.message


# --- plugin surface --------------------------------------------------------------------------------------------


def test_claims_zip_with_word_document(tmp_path):
    reader = DocxReader()
    good, other, text = tmp_path / "report", tmp_path / "other.zip", tmp_path / "notes"
    good.write_bytes(GOOD)
    other.write_bytes(zip_of({"a.txt": b"x"}))
    text.write_bytes(b"PK but not a zip")
    broken = tmp_path / "broken"
    broken.write_bytes(GOOD[:100])
    assert reader.claims(good, GOOD[:4096])
    for path in (other, text, broken):
        assert not reader.claims(path, path.read_bytes()[:4096])
    assert (reader.name, reader.extensions) == ("docx", (".docx",))


def test_hook_contributes_the_reader():
    readers = xxgk_readers()
    assert [type(r) for r in readers] == [DocxReader]


def test_runner_reads_docx_through_the_plugin_host(tmp_path, national):
    """End to end as ``xxgk check`` would, with the reader registered the way its entry point will register it."""
    from xxgk_lint.core.plugins import load_plugins
    from xxgk_lint.core.runner import lint_file

    host = load_plugins()  # the docx-reader entry point
    assert not host.errors
    assert isinstance(host.reader_for_extension(".DOCX"), DocxReader)
    rules = active_rules(host, national)
    errors: list = []
    result = lint_file(FORMATS / "sample-defects.docx", host, rules, errors)
    assert (result.format, result.errors, errors) == ("docx", [], [])
    assert {f.rule for f in result.findings} == {"S104", "S101", "B101", "A301", "A302", "A303"}
    unnamed = tmp_path / "report-without-extension"
    unnamed.write_bytes((FORMATS / "compliant-2021.docx").read_bytes())
    assert lint_file(unnamed, host, rules, errors).format == "docx"  # claimed by content
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = lint_file(damaged, host, rules, errors)
    assert [e.code for e in result.errors] == ["unsupported"] and result.report is None
