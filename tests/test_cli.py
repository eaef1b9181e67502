"""The installed command as users run it: exit codes, output formats, bad input, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))


def xxgk(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=120)


def test_version():
    out = xxgk("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("xxgk-lint ")


def test_clean_report_exits_0():
    out = xxgk("check", str(DATA / "compliant-2021.txt"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "错误 0" in out.stdout
    assert "compliant-2021.txt: 合格：未发现问题" in out.stdout


def test_findings_exit_1_with_text_lines(shared):
    seed = shared / "seeds" / "000_ea21bc616a0657b5.txt"
    out = xxgk("check", str(seed))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"{seed}:7:1: 错误 S104 正文中遗留了第二个报告标题")  # in document order
    assert any(line.startswith(f"{seed}:9:1: 错误 S101 ") for line in lines)
    assert lines[1].startswith("    正文中出现第二个报告标题")  # the rule's message under the problem
    assert lines[2].startswith("    位置：第 7 行第 1 列")
    assert any(line.startswith("    原文：") and "【" in line for line in lines)


def test_fail_on_threshold(shared, tmp_path):
    ruleset = tmp_path / "warn.toml"
    ruleset.write_text('select = ["S101"]\n\n[rules.S101]\nseverity = "warning"\n', encoding="utf-8")
    seed = str(shared / "seeds" / "000_ea21bc616a0657b5.txt")
    assert xxgk("check", seed, "--ruleset", str(ruleset)).returncode == 0
    assert xxgk("check", seed, "--ruleset", str(ruleset), "--fail-on", "warning").returncode == 1
    assert xxgk("check", seed, "--ruleset", str(ruleset), "--fail-on", "info").returncode == 1


def test_json_output_validates_and_lists_every_seed(shared):
    out = xxgk("check", str(shared / "seeds"), "--format", "json")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert [Path(f["path"]).name for f in doc["files"]] == sorted(p.name for p in (shared / "seeds").glob("*.txt"))
    seed000 = doc["files"][0]
    assert seed000["report"] == {
        "title": "武陟县小董乡人民政府 2023 年政府信息公开工作年度报告",
        "organization": "武陟县小董乡人民政府",
        "year": 2023,
        "format_version": "2021",
        "signoff_date": None,
        "publication_date": None,
    }
    finding = next(f for f in seed000["findings"] if f["rule"] == "S101")
    assert finding["category"] == "structure"
    assert (finding["line"], finding["column"], finding["section"]) == (9, 1, "一")
    assert doc["summary"]["exit_code"] == 1


def test_output_file_and_never_the_input(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((DATA / "compliant-2021.txt").read_bytes())
    before = report.read_bytes()
    target = tmp_path / "out.json"
    out = xxgk("check", str(report), "--format", "json", "--output", str(target))
    assert out.returncode == 0 and out.stdout == ""
    jsonschema.validate(json.loads(target.read_text(encoding="utf-8")), SCHEMA)
    refused = xxgk("check", str(report), "--output", str(report))
    assert refused.returncode == 2 and "输出文件不能是被检查的文件" in refused.stderr
    assert report.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\t\n", "文件为空"),
        ("binary.txt", bytes(range(256)) * 8, "空字节"),
        ("bad-encoding.txt", "报告".encode() + b"\xc3\x28" * 20, "无法识别文件编码"),
    ],
)
def test_bad_file_exit_2_and_others_still_linted(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_bytes((DATA / "compliant-2021.txt").read_bytes())
    out = xxgk("check", str(bad), str(good), "--format", "json")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"{bad}" in out.stderr and message in out.stderr
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert message in by_name[name]["errors"][0]["message"]
    assert by_name["good.txt"]["report"]["year"] == 2023 and by_name["good.txt"]["errors"] == []


def test_bad_file_text_output_names_the_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = xxgk("check", str(bad))
    assert out.returncode == 2
    assert f"{bad}: 无法检查：文件为空" in out.stdout
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "does-not-exist.txt"], "文件或目录不存在"),
        (["check", "--format", "xml", "x.txt"], "未知的输出格式"),
        (["check", "--ruleset", "nope", "x.txt"], "未知的规则集"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    out = xxgk(*args, cwd=tmp_path)
    assert out.returncode == 2
    assert message in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_unsupported_extension_named_directly(tmp_path):
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    out = xxgk("check", str(doc))
    assert out.returncode == 2
    assert "不支持的文件类型" in out.stdout


def test_directories_recurse_by_extension(tmp_path):
    nested = tmp_path / "县直单位" / "2023"
    nested.mkdir(parents=True)
    (nested / "a.txt").write_bytes((DATA / "compliant-2021.txt").read_bytes())
    (nested / "notes.log").write_text("# 不是报告", encoding="utf-8")  # an extension no reader claims
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    out = xxgk("check", str(tmp_path), "--format", "json")
    assert out.returncode == 0
    assert [Path(f["path"]).name for f in json.loads(out.stdout)["files"]] == ["a.txt"]


def test_bad_ruleset_is_a_configuration_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules.S101\nseverity = 1\n", encoding="utf-8")
    out = xxgk("check", "--ruleset", str(bad), str(DATA / "compliant-2021.txt"))
    assert out.returncode == 2
    assert str(bad) in out.stderr and "TOML 语法错误" in out.stderr
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[rules.Z999]\nenabled = false\n", encoding="utf-8")
    out = xxgk("check", "--ruleset", str(unknown), str(DATA / "compliant-2021.txt"))
    assert out.returncode == 2 and "未知的规则代码 Z999" in out.stderr


def test_check_does_not_import_textual_or_pdfminer():
    code = (
        "import sys\n"
        "from xxgk_lint.core.cli import main\n"
        f"rc = main(['check', {str(DATA / 'compliant-2021.txt')!r}, '--format', 'json', '--output', '/dev/null'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'pdfminer', 'rich'))\n"
        "print(rc, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0 []", out.stdout + out.stderr


def test_version_imports_almost_nothing():
    code = (
        "import sys\n"
        "from xxgk_lint.core.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('xxgk_lint', 'pluggy', 'jsonschema'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == ("['xxgk_lint', 'xxgk_lint.core', 'xxgk_lint.core.argparse_zh', "
                                                    "'xxgk_lint.core.cli', 'xxgk_lint.core.memo_cli']")


def test_rules_listing_and_rule_doc():
    listing = xxgk("rules")
    assert listing.returncode == 0
    assert {line.split()[0] for line in listing.stdout.splitlines()} >= {"S101", "B101", "A301"}
    doc = xxgk("rule", "a301")
    assert doc.returncode == 0
    for part in ("检查内容", "为什么", "不符合的示例", "符合的示例", "blank_policy"):
        assert part in doc.stdout
    assert xxgk("rule", "X000").returncode == 2
