"""The fast PDF engine: PDFium (through pypdfium2) instead of pdfminer for the one layout pass per page.

pdfminer interprets every content stream in Python (93 ms a page on the benchmark, PDFium 32: see
docs/performance.md); PDFium does it in C++.  This module
yields the same ``geometry`` records as ``extract`` — glyphs with boxes, ruling-line segments, an image count —
so every later stage is shared and the two engines give the same cells and findings (tests/test_pdf_engines.py).

Where PDFium and pdfminer differ, this module normalises to what pdfminer gives: coordinates in the page's
media box moved to the origin and turned by /Rotate (pdfminer's page matrix); a glyph's box from its origin to
its advance (the font's width), font size high, starting at the font's descent (pdfminer's ``LTChar``), not
PDFium's ink box; single-precision values rounded back to the decimals they stood for (``_snap``);
spaces and line breaks PDFium generates itself are dropped (``lines.joiner`` recomputes spaces from gaps);
paths are split into subpaths and turned into segments by ``extract.shape_segments``' rules.

pypdfium2 is an optional dependency (``pip install 'xxgk-lint[fast]'``), imported only here; ``available()``
says whether it is installed without importing it.  Files it cannot read faithfully go to pdfminer (see
``load_pages_pdfium``), so errors and notes are the pdfminer path's.
"""

from __future__ import annotations

import ctypes
import importlib.util
from itertools import pairwise
from typing import Any

from xxgk_lint.core import limits

from .extract import _PRIVATE_USE, MIN_RULE, THIN, _pair_segment
from .geometry import UNDECODABLE, Glyph, PageLayout, Segment, make_glyph

Matrix = tuple[float, float, float, float, float, float]


def available() -> bool:
    """Whether pypdfium2 is installed (without importing it)."""
    return importlib.util.find_spec("pypdfium2") is not None


def _snap(v: float) -> float:
    """The decimal a float32 stood for: PDFium keeps coordinates in single precision (599.539 comes back as
    599.5390014648438), pdfminer in double precision from the content stream's decimals, so PDFium's values
    are rounded to the 7 significant digits single precision holds before any arithmetic."""
    return float(f"{v:.7g}")


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _page_matrix(mediabox: tuple[float, float, float, float], rotate: int) -> Matrix:
    """pdfminer's page matrix: the media box's corner to the origin, then /Rotate applied."""
    x0, y0, x1, y1 = mediabox
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _rect(m: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    pts = [_apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def subpath_segments(pts: list[tuple[float, float]], closed: bool, stroke: bool) -> list[Segment]:
    """One subpath's rules, by ``extract.shape_segments``' rules: a thin box is a rule whatever paints it;
    otherwise the straight sides of a stroked subpath (closed back to its start when closed)."""
    if not pts:
        return []
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    width, height = x1 - x0, y1 - y0
    if width <= THIN and height >= MIN_RULE:
        return [Segment(False, (x0 + x1) / 2, y0, y1)]
    if height <= THIN and width >= MIN_RULE:
        return [Segment(True, (y0 + y1) / 2, x0, x1)]
    if not stroke:
        return []
    if closed:
        pts = [*pts, pts[0]]
    return [seg for p, q in pairwise(pts) if (seg := _pair_segment(p, q)) is not None]


class _Engine:
    """pypdfium2's raw API, imported once per read."""

    def __init__(self) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self.pdfium = pdfium
        self.raw = raw


class _Unsure(Exception):
    """PDFium cannot be trusted to give what pdfminer gives for this file: read it with pdfminer instead."""


def _open(engine: _Engine, data: bytes) -> Any:
    try:
        return engine.pdfium.PdfDocument(data)
    except engine.pdfium.PdfiumError as exc:
        raise _Unsure from exc


def _glyphs(engine: _Engine, page: Any, m: Matrix) -> tuple[list[Glyph], int]:
    """The page's glyphs as pdfminer boxes them: from the origin to the advance (the font's width of the
    character, not PDFium's loose box, which reaches as far as the ink of a substituted font), font size
    high, starting at the font's descent.

    What is the same for every character of a text object (font, size, descent, the matrix's scale) and every
    character's width are asked of PDFium once: the calls across ctypes are most of this engine's time."""
    raw = engine.raw
    textpage = raw.FPDFText_LoadPage(page.raw)
    glyphs: list[Glyph] = []
    undecodable = 0
    moves = m[:4] == (1, 0, 0, 1)  # the page matrix only moves: boxes need no turning
    snapped: dict[float, float] = {}

    def snap(v: float) -> float:
        out = snapped.get(v)
        if out is None:
            out = snapped[v] = _snap(v)
        return out

    # text object → (font, size, descent, a, d), or None when its text is turned (then: the loose box)
    objects: dict[int | None, tuple[Any, float, float, float, float] | None] = {}
    widths: dict[tuple[int | None, int], float | None] = {}
    try:
        count = raw.FPDFText_CountChars(textpage)
        rect = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        fm = raw.FS_MATRIX()
        descent, width = ctypes.c_float(), ctypes.c_float()
        for i in range(count):
            if raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue  # spaces and line breaks PDFium adds between words and lines
            code = raw.FPDFText_GetUnicode(textpage, i)
            if code in (0xFFFE, 0xFFFF):
                continue
            text = chr(code) if code else ""
            if raw.FPDFText_HasUnicodeMapError(textpage, i) == 1 or not code or _PRIVATE_USE.search(text):
                undecodable += 1
                text = UNDECODABLE
            elif not text.strip():
                continue  # spaces are recomputed from the gaps (see lines.joiner)
            handle = raw.FPDFText_GetTextObject(textpage, i)
            key = ctypes.cast(handle, ctypes.c_void_p).value
            if key not in objects:
                raw.FPDFText_GetMatrix(textpage, i, fm)
                if fm.b == 0 and fm.c == 0 and fm.d > 0 and fm.a > 0:
                    fs = _snap(raw.FPDFText_GetFontSize(textpage, i))
                    font = raw.FPDFTextObj_GetFont(handle)
                    raw.FPDFFont_GetDescent(font, ctypes.c_float(fs), descent)
                    objects[key] = (font, fs, _snap(descent.value), _snap(fm.a), _snap(fm.d))
                else:
                    objects[key] = None
            style = objects[key]
            if style is None:  # rotated or mirrored text: PDFium's loose box
                if not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
                    continue
                box = (snap(rect.left), snap(rect.bottom), snap(rect.right), snap(rect.top))
            else:
                font, fs, dsc, a, d = style
                raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
                x, y = snap(ox.value), snap(oy.value)
                advance = widths.get((key, code), -1.0)
                if advance == -1.0:
                    ok = raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(fs), width)
                    advance = widths[(key, code)] = _snap(width.value) if ok else None
                if advance is None:
                    if not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
                        continue
                    right = snap(rect.right)
                else:
                    right = a * advance + x
                box = (x, d * dsc + y, right, d * (dsc + fs) + y)
            if moves:
                x0, y0, x1, y1 = box[0] + m[4], box[1] + m[5], box[2] + m[4], box[3] + m[5]
            else:
                x0, y0, x1, y1 = _rect(m, *box)
            glyphs.append(make_glyph(text, x0, y0, x1, y1, y1 - y0))
    finally:
        raw.FPDFText_ClosePage(textpage)
    return glyphs, undecodable


def _matrix(m: Any) -> Matrix:
    return (_snap(m.a), _snap(m.b), _snap(m.c), _snap(m.d), _snap(m.e), _snap(m.f))


def _segments(engine: _Engine, page: Any, m: Matrix) -> tuple[list[Segment], int]:
    raw = engine.raw
    segments: list[Segment] = []
    images = 0
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    om = raw.FS_MATRIX()
    # Objects inside Form XObjects report coordinates in the form's space: keep each level's matrix.
    chain: list[Matrix] = [m]
    for obj in page.get_objects(filter=None, max_depth=15):
        del chain[obj.level + 1:]
        kind = obj.type
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj.raw, om)
            chain.append(_mul(_matrix(om), chain[-1]))
            continue
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj.raw, fillmode, stroke):
            continue
        if fillmode.value == 0 and not stroke.value:
            continue
        raw.FPDFPageObj_GetMatrix(obj.raw, om)
        ctm = _mul(_matrix(om), chain[-1])
        pts: list[tuple[float, float]] = []
        closed = False
        for k in range(raw.FPDFPath_CountSegments(obj.raw)):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO and pts:
                segments.extend(subpath_segments(pts, closed, bool(stroke.value)))
                pts, closed = [], False
            pts.append(_apply(ctm, _snap(x.value), _snap(y.value)))
            closed = closed or bool(raw.FPDFPathSegment_GetClose(seg))
        segments.extend(subpath_segments(pts, closed, bool(stroke.value)))
    return segments, images


def _read(engine: _Engine, data: bytes) -> list[PageLayout]:
    doc = _open(engine, data)
    try:
        total = len(doc)
        if total == 0:
            raise _Unsure
        most = limits.current().pdf_pages
        if total > most:  # the same limit, and message, as the pdfminer engine
            raise limits.exceeded("pdf_pages", f"PDF 超过 {most} 页")
        out: list[PageLayout] = []
        for number in range(1, total + 1):
            try:
                page = doc[number - 1]
            except engine.pdfium.PdfiumError as exc:
                raise _Unsure from exc
            try:
                box = tuple(_snap(v) for v in page.get_mediabox())
                m = _page_matrix(box, page.get_rotation())
                x0, y0, x1, y1 = _rect(m, *box)
                glyphs, undecodable = _glyphs(engine, page, m)
                if undecodable:
                    raise _Unsure
                segments, images = _segments(engine, page, m)
                out.append(PageLayout(number, (0.0, 0.0, x1 - x0, y1 - y0), glyphs, segments, images))
            finally:
                page.close()
    finally:
        doc.close()
    return out


def load_pages_pdfium(data: bytes) -> list[PageLayout]:
    """Every page of the document, as ``extract.load_pages`` gives it, read by PDFium.

    Files PDFium cannot open or read whole (damaged, truncated, encrypted, an unreadable page) and files with
    glyphs lacking a Unicode mapping go to pdfminer: they are rare, pdfminer's repair of truncated files and
    its ``(cid:N)`` accounting are what the reader's messages are built on, and PDFium guesses characters for
    unmapped glyphs where pdfminer says it cannot."""
    try:
        return _read(_Engine(), data)
    except _Unsure:
        from .extract import load_pages

        return load_pages(data)
