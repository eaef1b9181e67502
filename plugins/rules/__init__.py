"""Built-in rules, one per module (``{code}_{what}.py``); this plugin contributes them all.

Modules are discovered, not listed, so adding a rule is adding its module.  A module whose import fails is a
bug of this package and is allowed to raise: the plugin host reports it by plugin name, as for any plugin.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.rules import Rule


def builtin_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(
            obj for _, obj in inspect.getmembers(module, inspect.isclass)
            if issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__
        )
    return sorted(found, key=lambda r: r.code)


@hookimpl
def xxgk_rules() -> list[type[Rule]]:
    return builtin_rules()
