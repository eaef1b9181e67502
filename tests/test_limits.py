"""Resource limits (core/limits.py, ``[limits]``): each limit hit is a per-file error naming the limit and how
to raise it; the other files are still checked."""

from __future__ import annotations

import json
import subprocess
import time
import types
from pathlib import Path

import pytest
from hostile import (
    billion_laughs_docx,
    document_xml,
    docx,
    flate_bomb_pdf,
    paragraph,
    pdf,
    text_page,
    xxe_docx,
    zip_bomb_docx,
)

from xxgk_lint.core import limits
from xxgk_lint.core.config import read_config
from xxgk_lint.core.engine import ActiveRule, run_rule
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.limits import Limits, TimeBudget
from xxgk_lint.core.model import Finding, Span
from xxgk_lint.core.plugins import load_plugins
from xxgk_lint.core.readers import ReadError
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.ruleset import ConfigError, RuleSetting
from xxgk_lint.core.runner import active_rules, lint_data, lint_file, lint_paths

DATA = Path(__file__).parent / "data"
COMPLIANT = (DATA / "compliant-2021.txt").read_bytes()


def _lint(host, national, name: str, data: bytes, **limit_values):
    errors: list = []
    result = lint_data(Path(name), name, data, host, active_rules(host, national), errors,
                       limits=Limits(**limit_values))
    return result, errors


def _limit_error(result, name: str) -> str:
    (error,) = result.errors
    assert error.code == f"limit-{name}", error
    assert name in error.message and "[limits]" in error.message  # names the limit and how to raise it
    return error.message


# --- configuration ---------------------------------------------------------------------------------------------


def test_limits_are_read_and_validated_with_their_line(tmp_path):
    config = tmp_path / "xxgk.toml"
    config.write_text('ruleset = "national"\n[limits]\npdf_pages = 3000\nfile_seconds = 0\n', encoding="utf-8")
    parsed = read_config(config)
    assert parsed is not None and parsed.limits == Limits(pdf_pages=3000, file_seconds=0)
    for bad, says in (("pdf_pages = 0", "应为正数"), ("pdf_pages = 2.5", "应为整数"), ('html_depth = "9"', "应为数字"),
                      ("pdf_page = 3", "不认识的限制项"), ("file_seconds = -1", "0（不限）或正数")):
        config.write_text(f"\n[limits]\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            read_config(config)
        assert "第 3 行" in str(info.value) and says in str(info.value)


def test_xxgk_config_shows_the_limits(tmp_path):
    (tmp_path / "xxgk.toml").write_text("[limits]\npdf_pages = 3000\n", encoding="utf-8")
    shown = subprocess.run(["xxgk", "config", str(tmp_path), "--format", "json"], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["limits"] == {**Limits().as_dict(), "pdf_pages": 3000}
    text = subprocess.run(["xxgk", "config", str(tmp_path)], capture_output=True, text=True).stdout
    assert "pdf_pages = 3000" in text and "file_seconds = 120" in text


def test_configured_limit_applies_in_a_real_run(tmp_path):
    (tmp_path / "xxgk.toml").write_text("[limits]\nmax_file_mb = 0.001\n", encoding="utf-8")
    (tmp_path / "big.txt").write_bytes(COMPLIANT)  # 3.6 KiB
    (tmp_path / "small.txt").write_bytes("一、总体情况\n".encode())
    run = subprocess.run(["xxgk", "check", str(tmp_path), "--format", "json"], capture_output=True, text=True)
    assert run.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert [e["code"] for e in files["big.txt"]["errors"]] == ["limit-max_file_mb"]
    assert "max_file_mb = 0.001" in files["big.txt"]["errors"][0]["message"]
    assert not files["small.txt"]["errors"]  # the other file is still checked


# --- sizes and shapes --------------------------------------------------------------------------------------------


def test_file_size_limit(host, national, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(COMPLIANT)
    result = lint_file(path, host, active_rules(host, national), [], limits=Limits(max_file_mb=0.001))
    assert "文件过大" in _limit_error(result, "max_file_mb")


def test_zip_bomb_docx_is_refused_without_inflating_it(host, national):
    started = time.perf_counter()
    result, _ = _lint(host, national, "bomb.docx", zip_bomb_docx(300))
    assert "ZIP 炸弹" in _limit_error(result, "docx_member_mb")
    assert time.perf_counter() - started < 30  # loose: a shared CI machine


@pytest.mark.parametrize("make", [xxe_docx, billion_laughs_docx])
def test_dtd_in_docx_is_refused_and_no_entity_is_expanded(host, national, make):
    result, errors = _lint(host, national, "evil.docx", make())
    assert [e.code for e in result.errors] == ["unreadable"] and "DTD" in result.errors[0].message
    assert not errors


def test_xxe_never_shows_etc_passwd_in_any_output(tmp_path):
    secret = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    (tmp_path / "xxe.docx").write_bytes(xxe_docx())
    for command in (["check", "--format", "json"], ["check"], ["extract", "--format", "json"]):
        run = subprocess.run(["xxgk", *command, str(tmp_path / "xxe.docx")], capture_output=True, text=True)
        assert run.returncode == 2
        assert secret not in run.stdout and secret not in run.stderr and "root:" not in run.stdout


def test_zip_members_with_dot_dot_or_absolute_names_are_never_read(host, national):
    real = document_xml(paragraph("一、总体情况"))
    for name in ("../word/document.xml", "/word/document.xml"):
        result, _ = _lint(host, national, "odd.docx", docx({name: real}))
        assert [e.code for e in result.errors] == ["unreadable"]  # no word/document.xml: not a Word document
    result, _ = _lint(host, national, "odd.docx", docx({"word/document.xml": real, "../../etc/evil": b"x"}))
    assert not result.errors and result.report is not None


def test_html_nesting_depth(host, national):
    result, _ = _lint(host, national, "deep.html", b"<html><body>" + b"<form>" * 100_000 + b"x</body></html>")
    assert "嵌套过深" in _limit_error(result, "html_depth")
    result, _ = _lint(host, national, "deep.html", b"<div>" * 100_000 + "一、总体情况".encode())
    assert not result.errors  # untracked elements do not nest anything the reader keeps


def test_huge_colspan_and_rowspan_never_allocate(host, national):
    page = ('<table><tr><td colspan="100000000" rowspan="100000000">一</td><td>2</td></tr>'
            '<tr><td>3</td><td colspan=99999999999999999999>4</td></tr></table>').encode()
    started = time.perf_counter()
    result, _ = _lint(host, national, "span.html", page)
    assert result.report is not None and not result.errors
    assert time.perf_counter() - started < 20  # loose: a shared CI machine


def test_pdf_page_limit(host, national):
    result, _ = _lint(host, national, "many.pdf", pdf([text_page("page")] * 30), pdf_pages=20)
    assert "超过 20 页" in _limit_error(result, "pdf_pages")


def test_flate_bomb_pdf_is_refused(host, national):
    started = time.perf_counter()
    result, _ = _lint(host, national, "bomb.pdf", flate_bomb_pdf(200))
    assert "解压炸弹" in _limit_error(result, "pdf_stream_mb")
    assert time.perf_counter() - started < 30  # loose: a shared CI machine


def test_readers_raise_limit_errors_as_read_errors():
    from xxgk_lint.plugins.readers.html import HtmlReader

    with limits.guard(Limits(html_depth=10)), pytest.raises(ReadError) as info:
        HtmlReader().read(Path("x.html"), b"<form>" * 20)
    assert info.value.code == "limit-html_depth" and "html_depth = 10" in info.value.message


# --- time ------------------------------------------------------------------------------------------------------


def _rule(code: str, check) -> type[Rule]:
    return type(f"Rule{code}", (Rule,), {
        "__doc__": "检查内容\n测试。\n\n为什么\n测试。\n\n不符合的示例\n    无\n\n符合的示例\n    无\n",
        "code": code, "name": f"test-{code.lower()}", "summary": "测试", "category": "content", "check": check})


def _plugin(name: str, rules: list[type[Rule]]) -> types.ModuleType:
    module = types.ModuleType(name)
    module.xxgk_rules = hookimpl(lambda: rules)  # type: ignore[attr-defined]
    return module


def _forever(self, report, params):
    while True:
        pass
    yield  # pragma: no cover


def test_file_over_its_wall_time_is_stopped_and_the_run_goes_on(national, tmp_path):
    host = load_plugins(extra=[("slow", _plugin("slow", [_rule("Z951", _forever)]))])
    rules = active_rules(host, national)
    errors: list = []
    started = time.perf_counter()
    slow = lint_file(DATA / "compliant-2021.txt", host, rules, errors, limits=Limits(file_seconds=1, rule_seconds=0))
    assert time.perf_counter() - started < 20  # loose: a shared CI machine
    assert [e.code for e in slow.errors] == ["limit-file_seconds"]
    assert slow.errors[0].message.startswith("时间超限") and "file_seconds" in slow.errors[0].message
    ok = lint_file(DATA / "compliant-2021.txt", host, active_rules(load_plugins(), national), errors, limits=Limits())
    assert not ok.errors and ok.report is not None


def test_rule_over_its_budget_is_reported_by_name_and_the_file_still_checked(national):
    host = load_plugins(extra=[("slow", _plugin("slow", [_rule("Z952", _forever)]))])
    errors: list = []
    started = time.perf_counter()
    result = lint_file(DATA / "compliant-2021.txt", host, active_rules(host, national), errors,
                       limits=Limits(rule_seconds=0.5))
    assert time.perf_counter() - started < 30  # loose: a shared CI machine
    assert result.report is not None and not result.errors
    (error,) = errors
    assert error.source == "slow:Z952" and "运行超时" in error.message and "rule_seconds" in error.message


def test_catastrophic_regex_is_interrupted_by_a_budget():
    import re

    with TimeBudget(0.3) as budget:
        re.match(r"(a|aa)+$", "a" * 60 + "b")
    assert budget.exceeded


def test_budgets_nest_and_the_outer_one_wins():
    with TimeBudget(0.3) as outer, TimeBudget(10) as inner:
        while True:
            pass
    assert outer.exceeded and not inner.exceeded


# --- third-party rules returning garbage ---------------------------------------------------------------------------


def _yields(*items):
    def check(self, report, params):
        yield from items
    return check


@pytest.mark.parametrize("garbage, says", [
    ("not a finding", "不是 Finding"),
    (Finding("Z960", "content", "x", span=Span(-5, 10**9)), "span"),
    (Finding("Z960", "content", "x", span=(1, 2)), "span"),  # type: ignore[arg-type]
    (Finding("Z960", "content", "x", severity="fatal"), "severity"),  # type: ignore[arg-type]
    (Finding("Z960", "content", "", ), "message"),
    (Finding("Z960", "content", "x", evidence={"o": object()}), "JSON"),
    (Finding("Z960", "content", "x", page="3"), "page"),  # type: ignore[arg-type]
])
def test_rule_returning_garbage_is_reported_by_name(national, garbage, says):
    host = load_plugins(extra=[("junk", _plugin("junk", [_rule("Z960", _yields(garbage))]))])
    result = lint_paths([DATA / "compliant-2021.txt"], host, national)
    assert result.files[0].report is not None and not result.files[0].errors
    (error,) = [e for e in result.errors if e.source == "junk:Z960"]
    assert "无效的结果" in error.message and says in error.message
    assert not [f for f in result.files[0].findings if f.rule == "Z960"]


def test_rule_that_is_not_a_generator_or_exits_is_isolated(national, host):
    from xxgk_lint.core.build import build_report

    report = build_report("r.txt", "text", COMPLIANT.decode())
    for check in (lambda self, report, params: 42, lambda self, report, params: (_ for _ in ()).throw(SystemExit(3))):
        rule = _rule("Z961", check)
        found, error = run_rule(report, ActiveRule(rule, RuleSetting(True, rule.severity, {}), "junk"))
        assert found == [] and error is not None and error.source == "junk:Z961"


def test_runaway_rule_with_too_many_findings(national):
    def many(self, report, params):
        while True:
            yield Finding("Z962", "content", "x")

    host = load_plugins(extra=[("junk", _plugin("junk", [_rule("Z962", many)]))])
    result = lint_paths([DATA / "compliant-2021.txt"], host, national)
    (error,) = [e for e in result.errors if e.source == "junk:Z962"]
    assert "超过" in error.message


def test_many_short_budgets_leave_nothing_behind():
    """Alarms landing anywhere, also while budgets open and close, never leak a budget or escape."""
    fired = 0
    for i in range(300):
        with TimeBudget(0.001 * (i % 3 + 1)) as outer, TimeBudget(0.002) as inner:
            sum(range(200_000))
        fired += outer.exceeded or inner.exceeded
    assert limits._deadlines == [] and fired > 0
    time.sleep(0.3)  # no alarm is left armed to go off later
