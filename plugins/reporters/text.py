"""Human output, grouped by file: a header line per finding, then the details a reviewer needs, indented.

The header stays ``path:line:col: 级别 CODE 问题`` so editors and terminals still jump to it; on a line so long that
a column number means nothing (a web page exported as one line) it is ``path:line:``, and the quoted original
below it says where.  Underneath: the rule's message, 位置 (page, line, part, table cells by their labels),
原文 (the original around the finding, the finding in 【】) and the evidence as labelled Chinese lines.
A file without findings still gets a line: ``合格：未发现问题``.
"""

from __future__ import annotations

from typing import IO

from xxgk_lint.core.evidence import detail_lines, long_line
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.labels import SEVERITY_LABELS, severity_label
from xxgk_lint.core.model import FileResult, Finding
from xxgk_lint.core.reporting import RunResult
from xxgk_lint.core.rules import problem_of

INDENT = "    "


def header(file: FileResult, f: Finding) -> str:
    if f.line is not None:
        where = f"{f.line}:" if long_line(f, file.report) or f.column is None else f"{f.line}:{f.column}:"
    else:
        where = f"第{f.page}页:" if f.page is not None else ""
    return f"{file.path}:{where} "


def finding_block(file: FileResult, f: Finding, result: RunResult) -> list[str]:
    """The lines of one finding: header, message, location, quote, evidence."""
    problem = problem_of(result.rules.get(f.rule)) or f.message  # a hand-built result knows no rules
    severity = severity_label(f.severity.value if f.severity else None)
    lines = [f"{header(file, f)}{severity} {f.rule} {problem}"]
    if f.message != problem:
        lines.append(f"{INDENT}{f.message}")
    for line in detail_lines(f, file.report):
        lines.append(f"{INDENT}{'  ' * line.indent}{line.label}：{line.value}")
    return lines


class TextReporter:
    name = "text"
    description = "逐条列出问题及原文、位置和计算，按文件分组（默认）"

    def render(self, result: RunResult, stream: IO[str]) -> None:
        for file in result.files:
            for error in file.errors:
                stream.write(f"{file.path}: 无法检查：{error.message}\n")
            for f in file.findings:
                stream.write("\n".join(finding_block(file, f, result)) + "\n")
            for stale in file.stale_waivers:
                stream.write(f"{file.path}: 过期的豁免 {stale['fingerprint']}（{stale['rule']}）不再对应任何问题，"
                             "可从审核记录中删除\n")
            if file.waived or file.baselined:
                stream.write(f"{file.path}: 已豁免 {len(file.waived)} 条，基线隐藏 {file.baselined} 条\n")
            if not file.findings and not file.errors:
                stream.write(f"{file.path}: 合格：未发现问题\n")
            stream.write("\n")
        for error in result.errors:
            stream.write(f"xxgk: {error.source}: {error.message}\n")
        counts = result.counts()
        unreadable = sum(1 for r in result.files if r.errors)
        parts = [f"{SEVERITY_LABELS[s]} {counts.get(s, 0)}" for s in ("error", "warning", "info")]
        stream.write(f"共检查 {len(result.files)} 个文件：{'，'.join(parts)}")
        if unreadable:
            stream.write(f"；{unreadable} 个文件无法检查")
        stream.write("\n")


@hookimpl
def xxgk_reporters() -> list[TextReporter]:
    return [TextReporter()]
