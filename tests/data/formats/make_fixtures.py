"""Make the format-equivalence fixtures: one report as tab-separated text, HTML, DOCX and PDF.

Each text report is rendered into an HTML page whose tables are real tables in the national layouts (table 2
in its four 第二十条 blocks; table 3 with its three header rows, the row-spanning group labels 三、本年度办理结果 /
（三）不予公开 … and the column-spanning 法人或其他组织; table 4 with its 行政复议 / 行政诉讼 header rows), the way
published pages mark them up (see ``shared/corpus/shuyang-fagaiju-2023.html``).  LibreOffice then converts
the page to .docx and .pdf, so the Word and PDF files are made by a real office suite, not by our own writer.

What is kept from the text: every paragraph line, verbatim, in order; the table cells' values as the text
reader reads them (blank cells stay blank, "/" stays "/").  Table labels are the national ones, so the
fixtures test how a reader renders the grid, not how the text happened to break labels.  The tests then
check that each format yields the same cells, sections and findings as the text.

Outputs, in this folder: ``{name}.gen.html`` (named so it cannot collide with hand-made HTML fixtures),
``{name}.docx`` and ``{name}.pdf``.  Only needed when the sources or the layout change; CI never runs it.

    python tests/data/formats/make_fixtures.py            # needs soffice (libreoffice-writer-nogui) and a CJK font
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from xxgk_lint.core.model import Report
from xxgk_lint.plugins.readers.text import TextReader

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
SEEDS = DATA.parent.parent.parent / "shared" / "seeds"

#: Fixture name → text source.
SOURCES: dict[str, Path] = {
    "compliant-2021": DATA / "compliant-2021.txt",
    "sample-defects": DATA / "sample-defects.txt",
    "seed-000": SEEDS / "000_ea21bc616a0657b5.txt",
    "seed-001": SEEDS / "001_2492965149b6bf76.txt",
    "seed-002": SEEDS / "002_2462a58060575dd3.txt",
}

_STYLE = """
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; }
table { border-collapse: collapse; margin: 6pt 0; }
td { font-size: 8pt; text-align: center; }
"""
#: Ruled like the published pages; LibreOffice's HTML import honours the attributes, not CSS borders.
_TABLE = '<table border="1" cellspacing="0" cellpadding="2">'


_T3_WITHHELD = ("state_secret", "1.属于国家秘密"), ("prohibited_by_law", "2.其他法律行政法规禁止公开"), (
    "three_safety", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"), (
    "internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"), (
    "enforcement_file", "7.属于行政执法案卷"), ("inquiry", "8.属于行政查询事项")
_T3_UNAVAILABLE = ("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"), (
    "unclear", "3.补正后申请内容仍不明确")
_T3_NOT_PROCESSED = ("petition", "1.信访举报投诉类申请"), ("repeat", "2.重复申请"), (
    "publication", "3.要求提供公开出版物"), ("mass_repeat", "4.无正当理由大量反复申请"), (
    "confirm", "5.要求行政机关确认或重新出具已获取信息")
_T3_OTHER = ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), (
    "unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("other", "3.其他")
_T3_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other", "total")
_T4_COLUMNS = ("maintain", "correct", "other", "pending", "total")
_T4_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def td(text: str = "", colspan: int = 1, rowspan: int = 1) -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f"<td{attrs}>{html.escape(text)}</td>"


def tr(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _values(report: Report, table: int, row: str, columns: tuple[str, ...]) -> list[str]:
    """The row's cells as the text reader read them; a cell it did not find stays blank."""
    cells = report.tables[table].cells
    raws = [cells.get(f"t{table}.{row}.{col}") for col in columns]
    return [td(cell.raw if cell else "") for cell in raws]


def table2(report: Report) -> str:
    if report.tables[2].layout != "2021":
        raise SystemExit("only the 2021 layout of table 2 is rendered")
    rows = [tr(td("第二十条第（一）项", colspan=4)),
            tr(td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数"))]
    for row_id, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        rows.append(tr(td(label), *_values(report, 2, row_id, ("issued", "repealed", "in_force"))))
    blocks = (("第二十条第（五）项", "本年处理决定数量", (("license", "行政许可", "decisions"),)),
              ("第二十条第（六）项", "本年处理决定数量",
               (("penalty", "行政处罚", "decisions"), ("enforcement", "行政强制", "decisions"))),
              ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fee", "行政事业性收费", "amount"),)))
    for block, header, block_rows in blocks:
        rows += [tr(td(block, colspan=4)), tr(td("信息内容"), td(header, colspan=3))]
        for row_id, label, column in block_rows:
            cell = report.tables[2].cells.get(f"t2.{row_id}.{column}")
            rows.append(tr(td(label), td(cell.raw if cell else "", colspan=3)))
    return _TABLE + "".join(rows) + "</table>"


def table3(report: Report) -> str:
    t3 = report.tables[3]
    if t3.layout != "2021" or t3.variants:
        raise SystemExit("only the 2021 layout of table 3 without 小计 is rendered")
    rows = [
        tr(td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3),
           td("申请人情况", colspan=7)),
        tr(td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)),
        tr(*(td(label) for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))),
        tr(td("一、本年新收政府信息公开申请数量", colspan=3), *_values(report, 3, "new", _T3_COLUMNS)),
        tr(td("二、上年结转政府信息公开申请数量", colspan=3), *_values(report, 3, "carried_over", _T3_COLUMNS)),
        tr(td("三、本年度办理结果", rowspan=22), td("（一）予以公开", colspan=2),
           *_values(report, 3, "result.disclosed", _T3_COLUMNS)),
        tr(td("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
           *_values(report, 3, "result.partial", _T3_COLUMNS)),
    ]
    groups = (("（三）不予公开", "withheld", _T3_WITHHELD), ("（四）无法提供", "unavailable", _T3_UNAVAILABLE),
              ("（五）不予处理", "not_processed", _T3_NOT_PROCESSED), ("（六）其他处理", "other", _T3_OTHER))
    for group_label, group_id, leaves in groups:
        for i, (leaf_id, leaf_label) in enumerate(leaves):
            head = [td(group_label, rowspan=len(leaves))] if i == 0 else []
            rows.append(tr(*head, td(leaf_label), *_values(report, 3, f"result.{group_id}.{leaf_id}", _T3_COLUMNS)))
    rows += [tr(td("（七）总计", colspan=2), *_values(report, 3, "result.total", _T3_COLUMNS)),
             tr(td("四、结转下年度继续办理", colspan=3), *_values(report, 3, "carried_forward", _T3_COLUMNS))]
    return _TABLE + "".join(rows) + "</table>"


def table4(report: Report) -> str:
    values: list[str] = []
    for block in ("review", "litigation_direct", "litigation_after_review"):
        values += _values(report, 4, block, _T4_COLUMNS)
    rows = [tr(td("行政复议", colspan=5), td("行政诉讼", colspan=10)),
            tr(*(td(label, rowspan=2) for label in _T4_LABELS), td("未经复议直接起诉", colspan=5),
               td("复议后起诉", colspan=5)),
            tr(*(td(label) for label in _T4_LABELS * 2)),
            tr(*values)]
    return _TABLE + "".join(rows) + "</table>"


_TABLES = {2: table2, 3: table3, 4: table4}


def _table_lines(report: Report) -> dict[int, tuple[int, int]]:
    """Table kind → (first, last) 0-based line numbers of the text the table replaces."""
    starts = report.line_starts
    out: dict[int, tuple[int, int]] = {}
    for kind, table in report.tables.items():
        assert table.span is not None
        first, _ = report.position(table.span.start)
        last, _ = report.position(max(table.span.start, table.span.end - 1))
        # The region starts at the end of the section heading's line: the table begins on the next line.
        first = first if starts[first - 1] >= table.span.start else first + 1
        out[kind] = (first - 1, last - 1)
    return out


def render_html(report: Report) -> str:
    lines = report.text.split("\n")
    replaced = _table_lines(report)
    starts = {first: kind for kind, (first, _) in replaced.items()}
    skip: set[int] = set()
    for first, last in replaced.values():
        for i in range(first, last + 1):
            line = lines[i].strip()
            if line and "\t" not in lines[i] and len(line) > 20:
                raise SystemExit(f"{report.path}: line {i + 1} would be lost with the table: {line[:40]}")
            skip.add(i)
    body: list[str] = []
    for i, line in enumerate(lines):
        if i in starts:
            body.append(_TABLES[starts[i]](report))
        if i not in skip and line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    title = html.escape(report.title or "")
    return ("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n"
            f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def convert(html_path: Path, soffice: str, profile: Path) -> None:
    """HTML → DOCX and PDF with LibreOffice Writer (not Writer/Web, whose export drops page layout)."""
    for target in ("docx:MS Word 2007 XML", "pdf:writer_pdf_Export"):
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--infilter=HTML (StarWriter)", "--convert-to", target, "--outdir", str(html_path.parent),
                        str(html_path)], check=True, capture_output=True, timeout=180)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    parser.add_argument("names", nargs="*", default=list(SOURCES), help="fixtures to make (default: all)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.names:
            source = SOURCES[name]
            report = TextReader().read(source, source.read_bytes())
            page = work / f"{name}.html"
            page.write_text(render_html(report), encoding="utf-8")
            convert(page, args.soffice, work / "profile")
            shutil.copyfile(page, HERE / f"{name}.gen.html")
            for suffix in (".docx", ".pdf"):
                shutil.copyfile(page.with_suffix(suffix), HERE / f"{name}{suffix}")
            sizes = ", ".join(f"{s} {(HERE / f'{name}{s}').stat().st_size // 1024} KiB"
                              for s in (".gen.html", ".docx", ".pdf"))
            print(f"{name}: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
