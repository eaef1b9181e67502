from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from xxgk_lint.core.corpus_rules import CorpusRule, related
from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span

from ._prose_units import is_cjk, last_section, section_body
from .c101_problems_and_measures import _CLAUSE, _PROBLEM, _is_measure, _is_problem

#: Words every problem statement uses: they say nothing about which problem it is.
_FILLER = re.compile(
    r"一是|二是|三是|四是|五是|六是|首先|其次|再次|另外|此外|同时|主要|存在|工作|方面|情况|问题|一些|部分|个别|还|仍|"
    r"政府信息公开|信息公开|政务公开|政府|信息|公开|我县|我区|我市|我乡|我镇|我局|我委|本机关|本单位|全县|全区|全市|"
    r"\d+年|年度|本年|上年|今年|去年"
)


def _bigrams(text: str) -> set[str]:
    chars = "".join(ch for ch in _FILLER.sub("", _PROBLEM.sub("", text)) if is_cjk(ch))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
#: A clause opening with a topic marker (“对于问题比较突出的部门，主动帮助整改”) names what a measure is aimed at, not a
#: shortcoming, when a measure follows it in the same sentence; “X有待加强，将…” has no such opening: a problem.
#: The body may come first (“我局针对2022年…存在的…问题，进行了整改”): only with the unambiguous 针对/对于, since
#: “部分单位对…重视不够” is a problem.
_TOPIC = re.compile(r"\s*(?:对于|针对|对|就|围绕|(?:我|本)[\u4e00-\u9fff]{1,3}?(?:针对|对于))")
#: A lead-in before a colon (“存在的问题主要有以下几个方面：”) announces the problems; it is not one of them.
_LEAD_IN = re.compile(r"以下|如下|几个方面|几点")


def _problems(report: Report) -> list[tuple[str, Span, list[set[str]]]]:
    """The problems of a report's 五: each sentence with problem clauses is one problem (its clauses describe
    the same shortcoming), with the content bigrams of each of its problem clauses."""
    five = last_section(report, SectionKind.PROBLEMS)
    if five is None:
        return []
    body = section_body(report, five)
    out = []
    for sentence in _SENTENCE.finditer(report.folded, body.start, body.end):
        clauses = []
        parts = list(_CLAUSE.finditer(sentence.group()))
        for i, m in enumerate(parts):
            clause = m.group().strip()
            grams = _bigrams(clause)
            if not _is_problem(clause) or _is_measure(clause) or len(grams) < 3:  # "存在一些不足" names none
                continue
            if _TOPIC.match(clause) and any(_is_measure(later.group()) for later in parts[i + 1:]):
                continue
            if _LEAD_IN.search(clause) and sentence.group()[m.end():m.end() + 1] in ("：", ":"):
                continue
            clauses.append((m.start(), m.end(), grams))
        if clauses:
            start, end = sentence.start() + clauses[0][0], sentence.start() + clauses[-1][1]
            text = " ".join(report.text[start:end].split())
            out.append((text, Span(start, end), [g for _, _, g in clauses]))
    return out


def _mentioned(clauses: list[set[str]], now: set[str], threshold: float) -> bool:
    return any(len(grams & now) / len(grams) >= threshold for grams in clauses)


class ProblemsNotFollowedUp(CorpusRule):
    """检查内容
    上年报告第五部分列出的每一个问题（按 C101 的方法识别问题句，同一句中的几个问题分句算一个问题），本年报告第五部分
    是否提到：说已解决、已改进，或仍存在而再次列出，都算提到。既没有说明改进情况、也没有再列出的上年问题逐条列出，
    供审核人核对（提示）。判断按问题分句中的实词（去掉“一是、存在、不足、信息公开”等每条问题都有的字词后的二字词）
    在本年第五部分出现的比例，一句中没有一个分句达到 ``min_overlap``（默认 30%）的算未提到。本年第五部分为空时
    由 C102 报告，本规则不作判断。

    为什么
    《政府信息公开条例》第五十条要求报告“存在的主要问题及改进情况”：上年报告的问题，本年应当说明改进了没有。上年
    问题在本年报告中消失得无影无踪，往往是既没有整改也没有交代。文字表述可能换了说法，所以只作提示。

    不符合的示例
        2021 年报告  五、……一是政策解读形式较为单一；二是基层公开标准化水平有待提高。
        2022 年报告  五、……一是依申请公开答复说理不够充分。下一步将组织答复文书评查。   ← 上年两个问题都没有交代

    符合的示例
        2021 年报告  五、……一是政策解读形式较为单一；二是基层公开标准化水平有待提高。
        2022 年报告  五、……针对上年解读形式单一的问题，推出图解 12 期；基层公开标准化已覆盖全部乡镇。
    """

    code = "K202"
    name = "problems-not-followed-up"
    summary = "上年报告第五部分列出的问题，本年报告第五部分应说明改进情况或再次列出"
    problem = "上年报告第五部分列出的问题，本年报告既未说明改进也未再列出"
    severity = Severity.INFO
    parameters: ClassVar[Mapping[str, Any]] = {"min_overlap": 0.3}
    parameter_docs: ClassVar[Mapping[str, str]] = {
        "min_overlap": "上年一个问题分句的实词在本年第五部分出现的比例（0 到 1 之间的小数）达到这个值，"
                       "即算本年提到了该问题",
    }

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        five = last_section(report, SectionKind.PROBLEMS)
        if five is None:
            return
        body = section_body(report, five)
        now = _bigrams(report.folded[body.start:body.end])
        if len(now) < 3:
            return  # 五 empty or "无": C102
        threshold = float(params.get("min_overlap", 0.3))
        missing = [(text, span) for text, span, clauses in _problems(previous)
                   if not _mentioned(clauses, now, threshold)]
        if not missing:
            return
        listed = "；".join(f"“{text}”" for text, _ in missing)
        message = (f"上年报告第五部分列出的问题中，有 {len(missing)} 条在本年第五部分既未说明改进情况，"
                   f"也未再列出：{listed}；请说明这些问题的改进情况")
        yield Finding(
            self.code, self.category, message, span=Span(five.heading_span.start, five.heading_span.end),
            section=five.number,
            evidence={"previous_path": previous.path, "previous_year": previous.year,
                      "problems": [text for text, _ in missing]},
            key="problems",
            related=tuple(related(previous, span, f"上年报告第五部分“{text}”") for text, span in missing),
        )
