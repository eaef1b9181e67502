from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Span
from xxgk_lint.core.rules import Rule

from ._yod import (
    BODY_SUFFIX,
    CJK,
    OPENING_YEAR,
    Same,
    compare_bodies,
    is_generic,
    section_opening,
    signoff_name_span,
    skipped_lines,
    title_mentions,
)

#: What the subject of the overview's first sentence does: "2023 年，小董乡人民政府在…／坚持…／认真…".
_VERBS = (r"(?:在|坚持|认真|严格|紧紧|紧扣|全面|深入|以|按照|高度|持续|进一步|不断|聚焦|围绕|始终|积极|扎实|立足|贯彻"
          r"|着力|切实|共|全年|继续|结合|根据|依据|对照|强化|加强|大力|主动|精心|牢固|稳步|统筹|扎扎实实|政府信息公开|政务公开)")
_SUBJECT = re.compile(rf"[ \t]*(?P<name>[{CJK}]{{2,30}}?{BODY_SUFFIX})(?={_VERBS})")
#: "本报告由淮安市人民政府办公室根据…编制": who compiled the report.
_COMPILED_BY = re.compile(rf"(?:本|此)(?:年度)?报告(?:是|系)?由(?P<name>[{CJK}]{{2,30}}?{BODY_SUFFIX})"
                          r"(?=根据|依据|依照|按照|编制|汇总|负责|组织)")


@dataclass(frozen=True)
class _Mention:
    name: str
    span: Span
    where: str  # how the text uses the name, for the message


class IssuerName(Rule):
    """检查内容
    报告在代表自己的位置写了另一个机关的名称：落款机关与标题中的发布机关不是同一机关；第一部分“总体情况”第一句的
    主语（“2023 年，××乡人民政府……”）、“本报告由××编制”、正文中当作本报告的标题（“现将××镇 2023 年政府信息公开
    工作年度报告公布如下”）写的是另一个机关。名称的全称与简称（“圪塔上乡”与“兴县圪塔上乡人民政府”）、机关与其
    办公室（“××市人民政府”与“××市人民政府办公室”编制报告）、同一地名的不同机构称谓（“鲁山县土门办事处”与
    “土门中心”）视为同一机关；只有地名不同（小董乡与大封镇）或政府类型不同（示例县与示例镇）才报告。泛称
    （“我市”“县政府”）不检查；独立成行的报告标题由 S104 报告。

    为什么
    标题、落款和正文中的机关名称不一致，读者无法确定报告由哪个机关发布、所述工作属于哪个机关；多半是套用其他
    机关的报告后没有改净。国办公开办函〔2021〕30号把“内容雷同”“敷衍塞责”列为问责情形。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        一、总体情况
        2023 年，大封镇人民政府在县委、县政府的坚强领导下……
        ……
        武陟县大封镇人民政府

    符合的示例
        圪塔上乡 2021 年政府信息公开工作年度报告
        一、总体情况
        2021 年，圪塔上乡严格按照《条例》……
        ……
        兴县圪塔上乡人民政府
    """

    code = "O101"
    name = "issuer-name"
    summary = "落款、正文代表本机关处写的是另一个机关"
    problem = "落款或正文代表本机关处写的是另一个机关"
    category = "organization"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        issuer = report.title_organization
        if not issuer:
            return
        if report.signoff_organization and compare_bodies(issuer, report.signoff_organization) is Same.DIFFERENT:
            span = signoff_name_span(report)
            yield Finding(
                self.code, self.category,
                f"落款机关“{report.signoff_organization}”与标题中的发布机关“{issuer}”不是同一机关",
                span=span,
                evidence={"text": report.signoff_organization, "title_organization": issuer},
                key=f"signoff:{report.signoff_organization}",
            )
        for mention in self._mentions(report):
            if is_generic(mention.name) or compare_bodies(issuer, mention.name) is not Same.DIFFERENT:
                continue
            yield Finding(
                self.code, self.category,
                f"{mention.where}写的是“{mention.name}”，与标题中的发布机关“{issuer}”不是同一机关，"
                "疑为套用其他机关报告留下的文字",
                span=mention.span, evidence={"text": mention.name, "title_organization": issuer},
                key=f"{mention.where}:{mention.name}",
            )

    @staticmethod
    def _mentions(report: Report) -> Iterator[_Mention]:
        folded = report.folded
        skip = skipped_lines(report)
        for section in report.sections:
            if section.kind is not SectionKind.OVERVIEW:
                continue
            pos = section_opening(report, section.heading_span.end, section.span.end, skip)
            opening = OPENING_YEAR.match(folded, pos) if pos is not None else None
            subject = _SUBJECT.match(folded, opening.end()) if opening else None
            if subject:
                yield _Mention(subject.group("name"), Span(subject.start("name"), subject.end("name")),
                               "“总体情况”第一句的主语")
        for m in _COMPILED_BY.finditer(folded):
            yield _Mention(m.group("name"), Span(m.start("name"), m.end("name")), "“本报告由……编制”中的编制机关")
        for mention in title_mentions(report, skip):
            if mention.framed and mention.body:
                end = mention.span.start + len(mention.body)
                yield _Mention(mention.body, Span(mention.span.start, end), "正文中当作本报告的标题")
