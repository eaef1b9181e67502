from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Finding, FormatVersion, Report, Severity, Span
from xxgk_lint.core.rules import Rule

#: Section headings of the pre-2019 format (2008 条例): what the core recognises a legacy report by.
_LEGACY = re.compile(r"依申请公开政府信息和不予公开政府信息的情况|政府信息公开的收费及减免情况")
_MARKER = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})[、.]\s*$")


class LegacyLayout(Rule):
    """检查内容
    报告使用 2019 年以前（2008 年版《政府信息公开条例》时期）的旧格式：以“依申请公开政府信息和不予公开政府信息
    的情况”“政府信息公开的收费及减免情况”等为部分标题，没有国家格式的表二、表三。报告年度早于参数
    ``since_year``（默认 2019，旧格式当时有效）时不报告；标题没有年度时报告为警告（可能是多年前的存档报告）。

    为什么
    2019 年修订的《政府信息公开条例》第五十条重新规定了年度报告的内容，国办公开办函〔2019〕60号、〔2021〕30号
    先后规定了统一格式。仍用旧格式说明报告由多年前的旧模板改写，六个部分和三张统计表均不符合要求。

    不符合的示例
        示例县人民政府2023年政府信息公开工作年度报告
        一、概述
        二、主动公开政府信息的情况
        三、依申请公开政府信息和不予公开政府信息的情况
        四、政府信息公开的收费及减免情况

    符合的示例
        示例县人民政府2023年政府信息公开工作年度报告
        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
    """

    code = "V102"
    name = "legacy-layout"
    summary = "报告不得使用 2019 年以前的旧格式"
    problem = "报告使用了 2019 年以前的旧格式"
    category = "format-version"
    versions = frozenset({FormatVersion.LEGACY})
    parameters: ClassVar[Mapping[str, Any]] = {"since_year": 2019}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "since_year": "从这一报告年度起不得再使用 2019 年以前的旧格式",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        since = int(params.get("since_year", 2019))
        if report.year is not None and report.year < since:
            return
        found = list(_LEGACY.finditer(report.folded))
        # point at the heading, not at a preamble that lists the parts of the report
        found.sort(key=lambda m: (not _is_heading(report.folded, m.start()), m.start()))
        quoted = list(dict.fromkeys(m.group(0) for m in found))
        year = f"报告年度为 {report.year} 年，" if report.year is not None else ""
        yield Finding(
            self.code, self.category,
            f"{year}报告使用 2019 年以前的旧格式（部分标题“{'”“'.join(quoted) or '（旧格式）'}”），"
            "应按国办公开办函〔2021〕30号格式编写六个部分并填报表二、表三、表四",
            severity=None if report.year is not None else Severity.WARNING,  # maybe an archived old report
            span=Span(found[0].start(), found[0].end()) if found else None,
            evidence={"text": quoted[0] if quoted else "", "headings": quoted, "year": report.year},
            key="legacy",
        )


def _is_heading(folded: str, start: int) -> bool:
    """The wording opens a numbered line (``三、依申请公开……``) rather than sitting in a sentence."""
    line_start = folded.rfind("\n", 0, start) + 1
    return _MARKER.fullmatch(folded[line_start:start]) is not None
