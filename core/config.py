"""Project configuration: ``xxgk.toml`` or ``[tool.xxgk]`` in ``pyproject.toml``, found upward from each file.

A county office keeps one configuration at the top of its folder of unit reports; a department keeps one in
its publishing repository.  Precedence, highest first: command-line flags, a matching ``[[overrides]]`` entry,
the project configuration, the ruleset's own ``select``/``ignore``, the national defaults.  ``ignore`` lists
accumulate across these levels; ``select`` and ``ruleset`` are taken from the highest level that sets them.
"""

from __future__ import annotations

import difflib
import fnmatch
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .limits import Limits, parse_limits
from .ruleset import ConfigError, Ruleset
from .tomlpaths import line_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_RULESET = "national"
_KEYS = {"ruleset", "select", "ignore", "overrides", "corpus", "review", "limits"}
_REVIEW_KEYS = {"reviewer", "viewer"}
_OVERRIDE_KEYS = {"paths", "ruleset", "select", "ignore"}


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    ruleset: str | None
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]


@dataclass(frozen=True)
class ReviewSettings:
    """``[review]``: the reviewer's name for decisions, and the command that opens a report at a page."""

    reviewer: str | None = None
    viewer: str | None = None  # e.g. "evince --page-index={page} {path}"


@dataclass(frozen=True)
class ProjectConfig:
    path: Path  # xxgk.toml or pyproject.toml
    ruleset: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    corpus_pairs: Path | None = None  # [corpus] pairs: CSV body,year,path for reports the text cannot identify
    corpus_hierarchy: Path | None = None  # [corpus] hierarchy: CSV parent,child for the parent = Σ children checks
    review: ReviewSettings = ReviewSettings()
    limits: Limits = field(default_factory=Limits)

    def override_for(self, file: Path) -> Override | None:
        """The last override whose glob matches the file's path relative to the configuration's folder."""
        try:
            relative = file.resolve().relative_to(self.path.parent.resolve()).as_posix()
        except ValueError:
            return None
        found = None
        for override in self.overrides:
            if any(fnmatch.fnmatch(relative, pattern) for pattern in override.paths):
                found = override
        return found


@dataclass(frozen=True)
class CliOptions:
    ruleset: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


@dataclass
class Resolved:
    """The configuration that applies to one file, with where each value came from."""

    ruleset: str
    ruleset_from: str
    select: tuple[str, ...] | None
    select_from: str
    ignore: tuple[str, ...]
    ignore_from: list[str] = field(default_factory=list)
    config: ProjectConfig | None = None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：应为字符串数组（如 [\"S\", \"A3\"]）")
    return tuple(value)


def _parse(path: Path, data: Mapping[str, Any], source: str, prefix: list[str]) -> ProjectConfig:
    def where(*key: str | int) -> str:
        line = line_of(source, [*prefix, *key])
        return f"{path}: {'第 ' + str(line) + ' 行，' if line else ''}{'.'.join(map(str, [*prefix, *key]))}"

    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{where(unknown[0])}：不认识的配置项（可用：{'、'.join(sorted(_KEYS))}）")
    ruleset = data.get("ruleset")
    if ruleset is not None and not isinstance(ruleset, str):
        raise ConfigError(f"{where('ruleset')}：应为规则集名称或 .toml 路径")
    overrides = []
    for i, item in enumerate(data.get("overrides", [])):
        if not isinstance(item, dict) or "paths" not in item:
            raise ConfigError(f"{where('overrides', i)}：每个 [[overrides]] 都需要 paths（文件名通配符数组）")
        bad = sorted(set(item) - _OVERRIDE_KEYS)
        if bad:
            allowed = "、".join(sorted(_OVERRIDE_KEYS))
            raise ConfigError(f"{where('overrides', i, bad[0])}：不认识的配置项（可用：{allowed}）")
        overrides.append(Override(
            _strings(item["paths"], where("overrides", i, "paths")),
            item.get("ruleset"),
            _strings(item["select"], where("overrides", i, "select")) if "select" in item else None,
            _strings(item.get("ignore", []), where("overrides", i, "ignore")),
        ))
    corpus = data.get("corpus", {})
    if (not isinstance(corpus, dict) or set(corpus) - {"pairs", "hierarchy"}
            or not all(isinstance(v, str) for v in corpus.values())):
        raise ConfigError(f"{where('corpus')}：[corpus] 可用的配置项为 pairs = \"配对.csv\"、"
                          "hierarchy = \"上下级.csv\"")
    review = data.get("review", {})
    if not isinstance(review, dict):
        raise ConfigError(f"{where('review')}：应为表 [review]（reviewer、viewer）")
    bad_review = sorted(set(review) - _REVIEW_KEYS)
    if bad_review:
        allowed = "、".join(sorted(_REVIEW_KEYS))
        raise ConfigError(f"{where('review', bad_review[0])}：不认识的配置项（可用：{allowed}）")
    for key, value in review.items():
        if not isinstance(value, str):
            raise ConfigError(f"{where('review', key)}：应为字符串")
    return ProjectConfig(
        corpus_pairs=path.parent / corpus["pairs"] if corpus.get("pairs") else None,
        corpus_hierarchy=path.parent / corpus["hierarchy"] if corpus.get("hierarchy") else None,
        path=path,
        ruleset=ruleset,
        select=_strings(data["select"], where("select")) if "select" in data else None,
        ignore=_strings(data.get("ignore", []), where("ignore")),
        overrides=tuple(overrides),
        review=ReviewSettings(review.get("reviewer") or None, review.get("viewer") or None),
        limits=parse_limits(data.get("limits", {}), lambda *key: where("limits", *key)),
    )


def read_config(path: Path) -> ProjectConfig | None:
    """The configuration in ``path`` (None for a pyproject.toml without ``[tool.xxgk]``)."""
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc}）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}") from exc
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("xxgk")
        return None if section is None else _parse(path, section, source, ["tool", "xxgk"])
    return _parse(path, data, source, [])


def find_config(start: Path) -> ProjectConfig | None:
    """Nearest ``xxgk.toml`` (or ``pyproject.toml`` with ``[tool.xxgk]``) in the file's folder or above."""
    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        for name in ("xxgk.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file():
                config = read_config(path)
                if config is not None:
                    return config
    return None


def resolve(file: Path, cli: CliOptions, config: ProjectConfig | None) -> Resolved:
    override = config.override_for(file) if config else None
    levels: Sequence[tuple[str, str | None, tuple[str, ...] | None, tuple[str, ...]]] = [
        ("命令行", cli.ruleset, cli.select, cli.ignore),
        *([(f"{config.path} [[overrides]]", override.ruleset, override.select, override.ignore)]
          if config and override else []),
        *([(str(config.path), config.ruleset, config.select, config.ignore)] if config else []),
    ]
    ruleset, ruleset_from = DEFAULT_RULESET, "默认"
    for origin, name, _, _ in levels:
        if name:
            ruleset, ruleset_from = name, origin
            if config is not None and origin != "命令行" and name.endswith(".toml") and not Path(name).is_absolute():
                ruleset = str(config.path.parent / name)  # a path in a configuration file is relative to it
            break
    select, select_from = None, "规则集"
    for origin, _, chosen, _ in levels:
        if chosen is not None:
            select, select_from = chosen, origin
            break
    ignore: tuple[str, ...] = ()
    ignore_from = []
    for origin, _, _, extra in levels:
        if extra:
            ignore += extra
            ignore_from.append(origin)
    return Resolved(ruleset, ruleset_from, select, select_from, ignore, ignore_from, config)


def apply(ruleset: Ruleset, resolved: Resolved, known: Iterable[str]) -> Ruleset:
    """The ruleset with the configuration's select/ignore on top of its own; unknown prefixes are errors."""
    codes = sorted({*known, *(rule.code for rule in ruleset.declared)})
    for key, values, origin in (("select", resolved.select or (), resolved.select_from),
                                ("ignore", resolved.ignore, "、".join(resolved.ignore_from))):
        for prefix in values:
            if not any(code.startswith(prefix) for code in codes):
                near = difflib.get_close_matches(prefix, codes, n=3, cutoff=0.5)
                hint = f"；是不是 {'、'.join(near)}？" if near else "；用 xxgk rules 查看全部规则"
                raise ConfigError(f"{origin}：{key} 中有未知的规则代码 {prefix}{hint}")
    if resolved.select is not None:
        ruleset.select = list(resolved.select)
    ruleset.ignore = [*ruleset.ignore, *resolved.ignore]
    return ruleset
