from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import CJK_CHARS, context, prose_units

#: "一X一X" with a measure word is ordinary Chinese: 一步一步, 一件一件, 一项一项.
_MEASURES = set("个步件项条点天年月日周季期次遍趟轮回批级层户村家人张份本句字样只名所位道"
                "支台套种类处片间座笔宗环节段篇页章")
#: Chinese numerals: "二零二零年" is a year, not a doubled word.
_NUMERALS = set("〇零一二三四五六七八九十百千万两")
#: ABAB reduplication of verbs, legitimate even in formal prose ("研究研究").
_ABAB = {"研究", "讨论", "商量", "考虑", "学习", "休息", "活动", "整理", "打扫", "交流", "检查", "了解", "体验",
         "锻炼", "放松", "比较", "调查", "介绍", "说明", "琢磨", "合计", "收拾", "准备", "看看", "想想"}
#: 的的 and 了了 are typos except in these words: 的的确确, 目的的 (目的 + 的), 标的的, 不了了之, 为了了解.
_SINGLE = re.compile(r"的的|了了")
_SINGLE_OK = re.compile(r"的的确确|[目标]的的|不了了之|了了解|明了了|了了然")


_CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?、\n]")
_SPACED = re.compile(f"[{CJK_CHARS}] +[{CJK_CHARS}]")


def _in_word_run(text: str, start: int, end: int, unit: Span) -> bool:
    """The clause around ``[start, end)`` is a run of words separated by spaces, not punctuation: a web page's
    menu or breadcrumb ("首页政务公开政府信息公开政府信息公开年报 平潭……") or a flattened table, where adjacent
    items may legitimately repeat."""
    ends = [m.end() for m in _CLAUSE_MARK.finditer(text, unit.start, start)]
    left = ends[-1] if ends else unit.start
    after = _CLAUSE_MARK.search(text, end, unit.end)
    right = after.start() if after else unit.end
    return _SPACED.search(text, left, right) is not None


def _legit(word: str) -> bool:
    if len(set(word)) == 1:
        return True  # 哈哈哈哈, 人人人人: reduplication, not a doubled word
    if set(word) <= _NUMERALS:
        return True
    if len(word) == 2 and word[0] == "一" and word[1] in _MEASURES:
        return True
    return word in _ABAB


def doubled(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int, str]]:
    """Immediate repeats ``XX`` of a CJK word X of 2..max_len characters, and 的的/了了, in ``text[start:end]``:
    (start, end, X) each, left to right, not overlapping.  The shortest X at a position is the one judged."""
    repeat = re.compile(f"([{CJK_CHARS}]{{2,{max_len}}}?)\\1")
    out: list[tuple[int, int, str]] = []
    pos = start
    while (m := repeat.search(text, pos, end)) is not None:
        if _legit(m.group(1)):
            pos = m.start() + 1
            continue
        out.append((m.start(), m.end(), m.group(1)))
        pos = m.end()
    allowed = [ok.span() for ok in _SINGLE_OK.finditer(text, start, end)]
    for m in _SINGLE.finditer(text, start, end):
        i = m.start()
        if any(a <= i < b for a, b in allowed) or any(a <= i < b for a, b, _ in out):
            continue
        out.append((i, i + 2, text[i]))
    return sorted(out)


class DoubledWords(Rule):
    """检查内容
    正文中紧挨着重复的词：“工作工作”“进一步进一步”“审核审核”，以及“的的”“了了”。只查连续重复 2 至
    ``max_length``（默认 6）个汉字的词，不跨行，不查表格、报告标题、网页导出的元数据行和落款。正常的重叠形式
    不报告：AABB/AA 式（“方方面面”“人人”）、“一步一步”“一项一项”、动词 ABAB 式（“研究研究”）、汉字数字
    （“二零二零年”），以及“的的确确”“目的的”“不了了之”“为了了解”。一个分句里的词之间用空格而不是标点隔开时（网页导出的栏目导航
    “首页政务公开政府信息公开政府信息公开年报 平潭……”、连在一起的表格文字），相邻的项可以正常重复，也不报告。

    为什么
    重复的词是编辑、复制粘贴留下的错字，公开发布的报告出现错字影响政府形象，审核时会要求更正。

    不符合的示例
        二是规范审核审核发布机制。
        打造整体统一的的网站界面。

    符合的示例
        二是规范审核发布机制。
        一项一项抓落实，方方面面都要兼顾。
    """

    code = "G101"
    name = "doubled-words"
    summary = "正文中有重复的词（如“工作工作”“的的”）"
    problem = "正文中有重复的词"
    category = "typography"
    severity = Severity.WARNING
    parameters: ClassVar[Mapping[str, Any]] = {"max_length": 6}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "max_length": "检查重复的词最长几个汉字",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        max_len = int(params.get("max_length", 6))
        for unit in prose_units(report):
            for start, end, word in doubled(report.folded, unit.span.start, unit.span.end, max_len):
                if _in_word_run(report.folded, start, end, unit.span):
                    continue
                quoted = context(report.text, start, end, width=4)
                yield Finding(
                    self.code, self.category,
                    f"“{word}”重复出现：“{quoted}”，疑为多打了一遍",
                    span=Span(start, end), section=unit.section,
                    evidence={"text": quoted, "word": word}, key=f"{word}:{quoted}",
                )
