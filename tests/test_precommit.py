"""The pre-commit hook (.pre-commit-hooks.yaml), tried for real with ``pre-commit try-repo``.

pre-commit is in the test extras, so CI always runs this; ``try-repo`` builds the hook's own environment (it
pip-installs this package and its dependencies), which takes a minute the first time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SOURCES = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "xxgk_lint", "core", "plugins", "rulesets", "tui"]


def _need(what: str, available: bool) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: CI installs the test extras (pip install -e '.[test]')")
    pytest.skip(f"{what} is not installed")


def _hooks() -> list[dict]:
    try:
        import yaml
    except ImportError:
        _need("PyYAML (comes with pre-commit)", False)
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_declares_the_report_hook():
    (hook,) = _hooks()
    assert hook["id"] == "xxgk-check"
    assert hook["entry"] == "xxgk check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("报告.pdf", "报告.PDF", "a/b.docx", "x.html", "x.htm", "x.shtml", "x.xhtml", "x.txt"):
        assert files.search(name), name
    for name in ("x.doc", "x.md", "x.txt.xxgk-review.json", "xxgk.toml", "pdf", "x.pdf.bak"):
        assert not files.search(name), name


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _snapshot(target: Path) -> Path:
    """This checkout's package as a git repository of its own (try-repo needs the hook manifest committed)."""
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    _git("init", "-q", cwd=target)
    _git("add", "-A", cwd=target)
    _git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


def _try_repo(hook_repo: Path, reports: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "xxgk-check",
                           "--all-files"], cwd=reports, capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=900)


def test_pre_commit_try_repo(tmp_path):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _need("pre-commit", False)
    _need("git", shutil.which("git") is not None)
    hook_repo = _snapshot(tmp_path / "xxgk-lint")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "示例县2023年报.txt").write_bytes((DATA / "compliant-2021.txt").read_bytes())
    (reports / "说明.md").write_text("不是报告，不检查\n", encoding="utf-8")
    _git("init", "-q", cwd=reports)
    _git("add", "-A", cwd=reports)
    _git("commit", "-q", "-m", "clean", cwd=reports)
    home = tmp_path / "pre-commit-home"

    clean = _try_repo(hook_repo, reports, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"xxgk-lint.*Passed", clean.stdout), clean.stdout

    (reports / "示例镇2023年报.txt").write_bytes((DATA / "sample-defects.txt").read_bytes())
    _git("add", "-A", cwd=reports)
    _git("commit", "-q", "-m", "defects", cwd=reports)
    failed = _try_repo(hook_repo, reports, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"xxgk-lint.*Failed", failed.stdout)
    assert "- exit code: 1" in failed.stdout
    assert "示例镇2023年报.txt:63:9: 错误 A301 " in failed.stdout
    assert "说明.md" not in failed.stdout
