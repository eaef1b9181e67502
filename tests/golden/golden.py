"""The outputs every optimisation must leave unchanged: ``xxgk check --format json`` and ``xxgk extract``
of every report in tests/data and ../shared, one file at a time, from the repository root.

Why a golden file: speed work (caching, a second PDF engine, worker processes, rewritten hot loops) must not
move a single finding or cell.  ``tests/test_golden.py`` compares against ``outputs.json``; when a change
*means* to alter findings, regenerate with ``python tests/golden/regen.py`` and review the diff.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from typing import Any

from xxgk_lint.core.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("outputs.json")
SUFFIXES = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})
# Keys that may vary between runs without any finding changing (none exist today; timing fields would go here).
VOLATILE = frozenset({"elapsed", "elapsed_s", "duration", "duration_s", "time", "timing"})


def inputs() -> list[str]:
    """Every report input, as paths relative to the repository root (stable across checkouts)."""
    found: list[str] = []
    for base in (ROOT / "tests" / "data", ROOT.parent / "shared"):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES:
                found.append(os.path.relpath(path, ROOT))
    return found


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _run(argv: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    text = out.getvalue()
    return {"exit": code, "output": _strip(json.loads(text)) if text.strip() else None}


def outputs(paths: list[str] | None = None) -> dict[str, Any]:
    """The check and extract outputs of each input, computed in-process from the repository root."""
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        return {
            path: {
                "check": _run(["check", "--format", "json", "--no-config", "--ruleset", "national", path]),
                "extract": _run(["extract", "--format", "json", path]),
            }
            for path in (paths if paths is not None else inputs())
        }
    finally:
        os.chdir(previous)
