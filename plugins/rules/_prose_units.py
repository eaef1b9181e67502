"""Running prose of a report, for the content (C1xx) and typography (G1xx) rules.

Content rules read a section's body; typography rules read *prose units*: the stretches of text a reader can
vouch for as running prose.  Everything a reader renders from a table (tab-separated rows, the flattened cells
of a web export), the title, the sign-off and a crawler's ``key: value`` header are left out, because their
spacing and punctuation come from layout, not from the author.  A unit never spans two lines (a line break may
be a layout artefact) nor two sections (flattened text carries several sections on one line).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from xxgk_lint.core.model import FormatVersion, Report, Section, SectionKind, Span

#: CJK ideographs (basic block and extension A), the characters of Chinese prose.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK = re.compile(f"[{CJK_CHARS}]")

#: A crawler's metadata header line ("标题: …", "发布时间: …") before the report itself.
_META_LINE = re.compile(r"[ \t]*[^\s:：]{2,8}[ \t]*[:：][^\n]*")
_META_MAX = 200
_HEAD_END = re.compile(r"[。：:；;]")
_HEAD_COLON = re.compile(r"[：:]")

#: A level-1/level-2 heading marker at the start of a clause: 一、 1. （一） (1)
HEADING_MARKER = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])"
)


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


@dataclass(frozen=True)
class Unit:
    """A stretch of running prose: ``span`` in ``Report.text``, and the section it lies in."""

    span: Span
    section: str | None


def last_section(report: Report, kind: SectionKind) -> Section | None:
    """The section of a kind; of a duplicated section (leftover text of another report) the last copy, which is
    where build.py also looks for tables."""
    found = [s for s in report.sections if s.kind is kind]
    return found[-1] if found else None


def section_body(report: Report, section: Section) -> Span:
    """The body of a section: after its heading, before the next section or the sign-off, without the
    surrounding whitespace (an empty span at the heading end when there is no body at all).  A heading runs to
    the end of its first sentence; text after a colon in it ("五、存在的主要问题及改进情况：无。") is body."""
    start, end = section.heading_span.end, section.span.end
    colon = _HEAD_COLON.search(report.folded, section.heading_span.start, section.heading_span.end)
    if colon is not None:
        start = colon.end()
    signoff = report.signoff_span
    if signoff is not None and start <= signoff.start < end:
        line_start = report.text.rfind("\n", 0, signoff.start) + 1
        if not report.text[line_start:signoff.start].strip():
            end = signoff.start  # a sign-off on lines of its own, not a date inside the last sentence
    text = report.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _metadata_lines(report: Report) -> list[Span]:
    """``key: value`` lines of a crawler header, before the first section (never a long line of prose)."""
    limit = report.sections[0].span.start if report.sections else min(len(report.text), 2000)
    out = []
    for m in _META_LINE.finditer(report.folded, 0, limit):
        at_line_start = m.start() == 0 or report.folded[m.start() - 1] == "\n"
        if at_line_start and m.end() - m.start() <= _META_MAX:
            out.append(Span(m.start(), m.end()))
    return out


def excluded_spans(report: Report, *, headings: bool = False, tables: bool = True) -> list[Span]:
    """Text that is not the author's prose: table regions, title, sign-off, metadata header (and headings if
    asked; table regions unless ``tables=False``)."""
    spans = [t.span for t in report.tables.values() if t.span is not None] if tables else []
    spans += [s for s in (report.title_span, report.signoff_span) if s is not None]
    spans += _metadata_lines(report)
    if headings:
        spans += [_heading_head(report, h.span) for h in report.headings]
        spans += [s.heading_span for s in report.sections]
    return sorted(spans, key=lambda s: s.start)


def _heading_head(report: Report, span: Span) -> Span:
    """A heading line up to its first full stop or colon: "（一）主动公开。围绕……" is a heading followed by prose."""
    m = _HEAD_END.search(report.folded, span.start, span.end)
    return Span(span.start, m.start() if m else span.end)


def _subtract(span: Span, holes: list[Span]) -> list[Span]:
    pieces = [span]
    for hole in holes:
        next_pieces = []
        for p in pieces:
            if hole.end <= p.start or hole.start >= p.end:
                next_pieces.append(p)
                continue
            if p.start < hole.start:
                next_pieces.append(Span(p.start, hole.start))
            if hole.end < p.end:
                next_pieces.append(Span(hole.end, p.end))
        pieces = next_pieces
    return pieces


def prose_units(report: Report, *, headings: bool = True, tables: bool = False) -> list[Unit]:
    """Lines of prose, cut at section starts and around excluded text; table rows (lines with a tab) are
    never prose.  ``headings=False`` leaves heading lines out as well (their spacing is often justified);
    ``tables=True`` keeps the untabbed text of the table regions: the prose of sections 二 to 四 around their
    tables, and the cells of a flattened web export, which only a search for a specific wording may read."""
    return report.memo(f"prose_units.units:{headings}:{tables}", lambda: _prose_units(report, headings, tables))


def _prose_units(report: Report, headings: bool, tables: bool) -> list[Unit]:
    holes = excluded_spans(report, headings=not headings, tables=not tables)
    cuts = sorted({s.span.start for s in report.sections})
    text = report.text
    units: list[Unit] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if "\t" in line or not line.strip():
            continue
        bounds = [start] + [c for c in cuts if start < c < end] + [end]
        for a, b in itertools.pairwise(bounds):
            for piece in _subtract(Span(a, b), holes):
                if text[piece.start:piece.end].strip():
                    section = report.section_at(piece.start)
                    units.append(Unit(piece, section.number if section else None))
    return units


def context(text: str, start: int, end: int, width: int = 6) -> str:
    """A short quotation around ``[start, end)`` on one line, for messages and keys."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return text[max(line_start, start - width):min(line_end, end + width)].strip()


# --- section bodies that say nothing -----------------------------------------------------------------------

_DROP = re.compile(r"[\s。，、；：.,;:！!？?“”\"'（）()【】\[\]…—-]")
#: "无" / "暂无" / "无其他需要报告的事项" / "本年度无其他需要报告的事项" / "没有需要报告的事项" …
_NIL = re.compile(
    r"(?:(?:19|20)\d{2}年度?|本年度?|今年|报告期内|本(?:机关|单位|部门)|我[" + CJK_CHARS + r"]{1,2}){0,2}"
    r"(?:暂|均|并)?(?:无|没有)(?:其他|其它)?(?:需要?|应当?|须)?(?:报告|说明)?的?(?:其他|其它)?(?:事项|情况|内容)?"
)


def is_blank(text: str) -> bool:
    """Nothing but spaces and punctuation."""
    return not _DROP.sub("", text)


def is_nil(text: str) -> bool:
    """A body that only says there is nothing: "无", "暂无", "无其他需要报告的事项"."""
    compact = _DROP.sub("", text)
    return bool(compact) and _NIL.fullmatch(compact) is not None


# --- 信息处理费 statements --------------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[。；;\n]")
_TITLES = re.compile(r"《[^》\n]{0,80}》")
_FEE = re.compile(r"处理费")
_CHARGE = re.compile(r"收费|收取[^。；;，,]{0,6}费")
_STATED = re.compile(r"未|无|没有|不|零|\d\s*万?元|收取|收缴|共计|合计|累计|金额|总额")


def fee_statements(report: Report, span: Span, *, in_section_six: bool = False) -> list[Span]:
    """Clauses in ``span`` that say whether or how much 信息处理费 was collected.

    A mention is not a statement: "组织学习《……信息处理费收入收缴管理……的通知》" and "落实信息处理费有关规定" say
    nothing about this year's fees, so a clause must also say 未/无/收取/…元.  "政府信息公开未发生收费情况" is
    accepted in section 六, and so is a bare "无收费情况": 信息处理费 is the only charge the Regulation allows
    for disclosure (第四十二条), while 行政事业性收费 (table 2) is a different thing.  Elsewhere only a clause
    naming 处理费 counts: table 3's row "申请人逾期未按收费通知要求缴纳费用……" must not pass for a statement.
    """
    folded = report.folded
    out = []
    start = span.start
    for m in [*_CLAUSE_END.finditer(folded, span.start, span.end), None]:
        end = m.start() if m else span.end
        clause = _TITLES.sub(lambda t: " " * len(t.group()), folded[start:end])
        if _STATED.search(clause) and (
            _FEE.search(clause)
            or (in_section_six and _CHARGE.search(clause) and "行政事业性收费" not in clause)
        ):
            out.append(Span(start, end))
        start = end + 1
    return out


def fee_required(report: Report, from_year: int) -> bool:
    """Reports from ``from_year`` on state 信息处理费 in section 六 (国办函〔2020〕109号, 2021 format)."""
    if report.year is not None:
        return report.year >= from_year
    return report.format_version is FormatVersion.V2021
