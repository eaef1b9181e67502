"""Rules that compare a report with its previous year's report (category ``cross-year``).

A corpus rule is registered like any rule (the ``xxgk_rules`` hook, one module per rule, the same metadata and
four-part docstring) and is configured, selected and ignored the same way; the engine runs its ``check_pair``
only for reports that have a previous-year partner, so a report without one gets no cross-year finding at all.
Its single-report ``check`` finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .model import Finding, RelatedLocation, Report, Span
from .rules import Rule


class CorpusRule(Rule):
    category = "cross-year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterable[Finding]:
        return ()

    def check_pair(self, report: Report, previous: Report, params: Mapping[str, Any]) -> Iterable[Finding]:
        """Findings on ``report`` (this year's) from comparing it with ``previous`` (the year before)."""
        raise NotImplementedError


def related(previous: Report, span: Span | None, message: str, cells: tuple[str, ...] = ()) -> RelatedLocation:
    """The place in last year's report a finding compares with, located as users see that file."""
    where = previous.locate(span) if span is not None else None
    return RelatedLocation(previous.path, message, where.line if where else None, where.column if where else None,
                           where.page if where else None, cells)


class HierarchyRule(Rule):
    """A rule that compares a parent body's report with its children's reports of the same year (a mapping the
    user gives, see docs/corpus.md); ``check_family`` runs only for parents named in the mapping."""

    category = "cross-year"

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterable[Finding]:
        return ()

    def check_family(self, report: Report, children: Sequence[Report], missing: Sequence[str],
                     params: Mapping[str, Any]) -> Iterable[Finding]:
        """Findings on the parent ``report``; ``missing`` names the children whose report is not in the run."""
        raise NotImplementedError
