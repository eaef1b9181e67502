"""The example third-party plugin (examples/xxgk-example-plugin) end to end, as a user installs it:
discovered through its entry points, listed by ``xxgk plugins``, its rule firing, its reader opening .md files.

CI installs it (.ci/run: ``pip install ./examples/xxgk-example-plugin``), so there these tests always run; on a
developer machine without it they are skipped.  The example's own test suite (written with xxgk_lint.testing)
runs from the source tree either way.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "xxgk-example-plugin"
DATA = Path(__file__).parent / "data"
DISTRIBUTION = "xxgk-example-plugin"


@pytest.fixture(scope="module")
def example() -> importlib.metadata.Distribution:
    try:
        return importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        if os.environ.get("CI"):
            pytest.fail(f"{DISTRIBUTION} is not installed: CI must run `pip install ./examples/xxgk-example-plugin`")
        pytest.skip(f"{DISTRIBUTION} is not installed (pip install ./examples/xxgk-example-plugin to run these)")


def xxgk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def to_markdown(text: str) -> str:
    """A text report as a Markdown author would write it: headings marked, tab rows as pipe tables."""
    out: list[str] = []
    rows: list[str] = []

    def flush() -> None:
        for i, row in enumerate(rows):
            cells = row.split("\t")
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            if i == 0:
                out.append("|" + "---|" * len(cells))
        rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line)
            continue
        flush()
        if re.match(r"^[一二三四五六]、", line):
            line = "## " + line
        elif line.endswith("工作年度报告") and not any(o.startswith("# ") for o in out):
            line = "# " + line
        out.append(line)
    flush()
    return "\n".join(out)


IN_REGION = ("示例县人民政府 2023 年", "示例省示例县人民政府 2023 年")


def test_discovered_through_its_entry_points(example, host):
    points = {ep.name: ep.value for ep in example.entry_points if ep.group == "xxgk_lint"}
    assert points == {"example-rules": "xxgk_example.rules", "example-markdown-reader": "xxgk_example.markdown_reader"}
    info = {p.name: p for p in host.plugins}
    assert info["example-rules"].distribution == DISTRIBUTION and info["example-rules"].version == example.version
    assert host.rules["EX101"][0] == "example-rules"
    assert host.reader_for_extension(".md").name == "markdown"
    assert not host.errors


def test_listed_by_xxgk_plugins(example):
    out = xxgk("plugins", "--format", "json")
    assert out.returncode == 0, out.stderr
    plugins = {p["name"]: p for p in json.loads(out.stdout)["plugins"]}
    rules = plugins["example-rules"]
    assert (rules["distribution"], rules["version"]) == (DISTRIBUTION, example.version)
    assert rules["hooks"] == ["xxgk_rules", "xxgk_rulesets"]
    assert rules["rules"] == ["EX101"] and rules["rulesets"] == ["example-province"]
    reader = plugins["example-markdown-reader"]
    assert reader["readers"] == [{"name": "markdown", "extensions": [".md", ".markdown"]}]
    text = xxgk("plugins").stdout
    assert f"example-rules  {DISTRIBUTION} {example.version}  xxgk_example.rules" in text
    assert "规则：EX101" in text and "读取器：markdown（.md .markdown）" in text
    assert xxgk("rule", "ex101").stdout.startswith("EX101 第六部分未说明人大代表建议")


def test_its_rule_fires_on_a_report_of_its_region(example, tmp_path):
    report = tmp_path / "示例省示例县.txt"
    text = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")
    report.write_text(text.replace(*IN_REGION, 1).replace("\n示例县人民政府\n", "\n示例省示例县人民政府\n", 1),
                      encoding="utf-8")
    out = xxgk("check", str(report), "--format", "json")
    assert out.returncode == 0, out.stdout  # EX101 is a warning by default
    (finding,) = [f for f in json.loads(out.stdout)["files"][0]["findings"] if f["rule"] == "EX101"]
    assert (finding["line"], finding["section"], finding["severity"], finding["category"]) == (
        73, "六", "warning", "regional")
    strict = xxgk("check", str(report), "--ruleset", "example-province", "--format", "json")
    assert strict.returncode == 1
    assert [f["severity"] for f in json.loads(strict.stdout)["files"][0]["findings"] if f["rule"] == "EX101"] == [
        "error"]
    other = xxgk("check", str(DATA / "compliant-2021.txt"), "--format", "json")  # not 示例省: not checked
    assert other.returncode == 0 and json.loads(other.stdout)["files"][0]["findings"] == []


def test_its_reader_opens_markdown_reports(example, tmp_path):
    for name in ("compliant-2021", "sample-defects"):
        source = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        md = tmp_path / f"{name}.md"
        md.write_text(to_markdown(source), encoding="utf-8")
        as_text = json.loads(xxgk("check", str(DATA / f"{name}.txt"), "--format", "json").stdout)["files"][0]
        out = xxgk("check", str(md), "--format", "json")
        as_md = json.loads(out.stdout)["files"][0]
        assert as_md["format"] == "markdown" and as_md["errors"] == []
        assert as_md["report"] == as_text["report"]
        assert [(f["rule"], f["message"], f["cells"]) for f in as_md["findings"]] == [
            (f["rule"], f["message"], f["cells"]) for f in as_text["findings"]]
        lines = md.read_text(encoding="utf-8").splitlines()
        for f in as_md["findings"]:
            if f["line"] is not None and f["rule"] == "A301":
                assert "本年新收" in lines[f["line"] - 1] or "总计" in lines[f["line"] - 1]
    cells_md = json.loads(xxgk("extract", str(tmp_path / "sample-defects.md")).stdout)
    cells_txt = json.loads(xxgk("extract", str(DATA / "sample-defects.txt")).stdout)
    assert _values(cells_md) == _values(cells_txt) and _values(cells_md)


def _values(doc: dict) -> dict[str, tuple[object, str]]:
    """Every extracted cell (docs/extract.md): id → (value, semantic)."""
    return {cell["id"]: (cell["value"], cell["semantic"]) for table in doc["files"][0]["tables"]
            for cell in table["cells"]}


def test_markdown_files_are_found_in_folders(example, tmp_path):
    (tmp_path / "a.md").write_text(to_markdown((DATA / "compliant-2021.txt").read_text(encoding="utf-8")),
                                   encoding="utf-8")
    out = xxgk("check", str(tmp_path), "--format", "json")
    assert out.returncode == 0, out.stdout
    assert [f["format"] for f in json.loads(out.stdout)["files"]] == ["markdown"]


def test_the_example_test_suite_passes():
    """The example's own tests (xxgk_lint.testing in use) run from its source tree, installed or not."""
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE / "src")}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                         capture_output=True, text=True, cwd=EXAMPLE, env=env, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", out.stdout) and "failed" not in out.stdout
