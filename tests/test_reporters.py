"""Output formats for pre-publication checks: SARIF (validated against the official schema), GitHub workflow
commands, JUnit XML and the Chinese Markdown summary."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from xxgk_lint.core.model import FileError, FileResult, Finding, Severity
from xxgk_lint.core.reporting import RunError, RunResult
from xxgk_lint.plugins.reporters.github import GithubReporter, escape_data, escape_property
from xxgk_lint.plugins.reporters.junit import JunitReporter
from xxgk_lint.plugins.reporters.markdown import MarkdownReporter
from xxgk_lint.plugins.reporters.sarif import SarifReporter

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SARIF_SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SELECT = "S101,B101,A301"  # rules whose findings on sample-defects are documented (docs/json-output.md)


def xxgk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or ROOT, timeout=120)


def sarif_validator() -> jsonschema.Draft4Validator:
    raw = SARIF_SCHEMA_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SARIF_SCHEMA_SHA256, "the vendored SARIF schema was modified"
    schema = json.loads(raw)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_valid_sarif(doc: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.fixture(scope="module")
def runs():
    """The same files through json and sarif: a defective text report, its PDF, a clean one, a missing one."""
    paths = ["tests/data/sample-defects.txt", "tests/data/formats/sample-defects.pdf",
             "tests/data/compliant-2021.txt", "tests/data/does-not-exist.txt"]
    out = {fmt: xxgk("check", *paths, "--select", SELECT, "--format", fmt) for fmt in ("json", "sarif")}
    return {fmt: (o.returncode, json.loads(o.stdout)) for fmt, o in out.items()}


def test_sarif_validates_against_the_official_schema(runs):
    code, doc = runs["sarif"]
    assert code == 2  # the missing file
    assert_valid_sarif(doc)
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-schema-2.1.0.json")


def test_sarif_driver_rules_carry_the_rule_documentation(runs, host):
    _, doc = runs["sarif"]
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "xxgk-lint" and driver["version"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"S101", "B101", "A301"}
    a301 = rules["A301"]
    assert a301["name"] == host.rules["A301"][1].name
    assert a301["shortDescription"]["text"]
    assert "勾稽关系" in a301["fullDescription"]["text"]
    for part in ("检查内容", "为什么", "不符合的示例", "符合的示例"):
        assert part in a301["help"]["text"] and f"#### {part}" in a301["help"]["markdown"]
    assert a301["defaultConfiguration"]["level"] == "error"


def test_sarif_results_match_the_json_findings(runs):
    _, doc = runs["json"]
    _, sarif = runs["sarif"]
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    expected = [(f["rule"], f["fingerprint"], file["path"]) for file in doc["files"] for f in file["findings"]]
    got = [(r["ruleId"], r["partialFingerprints"]["xxgkFingerprint/v1"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]]
    assert got == expected
    for r in run["results"]:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_sarif_regions_for_text_and_pages_for_pdf(runs):
    _, sarif = runs["sarif"]
    results = sarif["runs"][0]["results"]
    (a301,) = [r for r in results if r["ruleId"] == "A301" and r["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"].endswith(".txt")]
    assert a301["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 63, "startColumn": 9, "endLine": 63, "endColumn": 11}
    assert a301["message"]["text"].startswith("表三“自然人”列不平衡")
    pdf = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".pdf")]
    assert pdf
    for r in pdf:
        location = r["locations"][0]
        assert "region" not in location["physicalLocation"]  # no lines in a PDF
        pages = [logical for logical in location["logicalLocations"] if logical["kind"] == "page"]
        assert pages and pages[0]["name"].startswith("第") and pages[0]["name"].endswith("页")


def test_sarif_invocation_reports_exit_code_and_unreadable_files(runs):
    _, sarif = runs["sarif"]
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["exitCode"] == 2 and invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "does-not-exist.txt" in note["message"]["text"]
    assert note["descriptor"]["id"] == "file/not-found"


def test_sarif_clean_run_and_waived_findings_are_suppressions(tmp_path):
    report = tmp_path / "报告 (1).txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    first = json.loads(xxgk("check", str(report), "--select", "A301", "--format", "json").stdout)
    fingerprint = first["files"][0]["findings"][0]["fingerprint"]
    (tmp_path / "报告 (1).txt.xxgk-review.json").write_text(json.dumps({
        "version": 1, "report": "报告 (1).txt",
        "decisions": [{"fingerprint": fingerprint, "decision": "waived", "rule": "A301", "reason": "已核实"}]},
        ensure_ascii=False), encoding="utf-8")
    out = xxgk("check", str(report), "--select", "A301", "--format", "sarif", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert_valid_sarif(doc)
    (result,) = doc["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "已核实"}]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A%20%281%29.txt"  # a URI: percent-encoded
    assert doc["runs"][0]["invocations"][0] == {
        "executionSuccessful": True, "exitCode": 0, "toolExecutionNotifications": [],
        "properties": {"failOn": "error"}}


def _hand_made() -> RunResult:
    """A result built without a run: rule metadata unknown, tricky characters everywhere."""
    findings = [
        Finding("Z901", "content", "第一行\n第二行 100% 完成：a,b", Severity.ERROR, line=3, column=2, end_line=3,
                end_column=5, section="一", fingerprint="0123456789abcdef"),
        Finding("Z902", "fee", "全文问题", Severity.WARNING, fingerprint="fedcba9876543210"),
        Finding("Z903", "year", "第 2 页的问题", Severity.INFO, page=2, fingerprint="00000000000000ff"),
    ]
    files = [FileResult("dir,with:colon/a%b.txt", "text", None, findings, rules=("Z901", "Z902", "Z903", "Z904")),
             FileResult("bad.pdf", None, None, errors=[FileError("encrypted", "PDF 已加密")])]
    return RunResult(files, [RunError("broken-plugin", "插件加载失败：ImportError: x\ny")], Severity.WARNING)


def render(reporter, result: RunResult) -> str:
    stream = io.StringIO()
    reporter.render(result, stream)
    return stream.getvalue()


def test_sarif_of_a_hand_made_result_is_valid():
    doc = json.loads(render(SarifReporter(), _hand_made()))
    assert_valid_sarif(doc)
    assert [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] == ["Z901", "Z902", "Z903"]
    assert [r["level"] for r in doc["runs"][0]["results"]] == ["error", "warning", "note"]
    whole = doc["runs"][0]["results"][1]["locations"][0]
    assert whole == {"physicalLocation": {"artifactLocation": {"uri": "dir%2Cwith%3Acolon/a%25b.txt",
                                                               "uriBaseId": "%SRCROOT%"}}}


def test_github_escaping_as_documented():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"


def test_github_commands_for_a_hand_made_result():
    lines = render(GithubReporter(), _hand_made()).splitlines()
    assert lines[0] == ("::error file=dir%2Cwith%3Acolon/a%25b.txt,line=3,col=2,endLine=3,endColumn=5,"
                        "title=Z901::第一行%0A第二行 100%25 完成：a,b")
    assert lines[1] == "::warning file=dir%2Cwith%3Acolon/a%25b.txt,title=Z902::全文问题"
    assert lines[2] == "::notice file=dir%2Cwith%3Acolon/a%25b.txt,title=Z903::第2页：第 2 页的问题"
    assert lines[3] == "::error file=bad.pdf,title=xxgk encrypted::无法检查：PDF 已加密"
    assert lines[4] == "::error title=xxgk::broken-plugin: 插件加载失败：ImportError: x%0Ay"
    assert lines[5].startswith("xxgk-lint：共检查 2 个文件")
    assert len(lines) == 6


def test_github_format_from_the_command_line():
    out = xxgk("check", "tests/data/sample-defects.txt", "--select", "A301", "--format", "github")
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    assert first.startswith("::error file=tests/data/sample-defects.txt,line=63,col=9,endLine=63,endColumn=11,"
                            "title=A301::表三“自然人”列不平衡")
    assert "\n" not in first and "\r" not in first


def test_junit_parses_one_suite_per_file_one_case_per_rule(runs):
    out = xxgk("check", "tests/data/sample-defects.txt", "tests/data/compliant-2021.txt", "tests/data/nope.txt",
               "--select", SELECT, "--format", "junit")
    assert out.returncode == 2
    root = ET.fromstring(out.stdout)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["tests/data/sample-defects.txt", "tests/data/compliant-2021.txt", "tests/data/nope.txt"]
    defects = suites["tests/data/sample-defects.txt"]
    cases = {c.get("name").split()[0]: c for c in defects.findall("testcase")}
    assert set(cases) == {"S101", "B101", "A301"}
    failure = cases["A301"].find("failure")
    assert failure is not None and failure.get("type") == "A301"
    assert "63:9 [error] 表三“自然人”列不平衡" in failure.text
    assert defects.get("tests") == "3" and int(defects.get("failures")) >= 1
    clean = suites["tests/data/compliant-2021.txt"]
    assert clean.get("failures") == "0" and all(c.find("failure") is None for c in clean.findall("testcase"))
    assert {p.get("name"): p.get("value") for p in clean.find("properties")}["year"] == "2023"
    missing = suites["tests/data/nope.txt"].find("testcase")
    assert missing.get("name") == "读取文件" and missing.find("error").get("type") == "not-found"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())
    assert root.get("errors") == "1"


def test_junit_findings_below_the_fail_level_pass_with_output():
    root = ET.fromstring(render(JunitReporter(), _hand_made()))  # fail level: warning
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"Z901", "Z902", "Z903", "Z904"}
    assert cases["Z901"].find("failure").text == "3:2 [error] 第一行\n第二行 100% 完成：a,b"
    assert cases["Z902"].find("failure") is not None  # warning ≥ warning
    assert cases["Z903"].find("failure") is None
    assert cases["Z903"].find("system-out").text == "第2页 [info] 第 2 页的问题"
    assert cases["Z904"].find("failure") is None and cases["Z904"].find("system-out") is None
    assert suite.get("failures") == "2" and root.get("errors") == "2"  # the unreadable PDF and the plugin


def test_junit_strips_characters_xml_cannot_carry():
    result = _hand_made()
    result.files[0].findings[0].message = "控制字符\x07在此"
    root = ET.fromstring(render(JunitReporter(), result))
    assert "控制字符\ufffd在此" in ET.tostring(root, encoding="unicode")


def test_markdown_summary_in_chinese():
    out = xxgk("check", "tests/data/sample-defects.txt", "tests/data/compliant-2021.txt", "--select", SELECT,
               "--format", "markdown")
    assert out.returncode == 1
    text = out.stdout
    assert text.startswith("# 政府信息公开工作年度报告检查结果\n")
    assert "结论：**未通过**" in text
    assert "| tests/data/sample-defects.txt | 示例镇人民政府 2023 年政府信息公开工作年度报告 |" in text
    clean_row = "| tests/data/compliant-2021.txt | 示例县人民政府 2023 年政府信息公开工作年度报告 | 0 | 0 | 0 | 通过 |"
    assert clean_row in text
    assert "## `tests/data/sample-defects.txt`" in text
    a301 = text[text.index(" 错误 A301 "):]
    assert a301.startswith(" 错误 A301 表三某列收支不平衡：一 + 二 ≠ 三（七）总计 + 四\n\n表三“自然人”列不平衡")
    assert "- 位置：第 63 行第 9 列，第三部分，表三“一、本年新收政府信息公开申请数量”行“自然人”列" in a301
    assert "- 原文：……" in a301 and "【12】" in a301
    assert "  - 表三“（七）总计”行“自然人”列：12" in a301
    assert "未发现问题。" in text


def test_markdown_never_passes_a_report_whose_table_cannot_be_read(shared):
    out = xxgk("check", str(shared / "corpus" / "pingtan-2021.txt"), "--format", "markdown")
    assert out.returncode == 0  # warnings only
    assert "| 无法完整检查 |" in out.stdout and "结论：**无法完整检查" in out.stdout
    assert "| 通过 |" not in out.stdout


def test_markdown_of_a_hand_made_result():
    text = render(MarkdownReporter(), _hand_made())
    assert "### 1. 错误 Z901 第一行 第二行 100% 完成：a,b\n\n- 位置：第 3 行第 2 列，第一部分\n" in text
    assert "### 2. 警告 Z902 全文问题\n\n- 位置：全文\n" in text
    assert "### 3. 提示 Z903 第 2 页的问题\n\n- 位置：第 2 页\n" in text
    assert "无法检查：PDF 已加密" in text
    assert "## 运行错误" in text


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "markdown"])
def test_formats_are_listed_as_plugins_and_write_to_output_files(fmt, tmp_path, host):
    assert host.reporters[fmt][0] == f"{fmt}-reporter"
    target = tmp_path / f"out.{fmt}"
    out = xxgk("check", "tests/data/compliant-2021.txt", "--format", fmt, "--output", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert target.read_text(encoding="utf-8").strip()
