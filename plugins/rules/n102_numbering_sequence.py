from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Heading, Report, Severity
from xxgk_lint.core.rules import Rule

from ._outline import section_walks, shown_marker


class NumberingSequence(Rule):
    """检查内容
    同一部分内的编号序列连续、不重复：（一）（二）（四）缺少（三）；（一）（二）（二）重复；（1）（2）（4）缺少（3）。
    下一级条目（“1.”“（1）”）在每个上级标题下各自成一个序列。跳过的编号若写在上一条的同一段内
    （“（一）组织领导。1.…… 2.……”），不算缺号。六个部分本身的编号由 S101 检查；表格行不是标题，不在检查范围内。

    为什么
    缺号、重号通常是删改段落后没有重新编号留下的，说明报告有内容被删去或重复，未经校对。

    不符合的示例
        （一）主动公开情况
        （二）依申请公开情况
        （四）政府信息公开平台建设情况     ← 缺少（三）

    符合的示例
        （一）主动公开情况
        （二）依申请公开情况
        （三）政府信息管理情况
    """

    code = "N102"
    name = "numbering-sequence"
    summary = "同一部分内编号连续、不缺号、不重号"
    problem = "编号不连续（缺号或重号）"
    category = "numbering"
    severity = Severity.WARNING  # headings are read from line starts: a number lost in extraction looks like a gap

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for section, walk in section_walks(report):
            for gap in walk.gaps:
                h = gap.heading
                text = report.text[h.span.start:h.span.end][:40]
                before = shown_marker(gap.previous.style, gap.previous.number)
                here = shown_marker(h.style, h.number)
                if gap.repeated:
                    what = f"编号“{here}”重复出现" if h.number == gap.previous.number else \
                        f"编号倒退：“{before}”之后是“{here}”"
                    key = f"repeat:{section.number}:{here}:{_label(h)}"
                else:
                    skipped = "、".join(f"“{shown_marker(h.style, n)}”" for n in gap.missing)
                    what = f"编号不连续：“{before}”之后是“{here}”，缺少{skipped}"
                    key = f"gap:{section.number}:{here}:{_label(h)}"
                yield Finding(
                    self.code, self.category,
                    f"第{section.number or '？'}部分{what}（“{text}”）",
                    span=h.span, section=section.number,
                    evidence={"text": text, "previous": before, "missing": list(gap.missing),
                              "repeated": gap.repeated},
                    key=key,
                )


def _label(heading: Heading) -> str:
    """A few characters of the heading text: tells two findings on the same number apart without line numbers."""
    return heading.text[:8]
