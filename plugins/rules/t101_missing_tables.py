from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, FormatVersion, Report, Section, Severity, Span
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import label_key

from ._tables import HOME, SHORT_NAMES, TABLE_NAMES, home_section

#: Header words only the table itself prints (not row names such as 行政许可, which prose uses too).
_HEADER_MARKERS: dict[int, tuple[str, ...]] = {
    2: ("第二十条第(一)项", "第二十条第(五)项", "第二十条第(六)项", "第二十条第(八)项", "本年制发件数", "本年废止件数",
        "现行有效件数", "本年处理决定数量", "本年收费金额", "本年新制作数量", "本年新公开数量", "对外公开总数量",
        "上一年项目数量"),
    3: ("申请人情况", "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果",
        "结转下年度继续办理", "商业企业", "科研机构", "社会公益组织", "法律服务机构"),
    4: ("结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"),
}
_MIN_MARKERS = 2
_SENTENCE_END = "。；;"
#: A sentence that reports the table's facts in words: a count (not a year: 年 is no unit), or that nothing happened.
_FACT = re.compile(r"\d+(?:\.\d+)?\s*(?:件|条|个|起|宗|项|次|人次|万元|元)"
                   r"|未发生|没有发生|未收到|没有收到|未产生|未出现|无[^\s，。]{0,12}(?:情况|案件|申请)")
_QUOTE = 60


class MissingTables(Rule):
    """检查内容
    国家格式规定的三张统计表（二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、
    行政诉讼情况）是否都在报告中。缺少一张表为一条问题，定位在该表所在部分的标题；如果该部分只用文字说明了数字
    （例如“共收到申请75件”），指出“仅以文字说明，未按规定列表”。报告中有无法机读的页面（如扫描件）时，
    表格可能以图片形式发布，问题降为警告，请人工核对。

    为什么
    国办公开办函〔2021〕30号要求按统一表格逐项填报，“不能遗漏”。缺表使公众和上级无法逐项核对数据，文字说明
    也无法代替表格中的分类统计。

    不符合的示例
        三、收到和处理政府信息公开申请情况
        2023年，共收到政府信息公开申请75件，均已按时答复。      ← 没有表三
        四、政府信息公开行政复议、行政诉讼情况

    符合的示例
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：……）	申请人情况 ……
        一、本年新收政府信息公开申请数量	……	75
    """

    code = "T101"
    name = "missing-table"
    summary = "缺少国家格式规定的统计表（表二、表三或表四）"
    problem = "缺少国家格式规定的统计表"
    category = "table-missing"
    versions = frozenset({FormatVersion.V2021, FormatVersion.V2019, FormatVersion.UNKNOWN})  # legacy: V102

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        if not report.sections and not report.tables:
            return  # nothing of the national structure was recognised: S101 says so, a table list would be noise
        for kind in (2, 3, 4):
            if kind not in report.tables:
                yield self._missing(report, kind)

    def _missing(self, report: Report, kind: int) -> Finding:
        number, _ = HOME[kind]
        section = home_section(report, kind)
        name = TABLE_NAMES[kind]
        severity: Severity | None = None
        evidence: dict[str, Any] = {"table": kind}
        if section is None:
            message = f"缺少{name}，报告中也没有第{number}部分"
            span: Span | None = None
        else:
            span = section.heading_span
            body = Span(section.heading_span.end, section.span.end)
            detail, severity, quoted = _describe(report, kind, body)
            message = f"第{number}部分“{section.heading}”中缺少{SHORT_NAMES[kind]}{detail}"
            if quoted:
                evidence["text"] = quoted
        elsewhere = _elsewhere(report, kind, section)
        if elsewhere:
            message += f"；文中其他位置有{SHORT_NAMES[kind]}的表头文字，表格可能放错了部分，请人工核对"
            severity = Severity.WARNING
        if report.reader_notes:
            message += "；文件中有无法机读的页面（如扫描页），该表可能以图片形式发布，请人工核对"
            severity = Severity.WARNING
            evidence["reader_notes"] = list(report.reader_notes)
        return Finding(self.code, self.category, message, severity=severity, span=span,
                       section=number if section is None else None, table=kind, evidence=evidence,
                       key=f"t{kind}")


def _describe(report: Report, kind: int, body: Span) -> tuple[str, Severity | None, str | None]:
    """What the section holds instead of the table: (message tail, severity override, quoted text)."""
    text = report.text[body.start:body.end]
    if _markers(label_key(text), kind) >= _MIN_MARKERS:
        return ("：有表头文字，但未读取到任何数值（可能未填写，或表格版式无法识别），请人工核对",
                Severity.WARNING, None)
    quoted = _fact_sentence(report, body)
    if quoted:
        return f"，相关情况仅以文字说明（“{quoted}”），未按规定列表", None, quoted
    if text.strip():
        return "，该部分没有按规定列出统计表", None, None
    return "，该部分没有任何内容", None, None


def _fact_sentence(report: Report, body: Span) -> str | None:
    """The sentence that states the table's facts in words, line breaks of the layout removed (a PDF breaks
    sentences across lines), cut to a window around the fact when long."""
    fact = _FACT.search(report.folded, body.start, body.end)
    if fact is None:
        return None
    start = max((report.folded.rfind(c, body.start, fact.start()) for c in _SENTENCE_END), default=-1) + 1
    start = max(start, body.start)
    ends = [i for i in (report.folded.find(c, fact.end(), body.end) for c in _SENTENCE_END) if i != -1]
    end = min(ends) if ends else body.end
    if end - start > _QUOTE:
        lo = max(start, fact.start() - _QUOTE // 3)
        hi = min(end, lo + _QUOTE)
        head, tail = ("……" if lo > start else ""), ("……" if hi < end else "")
        start, end = lo, hi
    else:
        head = tail = ""
    sentence = re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", report.text[start:end]).strip()
    return f"{head}{sentence}{tail}"


def _markers(region_key: str, kind: int) -> int:
    return sum(1 for m in _HEADER_MARKERS[kind] if m in region_key)


def _elsewhere(report: Report, kind: int, section: Section | None) -> bool:
    """Header words of the table outside its own section: a table in the wrong place is not a missing one."""
    if section is None:
        return _markers(label_key(report.text), kind) >= _MIN_MARKERS
    outside = report.text[:section.span.start] + "\n" + report.text[section.span.end:]
    return _markers(label_key(outside), kind) >= _MIN_MARKERS
