"""Helpers of the title, sign-off, numbering and format-version rules (S102–S104, N101–N102, V101–V102).

They read the outline of a report — its title block, its closing lines, its numbered headings — the same way
whatever the input format was: only offsets into ``Report.folded`` and line breaks are used, never the layout of
one particular format (a PDF may wrap a title over two lines, a web export may put everything on one line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from xxgk_lint.core.layouts import T2_ROWS_2019, T2_ROWS_2021, t3_rows
from xxgk_lint.core.model import Heading, Report, Section, SectionKind, Span
from xxgk_lint.core.structure import parse_title
from xxgk_lint.core.textnorm import label_key, number_to_cjk

# --- lines ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A non-blank line of the folded text, trimmed: ``span`` covers its visible characters only."""

    span: Span
    text: str


def lines_between(folded: str, start: int, end: int) -> list[Line]:
    out: list[Line] = []
    pos = start
    while pos < end:
        nl = folded.find("\n", pos, end)
        stop = end if nl == -1 else nl
        raw = folded[pos:stop]
        body = raw.strip()
        if body:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(Span(pos + lead, pos + lead + len(body)), body))
        pos = stop + 1
    return out


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


#: What a title fragment never contains: sentence punctuation, a colon (metadata), a document number.
_NOT_FRAGMENT = re.compile(r"[。，,；;！!？?：:]|〔\d{4}〕|\(\d{4}\)\d+号|\[\d{4}\]\d+号")
_META = re.compile(r"^[^\s:：]{2,6}[ \t]*[:：]")
_NAVIGATION = re.compile(r"首页|当前位置|您的位置|[>»›]")


def is_fragment(line: Line, limit: int = 40) -> bool:
    """A short line without sentence punctuation: a title, or one line of a title wrapped over several.
    A web page's breadcrumb (``首页 > 政务公开 > 政府信息公开年报``) is not one."""
    body = compact(line.text)
    return (0 < len(body) <= limit and not _NOT_FRAGMENT.search(body) and not _META.match(line.text)
            and not _NAVIGATION.search(body))


# --- title ----------------------------------------------------------------------------------------------

YEAR_TOKEN = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_YEAR_IN_TITLE = re.compile(YEAR_TOKEN + r"\s*年度?")
_REPORT_PHRASE = re.compile(r"(?:政府)?信息公开\s*(?:工作)?\s*(?:年度)?\s*(?:报\s*告|年\s*报)")
_FILLER = re.compile(r"^(?:关于|本机关|本单位)|的$|工作$|年度$")
_VERSION_WORDS = re.compile(r"全文|正文|摘要|终稿|修订稿|修订版|公开版")
_BODY_SUFFIX = re.compile(
    r"(人民政府|办公室|办公厅|委员会|管理委员会|管委会|局|厅|委|办|署|院|中心|街道办事处|办事处|街道|乡|镇|县|区|市|省|公司|所|站|队)$")


def is_title_text(text: str) -> bool:
    body = compact(text)
    return "信息公开" in body and ("报告" in body or "年报" in body)


def year_in_title(title: str) -> int | None:
    return parse_title(compact(title))[1]


def body_in_title(title: str) -> str | None:
    """The issuing body a title names: what is left once the year and '政府信息公开工作年度报告' are taken out.

    Works whatever the order (``2023年度XX县人民政府政府信息公开…``, ``…年度报告（XX局）``)."""
    rest = _YEAR_IN_TITLE.sub("", compact(title))
    rest = _REPORT_PHRASE.sub("", rest)
    rest = _VERSION_WORDS.sub("", rest)
    rest = re.sub(r"[《》“”\"'()（）\[\]【】〔〕、·\-—_]", "", rest)
    prev = None
    while prev != rest:
        prev, rest = rest, _FILLER.sub("", rest)
    return rest if len(rest) >= 2 else None


def looks_like_body(text: str) -> bool:
    return bool(_BODY_SUFFIX.search(compact(text)))


def _strip_body(name: str) -> str:
    return re.sub(r"(人民政府|办事处)$", "", compact(name))


def same_body(a: str, b: str) -> bool:
    """Two spellings of one body: equal, or one contains the other (圪塔上乡 / 兴县圪塔上乡人民政府)."""
    x, y = _strip_body(a), _strip_body(b)
    return bool(x) and bool(y) and (x in y or y in x)


@dataclass(frozen=True)
class TitleBlock:
    text: str  # the title as written, lines joined
    span: Span | None  # None when the title is only in the page's metadata
    from_metadata: bool = False


def title_block(report: Report) -> TitleBlock | None:
    """The report's title, with the fragments of a title wrapped over two or three lines joined.

    ``core.structure.find_title`` wants 政府信息公开 and 报告 on one line; a title set in a large font is often
    wrapped (``淮安市人民政府2024年政府信息公开`` / ``工作年度报告``), so the lines around are read as well."""
    limit = report.sections[0].span.start if report.sections else min(len(report.folded), 3000)
    lines = lines_between(report.folded, 0, limit)
    if report.title_span is not None:
        title_line = next((i for i, ln in enumerate(lines) if ln.span.start <= report.title_span.start < ln.span.end),
                          None)
        if title_line is not None and is_fragment(lines[title_line], 60):
            return _extend(report, lines, title_line, title_line)
        # the core took a sentence ("本报告根据……编制") or a breadcrumb for the title: look for a title line
    for j, line in enumerate(lines):
        if not is_fragment(line):
            continue
        for k in range(j, max(-1, j - 3), -1):
            if not is_fragment(lines[k]):
                break
            if is_title_text("".join(ln.text for ln in lines[k:j + 1])):
                return _extend(report, lines, k, j)
    if report.title is not None and report.title_span is None:
        return TitleBlock(report.title, None, from_metadata=True)  # the page's metadata names the report
    return None


def _extend(report: Report, lines: list[Line], first: int, last: int) -> TitleBlock:
    """Join a body line above (``XX县人民政府`` / ``2023年政府信息公开工作年度报告``) and a year line below
    (``…年度报告`` / ``（2023年度）``) when the title line itself lacks them."""
    text = "".join(ln.text for ln in lines[first:last + 1])
    if body_in_title(text) is None and first > 0:
        above = lines[first - 1]
        if is_fragment(above, 30) and looks_like_body(above.text) and not compact(above.text).endswith("文件"):
            first -= 1
    if year_in_title(text) is None and last + 1 < len(lines):
        below = lines[last + 1]
        if re.fullmatch(r"[(（]?" + YEAR_TOKEN + r"年度?[)）]?", compact(below.text)):
            last += 1
    shown = "".join(report.text[ln.span.start:ln.span.end] for ln in lines[first:last + 1])
    return TitleBlock(shown, Span(lines[first].span.start, lines[last].span.end))


# --- closing lines (sign-off) -----------------------------------------------------------------------------

DATE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def closing_lines(report: Report, count: int = 8) -> list[Line]:
    """The last non-blank lines, last first (a web export's single long line counts as one)."""
    start = report.sections[-1].heading_span.end if report.sections else max(0, len(report.folded) - 2000)
    return list(reversed(lines_between(report.folded, start, len(report.folded))))[:count]


# --- numbered headings -------------------------------------------------------------------------------------

STYLE_NAMES = {"cjk": "一、", "arabic": "1.", "cjk-paren": "（一）", "arabic-paren": "（1）"}


def marker_of(style: str, number: int) -> str:
    """How a number is written in a style: （三）, (3), 3. and 三、 — in folded form for searching."""
    if style == "cjk-paren":
        return f"({number_to_cjk(number)})"
    if style == "arabic-paren":
        return f"({number})"
    if style == "cjk":
        return f"{number_to_cjk(number)}、"
    return f"{number}."


def shown_marker(style: str, number: int) -> str:
    if style == "cjk-paren":
        return f"（{number_to_cjk(number)}）"
    if style == "arabic-paren":
        return f"（{number}）"
    if style == "cjk":
        return f"{number_to_cjk(number)}、"
    return f"{number}."


def written_inline(folded: str, style: str, number: int, start: int, end: int) -> bool:
    """Whether item ``number`` of ``style`` is written inside a paragraph between two offsets.

    Items often follow their heading on the same line (``（一）组织领导。1.加强…``) or run on in one paragraph;
    a heading scan sees only line starts, so a number missing from the scan may well be in the text."""
    chunk = folded[start:end]
    if style == "arabic":
        return re.search(rf"(?<![\d.]){number}\s*[.、](?!\d)", chunk) is not None
    if style == "cjk":
        return re.search(rf"(?<![一二三四五六七八九十]){number_to_cjk(number)}、", chunk) is not None
    return marker_of(style, number) in chunk


def _row_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    """Label keys of table rows: exact keys (short ones such as 总计, 其他) and prefixes (long ones)."""
    keys: set[str] = {"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", "予以公开", "部分公开", "总计"}
    rows = [*t3_rows("2021", True), *t3_rows("2019", False), *T2_ROWS_2021, *T2_ROWS_2019]
    for row in rows:
        keys.update(label_key(k) for k in row.keys)
        last = row.label.rsplit("/", 1)[-1]
        keys.add(label_key(re.sub(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十\d]+\)|\d+[.、])", "",
                                  last.replace("（", "(").replace("）", ")"))))
    exact = frozenset(k for k in keys if len(k) < 4)
    return exact, tuple(sorted(k for k in keys if len(k) >= 4))


_EXACT_ROWS, _ROW_PREFIXES = _row_keys()


_TABLE_SECTIONS = frozenset({SectionKind.PROACTIVE, SectionKind.REQUESTS, SectionKind.REVIEW_LITIGATION})


def is_table_row(report: Report, heading: Heading) -> bool:
    """A numbered table label seen as a heading (one cell per line, a table rendered without tabs): inside the
    cells a table was read from, or worded like a table row in a section or region that holds a table."""
    start = heading.span.start
    regions = []
    for table in report.tables.values():
        spans = [c.provenance.span for c in table.cells.values() if c.provenance.span is not None]
        if spans and min(s.start for s in spans) <= start <= max(s.end for s in spans):
            return True
        if table.span is not None:
            regions.append(table.span)
    regions += [s.span for s in report.sections if s.kind in _TABLE_SECTIONS]
    if any(r.start <= start < r.end for r in regions):
        key = label_key(heading.text)
        return key in _EXACT_ROWS or any(key.startswith(p) for p in _ROW_PREFIXES)
    return False


def scope_headings(report: Report, section: Section) -> list[Heading]:
    """The numbered headings and items inside one section (after its heading), table rows left out."""
    out = []
    for h in report.headings:
        if not (section.heading_span.end <= h.span.start < section.span.end):
            continue
        if h.marker.startswith("第") or is_table_row(report, h):
            continue
        out.append(h)
    return out


@dataclass
class _Level:
    style: str
    last: int
    at: Heading


@dataclass(frozen=True)
class Break:
    """A heading numbered in another system but continuing the sequence of the first one (N101)."""

    heading: Heading
    first_style: str
    expected: int


@dataclass(frozen=True)
class Gap:
    """Numbers skipped (``missing``) or a number used again (``repeated``) in one list (N102)."""

    heading: Heading
    previous: Heading
    missing: tuple[int, ...] = ()
    repeated: bool = False


@dataclass
class ScopeWalk:
    first_style: str | None = None
    breaks: list[Break] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def walk_scope(folded: str, headings: list[Heading]) -> ScopeWalk:
    """Follow the nested numbered lists of one section.

    The first numbered heading sets the section's system (（一） in most reports).  A heading in another style
    that *restarts* at 1, or continues an earlier list of its own style, is a nested list (``（一）… 1.… 2.…``);
    one that takes up the next number of the first system (``（一）（二）3.``) is a heading numbered in another
    system.  Within one list, a skipped number that is not written inside the text between is a gap, and a
    number used again (other than a restart at 1) is a repeat."""
    walk = ScopeWalk()
    if not headings:
        return walk
    walk.first_style = headings[0].style
    stack: list[_Level] = []
    last_seen: dict[str, int] = {}
    broken: set[str] = set()  # styles already seen continuing the first system
    for h in headings:
        s, n = h.style, h.number
        idx = next((i for i, lv in enumerate(stack) if lv.style == s), None)
        if idx is not None:
            del stack[idx + 1:]
            level = stack[idx]
            if n > level.last + 1:
                missing = tuple(k for k in range(level.last + 1, n)
                                if not written_inline(folded, s, k, level.at.span.start, h.span.start))
                if missing:
                    walk.gaps.append(Gap(h, level.at, missing=missing))
            elif n <= level.last and n != 1:
                walk.gaps.append(Gap(h, level.at, repeated=True))
            level.last, level.at = n, h
        else:
            top = stack[0] if stack else None
            continues_top = (top is not None and top.style == walk.first_style and n == top.last + 1 and n != 1
                             and (s in broken or (last_seen.get(s) != n - 1
                                  and not written_inline(folded, s, n - 1, top.at.span.start, h.span.start))))
            if continues_top and top is not None:
                walk.breaks.append(Break(h, top.style, n))
                broken.add(s)
                del stack[1:]
                top.last, top.at = n, h
            else:
                stack.append(_Level(s, n, h))
        last_seen[s] = n
    return walk


def section_walks(report: Report) -> Iterator[tuple[Section, ScopeWalk]]:
    for section in report.sections:
        yield section, walk_scope(report.folded, scope_headings(report, section))


# --- format version ----------------------------------------------------------------------------------------


def find_label(folded: str, label: str, start: int = 0, end: int | None = None) -> Span | None:
    """Where a table label is written, spaces and line breaks inside it allowed (``本年新 制作数量``)."""
    pattern = r"\s*".join(re.escape(ch) for ch in label)
    m = re.compile(pattern).search(folded, start, len(folded) if end is None else end)
    return Span(m.start(), m.end()) if m else None
