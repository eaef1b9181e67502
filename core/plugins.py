"""Load plugins one at a time and collect what each contributes, so one broken plugin cannot stop the tool."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .readers import Reader
from .reporting import Reporter
from .rules import Rule


@dataclass(frozen=True)
class PluginError:
    plugin: str
    message: str  # Chinese


@dataclass(frozen=True)
class PluginInfo:
    name: str
    module: str
    distribution: str | None
    version: str | None


@dataclass
class PluginHost:
    """Everything the installed plugins provide, and what went wrong loading them."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)
    readers: list[tuple[str, Reader]] = field(default_factory=list)
    rules: dict[str, tuple[str, type[Rule]]] = field(default_factory=dict)  # code → (plugin, class)
    reporters: dict[str, tuple[str, Reporter]] = field(default_factory=dict)
    rulesets: list[tuple[str, Path]] = field(default_factory=list)

    def reader_for_extension(self, suffix: str) -> Reader | None:
        return next((r for _, r in self.readers if suffix.lower() in r.extensions), None)

    @property
    def extensions(self) -> frozenset[str]:
        return frozenset(ext for _, r in self.readers for ext in r.extensions)


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    return sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT), key=lambda ep: ep.name)


def load_plugins(extra: Iterable[tuple[str, object]] = ()) -> PluginHost:
    """Register every entry point of the ``xxgk_lint`` group, then ``extra`` (name, plugin) pairs (tests)."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager)
    candidates: list[tuple[str, Callable[[], object], str, str | None, str | None]] = []
    for ep in _entry_points():
        dist = ep.dist
        candidates.append((ep.name, ep.load, ep.value, dist.name if dist else None, dist.version if dist else None))
    for name, obj in extra:
        candidates.append((name, _constant(obj), getattr(obj, "__name__", repr(obj)), None, None))
    seen: set[str] = set()
    for name, load, module, dist_name, version in candidates:
        if name in seen:
            continue
        seen.add(name)
        try:
            plugin = load()
            manager.register(plugin, name=name)
        except Exception as exc:  # a plugin's own failure must not stop the others
            host.errors.append(PluginError(name, f"插件加载失败：{type(exc).__name__}: {exc}"))
            continue
        host.plugins.append(PluginInfo(name, module, dist_name, version))
    _collect(host)
    return host


def _constant(obj: object) -> Callable[[], object]:
    return lambda: obj


def _call_each(host: PluginHost, hook_name: str) -> Iterable[tuple[str, Any]]:
    hook = getattr(host.manager.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order
        try:
            result = impl.function()
        except Exception as exc:
            host.errors.append(PluginError(impl.plugin_name, f"插件钩子 {hook_name} 出错：{type(exc).__name__}: {exc}"))
            continue
        for item in result or ():
            yield impl.plugin_name, item


def _collect(host: PluginHost) -> None:
    for plugin, reader in _call_each(host, "xxgk_readers"):
        host.readers.append((plugin, reader))
    for plugin, rule in _call_each(host, "xxgk_rules"):
        problem = rule.validate() if isinstance(rule, type) and issubclass(rule, Rule) else "不是 Rule 的子类"
        if problem:
            host.errors.append(PluginError(plugin, f"规则 {getattr(rule, 'code', rule)!s} 无效：{problem}"))
            continue
        if rule.code in host.rules:
            other = host.rules[rule.code][0]
            host.errors.append(PluginError(plugin, f"规则代码 {rule.code} 重复：插件 {other} 与 {plugin} 都提供了它"))
            continue
        host.rules[rule.code] = (plugin, rule)
    for plugin, reporter in _call_each(host, "xxgk_reporters"):
        host.reporters.setdefault(reporter.name, (plugin, reporter))
    for plugin, path in _call_each(host, "xxgk_rulesets"):
        host.rulesets.append((plugin, Path(path)))
