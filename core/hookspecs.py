"""The plugin hooks of xxgk-lint — the whole contract between the engine and its plugins.

Plugins are modules (or objects) registered under the ``xxgk_lint`` entry-point group; the built-in readers,
rules and reporters use that same group.  Each hook takes no arguments and returns a list of objects; the
engine calls each plugin's implementation separately, so one plugin that raises is reported by name and the
others still contribute.  Implement a hook with ``@xxgk_lint.core.hookspecs.hookimpl``.

``API_VERSION`` changes only when a hook's contract changes incompatibly; new hooks and new optional
attributes on contributed objects are added without changing it.  docs/plugins.md is the guide for plugin
authors: every hook with an example, the rule contract, the compatibility promise and ``xxgk_lint.testing``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .readers import Reader
    from .reporting import Reporter
    from .rules import Rule

PROJECT = "xxgk_lint"
API_VERSION = 1

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def xxgk_readers() -> list[Reader]:  # type: ignore[empty-body]
    """Readers this plugin provides.

    Called once when the engine starts.  A reader claims files by extension or by their first bytes and turns
    one file into a ``core.model.Report`` (see ``core.readers.Reader``).
    """


@hookspec
def xxgk_rules() -> list[type[Rule]]:  # type: ignore[empty-body]
    """Rule classes this plugin provides (subclasses of ``core.rules.Rule`` with a unique ``code``).

    Called once when the engine starts.  Two plugins contributing the same code is a configuration error.
    """


@hookspec
def xxgk_reporters() -> list[Reporter]:  # type: ignore[empty-body]
    """Output formats this plugin provides, selected with ``xxgk check --format NAME``."""


@hookspec
def xxgk_rulesets() -> list[Path]:  # type: ignore[empty-body]
    """Paths of TOML ruleset files this plugin ships (``rulesets/national.toml`` is one)."""
