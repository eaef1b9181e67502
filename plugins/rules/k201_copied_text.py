from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.corpus_rules import CorpusRule, related
from xxgk_lint.core.layouts import T2_ROWS_2019, T2_ROWS_2021, T4_BLOCKS, t3_rows
from xxgk_lint.core.model import SECTION_ORDER, Finding, Report, SectionKind, Severity, Span

from ._prose_units import CJK_CHARS, last_section, section_body

#: Passages of at least this many characters (CJK, letters, digits) count as copied.
_K = 12
#: Phrases every report shares because the regulation, the national format or the notice prescribes them:
#: copying them is not reuse.  Row labels of the tables are here too (a table is sometimes inline in prose).
_STATUTORY = (
    "根据《中华人民共和国政府信息公开条例》", "《中华人民共和国政府信息公开条例》（以下简称《条例》）",
    "本报告所列数据的统计期限自1月1日起至12月31日止", "本报告中所列数据的统计期限自1月1日起至12月31日止",
    "如对本报告有任何疑问", "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项",
    "因政府信息公开申请行政复议、提起行政诉讼的情况", "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况", "其他需要报告的事项",
    "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "《政府信息公开信息处理费管理办法》",
    "国务院办公厅关于印发《政府信息公开信息处理费管理办法》的通知", "未收取信息处理费", "没有收取信息处理费",
    "公开为常态、不公开为例外", "坚持以公开为常态、不公开为例外", "以习近平新时代中国特色社会主义思想为指导",
    "政府信息公开工作年度报告", "政府信息公开申请", "依申请公开",
)


def _labels() -> tuple[str, ...]:
    rows = (*T2_ROWS_2021, *T2_ROWS_2019, *t3_rows("2021", True), *t3_rows("2019", False), *T4_BLOCKS)
    return tuple(part for r in rows for part in (*r.label.split("/"), *(c.label for c in r.columns)))


#: What is compared: CJK characters, letters and digits.  Digits are one symbol (a copied sentence with this
#: year's numbers is still copied); punctuation and spaces are dropped (re-punctuated text is the same text).
_KEPT = re.compile(f"[{CJK_CHARS}A-Za-z0-9]+")
_DIGIT = re.compile(r"[0-9]")


def _normalise(text: str, start: int = 0) -> tuple[str, list[int]]:
    chars, offsets = [], []
    for m in _KEPT.finditer(text):
        chars.append(m.group())
        offsets.extend(range(start + m.start(), start + m.end()))
    return _DIGIT.sub("0", "".join(chars)), offsets


def _grams(text: str) -> set[str]:
    return {text[i:i + _K] for i in range(len(text) - _K + 1)}


_BOILERPLATE: set[str] = set().union(*(_grams(_normalise(p)[0]) for p in (*_STATUTORY, *_labels())))


def _prose(report: Report, kind: SectionKind) -> tuple[str, list[int]] | None:
    """A section's body without its tables, normalised, with each character's offset in the report."""
    section = last_section(report, kind)
    if section is None:
        return None
    body = section_body(report, section)
    holes = sorted((t.span.start, t.span.end) for t in report.tables.values() if t.span is not None)
    chars: list[str] = []
    offsets: list[int] = []
    cursor = body.start
    for start, end in [*holes, (body.end, body.end)]:
        stop = min(start, body.end)
        if stop > cursor:
            text, where = _normalise(report.folded[cursor:stop], cursor)
            chars.append(text)
            offsets += where
        cursor = max(cursor, end)
    return "".join(chars), offsets


def _covered(now: str, before: set[str]) -> tuple[list[bool], list[bool]]:
    """Which characters of this year's text are in a passage of last year's, and which are boilerplate."""
    copied, boiler = [False] * len(now), [False] * len(now)
    for i in range(len(now) - _K + 1):
        gram = now[i:i + _K]
        if gram in _BOILERPLATE:
            boiler[i:i + _K] = [True] * _K
        elif gram in before:
            copied[i:i + _K] = [True] * _K
    return copied, boiler


def _runs(flags: list[bool], offsets: list[int]) -> list[tuple[int, Span]]:
    """Copied passages as (length, span in the report), longest first, then in document order."""
    runs, i = [], 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        runs.append((j - i, Span(offsets[i], offsets[j - 1] + 1)))
        i = j
    return sorted(runs, key=lambda r: (-r[0], r[1].start))


class CopiedText(CorpusRule):
    """检查内容
    逐部分比较本年报告与上年报告同一部分的文字（表格不算），找出照搬上年的段落：连续 12 个字以上相同即算照搬，
    数字不同（如年份、件数换了）也算，标点和空格不计；《条例》条文、国家格式的标题和表格栏目等每份报告都有的固定
    表述先剔除。报告每部分照搬的比例和最长的几段照搬文字（含在上年报告中的位置）。

    - 第五部分“存在的主要问题及改进情况”照搬比例达到 ``min_share_problems``（默认 50%）：警告——问题和改进
      措施年年一样，说明上年的问题没有改进，或报告没有按本年实际情况编写。
    - 其他部分照搬比例达到 ``min_share_other``（默认 80%）：提示。
    - 去掉固定表述后不足 ``min_chars`` 个字（默认 80）的部分不作判断。

    为什么
    国办公开办函〔2021〕30号要求年度报告内容真实、准确、全面，点名批评“照搬照抄往年报告”。第五部分尤其如此：
    上年报告列出的问题，本年应报告改进情况，而不是原样再写一遍。

    不符合的示例
        2021 年报告  五、……一是政策解读形式较为单一，二是信息公开培训不够深入。下一步将丰富解读形式……
        2022 年报告  五、……一是政策解读形式较为单一，二是信息公开培训不够深入。下一步将丰富解读形式……

    符合的示例
        2021 年报告  五、……一是政策解读形式较为单一。下一步将丰富解读形式……
        2022 年报告  五、……针对上年解读形式单一的问题，今年推出图解、视频解读 12 期。当前存在的问题是……
    """

    code = "K201"
    name = "copied-from-last-year"
    summary = "本年报告各部分应按本年实际情况编写，不照搬上年报告（第五部分照搬为警告）"
    problem = "本年报告某部分大段照搬上年报告"
    severity = Severity.WARNING
    parameters: ClassVar[Mapping[str, Any]] = {"min_share_problems": 0.5, "min_share_other": 0.8, "min_chars": 80}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "min_share_problems": "第五部分“存在的主要问题及改进情况”与上年相同的文字达到这个比例（0 到 1 之间的小数）"
                              "时给出警告",
        "min_share_other": "其他各部分与上年相同的文字达到这个比例（0 到 1 之间的小数）时给出提示",
        "min_chars": "一个部分去掉固定表述后不足这么多字时不作判断",
    }

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        min_chars = int(params.get("min_chars", 80))
        for number, kind in SECTION_ORDER:
            now, before = _prose(report, kind), _prose(previous, kind)
            if now is None or before is None:
                continue
            text, offsets = now
            copied, boiler = _covered(text, _grams(before[0]))
            own = len(text) - sum(boiler)
            if own < min_chars:
                continue
            share = sum(c and not b for c, b in zip(copied, boiler, strict=True)) / own
            problems = kind is SectionKind.PROBLEMS
            threshold = float(params.get("min_share_problems" if problems else "min_share_other", 0.5))
            if share < threshold:
                continue
            runs = _runs([c and not b for c, b in zip(copied, boiler, strict=True)], offsets)
            longest = runs[:3]
            quotes = [" ".join(report.text[s.start:s.end].split()) for _, s in longest]
            shown = [f"“{q[:40]}{'…' if len(q) > 40 else ''}”" for q in quotes]
            message = (f"第{number}部分有 {share:.0%} 的文字与上年报告同一部分相同（去掉固定表述后共 {own} 字），"
                       f"最长的照搬段落：{'；'.join(shown)}")
            if problems:
                message += "；存在的问题和改进措施应按本年实际情况填写"
            where = [self._previous_span(previous, kind, text[offsets.index(s.start):][: n], before)
                     for n, s in longest]
            yield Finding(
                self.code, self.category, message, severity=None if problems else Severity.INFO,
                span=longest[0][1] if longest else None, section=number,
                evidence={"previous_path": previous.path, "previous_year": previous.year, "share": round(share, 3),
                          "characters": own, "passages": quotes},
                key=f"section-{number}",
                related=tuple(related(previous, span, f"上年报告第{number}部分{quote}")
                              for span, quote in zip(where, shown, strict=True) if span),
            )

    @staticmethod
    def _previous_span(previous: Report, kind: SectionKind, passage: str, before: tuple[str, list[int]]
                       ) -> Span | None:
        """Where a copied passage starts in last year's report (its first _K characters are there)."""
        text, offsets = before
        at = text.find(passage[:_K])
        return Span(offsets[at], offsets[at] + 1) if at >= 0 else None
