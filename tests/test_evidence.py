"""Every rule's findings, as people read them, are plain Chinese: no field names, JSON or markup residue.

The findings come from the failing cases of tests/rule_cases (every built-in rule fires at least once), the
failing cross-year cases of tests/corpus_cases, K301 on a county whose two townships' reports do not add up (and on
one whose township report is missing), T111 on a report with an unreadable page, and the regional rulesets'
declarative checks (tests/test_rulesets.py cases).
Each finding goes through the text reporter, the Markdown reporter and the TUI finding panel's evidence; their
output may hold no ASCII identifier (``own_type``, ``narrative-arithmetic``), no ``{``, ``[{`` or backtick.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from xxgk_lint.core.crossyear import run_family, run_pair
from xxgk_lint.core.engine import finish, lint_report
from xxgk_lint.core.evidence import cell_label, detail_lines, evidence_lines, location, snippet, unknown_keys
from xxgk_lint.core.model import FileResult, Finding, RelatedLocation, Severity, Span
from xxgk_lint.core.reporting import RunResult
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.reporters.markdown import finding_markdown
from xxgk_lint.plugins.reporters.text import finding_block
from xxgk_lint.testing import read_text, sample_report_text


def _sibling(name: str) -> ModuleType:
    """Another test module's case data, loaded by path: a package import would put the checkout on sys.path."""
    spec = importlib.util.spec_from_file_location(f"_evidence_{name}", Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = _sibling("test_rule_cases")
corpus_cases = _sibling("test_corpus_cases")
regional = _sibling("test_rulesets")

#: snake_case / kebab-case identifiers, or a lowercase ASCII word of three letters or more (``own_type``,
#: ``level``, ``cjk-paren``); rule codes (S104) and numbers are fine
IDENTIFIER = re.compile(r"(?<![A-Za-z0-9_.])(?:[A-Za-z]+(?:[_-][A-Za-z0-9]+)+|[a-z]{3,})(?![A-Za-z0-9_])")
RESIDUE = ("{", "[{", "`")


def _collect(host, national, tmp_path_factory) -> list[tuple[FileResult, Finding]]:
    out: list[tuple[FileResult, Finding]] = []
    by_code = {a.rule.code: a for a in active_rules(host, national)}
    for param in cases._cases():
        code, case = param.values
        if not case.get("expect") or "params" in case:
            continue
        try:
            report = cases._report(case, host, tmp_path_factory.mktemp("case"))
        except pytest.skip.Exception:
            continue
        findings, errors = lint_report(report, [by_code[code]])
        assert not errors
        out += [(FileResult(report.path, "text", report, findings), f) for f in findings]
    out += _cross_year(by_code, tmp_path_factory)
    unreadable = read_text(sample_report_text(), "scan.pdf", "pdf")
    unreadable.reader_notes.append("第 3 页是扫描图像，没有可读的文字，该页内容无法检查")
    findings, _ = lint_report(unreadable, [by_code["T111"]])
    out += [(FileResult("scan.pdf", "pdf", unreadable, findings), f) for f in findings]
    for name, code, _good, bad, *_ in regional.REGIONAL_CASES:
        ruleset = regional.load(host, name)
        report = read_text(bad, "report.txt")
        rules = [a for a in active_rules(host, ruleset) if a.rule.code == code]
        findings, errors = lint_report(report, rules)
        assert not errors
        out += [(FileResult("report.txt", "text", report, findings), f) for f in findings]
    return out


def _cross_year(by_code, tmp_path_factory) -> list[tuple[FileResult, Finding]]:
    """K101–K202 on the failing pairs of tests/corpus_cases, K301 on a county and its townships."""
    out: list[tuple[FileResult, Finding]] = []
    for param in corpus_cases._cases():
        code, case = param.values
        if not case.get("expect"):
            continue
        folder = tmp_path_factory.mktemp("pair")
        try:
            previous = corpus_cases._report(case["previous"], folder, "previous.txt")
            current = corpus_cases._report(case["current"], folder, "current.txt")
        except pytest.skip.Exception:
            continue
        active = by_code[code]
        if "params" in case:
            active = replace(active, setting=replace(active.setting, params={**active.setting.params,
                                                                             **case["params"]}))
        findings, error = run_pair(current, previous, active)
        assert error is None
        out += [(FileResult(current.path, "text", current, findings), f) for f in finish(current, findings)]
    compliant = (corpus_cases.DATA / "compliant-2021.txt").read_text(encoding="utf-8")
    county = read_text(compliant, "county.txt")
    towns = [read_text(compliant.replace("示例县", name), f"{name}.txt") for name in ("示例甲乡", "示例乙镇")]
    for children, missing in ((towns, ()), (towns[:1], ("示例乙镇",))):
        findings, error = run_family(county, children, missing, by_code["K301"])
        assert error is None and findings
        out += [(FileResult(county.path, "text", county, findings), f) for f in finish(county, findings)]
    return out


@pytest.fixture(scope="module")
def walked(host, national, tmp_path_factory):
    return _collect(host, national, tmp_path_factory)


def _residue(text: str) -> list[str]:
    found = [m.group() for m in IDENTIFIER.finditer(text)]
    found += [r for r in RESIDUE if r in text]
    return found


def test_every_builtin_rule_is_walked(walked, host):
    builtin = {code for code, (plugin, _) in host.rules.items() if plugin == "builtin-rules"}
    assert builtin <= {f.rule for _, f in walked}, sorted(builtin - {f.rule for _, f in walked})
    assert {c for _, c, *_ in regional.REGIONAL_CASES} <= {f.rule for _, f in walked}


def test_every_evidence_key_has_a_chinese_renderer(walked):
    unknown = {(f.rule, k) for _, f in walked for k in unknown_keys(f)}
    assert not unknown, sorted(unknown)


def test_text_markdown_and_tui_evidence_are_plain_chinese(walked, host, tmp_path):
    from xxgk_lint.tui.session import ReviewSession
    from xxgk_lint.tui.widgets.finding_panel import evidence_paragraphs

    result = RunResult(rules={code: rule for code, (_, rule) in host.rules.items()})
    problems: list[tuple[str, str, str]] = []
    sessions: dict[int, ReviewSession] = {}
    for file, f in walked:
        # the header's path and rule code are the only ASCII a reader sees
        text = "\n".join(finding_block(file, f, result)).split(f" {f.rule} ", 1)[1]
        markdown = "\n".join(finding_markdown(file, f, result, 1)).split(f" {f.rule} ", 1)[1]
        key = id(file)
        if key not in sessions:
            sessions[key] = ReviewSession(Path(file.path), file, review_file=tmp_path / f"{key}.json", reviewer="")
        tui = "\n".join("".join(run for run, _ in para.runs) for para in evidence_paragraphs(sessions[key], f))
        for where, out in (("text", text), ("markdown", markdown.replace("\\", "")), ("tui", tui)):
            for other in f.related:  # the other report's file name is the one other ASCII a reader sees
                out = out.replace(Path(other.path).name, "")
            problems += [(f.rule, where, bad) for bad in _residue(out)]
        assert "位置：" in text and (snippet(f, file.report) == "" or "原文：" in text)
    assert not problems, sorted(set(problems))[:40]


def test_cells_are_named_by_row_and_column():
    assert cell_label("t3.new.natural") == "表三“一、本年新收政府信息公开申请数量”行“自然人”列"
    assert cell_label("t3.result.withheld.state_secret.natural") == "表三“（三）不予公开 1.属于国家秘密”行“自然人”列"
    assert cell_label("t3.new.other") == "表三“一、本年新收政府信息公开申请数量”行“法人或其他组织（其他）”列"
    assert cell_label("t4.litigation_direct.total") == "表四“行政诉讼（未经复议直接起诉）”的“总计”"
    assert cell_label("t2.fee.amount") == "表二“行政事业性收费”行“本年收费金额（单位：万元）”列"
    assert cell_label("t9.nothing") == "统计表中的一个单元格"


def test_arithmetic_of_the_parts_and_the_self_reference():
    f = Finding("P102", "narrative-arithmetic", "m", Severity.WARNING, evidence={
        "text": "采用 500 余篇（其中国家采用 40 篇，省级采用 76 篇）", "total": 500, "total_text": "500余篇",
        "unit": "篇", "parts": [{"label": "国家采用", "value": 40, "text": "40篇"},
                               {"label": "省级采用", "value": 76, "text": "76篇"}],
        "sum": 116, "expression": "40 + 76 = 116", "complete": "level"})
    lines = {line.label: line.value for line in evidence_lines(f)}
    assert lines["分项"] == "国家采用 40 篇、省级采用 76 篇"
    assert lines["分项与合计"] == "分项之和 40 + 76 = 116；文中总数 500余篇"
    assert lines["为何视为全部"] == "已列出国家、省、市、县各级，所列即全部"
    o102 = Finding("O102", "organization", "m", evidence={"text": "我镇", "context": "规范我镇政府",
                                                          "own_type": "乡", "written_type": "镇"})
    assert [(x.label, x.value) for x in evidence_lines(o102)][1:] == [
        ("上下文", "“……规范我镇政府……”"), ("本机关类型", "乡"), ("文中写法", "镇")]


def test_unknown_evidence_of_a_plugin_is_shown_by_value_never_as_json():
    f = Finding("ZZ101", "fee", "m", evidence={"basis_found": ["办法", {"name": "通知"}], "n": 3})
    assert [(x.label, x.value) for x in evidence_lines(f)] == [("其他信息", "办法、通知"), ("其他信息", "3")]


def test_one_line_web_export_is_located_by_a_quote_not_a_column():
    text = sample_report_text().replace("\n", "  ")  # everything on one line, as a web export
    report = read_text(text)
    at = text.index("未收取信息处理费")
    f = Finding("ZZ101", "fee", "m", span=Span(at, at + 8), line=1, column=at + 1)
    assert location(f, report) == "第 1 行"
    assert "【未收取信息处理费】" in snippet(f, report) and snippet(f, report).startswith("……")
    header = finding_block(FileResult("web.txt", "text", report, [f]), f, RunResult())[0]
    assert header.startswith("web.txt:1: ")


def test_cross_year_finding_shows_last_years_value_beside_this_years():
    f = Finding("K101", "cross-year", "m", cells=("t3.carried_over.natural",), evidence={
        "previous_path": "/tmp/pt/pingtan-2021.txt", "previous_year": 2021,
        "previous_cell": "t3.carried_forward.natural", "previous_value": 1, "cell": "t3.carried_over.natural",
        "value": 3, "text": "m"},
        related=(RelatedLocation("/tmp/pt/pingtan-2021.txt", "上年报告“四、结转下年度继续办理”自然人：1", line=60),))
    assert [(x.label, x.value) for x in evidence_lines(f)] == [
        ("上年报告（pingtan-2021.txt 第 60 行）", "表三“四、结转下年度继续办理”行“自然人”列 1"),
        ("本年报告", "表三“二、上年结转政府信息公开申请数量”行“自然人”列 3")]


def test_cross_year_findings_locate_the_other_report(walked, tmp_path):
    """Every finding comparing two reports names the other file and the line there, in the shared lines and in
    the TUI finding panel."""
    from xxgk_lint.tui.session import ReviewSession
    from xxgk_lint.tui.widgets.finding_panel import evidence_paragraphs

    compared = [(file, f) for file, f in walked if f.category == "cross-year" and f.related]
    assert {f.rule for _, f in compared} >= {"K101", "K102", "K103", "K201", "K202", "K301"}
    for i, (file, f) in enumerate(compared):
        other = Path(f.related[0].path).name
        session = ReviewSession(Path(file.path), file, review_file=tmp_path / f"{i}.json", reviewer="")
        panel = ["".join(run for run, _ in para.runs) for para in evidence_paragraphs(session, f)]
        lines = [f"{x.label}：{x.value}" for x in detail_lines(f, file.report)]
        for shown in (lines, panel):
            assert any(line.startswith(("上年报告（", "下级机关报告（")) and other in line for line in shown), shown
        if "cell" in f.evidence:  # a cell compared with last year's: this year's value right after
            at = next(i for i, line in enumerate(panel) if line.startswith("上年报告（"))
            assert panel[at + 1].startswith("本年报告：") and panel[at + 1].endswith(f" {f.evidence['value']:g}")
