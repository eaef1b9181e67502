from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.bodies import CANNOT_MAKE_RULES, BodyKind, classify_body
from xxgk_lint.core.model import Finding, Report, Severity
from xxgk_lint.core.rules import Rule

from ._cells import cover, fmt
from ._tables import short_column

_KIND_NAMES = {BodyKind.COUNTY: "县级人民政府", BodyKind.TOWNSHIP: "乡镇人民政府或街道办事处",
               BodyKind.DEPARTMENT: "政府工作部门"}


class RulesFromBodyWithoutPower(Rule):
    """检查内容
    表二“规章”一行填写了大于 0 的数字（2021 年格式：本年制发、本年废止、现行有效件数；2019 年试行格式：本年新制作、
    本年新公开、对外公开总数量），而报告机关按名称判断不具有规章制定权：县（区、旗）人民政府、乡镇人民政府、街道
    办事处，或地方政府工作部门。国务院部门可以制定部门规章，名称以参数 ``central_prefixes`` 中的词开头的机关
    （如“国家”“中华人民共和国”）不检查。只提示核实，级别为警告。

    为什么
    依《立法法》，规章由国务院部门和省、自治区、直辖市及设区的市、自治州人民政府制定。县乡政府和地方政府部门的报告
    中出现规章，可能是把行政规范性文件误计为规章，或沿用了上级政府报告中的数字。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        规章	2	0	2

    符合的示例
        规章	0	0	0
        行政规范性文件	2	0	2
    """

    code = "A202"
    name = "rules-from-body-without-power"
    summary = "无规章制定权的机关在表二填写了规章数量"
    problem = "无规章制定权的机关在表二填写了规章数量"
    category = "table-arithmetic"
    severity = Severity.WARNING
    parameters: ClassVar[Mapping[str, Any]] = {"central_prefixes": ["中华人民共和国", "国家", "国务院", "中国"]}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "central_prefixes": "名称以这些词开头的机关视为国务院部门等有规章制定权的中央机关，不报告",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(2)
        if table is None or not report.organization:
            return
        kind = classify_body(report.organization)
        if kind not in CANNOT_MAKE_RULES and kind is not BodyKind.DEPARTMENT:
            return
        name = re.sub(r"\s+", "", report.organization)
        if kind is BodyKind.DEPARTMENT and name.startswith(tuple(params.get("central_prefixes", ()))):
            return  # 国务院部门 make 部门规章
        cells = [c for c in table.cells.values() if c.id.startswith("t2.rules.")]
        positive = [c for c in cells if c.value is not None and c.value > 0]
        if not positive:
            return
        listed = "，".join(f"{short_column(c.column)} {fmt(c.value)}" for c in positive)
        yield Finding(
            self.code, self.category,
            f"报告机关“{report.organization}”为{_KIND_NAMES[kind]}，不具有规章制定权，表二“规章”一行却填写了数量"
            f"（{listed}）；请核实是否把行政规范性文件计为规章",
            span=cover(positive), table=2, cells=tuple(c.id for c in positive),
            evidence={"organization": report.organization, "body_kind": kind.value,
                      "values": {c.id: c.value for c in positive}},
            key=f"rules:{kind.value}",
        )
