"""Totals and their breakdowns in prose ("共N条，其中a条、b条"), for the narrative-arithmetic rules P101/P102.

An enumeration is recognised only where the text says it is one: a count followed directly by 其中 / 包括 /
分别为 / 依次为 (also in parentheses, "（其中…）"), or a list of counts followed by 共计 / 合计 / 总计.  Its parts
are the counts of the same unit that follow, one run of items separated by 、 or ，— and by ； only when a colon
introduces the list ("其中：A 9条；B 7条"), because without one a ； starts another statement.  The run ends at the
first item without such a count, at words that start another statement (同比, 共计, a year, another 其中), and
never leaves the sentence, so a total is never matched with parts from another sentence.

Several safeguards keep a breakdown along one dimension from being added to one along another: the items stop at
the first prefix that adds up to the total, and at a change between known label families (applicant types,
review results, administrative levels).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xxgk_lint.core.model import Report

from ._prose_numbers import Count, Sentence, as_json, counts, fmt_value

_MARKER = re.compile(r"其中|包括|分别为|分别是|依次为|依次是")
_SPLIT_MARKERS = ("分别为", "分别是", "依次为", "依次是")
_GAP_MAX = 20
_STOP = re.compile(r"同比|环比|增长|增加|减少|下降|上升|较上年|比上年|其中|共计|合计|总计|累计|总共|一共|^共"
                   r"|(?:19|20)\d{2}年")
#: Two parts in one item must be joined as a list: "自然人72件和商业企业3件".
_JOINED_ITEM = re.compile(r"^(?:和|及|以及|与|、)")
#: A count among the previous one ("网上申请20件中答复18件", "其中…件中…"): a subset, not a further part.
_NESTED = re.compile(r"(?:件|条|篇|个|次|项|场|申请|信息|案件|文件)中")
_INNER_SPLIT = re.compile(r"^[^\d]*?(?:分别为|分别是|依次为|依次是|各为)")
#: A last item that names the remainder ("其余600条"); "其他组织", "其他结果" are categories, not the rest.
_REST = re.compile(r"^(?:其余|剩余|余下|另有|另外|另)|^其他(?:的|类|各类|方面|事项)?$")
_TOTAL_AFTER = re.compile(r"^(?:以上|上述)?(?:共计|合计|总计|一共|总共|共)(?:有|为|达|是)?$")
_BACK_STOP = re.compile(r"(?<!公)共|合计|累计|同比|增长|增加|减少|下降|(?:19|20)\d{2}年")

#: Label families: a breakdown stays within one; when every member of a family is listed, the split is complete.
FAMILIES: dict[str, tuple[re.Pattern[str], ...]] = {
    "applicant": (re.compile(r"自然人"), re.compile(r"法人")),
    "review-result": (re.compile(r"维持"), re.compile(r"纠正|纠错"), re.compile(r"其他结果"),
                      re.compile(r"审结|审理中")),
    "level": (re.compile(r"国家|中央"), re.compile(r"省"), re.compile(r"市(?!场)"), re.compile(r"县|区级")),
    "request-result": (re.compile(r"予以公开"), re.compile(r"部分公开"), re.compile(r"不予公开"),
                       re.compile(r"无法提供"), re.compile(r"不予处理"), re.compile(r"其他处理")),
}
_FAMILY_ONLY_COMPLETE = {"level"}  # words too common to cut a list by, but all four levels make a whole
#: Breakdowns by channel or topic overlap by nature (one item published on the website and on WeChat): their
#: parts may add up to more than the total without any error.  A channel is named with its verb ("通过网站",
#: "微信发布"); a bare "政府网站信息" is a category of information, not a channel.
_CHANNEL = (r"网站|微博|微信|公众号|新媒体|政务号|抖音|头条|客户端|APP|app|公开栏|公示栏|公告栏|报纸|报刊|电视"
            r"|广播|公报|平台|渠道")
OVERLAPPING = re.compile(r"通过|利用|依托|经由|借助|涉及|有关|相关|关于|在[^,;、]{0,12}(?:" + _CHANNEL + r")"
                         r"|(?:" + _CHANNEL + r")[^,;、]{0,4}(?:公开|发布|推送|转载|刊登|刊发|播出|报道)")


@dataclass(frozen=True)
class Part:
    count: Count
    label: str


@dataclass(frozen=True)
class Enumeration:
    sentence: Sentence
    total: Count
    parts: tuple[Part, ...]
    start: int  # quote start in sentence.chars
    end: int  # after the last part
    complete: str | None  # why the parts are the whole ("分别为", "其余", "合计", a family), or None
    exemplary: bool  # 等: the list only gives examples
    backward: bool = False  # the parts come before the total ("A 5件、B 3件，共计8件")

    @property
    def part_sum(self) -> Decimal:
        return sum((p.count.value for p in self.parts), Decimal(0))

    @property
    def expression(self) -> str:
        return " + ".join(fmt_value(p.count.value) for p in self.parts) + f" = {fmt_value(self.part_sum)}"

    @property
    def overlapping(self) -> bool:
        """The parts are channels or topics, which may overlap."""
        return any(OVERLAPPING.search(p.label) for p in self.parts)

    def adds_up_early(self) -> bool:
        """Some run of parts next to the total adds up to it: the list went on into another breakdown."""
        running = Decimal(0)
        for part in reversed(self.parts) if self.backward else self.parts:
            running += part.count.value
            if running == self.total.value:
                return True
        return False


def family_of(label: str, cut_only: bool = False) -> str | None:
    for name, patterns in FAMILIES.items():
        if cut_only and name in _FAMILY_ONLY_COMPLETE:
            continue
        if any(p.search(label) for p in patterns):
            return name
    return None


def complete_family(labels: list[str]) -> str | None:
    for name, patterns in FAMILIES.items():
        if all(any(p.search(label) for label in labels) for p in patterns):
            return name
    return None


_OPEN, _CLOSE = "(（[【", ")）]】"


def _depths(chars: str) -> list[int]:
    """Bracket depth of every character (a bracket belongs to the level it opens or closes)."""
    out, depth = [], 0
    for ch in chars:
        if ch in _OPEN:
            depth += 1
            out.append(depth)
        elif ch in _CLOSE:
            out.append(depth)
            depth = max(0, depth - 1)
        else:
            out.append(depth)
    return out


def _masked(chars: str, depths: list[int], level: int) -> str:
    """``chars`` with everything deeper than ``level`` blanked (same length): numbers in asides are not parts."""
    return "".join("□" if d > level else ch for ch, d in zip(chars, depths, strict=True))


def _paren_end(chars: str, start: int) -> int:
    """Index of the ) closing a parenthesis opened just before ``start``, or the sentence end."""
    depth = 1
    for i in range(start, len(chars)):
        if chars[i] in "(（":
            depth += 1
        elif chars[i] in ")）":
            depth -= 1
            if depth == 0:
                return i
    return len(chars)


def _total_before(found: list[Count], ends: list[int], chars: str, marker_start: int) -> Count | None:
    """The count a marker breaks down: the last one before it, separated only by its noun and a ，：（."""
    k = bisect.bisect_right(ends, marker_start)
    if k == 0:
        return None
    total = found[k - 1]
    gap = chars[total.end:marker_start].rstrip(",:(（：")
    if len(gap) > _GAP_MAX or re.search(r"[\d,;:。()（）]", gap):
        return None
    return total


def _quote_start(chars: str, total: Count) -> int:
    start = total.start
    while start > 0 and chars[start - 1] not in ",;:。" and total.start - start < 30:
        start -= 1
    return start


def _items(chars: str, masked: str, begin: int, end: int, separators: str, unit: str
           ) -> tuple[list[Part], int, bool]:
    """The parts after a marker: same-unit counts in consecutive items; stops at the first item without one."""
    parts: list[Part] = []
    last_end, exemplary = begin, False
    seg_start = begin
    i = begin
    while i <= end:
        if i < end and masked[i] not in separators and masked[i] not in ";":
            i += 1
            continue
        segment = masked[seg_start:i]
        if _STOP.search(segment.lstrip("□")):
            break
        found = [c for c in counts(masked, seg_start, i) if c.unit == unit]
        if not found:
            break
        prev, added, nested = seg_start, 0, False
        for k, c in enumerate(found):
            label = chars[prev:c.start]
            if (k and not _JOINED_ITEM.match(label)) or _NESTED.search(label):
                nested = True  # "自然人20件中予以公开15件": a count inside the part, not another part
                break
            parts.append(Part(c, _JOINED_ITEM.sub("", label)))
            prev, added = c.end, added + 1
        if not added:
            break
        last_end = prev
        if nested:
            break
        if masked[last_end:i].startswith("等"):
            exemplary = True
            break
        if i >= end or masked[i] not in separators:
            break
        i += 1
        seg_start = i
    return parts, last_end, exemplary


def _forward(sentence: Sentence) -> Iterator[Enumeration]:
    chars = sentence.chars
    found = sentence.all_counts
    ends = [c.end for c in found]
    depths: list[int] | None = None
    masks: dict[int, str] = {}
    for m in _MARKER.finditer(chars):
        total = _total_before(found, ends, chars, m.start())
        if total is None:
            continue
        in_paren = chars[total.end:m.start()].endswith(("(", "（"))
        end = _paren_end(chars, m.start()) if in_paren else len(chars)
        begin = m.end()
        colon = begin < len(chars) and chars[begin] in ":："
        begin += 1 if colon or (begin < len(chars) and chars[begin] == ",") else 0
        if depths is None:
            depths = _depths(chars)
        level = depths[begin] if begin < len(chars) else 0
        if level not in masks:
            masks[level] = _masked(chars, depths, level)
        masked = masks[level]
        complete = m.group() if m.group() in _SPLIT_MARKERS else None
        inner = _INNER_SPLIT.match(masked[begin:min(end, begin + 80)].split(";")[0])
        if inner is not None:  # "其中A、B分别为3件、5件": the numbers follow the names
            begin += inner.end()
            complete = None
            separators = "、,和及与"
        else:
            separators = "、,;" if colon else "、,"
        parts, last_end, exemplary = _items(chars, masked, begin, end, separators, total.unit)
        if not parts:
            continue
        parts = _cut_at_family_change(parts)
        labels = [p.label for p in parts]
        if complete is None and _REST.match(labels[-1]):
            complete = "其余"
        if complete is None and (family := complete_family(labels)):
            complete = family
        stop = max(last_end, parts[-1].count.end)
        if in_paren and stop < len(chars) and chars[stop] in ")）":
            stop += 1  # quote the closing bracket of "（其中…）"
        yield Enumeration(sentence, total, tuple(parts), _quote_start(chars, total), stop, complete, exemplary)


def _cut_at_family_change(parts: list[Part]) -> list[Part]:
    first = None
    for k, part in enumerate(parts):
        family = family_of(part.label, cut_only=True)
        if family is None:
            continue
        if first is None:
            first = family
        elif family != first:
            return parts[:k]
    return parts


def _segment_start(chars: str, pos: int, separators: str) -> int:
    """Index just after the last separator before ``pos`` (0 when there is none)."""
    i = pos
    while i > 0 and chars[i - 1] not in separators:
        i -= 1
    return i


def _backward(sentence: Sentence) -> Iterator[Enumeration]:
    """"A 5件、B 3件，共计8件": a list closed by its total."""
    chars = sentence.chars
    found = sentence.all_counts
    for k, total in enumerate(found):
        lead_start = _segment_start(chars, total.start, ",;、")
        if lead_start == 0 or chars[lead_start - 1] not in ",、":
            continue
        if not _TOTAL_AFTER.match(chars[lead_start:total.start]):
            continue
        parts: list[Part] = []
        cursor = lead_start - 1  # the separator before the segment just read
        for c in reversed(found[:k]):
            between = chars[c.end:cursor]
            if between == "等":
                parts = []  # the list only gives examples
                break
            if c.unit != total.unit or not c.exact or between:
                break
            seg_start = _segment_start(chars, c.start, ",;、:")
            label = chars[seg_start:c.start]
            if _BACK_STOP.search(label):
                break
            parts.append(Part(c, label))
            cursor = seg_start - 1
            if "其中" in label or cursor < 0 or chars[cursor] not in ",、":
                break
        parts = _cut_at_family_change(parts)  # nearest the total first
        if len(parts) < 2:
            continue
        parts.reverse()
        start = _segment_start(chars, parts[0].count.start, ",;:")
        yield Enumeration(sentence, total, tuple(parts), start, total.end, "合计", False, backward=True)


def enumerations(sentence: Sentence) -> Iterator[Enumeration]:
    """Every total with its parts in the sentence."""
    yield from _forward(sentence)
    yield from _backward(sentence)


# --- reporting ---------------------------------------------------------------------------------------------

_QUOTE_MAX = 90
WHY_COMPLETE = {
    "分别为": "“分别为”表示所列即全部",
    "分别是": "“分别是”表示所列即全部",
    "依次为": "“依次为”表示所列即全部",
    "依次是": "“依次是”表示所列即全部",
    "其余": "列出了“其余（其他）”一项，所列即全部",
    "合计": "“合计（共计）”即所列之和",
    "applicant": "已列出自然人和法人或其他组织，所列即全部",
    "review-result": "已列出维持、纠正、其他结果和尚未审结，所列即全部",
    "level": "已列出国家、省、市、县各级，所列即全部",
    "request-result": "已列出全部六类办理结果",
}


def short_quote(text: str) -> str:
    """A long enumeration quoted by its beginning and end."""
    if len(text) <= _QUOTE_MAX:
        return text
    return text[:_QUOTE_MAX // 2] + "……" + text[-(_QUOTE_MAX // 2):]


def enumeration_evidence(report: Report, e: Enumeration) -> dict[str, Any]:
    """The quoted text, the total and every part with its label: what a reviewer needs to redo the sum."""
    return {
        "text": e.sentence.original(report, e.start, e.end),
        "total": as_json(e.total.value), "total_text": e.total.text, "unit": e.total.unit,
        "parts": [{"label": p.label, "value": as_json(p.count.value), "text": p.count.text} for p in e.parts],
        "sum": as_json(e.part_sum), "expression": e.expression, "complete": e.complete,
    }


def enumeration_key(e: Enumeration) -> str:
    """The numbers as written: stable when text elsewhere changes, new when a number is corrected."""
    return f"{e.total.text}|" + "+".join(p.count.text for p in e.parts)
