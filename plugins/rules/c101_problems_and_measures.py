from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, SectionKind, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import is_blank, is_nil, last_section, section_body

_CLAUSE = re.compile(r"[^，,。；;：:！!？?\n]+")

#: Words that describe a shortcoming.  Generous on purpose: a clause with one of them is read as a problem.
_PROBLEM = re.compile(
    r"问题|不足|短板|弱项|有待|欠缺|不够|不到位|不尽|不强|不高|不深|不细|不精准|不规范|不完善|不及时|不充分|不全面"
    r"|不平衡|不均衡|不明显|不统一|较弱|较低|较少|偏少|偏弱|偏低|单一|滞后|薄弱|差距|缺乏|缺少|难以|亟待|亟需"
    r"|仍需|还需|尚需|需要?进一步|需要?加强|需要?提[高升]|需要?完善|需要?增强|仍有|松懈|不能|未能|尚未|还未|存在"
)
#: "未发现问题", "不存在……问题": a problem word that says there is none.
_NO_PROBLEM = re.compile(
    r"(?:未|没有)(?:发现|出现|发生)[^，。；]{0,10}问题|不存在[^，。；]{0,10}问题|无明显问题|没有问题"
)
#: What an improvement measure does.
_ACTION = re.compile(
    r"加强|强化|推进|推动|提升|提高|完善|健全|建立|优化|丰富|拓宽|拓展|扩大|加大|深化|落实|规范|开展|组织|培训|学习"
    r"|整改|改进|解决|确保|做好|抓好|配强|配齐|充实|畅通|创新|探索|细化|压实|督促|增强|加快|夯实|补齐|着力|聚焦"
    r"|注重|定期|建设|更新|回应|引导|指导|严格|严把|坚持|持续|继续|不断|切实|全面|进一步|措施|采取|改善|弥补|克服"
    r"|纠正|调整|增加|扩充|下功夫|发力|争取|保证|实现|打造|构建|搭建|推广|运用|利用|借助|发挥"
)
#: Words that make a clause forward-looking even when it names the problem it addresses ("着力解决……不及时的问题").
_FORWARD = re.compile(
    r"下一步|下阶段|下一阶段|今后|明年|(?<!能)(?<!未)将|计划|拟|着力|针对|解决|努力|力争|加以改进|如下"
)
#: Sub-headings that announce the measures part.
_MEASURE_HEADING = re.compile(
    r"改进(?:情况|措施|方向|举措)|整改(?:情况|措施)|下一步(?:工作)?(?:打算|计划|安排)?|工作(?:打算|计划)"
)


def _is_problem(clause: str) -> bool:
    return bool(_PROBLEM.search(clause)) and not _NO_PROBLEM.search(clause)


def _is_measure(clause: str) -> bool:
    if not _ACTION.search(clause):
        return False
    return not _PROBLEM.search(clause) or bool(_FORWARD.search(clause))


class ProblemsAndMeasures(Rule):
    """检查内容
    第五部分“存在的主要问题及改进情况”应当既写存在的问题，又写改进措施（或改进情况）。本规则逐句（以逗号、句号、
    分号、冒号分句）判断：含“问题、不足、有待、欠缺、不够、单一、薄弱……”的句子是问题；含“加强、完善、提升、
    推进、落实……”而不是在描述问题（或带有“下一步、将、针对、着力、解决”等）的句子是改进措施；
    “（二）改进措施”“整改措施”等小标题也算写了措施。

    - 只写问题、没有任何改进措施：错误。
    - 只写措施、没有写存在的问题（或只说“未发现问题”）：警告。
    - 两者都识别不到：警告，请人工核对。
    - 第五部分没有内容或只写“无”由 C102 报告。

    为什么
    《政府信息公开条例》第五十条要求报告“存在的主要问题及改进情况”，两者缺一即内容不全；只列问题不写怎么改，
    或只写打算不写问题，正是国办公开办函〔2021〕30号所说的“内容不准确不全面”“敷衍塞责”。

    不符合的示例
        五、存在的主要问题及改进情况
        目前存在的主要问题：一是学习宣传的力度还不够。二是相应设施设备还不够完善。

    符合的示例
        五、存在的主要问题及改进情况
        一是政策解读形式较为单一。针对上述问题，2024 年将丰富解读形式，推出图解、视频解读。
    """

    code = "C101"
    name = "problems-and-measures"
    summary = "第五部分只写问题不写改进措施（或只写措施不写问题）"
    problem = "第五部分只写了问题没写改进措施（或只写了措施没写问题）"
    category = "content"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        five = last_section(report, SectionKind.PROBLEMS)
        if five is None:
            return  # S101 reports the missing section
        body = section_body(report, five)
        text = report.folded[body.start:body.end]
        if is_blank(text) or is_nil(text):
            return  # C102
        clauses = [m.group() for m in _CLAUSE.finditer(text)]
        problems = any(_is_problem(c) for c in clauses)
        measures = bool(_MEASURE_HEADING.search(text)) or any(_is_measure(c) for c in clauses)
        if problems and measures:
            return
        quoted = report.text[body.start:body.end].split("\n", 1)[0][:40]
        where = Span(body.start, body.end)
        if problems:
            yield Finding(
                self.code, self.category,
                f"第五部分只列出了存在的问题（“{quoted}……”），没有写改进措施或改进情况",
                span=where, section=five.number, evidence={"text": quoted}, key="no-measures",
            )
        elif measures:
            yield Finding(
                self.code, self.category,
                f"第五部分只写了改进措施（“{quoted}……”），没有写明存在的主要问题",
                severity=Severity.WARNING, span=where, section=five.number, evidence={"text": quoted},
                key="no-problems",
            )
        elif _NO_PROBLEM.search(text):
            yield Finding(
                self.code, self.category,
                f"第五部分称未发现问题（“{quoted}……”），没有写明存在的主要问题和改进情况",
                severity=Severity.WARNING, span=where, section=five.number, evidence={"text": quoted},
                key="no-problems-claimed",
            )
        else:
            yield Finding(
                self.code, self.category,
                f"第五部分（“{quoted}……”）既未识别到存在的问题，也未识别到改进措施，请核对内容是否切题",
                severity=Severity.WARNING, span=where, section=five.number, evidence={"text": quoted},
                key="neither",
            )
