"""Data-driven cross-year rule tests: every file in tests/corpus_cases/ pairs two texts for one rule.

A case names a ``previous`` and a ``current`` report, each a base (``base`` in tests/data, or ``seed``/``corpus``
from ../shared) with optional literal ``replace`` pairs, runs the rule's ``check_pair`` as ``xxgk check`` does and
compares the findings with ``expect`` (line, section, table, severity, cells ⊆, message_contains, and
``related_line``: the line of last year's report the finding points at).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from xxgk_lint.core.crossyear import run_pair
from xxgk_lint.core.engine import finish
from xxgk_lint.core.runner import active_rules
from xxgk_lint.plugins.readers.text import TextReader

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "corpus_cases"
DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in spec["case"]:
            yield pytest.param(spec["rule"], case, id=f"{path.stem}:{case['name']}")


def _report(side: dict, tmp_path: Path, name: str):
    if "base" in side:
        base = DATA / side["base"]
    else:
        folder = "seeds" if "seed" in side else "corpus"
        base = SHARED / folder / side.get("seed", side.get("corpus", ""))
        if not base.is_file():
            pytest.skip(f"{base} not available")
    text = base.read_text(encoding="utf-8")
    for old, new in side.get("replace", []):
        assert old in text, f"replacement target {old!r} not in the base text"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = TextReader().read(path, path.read_bytes())
    report.path = name
    return report


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_corpus_case(code, case, host, national, tmp_path):
    previous = _report(case["previous"], tmp_path, "previous.txt")
    current = _report(case["current"], tmp_path, "current.txt")
    rules = [r for r in active_rules(host, national) if r.rule.code == code]
    assert rules, f"rule {code} is not active in the national ruleset"
    active = rules[0]
    if "params" in case:
        active = replace(active, setting=replace(active.setting, params={**active.setting.params, **case["params"]}))
    findings, error = run_pair(current, previous, active)
    assert error is None
    findings = finish(current, findings)
    expected = case.get("expect", [])
    summary = [(f.line, f.message) for f in findings]
    assert len(findings) == len(expected), f"expected {len(expected)} finding(s), got {summary}"
    for f, exp in zip(findings, expected, strict=True):
        assert f.rule == code and f.category == "cross-year"
        for field in ("line", "section", "table"):
            if field in exp:
                assert getattr(f, field) == exp[field], (field, summary)
        if "severity" in exp:
            assert f.severity.value == exp["severity"]
        if "cells" in exp:
            assert set(exp["cells"]) <= set(f.cells), (exp["cells"], f.cells)
        parts = exp.get("message_contains", [])
        for part in [parts] if isinstance(parts, str) else parts:
            assert part in f.message, (part, f.message)
        assert f.related and f.related[0].path == "previous.txt"
        if "related_line" in exp:
            assert f.related[0].line == exp["related_line"], f.related
        assert f.evidence["previous_path"] == "previous.txt"
        assert f.fingerprint and len(f.fingerprint) == 16
