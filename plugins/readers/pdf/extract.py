"""One pdfminer pass per page: glyphs with their boxes, ruling lines and images.

The layout is read once, without pdfminer's own text grouping (``laparams=None``): the grouping of
``extract_text`` costs as much as parsing the page and its lines cross table cells anyway.  Everything after
this module works on ``geometry`` records.  pdfminer is imported here only, and this module is imported only
when a PDF is read, so checking text files never loads pdfminer.

Failures become ``ReadError``s that say what is wrong in Chinese: a password, a damaged or truncated file.
A page whose content cannot be interpreted is kept as a failed page, so the rest of the report is still read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from io import BytesIO
from itertools import pairwise
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTItem, LTLine, LTPage, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from xxgk_lint.core import limits
from xxgk_lint.core.readers import ReadError

from .geometry import UNDECODABLE, Glyph, PageLayout, Segment, make_glyph

# pdfminer logs every oddity of a file (missing font boxes, bad xref entries) as a warning; with no handler
# configured, Python would print them on stderr in the middle of the linter's report.  A NullHandler keeps
# them out of the output while an application that configures logging still receives them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

#: Private-use code points: what a broken ToUnicode map yields instead of characters.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")

#: Shapes thinner than this (points) are rules even when drawn as filled rectangles.
THIN = 2.0
#: Rules shorter than this are dots, ticks or glyph parts, not table borders.
MIN_RULE = 3.0


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _parse(data: bytes) -> PDFDocument:
    return PDFDocument(PDFParser(BytesIO(data)), password="")


def repair_truncated(data: bytes) -> bytes | None:
    """A truncated file (an interrupted download) lost its cross-reference table and trailer, which sit at the
    end; pdfminer can rebuild the table from the objects but needs the trailer to find the catalog.  Cut the
    file after its last complete object and add a trailer naming the catalog, when the catalog is visible."""
    catalog = _CATALOG.search(data)
    if catalog is None:
        return None
    heads = list(_OBJECT.finditer(data, 0, catalog.start()))
    end = data.rfind(b"endobj")
    if not heads or end < catalog.start():
        return None
    obj, gen = heads[-1].group(1), heads[-1].group(2)
    return data[:end + len(b"endobj")] + b"\ntrailer\n<< /Root " + obj + b" " + gen + b" R >>\n"


def open_document(data: bytes) -> tuple[PDFDocument, bool]:
    """The parsed document, and whether it had to be repaired as a truncated file."""
    try:
        return _parse(data), False
    except PDFPasswordIncorrect as exc:
        raise ReadError("encrypted", "PDF 文件已加密，需要密码才能打开，无法检查；请提供未加密的文件") from exc
    except PDFEncryptionError as exc:
        raise ReadError("encrypted", f"PDF 文件已加密，且加密方式无法处理（{_why(exc)}）；请提供未加密的文件") from exc
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        repaired = repair_truncated(data)
        if repaired is not None:
            try:
                return _parse(repaired), True
            except Exception:
                pass
        raise ReadError("corrupt", f"PDF 文件已损坏或不完整，无法打开（{_why(exc)}）") from exc


def declared_pages(doc: PDFDocument) -> int | None:
    """The page count the page tree declares (/Count), when it can be read."""
    try:
        count = resolve1(resolve1(doc.catalog["Pages"])["Count"])
    except Exception:
        return None
    return count if isinstance(count, int) and count > 0 else None


def _document_pages(doc: PDFDocument) -> list[PDFPage]:
    pages: list[PDFPage] = []
    most = limits.current().pdf_pages
    try:
        for page in PDFPage.create_pages(doc):
            pages.append(page)
            if len(pages) > most:
                raise limits.exceeded("pdf_pages", f"PDF 超过 {most} 页")
    except ReadError:
        raise
    except PDFEncryptionError as exc:
        raise ReadError("encrypted", f"PDF 文件已加密，无法读取页面（{_why(exc)}）") from exc
    except Exception as exc:  # a broken page tree: keep the pages found before the damage
        if not pages:
            raise ReadError("corrupt", f"PDF 文件已损坏或不完整，找不到页面（{_why(exc)}）") from exc
    if not pages:
        raise ReadError("corrupt", "PDF 文件中没有任何页面（文件可能已损坏或被截断）")
    return pages


def _walk(item: LTItem) -> Iterator[LTItem]:
    if isinstance(item, (LTPage, LTFigure)):
        for child in item:
            yield from _walk(child)
    else:
        yield item


def _pair_segment(p: tuple[float, float], q: tuple[float, float]) -> Segment | None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= 1 and abs(x1 - x0) >= MIN_RULE:
        return Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x1 - x0) <= 1 and abs(y1 - y0) >= MIN_RULE:
        return Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


def shape_segments(shape: LTCurve) -> list[Segment]:
    """Rules drawn by a path: the straight sides of a stroked path, or a filled shape thin enough to be a line.
    Filled areas (cell shading, paragraph backgrounds) are not rules."""
    x0, y0, x1, y1 = shape.bbox
    width, height = x1 - x0, y1 - y0
    if width <= THIN and height >= MIN_RULE:
        return [Segment(False, (x0 + x1) / 2, y0, y1)]
    if height <= THIN and width >= MIN_RULE:
        return [Segment(True, (y0 + y1) / 2, x0, x1)]
    if not shape.stroke:
        return []
    pts = list(shape.pts)
    if isinstance(shape, LTRect) or (shape.original_path and shape.original_path[-1][0] == "h"):
        pts.append(pts[0])
    out = []
    for p, q in pairwise(pts):
        seg = _pair_segment(p, q)
        if seg is not None:
            out.append(seg)
    return out


def convert_page(number: int, layout: LTPage) -> PageLayout:
    glyphs: list[Glyph] = []
    segments: list[Segment] = []
    images = undecodable = 0
    for item in _walk(layout):
        if isinstance(item, LTChar):
            text = item.get_text()
            if text.startswith("(cid:") or _PRIVATE_USE.search(text):
                undecodable += 1
                text = UNDECODABLE
            elif not text.strip():
                continue  # spaces are recomputed from the gaps (see lines.joiner)
            glyphs.append(make_glyph(text, item.x0, item.y0, item.x1, item.y1, item.size))
        elif isinstance(item, (LTLine, LTRect, LTCurve)):
            segments.extend(shape_segments(item))
        elif isinstance(item, LTImage):
            images += 1
    return PageLayout(number, layout.bbox, glyphs, segments, images, undecodable)


def _interpreter(manager: PDFResourceManager) -> tuple[PDFPageAggregator, PDFPageInterpreter]:
    device = PDFPageAggregator(manager, laparams=None)
    return device, PDFPageInterpreter(manager, device)


def load_pages(data: bytes) -> list[PageLayout]:
    """Every page of the document, each read in a single layout pass."""
    doc, repaired = open_document(data)
    manager = PDFResourceManager(caching=True)
    device, interpreter = _interpreter(manager)
    out: list[PageLayout] = []
    for number, page in enumerate(_document_pages(doc), 1):
        try:
            interpreter.process_page(page)
            layout: Any = device.get_result()
            out.append(convert_page(number, layout))
        except Exception:  # one damaged page content stream must not lose the other pages
            out.append(PageLayout(number, _page_box(page), [], [], failed=True))
            device, interpreter = _interpreter(manager)
    if repaired:
        _check_complete(out, declared_pages(doc))
    return out


def _check_complete(pages: list[PageLayout], declared: int | None) -> None:
    """A repaired truncated file is read only when every page survived: a report cut short would be linted as
    a report without its later sections and tables, which says nothing about the real problem."""
    readable = sum(1 for p in pages if p.glyphs and not p.failed)
    total = max(declared or 0, len(pages))
    if readable < total or declared is None:
        known = f"共 {total} 页，只有 {readable} 页能完整读出" if declared else f"只能读出 {readable} 页"
        raise ReadError("truncated",
                        f"PDF 文件不完整（可能下载中断或文件被截断）：{known}，未检查；请重新获取完整的文件")


def _page_box(page: PDFPage) -> tuple[float, float, float, float]:
    try:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        return (0.0, 0.0, abs(x1 - x0), abs(y1 - y0))
    except Exception:
        return (0.0, 0.0, 595.0, 842.0)
