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
    summary: ClassVar[str]  # one Chinese line for listings
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    versions: ClassVar[frozenset[FormatVersion]] = ALL_VERSIONS
    parameters: ClassVar[Mapping[str, Any]] = {}  # parameter name → default value
    parameter_choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {}  # parameter name → allowed values

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
        return None
