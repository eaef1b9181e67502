"""The Python API for publishing systems: ``xxgk_lint.lint_file`` / ``lint_bytes`` give the JSON contract's data,
never write anywhere, and stay out of ``import xxgk_lint`` until used."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import xxgk_lint
from xxgk_lint.core.reporting import result_to_dict

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))


def cli_json(*args: str, cwd: Path = ROOT) -> dict:
    out = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", *args, "--no-config", "--format", "json"],
                         capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)
    return json.loads(out.stdout)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in results are shown relative to the working directory, as by the command


@pytest.mark.parametrize("name", ["sample-defects.txt", "compliant-2021.txt", "formats/sample-defects.pdf",
                                  "formats/sample-defects.docx", "formats/compliant-2021.html"])
def test_lint_file_equals_the_json_output(name):
    result = xxgk_lint.lint_file(DATA / name)
    expected = cli_json(f"tests/data/{name}")
    assert result.to_dict() == expected["files"][0]
    assert result.exit_code == expected["summary"]["exit_code"]
    assert result.passed is (result.exit_code == 0)
    jsonschema.validate(result_to_dict(result.run_result()), SCHEMA)


def test_lint_bytes_equals_lint_file_except_the_path():
    for name in ("sample-defects.txt", "formats/sample-defects.pdf", "formats/sample-defects.docx"):
        path = DATA / name
        from_path = xxgk_lint.lint_file(path).to_dict()
        from_bytes = xxgk_lint.lint_bytes(path.read_bytes(), filename=f"上传/{path.name}").to_dict()
        assert from_bytes["path"] == f"上传/{path.name}"
        assert {**from_bytes, "path": None} == {**from_path, "path": None}


def test_typed_results():
    result = xxgk_lint.lint_file(DATA / "sample-defects.txt")
    assert isinstance(result, xxgk_lint.LintResult)
    assert result.path == "tests/data/sample-defects.txt" and result.format == "text"
    assert result.report.year == 2023 and result.report.organization == "示例镇人民政府"
    a301 = next(f for f in result.findings if f.rule == "A301")
    assert (a301.line, a301.column, a301.section, a301.severity.value) == (63, 9, "三", "error")
    assert a301 in result.blocking and result.exit_code == 1 and not result.passed
    assert result.at_least("info") == result.findings and result.errors == []


def test_ruleset_config_select_and_fail_on(tmp_path):
    ruleset = tmp_path / "lenient.toml"
    ruleset.write_text('extends = "national"\n[rules.A301]\nseverity = "warning"\n', encoding="utf-8")
    lenient = xxgk_lint.lint_file(DATA / "sample-defects.txt", ruleset=ruleset, select=["A301"])
    assert [(f.rule, f.severity.value) for f in lenient.findings] == [("A301", "warning")]
    assert lenient.passed and lenient.blocking == []
    strict = xxgk_lint.lint_file(DATA / "sample-defects.txt", ruleset=ruleset, select="A301", fail_on="warning")
    assert strict.exit_code == 1
    config = tmp_path / "xxgk.toml"
    config.write_text('ignore = ["B", "A3"]\n', encoding="utf-8")
    configured = xxgk_lint.lint_bytes((DATA / "sample-defects.txt").read_bytes(), "r.txt", config=config)
    rules = {f.rule for f in configured.findings}
    assert rules and not any(r.startswith(("B", "A3")) for r in rules)


def test_configuration_errors_raise():
    with pytest.raises(xxgk_lint.ConfigError, match="no-such-ruleset"):
        xxgk_lint.lint_file(DATA / "compliant-2021.txt", ruleset="no-such-ruleset")
    with pytest.raises(xxgk_lint.ConfigError):
        xxgk_lint.lint_file(DATA / "compliant-2021.txt", select=["Q9"])
    with pytest.raises(IsADirectoryError):
        xxgk_lint.lint_file(DATA)


def test_unreadable_input_is_a_result_not_an_exception():
    empty = xxgk_lint.lint_bytes(b"", filename="空.txt")
    assert empty.exit_code == 2 and [e.code for e in empty.errors] == ["empty"] and empty.report is None
    unknown = xxgk_lint.lint_bytes(b"\x00\x01binary", filename="x.bin")
    assert [e.code for e in unknown.errors] == ["unsupported"]
    missing = xxgk_lint.lint_file(DATA / "does-not-exist.pdf")
    assert [e.code for e in missing.errors] == ["not-found"]
    with pytest.raises(TypeError):
        xxgk_lint.lint_bytes("text, not bytes")  # type: ignore[arg-type]


def test_review_file_next_to_the_report_is_honoured_and_inputs_never_written(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    first = xxgk_lint.lint_file(report, select=["A301"])
    review = tmp_path / "r.txt.xxgk-review.json"
    review.write_text(json.dumps({"version": 1, "report": "r.txt", "decisions": [
        {"fingerprint": first.findings[0].fingerprint, "decision": "waived", "rule": "A301", "reason": "已核实"}]},
        ensure_ascii=False), encoding="utf-8")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    waived = xxgk_lint.lint_file(report, select=["A301"])
    assert waived.findings == [] and waived.passed
    assert waived.to_dict()["suppressed"]["waived"][0]["reason"] == "已核实"
    from_bytes = xxgk_lint.lint_bytes(report.read_bytes(), "r.txt", select=["A301"], waivers=review)
    assert from_bytes.findings == [] and len(from_bytes.file.waived) == 1
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_lint_bytes_writes_nothing(tmp_path):
    """In a fresh process with an empty working directory and an empty TMPDIR, both stay empty."""
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    code = (
        "import sys, xxgk_lint\n"
        f"data = open({str(DATA / 'formats' / 'sample-defects.pdf')!r}, 'rb').read()\n"
        "r = xxgk_lint.lint_bytes(data, filename='报告.pdf')\n"
        "print(r.format, r.exit_code, len(r.findings) > 0)\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work, env=env,
                         timeout=120)
    assert out.stdout.split() == ["pdf", "1", "True"], out.stderr
    assert list(work.iterdir()) == [] and list(tmp.iterdir()) == []


def test_api_is_imported_lazily():
    code = (
        "import sys, xxgk_lint\n"
        "before = sorted(m for m in sys.modules if m.startswith('xxgk_lint'))\n"
        "f = xxgk_lint.lint_file\n"
        "print(before, 'xxgk_lint.api' in sys.modules, f.__module__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "['xxgk_lint'] True xxgk_lint.api", out.stderr
    assert {"lint_file", "lint_bytes", "LintResult"} <= set(dir(xxgk_lint))
    with pytest.raises(AttributeError):
        _ = xxgk_lint.no_such_thing


def test_the_publication_gate_example_in_docs_hook_md():
    """The Python example of docs/hook.md runs: it refuses a report with errors and accepts a clean one."""
    doc = (ROOT / "docs" / "hook.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", doc, re.S)
    namespace: dict = {}
    exec(compile(block, "docs/hook.md", "exec"), namespace)
    refused = namespace["PublicationRefused"]
    gate = namespace["check_before_publishing"]
    with pytest.raises(refused) as info:
        gate((DATA / "sample-defects.txt").read_bytes(), "示例镇2023年报.txt")
    assert "A301" in str(info.value)
    gate((DATA / "compliant-2021.txt").read_bytes(), "示例县2023年报.txt")
