from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import context, is_cjk, prose_units

_HALF = ",;:!()"  # not "?": in scraped text it mostly stands for a character the encoding lost
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "(": "（", ")": "）"}
#: Chinese punctuation that may stand next to a half-width mark in Chinese prose: ”，《 ……
_LEFT_CJK = set("》”’」』）】〕。，、；：？！")
_RIGHT_CJK = set("《“‘「『（【〔")
#: A lone closing parenthesis of a mixed-width pair may stand before any Chinese punctuation: "（含转载)。"
_AFTER_CLOSE = _RIGHT_CJK | set("。，、；：？！")
#: List labels "(一)" "(1)" and "一)" "1)" at a clause start: numbering, whose width the numbering rules judge.
_LABEL = re.compile(
    r"\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|(?:^|(?<=[\s。；;，,：:、]))[一二三四五六七八九十\d]{1,2}\)"
)
_SHOWN = 5


def _side(folded: str, i: int, step: int) -> int | None:
    """Offset of the character next to ``i`` in direction ``step``, across at most one space (None: none)."""
    j = i + step
    if 0 <= j < len(folded) and folded[j] == " ":
        j += step
    return j if 0 <= j < len(folded) and folded[j] not in "\n\t " else None


def _chinese(report: Report, j: int | None, marks: set[str]) -> bool:
    return j is not None and (is_cjk(report.folded[j]) or report.text[j] in marks)


def _paren_pairs(text: str, span: Span) -> dict[int, int]:
    """Half-width ( ) pairs (in the original text) within ``span``: opener offset → closer offset."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    if "(" not in text[span.start:span.end]:
        return pairs
    for i in range(span.start, span.end):
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def half_width_marks(report: Report, span: Span) -> list[int]:
    """Offsets of half-width , ; : ! ( ) in Chinese prose, outside list labels.

    , ; : ! count when Chinese stands on both sides.  A pair of half-width parentheses counts when it holds
    Chinese and stands next to Chinese ("APP(移动端)上线"), and both its marks are listed; a lone parenthesis
    counts like the other marks.
    """
    text, folded = report.text, report.folded
    labels = [m.span() for m in _LABEL.finditer(folded, span.start, span.end)]
    pairs = _paren_pairs(text, span)
    closers = {c: o for o, c in pairs.items()}
    out: set[int] = set()
    for i in range(span.start, span.end):
        ch = text[i]
        if ch not in _HALF or any(a <= i < b for a, b in labels):
            continue
        if ch == "(" and i in pairs:
            j = pairs[i]
            inside = (_chinese(report, _side(folded, i, 1), _RIGHT_CJK)
                      and _chinese(report, _side(folded, j, -1), _LEFT_CJK))
            outside = (_chinese(report, _side(folded, i, -1), _LEFT_CJK)
                       or _chinese(report, _side(folded, j, 1), _AFTER_CLOSE))
            if inside and outside:
                out.update((i, j))
        elif ch == ")" and i in closers:
            continue  # judged with its opener
        elif _chinese(report, _side(folded, i, -1), _LEFT_CJK) and _chinese(
                report, _side(folded, i, 1), _AFTER_CLOSE if ch == ")" else _RIGHT_CJK):
            out.add(i)
    return sorted(out)


def _where(report: Report, i: int) -> dict[str, int | None]:
    loc = report.locate(Span(i, i + 1))
    return {"line": loc.line, "column": loc.column, "page": loc.page}


class HalfWidthPunctuation(Rule):
    """检查内容
    中文正文中夹用了半角标点：汉字之间的半角逗号、分号、冒号、叹号或半角括号（“依申请公开,全年”
    “存在的主要问题:政策解读”）。数字和网址中的半角符号（1,234、15:07、http://）、表格（含网页导出时连在一起的
    表格文字）、报告标题、网页导出的元数据行（“标题: …”）以及“(一)”“1)”这类编号都不报告。一对半角括号里是
    中文、且紧挨着中文时，两个括号都报告（“APP(移动端)上线”）；全半角混用的括号也报告（“（含转载)。”）。半角问号不查：网页抓取的文字中“?”多半是编码丢失的汉字。每段只报告一次，列出该段所有
    位置；半角标点遍布全文（至少 ``systematic_min`` 处、且多于全角逗号）时只报告一次，说明全文如此。

    为什么
    《标点符号用法》（GB/T 15834—2011）规定中文文本使用全角标点；半角标点多是从其他文档、网页复制或输入法
    切换留下的，属于审核中要求更正的文字错误。

    不符合的示例
        推进监管执法信息公开,通过微信公众号发布抽检情况。

    符合的示例
        推进监管执法信息公开，通过微信公众号发布抽检情况；全年收费 1,234 元。
    """

    code = "G102"
    name = "half-width-punctuation"
    summary = "中文正文中夹用半角标点"
    problem = "中文正文中夹用了半角标点"
    category = "typography"
    severity = Severity.WARNING
    parameters: ClassVar[Mapping[str, Any]] = {"systematic_min": 10}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "systematic_min": "全文至少有这么多处半角标点（且多于全角逗号）时，只报告一次“全文如此”",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        found = [(unit, marks) for unit in prose_units(report) if (marks := half_width_marks(report, unit.span))]
        if not found:
            return
        every = [i for _, marks in found for i in marks]
        full_commas = sum(report.text.count("，", u.span.start, u.span.end) for u in prose_units(report))
        half_commas = sum(1 for i in every if report.text[i] == ",")
        if len(every) >= int(params.get("systematic_min", 10)) and half_commas > full_commas:
            yield self._systematic(report, every, full_commas)
            return
        for unit, marks in found:
            quotes = [context(report.text, i, i + 1, width=4) for i in marks]
            shown = "；".join(f"“{q}”" for q in quotes[:_SHOWN])
            more = f" 等 {len(marks)} 处" if len(marks) > _SHOWN else ""
            yield Finding(
                self.code, self.category,
                f"中文正文中使用了半角标点（{_kinds(report, marks)}）：{shown}{more}",
                span=Span(marks[0], marks[0] + 1), section=unit.section,
                evidence={"text": quotes[0], "quotes": quotes,
                          "positions": [_where(report, i) for i in marks]},
                key=",".join(quotes),
            )

    def _systematic(self, report: Report, every: list[int], full_commas: int) -> Finding:
        """Half-width marks throughout: one finding for the document, not one per paragraph."""
        quotes = [context(report.text, i, i + 1, width=4) for i in every[:3]]
        return Finding(
            self.code, self.category,
            f"全文普遍使用半角标点（{_kinds(report, every)}），共 {len(every)} 处，"
            f"正文中的全角逗号只有 {full_commas} 处：" + "；".join(f"“{q}”" for q in quotes)
            + "。若文字经过了全角转半角处理（如网页抓取），请以原文为准；否则应统一改为全角标点",
            span=Span(every[0], every[0] + 1),
            evidence={"text": quotes[0], "count": len(every), "full_width_commas": full_commas},
            key="systematic",
        )


def _kinds(report: Report, marks: list[int]) -> str:
    return "、".join(dict.fromkeys(f"“{report.text[i]}”应为“{_FULL[report.text[i]]}”" for i in marks))
