"""Markdown summary in Chinese (``--format markdown``): for a review memo or a CI job summary.

An overview table (one row per file: errors, warnings, notes, verdict against ``--fail-on``), then one section
per file with what was recognised (title, issuing body, year, format) and each finding as a numbered item: the
problem, the rule's message, 位置, 原文 (the original around it) and the evidence as labelled lines
(``core.evidence``).  A file whose tables could not all be read (T110/T111) is never marked 通过: it is
无法完整检查.  Waived and baselined counts and stale waivers are noted per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import IO

from xxgk_lint.core.evidence import detail_lines
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.labels import SEVERITY_LABELS as SEVERITY
from xxgk_lint.core.labels import VERSION_LABELS as VERSIONS
from xxgk_lint.core.labels import human_date, severity_label
from xxgk_lint.core.model import FileResult, Finding
from xxgk_lint.core.reporting import RunResult
from xxgk_lint.core.rules import problem_of

#: rules saying part of the report could not be read: without them passing, a clean result is not a pass
INCOMPLETE_RULES = frozenset({"T110", "T111"})
FORMATS = {"text": "文本", "html": "网页", "docx": "Word 文档", "pdf": "PDF"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def text(value: object) -> str:
    """Running text safe in Markdown: characters that would start markup are escaped."""
    out = str(value).replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def finding_markdown(file: FileResult, f: Finding, result: RunResult, number: int) -> list[str]:
    """One finding as a numbered item: problem, message, location, quoted original and evidence."""
    problem = problem_of(result.rules.get(f.rule)) or f.message
    severity = severity_label(f.severity.value if f.severity else None)
    out = [f"### {number}. {severity} {f.rule} {text(problem)}", ""]
    if f.message != problem:
        out += [text(f.message), ""]
    out += [f"{'  ' * line.indent}- {text(line.label)}：{text(line.value)}".rstrip("：")
            for line in detail_lines(f, file.report)]
    return [*out, ""]


def incomplete(file: FileResult) -> bool:
    return any(f.rule in INCOMPLETE_RULES for f in file.findings)


def _counts(file: FileResult) -> Counter[str]:
    return Counter(f.severity.value for f in file.findings if f.severity)


def _verdict(file: FileResult, result: RunResult) -> str:
    if file.errors:
        return "无法检查"
    threshold = result.fail_on.rank
    failing = any(f.severity and f.severity.rank >= threshold for f in file.findings)
    if failing:
        return "未通过"
    return "无法完整检查" if incomplete(file) else "通过"


class MarkdownReporter:
    name = "markdown"
    description = "中文 Markdown 摘要（审核意见、CI 作业摘要）"

    def render(self, result: RunResult, stream: IO[str]) -> None:
        write = stream.write
        counts = result.counts()
        unreadable = sum(1 for r in result.files if r.errors)
        write("# 政府信息公开工作年度报告检查结果\n\n")
        parts = "，".join(f"{SEVERITY[s]} {counts.get(s, 0)} 条" for s in ("error", "warning", "info"))
        tail = f"；{unreadable} 个文件无法检查" if unreadable else ""
        verdict = {0: "通过", 1: "未通过", 2: "未通过（有文件无法检查或配置、插件错误）"}[result.exit_code]
        partial = sum(1 for r in result.files if _verdict(r, result) == "无法完整检查")
        if result.exit_code == 0 and partial:
            verdict = f"无法完整检查（{partial} 个文件有统计表或内容无法机读，须人工核对）"
        write(f"共检查 {len(result.files)} 个文件：{parts}{tail}。\n\n")
        write(f"结论：**{verdict}**（“{SEVERITY[result.fail_on.value]}”及以上级别的问题视为不通过，"
              f"退出码 {result.exit_code}）。\n\n")
        if result.files:
            write("| 文件 | 报告 | 错误 | 警告 | 提示 | 结论 |\n|---|---|---|---|---|---|\n")
            for file in result.files:
                c = _counts(file)
                title = file.report.title if file.report and file.report.title else "—"
                write(f"| {cell(file.path)} | {cell(title)} | {c.get('error', 0)} | {c.get('warning', 0)} | "
                      f"{c.get('info', 0)} | {_verdict(file, result)} |\n")
            write("\n")
        for file in result.files:
            self._file(file, write, result)
        if result.errors:
            write("## 运行错误\n\n")
            for error in result.errors:
                write(f"- {code(error.source)}：{cell(error.message)}\n")
            write("\n")

    def _file(self, file: FileResult, write: Callable[[str], object], result: RunResult) -> None:
        write(f"## {code(file.path)}\n\n")
        if file.errors:
            for error in file.errors:
                write(f"无法检查：{text(error.message)}\n\n")
            return
        report = file.report
        if report is not None:
            facts = [f"报告标题：{report.title or '未识别'}",
                     f"发布机关：{report.organization or '未识别'}",
                     f"年度：{report.year or '未识别'}",
                     f"格式：{VERSIONS.get(report.format_version.value, report.format_version.value)}"]
            if report.signoff_date:
                facts.append(f"落款日期：{human_date(report.signoff_date)}")
            if file.format:
                facts.append(f"文件类型：{FORMATS.get(file.format, file.format)}")
            write("".join(f"- {cell(fact)}\n" for fact in facts) + "\n")
        c = _counts(file)
        if not file.findings:
            write("未发现问题。\n\n")
        else:
            write(f"发现问题 {len(file.findings)} 条（错误 {c.get('error', 0)}，警告 {c.get('warning', 0)}，"
                  f"提示 {c.get('info', 0)}）：\n\n")
            for number, f in enumerate(file.findings, 1):
                write("\n".join(finding_markdown(file, f, result, number)) + "\n")
        if file.waived or file.baselined:
            write(f"已豁免 {len(file.waived)} 条，基线隐藏 {file.baselined} 条。\n\n")
            for f, reason in file.waived:
                write(f"- 已豁免 {f.rule}（{text(f.message)}）：{text(reason)}\n")
            if file.waived:
                write("\n")
        for stale in file.stale_waivers:
            write(f"- 过期的豁免 {code(stale.get('fingerprint', ''))}（{stale.get('rule', '')}）不再对应任何问题，"
                  "可从审核记录中删除\n")
        if file.stale_waivers:
            write("\n")


@hookimpl
def xxgk_reporters() -> list[MarkdownReporter]:
    return [MarkdownReporter()]
