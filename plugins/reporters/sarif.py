"""SARIF 2.1.0 (``--format sarif``): for GitHub code scanning and other tools that read static-analysis logs.

One run.  ``tool.driver.rules`` describes every rule that ran (help text from the rule docstring); each result
carries the stable rule code as ``ruleId``, the level, the message, the file (``uriBaseId`` ``%SRCROOT%`` for
paths relative to the working directory) with a line/column region when the finding has one, the PDF page as a
logical location, and our fingerprint in ``partialFingerprints``.  Findings hidden by a review file are listed
with a ``suppressions`` entry and its reason; files that could not be read and run-level errors are tool
execution notifications of the one invocation, whose exit code is the command's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import FileResult, Finding, RelatedLocation
from xxgk_lint.core.reporting import RunResult
from xxgk_lint.core.ruledocs import docstring_markdown, docstring_parts
from xxgk_lint.core.rules import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "xxgkFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, Any]:
    """A file as SARIF wants it: a relative URI against ``%SRCROOT%``, or an absolute ``file:`` URI."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    parts = docstring_parts(rule)
    what = parts.get("检查内容") or rule.summary
    text = "\n\n".join(f"{title}\n{body}" for title, body in parts.items()) or rule.summary
    markdown = "\n".join(docstring_markdown(rule, "####")).strip() or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _location(file: FileResult, f: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file.path)}
    if f.line is not None:
        region: dict[str, Any] = {"startLine": f.line}
        if f.column is not None:
            region["startColumn"] = f.column
        if f.end_line is not None and f.end_line >= f.line:
            region["endLine"] = f.end_line
            if f.end_column is not None and f.column is not None and (
                    f.end_line > f.line or f.end_column > f.column):
                region["endColumn"] = f.end_column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    if f.page is not None:
        logical.append({"name": f"第{f.page}页", "fullyQualifiedName": f"{file.path}#page={f.page}",
                        "kind": "page"})
    if f.section is not None:
        logical.append({"name": f"第{f.section}部分", "kind": "section"})
    if logical:
        location["logicalLocations"] = logical
    return location


def _related(index: int, r: RelatedLocation) -> dict[str, Any]:
    """The other report a cross-year or hierarchy finding compares with, its value as the message."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(r.path)}
    if r.line is not None:
        physical["region"] = {"startLine": r.line, **({"startColumn": r.column} if r.column else {})}
    return {"id": index, "physicalLocation": physical, "message": {"text": r.message}}


def _result(file: FileResult, f: Finding, index: dict[str, int], reason: str | None = None) -> dict[str, Any]:
    severity = f.severity.value if f.severity else "warning"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[severity],
        "message": {"text": f.message},
        "locations": [_location(file, f)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"severity": severity, "category": f.category, "section": f.section, "table": f.table,
                       "cells": list(f.cells), "page": f.page},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.related:
        result["relatedLocations"] = [_related(i, r) for i, r in enumerate(f.related, start=1)]
    if reason is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": reason}]
    return result


def sarif_document(result: RunResult) -> dict[str, Any]:
    from xxgk_lint import __version__

    rules = {code: _rule_descriptor(rule) for code, rule in result.rules.items()}
    for file in result.files:  # findings of rules not recorded (results built by hand) still get a descriptor
        for f in [*file.findings, *(w for w, _ in file.waived)]:
            if f.rule not in rules:
                level = LEVELS[f.severity.value if f.severity else "warning"]
                rules[f.rule] = {"id": f.rule, "shortDescription": {"text": f.rule},
                                 "defaultConfiguration": {"level": level}, "properties": {"category": f.category}}
    ordered = sorted(rules)
    index = {code: i for i, code in enumerate(ordered)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for file in result.files:
        artifact: dict[str, Any] = {"location": artifact_location(file.path)}
        if file.format:
            artifact["properties"] = {"format": file.format}
        artifacts.append(artifact)
        results += [_result(file, f, index) for f in file.findings]
        results += [_result(file, f, index, reason) for f, reason in file.waived]
        for error in file.errors:
            notifications.append({
                "level": "error",
                "message": {"text": f"{file.path}: {error.message}"},
                "descriptor": {"id": f"file/{error.code}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path)}}],
            })
    for error in result.errors:
        notifications.append({"level": "error", "message": {"text": f"{error.source}: {error.message}"},
                              "descriptor": {"id": "run/plugin"}})
    invocation: dict[str, Any] = {
        "executionSuccessful": result.exit_code != 2,
        "exitCode": result.exit_code,
        "toolExecutionNotifications": notifications,
        "properties": {"failOn": result.fail_on.value},
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "xxgk-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rules[code] for code in ordered],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"description": {"text": "运行 xxgk 时的工作目录"}}},
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


class SarifReporter:
    name = "sarif"
    description = "SARIF 2.1.0（GitHub 代码扫描等工具读取）"
    needs_reports = False  # only each report's metadata: a parallel run need not keep texts and tables

    def render(self, result: RunResult, stream: IO[str]) -> None:
        json.dump(sarif_document(result), stream, ensure_ascii=False, indent=2)
        stream.write("\n")


@hookimpl
def xxgk_reporters() -> list[SarifReporter]:
    return [SarifReporter()]
