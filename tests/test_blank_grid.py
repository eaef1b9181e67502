"""Web and Word tables with whole blank rows, blocks and columns: blank values at known grid positions.

Each variant is made from a real published page (``shared/corpus/shuyang-fagaiju-2023.html``) or from the
LibreOffice-made Word fixture (``data/formats/compliant-2021.docx``) by blanking cells the way authors leave
them (``&nbsp;`` in a ``<td>``, an empty ``<w:t>``).  Expected cells are the original's with exactly the
blanked ones turned into blank values at the same ids — never "应有15个数值，实际找到10个".
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from xxgk_lint.core.model import Report, Semantic
from xxgk_lint.core.runner import lint_paths
from xxgk_lint.plugins.readers.docx import DocxReader
from xxgk_lint.plugins.readers.html import HtmlReader

DATA = Path(__file__).resolve().parent / "data"
DOCX = DATA / "formats" / "compliant-2021.docx"
_TD = re.compile(r"<td([^>]*)>([^<]*)</td>")
_BLOCKS = ("review", "litigation_direct", "litigation_after_review")
_T4_COLUMNS = ("maintain", "correct", "other", "pending", "total")
_T3_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other", "total")


def _blank_tds(row_html: str, indexes: range | list[int]) -> str:
    """The row with the value cells at ``indexes`` (0 = first value cell) replaced by ``&nbsp;``."""
    cells = list(_TD.finditer(row_html))
    values = [m for m in cells if re.fullmatch(r"\s*(\d+|&nbsp;|/)?\s*", m.group(2))]
    out, last = [], 0
    for i, m in enumerate(values):
        if i in indexes:
            out.append(row_html[last:m.start()] + f"<td{m.group(1)}>&nbsp;</td>")
            last = m.end()
    return "".join(out) + row_html[last:]


def _t4_row(page: str) -> re.Match[str]:
    m = re.search(r"<tr>(?:<td>[^<]*</td>){15}</tr>", page)
    assert m, "the page's table-4 data row"
    return m


def _blank_t4_block(block: int) -> Callable[[str], str]:
    def edit(page: str) -> str:
        m = _t4_row(page)
        return page[:m.start()] + _blank_tds(m.group(), range(5 * block, 5 * block + 5)) + page[m.end():]
    return edit


def _t4_as_three_rows(blank: int) -> Callable[[str], str]:
    """Table 4 published as one row per block (a common variant), the ``blank`` block's row all ``&nbsp;``."""
    def edit(page: str) -> str:
        m = _t4_row(page)
        values = [v.group(2) for v in _TD.finditer(m.group())]
        rows = []
        for b, label in enumerate(("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉")):
            cells = ["&nbsp;"] * 5 if b == blank else values[5 * b:5 * b + 5]
            rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        table = ('<table border="1"><tbody><tr><td>&nbsp;</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td>'
                 '<td>尚未审结</td><td>总计</td></tr>' + "".join(rows) + "</tbody></table>")
        start = page.rfind("<table", 0, m.start())
        end = page.index("</table>", m.end()) + len("</table>")
        return page[:start] + table + page[end:]
    return edit


def _blank_t3_row(label: str) -> Callable[[str], str]:
    def edit(page: str) -> str:
        at = page.index(label)
        start, end = page.rfind("<tr>", 0, at), page.index("</tr>", at) + len("</tr>")
        return page[:start] + _blank_tds(page[start:end], range(7)) + page[end:]
    return edit


def _blank_t3_natural_column(page: str) -> str:
    """Every 自然人 cell of table 3 left blank: the first value column of the grid is all ``&nbsp;``."""
    start = page.index("本年新收")
    start = page.rfind("<tr>", 0, start)
    end = page.index("结转下年度继续办理")
    end = page.index("</tr>", end) + len("</tr>")
    rows = re.sub(r"<tr>.*?</tr>", lambda m: _blank_tds(m.group(), [0]), page[start:end])
    return page[:start] + rows + page[end:]


HTML_VARIANTS: dict[str, tuple[Callable[[str], str], set[str]]] = {
    "t4-after-review-blank": (_blank_t4_block(2), {f"t4.litigation_after_review.{c}" for c in _T4_COLUMNS}),
    "t4-review-blank": (_blank_t4_block(0), {f"t4.review.{c}" for c in _T4_COLUMNS}),
    "t4-rows-after-review-blank": (_t4_as_three_rows(2), {f"t4.litigation_after_review.{c}" for c in _T4_COLUMNS}),
    "t4-rows-review-blank": (_t4_as_three_rows(0), {f"t4.review.{c}" for c in _T4_COLUMNS}),
    "t3-partial-row-blank": (_blank_t3_row("（二）部分公开"), {f"t3.result.partial.{c}" for c in _T3_COLUMNS}),
    "t3-natural-column-blank": (_blank_t3_natural_column, set()),  # ids: every t3 row's natural cell
}


def _cells(report: Report) -> dict[str, tuple[str, Semantic]]:
    return {cid: (c.raw.strip(), c.semantic) for kind in (2, 3, 4) if kind in report.tables
            for cid, c in report.tables[kind].cells.items()}


def _check_variant(original: Report, variant: Report, blanked: set[str]) -> None:
    for kind in (2, 3, 4):
        assert not variant.tables[kind].unplaced, [u.raw for u in variant.tables[kind].unplaced]
    before, after = _cells(original), _cells(variant)
    assert set(after) == set(before)
    expected = {cid: (("", Semantic.EMPTY) if cid in blanked else v) for cid, v in before.items()}
    assert after == expected


@pytest.mark.parametrize("name", sorted(HTML_VARIANTS))
def test_blank_grid_html_variants(name, shared, tmp_path, host, national):
    page = (shared / "corpus" / "shuyang-fagaiju-2023.html").read_text(encoding="utf-8")
    edit, blanked = HTML_VARIANTS[name]
    varied = edit(page)
    assert varied != page
    reader = HtmlReader()
    original = reader.read(Path("shuyang.html"), page.encode())
    variant = reader.read(Path(f"{name}.html"), varied.encode())
    if name == "t3-natural-column-blank":
        blanked = {cid for cid in original.tables[3].cells if cid.endswith(".natural")}
    _check_variant(original, variant, blanked)
    path = tmp_path / f"{name}.html"
    path.write_text(varied, encoding="utf-8")
    (result,) = lint_paths([path], host, national).files
    codes = {f.rule for f in result.findings}
    assert not codes & {"T102", "T110"}, codes
    assert "B101" in codes  # the blank cells are reported as blank, at their positions


def _docx_blank(blank_row: Callable[[list[str]], list[int]]) -> Callable[[bytes], bytes]:
    """The Word fixture with the ``<w:t>`` texts chosen by ``blank_row`` (per table row) emptied."""
    def edit(data: bytes) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(data))
        xml = src.read("word/document.xml").decode("utf-8")

        def row(m: re.Match[str]) -> str:
            texts = list(re.finditer(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", m.group()))
            chosen = set(blank_row([t.group(2) for t in texts]))
            out, last = [], 0
            for i, t in enumerate(texts):
                if i in chosen:
                    out.append(m.group()[last:t.start()] + t.group(1) + t.group(3))
                    last = t.end()
            return "".join(out) + m.group()[last:]

        xml = re.sub(r"<w:tr[ >].*?</w:tr>", row, xml, flags=re.S)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info))
        return buf.getvalue()
    return edit


def _t4_data_row_tail(texts: list[str]) -> list[int]:
    return list(range(10, 15)) if len(texts) == 15 and all(t.isdigit() for t in texts) else []


def _t3_row(label: str) -> Callable[[list[str]], list[int]]:
    return lambda texts: list(range(1, len(texts))) if texts and texts[0].startswith(label) else []


DOCX_VARIANTS: dict[str, tuple[Callable[[list[str]], list[int]], set[str]]] = {
    "t4-after-review-blank": (_t4_data_row_tail, {f"t4.litigation_after_review.{c}" for c in _T4_COLUMNS}),
    "t3-carried-over-blank": (_t3_row("二、上年结转"), {f"t3.carried_over.{c}" for c in _T3_COLUMNS}),
}


@pytest.mark.parametrize("name", sorted(DOCX_VARIANTS))
def test_blank_grid_docx_variants(name):
    data = DOCX.read_bytes()
    chooser, blanked = DOCX_VARIANTS[name]
    varied = _docx_blank(chooser)(data)
    assert varied != data
    reader = DocxReader()
    _check_variant(reader.read(DOCX, data), reader.read(Path(f"{name}.docx"), varied), blanked)
