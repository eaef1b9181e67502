from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import Unit, context, prose_units

#: Pairs checked, in folded text: （）and () fold to the same pair, so a mixed-width pair still balances.
_PAIRS = (("(", ")", "括号"), ("“", "”", "引号"), ("《", "》", "书名号"))
_SIDES = {"(": "左括号“（”", ")": "右括号“）”", "“": "左引号", "”": "右引号",
          "《": "左书名号“《”", "》": "右书名号“》”"}
#: A closing bracket of a list label at a clause start ("1）加强……", "一)……"): numbering, not a bracket pair.
_LIST_CLOSE = re.compile(r"(?:^|(?<=[\s。；;，,：:、]))[一二三四五六七八九十\d]{1,2}\)")
#: A line ending like this ends its paragraph; any other line may continue on the next one (layout).
_PARAGRAPH_END = re.compile(r"[。！？!?]\s*$|[。！？!?][”’)》]\s*$")


def _paragraphs(report: Report, units: list[Unit]) -> list[list[Unit]]:
    """Units grouped into paragraphs: a unit not ending a sentence may be continued by the next one (a PDF or
    export line break), so a bracket is looked for up to the end of the sentence-final line."""
    groups: list[list[Unit]] = []
    for unit in units:
        if groups:
            prev = groups[-1][-1]
            if not _PARAGRAPH_END.search(report.folded[prev.span.start:prev.span.end]):
                groups[-1].append(unit)
                continue
        groups.append([unit])
    return groups


def unmatched(report: Report, group: list[Unit], opener: str, closer: str) -> list[int]:
    """Offsets of the brackets of the more frequent kind that have no partner; [] when the counts agree (a
    reversed pair ”…“ is a font or input-method matter, not a missing bracket)."""
    folded = report.folded
    opens: list[int] = []
    stray_closes: list[int] = []
    n_open = n_close = 0
    for unit in group:
        skip = {m.end() - 1 for m in _LIST_CLOSE.finditer(folded, unit.span.start, unit.span.end)} if closer == ")" \
            else set()
        marks = re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")  # cached by re: visit brackets only
        for m in marks.finditer(folded, unit.span.start, unit.span.end):
            i, ch = m.start(), m.group()
            if ch == opener:
                opens.append(i)
                n_open += 1
            elif ch == closer and i not in skip:
                n_close += 1
                if opens:
                    opens.pop()
                else:
                    stray_closes.append(i)
    if n_open == n_close:
        return []
    return opens if n_open > n_close else stray_closes


class UnbalancedBrackets(Rule):
    """检查内容
    正文一段之内括号、引号、书名号不成对：有“（”没有“）”、有“《”没有“》”、左右引号个数不等。全角和半角括号
    视为同一种（混用由 G102 报告）；“1）”“一)”这类编号不算括号。段落以句末标点结束的行为界：PDF 或网页导出的
    断行会让一句话分成几行，未以句号等结束的行与下一行合在一起检查。表格、标题元数据和落款不查（表格中的
    “3.危及“三安全一稳定”常被版面截断，不是正文错误）。

    为什么
    不成对的括号和引号通常是修改时删多了或删少了，读者无法判断引文或注释到哪里结束，属于需要更正的文字错误。

    不符合的示例
        根据《中华人民共和国政府信息公开条例（以下简称《条例》，编制本报告。

    符合的示例
        根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本报告。
    """

    code = "G103"
    name = "unbalanced-brackets"
    summary = "正文中括号、引号、书名号不成对"
    problem = "正文中括号、引号或书名号不成对"
    category = "typography"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for group in _paragraphs(report, prose_units(report)):
            for opener, closer, name in _PAIRS:
                stray = unmatched(report, group, opener, closer)
                if not stray:
                    continue
                first = stray[0]
                have = report.folded[first]
                missing = closer if have == opener else opener
                quoted = context(report.text, first, first + 1, width=12)
                section = report.section_at(first)
                yield Finding(
                    self.code, self.category,
                    f"{name}不成对：有{_SIDES[have]}没有对应的{_SIDES[missing]}：“{quoted}”"
                    + (f"（本段共 {len(stray)} 处）" if len(stray) > 1 else ""),
                    span=Span(first, first + 1), section=section.number if section else None,
                    evidence={"text": quoted, "count": len(stray)}, key=f"{name}:{quoted}",
                )
