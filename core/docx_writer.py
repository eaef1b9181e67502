# ruff: noqa: E501  (the package parts are fixed XML, clearer on one line each)
"""A small Word (.docx) writer with the standard library: ``zipfile`` and WordprocessingML written by hand.

The review memo is the only document xxgk-lint writes, and it needs little: a title, headings, paragraphs with
bold runs, right-aligned sign-off lines, simple tables with borders and page breaks.  Those are a few XML
elements, so no third-party library is needed; our own reader (plugins/readers/docx.py) and LibreOffice both
read the result (tests convert it).  Fonts follow official documents: 宋体 body, 黑体 headings, 小标宋 title
(Word falls back to an installed CJK font when one is missing).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def _fonts(east_asia: str) -> str:
    return f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/>'


def _style(style_id: str, name: str, font: str, size: int, bold: bool = False, center: bool = False,
           before: int = 0, after: int = 120) -> str:
    jc = '<w:jc w:val="center"/>' if center else ""
    b = "<w:b/>" if bold else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="{before}" w:after="{after}"/>'
            f'{jc}</w:pPr><w:rPr>{_fonts(font)}{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>')


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr>{_fonts("宋体")}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
{_style("Title", "Title", "方正小标宋简体", 40, center=True, before=240, after=360)}
{_style("Heading1", "heading 1", "黑体", 30, before=240, after=120)}
{_style("Heading2", "heading 2", "黑体", 26, before=160, after=80)}
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator></cp:coreProperties>"""

#: A4 with the margins of GB/T 9704 official documents (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm)
_SECTION = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
            'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
TEXT_WIDTH = 11906 - 1474 - 1588  # twentieths of a point


def _text(text: str) -> str:
    """Characters XML 1.0 cannot hold (control characters from a damaged report) become U+FFFD."""
    clean = "".join(c if c in "\t\n" or ord(c) >= 0x20 else "\ufffd" for c in text)
    return escape(clean)


def _run(text: str, bold: bool = False, size: int = 0) -> str:
    inner_props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    props = f"<w:rPr>{inner_props}</w:rPr>" if inner_props else ""
    parts = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{_text(p)}</w:t>' for p in parts)
    return f"<w:r>{props}{inner}</w:r>"


@dataclass
class Docx:
    """Body XML built paragraph by paragraph; ``save`` writes the package."""

    title: str = ""
    creator: str = "xxgk-lint"
    _body: list[str] = field(default_factory=list)

    def paragraph(self, *runs: str | tuple[str, bool], style: str = "", align: str = "", indent: int = 0,
                  left: int = 0) -> None:
        """Runs are text, or (text, bold); ``indent`` (first line) and ``left`` (every line) are in characters."""
        props = []
        if style:
            props.append(f'<w:pStyle w:val="{style}"/>')
        if indent or left:
            first = f' w:firstLineChars="{indent * 100}" w:firstLine="{indent * 240}"' if indent else ""
            margin = f' w:leftChars="{left * 100}" w:left="{left * 240}"' if left else ""
            props.append(f"<w:ind{margin}{first}/>")
        if align:
            props.append(f'<w:jc w:val="{align}"/>')
        ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
        body = "".join(_run(r) if isinstance(r, str) else _run(*r) for r in runs)
        self._body.append(f"<w:p>{ppr}{body}</w:p>")

    def heading(self, text: str, level: int = 1) -> None:
        self.paragraph(text, style="Title" if level == 0 else f"Heading{min(level, 2)}")

    def table(self, rows: list[list[str]], widths: list[int] | None = None) -> None:
        """A bordered table; the first row is the header (bold, repeated on every page)."""
        if not rows:
            return
        count = max(len(r) for r in rows)
        widths = widths or [1] * count
        total = sum(widths)
        cols = [TEXT_WIDTH * w // total for w in widths]
        border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                         for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders>'
               '<w:tblLayout w:type="fixed"/></w:tblPr>',
               "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in cols) + "</w:tblGrid>"]
        for i, row in enumerate(rows):
            header = '<w:trPr><w:tblHeader/></w:trPr>' if i == 0 else ""
            cells = []
            for j in range(count):
                text = row[j] if j < len(row) else ""
                cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{cols[j]}" w:type="dxa"/></w:tcPr>'
                             f"<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr>"
                             f"{_run(text, bold=i == 0, size=21)}</w:p></w:tc>")
            out.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
        out.append("</w:tbl>")
        self._body.append("".join(out))
        self._body.append("<w:p/>")  # Word needs a paragraph between a table and what follows

    def page_break(self) -> None:
        self._body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def document_xml(self) -> str:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
                f"{''.join(self._body)}{_SECTION}</w:body></w:document>")

    def save(self, path: Path) -> None:
        """Written to a temporary name and moved into place: never a half-written memo."""
        tmp = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
            z.writestr("word/styles.xml", _STYLES)
            z.writestr("word/document.xml", self.document_xml())
            z.writestr("docProps/core.xml", _CORE.format(title=_text(self.title), creator=_text(self.creator)))
        tmp.replace(path)
