"""Refuse ruleset patterns that can backtrack for ever (catastrophic backtracking, ReDoS).

A pattern such as ``(a+)+$`` takes time exponential in the length of a line that almost matches: one long
line of a report would hang the run.  The classic cause is *star height* above one: an unbounded repeat
(``*``, ``+``, ``{n,}``) inside another unbounded repeat, where the inner one can match a non-empty text in
more than one way per outer iteration.  Such a pattern is refused when the ruleset is loaded.

What is refused: an unbounded repeat whose body contains another unbounded repeat that can match something
non-empty, at any depth of groups and alternatives, e.g. ``(a+)+``, ``(?:\\d+，)*``, ``(a|b*)+``, ``(.*a)+``.
What is accepted: bounded repeats (``{1,5}``, ``?``) at any nesting, possessive repeats (``a++``) and atomic
groups (``(?>…)``), which never backtrack into themselves, and nesting whose inner repeat matches only the
empty text.  Patterns this analysis accepts but that still backtrack badly (overlapping alternatives such as
``(a|aa)+$``) are bounded at run time by the per-rule and per-file time budgets (core/limits.py).

The analysis walks the parse tree of Python's own regular-expression parser (``re._parser``, ``sre_parse``
before 3.11), so it sees exactly what ``re.compile`` compiles.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

# private modules of the standard library, typed as Any: their layout is what re.compile itself uses
C: Any = importlib.import_module("re._constants" if sys.version_info >= (3, 11) else "sre_constants")
parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

_UNBOUNDED = C.MAXREPEAT
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT}


def nested_quantifier(pattern: str) -> str | None:
    """The first offending sub-pattern's description (an unbounded repeat nested in another), or None."""
    try:
        tree = parser.parse(pattern)
    except Exception:  # invalid patterns are reported by re.compile with its own message
        return None
    return _scan(list(tree), inside=False)


def _scan(items: list[tuple[Any, Any]], inside: bool) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            _, high, body = av
            unbounded = high == _UNBOUNDED
            if unbounded and inside and _can_match_nonempty(list(body)):
                return "无界重复（*、+ 或 {n,}）嵌套在另一个无界重复之内"
            found = _scan(list(body), inside or (unbounded and _can_match_nonempty(list(body))))
            if found:
                return found
        elif op == getattr(C, "POSSESSIVE_REPEAT", None) or op == getattr(C, "ATOMIC_GROUP", None):
            continue  # never backtracks into itself
        else:
            for sub in _children(op, av):
                found = _scan(sub, inside)
                if found:
                    return found
    return None


def _children(op: Any, av: Any) -> list[list[tuple[Any, Any]]]:
    if op == C.SUBPATTERN:
        return [list(av[-1])]
    if op == C.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [list(av[1])]
    if op == C.GROUPREF_EXISTS:
        return [list(b) for b in av[1:] if b is not None]
    return []


def _can_match_nonempty(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in _REPEATS or op == getattr(C, "POSSESSIVE_REPEAT", None):
            if av[1] > 0 and _can_match_nonempty(list(av[2])):
                return True
            continue
        if op == C.SUBPATTERN or op == C.BRANCH or op == C.GROUPREF_EXISTS \
                or op == getattr(C, "ATOMIC_GROUP", None):
            subs = _children(op, av) if op != getattr(C, "ATOMIC_GROUP", None) else [list(av)]
            if any(_can_match_nonempty(s) for s in subs):
                return True
            continue
        return True  # a literal, class, any, backreference: consumes text
    return False
