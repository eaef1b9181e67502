"""docs/rules.md is generated from rule metadata and docstrings, so the reference cannot drift from the code.

``xxgk rules --plugin builtin-rules --format markdown > docs/rules.md`` regenerates it (``--plugin`` leaves out
rules of other installed plugins); a test fails when it is stale.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import Any

from .labels import SEVERITY_LABELS as _SEVERITY
from .labels import category_label
from .rules import Rule, problem_of

_LITERAL = re.compile(r"``(.+?)``")


def rules_markdown(rules: Iterable[tuple[str, type[Rule]]]) -> str:
    ordered = sorted(rules, key=lambda item: item[1].code)
    out = [
        "# 规则参考",
        "",
        "本文件由 `xxgk rules --format markdown` 根据规则元数据生成，请勿手工编辑。"
        "单条规则也可用 `xxgk rule 代码` 查看。",
        "",
        "| 代码 | 名称 | 类别 | 默认级别 | 适用格式 | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    for _, rule in ordered:
        versions = "、".join(sorted(v.value for v in rule.versions))
        out.append(f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {category_label(rule.category)} | "
                   f"{_SEVERITY[rule.severity.value]} | {versions} | {rule.summary} |")
    for plugin, rule in ordered:
        out += ["", f"## {rule.code}", "", f"**{rule.summary}** — `{rule.name}`，类别 {category_label(rule.category)}，"
                f"默认级别 {_SEVERITY[rule.severity.value]}，来源插件 `{plugin}`。", "",
                f"发现问题时显示：{problem_of(rule)}", ""]
        if rule.parameters:
            out.append("参数：")
            out.append("")
            for k, v in rule.parameters.items():
                meaning = f"：{rule.parameter_docs[k]}" if k in rule.parameter_docs else ""
                out.append(f"- `{k}`（默认 {plain_value(v)}）{meaning}")
            out.append("")
        out += docstring_markdown(rule)
    return "\n".join(out).rstrip() + "\n"


PARTS = ("检查内容", "为什么", "不符合的示例", "符合的示例")


def docstring_parts(rule: type[Rule]) -> dict[str, str]:
    """The four parts of a rule's docstring by heading (examples keep their lines; prose is joined)."""
    parts: dict[str, str] = {}
    for part in inspect.cleandoc(rule.__doc__ or "").split("\n\n"):
        lines = part.splitlines()
        if lines and lines[0].strip() in PARTS:
            body = lines[1:]
            if lines[0].strip().endswith("示例"):
                parts[lines[0].strip()] = "\n".join(line[4:] if line.startswith("    ") else line for line in body)
            else:
                parts[lines[0].strip()] = "".join(line.strip() for line in body)  # Chinese wraps without spaces
    return parts


def docstring_markdown(rule: type[Rule], level: str = "###") -> list[str]:
    """A rule's docstring as Markdown lines: the four parts as headings, examples as text blocks."""
    out: list[str] = []
    for part in inspect.cleandoc(rule.__doc__ or "").split("\n\n"):
        lines = part.splitlines()
        if lines and lines[0].strip() in PARTS:
            out += [f"{level} {lines[0].strip()}", ""]
            body = lines[1:]
            if lines[0].strip().endswith("示例"):
                out += ["```text", *[line[4:] if line.startswith("    ") else line for line in body], "```"]
            else:
                out += ["".join(line.strip() for line in body)] if body else []  # Chinese wraps without spaces
            out.append("")
        elif part.strip():
            out += [part.strip(), ""]
    return out


def plain_value(value: Any) -> str:
    """A parameter value as a reader writes it: no quotes or brackets."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value or "空（不检查）"
    if isinstance(value, (list, tuple)):
        return "、".join(plain_value(v) for v in value) or "无"
    return str(value)


def rule_line(rule: type[Rule], plugin: str) -> str:
    """One line of ``xxgk rules``: code, category, default level and summary, in Chinese."""
    return (f"{rule.code:<6} {category_label(rule.category)}\t{_SEVERITY[rule.severity.value]}\t{rule.summary}"
            f"  [{plugin}]")


def rule_text(plugin: str, rule: type[Rule]) -> str:
    """``xxgk rule CODE``: the docstring as plain text (no reST literals) with every parameter explained."""
    out = [f"{rule.code} {rule.summary}",
           f"类别：{category_label(rule.category)}　默认级别：{_SEVERITY[rule.severity.value]}　来源插件：{plugin}",
           f"发现问题时显示：{problem_of(rule)}"]
    if rule.parameters:
        out += ["", "参数（可在规则集或 xxgk.toml 的 [rules." + rule.code + "] 中设置）："]
        for key, default in rule.parameters.items():
            meaning = rule.parameter_docs.get(key, "")
            choices = rule.parameter_choices.get(key)
            allowed = f"；可选 {'、'.join(plain_value(c) for c in choices)}" if choices else ""
            out.append(f"  {key}：{meaning or '（未说明）'}（默认 {plain_value(default)}{allowed}）")
    out += ["", _LITERAL.sub(r"\1", inspect.cleandoc(rule.__doc__ or "")), ""]
    return "\n".join(out)
