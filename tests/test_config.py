"""Project configuration discovery, per-path overrides, CLI precedence, and `xxgk config`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
DEFECTS = (DATA / "sample-defects.txt").read_bytes()  # S101, B101, A301


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def rules_found(out: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    doc = json.loads(out.stdout)
    return {Path(f["path"]).name: sorted({x["rule"] for x in f["findings"]}) for f in doc["files"]}


def make_tree(root: Path) -> None:
    (root / "乡镇").mkdir(parents=True)
    (root / "部门").mkdir()
    (root / "乡镇" / "a.txt").write_bytes(DEFECTS)
    (root / "部门" / "b.txt").write_bytes(DEFECTS)


def test_xxgk_toml_found_upward_with_overrides(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "xxgk.toml").write_text(
        'ignore = ["B"]\n\n[[overrides]]\npaths = ["乡镇/*"]\nignore = ["S101"]\n', encoding="utf-8")
    out = xxgk("check", ".", "--format", "json", cwd=tmp_path / "部门")
    assert rules_found(out) == {"b.txt": ["A301", "A302", "A303", "S101", "S104"]}
    out = xxgk("check", str(tmp_path), "--format", "json", cwd=tmp_path)
    assert rules_found(out) == {"a.txt": ["A301", "A302", "A303", "S104"],
                                "b.txt": ["A301", "A302", "A303", "S101", "S104"]}


def test_pyproject_tool_section_and_cli_precedence(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.xxgk]\nselect = ["A"]\n',
                                             encoding="utf-8")
    arithmetic = ["A301", "A302", "A303"]
    found = rules_found(xxgk("check", ".", "--format", "json", cwd=tmp_path))
    assert found == {"a.txt": arithmetic, "b.txt": arithmetic}
    # CLI select replaces the configured one; CLI ignore adds to it
    out = xxgk("check", ".", "--format", "json", "--select", "S1,A", "--ignore", "a30", cwd=tmp_path)
    assert rules_found(out) == {"a.txt": ["S101", "S104"], "b.txt": ["S101", "S104"]}
    everything = ["A301", "A302", "A303", "B101", "S101", "S104"]
    assert rules_found(xxgk("check", ".", "--format", "json", "--no-config", cwd=tmp_path)) == {
        "a.txt": everything, "b.txt": everything}


def test_configured_ruleset_path_is_relative_to_the_config(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.toml").write_text(
        'name = "local"\nextends = "national"\n\n[rules.A301]\nenabled = false\n', encoding="utf-8")
    (tmp_path / "xxgk.toml").write_text('ruleset = "rules/local.toml"\n', encoding="utf-8")
    out = xxgk("check", ".", "--format", "json", cwd=tmp_path / "乡镇")
    assert rules_found(out) == {"a.txt": ["A302", "A303", "B101", "S101", "S104"]}
    shown = xxgk("config", "a.txt", "--format", "json", cwd=tmp_path / "乡镇")
    doc = json.loads(shown.stdout)
    assert doc["config_file"].endswith("xxgk.toml")
    assert doc["ruleset"]["name"] == "local" and doc["ruleset"]["extends"] == ["national"]
    a301 = next(r for r in doc["rules"] if r["code"] == "A301")
    assert a301["enabled"] is False and a301["from"].endswith("local.toml")
    text = xxgk("config", ".", cwd=tmp_path / "乡镇")
    assert text.returncode == 0 and "规则集：local → national" in text.stdout


def test_bad_config_is_exit_2_naming_file_and_line(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "xxgk.toml").write_text('select = ["S"]\nrulset = "national"\n', encoding="utf-8")
    out = xxgk("check", ".", cwd=tmp_path)
    assert out.returncode == 2
    assert f"{tmp_path / 'xxgk.toml'}: 第 2 行，rulset：不认识的配置项" in out.stdout
    assert "Traceback" not in out.stderr


def test_unknown_select_code_suggests_the_nearest(tmp_path):
    make_tree(tmp_path)
    out = xxgk("check", ".", "--select", "S10l", cwd=tmp_path)
    assert out.returncode == 2
    assert "未知的规则代码 S10L" in out.stderr and "是不是" in out.stderr


def test_rulesets_lists_shipped_rulesets_with_what_they_extend(tmp_path):
    out = xxgk("rulesets", "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = {r["name"]: r for r in json.loads(out.stdout)}
    assert {"national", "huaihua", "wuwei", "sichuan", "yueyang"} <= set(rows)
    assert rows["national"]["extends"] == [] and rows["national"]["plugin"] == "national-ruleset"
    assert rows["huaihua"]["extends"] == ["national"] and "HH01" in rows["huaihua"]["checks"]
    text = xxgk("rulesets", cwd=tmp_path).stdout
    assert "huaihua → national" in text


def test_review_settings_are_read_and_checked(tmp_path):
    import pytest

    from xxgk_lint.core.config import read_config
    from xxgk_lint.core.ruleset import ConfigError

    path = tmp_path / "xxgk.toml"
    path.write_text('[review]\nreviewer = "张三"\nviewer = "evince --page-index={page} {path}"\n', encoding="utf-8")
    config = read_config(path)
    assert config is not None
    assert (config.review.reviewer, config.review.viewer) == ("张三", "evince --page-index={page} {path}")
    path.write_text('[review]\nreviwer = "张三"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="reviwer：不认识的配置项"):
        read_config(path)
    path.write_text('[review]\nreviewer = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="reviewer：应为字符串"):
        read_config(path)
