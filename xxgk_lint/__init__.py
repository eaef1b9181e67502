"""xxgk-lint: 政府信息公开工作年度报告检查工具.

The Python API (``lint_file``, ``lint_bytes``, ``LintResult``, ``ConfigError``) lives in ``xxgk_lint.api`` and
is imported on first use, so ``import xxgk_lint`` and ``xxgk --version`` stay light.  Type checkers see the
names here as ``Any``: import them from ``xxgk_lint.api`` for full types.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["ConfigError", "LintResult", "__version__", "lint_bytes", "lint_file"]

_LAZY = {"lint_file", "lint_bytes", "LintResult", "ConfigError"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib  # not ``from . import api``: type-checking the CLI must not pull the whole API in

        return getattr(importlib.import_module("xxgk_lint.api"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
