"""Markdown summary in Chinese (``--format markdown``): for a review memo or a CI job summary.

An overview table (one row per file: errors, warnings, notes, verdict against ``--fail-on``), then one section
per file with what was recognised (title, issuing body, year, format) and its findings as a table (location,
rule, severity, section, message).  Waived and baselined counts and stale waivers are noted per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import IO

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import FileResult, Finding
from xxgk_lint.core.reporting import RunResult

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
VERSIONS = {"2021": "2021 年版", "2019": "2019 年版", "legacy": "旧版格式", "unknown": "未识别"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return (str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def where(f: Finding) -> str:
    if f.line is not None:
        return f"第 {f.line} 行第 {f.column} 列" if f.column is not None else f"第 {f.line} 行"
    if f.page is not None:
        return f"第 {f.page} 页"
    return "全文"


def _counts(file: FileResult) -> Counter[str]:
    return Counter(f.severity.value for f in file.findings if f.severity)


def _verdict(file: FileResult, result: RunResult) -> str:
    if file.errors:
        return "无法检查"
    threshold = result.fail_on.rank
    failing = any(f.severity and f.severity.rank >= threshold for f in file.findings)
    return "未通过" if failing else "通过"


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
            self._file(file, write)
        if result.errors:
            write("## 运行错误\n\n")
            for error in result.errors:
                write(f"- {code(error.source)}：{cell(error.message)}\n")
            write("\n")

    def _file(self, file: FileResult, write: Callable[[str], object]) -> None:
        write(f"## {code(file.path)}\n\n")
        if file.errors:
            for error in file.errors:
                write(f"无法检查（{error.code}）：{cell(error.message)}\n\n")
            return
        report = file.report
        if report is not None:
            facts = [f"报告标题：{report.title or '未识别'}",
                     f"发布机关：{report.organization or '未识别'}",
                     f"年度：{report.year or '未识别'}",
                     f"格式：{VERSIONS.get(report.format_version.value, report.format_version.value)}"]
            if report.signoff_date:
                facts.append(f"落款日期：{report.signoff_date}")
            if file.format:
                facts.append(f"文件类型：{file.format}")
            write("".join(f"- {cell(fact)}\n" for fact in facts) + "\n")
        c = _counts(file)
        if not file.findings:
            write("未发现问题。\n\n")
        else:
            write(f"发现问题 {len(file.findings)} 条（错误 {c.get('error', 0)}，警告 {c.get('warning', 0)}，"
                  f"提示 {c.get('info', 0)}）：\n\n")
            write("| 位置 | 规则 | 级别 | 部分 | 问题 |\n|---|---|---|---|---|\n")
            for f in file.findings:
                severity = SEVERITY.get(f.severity.value, f.severity.value) if f.severity else "—"
                write(f"| {where(f)} | {f.rule} | {severity} | {cell(f.section or '—')} | {cell(f.message)} |\n")
            write("\n")
        if file.waived or file.baselined:
            write(f"已豁免 {len(file.waived)} 条，基线隐藏 {file.baselined} 条。\n\n")
            for f, reason in file.waived:
                write(f"- 已豁免 {f.rule}（{cell(f.message)}）：{cell(reason)}\n")
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
