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
    assert "S101" in [f["rule"] for f in doc["files"][0]["findings"]]  # the file is still linted
    assert {e["source"] for e in doc["errors"]} == {"broken", "raising"}


# --- what plugin authors get wrong: each mistake is reported by plugin name, the rest keeps working ------------

class _Reporter:
    def __init__(self, name):
        self.name, self.description = name, "测试"

    def render(self, result, stream):
        stream.write("ok\n")


def test_misbehaving_hooks_are_reported_by_name():
    class NotAReader:
        name = "broken"
        extensions = ("md",)  # no dot

    plugins = [
        ("typo", types.SimpleNamespace(xxgk_rule=hookimpl(lambda: [MentionsFee]))),  # misspelt hook name
        ("not-iterable", _plugin("not_iterable", xxgk_rules=lambda: 42)),
        ("exits", _plugin("exits", xxgk_readers=lambda: sys.exit(3))),
        ("bad-reader", _plugin("bad_reader", xxgk_readers=lambda: [NotAReader()])),
        ("bad-reporter", _plugin("bad_reporter", xxgk_reporters=lambda: [object()])),
        ("json-again", _plugin("json_again", xxgk_reporters=lambda: [_Reporter("json"), _Reporter("extra")])),
    ]
    host = load_plugins(extra=plugins)
    errors = {e.plugin: e.message for e in host.errors}
    assert set(errors) == {name for name, _ in plugins}
    assert "未知的钩子 xxgk_rule" in errors["typo"] and "xxgk_rules" in errors["typo"]
    assert "TypeError" in errors["not-iterable"]
    assert "SystemExit" in errors["exits"]
    assert "extensions" in errors["bad-reader"]
    assert "name" in errors["bad-reporter"]
    assert "json" in errors["json-again"] and "json-reporter" in errors["json-again"]
    assert host.reporters["json"][0] == "json-reporter" and host.reporters["extra"][0] == "json-again"
    assert {"S101", "A301"} <= set(host.rules) and {"text", "pdf"} <= {r.name for _, r in host.readers}


def test_duplicate_ruleset_names_keep_the_first(tmp_path):
    national = tmp_path / "national.toml"
    national.write_text('name = "national"\n', encoding="utf-8")
    host = load_plugins(extra=[("shadow", _plugin("shadow", xxgk_rulesets=lambda: [national]))])
    (error,) = host.errors
    assert error.plugin == "shadow" and "national" in error.message and "national-ruleset" in error.message
    assert [plugin for plugin, p in host.rulesets if p.stem == "national"] == ["national-ruleset"]


def test_hooks_and_contributions_are_described():
    from xxgk_lint.core.plugins import describe

    host = load_plugins(extra=[("fee-plugin", _plugin("fee_plugin", xxgk_rules=lambda: [MentionsFee]))])
    doc = describe(host)
    plugins = {p["name"]: p for p in doc["plugins"]}
    assert doc["api_version"] == 1 and doc["errors"] == []
    assert plugins["fee-plugin"] == {
        "name": "fee-plugin", "module": "fee_plugin", "distribution": None, "version": None, "loaded": True,
        "hooks": ["xxgk_rules"], "rules": ["Z901"], "readers": [], "reporters": [], "rulesets": [], "errors": []}
    builtin = plugins["builtin-rules"]
    assert builtin["distribution"] == "xxgk-lint" and builtin["version"] and "S101" in builtin["rules"]
    assert plugins["text-reader"]["readers"] == [{"name": "text", "extensions": [".txt", ".text"]}]
    assert plugins["sarif-reporter"]["reporters"] == ["sarif"]
    assert "national" in plugins["national-ruleset"]["rulesets"]


def _xxgk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


def test_plugins_command_lists_what_is_installed():
    out = _xxgk("plugins")
    assert out.returncode == 0, out.stderr
    assert "插件接口版本 API_VERSION = 1" in out.stdout
    assert "builtin-rules  xxgk-lint " in out.stdout and "钩子：xxgk_rules" in out.stdout
    assert "输出格式：sarif" in out.stdout and "读取器：pdf（.pdf）" in out.stdout
    doc = json.loads(_xxgk("plugins", "--format", "json").stdout)
    names = {p["name"] for p in doc["plugins"]}
    assert {"builtin-rules", "text-reader", "json-reporter", "sarif-reporter", "github-reporter",
            "junit-reporter", "markdown-reporter", "national-ruleset"} <= names
    assert doc["errors"] == []


_RULES_PLUGIN = '''
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.rules import Rule

DOC = "检查内容\\n测试。\\n\\n为什么\\n测试。\\n\\n不符合的示例\\n    无\\n\\n符合的示例\\n    无\\n"


class Clash(Rule):
    __doc__ = DOC
    code, name, summary, category = "S101", "clash", "冲突", "structure"


class Fine(Rule):
    __doc__ = DOC
    code, name, summary, category = "ACME101", "fine", "正常", "regional"

    def check(self, report, params):
        return []


@hookimpl
def xxgk_rules():
    return [Clash, Fine]
'''


def test_plugins_command_reports_broken_third_party_plugins(tmp_path):
    """A distribution with three entry points: one fails to import, one raises, one contributes a rule that
    clashes with S101 and a good one.  ``xxgk plugins`` names each problem, lists the rest, and exits 2."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_broken.py").write_text("import acme_missing_dependency\n", encoding="utf-8")
    (site / "acme_raising.py").write_text(textwrap.dedent("""
        from xxgk_lint.core.hookspecs import hookimpl

        @hookimpl
        def xxgk_reporters():
            raise RuntimeError('reporter hook failed')
    """), encoding="utf-8")
    (site / "acme_rules.py").write_text(_RULES_PLUGIN, encoding="utf-8")
    dist = site / "acme_xxgk-2.3.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-xxgk\nVersion: 2.3\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[xxgk_lint]\nacme-broken = acme_broken\nacme-raising = acme_raising\nacme-rules = acme_rules\n",
        encoding="utf-8")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    out = _xxgk("plugins", "--format", "json", env=env)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    doc = json.loads(out.stdout)
    plugins = {p["name"]: p for p in doc["plugins"]}
    broken = plugins["acme-broken"]
    assert broken["loaded"] is False and (broken["distribution"], broken["version"]) == ("acme-xxgk", "2.3")
    assert "acme_missing_dependency" in broken["errors"][0]
    assert "reporter hook failed" in plugins["acme-raising"]["errors"][0]
    rules = plugins["acme-rules"]
    assert rules["rules"] == ["ACME101"] and rules["hooks"] == ["xxgk_rules"]
    assert "S101" in rules["errors"][0] and "builtin-rules" in rules["errors"][0]
    assert plugins["builtin-rules"]["errors"] == []  # the built-in keeps S101, whatever the plugin's name
    assert {e["plugin"] for e in doc["errors"]} == {"acme-broken", "acme-raising", "acme-rules"}
    text = _xxgk("plugins", env=env)
    assert text.returncode == 2
    assert "acme-broken  acme-xxgk 2.3  acme_broken  [加载失败]" in text.stdout
    assert "xxgk: 插件 acme-rules: 规则代码 S101 重复" in text.stderr
