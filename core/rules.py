"""The rule contract: metadata on the class, a pure ``check`` from report and parameters to findings.

A rule's docstring is its documentation, in four fixed parts (``xxgk rule CODE`` prints it):
*检查内容* (what it checks), *为什么* (why it matters), *不符合的示例* (a failing example) and
*符合的示例* (a passing example).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from .model import CATEGORIES, FormatVersion, Report, Severity

ALL_VERSIONS: frozenset[FormatVersion] = frozenset(FormatVersion)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case English identifier, e.g. "section-order"
    summary: ClassVar[str]  # one Chinese line for listings: what is required
    #: one Chinese line saying what is wrong when the rule fires ("正文中遗留了第二个报告标题"); finding headers
    #: and the review memo show it.  Optional for third-party rules: ``problem_of`` falls back to the summary.
    problem: ClassVar[str] = ""
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    versions: ClassVar[frozenset[FormatVersion]] = ALL_VERSIONS
    parameters: ClassVar[Mapping[str, Any]] = {}  # parameter name → default value
    parameter_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {}  # parameter name → allowed values
    parameter_docs: ClassVar[Mapping[str, str]] = {}  # parameter name → what it means, in Chinese

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterable[Any]:
        """Yield ``core.model.Finding`` objects; a finding without a severity takes the configured one."""
        raise NotImplementedError

    @classmethod
    def validate(cls) -> str | None:
        """Why the class cannot be used as a rule, or None."""
        for attr in ("code", "name", "summary", "category"):
            if not isinstance(getattr(cls, attr, None), str) or not getattr(cls, attr):
                return f"缺少规则属性 {attr}"
        if cls.category not in CATEGORIES:
            return f"未知的规则类别 {cls.category!r}"
        if not cls.__doc__:
            return "规则缺少文档字符串"
        if not isinstance(cls.problem, str):
            return "规则属性 problem 应为字符串"
        return None


def problem_of(rule: type[Rule] | None) -> str:
    """What is wrong when ``rule`` fires; rules written before ``problem`` existed fall back to their summary."""
    if rule is None:
        return ""
    return rule.problem or rule.summary


def rule_class(code: str) -> type[Rule] | None:
    """The loaded rule class with ``code`` (built-in, plugin or declared by a ruleset), for callers that hold only
    a finding's code (the review TUI); the most recently defined class wins, as a ruleset's check would."""
    found: type[Rule] | None = None
    stack: list[type[Rule]] = list(Rule.__subclasses__())
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        if getattr(cls, "code", None) == code:
            found = cls
    return found
