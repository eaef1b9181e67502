"""Plugin host: built-ins through entry points, one broken plugin never takes the tool down."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Finding
from xxgk_lint.core.plugins import load_plugins
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.runner import lint_paths

DATA = Path(__file__).parent / "data"


def _plugin(name: str, **hooks) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


class MentionsFee(Rule):
    """检查内容
    测试用规则。

    为什么
    测试。

    不符合的示例
        无

    符合的示例
        无
    """

    code = "Z901"
    name = "mentions-fee"
    summary = "测试规则"
    category = "fee"

    def check(self, report, params):
        at = report.text.find("信息处理费")
        if at >= 0:
            from xxgk_lint.core.model import Span

            yield Finding(self.code, self.category, "提到了信息处理费", span=Span(at, at + 5))


def test_builtin_plugins_are_loaded(host):
    assert {"text-reader", "builtin-rules", "text-reporter", "json-reporter", "national-ruleset"} <= {
        p.name for p in host.plugins}
    assert {"S101", "B101", "A301"} <= set(host.rules)
    assert host.rules["S101"][0] == "builtin-rules"
    assert {"text", "json"} <= set(host.reporters)
    assert any(p.name == "national.toml" for _, p in host.rulesets)
    assert not host.errors


def test_extra_rule_plugin_fires(national):
    host = load_plugins(extra=[("fee-plugin", _plugin("fee_plugin", xxgk_rules=lambda: [MentionsFee]))])
    result = lint_paths([DATA / "compliant-2021.txt"], host, national)
    (finding,) = [f for f in result.files[0].findings if f.rule == "Z901"]
    assert (finding.line, finding.section, finding.severity.value) == (75, "六", "error")


def test_raising_hook_is_reported_and_others_still_run(national):
    def boom():
        raise RuntimeError("故意出错")

    host = load_plugins(extra=[("boom", _plugin("boom", xxgk_rules=boom))])
    assert [(e.plugin, "故意出错" in e.message) for e in host.errors] == [("boom", True)]
    result = lint_paths([DATA / "compliant-2021.txt"], host, national)
    assert result.exit_code == 2
    assert result.files[0].report is not None and not result.files[0].errors


def test_duplicate_rule_code_names_both_plugins():
    class Clash(MentionsFee):
        __doc__ = MentionsFee.__doc__
        code = "S101"

    host = load_plugins(extra=[("clash", _plugin("clash", xxgk_rules=lambda: [Clash]))])
    (error,) = host.errors
    assert error.plugin == "clash"
    assert "S101" in error.message and "builtin-rules" in error.message and "clash" in error.message
    assert host.rules["S101"][0] == "builtin-rules"


def test_invalid_rule_is_rejected_with_reason():
    class NoDoc(Rule):
        code, name, summary, category = "Z902", "no-doc", "无文档", "content"

    host = load_plugins(extra=[("nodoc", _plugin("nodoc", xxgk_rules=lambda: [NoDoc, object]))])
    messages = sorted(e.message for e in host.errors)
    assert any("缺少文档字符串" in m for m in messages) and any("不是 Rule 的子类" in m for m in messages)
    assert "Z902" not in host.rules


def test_crashing_rule_is_isolated(national):
    class Crash(MentionsFee):
        __doc__ = MentionsFee.__doc__
        code = "Z903"

        def check(self, report, params):
            raise ZeroDivisionError("division by zero")

    host = load_plugins(extra=[("crash", _plugin("crash", xxgk_rules=lambda: [Crash]))])
    result = lint_paths([DATA / "compliant-2021.txt"], host, national)
    assert [e.source for e in result.errors] == ["crash:Z903"]
    assert "ZeroDivisionError" in result.errors[0].message
    assert result.exit_code == 2


def test_broken_entry_point_plugins_in_a_real_run(tmp_path, shared):
    """Third-party packages found through the entry-point group: one fails to import, one raises in a hook."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "broken_xxgk_plugin.py").write_text("raise ImportError('missing dependency foo')\n", encoding="utf-8")
    (site / "raising_xxgk_plugin.py").write_text(textwrap.dedent("""
        from xxgk_lint.core.hookspecs import hookimpl

        @hookimpl
        def xxgk_readers():
            raise ValueError('reader hook failed')
    """), encoding="utf-8")
    dist = site / "xxgk_thirdparty-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: xxgk-thirdparty\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[xxgk_lint]\nbroken = broken_xxgk_plugin\nraising = raising_xxgk_plugin\n", encoding="utf-8")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    seed = shared / "seeds" / "000_ea21bc616a0657b5.txt"
    out = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(seed), "--format", "json"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "broken" in out.stderr and "missing dependency foo" in out.stderr
    assert "raising" in out.stderr and "reader hook failed" in out.stderr
    doc = json.loads(out.stdout)
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["S101"]
    assert {e["source"] for e in doc["errors"]} == {"broken", "raising"}
