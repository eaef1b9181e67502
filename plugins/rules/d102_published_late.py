from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.bodies import BodyKind, classify_body, is_government
from xxgk_lint.core.labels import human_date
from xxgk_lint.core.model import Finding, Report
from xxgk_lint.core.rules import Rule

from ._yod import issuer, plain_date_aside, signoff_date_line

_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})-(?P<d>\d{1,2})")
#: 条例第四十九条: the latest a region may set (regions may be stricter, never looser).
_NATIONAL = {"department": "01-31", "government": "03-31"}
_KIND_NAMES = {"department": "政府部门", "government": "县级以上人民政府", "township": "乡镇人民政府、街道办事处"}


def _deadline(value: object, year: int, parameter: str) -> str | None:
    """``MM-DD`` of the year after the report year as an ISO date; empty means no deadline for that kind."""
    if value in (None, ""):
        return None
    m = _MONTH_DAY.fullmatch(str(value).strip())
    if not m or not (1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31):
        raise ValueError(f"参数 {parameter} 应为“月-日”形式（如 01-31），实际为 {value!r}")
    return f"{year + 1:04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"


#: Department names the 01-31 date certainly applies to (条例 names 人民政府部门); centres, institutes, stations and
#: 管委会 of development zones are organised differently from place to place, so no deadline is assumed for them.
_DEPARTMENT_NAME = re.compile(r"(?:局|厅|委员会|委|办公室|办公厅|办|署)$")
_ZONE = re.compile(r"(?:管委会|管理委员会)$")


def _kind(report: Report) -> str | None:
    name = re.sub(r"\s+", "", issuer(report) or "")
    body = classify_body(name)
    if is_government(body):
        return "government"
    if body is BodyKind.DEPARTMENT and _DEPARTMENT_NAME.search(name) and not _ZONE.search(name):
        return "department"
    if body is BodyKind.TOWNSHIP:
        return "township"
    return None



class PublishedLate(Rule):
    """检查内容
    报告的发布日期（网页注明的“发布时间”“公开日期”）晚于法定期限：县级以上人民政府部门为次年 1 月 31 日，县级
    以上地方人民政府本级报告为次年 3 月 31 日。没有发布日期时，落款日期已晚于期限的同样报告（报告不可能在成文前
    发布）。机关类别按标题中的名称判断（“……局”“……委员会”“……办公室”为部门，“……县人民政府”为本级政府，
    由政府办公室落款的政府报告仍按本级政府）；类别无法确定的（“……管委会”“……实验区”“……中心”等）不检查。
    乡镇、街道没有全国统一期限，参数 ``township_deadline`` 默认为空（不检查），地方规则集可以设定；
    ``department_deadline``（默认 ``01-31``）、``government_deadline``（默认 ``03-31``）可以按地方要求提前，
    设得晚于法定期限或留空时按法定期限检查。

    为什么
    《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年 1 月 31 日前公布本行政机关上一年度的年度报告，
    县级以上地方人民政府应当在每年 3 月 31 日前公布本级政府上一年度的年度报告。国办公开办函〔2021〕30号把
    “不按时发布”列为问责情形。

    不符合的示例
        沭阳县发展和改革局2023年政府信息公开年度报告     （发布时间：2024-02-05）
        ……
        沭阳县发展和改革局
        2024年2月5日

    符合的示例
        沭阳县发展和改革局2023年政府信息公开年度报告     （发布时间：2024-01-17）
        ……
        沭阳县发展和改革局
        2024年1月17日
    """

    code = "D102"
    name = "published-late"
    summary = "发布日期晚于法定期限（部门次年1月31日，本级政府次年3月31日）"
    problem = "发布日期晚于法定期限"
    category = "date"
    parameters: ClassVar[Mapping[str, Any]] = {
        "department_deadline": "01-31",
        "government_deadline": "03-31",
        "township_deadline": "",
    }
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "department_deadline": "政府部门报告的发布期限（次年的月-日）",
        "government_deadline": "县级以上人民政府报告的发布期限（次年的月-日）",
        "township_deadline": "乡镇、街道报告的发布期限（次年的月-日）；为空时不检查",
    }

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        year = report.year
        kind = _kind(report)
        if year is None or kind is None:
            return
        parameter = f"{kind}_deadline"
        deadline = _deadline(params.get(parameter, self.parameters[parameter]), year, parameter)
        if kind in _NATIONAL:
            national = _deadline(_NATIONAL[kind], year, parameter)
            deadline = national if deadline is None or (national and national < deadline) else deadline
        if deadline is None:
            return
        who = f"{issuer(report)}（{_KIND_NAMES[kind]}）"
        if report.publication_date is not None:
            if report.publication_date > deadline:
                yield Finding(
                    self.code, self.category,
                    f"网页注明的发布日期 {human_date(report.publication_date)} 晚于{who}{year} 年度报告的"
                    f"发布期限 {human_date(deadline)}",
                    evidence={"date": report.publication_date, "deadline": deadline, "kind": kind},
                    key="publication",
                )
            return
        date_line = signoff_date_line(report)
        if report.signoff_date is not None and date_line is not None and report.signoff_date > deadline:
            text = report.text[date_line.start:date_line.end].strip()
            yield Finding(
                self.code, self.category,
                f"落款日期“{text}”{plain_date_aside(text, report.signoff_date)}已晚于{who}{year} 年度报告的发布期限"
                f" {human_date(deadline)}，报告不可能按时发布",
                span=date_line,
                evidence={"text": text, "date": report.signoff_date, "deadline": deadline, "kind": kind},
                key="signoff",
            )
