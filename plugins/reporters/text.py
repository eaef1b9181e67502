"""Human output: one finding a line, ``path:line:col: CODE [severity] message``, grouped by file."""

from __future__ import annotations

from typing import IO

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.reporting import RunResult

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


class TextReporter:
    name = "text"
    description = "逐行列出问题，按文件分组（默认）"

    def render(self, result: RunResult, stream: IO[str]) -> None:
        for file in result.files:
            for error in file.errors:
                stream.write(f"{file.path}: 无法检查 [{error.code}] {error.message}\n")
            for f in file.findings:
                if f.line is not None:
                    where = f"{f.line}:{f.column}"
                else:
                    where = f"第{f.page}页" if f.page is not None else "-:-"
                severity = f.severity.value if f.severity else "?"
                stream.write(f"{file.path}:{where}: {f.rule} [{severity}] {f.message}\n")
            for stale in file.stale_waivers:
                stream.write(f"{file.path}: 过期的豁免 {stale['fingerprint']}（{stale['rule']}）不再对应任何问题，"
                             "可从审核记录中删除\n")
            if file.waived or file.baselined:
                stream.write(f"{file.path}: 已豁免 {len(file.waived)} 条，基线隐藏 {file.baselined} 条\n")
            if file.findings or file.errors or file.stale_waivers or file.waived or file.baselined:
                stream.write("\n")
        for error in result.errors:
            stream.write(f"xxgk: {error.source}: {error.message}\n")
        counts = result.counts()
        unreadable = sum(1 for r in result.files if r.errors)
        parts = [f"{_SEVERITY[s]} {counts.get(s, 0)}" for s in ("error", "warning", "info")]
        stream.write(f"共检查 {len(result.files)} 个文件：{'，'.join(parts)}")
        if unreadable:
            stream.write(f"；{unreadable} 个文件无法检查")
        stream.write("\n")


@hookimpl
def xxgk_reporters() -> list[TextReporter]:
    return [TextReporter()]
