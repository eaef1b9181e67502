"""Contributes the rulesets shipped in the package (``rulesets/*.toml``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from xxgk_lint.core.hookspecs import hookimpl


@hookimpl
def xxgk_rulesets() -> list[Path]:
    folder = resources.files("xxgk_lint.rulesets")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))
