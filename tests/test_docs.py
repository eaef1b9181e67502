"""Docs that must not go stale: the id scheme in docs/model.md covers every canonical row and column."""

from __future__ import annotations

from pathlib import Path

from xxgk_lint.core.layouts import T2_ROWS_2019, T2_ROWS_2021, T4_BLOCKS, t3_rows

MODEL = (Path(__file__).resolve().parent.parent / "docs" / "model.md").read_text(encoding="utf-8")


def test_model_doc_lists_every_row_and_column_id():
    rows = [*T2_ROWS_2021, *T2_ROWS_2019, *t3_rows("2021", True), *t3_rows("2019", False), *T4_BLOCKS]
    missing = {f"`{r.id}`" for r in rows if f"`{r.id}`" not in MODEL}
    missing |= {f"`{c.id}`" for r in rows for c in r.columns if f"`{c.id}`" not in MODEL}
    assert not missing


def test_readme_quick_start_has_the_two_commands():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## 快速开始", 1)[1].split("##", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("pip install")]
    assert commands == [
        "pip install . && xxgk check tests/data/compliant-2021.txt tests/data/sample-defects.txt",
        'pip install -e ".[test]" && pytest',
    ]


def test_rules_reference_is_generated_from_the_rules(host):
    from xxgk_lint.core.ruledocs import rules_markdown

    current = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    builtin = [entry for entry in host.rules.values() if entry[0] == "builtin-rules"]  # not installed plugins
    assert current == rules_markdown(builtin), (
        "docs/rules.md is stale: run `xxgk rules --plugin builtin-rules --format markdown > docs/rules.md`")


def test_every_rule_doc_has_the_four_parts(host):
    import inspect

    parts = ["检查内容", "为什么", "不符合的示例", "符合的示例"]
    for code, (_, rule) in host.rules.items():
        doc = inspect.cleandoc(rule.__doc__ or "")
        assert [line.strip() for line in doc.splitlines() if line.strip() in parts] == parts, code
