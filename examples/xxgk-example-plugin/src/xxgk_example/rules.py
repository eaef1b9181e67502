"""Plugin module ``example-rules``: the regional rule EX101 and the ``example-province`` ruleset.

A regional rule applies to the reports of its region only: EX101 looks at reports whose title or issuing
body names one of its ``regions``, so installing this plugin changes nothing for other reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Finding, Report, SectionKind, Severity
from xxgk_lint.core.rules import Rule


class ProposalsHandlingReported(Rule):
    """检查内容
    示例省的报告应在第六部分“其他需要报告的事项”中说明本年度人大代表建议和政协委员提案的办理结果公开情况：
    第六部分应同时出现参数 ``keywords`` 中的每个词（默认“建议”和“提案”）。只检查报告标题或发布机关名称中含有
    参数 ``regions`` 所列地名（默认“示例省”）的报告；报告没有第六部分时不作判断（由 S101 报告）。

    为什么
    示例省政务公开工作要点要求各级行政机关在年度报告中报告建议提案办理结果公开情况。漏写这一项，省级审核时
    会被退回补充。

    不符合的示例
        示例省示例县人民政府 2023 年政府信息公开工作年度报告
        ……
        六、其他需要报告的事项
        2023 年，本机关未收取信息处理费。

    符合的示例
        示例省示例县人民政府 2023 年政府信息公开工作年度报告
        ……
        六、其他需要报告的事项
        2023 年，本机关未收取信息处理费。全年办理人大代表建议 12 件、政协委员提案 9 件，办理结果均已公开。
    """

    code = "EX101"
    name = "proposals-handling-reported"
    summary = "第六部分未说明人大代表建议和政协委员提案办理结果公开情况（示例省）"
    problem = "第六部分没有说明人大代表建议和政协委员提案办理结果的公开情况"
    category = "regional"
    severity = Severity.WARNING
    parameters: Mapping[str, Any] = {"regions": ("示例省",), "keywords": ("建议", "提案")}

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        names = " ".join(n for n in (report.title, report.organization, report.title_organization) if n)
        if not any(region in names for region in params["regions"]):
            return
        section = next((s for s in report.sections if s.kind is SectionKind.OTHER), None)
        if section is None:
            return
        body = report.text[section.heading_span.end:section.span.end]
        missing = [word for word in params["keywords"] if word not in body]
        if not missing:
            return
        yield Finding(
            self.code, self.category,
            f"第六部分“其他需要报告的事项”未说明人大代表建议和政协委员提案办理结果公开情况（缺少“{'”“'.join(missing)}”），"
            "示例省要求报告此项",
            span=section.heading_span,
            section=section.number,
            evidence={"text": report.text[section.heading_span.start:section.heading_span.end], "count": len(missing)},
            key="missing:" + ",".join(missing),
        )


@hookimpl
def xxgk_rules() -> list[type[Rule]]:
    return [ProposalsHandlingReported]


@hookimpl
def xxgk_rulesets() -> list[Path]:
    """The ``example-province`` ruleset: national plus EX101 raised to an error."""
    folder = resources.files("xxgk_example") / "rulesets"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))
