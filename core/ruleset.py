"""Rulesets: which rules run, at which severity, with which parameters.

A ruleset is a TOML file.  ``[rules.CODE]`` tables set ``enabled`` and ``severity``; every other key is a
parameter of that rule.  Rules a ruleset does not mention run with their own defaults, so an installed
third-party rule takes part without editing the national ruleset.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Severity
from .rules import Rule

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
    source: str
    description: str = ""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def setting(self, rule: type[Rule]) -> RuleSetting:
        raw = dict(self.rules.get(rule.code, {}))
        enabled = bool(raw.pop("enabled", True))
        severity = Severity(raw.pop("severity", rule.severity.value))
        params = {**rule.parameters, **raw}
        return RuleSetting(enabled, severity, params)


def read_ruleset(path: Path, known_rules: Mapping[str, type[Rule]]) -> Ruleset:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取规则集文件（{exc.strerror or exc}）") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: 规则集文件不是 UTF-8 编码") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}") from exc
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: rules 应为表（[rules.代码]）")
    for code, settings in rules.items():
        rule = known_rules.get(code)
        if rule is None:
            raise ConfigError(f"{path}: [rules.{code}] 未知的规则代码 {code}")
        if not isinstance(settings, dict):
            raise ConfigError(f"{path}: [rules.{code}] 应为表")
        for key, value in settings.items():
            if key == "enabled" and not isinstance(value, bool):
                raise ConfigError(f"{path}: rules.{code}.enabled 应为 true 或 false")
            elif key == "severity" and value not in {s.value for s in Severity}:
                raise ConfigError(f"{path}: rules.{code}.severity 应为 error、warning 或 info，实际为 {value!r}")
            elif key not in ("enabled", "severity") and key not in rule.parameters:
                raise ConfigError(f"{path}: rules.{code}.{key} 不是规则 {code} 的参数"
                                  f"（可用参数：{', '.join(rule.parameters) or '无'}）")
    return Ruleset(str(data.get("name", path.stem)), str(path), str(data.get("description", "")), rules)


def resolve_ruleset(name_or_path: str, available: Mapping[str, Path], known_rules: Mapping[str, type[Rule]]) -> Ruleset:
    """A ruleset by name (shipped by a plugin) or by path."""
    if name_or_path in available:
        return read_ruleset(available[name_or_path], known_rules)
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ConfigError(f"{path}: 规则集文件不存在")
        return read_ruleset(path, known_rules)
    names = "、".join(sorted(available)) or "无"
    raise ConfigError(f"未知的规则集 {name_or_path!r}（可用：{names}）")
