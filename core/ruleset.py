"""Rulesets: which rules run, at which severity, with which parameters, plus declarative checks.

A ruleset is a TOML file validated by ``rulesets/ruleset.schema.json``.  It may ``extends`` another ruleset
(by name, or by a path relative to itself); chains are resolved parent first and cycles are refused.  Merging
(docs/rulesets.md): scalars override; tables merge key by key; lists replace, unless written as
``{ append = [...] }`` or ``{ remove = [...] }``; declarative ``[[check]]`` entries merge by ``code`` (a child
entry replaces its parent's).  Rules a ruleset does not mention run with their own defaults, so an installed
third-party rule takes part without editing the national ruleset.

Every problem is a ``ConfigError`` whose Chinese message names the file, the key path, the line and what was
expected — never a traceback.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .model import Severity
from .rules import Rule
from .tomlpaths import format_path, line_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A configuration problem: the message (Chinese) names the file and what is wrong."""


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool
    severity: Severity
    params: Mapping[str, Any]


@dataclass
class Ruleset:
    name: str
    source: str  # the file it was read from
    description: str = ""
    citation: str = ""
    chain: list[str] = field(default_factory=list)  # this ruleset and its ancestors, child first
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)  # declarative checks by code
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # "rules.S101.severity" → file that set it
    declared: list[type[Rule]] = field(default_factory=list)  # the [[check]] entries as rules

    def setting(self, rule: type[Rule]) -> RuleSetting:
        raw = dict(self.rules.get(rule.code, {}))
        enabled = bool(raw.pop("enabled", True))
        severity = Severity(raw.pop("severity", rule.severity.value))
        params = {**rule.parameters, **raw}
        return RuleSetting(enabled, severity, params)

    def selects(self, code: str) -> bool:
        """``select``/``ignore`` by code prefix; the longest matching prefix wins, as in ruff."""
        chosen = max((p for p in self.select or [""] if code.startswith(p)), key=len, default=None)
        ignored = max((p for p in self.ignore if code.startswith(p)), key=len, default=None)
        if chosen is None:
            return False
        return ignored is None or len(chosen) > len(ignored)


_SCHEMA_CACHE: list[Any] = []


def schema() -> Any:
    if not _SCHEMA_CACHE:
        text = resources.files("xxgk_lint.rulesets").joinpath("ruleset.schema.json").read_text(encoding="utf-8")
        _SCHEMA_CACHE.append(json.loads(text))
    return _SCHEMA_CACHE[0]


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: 规则集文件不存在") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取规则集文件（{exc.strerror or exc}）") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: 规则集文件不是 UTF-8 编码") from exc
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}") from exc


def _validate(data: dict[str, Any], source: str, path: Path) -> None:
    import jsonschema  # type: ignore[import-untyped]

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    error = _most_specific(errors)
    where = list(error.absolute_path)
    line = line_of(source, where)
    at = f"第 {line} 行，" if line else ""
    raise ConfigError(f"{path}: {at}{format_path(where)}：{_explain(error)}")


def _most_specific(errors: list[Any]) -> Any:
    """The error deepest in the document, descending into ``allOf``/``oneOf`` branches."""
    best = errors[0]
    for error in errors:
        for candidate in [error, *getattr(error, "context", [])]:
            if len(candidate.absolute_path) > len(best.absolute_path):
                best = candidate
    return best


def _explain(error: Any) -> str:
    validator, value = error.validator, error.validator_value
    if validator == "enum":
        return f"应为 {'、'.join(map(str, value))} 之一，实际为 {error.instance!r}"
    if validator == "type":
        names = {"string": "字符串", "integer": "整数", "boolean": "true 或 false", "object": "表", "array": "数组",
                 "number": "数字"}
        expected = "或".join(names.get(t, t) for t in ([value] if isinstance(value, str) else value))
        return f"应为{expected}，实际为 {error.instance!r}"
    if validator == "required":
        missing = [k for k in value if k not in error.instance]
        return f"缺少必填项 {'、'.join(missing)}"
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"不认识的键 {'、'.join(extra)}"
    if validator == "pattern":
        return f"格式不符（应匹配 {value}），实际为 {error.instance!r}"
    if validator == "propertyNames":
        return f"规则代码格式不符（应如 S101），实际为 {error.instance!r}"
    if validator in ("minItems", "minProperties"):
        return f"至少需要 {value} 项"
    if validator == "minimum":
        return f"应不小于 {value}，实际为 {error.instance!r}"
    if validator in ("oneOf", "anyOf"):
        return "不符合任何允许的写法（见 docs/rulesets.md）"
    return str(error.message)


def _merge_list(base: list[Any] | None, value: Any) -> list[Any]:
    if isinstance(value, dict):
        out = [v for v in (base or []) if v not in value.get("remove", [])]
        out += [v for v in value.get("append", []) if v not in out]
        return out
    return list(value)


def _merge_tables(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and ({"append", "remove"} >= set(value)) and value and isinstance(
                out.get(key), list):
            out[key] = _merge_list(out.get(key), value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge_tables(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_ref(ref: str, relative_to: Path | None, available: Mapping[str, Path]) -> Path:
    if ref in available:
        return available[ref]
    candidate = Path(ref)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to.parent / candidate
    if candidate.suffix == ".toml" or candidate.exists():
        return candidate
    names = "、".join(sorted(available)) or "无"
    raise ConfigError(f"未知的规则集 {ref!r}（可用：{names}；或给出 .toml 文件路径）")


def load_ruleset(ref: str, available: Mapping[str, Path], known: Iterable[str],
                 relative_to: Path | None = None) -> Ruleset:
    """Load ``ref`` (a name or a path) with its ``extends`` chain, merged and checked against ``known`` codes."""
    ruleset = _load_chain(_resolve_ref(ref, relative_to, available), available, [])
    _check_codes(ruleset, set(known))
    return ruleset


def _load_chain(path: Path, available: Mapping[str, Path], stack: list[Path]) -> Ruleset:
    resolved = path.resolve()
    if resolved in stack:
        cycle = " → ".join(str(p) for p in [*stack, resolved])
        raise ConfigError(f"{path}: extends 形成循环：{cycle}")
    data, source = _read_toml(path)
    _validate(data, source, path)
    parent: Ruleset | None = None
    if "extends" in data:
        try:
            parent_path = _resolve_ref(data["extends"], path, available)
        except ConfigError as exc:
            raise ConfigError(f"{path}: 第 {line_of(source, ['extends'])} 行，extends：{exc}") from exc
        parent = _load_chain(parent_path, available, [*stack, resolved])
    name = str(data.get("name", path.stem))
    merged = Ruleset(name=name, source=str(path), description=str(data.get("description", "")),
                     citation=str(data.get("source", "")), chain=[name, *(parent.chain if parent else [])])
    if parent is not None:
        merged.rules = {code: dict(s) for code, s in parent.rules.items()}
        merged.checks = {code: dict(c) for code, c in parent.checks.items()}
        merged.select = list(parent.select) if parent.select is not None else None
        merged.ignore = list(parent.ignore)
        merged.origins = dict(parent.origins)
    for code, settings in data.get("rules", {}).items():
        merged.rules[code] = _merge_tables(merged.rules.get(code, {}), settings)
        for key in settings:
            merged.origins[f"rules.{code}.{key}"] = str(path)
    for check in data.get("check", []):
        merged.checks[check["code"]] = {**check, "_file": str(path), "_line": _check_line(source, data, check)}
        merged.origins[f"check.{check['code']}"] = str(path)
    if "select" in data:
        merged.select = _merge_list(merged.select, data["select"])
        merged.origins["select"] = str(path)
    if "ignore" in data:
        merged.ignore = _merge_list(merged.ignore, data["ignore"])
        merged.origins["ignore"] = str(path)
    return merged


def _check_line(source: str, data: dict[str, Any], check: dict[str, Any]) -> int | None:
    index = next(i for i, c in enumerate(data["check"]) if c is check)
    return line_of(source, ["check", index])


def _check_codes(ruleset: Ruleset, known: set[str]) -> None:
    everything = known | set(ruleset.checks)
    for code in ruleset.rules:
        if code not in everything:
            _unknown(ruleset, f"rules.{code}", code, everything)
    for key in ("select", "ignore"):
        for prefix in (ruleset.select or []) if key == "select" else ruleset.ignore:
            if not any(c.startswith(prefix) for c in everything):
                _unknown(ruleset, key, prefix, everything)
    clash = sorted(set(ruleset.checks) & known)
    if clash:
        check = ruleset.checks[clash[0]]
        raise ConfigError(f"{check['_file']}: 第 {check['_line']} 行，check 的代码 {clash[0]} 与已有规则重复，"
                          "请换一个代码（地方规则建议用地区字母前缀，如 HH01）")


def _unknown(ruleset: Ruleset, key: str, code: str, everything: set[str]) -> None:
    file = ruleset.origins.get(key if key in ("select", "ignore") else f"{key}.enabled") or _origin_of(ruleset, key)
    near = difflib.get_close_matches(code, sorted(everything), n=3, cutoff=0.5)
    hint = f"；是不是 {'、'.join(near)}？" if near else "；用 xxgk rules 查看全部规则"
    line = None
    try:
        line = line_of(Path(file).read_text(encoding="utf-8"), key.split(".")) if file else None
    except OSError:
        line = None
    at = f"第 {line} 行，" if line else ""
    raise ConfigError(f"{file}: {at}{key}：未知的规则代码 {code}{hint}")


def _origin_of(ruleset: Ruleset, key: str) -> str:
    return next((f for k, f in ruleset.origins.items() if k.startswith(key + ".")), ruleset.source)


def resolve_ruleset(name_or_path: str, available: Mapping[str, Path], known_rules: Mapping[str, type[Rule]]
                    ) -> Ruleset:
    """A ruleset by name (shipped by a plugin) or by path, checked against the installed rules."""
    from .declarative import declared_rule

    ruleset = load_ruleset(name_or_path, available, known_rules)
    ruleset.declared = [declared_rule(check, ruleset.name) for check in ruleset.checks.values()
                        if check.get("enabled", True)]
    for code, settings in ruleset.rules.items():
        rule = known_rules.get(code)
        if rule is None:
            continue
        for key in settings:
            if key not in ("enabled", "severity") and key not in rule.parameters:
                file = ruleset.origins.get(f"rules.{code}.{key}", ruleset.source)
                line = line_of(Path(file).read_text(encoding="utf-8"), ["rules", code, key])
                params = "、".join(rule.parameters) or "无"
                raise ConfigError(
                    f"{file}: 第 {line} 行，rules.{code}.{key}：不是规则 {code} 的参数（可用参数：{params}）")
    return ruleset
