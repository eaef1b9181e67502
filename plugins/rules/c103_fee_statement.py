from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import fee_required, fee_statements, is_blank, is_nil, last_section, prose_units, section_body

_PIECE = re.compile(r"[^，,。；;\n]*(?:处理费|收费)[^，,。；;\n]*")


def _quote(report: Report, span: Span) -> str:
    """The comma-clause of a statement that names the fee: "……均在法定期限内答复，未收取信息处理费" → the last part."""
    m = _PIECE.search(report.folded, span.start, span.end)
    piece = report.text[m.start():m.end()] if m else report.text[span.start:span.end]
    return piece.strip()[:60]


class FeeStatement(Rule):
    """检查内容
    自 ``from_year``（默认 2021）年度的报告起，第六部分“其他需要报告的事项”应说明本年度信息处理费的收取情况：
    “未收取信息处理费”“无收取信息处理费情况”“收取信息处理费 3940 元”等。第六部分中的“政府信息公开未发生
    收费情况”“无收费情况”视为说明了信息处理费（政府信息公开只可能收取信息处理费；“行政事业性收费”除外）；
    只提到“信息处理费管理办法”“落实信息处理费有关规定”而没有说收没收、收多少的，不算说明。

    - 第六部分没有这样的说明、报告其他部分也没有：错误。
    - 说明写在了其他部分（如总体情况，或第三部分表格前后的文字）而不在第六部分：位置不当，警告。其他部分只认
      写明“信息处理费”的说法，表三“申请人逾期未按收费通知要求缴纳费用”一行不算。
    - 第六部分没有内容、只写“无”（C102 另行报告空白部分）或整个第六部分缺失（S101 另行报告），且报告其他部分
      也没有说明：同样是错误，因为收费情况仍未说明。

    为什么
    《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自 2021 年起施行，国办公开办函〔2021〕30号格式
    要求在“其他需要报告的事项”中报告依据该办法收取信息处理费的情况。没有收取也要写明，审核时缺少这一句即退回。

    不符合的示例
        六、其他需要报告的事项
        下一阶段，我们将认真分析，创新举措，全面提升信息公开工作水平。

    符合的示例
        六、其他需要报告的事项
        2023 年，本机关未收取信息处理费。
    """

    code = "C103"
    name = "fee-statement"
    summary = "第六部分未说明信息处理费收取情况（2021 年起）"
    problem = "第六部分没有说明信息处理费的收取情况"
    category = "fee"
    parameters: ClassVar[Mapping[str, Any]] = {"from_year": 2021}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "from_year": "从这一报告年度起检查第六部分是否说明信息处理费的收取情况",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        if not fee_required(report, int(params.get("from_year", 2021))):
            return
        six = last_section(report, SectionKind.OTHER)
        if six is not None:
            body = section_body(report, six)
            text = report.text[body.start:body.end]
            if not (is_blank(text) or is_nil(text)) and fee_statements(report, body, in_section_six=True):
                return
        # Section six blank, only "无", silent on the fee, or missing: the fee status is not stated there, which
        # C102/S101 (empty or missing section) do not say — a reviewer sends the report back for this alone.
        elsewhere = [span for unit in prose_units(report, tables=True)
                     if six is None or not (six.span.start <= unit.span.start < six.span.end)
                     for span in fee_statements(report, unit.span)]
        if six is None:
            if not elsewhere:
                year = f"{report.year} 年度" if report.year else "本"
                yield Finding(
                    self.code, self.category,
                    f"报告没有第六部分“其他需要报告的事项”，也未说明信息处理费的收取情况：{year}报告应写明是否收取、"
                    "收取多少（未收取也应写明，如“本年度未收取信息处理费”）",
                    span=report.title_span, key="missing",
                )
            return  # stated elsewhere: S101 reports the missing section
        if elsewhere:
            first = elsewhere[0]
            quoted = _quote(report, first)
            where = report.section_at(first.start)
            part = f"第{where.number}部分" if where and where.number else "报告开头"
            yield Finding(
                self.code, self.category,
                f"信息处理费收取情况写在了{part}（“{quoted}”），应在第六部分“其他需要报告的事项”中说明",
                severity=Severity.WARNING, span=first, evidence={"text": quoted}, key="misplaced",
            )
            return
        year = f"{report.year} 年度" if report.year else "本"
        said = "只写了“无”" if is_nil(text) else ("没有内容" if is_blank(text) else "")
        yield Finding(
            self.code, self.category,
            f"第六部分“{six.heading}”{said}{'，' if said else ''}未说明信息处理费的收取情况：{year}报告应写明是否"
            "收取、收取多少（未收取也应写明，如“本年度未收取信息处理费”）",
            span=six.heading_span, section=six.number, evidence={"text": text[:60]}, key="missing",
        )
