from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._outline import DATE, Line, closing_lines, compact, is_fragment, looks_like_body


class SignOffPresent(Rule):
    """检查内容
    报告末尾应有落款：发布机关名称和成文日期（如“示例县人民政府”“2024年1月20日”）。缺少落款、只有日期没有
    机关、或只有机关没有日期，各报告一条。网页发布的报告，页面元数据（“发布机构”“发布时间”“公开日期”）已给出
    发布信息时不报告。

    为什么
    国家格式（国办公开办函〔2021〕30号）未单列落款要求，但报告作为公文单独流转（PDF、Word）时，落款是确认
    出处和成文时间的依据；没有日期也无法核对报告是否在统计年度结束后成文、是否按期发布。因此默认为警告。

    不符合的示例
        六、其他需要报告的事项
        本机关未收取信息处理费。
        （全文到此结束，没有机关名称和日期）

    符合的示例
        六、其他需要报告的事项
        本机关未收取信息处理费。
        示例县人民政府
        2024年1月20日
    """

    code = "S103"
    name = "signoff-present"
    summary = "报告末尾有落款（发布机关和日期）"
    problem = "报告末尾没有落款"
    category = "structure"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        if report.signoff_organization and report.signoff_date:
            return
        if report.publication_date:
            return  # a web page whose metadata says who published it and when: that is its sign-off
        closing = closing_lines(report)
        if not closing:
            return
        date_line = _date_line(report, closing)
        if date_line is not None:
            if report.signoff_organization or _body_before(report, closing, date_line):
                return
            yield Finding(self.code, self.category,
                          f"落款只有日期“{date_line.text}”，缺少发布机关名称",
                          span=date_line.span, evidence={"text": date_line.text}, key="missing:body")
            return
        last = closing[0]
        if is_fragment(last, 30) and looks_like_body(last.text):
            yield Finding(self.code, self.category,
                          f"落款“{last.text}”缺少成文日期",
                          span=last.span, evidence={"text": last.text}, key="missing:date")
            return
        tail = _last_words(report, last)
        shown = report.text[tail.start:tail.end]
        yield Finding(self.code, self.category,
                      f"报告末尾没有落款（发布机关名称和成文日期），全文以“{shown}”结束",
                      span=tail, evidence={"text": shown}, key="missing:signoff")


def _last_words(report: Report, last: Line) -> Span:
    """The last sentence of the report (at most 30 characters, cut at a clause boundary) to quote."""
    start = max(last.span.start, last.span.end - 30)
    body = report.folded[start:last.span.end - 1]
    cut = max(body.rfind(p) for p in "。；，;,")
    return Span(start + cut + 1 if cut >= 0 else start, last.span.end)


def _date_line(report: Report, closing: list[Line]) -> Line | None:
    """The sign-off date (only the date part of its line): a short closing line ending with a date, or a date
    closing the last line of a web export that runs the whole report into one line."""
    for line in closing:
        m = DATE.search(line.text)
        if m and len(compact(line.text)) <= 40 and not compact(line.text[m.end():]):
            return Line(Span(line.span.start + m.start(), line.span.start + m.end()), m.group(0))
    m = re.search(DATE.pattern + r"\s*$", closing[0].text)
    if m:
        start = closing[0].span.start + m.start()
        return Line(Span(start, closing[0].span.end), closing[0].text[m.start():])
    return None


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|[(（])")


def _body_before(report: Report, closing: list[Line], date_line: Line) -> bool:
    """A body name right before the date: on the date line itself, or alone on the line above whatever its
    ending (the core only accepts names with a known ending such as 人民政府, 局, 中心)."""
    line_start = report.folded.rfind("\n", 0, date_line.span.start) + 1
    before = compact(report.folded[max(line_start, date_line.span.start - 40):date_line.span.start])
    before = re.sub(r"[(（][^()（）]{1,6}[)）]$", "", before)  # 示例县人民政府办公室（代章）
    if before and looks_like_body(before):
        return True
    above = [ln for ln in closing if ln.span.end <= line_start]
    if not above or before:
        return False
    name = above[0]
    return is_fragment(name, 30) and len(compact(name.text)) >= 4 and not _HEADING_START.match(name.text)
