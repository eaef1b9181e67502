"""EX101 tested with xxgk_lint.testing: the rule class is used directly, installed or not."""

from __future__ import annotations

import pytest
from xxgk_example.rules import ProposalsHandlingReported

from xxgk_lint.testing import (
    assert_finding,
    assert_findings,
    assert_no_findings,
    assert_valid_rule,
    lint_text,
    sample_report_text,
)

IN_REGION = {"示例县人民政府 2023 年": "示例省示例县人民政府 2023 年"}
PROPOSALS = "全年办理人大代表建议 12 件、政协委员提案 9 件，办理结果均已公开。"


def test_rule_meets_the_contract():
    assert_valid_rule(ProposalsHandlingReported)


def test_fires_on_a_report_of_the_region_without_proposals():
    findings = lint_text(sample_report_text(IN_REGION), [ProposalsHandlingReported])
    finding = assert_finding(findings, "EX101", line=73, section="六", severity="warning", count=1)
    assert "“建议”“提案”" in finding.message
    assert len(finding.fingerprint) == 16


def test_passes_when_section_six_reports_proposals():
    text = sample_report_text({**IN_REGION, "本机关未收取信息处理费。": "本机关未收取信息处理费。" + PROPOSALS})
    assert_no_findings(lint_text(text, [ProposalsHandlingReported]))


def test_names_only_the_missing_keyword():
    only_proposals = "本机关未收取信息处理费。办理人大代表建议 3 件。"
    text = sample_report_text({**IN_REGION, "本机关未收取信息处理费。": only_proposals})
    finding = assert_finding(lint_text(text, [ProposalsHandlingReported]), "EX101")
    assert "“提案”" in finding.message and "“建议”" not in finding.message


def test_other_regions_are_not_checked():
    assert_no_findings(lint_text(sample_report_text(), [ProposalsHandlingReported]))


def test_regions_and_severity_are_configurable():
    text = sample_report_text()  # 示例县人民政府: in scope once 示例县 is a region
    findings = lint_text(text, [ProposalsHandlingReported], params={"EX101": {"regions": ["示例县"]}},
                         severities={"EX101": "error"})
    assert_findings(findings, [{"rule": "EX101", "line": 73, "section": "六", "severity": "error"}])


def test_no_section_six_is_left_to_s101():
    text = sample_report_text({**IN_REGION, "六、其他需要报告的事项": "其他事项"})
    assert_no_findings(lint_text(text, [ProposalsHandlingReported]), "EX101")


def test_runs_beside_installed_rules_by_code():
    pytest.importorskip("xxgk_lint.plugins.rules")
    findings = lint_text(sample_report_text(IN_REGION), ["S101", ProposalsHandlingReported])
    assert_findings(findings, [("EX101", 73, "六")])


def test_unknown_parameter_is_refused():
    with pytest.raises(ValueError, match="no parameter"):
        lint_text(sample_report_text(), [ProposalsHandlingReported], params={"EX101": {"region": ["x"]}})
