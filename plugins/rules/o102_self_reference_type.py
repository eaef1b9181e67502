from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk_lint.core.bodies import BodyKind, classify_body, self_type
from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._yod import CJK, context_key, inside, issuer, quoted_spans, skipped_lines

_TOWNSHIP_TYPES = ("乡", "镇", "街道")
#: Characters after a type word that make it part of another word: 乡镇, 乡村, 镇村, 县域, 区县, 县级, 区分…
_NOT_AFTER = {
    "乡": "镇村土亲贤本",
    "镇": "村级域",
    "街道": "办路口",
    "县": "区域级城市",
    "区": "县域级分别划间块位",
}
#: Words ending in 全/本 (健全, 安全, 成本, 基本…): the 全/本 is not a prefix then.
_NOT_BEFORE = {"全": "健完齐安周保成两十", "本": "根基成资版文样剧课账书日副正原范标", "我": "自"}
#: A bare type word naming the issuer's own organs (对镇政府, 增强镇干部): only after these characters.
_BARE_ORGANS = "政府|党委|人大|干部|机关|班子|党政办|辖区|主要领导|领导班子"
_BARE_BEFORE = set("对由在是为和与及的将把经向从以据使让给强化于")


@dataclass(frozen=True)
class _Word:
    kind: str  # the type word written: 乡, 镇, 街道, 县, 区
    prefixes: str  # 我, 全, 本 allowed before it
    bare: bool  # also the bare form before an organ (镇政府)


def _issuer_type(report: Report) -> tuple[str, bool] | None:
    """The issuer's own type word, and whether it is certain.  A bare ``…办事处`` (not ``…街道办事处``) is a
    township-level office like a 街道, but less certainly so."""
    own = self_type(issuer(report))
    if own is not None:
        return own, True
    name = re.sub(r"\s+", "", issuer(report) or "")
    if name.endswith("办事处") and classify_body(name) is BodyKind.TOWNSHIP:
        return "街道", False
    return None


def _wrong_words(own: str, regional: bool) -> list[_Word]:
    """Type words a body of type ``own`` cannot use for itself.  A township may say 我县/我区/我市 (the county or
    city it belongs to), a county 我市; only siblings and levels below are wrong."""
    if own in _TOWNSHIP_TYPES:
        return [_Word(t, "我全本", True) for t in _TOWNSHIP_TYPES if t != own]
    below = [_Word(t, "我本", False) for t in _TOWNSHIP_TYPES]
    if own == "县":
        return below + ([] if regional else [_Word("区", "我本", False)])
    if own == "区":
        return [*below, _Word("县", "我全本", False)]
    if own == "市":
        return [*below, _Word("县", "我本", False), *([] if regional else [_Word("区", "我本", False)])]
    return []


_REGIONAL = re.compile(r"自治区|地区行署|地区行政公署|地委|地区人民政府")

#: A department's own type word, by how its name ends (longest first), and the words of the others.
_DEPARTMENT_ENDINGS = (("委员会", "委"), ("办公室", "办"), ("局", "局"), ("委", "委"), ("办", "办"), ("厅", "厅"))
_DEPARTMENT_TYPES = ("局", "委", "办", "厅")
#: 本办法, 我办理, 本委员会 (the full name is fine for a 委): the character after makes it another word.
_DEPARTMENT_NOT_AFTER = {"办": "法理事结件案公", "委": "托员屈婉", "局": "面限势部长", "厅": "堂"}


def _department_type(name: str | None) -> str | None:
    """局/委/办/厅 for a department named so (示例县发展和改革局 → 局); None for governments and the rest."""
    compact = re.sub(r"\s+", "", name or "")
    if self_type(compact) is not None:
        return None
    for ending, kind in _DEPARTMENT_ENDINGS:
        if compact.endswith(ending):
            return kind
    return None


_SENTENCE_END = "。！？!?；;\n"


def _sentence(report: Report, start: int, end: int, limit: int = 60) -> str:
    """The sentence holding a match, cut to ``limit`` characters around it: what the reviewer looks for."""
    text = report.text
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i != -1]
    right = min(rights, default=len(text))
    sentence = text[left:right].strip()
    if len(sentence) <= limit:
        return sentence
    at = start - left - (len(text[left:right]) - len(text[left:right].lstrip()))
    lo = max(0, min(at - limit // 3, len(sentence) - limit))
    return ("……" if lo else "") + sentence[lo:lo + limit] + ("……" if lo + limit < len(sentence) else "")


class SelfReferenceType(Rule):
    """检查内容
    正文用另一类机关的称谓自称：乡人民政府的报告写“我镇”“全镇”“本镇”，镇写“我乡”“全乡”，街道写“我乡”“我镇”，
    县写“我区”，区写“我县”“全县”，县、区、市写“我乡”“我镇”。乡镇、街道报告中“镇政府”“镇干部”“镇党委”等直接以
    其他类型称呼本机关的写法报告为警告（仅当前面是“对”“由”“增强”等而不是地名时）。上级称谓不算错：乡镇写“我县”
    “全县”“我市”、县写“我市”都指其所属的上级。泛称和合成词不算：“乡镇政府”“城镇”“乡村振兴”“全县乡镇”“镇村”
    “县域”“区县”；《》和引号内的文字、独立成行的报告标题不检查。名称只写到“…办事处”的机关按街道检查，结果为警告；
    机关类型无法从名称判断时不检查。自治区、地区所属县市的“我区”“本区”不检查。部门也一样：局的报告写“我委”
    “本委”“我办”，委员会写“我局”，办公室写“我局”“我委”（“本办法”“办理”“本委员会”等不算）。问题在哪一部分都
    报告，每处一条，并引用所在的句子。

    为什么
    自称与机关类型不符，几乎都是套用其他乡镇或上级、下级机关的报告时没有改净的文字，说明报告内容未经核实，
    读者会怀疑报告所述工作是否属于本机关。国办公开办函〔2021〕30号把“内容雷同”“敷衍塞责”列为问责情形。

    不符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        ……不断规范我镇政府信息公开工作……加强对全镇政务公开工作的指导和推进。

    符合的示例
        武陟县小董乡人民政府 2023 年政府信息公开工作年度报告
        ……不断规范我乡政府信息公开工作……在县委、县政府的领导下，与全县乡镇交流经验。
    """

    code = "O102"
    name = "self-reference-type"
    summary = "正文以其他类型机关的称谓自称（乡写“我镇”等）"
    problem = "正文以其他类型机关的称谓自称"
    category = "organization"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        skip = skipped_lines(report) + quoted_spans(report.folded, quotes=True)
        department = _department_type(issuer(report))
        if department is not None:
            words = [_Word(t, "我本", False) for t in _DEPARTMENT_TYPES if t != department]
            found = [f for w in words for f in self._find(report, w, department, True, skip)]
            yield from sorted(found, key=lambda f: f.span.start if f.span else 0)
            return
        issuer_type = _issuer_type(report)
        if issuer_type is None:
            return
        own, certain = issuer_type
        words = _wrong_words(own, bool(_REGIONAL.search(report.folded)))
        if not words:
            return
        found = [f for w in words for f in self._find(report, w, own, certain, skip)]
        yield from sorted(found, key=lambda f: f.span.start if f.span else 0)

    def _find(self, report: Report, word: _Word, own: str, certain: bool, skip: list[Span]) -> Iterator[Finding]:
        folded = report.folded
        after = _NOT_AFTER.get(word.kind, "") + _DEPARTMENT_NOT_AFTER.get(word.kind, "")
        prefixed = rf"(?P<prefix>[{word.prefixes}]){word.kind}"
        bare = rf"|(?P<bare>{word.kind})(?={_BARE_ORGANS})" if word.bare else ""
        for m in re.finditer(prefixed + bare, folded):
            start, end = m.start(), m.end()
            if inside(start, skip) or (end < len(folded) and folded[end] in after):
                continue
            before = folded[start - 1] if start > 0 else "\n"
            if m.group("prefix") is not None:
                if before in _NOT_BEFORE.get(m.group("prefix"), ""):
                    continue
                severity = None if certain else Severity.WARNING
                how = f"以“{m.group(0)}”自称"
            else:
                if re.match(f"[{CJK}]", before) and before not in _BARE_BEFORE:
                    continue  # a place name before it: 大封镇政府 names another body
                severity = Severity.WARNING
                end += len(_organ(folded, end))
                how = f"以“{report.text[start:end]}”称呼本机关"
            phrase = _sentence(report, start, end)
            yield Finding(
                self.code, self.category,
                f"发布机关为“{issuer(report)}”（{own if certain else '办事处'}），正文却{how}：“{phrase}”，"
                f"疑为套用其他{word.kind}的报告留下的文字",
                severity=severity, span=Span(start, end),
                evidence={"text": report.text[start:end], "context": phrase, "own_type": own,
                          "written_type": word.kind},
                key=f"{word.kind}:{context_key(folded, start, end)}",
            )


def _organ(folded: str, end: int) -> str:
    m = re.match(_BARE_ORGANS, folded[end:end + 4])
    return m.group(0) if m else ""
