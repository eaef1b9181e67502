"""JUnit XML (``--format junit``) for CI systems that show test reports (GitLab, Jenkins, Azure, …).

One ``<testsuite>`` per checked file (its name is the path); one ``<testcase>`` per rule that ran on the file
(``classname`` the path, ``name`` ``CODE rule-name``).  A rule with findings at or above the ``--fail-on``
level fails: one ``<failure>`` whose ``message`` counts them and whose text lists each finding
(``line:column [severity] message``).  Findings below the level leave the test case passing and are listed in
its ``<system-out>``.  A file that could not be read is a suite with one ``<error>`` test case named
``读取文件``; run-level errors (a broken plugin, a crashing rule) are ``<error>`` test cases in a last suite
named ``xxgk-lint``.  The document validates against the common JUnit XML shape (``testsuites`` →
``testsuite`` → ``testcase`` → ``failure``/``error``/``system-out``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import FileResult, Finding
from xxgk_lint.core.reporting import RunResult

# characters XML 1.0 cannot carry, even escaped
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _where(f: Finding) -> str:
    if f.line is not None:
        return f"{f.line}:{f.column}"
    if f.page is not None:
        return f"第{f.page}页"
    return "-"


def _line(f: Finding) -> str:
    severity = f.severity.value if f.severity else "?"
    return _clean(f"{_where(f)} [{severity}] {f.message}")


class JunitReporter:
    name = "junit"
    description = "JUnit XML（每个文件一个测试套件，每条规则一个测试用例）"
    needs_reports = False  # only each report's metadata: a parallel run need not keep texts and tables

    def render(self, result: RunResult, stream: IO[str]) -> None:
        root = ET.Element("testsuites", name="xxgk-lint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for file in result.files:
            suite = self._file_suite(result, file)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        if result.errors:
            suite = ET.SubElement(root, "testsuite", name="xxgk-lint", tests=str(len(result.errors)), failures="0",
                                  errors=str(len(result.errors)), skipped="0")
            for error in result.errors:
                case = ET.SubElement(suite, "testcase", classname="xxgk-lint", name=_clean(error.source))
                ET.SubElement(case, "error", type="plugin", message=_clean(error.message)).text = _clean(error.message)
            totals["tests"] += len(result.errors)
            totals["errors"] += len(result.errors)
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")

    def _file_suite(self, result: RunResult, file: FileResult) -> ET.Element:
        path = _clean(file.path)
        suite = ET.Element("testsuite", name=path)
        if file.errors:
            case = ET.SubElement(suite, "testcase", classname=path, name="读取文件")
            for error in file.errors:
                ET.SubElement(case, "error", type=error.code, message=_clean(error.message)).text = _clean(
                    error.message)
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "1")
            suite.set("skipped", "0")
            return suite
        by_rule: dict[str, list[Finding]] = {code: [] for code in file.rules}
        for f in file.findings:
            by_rule.setdefault(f.rule, []).append(f)
        threshold = result.fail_on.rank
        failures = 0
        for code in sorted(by_rule):
            findings = by_rule[code]
            rule = result.rules.get(code)
            name = f"{code} {rule.name}" if rule is not None else code
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            failing = [f for f in findings if f.severity is not None and f.severity.rank >= threshold]
            passing = [f for f in findings if f.severity is None or f.severity.rank < threshold]
            if failing:
                failures += 1
                summary = f"{len(failing)} 条问题：{failing[0].message}" if len(failing) > 1 else failing[0].message
                failure = ET.SubElement(case, "failure", type=code, message=_clean(summary))
                failure.text = "\n".join(_line(f) for f in failing)
            if passing:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in passing)
        if file.report is not None:
            props = ET.Element("properties")
            for key, value in (("format", file.format), ("title", file.report.title),
                               ("organization", file.report.organization), ("year", file.report.year),
                               ("format_version", file.report.format_version.value)):
                if value is not None:
                    ET.SubElement(props, "property", name=key, value=_clean(str(value)))
            suite.insert(0, props)
        suite.set("tests", str(len(by_rule)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        return suite


@hookimpl
def xxgk_reporters() -> list[JunitReporter]:
    return [JunitReporter()]
