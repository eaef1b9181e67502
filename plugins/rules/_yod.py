"""Helpers of the year (Y1xx), organisation (O1xx) and date (D1xx) rules.

These rules read the report's own prose for the years and names it uses about itself.  They share one view of
that prose: where years are written, which parts are not the report speaking for itself (standalone title lines,
which S104 reports; document titles quoted in 《》; text in quotation marks), the clause and sentence around a
match, where paragraphs start, and how two names of administrative bodies compare.  All matching runs on
``Report.folded`` (full-width punctuation folded: ``（`` → ``(``, ``，`` → ``,``; ``。、《》“”`` stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from xxgk_lint.core.bodies import self_type
from xxgk_lint.core.model import Report, Span
from xxgk_lint.core.structure import title_like_lines
from xxgk_lint.core.textnorm import cjk_year

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_DIGITS = "〇○零一二三四五六七八九"  # ○ (U+25CB) typed for 〇 in many reports

#: A four-digit year, never part of a longer number (table digits run together in web exports).  Each
#: alternative starts with a character (the lookbehinds follow it) so that the regex engine can skip to the
#: possible first characters instead of trying every position: four times faster over a report.
YEAR = (rf"(?:1(?<![\d.\-/]1)9\d{{2}}(?!\d)|2(?<![\d.\-/]2)0\d{{2}}(?!\d)"
        rf"|[{_CJK_DIGITS}](?<![{_CJK_DIGITS}][{_CJK_DIGITS}])[{_CJK_DIGITS}]{{3}}(?![{_CJK_DIGITS}]))")
_SP = r"[ \t]*"

#: Sentence ends in folded text (；！？ are folded to ; ! ?).
SENTENCE_STOPS = ";。!?\n"


def year_value(token: str) -> int | None:
    token = token.strip()
    return int(token) if token.isdigit() else cjk_year(token)


def line_span(folded: str, pos: int) -> Span:
    start = folded.rfind("\n", 0, pos) + 1
    end = folded.find("\n", pos)
    return Span(start, len(folded) if end == -1 else end)


def bounds(folded: str, start: int, end: int, stops: str) -> Span:
    """The stretch around ``[start, end)`` up to the nearest stop characters on either side."""
    left = max(folded.rfind(ch, 0, start) for ch in stops) + 1
    rights = [i for i in (folded.find(ch, end) for ch in stops) if i != -1]
    return Span(left, min(rights) if rights else len(folded))


def title_line_spans(report: Report) -> list[Span]:
    """Whole lines holding a standalone report title: the title itself and leftover titles (S104 reports those,
    so year and body rules leave them alone)."""
    titles = report.memo("structure.title_lines", lambda: title_like_lines(report.folded))
    return [line_span(report.folded, span.start) for span, _, _ in titles]


#: A crawler's or page's "key: value" line heading the file (标题: …, 发布时间: …, 本地目录: …).
_META_LINE = re.compile(r"[ \t]*[^\s:：]{2,8}[ \t]*[:：]")
_META_MAX = 200


def skipped_lines(report: Report) -> list[Span]:
    """Lines that are not the report's prose: standalone report titles (S104 reports the leftover ones) and the
    metadata lines a page or crawler puts before the report."""
    head = report.sections[0].span.start if report.sections else min(len(report.folded), 2000)
    meta = []
    for start in report.line_starts:
        line = line_span(report.folded, start)
        if line.end > head:
            break
        if line.end - line.start <= _META_MAX and _META_LINE.match(report.folded, line.start, line.end):
            meta.append(line)
    return title_line_spans(report) + meta


_BOOK_TITLE = re.compile(r"《[^《》\n]{1,150}》")
_QUOTE = re.compile(r"“[^“”\n]{1,60}”")


def quoted_spans(folded: str, *, quotes: bool = False) -> list[Span]:
    """Document titles in 《》 (and, with ``quotes``, text in “”): another document speaking, not the report."""
    spans = [Span(m.start(), m.end()) for m in _BOOK_TITLE.finditer(folded)]
    if quotes:
        spans += [Span(m.start(), m.end()) for m in _QUOTE.finditer(folded)]
    return spans


def inside(pos: int, spans: list[Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


# --- paragraphs --------------------------------------------------------------------------------------------

#: Numbering a paragraph may open with: （一） 1. 一、 一是
_PARA_MARKER = re.compile(
    r"[ \t]*(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.](?!\d)"
    r"|[一二三四五六七八九十]是)?[ \t]*"
)


def paragraph_starts(report: Report) -> Iterator[int]:
    """Where paragraphs of prose begin, past any numbering: line starts (table rows, with tabs, are not prose),
    and the text following a section heading on the same line (flattened web text)."""
    folded = report.folded
    for start in report.line_starts:
        line = line_span(folded, start)
        if line.end <= line.start or "\t" in folded[line.start:line.end]:
            continue
        m = _PARA_MARKER.match(folded, line.start, line.end)
        yield m.end() if m else line.start
    for section in report.sections:
        pos = section.heading_span.end
        while pos < len(folded) and folded[pos] in " \t。:":
            pos += 1
        if pos < len(folded) and folded[pos] != "\n" and pos not in report.line_starts:
            yield pos


def sentence_starts(report: Report) -> Iterator[int]:
    """Where sentences begin inside prose paragraphs: after 。!?; on a line without tabs (not a table row),
    past spaces — a run-in subheading "（一）主动公开。2022 年，…" or a dated sentence mid-paragraph."""
    folded = report.folded
    for m in re.finditer(r"[。!?;][ \t\u3000]*(?=[^\s])", folded):
        line = line_span(folded, m.start())
        if "\t" not in folded[line.start:line.end]:
            yield m.end()


def section_opening(report: Report, start: int, end: int, skip: list[Span]) -> int | None:
    """The first prose position of a section body ``[start, end)``, past blank lines, the lines in ``skip``
    (title lines) and a subheading alone on its line (``（一）主动公开情况``), past the numbering of the paragraph."""
    folded = report.folded
    subheadings = {h.span.start for h in report.headings if h.level == 2 and len(h.text) <= _SUBHEADING_MAX
                   and not re.search(r"[,。;]", h.text)}
    pos = start
    while pos < end:
        while pos < end and folded[pos] in " \t\n。:":
            pos += 1
        if pos >= end:
            return None
        line = line_span(folded, pos)
        if any(s.start <= pos < s.end for s in skip) or pos in subheadings:
            pos = line.end
            continue
        m = _PARA_MARKER.match(folded, pos, line.end)
        return m.end() if m and pos == line.start else pos
    return None


_SUBHEADING_MAX = 20


# --- report-year wording ------------------------------------------------------------------------------------

#: A paragraph or sentence that opens with a year as its time frame: "2022 年，…", "2022年度，…", "2022年以来，…"
OPENING_YEAR = re.compile(rf"(?P<year>{YEAR}){_SP}年(?P<du>度)?{_SP}(?P<since>以来)?{_SP}[,:]")

#: A report title written in prose: "{机关}{YYYY}年（度）政府信息公开工作年度报告" (body optional).
REPORT_TITLE = re.compile(
    rf"(?P<year>{YEAR}){_SP}年{_SP}度?{_SP}(?:政府)?{_SP}信息公开{_SP}(?:工作)?{_SP}(?:年度)?{_SP}(?:报{_SP}告|年报)"
)

#: Body-name endings, longest first.
BODY_SUFFIX = (r"(?:人民政府|政府|街道办事处|办事处|街道|管理委员会|管委会|委员会|综合服务中心|服务中心|中心"
               r"|办公室|办公厅|局|乡|镇|县|区|市)")


@dataclass(frozen=True)
class TitleMention:
    """A report title written inside the prose (not a standalone title line)."""

    span: Span  # from the body name (when there is one) to the end of 报告/年报
    year: int | None
    body: str | None  # the body named right before the year, if any
    framed: bool  # presented as this very report (现将…公布, a title standing alone between spaces), and not
    # part of another document's title (《关于编制公布2021年…年度报告有关事项的通知》)


#: Words presenting a report title as the report being published: 现将…, 现向社会公布…
_FRAMING = re.compile(
    r"现将|现(?:予|特|向社会|面向社会)?(?:公布|发布|印发|公开|编制|报告)|特此(?:公布|发布)|(?:本|此)报告(?:为|是|即)"
)
_FRAMING_AFTER = re.compile(r"[ \t》]*(?:予以公布|公布如下|发布如下|如下)")
#: After a title, words that make it part of another document's title or a topic: …有关事项的通知, …编制工作
_NOTICE_AFTER = re.compile(
    r"[ \t]*(?:有关|的?编制|编制|发布工作|工作的|的通知|通知|中|里|所|提出|指出|评估|考核|检查|排名|获|被)"
)
_NOTICE_BEFORE = re.compile(r"关于[^《》。\n]{0,20}$")
#: Where a body name before a title may begin: after these words or punctuation.
_NAME_START = re.compile(r"现将|现予|公布|发布|印发|转发|编制|报送|关于|对|将|是|为|的")


def name_before(folded: str, end: int, limit: int = 30) -> tuple[int, str] | None:
    """A body name ending at ``end`` (``…小董乡人民政府`` before a year): the run of CJK characters back to a
    word that cannot be part of a name, when it ends like a body name (人民政府, 乡, 局, 中心…)."""
    start = end
    while start > 0 and end - start < limit and re.match(f"[{CJK}]", folded[start - 1]):
        start -= 1
    run = folded[start:end]
    cut = 0
    for m in _NAME_START.finditer(run):
        cut = m.end()
    name = run[cut:]
    if len(name) < 2 or not re.search(BODY_SUFFIX + "$", name):
        return None
    return start + cut, name


def title_mentions(report: Report, skip: list[Span]) -> Iterator[TitleMention]:
    """Report titles written inside the prose, outside the lines in ``skip``."""
    folded = report.folded
    books = quoted_spans(folded)
    for m in REPORT_TITLE.finditer(folded):
        if inside(m.start(), skip):
            continue
        year = year_value(m.group("year"))
        found = name_before(folded, _lead_end(folded, m.start()))
        start, body = found if found else (m.start(), None)
        book = next((b for b in books if b.start <= m.start() < b.end), None)
        after = folded[m.end():m.end() + 12]
        notice = bool(_NOTICE_AFTER.match(after)) and not _FRAMING_AFTER.match(after)
        if book is not None:
            inner_before = folded[book.start + 1:start]
            notice = notice or bool(_NOTICE_BEFORE.search(inner_before)) or m.end() < book.end - 1
        sentence = bounds(folded, m.start(), m.end(), SENTENCE_STOPS)
        framed = bool(_FRAMING.search(folded[sentence.start:start])) or bool(_FRAMING_AFTER.match(after))
        framed = framed or _stands_alone(folded, start, m.end())
        yield TitleMention(Span(start, m.end()), year, body, framed and not notice)


def _lead_end(folded: str, end: int) -> int:
    """``len(re.sub(r"[ \t]+$", "", folded[:end]))`` without copying the text before every title: the
    spaces at its end, or else those before a final line break, dropped."""
    i = end
    while i > 0 and folded[i - 1] in " \t":
        i -= 1
    if i < end or end == 0 or folded[end - 1] != "\n":
        return i
    j = end - 1
    while j > 0 and folded[j - 1] in " \t":
        j -= 1
    return end - (end - 1 - j)


def _stands_alone(folded: str, start: int, end: int) -> bool:
    """A title between spaces or line ends inside a longer line: a heading glued into flattened text."""
    before = folded[start - 1] if start > 0 else "\n"
    after = folded[end] if end < len(folded) else "\n"
    return before in " \t\n" and after in " \t\n"


# --- body names ---------------------------------------------------------------------------------------------

class Same(str, Enum):
    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


_GOV = re.compile(r"(?:人民政府|政府)$")
_OFFICE = re.compile(
    r"(?:人民政府|政府)?(?:政务公开|政务服务|党政|党政综合|综合)?办(?:公室|公厅)?|(?:党工委)?(?:管委会|管理委员会)"
)
_TYPE_TAIL = re.compile(
    r"(?:街道办事处|办事处|街道办|街道|管理委员会|管委会|委员会|综合服务中心|服务中心|中心|办公室|办公厅|局|厅|委|办|乡|镇"
    r"|苏木|县|区|市|旗)$"
)
_PLACE_HEAD = re.compile(rf"^(?:[{CJK}]{{1,8}}?(?:省|自治区|自治州|地区|盟|市|县|区|旗))+")
_GENERIC = set("省市县区乡镇旗街道办事处人民政府委员会管理中心局厅综合服务")


def normalise_name(name: str) -> str:
    compact = re.sub(r"[\s《》“”\"']+", "", name)
    stripped = _GOV.sub("", compact)
    return stripped or compact


def name_core(name: str) -> str:
    """The distinctive part of a name: no higher-level places before it, no type word after it
    (武陟县小董乡人民政府 → 小董, 鲁山县土门办事处 → 土门, 土门中心 → 土门, 沭阳县发展和改革局 → 发展和改革)."""
    n = normalise_name(name)
    tail = _TYPE_TAIL.sub("", n) or n
    return _PLACE_HEAD.sub("", tail) or tail


def is_generic(name: str) -> bool:
    """我市, 全县, 县政府, 县委县政府, 县政务公开办公室: a reference by type or by a word of the local level, not a
    name to compare (a name starting with a bare 县/市/乡 has no place name of its own)."""
    n = normalise_name(name)
    return bool(re.match(r"[我全本各该此省市县区乡镇]", n)) or len(_TYPE_TAIL.sub("", n)) < 2


def compare_bodies(a: str, b: str) -> Same:
    """Whether two names denote the same body.

    The same: equal; one a fuller form of the other (圪塔上乡 / 兴县圪塔上乡人民政府,
    县发展和改革局 / 沭阳县发展和改革局); a body and the office compiling its report
    (淮安市人民政府 / 淮安市人民政府办公室); one distinctive name under two unit words (鲁山县土门办事处 / 土门中心).
    Different: two governments of different types (示例县 / 示例镇, 兴县 / 兴县圪塔上乡), or distinctive names
    sharing no character (小董乡 / 大封镇).  Anything else is unsure: a unit of the body (示例县 / 示例县数据局),
    an abbreviation (发改局 / 发展和改革局)."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return Same.UNSURE
    if na == nb:
        return Same.SAME
    short, long = sorted((na, nb), key=len)
    if long.endswith(short):
        return Same.SAME
    ta, tb = self_type(a), self_type(b)
    differ_in_type = bool(ta and tb and ta != tb)
    if long.startswith(short):
        if _OFFICE.fullmatch(long[len(short):]):
            return Same.SAME
        return Same.DIFFERENT if differ_in_type else Same.UNSURE
    ca, cb = name_core(a), name_core(b)
    if ca == cb:
        return Same.DIFFERENT if differ_in_type else Same.SAME
    if ca in cb or cb in ca:
        return Same.UNSURE if differ_in_type else Same.SAME
    if (set(ca) & set(cb)) - _GENERIC:
        return Same.UNSURE
    return Same.DIFFERENT


def context_key(folded: str, start: int, end: int, width: int = 6) -> str:
    """A finding key from the matched words and their neighbours, without positions (survives edits elsewhere)."""
    return re.sub(r"\s+", "", folded[max(0, start - width):end + width])


# --- dates --------------------------------------------------------------------------------------------------

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(rf"{YEAR}{_SP}年{_SP}{_NUM}{_SP}月{_SP}{_NUM}{_SP}日")
_SEAL = re.compile(r"[\s()（）\[\]【】:：,，、.。\-—]|[印公盖签]?章")


def signoff_date_line(report: Report) -> Span | None:
    """The sign-off date, when it stands on its own line or right after the body's name (``2022年1月20日``,
    ``兴县圪塔上乡人民政府 2022年1月20日``); None when the date the core took is part of a sentence."""
    if report.signoff_span is None or report.signoff_date is None:
        return None
    folded = report.folded
    end = report.signoff_span.end
    line = line_span(folded, max(0, end - 1))
    date = next((m for m in _DATE.finditer(folded, line.start, line.end) if m.end() == end), None)
    if date is None:
        return None
    rest = folded[line.start:date.start()] + folded[date.end():line.end]
    rest = re.sub(r"\s+", "", rest)
    if report.signoff_organization:
        rest = rest.replace(re.sub(r"\s+", "", report.signoff_organization), "", 1)
    if _SEAL.sub("", rest):
        return None
    return Span(date.start(), date.end())


def issuer(report: Report) -> str | None:
    """The issuing body as the title names it, in its fuller form when the sign-off gives one (圪塔上乡 →
    兴县圪塔上乡人民政府).  The core resolves ``organization`` to any fuller name containing the title's, so a
    county government's report signed by its office would become the office's (示例县人民政府办公室): the kind
    of body (deadlines, self-references) is the title's."""
    title, resolved = report.title_organization, report.organization
    if title and resolved and normalise_name(resolved).endswith(normalise_name(title)):
        return resolved
    return title or resolved


def signoff_name_span(report: Report) -> Span | None:
    """The line of the sign-off holding the body's name (the line the sign-off starts on), stripped."""
    if report.signoff_span is None:
        return None
    line = line_span(report.folded, report.signoff_span.start)
    text = report.folded[line.start:line.end]
    start = line.start + len(text) - len(text.lstrip())
    end = line.end - (len(text) - len(text.rstrip()))
    return Span(start, min(end, report.signoff_span.end)) if end > start else None


def plain_date_aside(text: str, iso: str) -> str:
    """``（2023年12月20日）`` after a sign-off date written otherwise (二〇二三年十二月二十日, 2023.12.20); nothing
    when the sign-off already reads that way."""
    from xxgk_lint.core.labels import human_date

    plain = human_date(iso)
    return "" if plain == "".join(text.split()) else f"（{plain}）"
