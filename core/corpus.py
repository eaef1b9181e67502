"""A folder of reports as a corpus: which body and year each report is, and which report is its previous year's.

Reviewers hold a body's report against the same body's report of the year before.  The body is read from the
document (the organization in the title, else the sign-off), normalised so the ways one government names its
reports compare equal (``…县人民政府`` / ``…县人民政府办公室`` / ``…县政府``), but never so far that two bodies
merge: a 乡 that became a 镇 keeps two names, and the pairing only *mentions* the likely renaming, so a user
can confirm it in the override file.  Pairing groups by normalised name: linear in the folder size.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Report
from .ruleset import ConfigError
from .textnorm import fold

#: Suffixes that name the same government: its general office and its short form publish its report.
_SAME_BODY = re.compile(r"(人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府)$")
_SPACE = re.compile(r"\s+")
#: What a township's name ends with; a 乡 → 镇 (or 镇 → 街道) change is a renaming a user must confirm.
_TOWNSHIP = re.compile(r"(乡|镇|街道办事处|街道|苏木)$")


def body_key(name: str | None) -> str | None:
    """The name two reports of one body share; None when no body name is known."""
    if not name:
        return None
    compact = _SPACE.sub("", fold(name))
    compact = compact.strip("（）()“”\"'")
    if not compact:
        return None
    stripped = _SAME_BODY.sub("", compact)
    return stripped or compact


def _renaming_stem(key: str) -> str | None:
    m = _TOWNSHIP.search(key)
    return key[: m.start()] if m and m.start() >= 1 else None


@dataclass(frozen=True)
class Entry:
    """One report of the corpus: its body, year, and where each came from (the text or the override file)."""

    path: str
    body: str | None
    year: int | None
    source: str  # Chinese: "标题" / "落款" / "配对文件 corpus.csv 第 3 行" / "--previous"
    key: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", body_key(self.body))  # computed once: pairing reads it several times


@dataclass
class Pairing:
    """Previous-year partners by path, and for every report without one the reason (Chinese)."""

    entries: list[Entry]
    previous: dict[str, str] = field(default_factory=dict)  # this year's path → last year's path
    reasons: dict[str, str] = field(default_factory=dict)  # path → why it has no previous-year partner

    def partner(self, path: str) -> str | None:
        return self.previous.get(path)


def entry_of(report: Report, override: tuple[str, int, str] | None = None) -> Entry:
    """Body and year from the override row if any, else from the document: the organization the report
    builder settled on (title and sign-off reconciled), else the title's, else the sign-off's."""
    if override is not None:
        body, year, where = override
        return Entry(report.path, body, year, where)
    name = report.organization or report.title_organization or report.signoff_organization
    if not name:
        return Entry(report.path, None, report.year, "未识别")
    source = ("标题" if name == report.title_organization else "落款" if name == report.signoff_organization
              else "标题和落款")
    return Entry(report.path, name, report.year, source)


def pair(entries: Sequence[Entry], manual: Mapping[str, str] | None = None) -> Pairing:
    """Pair each report with the same body's report of the year before.

    Reports are grouped by body key and year in one pass; a group of two reports for one body and year is
    ambiguous and neither is paired with anything (a guess would compare the wrong files).  ``manual`` pairs
    (``--previous``) take precedence."""
    result = Pairing(list(entries))
    groups: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.key is not None and e.year is not None:
            groups[(e.key, e.year)].append(e)
    stems: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for (key, year), members in groups.items():
        stem = _renaming_stem(key)
        if stem is not None:
            stems[(stem, year)].extend(members)
    manual = dict(manual or {})
    for e in entries:
        if e.path in manual:
            result.previous[e.path] = manual[e.path]
            continue
        if e.key is None:
            result.reasons[e.path] = "未能从报告中识别发布机关（可在配对文件中指定）"
            continue
        if e.year is None:
            result.reasons[e.path] = "未能从报告中识别报告年度（可在配对文件中指定）"
            continue
        if len(groups[(e.key, e.year)]) > 1:
            same = [o.path for o in groups[(e.key, e.year)] if o.path != e.path]
            named = "、".join(same[:3]) + (f" 等 {len(same)} 份" if len(same) > 3 else "")
            result.reasons[e.path] = f"同一机关 {e.year} 年有多份报告（{named}），无法确定配对"
            continue
        before = groups.get((e.key, e.year - 1), [])
        if len(before) == 1:
            result.previous[e.path] = before[0].path
            continue
        if len(before) > 1:
            result.reasons[e.path] = f"{e.body} {e.year - 1} 年有多份报告，无法确定配对"
            continue
        reason = f"目录中没有“{e.body}”{e.year - 1} 年的报告"
        stem = _renaming_stem(e.key)
        renamed = [o for o in stems.get((stem, e.year - 1), []) if o.key != e.key] if stem else []
        if renamed:
            names = "、".join(f"{o.body}（{o.path}）" for o in renamed)
            reason += f"；{names} 可能是更名前的同一机关，确认后请在配对文件中写明"
        result.reasons[e.path] = reason
    return result


def read_pairing_csv(path: Path) -> dict[str, tuple[str, int, str]]:
    """Rows ``body,year,path`` (paths relative to the CSV's folder), by resolved path; bad rows are errors
    naming the line, because a silent skip would leave a report unpaired without saying why."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配对文件（{exc}）") from exc
    out: dict[str, tuple[str, int, str]] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and [c.strip().lower() for c in row[:3]] == ["body", "year", "path"]:
            continue
        if len(row) < 3:
            raise ConfigError(f"{path}: 第 {number} 行应为三列：机关名称,年度,报告路径")
        body, year, file = (c.strip() for c in row[:3])
        if not year.isdigit() or not 1990 < int(year) < 2100:
            raise ConfigError(f"{path}: 第 {number} 行：年度“{year}”不是四位数年份")
        if not body or not file:
            raise ConfigError(f"{path}: 第 {number} 行：机关名称和报告路径都不能为空")
        out[str((path.parent / file).resolve())] = (body, int(year), f"配对文件 {path.name} 第 {number} 行")
    return out


def entries_for(reports: Iterable[Report], overrides: Mapping[str, tuple[str, int, str]]) -> list[Entry]:
    return [entry_of(r, overrides.get(str(Path(r.path).resolve()))) for r in reports]


@dataclass(frozen=True)
class Family:
    """A parent's report with the reports of its children of the same year, and the children not found."""

    parent: str  # path
    children: tuple[str, ...]  # paths
    missing: tuple[str, ...]  # names or paths of the children without a report in the run


def read_hierarchy_csv(path: Path) -> list[tuple[str, str, int]]:
    """Rows ``parent,child`` (body names, or report paths relative to the CSV's folder), with line numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取上下级对应文件（{exc}）") from exc
    out = []
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["parent", "child"]:
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ConfigError(f"{path}: 第 {number} 行应为两列：上级机关,下级机关（名称或报告路径）")
        parent, child = (_resolve_name(path, c.strip()) for c in row[:2])
        out.append((parent, child, number))
    return out


def _resolve_name(csv_path: Path, value: str) -> str:
    """A path (it names an existing file next to the CSV) as its resolved form, else the body name as given."""
    candidate = csv_path.parent / value
    return str(candidate.resolve()) if candidate.suffix and candidate.is_file() else value


def families(entries: Sequence[Entry], rows: Sequence[tuple[str, str, int]]) -> list[Family]:
    """Each parent report with its children's reports of the same year; one dictionary pass, no pairwise scan."""
    by_path = {str(Path(e.path).resolve()): e for e in entries}
    by_key: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    by_body: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.key is not None and e.year is not None:
            by_key[(e.key, e.year)].append(e)
            by_body[e.key].append(e)

    def reports_of(name: str, year: int | None) -> list[Entry]:
        if name in by_path:
            found = by_path[name]
            return [found] if year is None or found.year == year else []
        key = body_key(name)
        if key is None:
            return []
        if year is None:
            return by_body.get(key, [])
        return by_key.get((key, year), [])

    children_of: dict[str, list[str]] = defaultdict(list)
    for parent, child, _ in rows:
        children_of[parent].append(child)
    out = []
    for parent, names in children_of.items():
        for report in reports_of(parent, None):
            found, missing = [], []
            for name in names:
                matches = reports_of(name, report.year)
                if len(matches) == 1:
                    found.append(matches[0].path)
                else:
                    missing.append(Path(name).name if name in by_path or Path(name).is_absolute() else name)
            out.append(Family(report.path, tuple(found), tuple(missing)))
    return out
