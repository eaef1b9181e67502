"""PDF reports: text, paragraphs and tables rebuilt from the page layout, with page and bbox for every cell.

Published reports are mostly PDFs exported from WPS or Word: ruled tables with merged cells, vertical labels
written one character per line, tables continued over pages, page numbers.  The reader rebuilds what was
printed and hands it on as text in the shape every reader produces (one line per paragraph, one line per table
row with tab-separated fields), so structure and table extraction stay shared (``core.build``); a source map
ties every line and cell back to its page and box.

pdfminer is imported only when a PDF is read (the stages live in submodules loaded by ``read``), so checking
text files never pays for it.  Input that cannot be checked — not a PDF, encrypted, damaged, scanned without a
text layer, fonts without a Unicode mapping — is refused with a ``ReadError`` that says why, in Chinese.

Stages, one module each: ``extract`` (pdfminer layout pass, damaged and encrypted files), ``pdfium`` (the
same pass by PDFium, optional and faster), ``quality`` (can it
be read at all), ``ruled`` (grid from ruling lines), ``borderless`` (grid from text alignment), ``lines``
(CJK-aware lines), ``celltext`` (vertical labels, wrapped cells), ``furniture`` (page numbers, running
headers), ``flow`` (paragraphs, reading order), ``continuation`` (tables across pages), ``render`` (text and
anchors), ``pipeline`` (the order); ``geometry`` holds the records they pass on.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from xxgk_lint.core.build import build_report
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Report, SourceMap
from xxgk_lint.core.readers import ReadError

_MAGIC = b"%PDF-"
#: The PDF header may follow a little junk; readers accept it within the first kilobyte.
_HEADER_WINDOW = 1024
_SNIFF: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "ZIP 压缩包或 Word/WPS 文档（.docx/.wps）"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（.doc/.xls）"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"{\\rtf", "RTF 文档"),
)


def _what_it_is(data: bytes) -> str:
    for magic, name in _SNIFF:
        if data.startswith(magic):
            return f"，看起来是{name}"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "，看起来是 HTML 网页"
    return ""


def default_engine() -> str:
    """PDFium when pypdfium2 is installed (the same result, many times faster), else pdfminer."""
    return "pdfium" if importlib.util.find_spec("pypdfium2") is not None else "pdfminer"


class PdfReader:
    """``engine``: ``pdfminer`` or ``pdfium`` (``--pdf-engine``, given through ``configure``); both feed the
    same stages and give the same report."""

    name = "pdf"
    extensions = (".pdf",)

    def __init__(self, engine: str | None = None):
        self.engine = engine or default_engine()

    @property
    def variant(self) -> str:
        """What the parse cache keys on besides the reader's name."""
        return self.engine

    def configure(self, options: dict[str, str]) -> None:
        engine = options.get("pdf_engine")
        if engine in ("pdfminer", "pdfium"):
            self.engine = engine

    def claims(self, path: Path, head: bytes) -> bool:
        return head.startswith(_MAGIC)

    def read(self, path: Path, data: bytes) -> Report:
        if not data.strip():
            raise ReadError("empty", "文件为空")
        if _MAGIC not in data[:_HEADER_WINDOW]:
            raise ReadError("not-pdf", f"文件内容不是 PDF（开头没有 %PDF- 标记）{_what_it_is(data)}")
        from .bombs import check_streams
        from .pipeline import convert  # loads pdfminer: only when a PDF is actually read

        check_streams(data)
        text, anchors, notes = convert(data, self.engine)
        return build_report(str(path), "pdf", text, source_map=SourceMap(anchors), reader_notes=notes)


@hookimpl
def xxgk_readers() -> list[PdfReader]:
    return [PdfReader()]
