"""Data-driven rule tests: every file in tests/rule_cases/ lists texts that must pass or fail one rule.

A case starts from a base report (``base`` in tests/data, or ``seed``/``corpus`` from ../shared), applies
literal ``replace`` pairs, lints with the national ruleset and compares the findings of the case's rule with
``expect`` (each expectation may give line, section, table, severity, cells ⊆, message_contains).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from xxgk_lint.core.engine import lint_report
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.readers.text import TextReader

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "rule_cases"
DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in spec["case"]:
            yield pytest.param(spec["rule"], case, id=f"{path.stem}:{case['name']}")


def _base_path(case: dict) -> Path:
    if "base" in case:
        return DATA / case["base"]
    folder = "seeds" if "seed" in case else "corpus"
    path = SHARED / folder / case.get("seed", case.get("corpus", ""))
    if not path.is_file():
        pytest.skip(f"{path} not available")
    return path


def _report(case: dict, host, tmp_path: Path):
    """Text bases may be edited by ``replace``; other formats (HTML, PDF, DOCX) are read as published."""
    base = _base_path(case)
    if base.suffix != ".txt":
        assert "replace" not in case, "replace works on text bases only"
        return host.reader_for_extension(base.suffix).read(base, base.read_bytes())
    text = base.read_text(encoding="utf-8")
    for old, new in case.get("replace", []):
        assert old in text, f"replacement target {old!r} not in the base text"
        text = text.replace(old, new, 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return TextReader().read(path, path.read_bytes())


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, host, national, tmp_path):
    report = _report(case, host, tmp_path)
    rules = [r for r in active_rules(host, national) if r.rule.code == code]
    assert rules, f"rule {code} is not active in the national ruleset"
    if "params" in case:
        setting = replace(rules[0].setting, params={**rules[0].setting.params, **case["params"]})
        rules = [replace(rules[0], setting=setting)]
    findings, errors = lint_report(report, rules)
    assert not errors
    expected = case.get("expect", [])
    summary = [(f.line, f.message) for f in findings]
    assert len(findings) == len(expected), f"expected {len(expected)} finding(s), got {summary}"
    for f, exp in zip(findings, expected, strict=True):
        assert f.rule == code
        for field in ("line", "section", "table"):
            if field in exp:
                assert getattr(f, field) == exp[field], (field, summary)
        if "severity" in exp:
            assert f.severity.value == exp["severity"]
        if "cells" in exp:
            assert set(exp["cells"]) <= set(f.cells), (exp["cells"], f.cells)
        if "message_contains" in exp:
            parts = exp["message_contains"]
            for part in [parts] if isinstance(parts, str) else parts:
                assert part in f.message, (part, f.message)
        assert f.fingerprint and len(f.fingerprint) == 16
