"""Write the small PDF fixtures of tests/test_pdf_reader.py — without pdfminer, so the reader is tested against
files it did not help make.

    python tests/data/pdf/make_fixtures.py        # needs qpdf for the encrypted fixtures

Text uses the PDF standard CJK font STSong-Light (UniGB-UCS2-H, not embedded: the files stay a few KB and any
viewer substitutes a Song face).  Layout is computed here from the font's widths (ideographs 1 em, ASCII ½ em).

- ``compliant-2021-ruled.pdf``: tests/data/compliant-2021.txt typeset as a report: wrapped paragraphs with a
  first-line indent, a centred title, ruled tables with wrapped cells, table 3 broken over a page with its first
  row repeated, page numbers "- N -".
- ``compliant-2021-borderless.pdf``: the same text with tables laid out in aligned columns, no rules.
- ``sample-defects-ruled.pdf``: tests/data/sample-defects.txt typeset like the first (findings with pages).
- ``image-only.pdf``: two pages that are only images (a scan without a text layer).
- ``partly-scanned.pdf``: a text page followed by an image-only page.
- ``no-unicode.pdf``: glyphs from an Identity-H font without a ToUnicode map, as "(cid:N)" to extractors.
- ``encrypted.pdf``: a user password is needed (qpdf, AES-256); ``empty-password.pdf``: encrypted with an
  owner password only, which opens without one.
- ``truncated.pdf``: the first half of ``compliant-2021-ruled.pdf`` (an interrupted download).
- ``not-a-pdf.pdf``: an HTML page named .pdf; ``empty.pdf``: no bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPLIANT = HERE.parent / "compliant-2021.txt"
DEFECTS = HERE.parent / "sample-defects.txt"


def char_width(ch: str) -> float:
    """Advance in em of a glyph of STSong-Light with UniGB-UCS2-H: ASCII is half-width."""
    return 0.5 if ord(ch) < 128 else 1.0


def text_width(text: str, size: float) -> float:
    return sum(char_width(c) for c in text) * size


@dataclass
class Page:
    width: float
    height: float
    ops: list[str] = field(default_factory=list)
    images: list[tuple[int, int, bytes]] = field(default_factory=list)

    def text(self, x: float, y: float, size: float, text: str, font: str = "F1") -> None:
        # F2 draws Identity-H glyph ids that have no Unicode map
        data = text.encode("utf-16-be").hex() if font == "F1" else "".join(f"{0x100 + ord(c) % 2000:04x}" for c in text)
        self.ops.append(f"BT /{font} {size:.2f} Tf {x:.2f} {y:.2f} Td <{data}> Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.ops.append(f"0.5 w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")

    def image(self, x: float, y: float, w: float, h: float, pw: int, ph: int) -> None:
        pixels = bytes((i * 7 + j * 3) % 256 for j in range(ph) for i in range(pw))
        self.images.append((pw, ph, pixels))
        self.ops.append(f"q {w:.2f} 0 0 {h:.2f} {x:.2f} {y:.2f} cm /Im{len(self.images)} Do Q")


def build_pdf(pages: Sequence[Page]) -> bytes:
    """A PDF 1.4 file: catalog, page tree, the two fonts, pages with compressed content and image streams."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(extra: str, data: bytes) -> bytes:
        packed = zlib.compress(data, 9)
        return (f"<< {extra} /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed
                + b"\nendstream")

    catalog = add(b"")
    tree = add(b"")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                     b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
              f"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
              f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500] >>".encode())
    song = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               f"/DescendantFonts [{cid} 0 R] >>".encode())
    bare_cid = add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphsOnly "
                   f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                   f"/FontDescriptor {descriptor} 0 R /DW 1000 >>".encode())
    bare = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphsOnly /Encoding /Identity-H "
               f"/DescendantFonts [{bare_cid} 0 R] >>".encode())
    kids = []
    for page in pages:
        xobjects = []
        for pw, ph, pixels in page.images:
            xobjects.append(add(stream(f"/Type /XObject /Subtype /Image /Width {pw} /Height {ph} "
                                       "/ColorSpace /DeviceGray /BitsPerComponent 8", pixels)))
        content = add(stream("", "\n".join(page.ops).encode()))
        xobj = " ".join(f"/Im{k + 1} {n} 0 R" for k, n in enumerate(xobjects))
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {page.width:.0f} {page.height:.0f}] "
                        f"/Contents {content} 0 R /Resources << /Font << /F1 {song} 0 R /F2 {bare} 0 R >> "
                        f"/XObject << {xobj} >> >> >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- typesetting a tab-separated report ---------------------------------------------------------------------

BODY, TITLE, CELL = 10.5, 16.0, 7.5
PAD = 3.0  # cell padding


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Break anywhere (CJK text has no word boundaries); the first line is ``indent`` narrower."""
    lines, current, used, limit = [], "", 0.0, width - indent
    for ch in text:
        w = char_width(ch) * size
        if current and used + w > limit:
            lines.append(current)
            current, used, limit = "", 0.0, width
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


class Typesetter:
    def __init__(self, width: float, height: float, margin: float, ruled: bool):
        self.width, self.height, self.margin, self.ruled = width, height, margin, ruled
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        if self.pages:
            self._page_number()
        self.pages.append(Page(self.width, self.height))
        self.y = self.height - self.margin

    def _page_number(self) -> None:
        label = f"- {len(self.pages)} -"
        self.pages[-1].text((self.width - text_width(label, 9)) / 2, self.margin / 2, 9, label)

    def finish(self) -> list[Page]:
        self._page_number()
        return self.pages

    def need(self, height: float) -> None:
        if self.y - height < self.margin:
            self.new_page()

    def paragraph(self, text: str, centred: bool = False, size: float = BODY) -> None:
        usable = self.width - 2 * self.margin
        indent = 0.0 if centred else 2 * size
        for k, line in enumerate(wrap(text.strip(), usable, size, indent)):
            self.need(size * 1.8)
            self.y -= size * 1.8
            x = (self.width - text_width(line, size)) / 2 if centred else self.margin + (indent if k == 0 else 0.0)
            self.pages[-1].text(x, self.y + 0.3 * size, size, line)
        self.y -= size * 0.4

    def table(self, rows: list[list[str]]) -> None:
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        widths = [max(text_width(r[c], CELL) for r in rows) + 2 * PAD for c in range(ncols)]
        widths = [max(w, 4 * CELL) for w in widths]
        usable = self.width - 2 * self.margin
        if self.ruled and sum(widths) > usable:  # narrow every column alike; cell text wraps
            narrow = [w for w in widths if w <= 4 * CELL]
            scale = (usable - sum(narrow)) / (sum(widths) - sum(narrow))
            widths = [w if w <= 4 * CELL else max(4 * CELL, w * scale) for w in widths]
        gap = 0.0 if self.ruled else 2.2 * CELL
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + w + gap)
        header = rows[0]
        for k, row in enumerate(rows):
            self._row(row, xs, widths)
            if self.ruled and k + 1 < len(rows) and self._row_height(rows[k + 1], widths) > self.y - self.margin:
                self.new_page()
                self._row(header, xs, widths)  # the header row repeated on the next page
        self.y -= BODY

    def _cell_lines(self, text: str, width: float) -> list[str]:
        if not self.ruled:
            return [text]
        return wrap(text, width - 2 * PAD, CELL)

    def _row_height(self, row: list[str], widths: list[float]) -> float:
        return max(len(self._cell_lines(t, w)) for t, w in zip(row, widths, strict=True)) * CELL * 1.5 + 2 * PAD

    def _row(self, row: list[str], xs: list[float], widths: list[float]) -> None:
        height = self._row_height(row, widths)
        self.need(height)
        page, top = self.pages[-1], self.y
        for text, x, w in zip(row, xs, widths, strict=False):  # xs has one more
            for k, line in enumerate(self._cell_lines(text, w)):
                if line:
                    page.text(x + PAD, top - PAD - (k + 1) * CELL * 1.5 + 0.4 * CELL, CELL, line)
        if self.ruled:
            page.line(xs[0], top, xs[-1], top)
            page.line(xs[0], top - height, xs[-1], top - height)
            for x in xs:
                page.line(x, top, x, top - height)
        self.y -= height


def typeset_report(text: str, ruled: bool) -> list[Page]:
    setter = Typesetter(595, 842, 70, ruled) if ruled else Typesetter(1300, 842, 40, ruled)
    lines = text.splitlines()
    title_done = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append(lines[i].split("\t"))
                i += 1
            setter.table(block)
            continue
        if line.strip():
            setter.paragraph(line, centred=not title_done, size=TITLE if not title_done else BODY)
            title_done = True
        i += 1
    return setter.finish()


# --- the unreadable ones -------------------------------------------------------------------------------------

def image_pages(count: int) -> list[Page]:
    pages = []
    for _ in range(count):
        page = Page(595, 842)
        page.image(70, 100, 455, 640, 24, 32)
        pages.append(page)
    return pages


def text_page(lines: Sequence[str]) -> Page:
    page = Page(595, 842)
    for k, line in enumerate(lines):
        page.text(70, 760 - 24 * k, BODY, line)
    return page


def no_unicode_page() -> Page:
    page = Page(595, 842)
    for k in range(12):
        page.text(70, 760 - 24 * k, BODY, "本报告由示例县人民政府办公室根据条例编制所列数据统计期限", font="F2")
    return page


def encrypt(source: Path, target: Path, user: str) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise SystemExit("qpdf is needed for the encrypted fixtures (apt-get install qpdf)")
    subprocess.run([qpdf, "--encrypt", user, "owner-secret", "256", "--", str(source), str(target)], check=True)


def main() -> None:
    report = COMPLIANT.read_text(encoding="utf-8")
    ruled = build_pdf(typeset_report(report, ruled=True))
    (HERE / "compliant-2021-ruled.pdf").write_bytes(ruled)
    (HERE / "truncated.pdf").write_bytes(ruled[: len(ruled) // 2])
    (HERE / "compliant-2021-borderless.pdf").write_bytes(build_pdf(typeset_report(report, ruled=False)))
    defects = DEFECTS.read_text(encoding="utf-8")
    (HERE / "sample-defects-ruled.pdf").write_bytes(build_pdf(typeset_report(defects, ruled=True)))
    (HERE / "image-only.pdf").write_bytes(build_pdf(image_pages(2)))
    summary = ["示例县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本页有文字，下一页是扫描图像。"]
    (HERE / "partly-scanned.pdf").write_bytes(build_pdf([text_page(summary), *image_pages(1)]))
    (HERE / "no-unicode.pdf").write_bytes(build_pdf([no_unicode_page()]))
    plain = HERE / "plain.tmp.pdf"
    plain.write_bytes(build_pdf([text_page(summary)]))
    try:
        encrypt(plain, HERE / "encrypted.pdf", "user-secret")
        encrypt(plain, HERE / "empty-password.pdf", "")
    finally:
        plain.unlink()
    (HERE / "not-a-pdf.pdf").write_bytes("<!DOCTYPE html>\n<html><body><p>政府信息公开工作年度报告</p></body></html>\n"
                                         .encode())
    (HERE / "empty.pdf").write_bytes(b"")


if __name__ == "__main__":
    main()
