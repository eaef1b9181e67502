"""Find the line of a key path in TOML source, so configuration errors can say where to look.

``tomllib`` does not keep positions, so the source is scanned for table headers (``[rules.S101]``,
``[[check]]``) and keys.  It is a locator for error messages, not a parser: when a path cannot be found the
nearest enclosing table's line is returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.\u4e00-\u9fff]+)\s*=")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in dotted.split(".")]


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(顶层)"


def line_of(source: str, path: Sequence[str | int]) -> int | None:
    """1-based line where ``path`` (keys and array indexes) is defined, or its closest enclosing table."""
    target = list(path)
    best: int | None = None
    best_depth = -1
    table: list[str | int] = []
    array_counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _parts(header.group(2))
            if header.group(1) == "[[":
                array_key = tuple(names)
                index = array_counts.get(array_key, -1) + 1
                array_counts[array_key] = index
                table = [*names[:-1], names[-1], index]
            else:
                table = list(names)
            depth = _prefix_depth(table, target)
            if depth == len(table) and depth > best_depth:
                best, best_depth = number, depth
            continue
        assignment = _KEY.match(line)
        if assignment:
            full: list[str | int] = [*table, *_parts(assignment.group(1))]
            depth = _prefix_depth(full, target)
            if depth == len(full) and depth > best_depth:
                best, best_depth = number, depth
    return best


def _prefix_depth(candidate: Sequence[str | int], target: Sequence[str | int]) -> int:
    """How many leading parts agree; a candidate longer than the target never matches."""
    if len(candidate) > len(target):
        return -1
    depth = 0
    for a, b in zip(candidate, target, strict=False):
        if a != b:
            return -1
        depth += 1
    return depth
