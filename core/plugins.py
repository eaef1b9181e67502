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
    hooks: tuple[str, ...] = ()  # the hooks it implements, sorted


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
    failed: list[PluginInfo] = field(default_factory=list)  # plugins that could not be imported or registered

    def reader_for_extension(self, suffix: str) -> Reader | None:
        return next((r for _, r in self.readers if suffix.lower() in r.extensions), None)

    @property
    def extensions(self) -> frozenset[str]:
        return frozenset(ext for _, r in self.readers for ext in r.extensions)


BUILTIN_DISTRIBUTION = "xxgk-lint"


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    """The group's entry points, built-ins first, then by name: on a collision the built-in one is kept."""
    def key(ep: importlib.metadata.EntryPoint) -> tuple[bool, str]:
        dist = ep.dist.name if ep.dist else None
        return dist is None or _canonical(dist) != BUILTIN_DISTRIBUTION, ep.name

    return sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT), key=key)


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


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
        except (Exception, SystemExit) as exc:  # a plugin's own failure must not stop the others
            host.errors.append(PluginError(name, f"插件加载失败：{type(exc).__name__}: {exc}"))
            host.failed.append(PluginInfo(name, module, dist_name, version))
            continue
        callers = manager.get_hookcallers(plugin) or []
        for caller in callers:
            if not caller.has_spec() and not any(i.optionalhook for i in caller.get_hookimpls()
                                                 if i.plugin_name == name):
                known = "、".join(sorted(n for n in dir(hookspecs) if n.startswith("xxgk_")))
                host.errors.append(PluginError(name, f"插件实现了未知的钩子 {caller.name}（可用的钩子：{known}）"))
        hooks = tuple(sorted(c.name for c in callers if c.has_spec()))
        host.plugins.append(PluginInfo(name, module, dist_name, version, hooks))
    _collect(host)
    return host


def _constant(obj: object) -> Callable[[], object]:
    return lambda: obj


def _call_each(host: PluginHost, hook_name: str) -> Iterable[tuple[str, Any]]:
    hook = getattr(host.manager.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order
        try:
            result = impl.function()
            items = [] if result is None else list(result)
        except (Exception, SystemExit) as exc:
            host.errors.append(PluginError(impl.plugin_name, f"插件钩子 {hook_name} 出错：{type(exc).__name__}: {exc}"))
            continue
        for item in items:
            yield impl.plugin_name, item


def _reader_problem(reader: object) -> str | None:
    name, extensions = getattr(reader, "name", None), getattr(reader, "extensions", None)
    if not isinstance(name, str) or not name:
        return "读取器缺少名称 name"
    if not isinstance(extensions, (tuple, list, frozenset, set)) or not all(
            isinstance(e, str) and e.startswith(".") and e == e.lower() for e in extensions):
        return "extensions 应是小写、以点开头的扩展名元组，如 ('.md',)"
    for method in ("claims", "read"):
        if not callable(getattr(reader, method, None)):
            return f"读取器缺少方法 {method}"
    return None


def _reporter_problem(reporter: object) -> str | None:
    if not isinstance(getattr(reporter, "name", None), str) or not reporter.name:  # type: ignore[attr-defined]
        return "输出格式缺少名称 name"
    if not callable(getattr(reporter, "render", None)):
        return "输出格式缺少方法 render"
    return None


def _collect(host: PluginHost) -> None:
    reader_names: dict[str, str] = {}
    for plugin, reader in _call_each(host, "xxgk_readers"):
        problem = _reader_problem(reader)
        if problem:
            host.errors.append(PluginError(plugin, f"读取器 {getattr(reader, 'name', reader)!s} 无效：{problem}"))
            continue
        if reader.name in reader_names:
            other = reader_names[reader.name]
            host.errors.append(PluginError(
                plugin, f"读取器名称 {reader.name} 重复：插件 {other} 与 {plugin} 都提供了它"))
            continue
        reader_names[reader.name] = plugin
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
        problem = _reporter_problem(reporter)
        if problem:
            host.errors.append(PluginError(plugin, f"输出格式 {getattr(reporter, 'name', reporter)!s} 无效：{problem}"))
            continue
        if reporter.name in host.reporters:
            other = host.reporters[reporter.name][0]
            host.errors.append(PluginError(
                plugin, f"输出格式名称 {reporter.name} 重复：插件 {other} 与 {plugin} 都提供了它"))
            continue
        host.reporters[reporter.name] = (plugin, reporter)
    ruleset_names: dict[str, str] = {}
    for plugin, path in _call_each(host, "xxgk_rulesets"):
        try:
            path = Path(path)
        except TypeError as exc:
            host.errors.append(PluginError(plugin, f"规则集路径无效：{exc}"))
            continue
        if path.stem in ruleset_names:
            other = ruleset_names[path.stem]
            host.errors.append(PluginError(plugin, f"规则集名称 {path.stem} 重复：插件 {other} 与 {plugin} 都提供了它"))
            continue
        ruleset_names[path.stem] = plugin
        host.rulesets.append((plugin, path))


def describe(host: PluginHost) -> dict[str, Any]:
    """What ``xxgk plugins --format json`` prints: every plugin, what it contributes, and load errors."""
    def entry(info: PluginInfo, loaded: bool) -> dict[str, Any]:
        return {
            "name": info.name,
            "module": info.module,
            "distribution": info.distribution,
            "version": info.version,
            "loaded": loaded,
            "hooks": list(info.hooks),
            "rules": sorted(code for code, (p, _) in host.rules.items() if p == info.name),
            "readers": [{"name": r.name, "extensions": list(r.extensions)} for p, r in host.readers if p == info.name],
            "reporters": sorted(name for name, (p, _) in host.reporters.items() if p == info.name),
            "rulesets": [path.stem for p, path in host.rulesets if p == info.name],
            "errors": [e.message for e in host.errors if e.plugin == info.name],
        }

    plugins = [entry(i, True) for i in host.plugins] + [entry(i, False) for i in host.failed]
    return {
        "api_version": hookspecs.API_VERSION,
        "plugins": sorted(plugins, key=lambda p: p["name"]),
        "errors": [{"plugin": e.plugin, "message": e.message} for e in host.errors],
    }
