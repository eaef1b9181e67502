"""Web pages (.html/.htm/.shtml/.xhtml): render the page to the tab-separated text every reader hands over.

Most reports are published as web pages, so this reader is the one real input goes through most.  It only
renders: table structure is recovered by the shared ``core.tables`` from tab-separated lines, so the page's
grid must come out the way that code reads text exports — one line per table row, one tab-separated field per
cell, blank cells as empty fields — and nothing may be invented on the way (a blank cell never becomes "0").

Only the standard library is used (``html.parser``), and the parser is tolerant: unclosed cells, rows and
tables, stray end tags and a file cut off mid-table are rendered as far as they go.  Every paragraph and table
cell carries an anchor to its line and column in the HTML file, so findings point into the file the user has.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from xxgk_lint.core import limits
from xxgk_lint.core.build import build_report
from xxgk_lint.core.encoding import BOMS, decode_bom
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Anchor, Report, SourceMap
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.tables import classify

# --- bytes to text ---------------------------------------------------------------------------------------

#: Files that are not web pages although named so; saying what they are helps more than "cannot decode".
_MAGIC = (
    (b"%PDF", "PDF 文档"),
    (b"PK\x03\x04", "ZIP 压缩包或 Word（.docx）文档"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office（.doc/.xls）文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
)
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
                       rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
#: GB2312 and GBK pages routinely contain characters only GB18030 (their superset) maps, e.g. 镕 or 堃.
_SUPERSEDED = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030"}
#: A Chinese report cannot be Latin-1: such a declaration is a CMS default, and Latin-1 decodes any bytes.
_UNTRUSTED = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _declared_codec(data: bytes) -> str | None:
    """The codec a ``<meta charset>``, ``http-equiv`` Content-Type or XML declaration names, if Python knows it."""
    m = _DECLARED.search(data[:8192])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # a page read as bytes without a BOM is not UTF-16, whatever its meta says
    return _SUPERSEDED.get(name, name)


def decode(data: bytes) -> str:
    """BOM, then the page's declared charset, then UTF-8, then GB18030 — strictly, never with replacements."""
    text = decode_bom(data, "网页")
    if text is not None:
        return text
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError("binary", f"文件内容是{what}，不是网页（扩展名可能有误）")
    if b"\x00" in data:
        raise ReadError("binary", "文件含有空字节，不是网页文本（可能是二进制文件）")
    declared = _declared_codec(data)
    order = ["utf-8", "gb18030"]
    if declared is not None:
        order = [*order, declared] if declared in _UNTRUSTED else [declared, *order]
    for codec in dict.fromkeys(order):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    tried = "、".join(c.upper() for c in dict.fromkeys(order))
    raise ReadError("encoding", f"无法识别网页编码（已尝试 {tried}）")


def _looks_textual(text: str) -> bool:
    """Binary data can decode as GB18030; a page has few control characters besides tab and newline."""
    sample = text[:20000]
    return len(_CONTROLS.findall(sample)) <= len(sample) // 100


def _cut_incomplete_tag(text: str) -> str:
    """A file cut off inside a tag (``<td cla``) or a comment would otherwise end in markup parsed as text.

    An unterminated comment runs to the end of the file, as in browsers — unless a script follows it, where
    old pages write ``<!--`` without closing it.
    """
    comment = text.rfind("<!--")
    if comment >= 0 and text.find("-->", comment + 4) < 0 and text.find("</script", comment) < 0:
        text = text[:comment]
    lt = text.rfind("<")
    return text[:lt] if lt > text.rfind(">") else text


# --- HTML to a small document tree -----------------------------------------------------------------------

@dataclass
class _Text:
    """Character data exactly as in the source (entities are pieces of their own), with where it starts."""

    text: str
    line: int  # 1-based
    col: int  # 0-based, as html.parser counts


class _Break:
    """A block boundary: paragraphs, headings, list items, <br>."""


_BREAK = _Break()


@dataclass
class _Cell:
    line: int
    col: int
    colspan: int
    rowspan: int
    items: list[_Text | _Break | _Table] = field(default_factory=list)


@dataclass
class _Table:
    line: int
    col: int
    rows: list[list[_Cell]] = field(default_factory=list)
    caption: list[_Text | _Break | _Table] = field(default_factory=list)


_Item = _Text | _Break | _Table


@dataclass
class _Open:
    """An element the parser tracks until its end tag (or until an enclosing one closes it)."""

    tag: str
    kind: str  # "skip", "table", "row", "cell", "form", "caption", "pre", "other"
    items: list[_Item] | None = None  # the container this element collects content in
    table: _Table | None = None
    capture: bool = False  # <title>, <h1>: their text is collected as a title candidate


#: Site chrome and content that is not text: dropped with everything inside (<title> is read separately).
_SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "iframe", "select", "template",
                   "textarea", "button", "svg", "math", "object", "canvas", "title"})
_CAPTURE = frozenset({"title", "h1"})
#: End tags the parser matches against open elements; other end tags only end a block.
_TRACKED = _SKIP | _CAPTURE | {"table", "tr", "td", "th", "caption", "form", "pre"}
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "dir",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
                    "hgroup", "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary",
                    "ul"})
_CELL_TAGS = frozenset({"td", "th"})
#: A form holding this much text or a table wraps the page (ASP.NET pages put <form> around everything).
_FORM_KEEP_CHARS = 200
#: Tables nested deeper than this are read as part of the enclosing cell: rendering recurses per level.
_MAX_TABLE_DEPTH = 64


_LEADING_DIGITS = re.compile(r"\s*(\d+)")


def _span_attr(value: str | None, limit: int, zero: int) -> int:
    """colspan/rowspan as browsers read them: leading digits, capped; missing or unreadable is 1, 0 is ``zero``."""
    if value is None:
        return 1
    m = _LEADING_DIGITS.match(value)
    n = int(m.group(1)) if m else 1
    return zero if n == 0 else min(n, limit)


class _TreeBuilder(HTMLParser):
    """Collect paragraphs and tables with source positions; tolerate what real pages get wrong."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # entities as separate pieces keep source columns exact
        self.root: list[_Item] = []
        self.title: list[str] = []
        self.headings: list[str] = []  # <h1> texts, also from site chrome: title candidates only
        self._open: list[_Open] = []
        self._skip = 0  # open skip elements
        self._pre = 0  # open <pre> elements
        self._tables = 0  # open <table> elements
        self._capture: list[tuple[str, list[str]]] = []  # (tag, text) of open <title>/<h1>
        self._max_depth = limits.current().html_depth

    # where content goes

    def _container(self) -> list[_Item]:
        for entry in reversed(self._open):
            if entry.items is not None:
                return entry.items
        return self.root

    def _table(self) -> tuple[int, _Open] | None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].kind == "table":
                return i, self._open[i]
        return None

    def _add(self, item: _Item) -> None:
        if self._skip:
            return
        items = self._container()
        if isinstance(item, _Break) and items and isinstance(items[-1], _Break):
            return
        items.append(item)

    # closing

    def _pop_to(self, index: int) -> None:
        """Close every element from the top of the stack down to ``index`` (inclusive)."""
        while len(self._open) > index:
            self._close(self._open.pop())

    def _close(self, entry: _Open) -> None:
        if entry.capture:
            tag, parts = self._capture.pop()
            text = _collapse_plain("".join(parts))
            if text:
                (self.title if tag == "title" else self.headings).append(text)
        if entry.kind == "skip":
            self._skip -= 1
        elif entry.kind == "pre":
            self._pre -= 1
        elif entry.kind == "form" and entry.items is not None:
            if _form_is_page(entry.items):
                self._container().extend(entry.items)
        elif entry.kind == "table":
            self._tables -= 1
            self._add(_BREAK)  # text after a table is a paragraph of its own

    def _end(self, tag: str) -> None:
        """Pop to the nearest open ``tag``; table parts do not reach across a (nested) table."""
        for i in range(len(self._open) - 1, -1, -1):
            entry = self._open[i]
            if entry.tag == tag:
                self._pop_to(i)
                return
            if entry.kind == "table" and tag in ("tr", "td", "th", "caption"):
                return

    # table structure

    def _start_table(self, line: int, col: int) -> None:
        if self._tables >= _MAX_TABLE_DEPTH:
            self._add(_BREAK)
            return
        self._tables += 1
        table = _Table(line, col)
        self._add(_BREAK)
        self._add(table)
        self._open.append(_Open("table", "table", table=table))

    def _start_row(self) -> None:
        found = self._table()
        if found is None:
            return  # a stray <tr> outside any table
        index, entry = found
        self._pop_to(index + 1)
        assert entry.table is not None
        entry.table.rows.append([])
        self._open.append(_Open("tr", "row", table=entry.table))

    def _start_cell(self, tag: str, attrs: dict[str, str | None], line: int, col: int) -> None:
        found = self._table()
        if found is None:
            self._add(_BREAK)  # a stray cell outside any table: a block of its own
            return
        index, entry = found
        row_open = index + 1 < len(self._open) and self._open[index + 1].kind == "row"
        if row_open:
            self._pop_to(index + 2)
        else:
            self._start_row()
        assert entry.table is not None
        cap = limits.current().html_span  # a colspan=100000000 is capped, never allocated
        cell = _Cell(line, col, _span_attr(attrs.get("colspan"), cap, 1),
                     _span_attr(attrs.get("rowspan"), cap, cap))  # rowspan=0: to the end of the table
        entry.table.rows[-1].append(cell)
        self._open.append(_Open(tag, "cell", items=cell.items))

    def _start_caption(self) -> None:
        found = self._table()
        if found is None:
            self._add(_BREAK)
            return
        index, entry = found
        self._pop_to(index + 1)
        assert entry.table is not None
        self._open.append(_Open("caption", "caption", items=entry.table.caption))

    # parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if len(self._open) >= self._max_depth:  # finding where content goes walks the open elements
            raise limits.exceeded("html_depth", f"网页第 {line} 行标签嵌套过深（超过 {self._max_depth} 层未闭合）")
        if tag in _CAPTURE:
            self._capture.append((tag, []))
        if tag in _SKIP:
            self._skip += 1
            self._open.append(_Open(tag, "skip", capture=tag in _CAPTURE))
            return
        if tag in _CAPTURE:
            self._open.append(_Open(tag, "other", capture=True))  # an <h1> in dropped chrome is still a candidate
        if self._skip:
            return
        if tag in _BLOCK:
            self._add(_BREAK)
        if tag == "table":
            self._start_table(line, col)
        elif tag == "tr":
            self._start_row()
        elif tag in _CELL_TAGS:
            self._start_cell(tag, dict(attrs), line, col)
        elif tag == "caption":
            self._start_caption()
        elif tag == "form":
            self._open.append(_Open("form", "form", items=[]))
        elif tag == "pre":
            self._pre += 1
            self._open.append(_Open("pre", "pre"))

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in _SKIP or tag in _CAPTURE:
                self._end(tag)  # inside dropped chrome only its own elements matter
            return
        if tag in _BLOCK:
            self._add(_BREAK)  # also </br> and a </p> without a start tag, which browsers treat as breaks
        if tag in _TRACKED:
            self._end(tag)

    def handle_data(self, data: str) -> None:
        self._data(data, *self.getpos())

    def handle_entityref(self, name: str) -> None:
        self._data(html.unescape(f"&{name};"), *self.getpos())

    def handle_charref(self, name: str) -> None:
        self._data(html.unescape(f"&#{name};"), *self.getpos())

    def _data(self, data: str, line: int, col: int) -> None:
        for _, parts in self._capture:
            parts.append(data)
        if self._skip:
            return
        if not self._pre:
            self._add(_Text(data, line, col))
            return
        for i, part in enumerate(data.split("\n")):  # <pre> keeps its line breaks
            if i:
                self._add(_BREAK)
                line, col = line + 1, 0
            if part:
                self._add(_Text(part, line, col))
            col += len(part)

    def close(self) -> None:
        super().close()
        self._pop_to(0)  # a truncated page: close the cells, rows and tables it left open

    # html.parser raises AssertionError on declarations it does not know (``<![foo[``, ``<!DOCTYPE [``);
    # browsers read them as bogus comments up to the next '>', and so does this reader.

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self._bogus_comment_end(i, position)

    def parse_declaration(self, i: int) -> int:
        position = self.lineno, self.offset
        try:
            return super().parse_declaration(i)
        except AssertionError:
            return self._bogus_comment_end(i, position)

    def _bogus_comment_end(self, i: int, position: tuple[int, int]) -> int:
        self.lineno, self.offset = position  # the failed scan already advanced them; the caller will again
        end = self.rawdata.find(">", i + 2)
        return -1 if end < 0 else end + 1


def _form_is_page(items: list[_Item]) -> bool:
    """Keep a <form> that wraps the content (tables or real text); drop a search box's few words."""
    chars = 0
    for item in items:
        if isinstance(item, _Table):
            return True
        if isinstance(item, _Text):
            chars += len(item.text.strip())
    return chars >= _FORM_KEEP_CHARS


# --- text rendering with anchors -------------------------------------------------------------------------

#: Whitespace that collapses to one space; zero-width characters collapse to nothing.  The ideographic space
#: (U+3000) is text: reports indent with it, and the rules see it as written.
_WS = "\t\n\r\f\v \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
_ZW = "\u200b\u200c\u200d\u2060\ufeff"
_RUNS = re.compile(f"(?P<ws>[{_WS}{_ZW}]+)|[^{_WS}{_ZW}]+")
_SPACE = re.compile(f"[{_WS}]")


def _wide(char: str) -> bool:
    """East Asian wide characters: a source line break between two of them is not a space (CSS Text 3)."""
    return unicodedata.east_asian_width(char) in ("W", "F") and not ("\uac00" <= char <= "\ud7a3")


def _collapse_plain(text: str) -> str:
    return re.sub(f"[{_WS}{_ZW}]+", " ", text).strip()


@dataclass
class _Rendered:
    """A line (or a cell's text) with anchors relative to its start: (offset, source line, 0-based column)."""

    text: str
    anchors: list[tuple[int, int, int]]


class _Locator:
    """Line and 0-based column of characters of one piece, asked in increasing order.

    Walking forward from the last answer keeps a text node of many thousand lines linear, not quadratic.
    """

    def __init__(self, piece: _Text) -> None:
        self.text, self.index, self.line, self.col = piece.text, 0, piece.line, piece.col

    def at(self, index: int) -> tuple[int, int]:
        newlines = self.text.count("\n", self.index, index)
        if newlines:
            self.line += newlines
            self.col = index - self.text.rfind("\n", self.index, index) - 1
        else:
            self.col += index - self.index
        self.index = index
        return self.line, self.col


def _render_inline(pieces: list[_Text]) -> _Rendered:
    """Collapse whitespace across the pieces of one paragraph; anchor each piece and each wrapped source line."""
    out: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    length = 0
    pending: bool | None = None  # whitespace seen since the last text: None none, True with a line break
    last = ""
    for piece in pieces:
        first_in_piece = True
        locate = _Locator(piece)
        for m in _RUNS.finditer(piece.text):
            run = m.group()
            if m.group("ws") is not None:
                if _SPACE.search(run):
                    pending = bool(pending) or "\n" in run
                continue
            if pending is not None and last and not (pending and _wide(last) and _wide(run[0])):
                out.append(" ")
                length += 1
            if first_in_piece or pending:
                anchors.append((length, *locate.at(m.start())))
            first_in_piece, pending = False, None
            out.append(run)
            length += len(run)
            last = run[-1]
    return _Rendered("".join(out), anchors)


def _paragraphs(items: list[_Item]) -> Iterator[list[_Text] | _Table]:
    """Runs of text between block boundaries, and the tables among them, in document order."""
    run: list[_Text] = []
    for item in items:
        if isinstance(item, _Text):
            run.append(item)
            continue
        if run:
            yield run
            run = []
        if isinstance(item, _Table):
            yield item
    if run:
        yield run


class _Output:
    """The report text being written, line by line, with the anchors into the HTML source."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.anchors: list[Anchor] = []
        self.metadata: dict[str, str] = {}
        self._offset = 0

    def line(self, rendered: _Rendered) -> None:
        for rel, line, col in rendered.anchors:
            self.anchors.append(Anchor(offset=self._offset + rel, line=line, column=col + 1))
        self.lines.append(rendered.text)
        self._offset += len(rendered.text) + 1

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n" if self.lines else ""


def _render_items(items: list[_Item], out: _Output) -> None:
    for block in _paragraphs(items):
        if isinstance(block, _Table):
            _render_table(block, out)
            continue
        rendered = _render_inline(block)
        if rendered.text:
            out.line(rendered)


def _cell_text(cell: _Cell) -> _Rendered:
    """A cell's paragraphs joined by spaces (labels broken with <br> stay one cell); blank when it has no text."""
    text = ""
    anchors: list[tuple[int, int, int]] = []
    for block in _paragraphs(cell.items):
        if isinstance(block, _Table):
            continue  # only layout tables hold tables; they are never rendered as a grid
        rendered = _render_inline(block)
        if not rendered.text:
            continue
        if text:
            text += " "
        anchors.extend((len(text) + rel, line, col) for rel, line, col in rendered.anchors)
        text += rendered.text
    if not anchors:
        anchors.append((0, cell.line, cell.col))  # a blank cell points at its <td>
    return _Rendered(text, anchors)


# --- tables ----------------------------------------------------------------------------------------------

#: A table cell this long is page layout, not a statistics cell (official labels have fewer than 40 characters).
_LAYOUT_CELL_CHARS = 200


def _is_layout(table: _Table, texts: list[list[_Rendered]]) -> bool:
    """Tables used to lay out a page: they hold tables, have one column, or cells with whole paragraphs."""
    if any(isinstance(item, _Table) for row in table.rows for cell in row for item in cell.items):
        return True
    if all(len(row) <= 1 for row in table.rows):
        return True
    return any(len(t.text) > _LAYOUT_CELL_CHARS for row in texts for t in row)


def _grid_columns(table: _Table) -> list[list[int]]:
    """The grid column each cell starts in, with rowspans and colspans resolved as browsers do."""
    taken: list[set[int]] = [set() for _ in table.rows]
    columns: list[list[int]] = []
    for r, row in enumerate(table.rows):
        c = 0
        starts: list[int] = []
        for cell in row:
            while c in taken[r]:
                c += 1
            starts.append(c)
            for below in range(r + 1, min(len(table.rows), r + cell.rowspan)):
                taken[below].update(range(c, c + cell.colspan))
            c += cell.colspan
        columns.append(starts)
    return columns


def _first_value_column(table: _Table, texts: list[list[_Rendered]], columns: list[list[int]]) -> int:
    """The grid column where the table's values begin; blank cells left of it are label columns.

    A data row with its own label starts its values right after that label, not at its first filled value:
    a whole 自然人 column left blank would otherwise be dropped and shift every value after it.  A table whose
    data rows have no labels beside them (table 4's one data row under its header rows) starts at column 0,
    so a blank 行政复议 block keeps its place.
    """
    label_ends: list[int] = []
    first_values: list[int] = []
    row_starts: list[int] = []
    for row, starts, cells in zip(texts, columns, table.rows, strict=True):
        kinds = [classify(t.text) for t in row]
        if "value" not in kinds:
            continue
        first = kinds.index("value")
        first_values.append(starts[first])
        row_starts.append(starts[0])
        labels = [i for i in range(first) if kinds[i] == "text"]
        if labels:
            label_ends.append(starts[labels[-1]] + cells[labels[-1]].colspan)
    if not first_values:
        return 0
    if label_ends:
        return min(label_ends + first_values)
    return 0 if all(start == 0 for start in row_starts) else min(first_values)


def _render_grid(table: _Table, texts: list[list[_Rendered]], out: _Output) -> None:
    """One line per row; each cell once, in its first row and column.

    Columns covered by a colspan or rowspan contribute nothing: ``core.tables`` aligns a row's values by
    count, so a padding field left by a merged label would shift the values after it.  For the same reason a
    blank cell in a column that holds labels only (left of where the values begin, see
    ``_first_value_column``) is not written, while a blank cell among the values stays an empty field.
    """
    columns = _grid_columns(table)
    first_value = _first_value_column(table, texts, columns)
    for row, starts in zip(texts, columns, strict=True):
        fields = [t for t, col in zip(row, starts, strict=True) if t.text or col >= first_value]
        if not fields:
            continue
        text = ""
        anchors: list[tuple[int, int, int]] = []
        for i, cell in enumerate(fields):
            if i:
                text += "\t"
            anchors.extend((len(text) + rel, line, col) for rel, line, col in cell.anchors)
            text += cell.text
        out.line(_Rendered(text, anchors))


def _render_table(table: _Table, out: _Output) -> None:
    texts = [[_cell_text(cell) for cell in row] for row in table.rows]
    if _is_layout(table, texts):
        _render_items(table.caption, out)
        for row in table.rows:
            for cell in row:
                _render_items(cell.items, out)
        return
    meta = _table_metadata(texts)
    if meta is not None:
        for key, value in meta.items():
            out.metadata.setdefault(key, value)
        return
    _render_items(table.caption, out)
    _render_grid(table, texts, out)


# --- page metadata ---------------------------------------------------------------------------------------

#: Labels of the metadata table government sites put above a document, and the ones the report model uses.
_META_LABELS = frozenset({"名称", "标题", "文件名称", "索引号", "发布机构", "发文机关", "发布单位", "公开日期",
                          "发布日期", "发布时间", "成文日期", "生成日期", "分类", "主题分类", "信息分类", "文号",
                          "发文字号", "有效性", "公开方式", "公开范围", "公开形式", "主题词", "关键词", "信息来源"})
_META_FIELDS = {"名称": "title", "标题": "title", "文件名称": "title", "发布机构": "organization",
                "发文机关": "organization", "发布单位": "organization", "公开日期": "published",
                "发布日期": "published", "发布时间": "published"}
_LABEL_DROP = re.compile(r"[\s\u3000:：]+")
_INLINE_PAIR = re.compile(r"^\s*([^:：]{2,6}?)\s*[:：]\s*(.+)$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_META_TABLE_ROWS = 10


def _label(text: str) -> str:
    return _LABEL_DROP.sub("", text)


def _iso_date(text: str) -> str | None:
    m = _DATE.search(text)
    if m is None:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _pairs(texts: list[list[_Rendered]]) -> Iterator[tuple[str, str]]:
    """(label, value) pairs: a label cell followed by its value cell, or 'label：value' in one cell."""
    for row in texts:
        cells = [t.text for t in row]
        for i, text in enumerate(cells):
            if _label(text) in _META_LABELS:
                yield _label(text), cells[i + 1].strip() if i + 1 < len(cells) else ""
                continue
            m = _INLINE_PAIR.match(text)
            if m and _label(m.group(1)) in _META_LABELS:
                yield _label(m.group(1)), m.group(2).strip()


def _table_metadata(texts: list[list[_Rendered]]) -> dict[str, str] | None:
    """The fields of a page's metadata table (名称, 发布机构, 公开日期 …); None when the table is not one.

    It takes two labels to call a table metadata: no row of tables 2–4 consists of such a label alone.
    """
    if len(texts) > _META_TABLE_ROWS:
        return None
    pairs = list(_pairs(texts))
    if len({label for label, _ in pairs}) < 2:
        return None
    meta: dict[str, str] = {}
    for label, value in pairs:
        name = _META_FIELDS.get(label)
        if name == "published":
            value = _iso_date(value) or ""
        if name and value and name not in meta:
            meta[name] = value
    return meta


_TITLE_SPLIT = re.compile(r"\s*(?:[-_|｜]|——|—|–)\s*")


def _looks_like_report_title(text: str) -> bool:
    return "报告" in text or "年报" in text


def _fallback_title(headings: list[str], titles: list[str]) -> str | None:
    """<h1>, then <title> without the site name, when they name a report.

    ``build_report`` uses it only when the text itself has no title line.
    """
    for heading in headings:
        if _looks_like_report_title(heading):
            return heading
    for title in titles:
        parts = [p for p in _TITLE_SPLIT.split(title) if _looks_like_report_title(p)]
        if parts:
            return parts[0]
    return None


# --- the reader ------------------------------------------------------------------------------------------

@dataclass
class RenderedPage:
    """What a page renders to: the report text, its anchors into the HTML and the page's metadata."""

    text: str
    anchors: list[Anchor]
    metadata: dict[str, str]


def render(source: str) -> RenderedPage:
    """Render decoded HTML to tab-separated report text (public for tests and other readers that emit HTML)."""
    builder = _TreeBuilder()
    builder.feed(_cut_incomplete_tag(source.replace("\r\n", "\n").replace("\r", "\n")))
    builder.close()
    out = _Output()
    _render_items(builder.root, out)
    metadata = dict(out.metadata)
    if "title" not in metadata:
        title = _fallback_title(builder.headings, builder.title)
        if title:
            metadata["title"] = title
    return RenderedPage(out.text, out.anchors, metadata)


_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm", ".shtml", ".xhtml")

    def claims(self, path: Path, head: bytes) -> bool:
        """Pages saved without an HTML extension (.asp, .jsp, none) still start like one."""
        for bom, codec in BOMS:
            if head.startswith(bom):
                head = head.decode(codec, errors="ignore").encode("ascii", errors="ignore")
                break
        return _HTML_START.match(head) is not None

    def read(self, path: Path, data: bytes) -> Report:
        if not data.strip():
            raise ReadError("empty", "文件为空")
        source = decode(data)
        if not source.strip():
            raise ReadError("empty", "文件只有空白字符")
        if not _looks_textual(source):
            raise ReadError("binary", "文件含有大量控制字符，不像网页")
        page = render(source)
        if not page.text.strip():
            raise ReadError("empty", "网页中没有正文文字（只有标签、脚本、样式或导航）")
        return build_report(str(path), "html", page.text, metadata=page.metadata,
                            source_map=SourceMap(page.anchors))


@hookimpl
def xxgk_readers() -> list[HtmlReader]:
    return [HtmlReader()]
