"""Run results and the JSON contract every output format, the TUI and the Python API share.

``result_to_dict`` is the single definition of the JSON shape; docs/json-output.schema.json describes it and
tests validate real output against it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Protocol

from .model import FileResult, Finding, Severity

if TYPE_CHECKING:
    from .rules import Rule

JSON_VERSION = "1.0"


@dataclass(frozen=True)
class RunError:
    """A problem outside any one file: a plugin that failed, a configuration problem."""

    source: str
    message: str


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    #: the rules that ran on at least one file, by code (installed and declarative): reporters that describe
    #: rules (SARIF, JUnit) read their metadata here; empty when the result was built by hand
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    #: files not linted because the run was stopped (Ctrl-C); what finished is in ``files``
    interrupted: int = 0

    def counts(self) -> Counter[str]:
        return Counter(f.severity.value for r in self.files for f in r.findings if f.severity)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 findings at or above the fail level, 2 unreadable input or configuration problems."""
        if self.errors or any(r.errors for r in self.files):
            return 2
        threshold = self.fail_on.rank
        if any(f.severity and f.severity.rank >= threshold for r in self.files for f in r.findings):
            return 1
        return 0


class Reporter(Protocol):
    name: str
    description: str  # Chinese, for `xxgk check --help`

    def render(self, result: RunResult, stream: IO[str]) -> None: ...


def finding_to_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.value if f.severity else None,
        "message": f.message,
        "section": f.section,
        "table": f.table,
        "cells": list(f.cells),
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "page": f.page,
        "evidence": f.evidence,
        "fingerprint": f.fingerprint,
    }
    if f.related:  # only findings that compare two reports carry the other file's location
        out["related_locations"] = [
            {"path": r.path, "message": r.message, "line": r.line, "column": r.column, "page": r.page,
             "cells": list(r.cells)} for r in f.related]
    return out


def file_to_dict(r: FileResult) -> dict[str, Any]:
    report = r.report
    return {
        "path": r.path,
        "format": r.format,
        "report": None if report is None else {
            "title": report.title,
            "organization": report.organization,
            "year": report.year,
            "format_version": report.format_version.value,
            "signoff_date": report.signoff_date,
            "publication_date": report.publication_date,
        },
        "findings": [finding_to_dict(f) for f in r.findings],
        "errors": [{"code": e.code, "message": e.message} for e in r.errors],
        "suppressed": {
            "waived": [{"fingerprint": f.fingerprint, "rule": f.rule, "message": f.message, "reason": reason}
                       for f, reason in r.waived],
            "baselined": r.baselined,
            "stale_waivers": list(r.stale_waivers),
        },
    }


def result_to_dict(result: RunResult) -> dict[str, Any]:
    counts = result.counts()
    return {
        "version": JSON_VERSION,
        "files": [file_to_dict(r) for r in result.files],
        "errors": [{"source": e.source, "message": e.message} for e in result.errors],
        "summary": {
            "files": len(result.files),
            "files_with_findings": sum(1 for r in result.files if r.findings),
            "files_with_errors": sum(1 for r in result.files if r.errors),
            "findings": sum(counts.values()),
            "by_severity": {s.value: counts.get(s.value, 0) for s in Severity},
            "waived": sum(len(r.waived) for r in result.files),
            "baselined": sum(r.baselined for r in result.files),
            "exit_code": result.exit_code,
        },
    }
