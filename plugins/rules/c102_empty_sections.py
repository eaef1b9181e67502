from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity
from xxgk_lint.core.rules import Rule

from ._prose_units import fee_required, is_blank, is_nil, last_section, section_body


class EmptySections(Rule):
    """检查内容
    第五部分“存在的主要问题及改进情况”或第六部分“其他需要报告的事项”没有内容，或只写了“无”“暂无”
    “无其他需要报告的事项”之类的话。

    - 第五部分：没有内容或只写“无”，一律报告（错误）。
    - 第六部分：自 ``fee_from_year``（默认 2021）年度的报告起，第六部分至少要说明信息处理费的收取情况，
      因此没有内容或只写“无”都报告（错误）；此前年度的报告写“无”是允许的，标题下完全没有内容则提示（警告）。
      第六部分有内容但未提信息处理费的，由 C103 报告。

    为什么
    《政府信息公开条例》第五十条要求报告政府信息公开工作存在的主要问题及改进情况；任何机关的工作都有需要改进
    之处，写“无”属于国办公开办函〔2021〕30号点名的“敷衍塞责”。2021 年格式要求在“其他需要报告的事项”中说明
    依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，没有收取也要写明。

    不符合的示例
        五、存在的主要问题及改进情况
        无
        六、其他需要报告的事项
        无

    符合的示例
        五、存在的主要问题及改进情况
        一是政策解读形式较为单一。下一步，将丰富解读形式，推出图解、视频解读。
        六、其他需要报告的事项
        2023 年，本机关未收取信息处理费。无其他需要报告的事项。
    """

    code = "C102"
    name = "empty-sections"
    summary = "第五、六部分没有内容或只写“无”"
    problem = "第五或第六部分没有实际内容"
    category = "content"
    parameters: ClassVar[Mapping[str, Any]] = {"fee_from_year": 2021}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "fee_from_year": "从这一报告年度起，第六部分至少要说明信息处理费的收取情况",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        five = last_section(report, SectionKind.PROBLEMS)
        if five is not None:
            body = section_body(report, five)
            text = report.text[body.start:body.end]
            if is_blank(text):
                yield Finding(
                    self.code, self.category,
                    f"第五部分“{five.heading}”标题下没有内容，应写明存在的主要问题和改进情况",
                    span=five.heading_span, section=five.number, evidence={"text": five.heading}, key="五:empty",
                )
            elif is_nil(text):
                yield Finding(
                    self.code, self.category,
                    f"第五部分“{five.heading}”只写了“{text}”，应写明存在的主要问题和改进情况",
                    span=body, section=five.number, evidence={"text": text}, key="五:nil",
                )
        six = last_section(report, SectionKind.OTHER)
        if six is None:
            return
        body = section_body(report, six)
        text = report.text[body.start:body.end]
        needs_fee = fee_required(report, int(params.get("fee_from_year", 2021)))
        fee_note = "，至少应说明本年度信息处理费的收取情况（未收取也应写明）"
        if is_blank(text):
            if needs_fee:
                yield Finding(
                    self.code, self.category, f"第六部分“{six.heading}”标题下没有内容{fee_note}",
                    span=six.heading_span, section=six.number, evidence={"text": six.heading}, key="六:empty",
                )
            else:
                yield Finding(
                    self.code, self.category,
                    f"第六部分“{six.heading}”标题下没有内容；没有其他需要报告的事项时应写明“无”",
                    severity=Severity.WARNING, span=six.heading_span, section=six.number,
                    evidence={"text": six.heading}, key="六:empty",
                )
        elif is_nil(text) and needs_fee:
            yield Finding(
                self.code, self.category, f"第六部分“{six.heading}”只写了“{text}”{fee_note}",
                span=body, section=six.number, evidence={"text": text, "year": report.year}, key="六:nil",
            )
