"""Ruleset patterns that can backtrack for ever are refused at load time (core/regexsafety.py)."""

from __future__ import annotations

import re
import time

import pytest

from xxgk_lint.core.limits import TimeBudget
from xxgk_lint.core.regexsafety import nested_quantifier

REFUSED = [r"(a+)+$", r"(a*)*", r"(?:\d+，)*", r"(a|b*)+", r"(.*a)+", r"(a+b)+", r"x{2,}(y+)*", r"((ab)+c)*",
           r"(?:[一二三四五六七八九十]+、)+", r"(?P<n>\s+)+", r"(?=x)(?:(a+))+", r"((a+))*?"]
ACCEPTED = [r"信息公开(?:工作)?年度报告", r"(a{1,5})+", r"(a?)+", r"a++", r"(?>a+)+", r"(?:\d++，)+", r"[一二]+、",
            r"(\d+)、(\d+)", r"(?:第[一二三]+条)?", r"(?:ab){2,}", r"(?:\b)*", r"(?:$)+"]


@pytest.mark.parametrize("pattern", REFUSED)
def test_nested_unbounded_repeats_are_refused(pattern):
    assert nested_quantifier(pattern)


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_other_patterns_are_accepted(pattern):
    assert nested_quantifier(pattern) is None


def test_invalid_patterns_are_left_to_re_compile():
    assert nested_quantifier("(主动公开") is None


def test_refused_patterns_really_are_catastrophic():
    """The motivating example takes far longer than a report line should on 30 characters."""
    with TimeBudget(0.5) as budget:
        started = time.perf_counter()
        re.match(r"(a+)+$", "a" * 30 + "b")
    assert budget.exceeded or time.perf_counter() - started > 0.4


def test_every_shipped_ruleset_pattern_is_accepted(host):
    from xxgk_lint.core.ruleset import resolve_ruleset

    known = {code: rule for code, (_, rule) in host.rules.items()}
    for _, path in host.rulesets:
        resolve_ruleset(path.stem, {p.stem: p for _, p in host.rulesets}, known)  # raises if refused
