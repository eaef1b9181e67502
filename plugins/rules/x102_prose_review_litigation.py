from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Table
from xxgk_lint.core.rules import Rule

from ._prose_numbers import (
    NOT_THIS_YEAR,
    Sentence,
    counts_in_clauses,
    heading_context,
    other_year,
    quote_start,
    sentences,
)
from ._text_table import Claim, Reading, evaluate

_UNITS = frozenset({"件", "起", "宗", "例"})

#: Which block of table 4 a number belongs to, by the words before it (the specific forms first).
_BLOCK = re.compile(
    r"(?P<litigation_after_review>(?:行政)?复议后(?:再)?(?:提起)?(?:行政)?(?:起诉|诉讼)"
    r"|经(?:行政)?复议后?(?:提起)?(?:行政)?(?:起诉|诉讼))"
    r"|(?P<litigation_direct>未经(?:行政)?复议(?:直接)?(?:提起)?(?:行政)?(?:起诉|诉讼)"
    r"|直接(?:提起)?(?:行政)?(?:起诉|诉讼))"
    r"|(?P<review>行政复议|复议申请|复议案件)"
    r"|(?P<litigation>行政诉讼|行政应诉|诉讼案件|提起诉讼)"
)
_RESULT = re.compile(r"(?P<maintain>结果维持|维持)|(?P<correct>结果纠正|纠正|纠错)|(?P<other>其他结果)"
                     r"|(?P<pending>尚未审结|未审结|正在审理|审理中)")
#: "行政复议、行政诉讼各1件", "…均为0件": one number for every block named.
_EACH = re.compile(r"(?:各|均为|均|都为|都是|都)(?:有|为|是)?$")
_TOPIC = re.compile(r"信息公开|依申请|公开申请")

_BLOCK_LABEL = {"review": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉",
                "litigation_after_review": "行政诉讼·复议后起诉", "litigation": "行政诉讼（两类起诉合计）"}
_COLUMN_LABEL = {"maintain": "结果维持", "correct": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                 "total": "总计"}


def _reading(table: Table, block: str, column: str) -> Reading:
    blocks = ("litigation_direct", "litigation_after_review") if block == "litigation" else (block,)
    ids = tuple(f"t4.{b}.{column}" for b in blocks)
    if any(i not in table.cells for i in ids):
        ids = ()
    return Reading(ids, f"表四“{_BLOCK_LABEL[block]}”（{_COLUMN_LABEL[column]}）")


def _last(pattern: re.Pattern[str], text: str) -> str | None:
    found = None
    for m in pattern.finditer(text):
        found = m.lastgroup
    return found


class ProseReviewLitigationMatchTable4(Rule):
    """检查内容
    正文中关于政府信息公开行政复议、行政诉讼的数字应与表四一致：行政复议 N 件（起）对应“行政复议/总计”，行政诉讼 N 件
    对应两类行政诉讼（未经复议直接起诉、复议后起诉）总计之和，写明“直接起诉”“复议后起诉”的对应各自的总计；
    随后写出的结果（其中结果维持 a 件、结果纠正 b 件、其他结果 c 件、尚未审结 d 件）对应同一部分的相应列。
    “行政复议、行政诉讼各 1 件”两项都核对。正文中每一处都核对，一个数字只与同一分句（以，；。分隔）中的说法对应，
    只与存在且已填写数字的单元格比较。

    只核对与政府信息公开有关的句子（句中提到信息公开、依申请公开，或位于第四部分）：部门报告中“全年办理行政复议
    案件 N 件”之类的业务数字不是本表的内容，不核对。明确属于其他年份的数字、同比增减和约数也不核对。
    句中写明“全市”“全区”“各部门”等统计范围时，不一致只作提示（警告）：可能是统计口径不同。

    为什么
    表四与正文是同一数据的两种表述。复议、诉讼数字不一致时，读者无法判断机关是否如实报告了因政府信息公开
    引起的争议，审核时必查。

    不符合的示例
        2023年，因政府信息公开被申请行政复议3件、提起行政诉讼1件。
        行政复议 … 总计 2                ← 正文 3 件，表四 2 件

    符合的示例
        2023年，因政府信息公开被申请行政复议2件、提起行政诉讼1件。
        行政复议 … 总计 2；未经复议直接起诉 … 总计 1；复议后起诉 … 总计 0
    """

    code = "X102"
    name = "prose-review-litigation-match-table4"
    summary = "正文中的行政复议、行政诉讼数与表四一致"
    problem = "正文中的行政复议、行政诉讼数与表四不一致"
    category = "text-table"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        table = report.tables.get(4)
        if table is None:
            return
        for sentence in sentences(report):
            if not self._on_topic(report, sentence):
                continue
            yield from self._sentence(report, table, sentence)

    @staticmethod
    def _on_topic(report: Report, sentence: Sentence) -> bool:
        if _TOPIC.search(sentence.chars):
            return True
        if sentence.section is not None and sentence.section.kind is SectionKind.REVIEW_LITIGATION:
            return True
        return _TOPIC.search(heading_context(report, sentence)) is not None

    def _sentence(self, report: Report, table: Table, sentence: Sentence) -> Iterator[Finding]:
        chars = sentence.chars
        governing: str | None = None  # the block of the last total: its results follow ("其中结果维持72件")
        for seen in counts_in_clauses(sentence):
            count, left = seen.count, seen.left
            if count.unit not in _UNITS or not count.exact:
                continue
            if NOT_THIS_YEAR.search(left) or other_year(report, sentence, count.num_start):
                continue
            blocks = list(dict.fromkeys(m.lastgroup for m in _BLOCK.finditer(left) if m.lastgroup))
            if len(blocks) > 1 and not _EACH.search(left):
                continue  # "行政复议和行政诉讼3件": a sum of two blocks, or unclear
            after = left[max(m.end() for m in _BLOCK.finditer(left)):] if blocks else left
            column = _last(_RESULT, after) or "total"
            if not blocks:
                if column == "total" or governing is None:
                    continue
                blocks = [governing]
            for block in blocks:
                reading = _reading(table, block, column)
                if not reading.cells:
                    continue
                claim = Claim(sentence, quote_start(chars, seen.left_start, count), count, (reading,))
                finding, _ = evaluate(self.code, self.category, report, claim)
                if finding is not None:
                    finding.table = 4
                    yield finding
            if column == "total" and len(blocks) == 1:
                governing = blocks[0]
