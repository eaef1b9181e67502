"""Numbers in report prose, for the text-vs-table rules (X1xx) and the narrative-arithmetic rules (P1xx).

Prose is cut into sentences outside the statistics tables: table rows (tab-separated lines in every input
format), the stretch of flattened web text holding table cells, and title lines are left out, because their
numbers are table values, not claims.  A sentence keeps the folded characters without spaces and without the
line breaks a PDF leaves inside a paragraph, plus the offset of every character in ``Report.text``, so rules
match on clean text and still point at the original characters.

A count is a number written in Arabic or Chinese numerals followed by a unit (``26件``, ``二十三件``,
``500 余篇``); a bare number (a year, a date, a percentage, a phone number) is never a count.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property

from xxgk_lint.core.model import Cell, Report, Section, Span
from xxgk_lint.core.structure import title_like_lines

SENTENCE_END = frozenset("。！？!?")
CLAUSE_SEPARATORS = frozenset(",;")  # ，； after width folding
_SPACES = frozenset(" \u3000\xa0\r")
_TERMINAL = frozenset("。！？!?:;：；")
_HEADING_START = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十]{1,3}[部章节])"
)
_SOFT_BREAK_MIN_LINE = 25  # a line this long that stops mid-sentence was wrapped by the page layout

# --- counts ------------------------------------------------------------------------------------------------

UNITS = ("人次", "家次", "场次", "批次", "件", "条", "篇", "个", "次", "场", "期", "项", "份", "起", "宗", "例",
         "名", "人", "家", "户", "部", "所", "座", "处", "台", "套", "本", "册", "类", "种", "批", "元", "页", "张")
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
               "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_LOWER = ("不少于", "超过", "多于", "多达", "逾", "超")
_APPROX = ("大约", "将近", "接近", "约", "近")
_UPPER = ("不足", "不到", "少于")
_COUNT = re.compile(
    r"(?P<pre>不少于|超过|多于|多达|大约|将近|接近|不足|不到|少于|逾|超|约|近)?"
    r"(?:(?<![\d.])(?P<num>\d+(?:\.\d+)?)"
    r"|(?<![零〇一二两三四五六七八九十百千第数几若每])(?P<cjk>[零〇一二两三四五六七八九十百千]+))"
    r"(?P<mult>万|亿)?(?P<approx>余|多)?"
    r"(?P<unit>" + "|".join(UNITS) + r")"
    r"(?P<post>以上|左右|上下)?"
)
#: What follows "一件"/"一次"… in an idiom rather than a count (一件事, 一次性, 一条龙, 一个人); 一起 and 一批
#: are never counted.
_IDIOM_AFTER = {"件": "事", "次": "性", "条": "龙", "个": "人"}


@dataclass(frozen=True)
class Count:
    """A number with its unit, as indexes into ``Sentence.chars``."""

    start: int  # first character of the qualifier or number
    num_start: int
    end: int  # after the unit (and 以上/左右)
    value: Decimal
    unit: str
    bound: str  # "exact", "lower" (余/多/逾/以上), "approx" (约/近/左右), "upper" (不足/不到)
    text: str

    @property
    def exact(self) -> bool:
        return self.bound == "exact"


def cjk_int(token: str) -> int | None:
    """二十三 → 23, 两 → 2, 一百零五 → 105, 十 → 10; None for digit strings like 二〇二三 or 十四五."""
    total, current, last_unit = 0, None, 10_000
    for ch in token:
        if ch in _CJK_DIGITS:
            if current is not None and not (current == 0 or _CJK_DIGITS[ch] == 0):
                return None  # two digits in a row: a year or an abbreviation, not a number
            current = _CJK_DIGITS[ch] if current in (None, 0) else current
        else:
            unit = _CJK_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (current or 1) * unit
            current, last_unit = None, unit
    return total + (current or 0)


def counts(chars: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every count in ``chars[start:end]``."""
    out = []
    stop = len(chars) if end is None else end
    for m in _COUNT.finditer(chars, start, stop):
        if m.group("num") is not None:
            try:
                value = Decimal(m.group("num"))
            except InvalidOperation:
                continue
        else:
            token = m.group("cjk")
            if token in ("零", "〇"):
                continue
            number = cjk_int(token)
            if number is None:
                continue
            if number == 1 and (m.group("unit") in ("起", "批")
                                or chars.startswith(_IDIOM_AFTER.get(m.group("unit"), "\0"), m.end())):
                continue
            value = Decimal(number)
        if m.group("mult"):
            value *= 10_000 if m.group("mult") == "万" else 100_000_000
        pre, approx, post = m.group("pre"), m.group("approx"), m.group("post")
        if pre in _UPPER:
            bound = "upper"
        elif pre in _APPROX or post in ("左右", "上下"):
            bound = "approx"
        elif pre in _LOWER or approx or post == "以上":
            bound = "lower"
        else:
            bound = "exact"
        num_start = m.start("num") if m.group("num") is not None else m.start("cjk")
        out.append(Count(m.start(), num_start, m.end(), value, m.group("unit"), bound, m.group()))
    return out


def as_json(value: Decimal) -> int | float:
    """A count's value for evidence: an int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def fmt_value(value: Decimal | int | float) -> str:
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


_YEAR = re.compile(r"((?:19|20)\d{2})年|([〇零一二三四五六七八九]{4})年")
_CJK_YEAR_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
                    "七": "7", "八": "8", "九": "9"}


# --- sentences ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    """A sentence of prose: folded characters without spaces or soft line breaks, and where each came from."""

    chars: str
    offsets: tuple[int, ...]
    section: Section | None

    def span(self, i: int, j: int) -> Span:
        """Span in ``Report.text`` of ``chars[i:j]``."""
        return Span(self.offsets[i], self.offsets[max(i, j - 1)] + 1)

    @cached_property
    def years(self) -> tuple[list[int], list[int]]:
        """Positions and values of the years written in the sentence (2023年, 二〇二三年), in order."""
        positions, values = [], []
        for m in _YEAR.finditer(self.chars):
            positions.append(m.start())
            values.append(int(m.group(1)) if m.group(1) else int("".join(_CJK_YEAR_DIGITS[c] for c in m.group(2))))
        return positions, values

    def first(self, pattern: re.Pattern[str]) -> int:
        """Where ``pattern`` first matches in the sentence (its length when it does not), computed once."""
        memo: dict[re.Pattern[str], int] = self.__dict__.setdefault("_first", {})
        if pattern not in memo:
            m = pattern.search(self.chars)
            memo[pattern] = m.start() if m else len(self.chars)
        return memo[pattern]

    @cached_property
    def all_counts(self) -> list[Count]:
        """Every count of the whole sentence (several rules read them)."""
        return counts(self.chars)

    @cached_property
    def clause_counts(self) -> list[InClause]:
        """Every count with the words around it, never reaching past its clause (，；)."""
        chars = self.chars
        out = []
        every = self.all_counts  # a count never contains a clause separator: the sentence's, cut by clause
        for a, b in self.clauses():
            found = [c for c in every if a <= c.start and c.end <= b]
            for k, count in enumerate(found):
                left_start = found[k - 1].end if k else a
                right_end = found[k + 1].start if k + 1 < len(found) else b
                out.append(InClause(count, (a, b), left_start, chars[left_start:count.start],
                                    chars[count.end:right_end]))
        return out

    def original(self, report: Report, i: int, j: int) -> str:
        """``chars[i:j]`` as written in the report (line breaks dropped, spaces kept)."""
        span = self.span(i, j)
        return report.text[span.start:span.end].replace("\n", "")

    def clauses(self) -> list[tuple[int, int]]:
        """Clause ranges: the sentence cut at ，；."""
        out, begin = [], 0
        for i, ch in enumerate(self.chars):
            if ch in CLAUSE_SEPARATORS:
                out.append((begin, i))
                begin = i + 1
        out.append((begin, len(self.chars)))
        return [(a, b) for a, b in out if b > a]


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _thousands_commas(text: str) -> set[int]:
    """Offsets of half-width commas between thousands ("3,119"): dropped from sentences like spaces.  A
    full-width ，between digits ("12，130件") separates two numbers and stays a clause separator."""
    return {m.start() for m in _THOUSANDS.finditer(text)}


def _cell_spans(cells: list[Cell]) -> list[Span]:
    return [c.provenance.span for c in cells if c.provenance.span is not None]


def excluded_regions(report: Report) -> list[Span]:
    """Stretches that are not prose: title lines and, per table, the text from its first to its last cell."""
    regions = [span for span, _, _ in report.memo("structure.title_lines", lambda: title_like_lines(report.folded))]
    if report.title_span is not None:
        regions.append(report.title_span)
    for table in report.tables.values():
        spans = _cell_spans(list(table.cells.values()))
        spans += [u.provenance.span for u in table.unplaced if u.provenance.span is not None]
        if spans:
            regions.append(Span(min(s.start for s in spans), max(s.end for s in spans)))
    return regions


def _soft_break(prev_line: str, next_line: str) -> bool:
    """A line break inside a paragraph (page layout), as opposed to the end of a paragraph or a heading."""
    prev, nxt = prev_line.strip(" \u3000\xa0\r"), next_line.strip(" \u3000\xa0\r")
    if len(prev) < _SOFT_BREAK_MIN_LINE or not nxt or prev[-1] in _TERMINAL:
        return False
    if _HEADING_START.match(next_line):
        return False
    heading = _HEADING_START.match(prev_line) and len(prev) <= 40 and "。" not in prev
    return not heading


_TABLE_FIELD_MAX = 40  # a tab-separated field this short is a table cell; a longer one is prose


def _table_fields(text: str, a: int, b: int) -> list[Span]:
    """The cells of a tab-separated table row on line ``text[a:b]`` (indenting tabs do not make a row)."""
    line = text[a:b]
    body = line.strip(" \t\u3000\xa0\r")
    if "\t" not in body:
        return []
    out, pos = [], a
    for field_text in line.split("\t"):
        if len(field_text.strip()) < _TABLE_FIELD_MAX:
            out.append(Span(pos, pos + len(field_text)))
        pos += len(field_text) + 1
    return out


def _is_table_row(text: str, a: int, b: int) -> bool:
    return "\t" in text[a:b].strip(" \t\u3000\xa0\r")


def sentences(report: Report) -> list[Sentence]:
    """Prose sentences outside tables and title lines, cut at 。！？, at paragraph ends and at excluded text
    (computed once per report: five rules read them)."""
    return report.memo("prose_numbers.sentences", lambda: list(_sentences(report)))


def _sentences(report: Report) -> Iterator[Sentence]:
    text, folded = report.text, report.folded
    excluded = bytearray(len(text))
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    regions = excluded_regions(report)
    for a, b in lines:
        regions += _table_fields(text, a, b)
    for span in regions:
        excluded[span.start:span.end] = b"\x01" * (span.end - span.start)
    thousands = _thousands_commas(text)
    thousands_sorted = sorted(thousands)
    chars: list[str] = []  # fragments: single characters, or whole runs of a plain prose line
    offsets: list[int] = []

    def flush() -> Iterator[Sentence]:
        if chars:
            yield Sentence("".join(chars), tuple(offsets), report.section_at(offsets[0]))
        chars.clear()
        offsets.clear()

    def runs(pattern: re.Pattern[str], a: int, b: int) -> Iterator[Sentence]:
        """Whole runs of ``folded[a:b]`` at C speed instead of character by character; ``end`` ends a sentence."""
        for m in pattern.finditer(folded, a, b):
            if m.lastgroup == "end":
                yield from flush()
            else:
                chars.append(m.group())
                offsets.extend(range(m.start(), m.end()))

    for k, (a, b) in enumerate(lines):
        if "\t" not in folded[a:b] and excluded.find(1, a, b) == -1 and not _any_between(thousands_sorted, a, b):
            yield from runs(_PROSE_RUN, a, b)  # a plain prose line, the common case
        else:
            i = a
            while i < b:
                if excluded[i]:
                    yield from flush()
                    j = excluded.find(0, i, b)  # skip the whole excluded run at once
                    i = b if j == -1 else j
                    continue
                j = excluded.find(1, i, b)
                stop = b if j == -1 else j
                if not _any_between(thousands_sorted, i, stop):
                    yield from runs(_ROW_RUN, i, stop)  # no thousands commas to drop; a tab ends a sentence like 。
                    i = stop
                    continue
                while i < stop:
                    ch = folded[i]
                    i += 1
                    if ch == "\t" and chars:
                        yield from flush()
                        continue
                    if ch in _SPACES or ch == "\t" or i - 1 in thousands:
                        continue
                    if ch in SENTENCE_END:
                        yield from flush()
                        continue
                    chars.append(ch)
                    offsets.append(i - 1)
        nxt = lines[k + 1] if k + 1 < len(lines) else (b, b)
        if not (chars and not _is_table_row(text, *nxt) and not _is_table_row(text, a, b)
                and _soft_break(text[a:b], text[nxt[0]:nxt[1]])):
            yield from flush()
    yield from flush()


def _any_between(sorted_offsets: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_left(sorted_offsets, a)
    return i < len(sorted_offsets) and sorted_offsets[i] < b


_PROSE_RUN = re.compile(r"(?P<end>[。！？!?])|[^ \u3000\xa0\r。！？!?]+")
_ROW_RUN = re.compile(r"(?P<end>[。！？!?\t])|[^ \u3000\xa0\r\t。！？!?]+")


# --- context helpers ---------------------------------------------------------------------------------------

def year_before(sentence: Sentence, index: int) -> int | None:
    """The last year (2023年, 二〇二三年) written before ``index`` in the sentence."""
    positions, values = sentence.years
    k = bisect.bisect_left(positions, index)
    return values[k - 1] if k else None


def other_year(report: Report, sentence: Sentence, index: int) -> bool:
    """True when the number at ``index`` is tied to a year that is not the report's (or the year is unknown)."""
    year = year_before(sentence, index)
    return year is not None and year != report.year


#: Words that tie a number to a change or to a period other than the report year.
NOT_THIS_YEAR = re.compile(r"同比|环比|较上年|较去年|比上年|比去年|增加|增长|减少|下降|上升|提高|降低"
                           r"|去年|前年|上年同期|累计|历年|成立以来|近[一二三四五两\d]年|\d+年来")
_INLINE_SUBHEADING = re.compile(r"[(（](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]")
_HEADING_TITLE = re.compile(r"[^。.:：;；,，\n]{0,30}")


def heading_context(report: Report, sentence: Sentence, limit: int = 600) -> str:
    """The title of the nearest (sub)heading before the sentence, within its section and ``limit`` characters.

    Tells what a paragraph is about when the sentence itself only says 申请 ("本年度共收到70件申请"), in
    line-per-paragraph text (a heading line) and in flattened web text (an inline "（二）依申请公开方面").  Only the
    heading's own words count: the text between a heading and the sentence mentions 政府信息公开 everywhere."""
    start = sentence.offsets[0]
    floor = max(0, start - limit)
    if sentence.section is not None:
        floor = max(floor, sentence.section.heading_span.start)
    candidates = [m.end() + floor for m in _INLINE_SUBHEADING.finditer(report.folded[floor:start])]
    if not candidates:
        return ""
    title_start = max(candidates)
    m = _HEADING_TITLE.match(report.folded, title_start)
    return m.group() if m else ""


@dataclass(frozen=True)
class InClause:
    """A count seen from its clause: the words before it (back to the previous count) and after it."""

    count: Count
    clause: tuple[int, int]
    left_start: int
    left: str
    right: str


def counts_in_clauses(sentence: Sentence) -> list[InClause]:
    """Every count of the sentence with the words around it, never reaching past its clause (，；)."""
    return sentence.clause_counts


def quote_start(chars: str, left_start: int, count: Count, limit: int = 30) -> int:
    """Quote from the start of the words belonging to a number (at most ``limit`` characters back)."""
    start = max(left_start, count.start - limit)
    while start < count.start and chars[start] in "、(（[【":
        start += 1
    return start
