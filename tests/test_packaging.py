"""The package maps core/, plugins/, rulesets/, tui/ into xxgk_lint and never installs them top-level."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("xxgk_lint-*.whl")
    return found


def _source_modules() -> set[str]:
    mapping = {"core": "xxgk_lint/core", "plugins": "xxgk_lint/plugins", "rulesets": "xxgk_lint/rulesets",
               "tui": "xxgk_lint/tui", "xxgk_lint": "xxgk_lint"}
    names = set()
    for folder, target in mapping.items():
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".toml", ".tcss", ".json") and "__pycache__" not in path.parts:
                names.add(f"{target}/{path.relative_to(ROOT / folder).as_posix()}")
    return names


def test_wheel_holds_every_module_under_xxgk_lint(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    payload = {n for n in names if ".dist-info/" not in n}
    assert payload, names
    assert all(n.startswith("xxgk_lint/") for n in payload), sorted(payload)
    missing = _source_modules() - payload
    assert not missing, f"files dropped from the wheel (unlisted subpackage?): {sorted(missing)}"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "xxgk = xxgk_lint.core.cli:main" in text
    assert "[xxgk_lint]" in text


def test_wheel_installs_and_runs_from_its_own_files(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    top_level = {p.name for p in target.iterdir() if not p.name.endswith(".dist-info")} - {"bin"}
    assert top_level == {"xxgk_lint"}
    code = ("import xxgk_lint.core.cli as c, xxgk_lint.plugins.readers.text as t, xxgk_lint.rulesets as r;"
            f"import importlib.util as u; print(c.__file__.startswith({str(target)!r}), u.find_spec('core'),"
            " u.find_spec('plugins'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.stdout.strip() == "True None None", out.stderr


def test_editable_install_maps_folders_without_top_level_modules():
    import xxgk_lint.core
    import xxgk_lint.plugins

    assert Path(xxgk_lint.core.__file__).parent == ROOT / "core"
    assert Path(xxgk_lint.plugins.__file__).parent == ROOT / "plugins"
    for generic in ("core", "plugins", "tui", "rulesets"):
        assert importlib.util.find_spec(generic) is None, f"a top-level {generic!r} module is importable"


def test_builtin_plugins_use_the_public_entry_point_group():
    names = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="xxgk_lint")}
    assert names["text-reader"] == "xxgk_lint.plugins.readers.text"
    assert names["builtin-rules"] == "xxgk_lint.plugins.rules"
