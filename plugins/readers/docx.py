"""Word 2007+ (.docx) reports, read with the standard library only (``zipfile`` + ``xml.etree``).

A report in Word has the same parts as a text report; only its tables need care.  The reader renders the
document as the text readers see (``core/build.py`` then does structure and table extraction for every
format alike):

- a paragraph (``w:p``) is a line, with a blank line between paragraphs as in the text seeds; ``w:tab`` is a
  tab and ``w:br``/``w:cr`` a line break; deleted revisions, field instructions and hidden text are left out;
- automatic numbering (``w:numPr`` on the paragraph or its style, resolved through ``numbering.xml``) is
  written in front of the text, so a heading numbered by Word still reads ``一、总体情况`` (see *Limitations*);
- a table row is one line, its cells separated by tabs, laid on the table grid: a cell merged over several
  columns (``w:gridSpan``) gives its text once followed by empty fields, a cell merged down (``w:vMerge``
  continue) is an empty field below the first one, ``w:gridBefore``/``w:gridAfter`` are empty fields, and a
  blank cell is an empty field.  That is the shape of the tab-separated seeds, which ``core/tables.py``
  reads.  Inside a cell, paragraphs and line breaks are joined by a space (a cell never adds a line or a
  column);
- a nested table is flattened: when a row holds a single cell that contains tables (a layout table wrapping
  the report, common in documents converted from web pages) the cell's paragraphs and tables are read as if
  they stood outside; otherwise a nested table's text is joined into its cell by spaces;
- text boxes, drawings and embedded objects (``w:drawing``, ``w:pict``, ``w:object``, ``mc:AlternateContent``)
  and headers/footers are skipped: they hold logos, stamps and page numbers, not the report.

Source map: one ``Anchor`` per rendered paragraph and per table cell.  ``Anchor.line`` is the 1-based number
of the paragraph in document order, counting every ``w:p`` of the body the reader visits, including those in
table cells and nested tables (a cell's anchor is its first paragraph) and excluding text boxes, headers and
footers; ``column`` is left unset.  Word has no line numbers of its own; a paragraph number is what a reviewer
can find with the navigation pane or by counting, and stays stable when page layout changes.

Limitations (numbering): counters follow Word closely but not exactly.  Lists sharing an abstract numbering
continue each other's count unless a ``w:startOverride`` restarts them; ``w:lvlRestart``, ``w:isLgl``, legal
and style-linked numbering definitions are not interpreted; numbering.xml and styles.xml are read at their
standard paths, not through the document's relationships.  Formats rendered: decimal (also zero-padded and
full-width), Chinese counting (一、二 … 九十九; 一百 and up as digits), 壹贰叁, 甲乙丙, circled digits and
ideographs, letters and Roman numerals; any other format is written as decimal, bullets as nothing.  The
suffix after a number (tab or space) is dropped after punctuation (``一、``, ``（一）``, ``1.``) and written as one
space otherwise.  A paragraph whose text already starts with its number is not numbered twice.

Bad input never crashes the run: a ``ReadError`` with a Chinese message says what is wrong (not a ZIP, no
``word/document.xml``, broken XML, an OLE file — an encrypted .docx or an old .doc —, no text at all), and at
most ``[limits] docx_member_mb`` are decompressed per part, so a ZIP bomb is refused instead of filling memory.

Speed: most of a Word file's XML is layout (every cell repeats its borders, every run its fonts); ``_slim``
drops those elements before parsing, which roughly halves the read time and never changes the text.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from xxgk_lint.core import limits
from xxgk_lint.core.build import build_report
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Anchor, Report, SourceMap
from xxgk_lint.core.readers import ReadError

_DOCUMENT = "word/document.xml"
_NUMBERING = "word/numbering.xml"
_STYLES = "word/styles.xml"
_CORE = "docProps/core.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFF = frozenset({"0", "false", "off"})
_CELL_SPACE = re.compile(r"[\t\n ]+")


# --- reading the package -------------------------------------------------------------------------------------


@dataclass
class _Package:
    """The ZIP and the most bytes one part may decompress to (``[limits] docx_member_mb``).

    Parts are looked up by their fixed names (``word/document.xml`` …) and never extracted to disk, so member
    names with ``..`` or an absolute path are never read: they match no name the reader asks for."""

    zf: zipfile.ZipFile
    budget: int

    def read(self, name: str) -> bytes | None:
        """A part's bytes, or None when the package has no such part; never more than the budget, whatever
        the ZIP's header claims (the declared size of a bomb is usually a lie)."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > self.budget:
            raise _too_large(name)
        try:
            with self.zf.open(info) as fh:
                data = fh.read(self.budget + 1)
        except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
            raise ReadError("unsupported", f"压缩包中的 {name} 已加密，无法读取；请去除密码后另存为 .docx") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError) as exc:
            # ValueError: a damaged local header makes zipfile seek before the start ("negative seek value")
            raise ReadError("unreadable", f"Word 文档已损坏：无法解压 {name}（{exc}）") from exc
        if len(data) > self.budget:
            raise _too_large(name)
        return data


def _too_large(name: str) -> ReadError:
    return limits.exceeded("docx_member_mb",
                           f"Word 文档中的 {name} 解压后过大，可能是异常或恶意构造的压缩包（ZIP 炸弹）")


def _open_package(data: bytes) -> _Package:
    if not data.strip():
        raise ReadError("empty", "文件为空")
    if data.startswith(_OLE_MAGIC):
        raise ReadError("unsupported", "文件是 OLE 复合文档，不是 .docx：可能是设置了打开密码的加密 Word 文档，"
                                       "或旧版 Word 97-2003（.doc）文件；请去除密码或另存为 .docx 后再检查")
    if not data.startswith(b"PK"):
        raise ReadError("unreadable", "文件不是有效的 .docx：.docx 是 ZIP 压缩包，而本文件不是（可能扩展名有误）")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        # NotImplementedError: a damaged header claims a ZIP version zipfile does not know
        raise ReadError("unreadable", f"文件不是有效的 .docx：ZIP 结构已损坏（{exc}）") from exc
    if _DOCUMENT not in zf.namelist():
        raise ReadError("unreadable", f"压缩包中没有 {_DOCUMENT}，不是 Word 文档（可能是其他 Office 文件或普通 ZIP）")
    return _Package(zf, limits.current().docx_member_bytes)


_ATTRS = rb"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""
#: Layout properties the reader never reads and that hold no text.  They are most of a Word document's XML
#: (every cell repeats its borders, every run its fonts), and dropping them before parsing halves the parse.
_LAYOUT_ONLY = re.compile(
    rb"<w:(?:"
    rb"(?P<box>tcBorders|tblBorders|pBdr|tcMar|tblCellMar|rFonts|spacing|ind|tblW|tcW|tblInd)" + _ATTRS
    + rb">(?:\s*<w:\w+" + _ATTRS + rb"/>)*\s*</w:(?P=box)>"  # boxes of empty elements (the four borders …)
    rb"|(?:tcBorders|tblBorders|pBdr|tcMar|tblCellMar|rFonts|spacing|ind|tblW|tcW|tblInd|jc|bidi|widowControl"
    rb"|suppressLineNumbers|vAlign|sz|szCs|lang|color|kern|b|bCs|i|iCs|u|shd|highlight|noProof|snapToGrid"
    rb"|gridCol|trHeight|tblLayout|tblLook|autoSpaceDE|autoSpaceDN|adjustRightInd|textAlignment|wordWrap)"
    + _ATTRS + rb"/>)"
)


def _slim(raw: bytes) -> bytes:
    """The XML without layout-only properties, an optimisation that never changes what is read.

    Only complete elements are removed, matched with their attributes, so the result is well-formed whenever
    the input is.  The patterns use the customary ``w:`` prefix: a document written with another prefix is
    parsed whole, just slower; comments and CDATA (which Word does not write) switch the optimisation off.
    """
    if b"<!--" in raw or b"<![CDATA[" in raw:
        return raw
    return _LAYOUT_ONLY.sub(b"", raw)


def _parse(raw: bytes, name: str) -> ET.Element:
    """Parse one XML part; Word never writes a DTD, so one is refused rather than expanded: no entity is ever
    defined, so neither entity expansion (billion laughs) nor external entities (XXE) can happen."""
    if _declares_dtd(raw):
        raise ReadError("unreadable", f"Word 文档异常：{name} 含有 DTD 声明，Word 不会生成这样的内容，未读取")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ReadError("unreadable", f"Word 文档已损坏：{name} 不是有效的 XML（第 {line} 行第 {column} 列）") from exc


def _declares_dtd(raw: bytes) -> bool:
    """Whether the part has a DTD or entity declaration anywhere (also in UTF-16, which XML allows)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4]:
        text = raw.decode("utf-16", errors="ignore")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return b"<!DOCTYPE" in raw or b"<!ENTITY" in raw  # XML keywords are case-sensitive


# --- numbering -------------------------------------------------------------------------------------------------

_CJK_DIGITS = "〇一二三四五六七八九"
_CJK_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese_counting(n: int, digits: str = _CJK_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一: how Word writes chineseCounting up to 99 (beyond: decimal digits)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else (ten if tens == 1 and digits is _CJK_DIGITS else digits[tens] + ten)
    return head + (digits[units] if units else "")


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word repeats the letter: 27 → AA."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's ``w:numFmt`` formats; unknown formats fall back to decimal."""
    if fmt in ("bullet", "none"):
        return ""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting"):
        return _chinese_counting(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_CJK_DIGITS[int(d)] for d in str(n))  # 10 → 一〇
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal", "taiwaneseCountingThousand"):
        return _chinese_counting(n, _CJK_LEGAL, "拾")
    if fmt == "ideographTraditional" and n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographEnclosedCircle" and n <= 10:
        return chr(0x3280 + n - 1)  # ㊀
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "upperLetter" and n <= 780:
        return _letters(n)
    if fmt == "lowerLetter" and n <= 780:
        return _letters(n).lower()
    if fmt == "upperRoman" and n < 4000:
        return _roman(n)
    if fmt == "lowerRoman" and n < 4000:
        return _roman(n).lower()
    return str(n)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str  # w:lvlText, e.g. "%1、", "（%1）", "%1.%2"
    start: int
    suffix: str  # "tab", "space", "nothing"


@dataclass
class _Numbering:
    """Word's list definitions and the running counters; ``label`` gives the next number of a paragraph."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    counter_key: dict[str, str] = field(default_factory=dict)  # numId → whose counters it advances
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(self.counter_key[num_id], {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a higher level restarts the levels below it
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""

        def value(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            if i not in levels:
                return ""
            return format_number(counts.get(i, levels[i].start), levels[i].fmt)

        marker = re.sub(r"%([1-9])", value, level.text)
        if not marker or level.suffix == "nothing":
            return marker
        return marker if re.search(r"[\W_]$", marker) else marker + " "


def _small_int(value: str | None, default: int, limit: int = 10_000) -> int:
    """An attribute as a number in ``0..limit``; a damaged or absurd value cannot crash or blow up the reader."""
    return min(int(value), limit) if value and value.isdigit() else default


def _level(lvl: ET.Element, w: str) -> tuple[int, _Level]:
    def val(tag: str, default: str) -> str:
        el = lvl.find(w + tag)
        return el.get(w + "val", default) if el is not None else default

    return _small_int(lvl.get(w + "ilvl"), 0, 8), _Level(
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", ""),
        start=_small_int(val("start", "1"), 1),
        suffix=val("suff", "tab"),
    )


def _load_numbering(root: ET.Element | None, w: str) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for an in root.iter(w + "abstractNum"):
        abstract[an.get(w + "abstractNumId", "")] = dict(_level(lvl, w) for lvl in an.findall(w + "lvl"))
    for num in root.iter(w + "num"):
        num_id = num.get(w + "numId", "")
        ref = num.find(w + "abstractNumId")
        abstract_id = ref.get(w + "val", "") if ref is not None else ""
        levels = dict(abstract.get(abstract_id, {}))
        restarted = False
        for override in num.findall(w + "lvlOverride"):
            ilvl = _small_int(override.get(w + "ilvl"), 0, 8)
            lvl = override.find(w + "lvl")
            if lvl is not None:
                levels[ilvl] = _level(lvl, w)[1]
            start = override.find(w + "startOverride")
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = _Level(old.fmt, old.text, _small_int(start.get(w + "val"), 1), old.suffix)
                restarted = True
        numbering.levels[num_id] = levels
        # Lists built on one abstract definition continue one count unless this one restarts it.
        numbering.counter_key[num_id] = f"num:{num_id}" if restarted else f"abstract:{abstract_id}"
    return numbering


def _style_numbering(root: ET.Element | None, w: str) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (heading styles often do), following ``w:basedOn``."""
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in root.iter(w + "style"):
        sid = style.get(w + "styleId", "")
        base = style.find(w + "basedOn")
        if base is not None:
            based[sid] = base.get(w + "val", "")
        num_pr = style.find(f"{w}pPr/{w}numPr")
        if num_pr is not None:
            own[sid] = _num_pr(num_pr, w)
    resolved: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based):
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        current: str | None = sid
        while current and current not in seen and (num_id is None or ilvl is None):
            seen.add(current)
            got_id, got_lvl = own.get(current, (None, None))
            num_id = num_id if num_id is not None else got_id
            ilvl = ilvl if ilvl is not None else got_lvl
            current = based.get(current)
        if num_id:
            resolved[sid] = (num_id, ilvl or 0)
    return resolved


def _num_pr(num_pr: ET.Element, w: str) -> tuple[str | None, int | None]:
    num_el, lvl_el = num_pr.find(w + "numId"), num_pr.find(w + "ilvl")
    num_id = num_el.get(w + "val") if num_el is not None else None
    lvl = lvl_el.get(w + "val", "0") if lvl_el is not None else None
    return num_id, (_small_int(lvl, 0, 8) if lvl is not None else None)


# --- rendering -------------------------------------------------------------------------------------------------

_TAG_NAMES = ("p", "r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "tbl", "tr", "tc", "sdt", "sdtContent",
              "customXml", "del", "moveFrom", "pPr", "rPr", "vanish", "numPr", "pStyle", "trPr", "tcPr",
              "gridSpan", "gridBefore", "gridAfter", "vMerge", "hMerge", "val")


class _Tags:
    """Qualified names of the WordprocessingML elements read, built once per document (transitional or strict)."""

    def __init__(self, w: str):
        self.w = w
        for name in _TAG_NAMES:
            setattr(self, name, w + name)
        self.skip_inline = frozenset({w + "del", w + "moveFrom", w + "pPr", w + "rPr"})
        self.wrappers = frozenset({w + "sdt", w + "customXml"})

    def __getattr__(self, name: str) -> str:  # for type checkers: attributes are set in __init__
        raise AttributeError(name)


class _Wrapper(list[ET.Element]):
    """A one-element container, so ``_Renderer.blocks`` can read a single child (a table, a content control)."""

    def __init__(self, child: ET.Element):
        super().__init__([child])


@dataclass
class _Block:
    """Rendered text of a paragraph or a table, with anchors relative to its start."""

    text: str
    anchors: list[tuple[int, int]]  # (offset in text, paragraph number)


@dataclass
class _Renderer:
    q: _Tags
    numbering: _Numbering
    style_numbering: dict[str, tuple[str, int]]
    paragraphs: int = 0  # paragraphs visited so far: the next one is number paragraphs + 1

    # Paragraphs.

    def paragraph(self, p: ET.Element, in_cell: bool) -> tuple[str, int]:
        """The paragraph's text with its automatic number, and its paragraph number."""
        self.paragraphs += 1
        number = self.paragraphs
        text = "".join(self._inline(p, in_cell))
        marker = self._marker(p)
        if marker and text.strip() and not text.lstrip().startswith(marker.strip()):
            text = marker + text
        return text, number

    def _marker(self, p: ET.Element) -> str:
        q = self.q
        if not self.numbering.levels:  # no list definitions: nothing can be numbered
            return ""
        ppr = p.find(q.pPr)
        if ppr is None:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = ppr.find(q.numPr)
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr, q.w)
        if num_id is None or ilvl is None:
            style = ppr.find(q.pStyle)
            style_num = self.style_numbering.get(style.get(q.val, "")) if style is not None else None
            if style_num is not None:
                num_id = num_id if num_id is not None else style_num[0]
                ilvl = ilvl if ilvl is not None else style_num[1]
        if not num_id or num_id == "0":  # numId 0 switches numbering off
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def _inline(self, el: ET.Element, in_cell: bool) -> Iterator[str]:
        q = self.q
        for child in el:
            tag = child.tag
            if tag == q.r:
                if not self._hidden(child):
                    yield from self._run(child, in_cell)
            elif tag in q.skip_inline or not isinstance(tag, str) or tag.startswith(_MC):
                continue  # deleted revisions; properties; alternative content holds drawings and text boxes
            elif tag == q.sdt:
                content = child.find(q.sdtContent)
                if content is not None:
                    yield from self._inline(content, in_cell)
            else:  # w:hyperlink, w:ins, w:moveTo, w:smartTag, w:customXml, w:fldSimple, w:bdo, w:dir …
                yield from self._inline(child, in_cell)

    def _hidden(self, run: ET.Element) -> bool:
        rpr = run.find(self.q.rPr)
        vanish = rpr.find(self.q.vanish) if rpr is not None else None
        return vanish is not None and vanish.get(self.q.val, "true").lower() not in _OFF

    def _run(self, run: ET.Element, in_cell: bool) -> Iterator[str]:
        q = self.q
        for child in run:
            tag = child.tag
            if tag == q.t:
                text = child.text or ""
                yield text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
            elif tag == q.tab or tag == q.ptab:
                yield " " if in_cell else "\t"
            elif tag == q.br or tag == q.cr:
                yield " " if in_cell else "\n"
            elif tag == q.noBreakHyphen:
                yield "-"
            # w:drawing, w:pict, w:object (text boxes, images), w:instrText, w:delText, w:fldChar, w:sym: nothing

    # Tables.

    def table(self, tbl: ET.Element) -> list[_Block]:
        """A table as blocks: usually one block of tab-separated rows; layout rows unrolled into their own."""
        blocks: list[_Block] = []
        lines: list[str] = []
        anchors: list[tuple[int, int]] = []
        pos = 0  # offset of the current line in the block
        for tr in self._children(tbl, self.q.tr):
            cells = self._children(tr, self.q.tc)
            if self._is_container(cells):
                if lines:
                    blocks.append(_Block("\n".join(lines), anchors))
                lines, anchors, pos = [], [], 0
                for tc in cells:
                    blocks.extend(self.blocks(tc))
                continue
            fields: list[str] = [""] * self._grid_value(tr, "gridBefore")
            offset = pos + len(fields)  # where the next field starts
            for tc in cells:
                text, number, span = self._cell(tc)
                anchors.append((offset, number))
                fields.append(text)
                fields.extend([""] * (span - 1))
                offset += len(text) + span
            fields.extend([""] * self._grid_value(tr, "gridAfter"))
            line = "\t".join(fields)
            lines.append(line)
            pos += len(line) + 1
        if lines:
            blocks.append(_Block("\n".join(lines), anchors))
        return blocks

    def _children(self, parent: ET.Element, tag: str) -> list[ET.Element]:
        """Rows of a table or cells of a row, also when wrapped in content controls or custom XML."""
        out: list[ET.Element] = []
        for child in parent:
            if child.tag == tag:
                out.append(child)
            elif child.tag in self.q.wrappers:
                inner = child.find(self.q.sdtContent) if child.tag == self.q.sdt else child
                if inner is not None:
                    out.extend(self._children(inner, tag))
        return out

    def _is_container(self, cells: list[ET.Element]) -> bool:
        """A row with one cell holding tables is layout, not data: its content is read as blocks."""
        return len(cells) == 1 and next(cells[0].iter(self.q.tbl), None) is not None

    def _grid_value(self, tr: ET.Element, name: str) -> int:
        """gridBefore/gridAfter of a row (default 0), capped so a broken value cannot blow up the line."""
        props = tr.find(self.q.trPr)
        prop = props.find(self.q.w + name) if props is not None else None
        return _small_int(prop.get(self.q.val) if prop is not None else None, 0, 64)

    def _cell(self, tc: ET.Element) -> tuple[str, int, int]:
        """A cell's text on one line, its first paragraph's number and its width in grid columns.

        A cell merged into the one above (vMerge) or to its left (legacy hMerge) is an empty field: Word shows
        the merged text once, in the first cell.
        """
        q = self.q
        first = self.paragraphs + 1
        span, continued = 1, False
        parts: list[str] = []
        for child in tc:
            tag = child.tag
            if tag == q.p:
                text = self.paragraph(child, in_cell=True)[0]
                if text.strip():
                    parts.append(text)
            elif tag == q.tcPr:
                for prop in child:
                    if prop.tag == q.gridSpan:
                        span = max(1, _small_int(prop.get(q.val), 1, 64))
                    elif prop.tag in (q.vMerge, q.hMerge) and prop.get(q.val, "continue") == "continue":
                        continued = True
            else:  # nested tables, content controls
                parts.extend(block.text for block in self.blocks(_Wrapper(child), in_cell=True))
        text = "" if continued or not parts else _CELL_SPACE.sub(" ", " ".join(parts)).strip()
        return text, first, span

    # Block content.

    def blocks(self, container: Iterable[ET.Element], in_cell: bool = False) -> list[_Block]:
        """Paragraphs and tables of the body, a cell or a content control, in document order."""
        out: list[_Block] = []
        q = self.q
        for child in container:
            tag = child.tag
            if tag == q.p:
                text, number = self.paragraph(child, in_cell)
                if text.strip():
                    out.append(_Block(text, [(0, number)]))
            elif tag == q.tbl:
                if in_cell:
                    out.extend(_Block(_CELL_SPACE.sub(" ", b.text), b.anchors) for b in self.table(child))
                else:
                    out.extend(self.table(child))
            elif tag == q.sdt:
                content = child.find(q.sdtContent)
                if content is not None:
                    out.extend(self.blocks(content, in_cell))
            elif tag == q.customXml:
                out.extend(self.blocks(child, in_cell))
            # w:sectPr, bookmarks, w:altChunk (an embedded foreign document): nothing to read
        return out


def _join(blocks: list[_Block]) -> tuple[str, list[Anchor]]:
    """Blocks separated by a blank line, as in the text seeds; anchors made absolute."""
    parts: list[str] = []
    anchors: list[Anchor] = []
    pos = 0
    for block in blocks:
        anchors.extend(Anchor(offset=pos + offset, line=number) for offset, number in block.anchors)
        parts.append(block.text)
        pos += len(block.text) + 2
    return "\n\n".join(parts) + "\n", anchors


def _title(package: _Package) -> dict[str, str]:
    """The document title from its properties, only when it names a report (templates carry stale titles)."""
    try:
        raw = package.read(_CORE)
        root = _parse(raw, _CORE) if raw else None
    except (ET.ParseError, ReadError):
        return {}
    title_el = root.find(_DC_TITLE) if root is not None else None
    title = (title_el.text or "").strip() if title_el is not None else ""
    return {"title": title} if "政府信息公开" in title else {}


def render(data: bytes) -> tuple[str, SourceMap, dict[str, str]]:
    """The report text of a .docx, its source map and metadata; ``ReadError`` for anything unreadable."""
    package = _open_package(data)
    document = _parse(_slim(package.read(_DOCUMENT) or b""), _DOCUMENT)
    w = document.tag[: document.tag.index("}") + 1] if document.tag.startswith("{") else ""
    if w not in ("{" + _TRANSITIONAL + "}", "{http://purl.oclc.org/ooxml/wordprocessingml/main}"):
        raise ReadError("unreadable", f"{_DOCUMENT} 不是 Word 正文（根元素为 {document.tag}）")
    body = document.find(w + "body")
    numbering_raw = package.read(_NUMBERING)
    styles_raw = package.read(_STYLES)
    numbering = _load_numbering(_parse(numbering_raw, _NUMBERING) if numbering_raw else None, w)
    styles = _style_numbering(_parse(styles_raw, _STYLES) if styles_raw else None, w)
    renderer = _Renderer(_Tags(w), numbering, styles)
    try:
        blocks = renderer.blocks(body) if body is not None else []
    except RecursionError as exc:
        raise ReadError("unreadable", "Word 文档结构异常：表格或内容控件嵌套层次过深，无法读取") from exc
    text, anchors = _join(blocks)
    if not text.strip():
        raise ReadError("empty", "Word 文档中没有文字（可能是空白文档，或内容只是图片、扫描件、文本框）")
    return text, SourceMap(anchors), _title(package)


class DocxReader:
    name = "docx"
    extensions = (".docx",)

    def claims(self, path: Path, head: bytes) -> bool:
        """A ZIP holding ``word/document.xml``, whatever its extension (e.g. a .docx saved without one)."""
        if not head.startswith(_ZIP_MAGIC):
            return False
        try:
            with zipfile.ZipFile(path) as zf:
                return _DOCUMENT in zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False

    def read(self, path: Path, data: bytes) -> Report:
        text, source_map, metadata = render(data)
        return build_report(str(path), "docx", text, metadata=metadata or None, source_map=source_map)


@hookimpl
def xxgk_readers() -> list[DocxReader]:
    return [DocxReader()]
