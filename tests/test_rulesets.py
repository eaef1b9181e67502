"""Rulesets: schema validation and its messages, extends chains and cycles, merging, select/ignore, every
declarative check kind on real-shaped reports, and each shipped regional ruleset (one passing and one failing
report per regional check), also end to end through ``python -m xxgk_lint check``.

Reports are built from tests/data/compliant-2021.txt with literal replacements (or the real shuyang page in
../shared/corpus); findings are filtered to the codes under test, so national rules added later do not matter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pytest

from xxgk_lint.core.engine import lint_report
from xxgk_lint.core.ruleset import ConfigError, Ruleset, resolve_ruleset
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.readers.html import HtmlReader
from xxgk_lint.plugins.readers.text import TextReader

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHUYANG = ROOT.parent / "shared" / "corpus" / "shuyang-fagaiju-2023.html"
BASE = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")
REGIONAL = ("huaihua", "wuwei", "sichuan", "yueyang")


# --- helpers ------------------------------------------------------------------------------------------------


def _available(host) -> dict[str, Path]:
    return {p.stem: p for _, p in host.rulesets}


def _known(host) -> dict:
    return {code: rule for code, (_, rule) in host.rules.items()}


def load(host, ref: str | Path, **extra: Path) -> Ruleset:
    return resolve_ruleset(str(ref), {**_available(host), **extra}, _known(host))


def refused(host, ref: str | Path, **extra: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load(host, ref, **extra)
    return str(info.value)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def variant(*pairs: tuple[str, str], text: str = BASE) -> str:
    for old, new in pairs:
        assert old in text, f"replacement target {old!r} not in the base text"
        text = text.replace(old, new, 1)
    return text


def published(date: str, text: str) -> str:
    """A metadata line heading the text, as crawler exports carry it (gives Report.publication_date)."""
    return f"发布时间：{date}\n{text}"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def lint(host, ruleset: Ruleset, text: str, tmp_path: Path, codes: tuple[str, ...] | None = None,
         suffix: str = ".txt"):
    """Findings of the ruleset's rules whose code starts with one of ``codes`` (default: its own checks)."""
    path = tmp_path / f"report{suffix}"
    path.write_text(text, encoding="utf-8")
    reader = HtmlReader() if suffix == ".html" else TextReader()
    report = reader.read(path, path.read_bytes())
    prefixes = codes or tuple(ruleset.checks)
    rules = [a for a in active_rules(host, ruleset) if a.rule.code.startswith(prefixes)]
    findings, errors = lint_report(report, rules)
    assert not errors, errors
    return findings


def checks_file(folder: Path, *checks: str, head: str = 'extends = "national"\n') -> Path:
    return write(folder, "local.toml", head + "".join(f"\n[[check]]\n{c.strip()}\n" for c in checks))


# --- the schema ---------------------------------------------------------------------------------------------


def test_docs_schema_is_the_shipped_schema():
    shipped = (ROOT / "rulesets" / "ruleset.schema.json").read_bytes()
    assert (ROOT / "docs" / "ruleset.schema.json").read_bytes() == shipped


def test_schema_is_valid_and_accepts_every_shipped_ruleset():
    import jsonschema

    schema = json.loads((ROOT / "rulesets" / "ruleset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "rulesets").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path.name


@pytest.mark.parametrize("name", ["national", *REGIONAL])
def test_shipped_rulesets_load(host, name):
    ruleset = load(host, name)
    assert ruleset.name == name
    if name != "national":
        assert ruleset.chain == [name, "national"]
        assert ruleset.declared and all(rule.code in ruleset.checks for rule in ruleset.declared)


@pytest.mark.parametrize("name", REGIONAL)
def test_regional_rulesets_cite_their_source_and_document_every_check(name):
    path = ROOT / "rulesets" / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["extends"] == "national" and data["name"] == name
    assert data["description"] and data["source"]
    assert "更严" in text and "更宽" in text, "the file says regions may be stricter, never looser"
    prefix = {"huaihua": "HH", "wuwei": "WW", "sichuan": "SC", "yueyang": "YY"}[name]
    regional = (ROOT.parent / "shared" / "domain" / "regional.md")
    for check in data["check"]:
        assert check["code"].startswith(prefix), check["code"]
        for key in ("source", "category", "severity", "message", "summary", "example_bad", "example_good"):
            assert check.get(key), (check["code"], key)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in check["message"]), check["code"]
        assert check["source"].startswith(data["source"].split("（")[0]), check["code"]
    if regional.is_file() and name == "wuwei":
        number = "武政办发〔2025〕54号"
        assert number in regional.read_text(encoding="utf-8") and number in data["source"]
    if name == "sichuan":
        assert "DB51/T 2660—2019《政府信息公开工作年度报告编制发布规范》" in data["source"]


# Each bad ruleset: what the error must say (the file is always named; "第 N 行" is the line of the key).
BAD = {
    "wrong-severity": ('extends = "national"\n[rules.S101]\nseverity = "fatal"\n',
                       ["第 3 行", "rules.S101.severity", "应为 error、warning、info 之一", "'fatal'"]),
    "unknown-top-level-key": ('extends = "national"\nnmae = "本地"\n', ["第 2 行", "不认识的键 nmae", "是不是 name？"]),
    "unknown-check-key": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "require"\npattern = "公开"\n'
                          'message = "m"\nsevrity = "error"\n',
                          ["第 8 行", "check[0]（ZZ01）", "不认识的键 sevrity", "是不是 severity？"]),
    "key-of-another-kind": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "deadline"\n'
                            'deadlines = { department = "01-28" }\npattern = "x"\nmessage = "m"\n',
                            ["第 7 行", "check[0]（ZZ01）", "不认识的键 pattern"]),
    "missing-required-field": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "require"\nmessage = "m"\n',
                               ["第 3 行", "check[0]（ZZ01）", '缺少必填项 pattern（kind = "require" 时必填）']),
    "missing-message": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\npattern = "XX"\n',
                        ["第 3 行", "check[0]（ZZ01）", "缺少必填项 message"]),
    "unknown-kind": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "frobid"\npattern = "XX"\n'
                     'message = "m"\n', ["第 5 行", "check[0]（ZZ01）.kind", "应为 require、forbid", "'frobid'"]),
    "bad-code": ('extends = "national"\n\n[[check]]\ncode = "zz1"\nkind = "forbid"\npattern = "XX"\nmessage = "m"\n',
                 ["第 4 行", ".code", "格式不符", "'zz1'"]),
    "bad-month-day": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "deadline"\n'
                      'deadlines = { department = "1-31" }\nmessage = "m"\n',
                      ["第 6 行", "check[0]（ZZ01）.deadlines.department", "格式不符", "'1-31'"]),
    "bad-regex": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "require"\nsections = ["一"]\n'
                  'pattern = "(主动公开"\nmessage = "m"\n',
                  ["第 7 行", "check ZZ01", "pattern 不是有效的正则表达式", "'(主动公开'"]),
    "word-boundary-refused": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\n'
                              "pattern = '\\b某某\\b'\nmessage = \"m\"\n",
                              ["第 6 行", "check ZZ01", "pattern 使用了 \\b", "汉字之间不起作用"]),
    "catastrophic-regex-refused": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\n'
                                   "pattern = '(a+)+$'\nmessage = \"m\"\n",
                                   ["第 6 行", "check ZZ01", "pattern 的正则表达式可能回溯失控", "占有量词"]),
    "catastrophic-regex-in-variants": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "consistency"\n'
                                       "variants = ['甲', '(?:[一二三]+、)*乙']\nmessage = \"m\"\n",
                                       ["第 6 行", "check ZZ01", "variants 的正则表达式可能回溯失控"]),
    "bad-regex-in-except": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\npattern = "XX"\n'
                            'except = ["[型号"]\nmessage = "m"\n',
                            ["第 7 行", "check ZZ01", "except 不是有效的正则表达式"]),
    "bad-expression": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "identity"\n'
                       'expression = "t2.normative.in_force = t2.normative.issued * 2"\nmessage = "m"\n',
                       ["第 6 行", "check ZZ01", "expression 只能由单元格编号、数字和 + - 组成"]),
    "unknown-rule-code": ('extends = "national"\n\n[rules.A3O1]\nseverity = "warning"\n',
                          ["第 3 行", "rules.A3O1", "未知的规则代码 A3O1", "是不是 A301"]),
    "unknown-select-prefix": ('extends = "national"\nselect = ["Q"]\n', ["第 2 行", "select", "未知的规则代码 Q"]),
    "parameter-of-a-check": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\npattern = "XX"\n'
                             'message = "m"\n\n[rules.ZZ01]\nlimit = 3\n',
                             ["第 10 行", "rules.ZZ01.limit", "不是规则 ZZ01 的参数（可用参数：无）"]),
    "duplicate-check-code": ('extends = "national"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\npattern = "XX"\n'
                             'message = "m"\n\n[[check]]\ncode = "ZZ01"\nkind = "forbid"\npattern = "YY"\n'
                             'message = "m"\n', ["第 9 行", "ZZ01 在本文件中重复"]),
    "check-code-of-a-builtin-rule": ('extends = "national"\n\n[[check]]\ncode = "S101"\nkind = "forbid"\n'
                                     'pattern = "XX"\nmessage = "m"\n', ["第 3 行", "S101 与已有规则重复", "HH01"]),
    "remove-from-unset-select": ('extends = "national"\nselect = { remove = ["T"] }\n',
                                 ["第 2 行", "select 未设置", "请改用 ignore"]),
    "toml-syntax": ('extends = "national"\nname = "本地\n', ["第 2 行第 11 列，TOML 语法错误"]),
    "unknown-extends-name": ('extends = "nationl"\n',
                             ["第 1 行", "extends", "未知的规则集 'nationl'", "national", "huaihua"]),
    "missing-extends-file": ('extends = "../没有这个文件.toml"\n',
                             ["第 1 行", "extends", "没有这个文件.toml: 规则集文件不存在"]),
}


@pytest.mark.parametrize(("content", "parts"), list(BAD.values()), ids=list(BAD))
def test_bad_ruleset_is_refused_with_where_and_what(host, tmp_path, content, parts):
    path = write(tmp_path, "local.toml", content)
    message = refused(host, path)
    assert message.startswith(f"{path}: "), message
    for part in parts:
        assert part in message, (part, message)


def test_disabled_check_is_not_compiled(host, tmp_path):
    """A check switched off in its own table is not in use: even a bad pattern does not stop the run."""
    path = checks_file(tmp_path, 'code = "ZZ01"\nkind = "forbid"\npattern = "(XX"\nmessage = "m"\nenabled = false')
    ruleset = load(host, path)
    assert "ZZ01" in ruleset.checks and not ruleset.declared


# --- extends ------------------------------------------------------------------------------------------------


def test_three_level_chain_by_name_and_by_relative_path(host, tmp_path, monkeypatch):
    top = write(tmp_path, "county/top.toml",
                'name = "top"\nextends = "middle"\n[rules.B101]\nseverity = "info"\n')
    middle = write(tmp_path, "shared/middle.toml",
                   'name = "middle"\nextends = "base/city.toml"\nignore = ["T111"]\n')
    write(tmp_path, "shared/base/city.toml",
          'name = "city"\nextends = "huaihua"\n[rules.HH03]\nseverity = "error"\n')
    monkeypatch.chdir(tmp_path / "county")  # relative extends are relative to the file, not to the cwd
    ruleset = load(host, top, middle=middle)
    assert ruleset.chain == ["top", "middle", "city", "huaihua", "national"]
    assert ruleset.rules["B101"]["severity"] == "info"
    assert ruleset.rules["B101"]["blank_policy"] == "missing"  # from national, three levels up
    assert ruleset.rules["HH03"]["severity"] == "error" and {"HH01", "HH02", "HH03"} <= set(ruleset.checks)
    assert ruleset.ignore == ["T111"]
    assert ruleset.origins["rules.B101.severity"] == str(top)
    assert ruleset.origins["rules.B101.blank_policy"].endswith("national.toml")


def test_extends_cycle_is_refused_with_the_chain(host, tmp_path):
    a = write(tmp_path, "a.toml", 'name = "a"\nextends = "b.toml"\n')
    b = write(tmp_path, "b.toml", 'name = "b"\nextends = "a.toml"\n')
    message = refused(host, a)
    assert "extends 形成循环" in message
    assert f"{a.resolve()} → {b.resolve()} → {a.resolve()}" in message


def test_extends_cycle_through_names_and_to_itself(host, tmp_path):
    a = write(tmp_path, "a.toml", 'name = "a"\nextends = "b"\n')
    b = write(tmp_path, "b.toml", 'name = "b"\nextends = "a"\n')
    assert "extends 形成循环" in refused(host, "a", a=a, b=b)
    own = write(tmp_path, "own.toml", 'name = "own"\nextends = "own.toml"\n')
    message = refused(host, own)
    assert f"extends 形成循环：{own.resolve()} → {own.resolve()}" in message


# --- merging ------------------------------------------------------------------------------------------------


def test_scalars_override_and_tables_merge(host, tmp_path):
    path = write(tmp_path, "local.toml", 'extends = "national"\nname = "local"\ndescription = "本地"\n'
                                         '[rules.B101]\nblank_policy = "zero"\n[rules.A301]\nseverity = "warning"\n')
    ruleset = load(host, path)
    assert (ruleset.name, ruleset.description) == ("local", "本地")
    assert ruleset.rules["B101"] == {"enabled": True, "severity": "error", "blank_policy": "zero"}
    assert ruleset.rules["A301"] == {"enabled": True, "severity": "warning", "blank_policy": "missing"}
    setting = ruleset.setting(_known(host)["A301"])
    assert setting.severity.value == "warning" and setting.params["blank_policy"] == "missing"


def test_lists_replace_unless_append_or_remove(host, tmp_path):
    parent = write(tmp_path, "parent.toml", 'extends = "national"\nselect = ["S", "A"]\nignore = ["T110"]\n')
    replaced = write(tmp_path, "replaced.toml", 'extends = "parent.toml"\nselect = ["B"]\nignore = ["T111"]\n')
    edited = write(tmp_path, "edited.toml", 'extends = "parent.toml"\nselect = { append = ["T"], remove = ["A"] }\n'
                                            'ignore = { append = ["S101"] }\n')
    emptied = write(tmp_path, "emptied.toml", 'extends = "parent.toml"\nignore = { remove = ["T110"] }\n')
    assert (load(host, parent).select, load(host, parent).ignore) == (["S", "A"], ["T110"])
    assert (load(host, replaced).select, load(host, replaced).ignore) == (["B"], ["T111"])
    assert (load(host, edited).select, load(host, edited).ignore) == (["S", "T"], ["T110", "S101"])
    assert load(host, emptied).ignore == []


def test_list_parameters_replace_or_edit_the_rule_default(host, tmp_path):
    from xxgk_lint.core.rules import Rule

    class Words(Rule):
        """检查内容\n示例\n\n为什么\n示例\n\n不符合的示例\n    甲\n\n符合的示例\n    乙\n"""

        code, name, summary, category = "ZQ901", "words", "示例", "content"
        parameters: ClassVar[Mapping[str, Any]] = {"words": ["甲", "乙"], "limit": 3}

    known = {**_known(host), "ZQ901": Words}
    parent = write(tmp_path, "parent.toml", 'extends = "national"\n[rules.ZQ901]\nwords = { append = ["丙"] }\n')
    child = write(tmp_path, "child.toml",
                  'extends = "parent.toml"\n[rules.ZQ901]\nwords = { remove = ["甲"], append = ["丁"] }\n')
    replaced = write(tmp_path, "replaced.toml", 'extends = "parent.toml"\n[rules.ZQ901]\nwords = ["戊"]\n')

    def words(path: Path) -> list[str]:
        ruleset = resolve_ruleset(str(path), _available(host), known)
        return ruleset.setting(Words).params["words"]

    assert words(parent) == ["甲", "乙", "丙"]
    assert words(child) == ["乙", "丙", "丁"]
    assert words(replaced) == ["戊"]


def test_append_to_an_unset_select_keeps_every_rule(host, tmp_path):
    path = write(tmp_path, "local.toml", 'extends = "huaihua"\nselect = { append = ["HH"] }\n')
    ruleset = load(host, path)
    assert ruleset.select is None
    codes = {a.rule.code for a in active_rules(host, ruleset)}
    assert {"S101", "HH01"} <= codes


def test_check_is_replaced_by_code(host, tmp_path):
    path = checks_file(tmp_path, '''
code = "HH03"
kind = "forbid"
pattern = '某某单位'
severity = "error"
message = "残留“{found}”"
''', head='extends = "huaihua"\n')
    ruleset = load(host, path)
    check = ruleset.checks["HH03"]
    assert check["pattern"] == "某某单位" and check["severity"] == "error" and "summary" not in check
    assert check["_file"] == str(path) and ruleset.checks["HH01"]["_file"].endswith("huaihua.toml")
    text = variant(("全年主动公开政府信息 1523 条", "某某单位全年主动公开政府信息 XX 条"))
    findings = lint(host, ruleset, text, tmp_path, ("HH03",))
    assert [(f.rule, f.message, f.severity.value) for f in findings] == [("HH03", "残留“某某单位”", "error")]


def test_check_disabled_and_severity_changed_through_rules_table(host, tmp_path):
    path = write(tmp_path, "local.toml",
                 'extends = "huaihua"\n[rules.HH03]\nenabled = false\n[rules.HH02]\nseverity = "error"\n')
    ruleset = load(host, path)
    codes = {a.rule.code: a for a in active_rules(host, ruleset)}
    assert "HH03" not in codes and "HH01" in codes
    assert codes["HH02"].setting.severity.value == "error"
    text = variant(("示例县人民政府\n\n2024年1月20日", "示例县人民政府\n\n2024年2月21日"),
                   ("1523 条", "XX 条"))
    findings = lint(host, ruleset, text, tmp_path, ("HH",))
    assert [(f.rule, f.severity.value) for f in findings] == [("HH02", "error")]


# --- select / ignore ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("select", "ignore", "code", "runs"), [
    (None, [], "S101", True),
    (["S"], [], "S101", True),
    (["S"], [], "A301", False),
    (["S"], ["S1"], "S101", False),  # the longer (ignore) prefix wins
    (["S10"], ["S1"], "S101", True),  # the longer (select) prefix wins
    (["S1"], ["S1"], "S101", False),  # a tie: ignore wins
    (None, ["S101"], "S101", False),
    (["HH", "S"], ["HH0"], "HH01", False),
    (["HH01"], ["HH"], "HH01", True),
])
def test_select_and_ignore_by_longest_prefix(select, ignore, code, runs):
    assert Ruleset("t", "t.toml", select=select, ignore=ignore).selects(code) is runs


def test_select_in_a_ruleset_limits_the_active_rules(host, tmp_path):
    path = write(tmp_path, "local.toml", 'extends = "huaihua"\nselect = ["HH", "S101"]\nignore = ["HH02"]\n')
    codes = sorted(a.rule.code for a in active_rules(host, load(host, path)))
    assert codes == ["HH01", "HH03", "S101"]


# --- each declarative kind, passing and failing -------------------------------------------------------------

SIGNOFF = "示例县人民政府\n\n2024年1月20日"


def _one(host, tmp_path, check: str, text: str, head: str = 'extends = "national"\n'):
    ruleset = load(host, checks_file(tmp_path, check, head=head))
    return lint(host, ruleset, text, tmp_path, ("ZZ",))


def test_require_counts_in_a_section(host, tmp_path):
    check = ('code = "ZZ01"\nkind = "require"\nsections = ["一"]\npattern = "主动公开"\nmin = {min}\n{max}'
             'message = "“{{section}}”中“主动公开”出现 {{count}} 次，应为 {{min}} 至 {{max}} 次"')
    assert _one(host, tmp_path, check.format(min=2, max=""), BASE) == []
    [f] = _one(host, tmp_path, check.format(min=3, max=""), BASE)
    assert f.message == "“一、总体情况”中“主动公开”出现 2 次，应为 3 至 不限 次"
    assert (f.line, f.section, f.evidence["count"]) == (line_of(BASE, "一、总体情况"), "一", 2)
    [f] = _one(host, tmp_path, check.format(min=1, max="max = 1\n"), BASE)
    assert "出现 2 次，应为 1 至 1 次" in f.message


def test_require_in_the_whole_text_has_no_line(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "require"\npattern = "信息处理费"\nmessage = "全文未提及信息处理费（{count} 次）"'
    assert _one(host, tmp_path, check, BASE) == []
    [f] = _one(host, tmp_path, check, variant(("本机关未收取信息处理费", "本机关未收取任何费用")))
    assert (f.message, f.line, f.section) == ("全文未提及信息处理费（0 次）", None, None)


def test_require_is_silent_when_the_section_is_missing(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "require"\nsections = ["六"]\npattern = "信息处理费"\nmessage = "m"'
    text = BASE[: BASE.index("六、其他需要报告的事项")]
    assert _one(host, tmp_path, check, text) == []  # S101 reports the missing section


def test_forbid_with_exception(host, tmp_path):
    check = ('code = "ZZ01"\nkind = "forbid"\npattern = \'[Xx]{2,}\'\nexcept = [\'XX型\']\n'
             'message = "残留占位符“{found}”"')
    assert _one(host, tmp_path, check, variant(("1523 条", "1523 条（XX型终端发布）"))) == []
    text = variant(("申请 16 件", "申请 XX 件"))
    [f] = _one(host, tmp_path, check, text)
    assert (f.message, f.line, f.section) == ("残留占位符“XX”", line_of(text, "申请 XX 件"), "一")
    assert (f.column, f.end_column - f.column) == (text.splitlines()[f.line - 1].index("XX") + 1, 2)


def test_substitute(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "substitute"\nswap = { "红头文件" = "行政规范性文件" }\n' \
            'message = "“{found}”应写作“{expected}”"'
    assert _one(host, tmp_path, check, BASE) == []
    text = variant(("及时发布政策文件", "及时发布红头文件"))
    [f] = _one(host, tmp_path, check, text)
    assert (f.message, f.line) == ("“红头文件”应写作“行政规范性文件”", line_of(text, "红头文件"))


def test_consistency(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "consistency"\nvariants = ["示例县人民政府", "示例县政府"]\n' \
            'message = "机关名称“{found}”与全文通用的“{expected}”不一致"'
    assert _one(host, tmp_path, check, BASE) == []
    text = variant(("2023 年，示例县人民政府认真", "2023 年，示例县政府认真"))
    [f] = _one(host, tmp_path, check, text)
    assert f.message == "机关名称“示例县政府”与全文通用的“示例县人民政府”不一致"
    assert (f.line, f.section) == (line_of(text, "示例县政府认真"), "一")


def test_conditional_on_a_pattern(host, tmp_path):
    check = ('code = "ZZ01"\nkind = "conditional"\nsections = ["六"]\nif_pattern = \'(?<!未)收取信息处理费\'\n'
             'then = \'\\d+(?:\\.\\d+)?\\s*元\'\nthen_sections = ["六"]\nmessage = "写明“{found}”却未写收费金额"')
    assert _one(host, tmp_path, check, BASE) == []  # 未收取: the condition does not hold
    assert _one(host, tmp_path, check, variant(("本机关未收取信息处理费。", "本机关收取信息处理费 200 元。"))) == []
    text = variant(("本机关未收取信息处理费。", "本机关收取信息处理费。"))
    [f] = _one(host, tmp_path, check, text)
    assert f.message == "写明“收取信息处理费”却未写收费金额"
    assert (f.line, f.section) == (line_of(text, "收取信息处理费"), "六")


def test_conditional_on_a_cell(host, tmp_path):
    check = ('code = "ZZ01"\nkind = "conditional"\nif_cell = "t2.normative.issued"\nthen = "规范性文件"\n'
             'then_sections = ["一"]\nmessage = "表二制发行政规范性文件 {found} 件，总体情况却未提及"')
    assert _one(host, tmp_path, check, variant(("依申请公开。", "依申请公开。制发行政规范性文件 4 件。"))) == []
    [f] = _one(host, tmp_path, check, BASE)
    assert (f.message, f.line, f.section) == ("表二制发行政规范性文件 4 件，总体情况却未提及",
                                              line_of(BASE, "行政规范性文件\t4"), "二")
    assert _one(host, tmp_path, check, variant(("行政规范性文件\t4\t1\t37", "行政规范性文件\t0\t1\t37"))) == []


def test_identity(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "identity"\nexpression = "t2.normative.in_force = t2.normative.issued + {n}"\n' \
            '{extra}message = "{{left}} ≠ {{right}}（{{expression}}）"'
    assert _one(host, tmp_path, check.format(n=33, extra=""), BASE) == []
    [f] = _one(host, tmp_path, check.format(n=30, extra=""), BASE)
    assert f.message == "37 ≠ 34（t2.normative.in_force = t2.normative.issued + 30）"
    assert (f.line, f.table, set(f.cells)) == (line_of(BASE, "行政规范性文件\t4"), 2,
                                               {"t2.normative.in_force", "t2.normative.issued"})
    assert _one(host, tmp_path, check.format(n=30, extra="tolerance = 3\n"), BASE) == []
    blank = variant(("行政规范性文件\t4\t1\t37", "行政规范性文件\t\t1\t37"))
    assert _one(host, tmp_path, check.format(n=30, extra=""), blank) == []  # a blank is not 0: no verdict


def test_deadline_on_the_signoff_by_body_kind(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "deadline"\ndate = "signoff"\ndeadlines = {{ {d} }}\n' \
            'message = "{{date}} 晚于{{body_kind}}的期限 {{deadline}}"'
    assert _one(host, tmp_path, check.format(d='government = "01-20"'), BASE) == []
    [f] = _one(host, tmp_path, check.format(d='government = "01-10"'), BASE)
    assert f.message == "2024年1月20日 晚于县（区）人民政府的期限 2024年1月10日"
    assert (f.line, f.end_line) == (line_of(BASE, SIGNOFF), line_of(BASE, "2024年1月20日"))  # the sign-off block
    assert f.evidence["body_kind"] == "county"
    # the body's own kind wins over "government", which wins over "default"
    assert _one(host, tmp_path, check.format(d='county = "01-25", government = "01-10"'), BASE) == []
    assert len(_one(host, tmp_path, check.format(d='city = "01-25", government = "01-10"'), BASE)) == 1
    assert len(_one(host, tmp_path, check.format(d='default = "01-10"'), BASE)) == 1
    assert _one(host, tmp_path, check.format(d='department = "01-10"'), BASE) == []  # no date for this kind


def test_deadline_on_the_publication_date_of_a_real_page(host, tmp_path):
    if not SHUYANG.is_file():
        pytest.skip(f"{SHUYANG} not available")
    page = SHUYANG.read_text(encoding="utf-8")  # 沭阳县发展和改革局, 公开日期 2024-01-17
    check = 'code = "ZZ01"\nkind = "deadline"\ndeadlines = {{ department = "{d}" }}\n' \
            'message = "{{date}} 晚于{{body_kind}}的期限 {{deadline}}"'
    ruleset = load(host, checks_file(tmp_path, check.format(d="01-17")))
    assert lint(host, ruleset, page, tmp_path, ("ZZ",), suffix=".html") == []
    ruleset = load(host, checks_file(tmp_path, check.format(d="01-15")))
    [f] = lint(host, ruleset, page, tmp_path, ("ZZ",), suffix=".html")
    assert f.message == "2024年1月17日 晚于政府部门的期限 2024年1月15日" and f.line is None
    assert _one(host, tmp_path, check.format(d="01-15"), BASE) == []  # no publication date: no verdict


def test_max_length(host, tmp_path):
    check = 'code = "ZZ01"\nkind = "max-length"\nsections = ["一", "五"]\nmax = {n}\n' \
            'message = "“{{section}}”{{length}} 字，超过 {{max}} 字"'
    assert _one(host, tmp_path, check.format(n=200), BASE) == []
    findings = _one(host, tmp_path, check.format(n=80), BASE)
    body = BASE[BASE.index("一、总体情况") + len("一、总体情况"): BASE.index("二、主动公开政府信息情况")]
    length = sum(1 for ch in body if not ch.isspace())
    assert [(f.section, f.line) for f in findings] == [("一", line_of(BASE, "一、总体情况")),
                                                       ("五", line_of(BASE, "五、存在的主要问题"))]
    assert findings[0].message == f"“一、总体情况”{length} 字，超过 80 字"


def test_declared_check_documents_itself(host, tmp_path):
    ruleset = load(host, "huaihua")
    rule = next(r for r in ruleset.declared if r.code == "HH01")
    assert rule.category == "date" and rule.severity.value == "warning" and "1月28日" in rule.summary
    for part in ("检查内容", "为什么", "不符合的示例", "符合的示例", "政府部门次年 01-28 前", "chnzj.gov.cn"):
        assert part in rule.__doc__, part


# --- the shipped regional rulesets: every check passes once and fails once ----------------------------------

WUWEI_OVERVIEW = """2023 年，示例县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，\
全年主动公开政府信息 1523 条。

（一）主动公开。通过政府网站主动公开政府信息 1523 条，政务新媒体发布信息 326 条，通过公示栏公开惠民政策信息 45 条。\
发布政策解读 35 篇，回应社会关切 12 次。公开教育、医疗、就业、养老等重点领域信息 268 条。

（二）依申请公开。全年新收政府信息公开申请 16 件，均在法定期限内答复。

（三）政府信息管理。全年制发行政规范性文件 4 件，废止 1 件，现行有效 37 件。

（四）平台建设。现有政府网站 1 个、政务新媒体账号 5 个，在 12 个乡镇便民服务中心设立政务公开专区，本县不编印政府公报。

（五）监督保障。将政务公开纳入绩效考核，开展业务培训 2 次。

"""
_OLD_OVERVIEW = BASE[BASE.index("2023 年，示例县人民政府认真"): BASE.index("二、主动公开政府信息情况")]
WUWEI_OK = variant((_OLD_OVERVIEW, WUWEI_OVERVIEW))
DEPARTMENT = variant(("示例县人民政府 2023 年", "怀化市财政局 2023 年"),
                     ("2023 年，示例县人民政府", "2023 年，怀化市财政局"),
                     (SIGNOFF, "怀化市财政局\n\n2024年1月25日"))

# (ruleset, code, passing text, failing text, message part, where: "heading 一" | text to find | None)
REGIONAL_CASES = [
    ("huaihua", "HH01", published("2024-01-28", DEPARTMENT), published("2024-01-30", DEPARTMENT),
     "发布日期 2024年1月30日 晚于怀化市对政府部门年度报告要求的发布期限 2024年1月28日", None),
    ("huaihua", "HH01", published("2024-02-20", BASE), published("2024-02-21", BASE),
     "晚于怀化市对县（区）人民政府年度报告要求的发布期限 2024年2月20日", None),
    ("huaihua", "HH02", DEPARTMENT, variant(("2024年1月25日", "2024年1月27日"), text=DEPARTMENT),
     "落款日期 2024年1月27日 晚于怀化市对政府部门年度报告要求的报送期限 2024年1月26日",
     "怀化市财政局\n\n2024年1月27日"),
    ("huaihua", "HH03", BASE, variant(("新收政府信息公开申请 16 件", "新收政府信息公开申请 XX 件")),
     "正文残留模板占位符“XX”", "XX 件"),
    ("wuwei", "WW01", WUWEI_OK,
     variant(("开展业务培训 2 次。", "开展业务培训 2 次。" + "加强督查，" * 200), text=WUWEI_OK),
     "字（不计空白），超过武威市要求的 1000 字", "heading 一"),
    ("wuwei", "WW02", WUWEI_OK, variant(("通过政府网站主动公开政府信息 1523 条", "依托政府网站及时发布政府信息"),
                                        text=WUWEI_OK), "未写明通过政府网站主动公开的信息数量", "heading 一"),
    ("wuwei", "WW03", WUWEI_OK, variant(("政务新媒体发布信息 326 条", "充分发挥政务新媒体作用"), text=WUWEI_OK),
     "未写明通过政务新媒体公开的信息数量", "heading 一"),
    ("wuwei", "WW04", WUWEI_OK, variant(("通过公示栏公开惠民政策信息 45 条", "通过公示栏公开惠民政策"), text=WUWEI_OK),
     "未写明通过政府公报或公示栏公开的数量", "heading 一"),
    ("wuwei", "WW05", WUWEI_OK, variant(("发布政策解读 35 篇", "及时发布政策解读"), text=WUWEI_OK),
     "未写明政策解读的数量", "heading 一"),
    ("wuwei", "WW06", WUWEI_OK, variant(("回应社会关切 12 次", "积极回应社会关切"), text=WUWEI_OK),
     "未写明回应社会关切的数量", "heading 一"),
    ("wuwei", "WW07", WUWEI_OK, variant(("等重点领域信息 268 条", "等重点领域信息"), text=WUWEI_OK),
     "未写明重点领域（教育、医疗、就业、养老、公共资源配置）信息公开的数量", "heading 一"),
    ("wuwei", "WW08", WUWEI_OK, variant(("全年制发行政规范性文件 4 件，废止 1 件，现行有效 37 件",
                                         "行政规范性文件废止 1 件，现行有效 37 件"), text=WUWEI_OK),
     "未写明本年制发行政规范性文件的件数", "heading 一"),
    ("wuwei", "WW09", WUWEI_OK, variant(("全年制发行政规范性文件 4 件，废止 1 件，现行有效 37 件",
                                         "全年制发行政规范性文件 4 件，现行有效 37 件"), text=WUWEI_OK),
     "未写明本年废止行政规范性文件的件数", "heading 一"),
    ("wuwei", "WW10", WUWEI_OK, variant(("全年制发行政规范性文件 4 件，废止 1 件，现行有效 37 件",
                                         "全年制发行政规范性文件 4 件，废止 1 件"), text=WUWEI_OK),
     "未写明现行有效行政规范性文件的件数", "heading 一"),
    ("wuwei", "WW11",
     variant(("规章\t0\t0\t0", "规章\t1\t0\t12"),
             ("现行有效 37 件。", "现行有效 37 件；制定规章 1 件，现行有效规章 12 件。"), text=WUWEI_OK),
     variant(("规章\t0\t0\t0", "规章\t1\t0\t12"), text=WUWEI_OK),
     "表二填有现行有效规章（12 件），但“总体情况”未写明规章", "规章\t1\t0\t12"),
    ("wuwei", "WW12", WUWEI_OK, variant(("现有政府网站 1 个、政务新媒体账号 5 个，", ""), text=WUWEI_OK),
     "未写明政府信息公开平台的数量", "heading 一"),
    ("wuwei", "WW13", WUWEI_OK, variant(("在 12 个乡镇便民服务中心设立政务公开专区", "在便民服务中心设立政务公开专区"),
                                        text=WUWEI_OK), "未写明政务公开专区的数量", "heading 一"),
    ("wuwei", "WW14", variant(("本县不编印政府公报", "编印《示例县人民政府公报》12 期"), text=WUWEI_OK),
     variant(("，本县不编印政府公报", ""), text=WUWEI_OK), "未写明政府公报的期数", "heading 一"),
    ("sichuan", "SC01", BASE, variant(("，所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止", "")),
     "报告未写明数据统计期限：四川省地方标准 DB51/T 2660—2019", None),
    ("sichuan", "SC01", variant(("所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止",
                                 "数据统计时限为2023.1.1—2023.12.31")),
     variant(("所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止", "于 2024 年 1 月 20 日印发")),
     "要求写明统计期限为上一年度 1 月 1 日至 12 月 31 日", None),
    ("yueyang", "YY01", published("2024-02-20", BASE), published("2024-03-01", BASE),
     "发布日期 2024年3月1日 晚于岳阳市对县（区）人民政府年度报告要求的发布期限 2024年2月20日", None),
    ("yueyang", "YY02", variant((SIGNOFF, "示例县人民政府\n\n2024年1月31日")),
     variant((SIGNOFF, "示例县人民政府\n\n2024年2月1日")),
     "落款日期 2024年2月1日 晚于岳阳市要求的备案期限 2024年1月31日", "示例县人民政府\n\n2024年2月1日"),
]


@pytest.mark.parametrize(("name", "code", "good", "bad", "part", "where"), REGIONAL_CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(REGIONAL_CASES)])
def test_regional_check_passes_and_fails(host, tmp_path, name, code, good, bad, part, where):
    ruleset = load(host, name)
    assert lint(host, ruleset, good, tmp_path) == [], "the passing report must pass every regional check"
    findings = lint(host, ruleset, bad, tmp_path)
    assert [f.rule for f in findings] == [code], [(f.rule, f.message) for f in findings]
    [f] = findings
    assert part in f.message, f.message
    assert f.severity.value == ruleset.checks[code]["severity"] and f.category == ruleset.checks[code]["category"]
    if where is None:
        assert f.line is None
    elif where == "heading 一":
        assert (f.line, f.section) == (line_of(bad, "一、总体情况"), "一")
    else:
        assert f.line == line_of(bad, where)


def test_every_regional_check_has_a_case():
    covered = {(name, code) for name, code, *_ in REGIONAL_CASES}
    for name in REGIONAL:
        data = tomllib.loads((ROOT / "rulesets" / f"{name}.toml").read_text(encoding="utf-8"))
        assert {(name, c["code"]) for c in data["check"]} <= covered, name


def test_huaihua_on_the_real_department_page(host, tmp_path):
    if not SHUYANG.is_file():
        pytest.skip(f"{SHUYANG} not available")
    page = SHUYANG.read_text(encoding="utf-8")  # 公开日期 2024-01-17, signed 2024年1月17日
    ruleset = load(host, "huaihua")
    assert lint(host, ruleset, page, tmp_path, ("HH01", "HH02"), suffix=".html") == []
    late = page.replace("<td>2024-01-17</td>", "<td>2024-01-30</td>", 1)
    [f] = lint(host, ruleset, late, tmp_path, ("HH01", "HH02"), suffix=".html")
    assert f.rule == "HH01"
    assert "发布日期 2024年1月30日 晚于怀化市对政府部门年度报告要求的发布期限 2024年1月28日" in f.message


def test_sichuan_keeps_y104_an_error(host):
    ruleset = load(host, "sichuan")
    assert ruleset.setting(_known(host)["Y104"]).severity.value == "error"


def test_docs_describe_every_shipped_regional_check():
    doc = (ROOT / "docs" / "rulesets.md").read_text(encoding="utf-8")
    for name in REGIONAL:
        data = tomllib.loads((ROOT / "rulesets" / f"{name}.toml").read_text(encoding="utf-8"))
        assert f"`{name}`" in doc
        for check in data["check"]:
            assert f"`{check['code']}`" in doc, check["code"]
    for kind in ("require", "forbid", "substitute", "consistency", "conditional", "identity", "deadline",
                 "max-length"):
        assert f'kind = "{kind}"' in doc, kind


def test_every_toml_example_in_the_docs_loads(host, tmp_path):
    import re

    doc = (ROOT / "docs" / "rulesets.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, re.S)
    assert len(blocks) >= 9
    for i, block in enumerate(blocks):
        text = block if "extends" in block else 'extends = "national"\n' + block
        ruleset = load(host, write(tmp_path, f"example{i}.toml", text))
        assert ruleset.declared or ruleset.rules, block


# --- end to end ---------------------------------------------------------------------------------------------


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_cli_runs_a_shipped_regional_ruleset(tmp_path):
    late = write(tmp_path, "late.txt", published("2024-01-30", DEPARTMENT))
    out = xxgk("check", str(late), "--ruleset", "huaihua", "--format", "json", "--no-config", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    findings = [f for f in json.loads(out.stdout)["files"][0]["findings"] if f["rule"].startswith("HH")]
    assert [(f["rule"], f["severity"], f["category"]) for f in findings] == [("HH01", "warning", "date")]
    assert "晚于怀化市对政府部门年度报告要求的发布期限 2024年1月28日" in findings[0]["message"]
    assert findings[0]["evidence"] == {"date": "2024-01-30", "deadline": "2024-01-28", "body_kind": "department"}


def test_cli_exit_code_follows_the_regional_severity(tmp_path):
    period = "，所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止"
    silent = write(tmp_path, "silent.txt", variant((period, "")))
    out = xxgk("check", str(silent), "--ruleset", "sichuan", "--select", "SC", "--format", "json", "--no-config",
               cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    [f] = json.loads(out.stdout)["files"][0]["findings"]
    assert (f["rule"], f["severity"], f["line"]) == ("SC01", "error", None)
    good = write(tmp_path, "good.txt", BASE)
    out = xxgk("check", str(good), "--ruleset", "sichuan", "--select", "SC", "--format", "json", "--no-config",
               cwd=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout)["files"][0]["findings"] == []


@pytest.mark.parametrize(("content", "parts"), [
    BAD["wrong-severity"], BAD["bad-regex"], BAD["unknown-rule-code"], BAD["toml-syntax"],
    ('name = "a"\nextends = "a.toml"\n', ["extends 形成循环"]),
], ids=["severity", "regex", "code", "syntax", "cycle"])
def test_cli_configuration_errors_exit_2_without_traceback(tmp_path, content, parts):
    ruleset = write(tmp_path, "a.toml", content)
    report = write(tmp_path, "report.txt", BASE)
    out = xxgk("check", str(report), "--ruleset", str(ruleset), "--format", "json", "--no-config", cwd=tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert out.stderr.startswith(f"xxgk: {ruleset}: ")
    for part in parts:
        assert part in out.stderr, (part, out.stderr)


def test_parameter_values_are_checked_against_type_and_choices(host, tmp_path):
    from xxgk_lint.core.ruleset import ConfigError

    bad_choice = write(tmp_path, "choice.toml", 'extends = "national"\n[rules.B101]\nblank_policy = "zro"\n')
    with pytest.raises(ConfigError) as info:
        load(host, bad_choice)
    assert "第 3 行，rules.B101.blank_policy：应为 'missing'、'zero'，实际为 'zro'" in str(info.value)
    bad_type = write(tmp_path, "type.toml", 'extends = "national"\n[rules.A201]\nfee_max_decimals = "4"\n')
    with pytest.raises(ConfigError) as info:
        load(host, bad_type)
    assert "rules.A201.fee_max_decimals：应为 int 类型的值" in str(info.value)
