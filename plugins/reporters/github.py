"""GitHub Actions workflow commands (``--format github``): each finding becomes an annotation on the file.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`` (``warning``/``notice`` for the
other severities).  As GitHub's toolkit does, the message escapes ``%``, ``\\r`` and ``\\n``; property values
also escape ``:`` and ``,``.  Paths are as shown elsewhere (relative to the working directory), so run the
command from the repository root.  Findings without a line (a missing section, a PDF page) annotate the file;
a PDF page is named in the message.  Files that could not be read and run-level errors are ``::error``
lines too; a plain summary line ends the output.
"""

from __future__ import annotations

from typing import IO

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Finding
from xxgk_lint.core.reporting import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def finding_command(path: str, f: Finding) -> str:
    severity = f.severity.value if f.severity else "warning"
    message = f.message if f.line is not None or f.page is None else f"第{f.page}页：{f.message}"
    end_column = f.end_column if f.end_line is not None and f.end_line == f.line else None
    return command(COMMANDS[severity], message, file=path, line=f.line, col=f.column, endLine=f.end_line,
                   endColumn=end_column, title=f.rule)


class GithubReporter:
    name = "github"
    description = "GitHub Actions 工作流命令（在拉取请求的文件上显示注释）"
    needs_reports = False  # only each report's metadata: a parallel run need not keep texts and tables

    def render(self, result: RunResult, stream: IO[str]) -> None:
        for file in result.files:
            for error in file.errors:
                stream.write(command("error", f"无法检查：{error.message}", file=file.path,
                                     title=f"xxgk {error.code}") + "\n")
            for f in file.findings:
                stream.write(finding_command(file.path, f) + "\n")
        for run_error in result.errors:
            stream.write(command("error", f"{run_error.source}: {run_error.message}", title="xxgk") + "\n")
        counts = result.counts()
        parts = "，".join(f"{_SEVERITY[s]} {counts.get(s, 0)}" for s in ("error", "warning", "info"))
        unreadable = sum(1 for r in result.files if r.errors)
        tail = f"；{unreadable} 个文件无法检查" if unreadable else ""
        stream.write(f"xxgk-lint：共检查 {len(result.files)} 个文件：{parts}{tail}\n")


@hookimpl
def xxgk_reporters() -> list[GithubReporter]:
    return [GithubReporter()]
