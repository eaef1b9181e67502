"""xxgk_lint.testing: the helpers plugin authors test their rules and readers with."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from xxgk_lint.core.model import Finding, Span
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.rules import Rule, problem_of
from xxgk_lint.testing import (
    assert_finding,
    assert_findings,
    assert_no_findings,
    assert_valid_rule,
    describe_findings,
    lint_path,
    lint_text,
    read_path,
    read_text,
    rules_by_code,
    sample_report_text,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


class MentionsFee(Rule):
    """检查内容
    测试用规则：正文提到信息处理费。

    为什么
    测试。

    不符合的示例
        本机关未收取信息处理费。

    符合的示例
        （不提信息处理费）
    """

    code = "ZZ101"
    name = "mentions-fee"
    summary = "测试规则"
    problem = "正文提到了信息处理费"
    category = "fee"
    parameters: ClassVar[dict[str, str]] = {"word": "信息处理费"}

    def check(self, report, params):
        at = report.text.find(params["word"])
        if at >= 0:
            yield Finding(self.code, self.category, f"提到了{params['word']}", span=Span(at, at + len(params["word"])))


def test_sample_report_is_the_compliant_test_report():
    assert sample_report_text() == (DATA / "compliant-2021.txt").read_text(encoding="utf-8")
    assert "示例市" in sample_report_text({"示例县人民政府 2023": "示例市人民政府 2023"})
    with pytest.raises(ValueError, match="not in the sample report"):
        sample_report_text({"不存在的文字": "x"})


def test_packaging_ships_the_sample_report():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"testdata/*.txt"' in pyproject


def test_lint_text_with_a_rule_class_not_installed():
    findings = lint_text(sample_report_text(), [MentionsFee])
    finding = assert_finding(findings, "ZZ101", line=75, section="六", severity="error", count=1)
    assert finding.column == 14 and len(finding.fingerprint) == 16
    assert_no_findings(lint_text(sample_report_text(), [MentionsFee], params={"ZZ101": {"word": "不存在"}}))
    warned = lint_text(sample_report_text(), [MentionsFee], severities={"ZZ101": "warning"})
    assert warned[0].severity.value == "warning"


def test_installed_rules_by_code(host):
    defects = (DATA / "sample-defects.txt").read_text(encoding="utf-8")
    findings = lint_text(defects, ["a301", MentionsFee])
    assert {f.rule for f in findings} == {"A301", "ZZ101"}
    assert_finding(findings, "A301", line=63, section="三", table=3, cells=["t3.new.natural"],
                   message_contains="不平衡")
    assert rules_by_code("S101") == [host.rules["S101"][1]]
    with pytest.raises(LookupError, match="Z999"):
        rules_by_code("Z999")


def test_lint_path_reads_any_installed_format():
    findings = lint_path(DATA / "formats" / "sample-defects.pdf", ["A301"])
    finding = assert_finding(findings, "A301", section="三")
    assert finding.page is not None and finding.line is None
    report = read_path(DATA / "formats" / "compliant-2021.docx")
    assert report.input_format == "docx" and report.year == 2023


def test_read_path_with_a_reader_not_installed(tmp_path):
    class Upper:
        name, extensions = "upper", (".up",)

        def claims(self, path, head):
            return False

        def read(self, path, data):
            return read_text(data.decode("utf-8").replace("示例县", "示例市"), str(path), "upper")

    source = tmp_path / "r.up"
    source.write_text(sample_report_text(), encoding="utf-8")
    report = read_path(source, readers=[Upper()])
    assert report.input_format == "upper" and report.organization == "示例市人民政府"
    assert lint_path(source, [MentionsFee], readers=[Upper()])[0].rule == "ZZ101"
    unknown = tmp_path / "data.xyz"
    unknown.write_bytes(b"\x00\x01")
    with pytest.raises(ReadError, match=r"data\.xyz"):
        read_path(unknown)


def test_assertion_messages_list_what_was_found():
    findings = lint_text(sample_report_text(), [MentionsFee])
    with pytest.raises(AssertionError) as info:
        assert_finding(findings, "ZZ101", line=3)
    message = str(info.value)
    assert "expected a finding ZZ101 line=3, got 0" in message
    assert "ZZ101 75:14 §六 [error] 提到了信息处理费" in message
    with pytest.raises(AssertionError, match="expected no findings of ZZ101, got 1"):
        assert_no_findings(findings, "zz101")
    with pytest.raises(AssertionError, match="expected 2 finding"):
        assert_findings(findings, ["ZZ101", "ZZ101"])
    with pytest.raises(AssertionError, match=r"finding 1: expected ZZ101 line=74"):
        assert_findings(findings, [("ZZ101", 74)])
    assert_findings(findings, [("ZZ101", 75, "六")])
    assert_findings(findings, [{"rule": "ZZ101", "line": 75, "message_contains": "信息处理费"}])
    assert describe_findings([]) == "  (no findings)"


def test_misuse_is_reported_clearly():
    with pytest.raises(ValueError, match="no parameter"):
        lint_text("x", [MentionsFee], params={"ZZ101": {"wrod": "x"}})
    with pytest.raises(ValueError, match="not run"):
        lint_text("x", [MentionsFee], params={"S101": {}})
    with pytest.raises(ValueError, match="no rules"):
        lint_text("x", [])
    with pytest.raises(TypeError):
        lint_text("x", [object])

    class NoDoc(Rule):
        code, name, summary, category = "ZZ102", "no-doc", "无文档", "content"

    with pytest.raises(ValueError, match="缺少文档字符串"):
        lint_text("x", [NoDoc])


def test_a_crashing_rule_raises_its_own_exception():
    class Crash(MentionsFee):
        __doc__ = MentionsFee.__doc__
        code = "ZZ103"

        def check(self, report, params):
            raise KeyError("missing-table")

    with pytest.raises(KeyError, match="missing-table"):
        lint_text(sample_report_text(), [Crash])


def test_assert_valid_rule(host):
    assert_valid_rule(MentionsFee)
    for _, rule in host.rules.values():
        if rule.code.startswith(("S", "A", "B")):
            assert_valid_rule(rule)

    class BadName(MentionsFee):
        __doc__ = MentionsFee.__doc__
        name = "BadName"

    with pytest.raises(AssertionError, match="kebab-case"):
        assert_valid_rule(BadName)

    class MissingPart(MentionsFee):
        """检查内容
        只有一部分。
        """

    with pytest.raises(AssertionError, match="docstring parts"):
        assert_valid_rule(MissingPart)

    class NoProblem(MentionsFee):
        __doc__ = MentionsFee.__doc__
        problem = ""

    with pytest.raises(AssertionError, match="problem"):
        assert_valid_rule(NoProblem)
    assert problem_of(NoProblem) == NoProblem.summary  # a third-party rule without one still shows a header
