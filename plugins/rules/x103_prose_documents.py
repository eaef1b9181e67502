from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Table
from xxgk_lint.core.rules import Rule

from ._prose_numbers import NOT_THIS_YEAR, Sentence, counts_in_clauses, other_year, quote_start, sentences
from ._text_table import Claim, Reading, evaluate

_UNITS = frozenset({"件", "个", "份", "部"})

_DOC = re.compile(r"(?P<normative>(?:行政)?规范性文件)|(?P<rules>(?<!部门)(?<!地方)规章(?!制度))")
_DOC_ROLE = re.compile(r"(?P<in_force>现行有效)|(?P<repealed>废止|宣布失效)|(?P<issued>制发|印发|出台|制定|新制作)")
#: The document type written right after the number: "制发3件规范性文件".
_DOC_AFTER = re.compile(r"^(?:的)?(?:(?P<normative>(?:行政)?规范性文件)|(?P<rules>规章(?!制度)))")
#: A clause that only says the action ("废止5件"): the document type is the one named just before.
_BARE_ROLE = re.compile(r"^(?:其中|另|共|已|并|依法|全年|本年度?|予以|累计)*"
                        r"(?:现行有效|废止|宣布失效|制发|印发|出台|制定)了?共?$")
#: Plans are not this year's figures.
_PLANNED = re.compile(r"拟|计划|将")

_DOC_LABEL = {"normative": "行政规范性文件", "rules": "规章"}
_ROLE_LABEL = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
#: Column of each role in the 2021 and 2019 layouts (the 2019 trial format only has 本年新制作数量 to compare).
_COLUMN = {"2021": {"issued": "issued", "repealed": "repealed", "in_force": "in_force"},
           "2019": {"issued": "made"}}


def _last(pattern: re.Pattern[str], text: str) -> str | None:
    found = None
    for m in pattern.finditer(text):
        found = m.lastgroup
    return found


def _reading(table: Table, doc: str, role: str) -> Reading:
    column = _COLUMN.get(table.layout, {}).get(role)
    cell_id = f"t2.{doc}.{column}"
    label = f"表二“{_DOC_LABEL[doc]}”（{_ROLE_LABEL[role]}）"
    return Reading((cell_id,) if column and cell_id in table.cells else (), label)


class ProseDocumentsMatchTable2(Rule):
    """检查内容
    正文中关于本机关规范性文件、规章的数字应与表二一致：制发（印发、出台、制定）行政规范性文件 N 件对应“本年制发件数”，
    废止 N 件对应“本年废止件数”，现行有效 N 件对应“现行有效件数”；规章同理。必须同时写明文件类型和动作
    （“废止5件”紧接在提到规范性文件的分句之后时也算）。“公开”“发布”“清理”不是制发或废止，不核对。正文中每一处
    都核对，一个数字只与同一分句（以，；。分隔）中的说法对应，只与存在且已填写数字的单元格比较。

    默认级别为警告：正文有时统计全市（全区）各部门的文件，而表二只填本机关的，口径不同时数字自然不同。
    明确属于其他年份、计划中（拟、将）的数字和同比增减不核对。

    为什么
    表二是主动公开情况的核心数据，正文另写一套数字而二者不一致，读者无法判断哪个可信；常见原因是表格或正文
    沿用了上年的数字。

    不符合的示例
        全年制发行政规范性文件6件，废止1件，现行有效37件。
        行政规范性文件	4	1	37                  ← 正文制发 6 件，表二 4 件

    符合的示例
        全年制发行政规范性文件4件，废止1件，现行有效37件。
        行政规范性文件	4	1	37
    """

    code = "X103"
    name = "prose-documents-match-table2"
    summary = "正文中制发、废止、现行有效的规范性文件（规章）数与表二一致"
    problem = "正文中的规范性文件（规章）数与表二不一致"
    category = "text-table"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(2)
        if table is None:
            return
        for sentence in sentences(report):
            yield from self._sentence(report, table, sentence)

    def _sentence(self, report: Report, table: Table, sentence: Sentence) -> Iterator[Finding]:
        chars = sentence.chars
        doc_before: str | None = None  # the document type named earlier in the sentence ("清理规范性文件…，废止5件")
        for seen in counts_in_clauses(sentence):
            count, left = seen.count, seen.left
            doc = _last(_DOC, left)
            after = _DOC_AFTER.match(seen.right)
            if doc is None and after is not None:
                doc = after.lastgroup
            role = _last(_DOC_ROLE, left)
            mentioned = doc or (doc_before if _BARE_ROLE.match(left) else None)
            if doc is not None:
                doc_before = doc
            if count.unit not in _UNITS or not count.exact or role is None or mentioned is None:
                continue
            if NOT_THIS_YEAR.search(left) or _PLANNED.search(left) or other_year(report, sentence, count.num_start):
                continue
            reading = _reading(table, mentioned, role)
            if not reading.cells:
                continue
            end = count.end + (after.end() if after is not None else 0)
            claim = Claim(sentence, quote_start(chars, seen.left_start, count), count, (reading,), quote_end=end)
            finding, _ = evaluate(self.code, self.category, report, claim)
            if finding is not None:
                finding.table = 2
                yield finding
