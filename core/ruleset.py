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
import re
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
        # tomllib ends its message with "(at line L, column C)": say it in front, in Chinese
        m = _TOML_POSITION.search(str(exc))
        at = f"第 {m.group(1)} 行第 {m.group(2)} 列，" if m else ""
        detail = _TOML_POSITION.sub("", str(exc)).strip()
        raise ConfigError(f"{path}: {at}TOML 语法错误：{detail}") from exc


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_ADDITIONAL = ("additionalProperties", "unevaluatedProperties")


def _validate(data: dict[str, Any], source: str, path: Path) -> None:
    import jsonschema  # type: ignore[import-untyped]

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    error = _most_specific(errors)
    where = list(error.absolute_path)
    extra = _extra_keys(error)
    # an unknown key: point at the key itself, not at the table holding it
    line = line_of(source, [*where, extra[0]] if extra else where) or line_of(source, where)
    at = f"第 {line} 行，" if line else ""
    shown = format_path(where)
    if len(where) >= 2 and where[0] == "check" and isinstance(where[1], int):
        code = data["check"][where[1]].get("code") if isinstance(data["check"][where[1]], dict) else None
        if isinstance(code, str):
            shown = shown.replace(f"check[{where[1]}]", f"check[{where[1]}]（{code}）", 1)
    raise ConfigError(f"{path}: {at}{shown}：{_explain(error)}")


def _extra_keys(error: Any) -> list[str]:
    """The keys an additionalProperties/unevaluatedProperties error is about, in the order written."""
    if error.validator not in _ADDITIONAL or not isinstance(error.instance, dict):
        return []
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        return [k for k in error.instance if k not in allowed]
    quoted = re.findall(r"'([^']+)'", error.message.split("(", 1)[-1])  # "(... 'a', 'b' were unexpected)"
    return [k for k in error.instance if k in quoted] or quoted


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
        kind = error.instance.get("kind") if "then" in error.schema_path else None
        when = f"（kind = \"{kind}\" 时必填）" if isinstance(kind, str) else ""
        return f"缺少必填项 {'、'.join(missing)}{when}"
    if validator in _ADDITIONAL:
        extra = _extra_keys(error)
        known = sorted(_allowed_keys(error))
        near = [m for k in extra for m in difflib.get_close_matches(k, known, n=1, cutoff=0.6)]
        hint = f"；是不是 {'、'.join(near)}？" if near else (f"（可用：{'、'.join(known)}）" if known else "")
        return f"不认识的键 {'、'.join(extra)}{hint}"
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


def _allowed_keys(error: Any) -> set[str]:
    """Keys the schema names for the object an error is about, including those of its ``if``/``then`` branches
    that apply (a check's keys depend on its kind)."""
    keys = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    instance = error.instance if isinstance(error.instance, dict) else {}
    for branch in error.schema.get("allOf", []) if isinstance(error.schema, dict) else []:
        condition = branch.get("if", {}).get("properties", {})
        if all(instance.get(k) == v.get("const") for k, v in condition.items()):
            keys |= set(branch.get("then", {}).get("properties", {}))
    return keys


def _merge_list(base: list[Any] | None, value: Any, key: str = "select") -> list[Any] | None:
    if isinstance(value, dict):
        if base is None:  # an unset select means every rule: appending keeps it so, removing needs ignore
            if value.get("remove"):
                raise ConfigError(f"{key} 未设置（即全部规则），不能用 remove 去掉代码；请改用 ignore")
            return None
        out = [v for v in base if v not in value.get("remove", [])]
        out += [v for v in value.get("append", []) if v not in out]
        return out
    return list(value)


def _is_edit(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and {"append", "remove"} >= set(value)


def _merge_tables(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if _is_edit(value) and isinstance(out.get(key), list):
            out[key] = _merge_list(out.get(key), value)
        elif _is_edit(value) and _is_edit(out.get(key)):
            # two edits of a list parameter the chain never set: one edit doing both, in order
            first = out[key]
            remove = [*first.get("remove", []), *value.get("remove", [])]
            append = [v for v in first.get("append", []) if v not in value.get("remove", [])]
            out[key] = {"remove": remove, "append": [*append, *value.get("append", [])]}
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
            if not parent_path.is_file():
                raise ConfigError(f"{parent_path}: 规则集文件不存在")
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
    written: set[str] = set()
    for index, check in enumerate(data.get("check", [])):
        line = line_of(source, ["check", index])
        if check["code"] in written:
            raise ConfigError(f"{path}: 第 {line} 行，check 的代码 {check['code']} 在本文件中重复；"
                              "同一代码只能写一次（子规则集可用同一代码替换父规则集的检查）")
        written.add(check["code"])
        lines = {key: line_of(source, ["check", index, key]) or line for key in check}
        merged.checks[check["code"]] = {**check, "_file": str(path), "_line": line, "_lines": lines}
        merged.origins[f"check.{check['code']}"] = str(path)
    for key in ("select", "ignore"):
        if key not in data:
            continue
        try:
            value = _merge_list(merged.select if key == "select" else merged.ignore, data[key], key)
        except ConfigError as exc:
            raise ConfigError(f"{path}: 第 {line_of(source, [key])} 行，{exc}") from exc
        if key == "select":
            merged.select = value
        else:
            merged.ignore = value or []
        merged.origins[key] = str(path)
    return merged


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
    declared = {rule.code: rule for rule in ruleset.declared}
    for code, settings in ruleset.rules.items():
        rule = known_rules.get(code) or declared.get(code)
        parameters = rule.parameters if rule is not None else {}  # a declarative check has no parameters
        for key, value in list(settings.items()):
            if key not in ("enabled", "severity") and key not in parameters:
                file = ruleset.origins.get(f"rules.{code}.{key}", ruleset.source)
                line = line_of(Path(file).read_text(encoding="utf-8"), ["rules", code, key])
                params = "、".join(parameters) or "无"
                raise ConfigError(
                    f"{file}: 第 {line} 行，rules.{code}.{key}：不是规则 {code} 的参数（可用参数：{params}）")
            if isinstance(value, dict) and isinstance(parameters.get(key), list):
                # { append = [...] } / { remove = [...] } on a list parameter the ruleset chain never set
                settings[key] = _merge_list(list(parameters[key]), value)
            _check_parameter(ruleset, rule, code, key, settings[key])
    return ruleset


def _accepted_types(default: Any) -> tuple[type, ...]:
    """TOML has arrays, not tuples, and integers where a float default is meant."""
    if isinstance(default, (list, tuple)):
        return (list, tuple)
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        return (int, float)
    return (type(default),)


def _check_parameter(ruleset: Ruleset, rule: type[Rule] | None, code: str, key: str, value: Any) -> None:
    """A parameter value of the wrong type, or outside the rule's declared choices, is a configuration error
    (a typo such as blank_policy = "zro" must not silently mean the default)."""
    if rule is None or key in ("enabled", "severity") or key not in rule.parameters:
        return
    default = rule.parameters[key]
    choices = rule.parameter_choices.get(key)
    if choices is not None and value not in choices:
        expected = "、".join(repr(c) for c in choices)
    elif isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, _accepted_types(default)):
        expected = f"{type(default).__name__} 类型的值（默认 {default!r}）"
    else:
        return
    file = ruleset.origins.get(f"rules.{code}.{key}", ruleset.source)
    line = line_of(Path(file).read_text(encoding="utf-8"), ["rules", code, key])
    raise ConfigError(f"{file}: 第 {line} 行，rules.{code}.{key}：应为 {expected}，实际为 {value!r}")
