from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Table
from xxgk_lint.core.rules import Rule

from ._prose_numbers import (
    NOT_THIS_YEAR,
    Count,
    Sentence,
    counts_in_clauses,
    heading_context,
    other_year,
    quote_start,
    sentences,
)
from ._text_table import Claim, Reading, evaluate, group_ids

_UNITS = frozenset({"件", "宗", "份", "条"})

#: What a number in a clause about disclosure applications counts, by the words before it (the last one wins).
_ROLE_BEFORE = re.compile(
    r"(?P<carried_over>上一?年度?结转|上一?年度?遗留|上一?年度?转入|结转自上一?年度?)"
    r"|(?P<carried_forward>结转(?:至|到)?下一?年度?(?:继续办理)?|转入下一?年度?|顺延(?:至|到)?下一?年度?"
    r"|尚在办理|正在办理|仍在办理)"
    r"|(?P<disclosed>予以公开|同意公开)|(?P<partial>部分公开)|(?P<withheld>不予公开)|(?P<unavailable>无法提供)"
    r"|(?P<not_processed>不予处理)|(?P<other>其他处理)"
    r"|(?P<handled>办结|答复|回复|办理完毕|处理完毕|完成办理)"
    r"|(?P<new>新收|收到|受理|接收|接到|收悉)"
    r"|(?P<processed>办理|处理)"
)
#: The same roles written after the number: "1件结转下年度继续办理", "26件已全部办结".
_ROLE_AFTER = re.compile(
    r"^(?:申请)?[已均为系需将并全部]{0,4}(?:(?P<carried_forward>(?:结转(?:至|到)?|转入|顺延(?:至|到)?)下一?年度?"
    r"(?:继续办理|答复|办理)?)|(?P<carried_over>上一?年度?结转)|(?P<handled>办结|答复))"
)
_JOINED = re.compile(r"(?:并|和|及|与|、|并已|并及时|后)?")
_APPLICANT = re.compile(
    r"(?P<natural>自然人)|(?P<corp>法人或其他组织|法人和其他组织|法人及其他组织|法人)|(?P<commercial>商业企业)"
    r"|(?P<research>科研机构)|(?P<social>社会公益组织|公益组织)|(?P<legal>法律服务机构)"
)
#: Words that make a clause about disclosure applications.
_TOPIC = re.compile(r"依申请|信息公开申请|公开申请|申请公开")
#: Other things that are applied for or received: never compared with table 3.
_OTHER_KIND = re.compile(
    r"复议|诉讼|许可|审批|问政|信访|投诉|举报|咨询|留言|来信|来电|热线|12345|建议|提案|政务服务|办件|网民|诉求|工单"
)
#: Information counted by its disclosure attribute ("制发政府信息313条，其中主动公开128条、依申请公开130条、不予公开
#: 55条"): there 依申请公开 and 不予公开 are classes of information, not applications or their results.
_CLASS_COUNT = r"(?:的)?(?:政府)?(?:信息)?(?:类)?(?:[共计为有]{1,2})?\s*[0-9一二三四五六七八九十两零〇]"
_ATTRIBUTE_CLASS = re.compile(r"依申请公开" + _CLASS_COUNT)
_PROACTIVE_CLASS = re.compile(r"主动公开" + _CLASS_COUNT)
_INCLUDES_CARRIED = re.compile(r"^[(（]?(?:含|包括|其中)[^,;]{0,8}上一?年度?结转")

_ROW_LABEL = {
    "new": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "result.total": "三、本年度办理结果（七）总计", "carried_forward": "四、结转下年度继续办理",
    "result.disclosed": "（一）予以公开", "result.partial": "（二）部分公开", "result.withheld": "（三）不予公开",
    "result.unavailable": "（四）无法提供", "result.not_processed": "（五）不予处理", "result.other": "（六）其他处理",
}
_COLUMN_LABEL = {"total": "总计", "natural": "自然人", "corp": "法人或其他组织", "commercial": "商业企业",
                 "research": "科研机构", "social": "社会公益组织", "legal": "法律服务机构"}
_ROLE_ROW = {"new": "new", "carried_over": "carried_over", "handled": "result.total",
             "carried_forward": "carried_forward", "disclosed": "result.disclosed", "partial": "result.partial",
             "withheld": "result.withheld", "unavailable": "result.unavailable",
             "not_processed": "result.not_processed", "other": "result.other"}
_CORP_COLUMNS = ("commercial", "research", "social", "legal", "other")


@dataclass(frozen=True)
class _Governing:
    """The main count of a sentence ("收到申请75件"): later applicant counts ("自然人72件") break it down."""

    roles: tuple[str, ...]
    explained_by: Reading | None


def _ids(table: Table, row: str, column: str) -> tuple[str, ...]:
    if column == "corp":
        if f"t3.{row}.subtotal" in table.cells:
            return (f"t3.{row}.subtotal",)
        parts = [group_ids(table, row, c) for c in _CORP_COLUMNS]
        return tuple(i for p in parts for i in p) if all(parts) else ()
    return group_ids(table, row, column)


def _reading(table: Table, row: str, column: str) -> Reading:
    return Reading(_ids(table, row, column), f"表三“{_ROW_LABEL[row]}”（{_COLUMN_LABEL[column]}）")


def _sum_reading(table: Table, rows: tuple[str, ...], column: str, label: str) -> Reading:
    ids = [_ids(table, r, column) for r in rows]
    return Reading(tuple(i for part in ids for i in part) if all(ids) else (), label)


def _readings(table: Table, roles: tuple[str, ...], column: str, sentence: Sentence, count: Count
              ) -> tuple[tuple[Reading, ...], tuple[tuple[Reading, str], ...]]:
    """What the wording can mean in table 3, and the slips that would explain another number.

    ``roles`` holds the role of the words nearest the number first; more than one ("收到并答复16件", or 办理,
    which is received or handled) gives several readings, any of which passes."""
    col = _COLUMN_LABEL[column]
    with_carried = _sum_reading(table, ("new", "carried_over"), column, f"表三“本年新收 + 上年结转”（{col}）")
    readings: list[Reading] = []
    for role in roles:
        if role == "processed":
            found = [_reading(table, "new", column), _reading(table, "result.total", column), with_carried]
        elif role == "new" and _INCLUDES_CARRIED.match(sentence.chars[count.end:count.end + 12]):
            found = [with_carried]  # "收到申请75件（含上年结转1件）": the text says what it adds
        else:
            found = [_reading(table, _ROLE_ROW[role], column)]
        readings += [r for r in found if r not in readings]
    explanations: tuple[tuple[Reading, str], ...] = ()
    if len(readings) == 1 and roles == ("new",) and readings[0] is not with_carried:
        explanations = (
            (with_carried, "{value} 等于本年新收与上年结转之和，正文可能把上年结转的申请也算作本年收到"),
            (_reading(table, "result.total", column), "{value} 等于办理结果总计，正文可能把办理数写成了收到数"),
        )
    elif len(readings) == 1 and roles == ("handled",):
        explanations = ((_reading(table, "new", column), "{value} 等于本年新收数，正文可能把收到数写成了办结数"),)
    return tuple(readings), explanations


def _roles(left: str, right: str) -> tuple[tuple[str, ...], int]:
    """The roles the words give a count, nearest first, and how far after it the quote should run (when the
    role is written after the number: "1件结转下年度继续办理")."""
    matches = list(_ROLE_BEFORE.finditer(left))
    if matches:
        found = [matches[-1].lastgroup or ""]
        for before, nearer in zip(reversed(matches[:-1]), reversed(matches[1:]), strict=True):
            if not _JOINED.fullmatch(left[before.end():nearer.start()]):
                break  # only roles joined to the nearest one count ("收到并答复16件")
            if before.lastgroup and before.lastgroup not in found:
                found.append(before.lastgroup)
        return tuple(found), 0
    written_after = _ROLE_AFTER.match(right)
    if written_after is not None and written_after.lastgroup:
        return (written_after.lastgroup,), written_after.end()
    return (), 0


#: The statutory phrase for every applicant ("收到公民、法人和其他组织政府信息公开申请28件"): the total, not a column.
_ALL_APPLICANTS = re.compile(r"公民[、，,]?(?:法人|组织)(?:和|或|及|或者)?其他组织")


def _column(left: str) -> str:
    found = "total"
    for m in _APPLICANT.finditer(_ALL_APPLICANTS.sub(lambda a: "　" * len(a.group()), left)):
        found = m.lastgroup or found
    return found


class ProseApplicationsMatchTable3(Rule):
    """检查内容
    正文中关于政府信息公开申请的数字应与表三一致：收到（新收、受理）申请 N 件对应“一、本年新收”，
    上年结转 N 件对应“二、上年结转”，办结（答复）N 件对应“三、本年度办理结果（七）总计”，
    结转下年度 N 件对应“四、结转下年度继续办理”，予以公开、部分公开、不予公开、无法提供、不予处理、
    其他处理 N 件对应相应结果行（分项之和）；写明申请人类型时（自然人 N 件、法人或其他组织 N 件、
    商业企业 N 件……）对应同一行的相应列。正文中每一处都核对；数字可以是阿拉伯数字或汉字（二十三件、两件）；
    一个数字只与同一分句（以，；。分隔）中的说法对应；只与存在且已填写数字的单元格比较。句子须表明说的是
    政府信息公开申请（依申请公开、信息公开申请），或只说“申请”但位于第三部分或“依申请公开”小标题之下，
    或是紧接在这样的说法之后的分句（“收到申请70件，办结69件”）。

    不核对：明确属于其他年份的数字（2023 年报告中的“2022年收到申请20件”）、同比增减、累计数、约数；
    不是政府信息公开申请的数字（网络问政、信访、行政许可申请、行政复议申请等）。以下情况只作提示（警告）：
    “办理”“处理”既可指收到也可指办结，与几种含义都不符；正文数字恰好等于“本年新收 + 上年结转”或另一行
    （消息中说明可能的原因）；句中写明“全市”“全区”“各部门”等统计范围，可能与只填本机关数据的表格口径不同。

    为什么
    正文和统计表是同一数据的两种表述，审核时逐一对照。二者不一致说明其中之一填错，或正文沿用了上年的文字，
    读者无法判断哪个可信。

    不符合的示例
        （二）依申请公开。全年新收政府信息公开申请 18 件，均在法定期限内答复。
        一、本年新收政府信息公开申请数量	…	16            ← 正文 18 件，表三 16 件

    符合的示例
        （二）依申请公开。全年新收政府信息公开申请 16 件，均在法定期限内答复。
        一、本年新收政府信息公开申请数量	…	16
    """

    code = "X101"
    name = "prose-applications-match-table3"
    summary = "正文中的申请数（收到、结转、办结、各类申请人）与表三一致"
    problem = "正文中的申请数与表三不一致"
    category = "text-table"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(3)
        if table is None:
            return
        for sentence in sentences(report):
            yield from self._sentence(report, table, sentence)

    def _sentence(self, report: Report, table: Table, sentence: Sentence) -> Iterator[Finding]:
        chars = sentence.chars
        if _PROACTIVE_CLASS.search(chars) and _ATTRIBUTE_CLASS.search(chars):
            return  # information listed by disclosure attribute (主动公开 N 条、依申请公开 N 条、不予公开 N 条)
        topic_around = (_TOPIC.search(chars) is not None
                        or (sentence.section is not None and sentence.section.kind is SectionKind.REQUESTS)
                        or _TOPIC.search(heading_context(report, sentence)) is not None)
        governing: _Governing | None = None
        for seen in counts_in_clauses(sentence):
            count, (a, b) = seen.count, seen.clause
            if count.unit not in _UNITS or not count.exact:
                continue
            if _OTHER_KIND.search(chars[a:count.end]):
                governing = None  # a clause about another kind of application: nothing after it inherits
                continue
            if NOT_THIS_YEAR.search(seen.left) or other_year(report, sentence, count.num_start):
                continue
            (roles, after), column = _roles(seen.left, seen.right), _column(seen.left)
            inherited = governing if not roles and column != "total" else None
            if inherited is not None:
                roles = inherited.roles  # "收到申请75件，涉及自然人72件": 72 is received from natural persons
            if not roles:
                continue
            says_application = "申请" in chars[a:min(b, count.end + 3)]
            if not (_TOPIC.search(chars[a:b]) or (says_application and topic_around) or governing is not None):
                continue
            readings, explanations = _readings(table, roles, column, sentence, count)
            if not readings[0].cells:
                continue
            accepted: tuple[Reading, ...] = ()
            if inherited is not None and inherited.explained_by is not None:
                accepted = _rebase(table, inherited.explained_by, column)  # same counting basis as the total
            claim = Claim(sentence, quote_start(chars, seen.left_start, count), count, readings, explanations,
                          accepted, count.end + after)
            finding, matched = evaluate(self.code, self.category, report, claim)
            if finding is not None:
                finding.table = 3
                yield finding
            if column == "total":
                explained = matched if matched is not None and matched is not readings[0] else None
                governing = _Governing(roles, explained)


def _rebase(table: Table, basis: Reading, column: str) -> tuple[Reading, ...]:
    """The reading ``basis`` (a total-column reading) moved to another column."""
    rows = []
    for cell_id in basis.cells:
        row = cell_id[3:].rsplit(".", 1)[0]
        if row not in rows:
            rows.append(row)
    top = []
    for row in rows:
        for key in _ROW_LABEL:
            if row == key or row.startswith(key + "."):
                if key not in top:
                    top.append(key)
                break
    ids = [_ids(table, r, column) for r in top]
    if not all(ids):
        return ()
    return (Reading(tuple(i for part in ids for i in part), basis.label),)
