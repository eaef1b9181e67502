"""Find headings, the six sections, the title, the issuing body, the year and the sign-off in report text.

Section headings are recognised by their numbering *and* by what they say, because table rows such as
``一、本年新收政府信息公开申请数量`` and overview items such as ``1.加强组织领导`` are numbered the same way.
Flattened text (a web page exported as one long line) carries headings mid-line, so when few headings start a
line the strict canonical wordings are looked for inside lines as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import SECTION_ORDER, Heading, Section, SectionKind, Span
from .textnorm import cjk_number, cjk_year, number_to_cjk

_LEVEL1 = re.compile(
    r"^[ \t\u3000]*(?P<marker>(?:(?P<cjk>[一二三四五六七八九十]{1,3})[、.，,]|(?P<ar>\d{1,2})[、.](?!\d)"
    r"|第(?P<part>[一二三四五六七八九十]{1,3})(?:部分|章|节)[、.:：]?))[ \t\u3000]*(?P<text>[^\n]*)",
    re.MULTILINE,
)
_LEVEL2 = re.compile(
    r"^[ \t\u3000]*(?P<marker>\((?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})\))[ \t\u3000]*(?P<text>[^\n]*)",
    re.MULTILINE,
)

#: What a section heading says, loosely (line-start headings).
_KIND_LOOSE: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (SectionKind.REVIEW_LITIGATION, re.compile(r"行政(?:法)?复议|行政诉讼")),
    (SectionKind.OTHER, re.compile(r"其他需要?报告|其他事项")),
    (SectionKind.PROBLEMS, re.compile(r"存在的?(?:主要)?问题|问题及改进|改进情况|改进措施")),
    (SectionKind.REQUESTS, re.compile(r"收到和处理|依申请公开|公开申请(?:的)?情况|处理申请")),
    (SectionKind.PROACTIVE, re.compile(r"主动公开")),
    (SectionKind.OVERVIEW, re.compile(r"总体情况|基本情况|概述|总体概况")),
)

#: Canonical wordings, strict enough to find inside a flattened line.
_KIND_STRICT = re.compile(
    r"(?:^|(?<=[\s。\d]))(?P<marker>(?P<cjk>[一二三四五六])、)(?P<text>"
    r"总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况"
    r"|[^。\s]{0,16}行政(?:法)?复议[、和及与]?(?:提起)?行政诉讼(?:的)?情况"
    r"|[^。\s]{0,14}存在的?主要问题及改进(?:情况|措施)|其他需要报告的事项)"
)

_MAX_HEADING = 40
_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_TITLE_YEAR = re.compile(_YEAR + r"[ \t\u3000]*年")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})[ \t\u3000]*年[ \t\u3000]*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})[ \t\u3000]*月[ \t\u3000]*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})[ \t\u3000]*日"
)
_ORG_SUFFIX = re.compile(
    r"(人民政府|办公室|办公厅|委员会|管理委员会|管委会|局|厅|委|办|署|院|中心|街道办事处|办事处|街道|乡|镇|县|区|市|省|公司|所)$"
)


def section_kind(text: str) -> SectionKind | None:
    head = text[:30]
    for kind, pattern in _KIND_LOOSE:
        if pattern.search(head):
            return kind
    return None


def heading_like(text: str) -> bool:
    """Short, or a short head before body text on the same line."""
    first = re.split(r"[。：:]", text, maxsplit=1)[0]
    return len(first.strip()) <= _MAX_HEADING


def _style(m: re.Match[str]) -> str:
    return "arabic" if m.group("ar") else "cjk"


def find_headings(folded: str) -> list[Heading]:
    """Every numbered line start: level 1 (一、/1、/第一部分) and level 2 (（一）/(1))."""
    out: list[Heading] = []
    for m in _LEVEL1.finditer(folded):
        if "\t" in m.group("text"):
            continue  # a table row numbered like a heading: 一、本年新收…<TAB>0<TAB>…
        token = m.group("cjk") or m.group("part")
        number = cjk_number(token) if token else int(m.group("ar"))
        if number is None:
            continue
        out.append(Heading(1, m.group("marker"), _style(m), number, m.group("text").rstrip(),
                           Span(m.start("marker"), m.end("text"))))
    for m in _LEVEL2.finditer(folded):
        if "\t" in m.group("text"):
            continue
        n = m.group("n")
        number = int(n) if n.isdigit() else cjk_number(n)
        if number is None:
            continue
        out.append(Heading(2, m.group("marker"), "arabic-paren" if n.isdigit() else "cjk-paren", number,
                           m.group("text").rstrip(), Span(m.start("marker"), m.end("text"))))
    out.sort(key=lambda h: h.span.start)
    return out


@dataclass(frozen=True)
class _SectionStart:
    number: str | None
    kind: SectionKind
    start: int
    heading_end: int


def _section_starts(text: str, folded: str, headings: list[Heading]) -> list[_SectionStart]:
    strong: list[_SectionStart] = []
    weak: list[_SectionStart] = []
    for h in headings:
        if h.level != 1 or not heading_like(h.text):
            continue
        kind = section_kind(h.text)
        if kind is None:
            continue
        line_end = folded.find("\n", h.span.start)
        end = len(folded) if line_end == -1 else line_end
        heading_end = h.span.start + len(h.marker) + len(re.split(r"[。]", text[h.span.start + len(h.marker):end])[0])
        start = _SectionStart(number_to_cjk(h.number), kind, h.span.start, min(heading_end, end))
        (weak if h.style == "arabic" else strong).append(start)
    if len({s.kind for s in strong}) >= 3 or not weak:
        # a section numbered in the other style (3、收到和处理… among 一、二、四) still counts when it carries its
        # canonical number and its kind is otherwise missing: N101 reports the style, S101 need not say "missing"
        have = {s.kind for s in strong}
        chosen = sorted(strong + [w for w in weak if w.kind not in have and w.number == CANONICAL_NUMBER[w.kind]],
                        key=lambda s: s.start)
    else:
        chosen = sorted(strong + weak, key=lambda s: s.start)
    if len({s.kind for s in chosen}) >= 3:
        return chosen
    inline: list[_SectionStart] = []
    for m in _KIND_STRICT.finditer(folded):
        kind = section_kind(m.group("text"))
        if kind is not None:
            inline.append(_SectionStart(m.group("cjk"), kind, m.start("marker"), m.end("text")))
    if len({s.kind for s in inline}) > len({s.kind for s in chosen}):
        return inline
    return chosen


def find_sections(text: str, folded: str, headings: list[Heading]) -> list[Section]:
    starts = _section_starts(text, folded, headings)
    sections: list[Section] = []
    for i, s in enumerate(starts):
        end = starts[i + 1].start if i + 1 < len(starts) else len(text)
        subs = [h for h in headings if h.level == 2 and s.heading_end <= h.span.start < end]
        sections.append(
            Section(s.number, text[s.start:s.heading_end].strip(), s.kind, Span(s.start, end),
                    Span(s.start, s.heading_end), subs)
        )
    return sections


CANONICAL_NUMBER = {kind: number for number, kind in SECTION_ORDER}


# --- title, body, year, sign-off -------------------------------------------------------------------------

@dataclass(frozen=True)
class TitleInfo:
    title: str
    span: Span
    organization: str | None
    year: int | None


def _year_value(token: str) -> int | None:
    return int(token) if token.isdigit() else cjk_year(token)


def _clean_org(name: str) -> str | None:
    name = re.sub(r"[\s\u3000]+", "", name).strip("《》“”\"'：:，,")
    name = re.sub(r"^(?:关于)", "", name)
    return name or None


def find_title(text: str, folded: str, limit: int) -> TitleInfo | None:
    """The report title: a line before the first section that names 政府信息公开 and 报告/年报."""
    pos = 0
    while pos < limit:
        nl = folded.find("\n", pos)
        end = len(folded) if nl == -1 else nl
        line = folded[pos:end]
        compact = re.sub(r"[\s\u3000]+", "", line)
        if _META_LINE.match(line):
            pass  # "标题: …", "栏目: …": metadata lines are read by find_metadata
        elif "政府信息公开" in compact and ("报告" in compact or "年报" in compact) and len(compact) <= 80:
            body = line.strip()
            offset = pos + (len(line) - len(line.lstrip()))
            org, year = parse_title(body)
            return TitleInfo(text[offset: offset + len(body)], Span(offset, offset + len(body)), org, year)
        pos = end + 1
    return None


_TITLE_LINE = re.compile(
    r"^[ \t\u3000]*(?P<title>[^\n。，；:：]{0,40}?" + _YEAR + r"[ \t\u3000]*年度?[ \t\u3000]*"
    r"(?:政府)?信息公开[ \t\u3000]*(?:工作)?[ \t\u3000]*(?:年度)?[ \t\u3000]*(?:报[ \t\u3000]*告|年报))[ \t\u3000]*$",
    re.MULTILINE,
)


def title_like_lines(folded: str) -> list[tuple[Span, str | None, int | None]]:
    """Every line that is a report title on its own ({机关}{YYYY}年政府信息公开工作年度报告), with its body and
    year.  The first is the title; any other is a leftover (S104), which year and body rules leave to S104."""
    out = []
    for m in _TITLE_LINE.finditer(folded):
        org, year = parse_title(m.group("title").strip())
        out.append((Span(m.start("title"), m.end("title")), org, year))
    return out


def parse_title(folded_title: str) -> tuple[str | None, int | None]:
    """Issuing body and year of a title: '武陟县小董乡人民政府 2023 年政府信息公开工作年度报告'."""
    m = _TITLE_YEAR.search(folded_title)
    year = _year_value(m.group("year")) if m else None
    org_text = folded_title[: m.start()] if m else folded_title.split("政府信息公开")[0]
    return _clean_org(org_text), year


@dataclass(frozen=True)
class SignOff:
    organization: str | None
    date: str | None
    span: Span


def _date_iso(m: re.Match[str]) -> str | None:
    y = _year_value(m.group("y"))
    mo = int(m.group("m")) if m.group("m").isdigit() else cjk_number(m.group("m"))
    d = int(m.group("d")) if m.group("d").isdigit() else cjk_number(m.group("d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_signoff(text: str, folded: str) -> SignOff | None:
    """The issuing body and date at the end: the last lines, body above the date or on the same line."""
    lines: list[tuple[int, str]] = []
    pos = len(folded)
    while pos > 0 and len(lines) < 6:
        start = folded.rfind("\n", 0, pos - 1) + 1 if pos > 0 else 0
        line = folded[start:pos].strip()
        if line:
            lines.append((start, folded[start:pos].rstrip("\n")))
        pos = start
        if start == 0:
            break
    for i, (start, line) in enumerate(lines):
        m = _DATE.search(line)
        if not m or len(line.strip()) > 40:
            continue
        after = line[m.end():].strip()
        if re.search(r"[，。；：,;]", line[: m.start()]) or (after and not re.fullmatch(r"[（(]?代?章[)）]?", after)):
            continue  # a date inside a sentence ("截至2023年12月31日，未收取…") is not a sign-off
        date = _date_iso(m)
        before = _clean_org(line[: m.start()])
        org = before if before and _ORG_SUFFIX.search(before) else None
        span_start = start + m.start()
        if org is None and i + 1 < len(lines):
            prev_start, prev = lines[i + 1]
            candidate = _clean_org(prev)
            if candidate and len(candidate) <= 30 and "。" not in prev and _ORG_SUFFIX.search(candidate):
                org = candidate
                span_start = prev_start + (len(prev) - len(prev.lstrip()))
        return SignOff(org, date, Span(span_start, start + m.end()))
    return None


_META_KEYS = {
    "标题": "title", "名称": "title", "发布机构": "organization", "发文机关": "organization",
    "公开日期": "published", "发布日期": "published", "发布时间": "published", "成文日期": "written",
}
_META_LINE = re.compile(r"^[ \t]*(?P<key>[^\s:：]{2,6})[ \t]*[:：][ \t]*(?P<value>[^\n]*)$", re.MULTILINE)
_ISO = re.compile(r"(?P<y>(?:19|20)\d{2})[-./年](?P<m>\d{1,2})[-./月](?P<d>\d{1,2})")


def find_metadata(folded: str) -> dict[str, str]:
    """A 'key: value' block heading the file (crawler exports, the metadata table of a web page)."""
    meta: dict[str, str] = {}
    for m in _META_LINE.finditer(folded[:2000]):
        field_name = _META_KEYS.get(m.group("key"))
        value = m.group("value").strip()
        if field_name and value and field_name not in meta:
            if field_name in ("published", "written"):
                d = _ISO.search(value)
                if not d:
                    continue
                value = f"{int(d.group('y')):04d}-{int(d.group('m')):02d}-{int(d.group('d')):02d}"
            meta[field_name] = value
    return meta
