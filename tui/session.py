"""A review session: one linted report, the reviewer's decisions, and everything the screens ask about them.

No Textual here: the screens call these methods, tests call them directly.  Decisions are saved as they are
made, in the review-file format of ``core.waivers`` (``xxgk check`` honours the waivers in it).
"""

from __future__ import annotations

import inspect
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xxgk_lint.core.labels import CATEGORY_LABELS as CATEGORY_LABELS  # re-exported for the screens
from xxgk_lint.core.model import FileResult, Finding, Report, Section, Severity, Span
from xxgk_lint.core.rules import problem_of, rule_class
from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.waivers import Decision, now, read_review, review_path, write_review

UNDECIDED, CONFIRMED, WAIVED = "undecided", "confirmed", "waived"
STATES = (UNDECIDED, CONFIRMED, WAIVED)
STATE_LABELS = {UNDECIDED: "未审核", CONFIRMED: "已确认", WAIVED: "已豁免"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_SHORT = {"error": "错", "warning": "警", "info": "提"}
SEVERITIES = tuple(s.value for s in Severity)

NOT_STARTED, IN_PROGRESS, DONE = "not-started", "in-progress", "done"
STATUS_LABELS = {NOT_STARTED: "未开始", IN_PROGRESS: "进行中", DONE: "已完成"}


def review_status(findings: Iterable[Finding], decisions: dict[str, Decision]) -> str:
    """未开始 (no decision on any finding), 进行中 (some findings undecided), 已完成 (all decided, or nothing
    to decide)."""
    prints = [f.fingerprint for f in findings]
    if not prints:
        return DONE  # nothing to review
    decided = sum(1 for p in prints if p in decisions)
    if decided == 0:
        return NOT_STARTED
    return DONE if decided == len(prints) else IN_PROGRESS


def severity_counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(f.severity.value for f in findings if f.severity is not None)


@dataclass(frozen=True)
class Filter:
    """Which findings are shown and visited; ``None`` means all."""

    severities: frozenset[str] | None = None
    categories: frozenset[str] | None = None
    states: frozenset[str] | None = None

    def active(self) -> bool:
        return any(x is not None for x in (self.severities, self.categories, self.states))

    def describe(self) -> str:
        parts = []
        if self.severities is not None:
            parts.append("级别：" + "、".join(SEVERITY_LABELS[s] for s in SEVERITIES if s in self.severities))
        if self.categories is not None:
            parts.append("类别：" + "、".join(CATEGORY_LABELS.get(c, c) for c in sorted(self.categories)))
        if self.states is not None:
            parts.append("状态：" + "、".join(STATE_LABELS[s] for s in STATES if s in self.states))
        return "；".join(parts) if parts else "全部"


@dataclass
class OutlineEntry:
    """A line of the outline: the preamble, a section, a table, the whole report, or disappeared findings."""

    key: str
    label: str
    kind: str  # "preamble" | "section" | "table" | "report" | "stale"
    span: Span | None
    section: Section | None = None
    table: int | None = None
    parent: str | None = None
    findings: list[Finding] = field(default_factory=list)


class ReviewSession:
    def __init__(self, path: Path, file: FileResult, rule_docs: dict[str, tuple[str, str]] | None = None,
                 review_file: Path | None = None, reviewer: str | None = None,
                 clock: Callable[[], str] = now):
        assert file.report is not None, "a session needs a report that could be read"
        self.path = path
        self.file = file
        self.report: Report = file.report
        self.findings: list[Finding] = list(file.findings)
        self.rule_docs = rule_docs or {}  # code → (summary, docstring)
        self.review_file = review_file or review_path(path)
        self.reviewer = reviewer or ""  # never the login name: the screens ask when nobody is named
        self.clock = clock
        self.decisions: dict[str, Decision] = {}
        self.load_error: str | None = None
        self.filter = Filter()
        self._by_print = {f.fingerprint: f for f in self.findings}
        self._spans: dict[str, list[Span]] = {}
        self._section_starts = [sec.span.start for sec in self.report.sections]
        self.load()
        self.entries = self._outline()
        self._entry_keys = {e.key: e for e in self.entries}
        self._section_keys = {id(e.section): e.key for e in self.entries if e.kind == "section"}
        self._entry_of = {f.fingerprint: self._entry_for(f).key for f in self.findings}

    # -- decisions ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        if not self.review_file.is_file():
            return
        try:
            self.decisions = read_review(self.review_file)[1]
        except ConfigError as exc:  # never overwrite a file we could not read
            self.load_error = str(exc)

    @property
    def read_only(self) -> bool:
        return self.load_error is not None

    def save(self) -> None:
        if self.read_only:
            return
        target = os.path.relpath(self.path.resolve(), self.review_file.resolve().parent)
        try:
            write_review(self.review_file, Path(target).as_posix(), self.decisions.values())
        except ConfigError as exc:  # the file went bad since it was read: keep it, stop saving into it
            self.load_error = str(exc)
        except OSError as exc:
            self.load_error = f"{self.review_file}: 无法保存审核记录（{exc.strerror or exc}）"

    def state(self, f: Finding) -> str:
        d = self.decisions.get(f.fingerprint)
        return d.decision if d is not None else UNDECIDED

    def decision(self, f: Finding) -> Decision | None:
        return self.decisions.get(f.fingerprint)

    def _decide(self, f: Finding, decision: str, reason: str = "") -> Decision:
        d = Decision(f.fingerprint, decision, f.rule, f.message, reason, self.reviewer, self.clock())
        self.decisions[f.fingerprint] = d
        self.save()
        return d

    def confirm(self, f: Finding, comment: str = "") -> Decision:
        """Confirmed as a problem to fix; the optional comment is the reviewer's note for the memo."""
        return self._decide(f, CONFIRMED, comment.strip())

    def waive(self, f: Finding, reason: str) -> Decision:
        return self._decide(f, WAIVED, reason.strip())

    def reset(self, f: Finding) -> None:
        if self.decisions.pop(f.fingerprint, None) is not None:
            self.save()

    @property
    def stale(self) -> list[Decision]:
        """Decisions whose finding no longer exists (fixed in the report, or the rule changed)."""
        return [d for fp, d in sorted(self.decisions.items()) if fp not in self._by_print]

    def drop_stale(self) -> int:
        gone = [d.fingerprint for d in self.stale]
        for fp in gone:
            del self.decisions[fp]
        if gone:
            self.save()
        return len(gone)

    @property
    def status(self) -> str:
        return review_status(self.findings, self.decisions)

    def decided_count(self) -> int:
        return sum(1 for f in self.findings if f.fingerprint in self.decisions)

    # -- findings, in document order ---------------------------------------------------------------------------

    def visible(self, f: Finding) -> bool:
        flt = self.filter
        if flt.severities is not None and (f.severity is None or f.severity.value not in flt.severities):
            return False
        if flt.categories is not None and f.category not in flt.categories:
            return False
        return flt.states is None or self.state(f) in flt.states

    def shown(self) -> list[Finding]:
        return [f for f in self.findings if self.visible(f)]

    def neighbour(self, current: Finding | None, step: int, offset: int | None = None) -> Finding | None:
        """The next (step 1) or previous (-1) shown finding from ``current``, or from ``offset`` when there is
        no current finding; None at either end."""
        shown = self.shown()
        if not shown:
            return None
        if current is not None and current in shown:
            i = shown.index(current) + step
            return shown[i] if 0 <= i < len(shown) else None
        if offset is None:
            return shown[0] if step > 0 else shown[-1]
        starts = [self.start_of(f) for f in shown]
        if step > 0:
            return next((f for f, s in zip(shown, starts, strict=True) if s >= offset), None)
        return next((f for f, s in zip(reversed(shown), reversed(starts), strict=True) if s < offset), None)

    def next_undecided(self, current: Finding | None = None) -> Finding | None:
        """The first shown undecided finding after ``current`` (wrapping round to the start), so that deciding
        moves the reviewer on to the next thing that needs a decision; None when everything shown is decided."""
        shown = self.shown()
        start = shown.index(current) + 1 if current is not None and current in shown else 0
        for f in (*shown[start:], *shown[:start]):
            if f is not current and self.state(f) == UNDECIDED:
                return f
        return None

    def start_of(self, f: Finding) -> int:
        if f.span is not None:
            return f.span.start
        section = self.section_for(f)
        return section.span.start if section is not None else len(self.report.text)

    def section_at(self, offset: int) -> Section | None:
        i = bisect_right(self._section_starts, offset) - 1
        if i >= 0 and offset < self.report.sections[i].span.end:
            return self.report.sections[i]
        return None

    def section_for(self, f: Finding) -> Section | None:
        if f.span is not None:
            found = self.section_at(f.span.start)
            if found is not None:
                return found
        if f.section is not None:
            return next((s for s in self.report.sections if s.number == f.section), None)
        if f.table is not None:
            table = self.report.tables.get(f.table)
            if table is not None and table.span is not None:
                return self.section_at(table.span.start)
        return None

    def cells_of(self, f: Finding) -> list[str]:
        cells = list(f.cells)
        values = f.evidence.get("values") if isinstance(f.evidence, dict) else None
        if isinstance(values, dict):
            cells += [c for c in values if isinstance(c, str) and c not in cells]
        return cells

    def spans_of(self, f: Finding) -> list[Span]:
        """What to highlight in the text: the finding's span and the spans of the cells it involves.  A blank
        cell (empty span) is shown on the tab that follows it."""
        cached = self._spans.get(f.fingerprint)
        if cached is not None:
            return cached
        spans = [f.span] if f.span is not None else []
        text = self.report.text
        for cell_id in self.cells_of(f):
            cell = self.report.cell(cell_id) if cell_id[:1] == "t" and cell_id[1:2].isdigit() else None
            span = cell.provenance.span if cell is not None else None
            if span is None:
                continue
            if span.start == span.end:
                if span.start < len(text) and text[span.start] == "\t":
                    span = Span(span.start, span.start + 1)
                else:
                    continue
            spans.append(span)
        self._spans[f.fingerprint] = spans
        return spans

    # -- outline -----------------------------------------------------------------------------------------------

    def _outline(self) -> list[OutlineEntry]:
        report = self.report
        entries: list[OutlineEntry] = []
        first = report.sections[0].span.start if report.sections else len(report.text)
        if report.text[:first].strip():
            entries.append(OutlineEntry("preamble", "标题与前言", "preamble", Span(0, first)))
        placed: set[int] = set()
        for i, section in enumerate(report.sections):
            entries.append(OutlineEntry(f"s{i}", section.heading.strip() or f"第{section.number}部分", "section",
                                        section.span, section=section))
            for kind, table in sorted(report.tables.items()):
                if kind in placed:
                    continue
                inside = table.span is not None and section.span.start <= table.span.start < section.span.end
                if inside or (table.span is None and section.number == "一二三四五六"[kind - 1]):
                    placed.add(kind)
                    entries.append(OutlineEntry(f"t{kind}", f"表{'一二三四'[kind - 1]}", "table", section.span,
                                                section=section, table=kind, parent=f"s{i}"))
        for kind, table in sorted(report.tables.items()):
            if kind not in placed:
                entries.append(OutlineEntry(f"t{kind}", f"表{'一二三四'[kind - 1]}", "table",
                                            table.span or Span(0, len(report.text)), table=kind))
        entries.append(OutlineEntry("report", "全文", "report", Span(0, len(report.text))))
        return entries

    def entry(self, key: str) -> OutlineEntry | None:
        return self._entry_keys.get(key)

    def entry_for(self, f: Finding) -> OutlineEntry:
        """Where a finding is shown: its table, its section, the preamble, or the whole report."""
        return self._entry_keys[self._entry_of[f.fingerprint]]

    def _entry_for(self, f: Finding) -> OutlineEntry:
        if f.table is not None and f"t{f.table}" in self._entry_keys:
            return self._entry_keys[f"t{f.table}"]
        section = self.section_for(f)
        if section is not None and id(section) in self._section_keys:
            return self._entry_keys[self._section_keys[id(section)]]
        if f.span is not None and "preamble" in self._entry_keys and self.section_at(f.span.start) is None \
                and (not self._section_starts or f.span.start < self._section_starts[0]):
            return self._entry_keys["preamble"]
        return self._entry_keys["report"]

    def entry_for_offset(self, offset: int) -> OutlineEntry:
        section = self.section_at(offset)
        if section is not None and id(section) in self._section_keys:
            return self._entry_keys[self._section_keys[id(section)]]
        if "preamble" in self._entry_keys and (not self._section_starts or offset < self._section_starts[0]):
            return self._entry_keys["preamble"]
        return self._entry_keys["report"]

    def entry_findings(self, entry: OutlineEntry, findings: Sequence[Finding]) -> list[Finding]:
        """The findings of an outline line: a section's include its tables'; 全文 has them all."""
        if entry.kind == "report":
            return list(findings)
        keys = {entry.key} | {e.key for e in self.entries if e.parent == entry.key}
        return [f for f in findings if self._entry_of[f.fingerprint] in keys]

    def counts(self, findings: Sequence[Finding]) -> dict[str, Counter[str]]:
        """Finding counts by severity for every outline line."""
        out: dict[str, Counter[str]] = {e.key: Counter() for e in self.entries}
        for f in findings:
            severity = f.severity.value if f.severity else "info"
            key = self._entry_of[f.fingerprint]
            out[key][severity] += 1
            parent = self._entry_keys[key].parent
            if parent is not None:
                out[parent][severity] += 1
            if key != "report":
                out["report"][severity] += 1
        return out

    # -- rule documentation ------------------------------------------------------------------------------------

    def rule_summary(self, code: str) -> str:
        return self.rule_docs.get(code, ("", ""))[0]

    def rule_problem(self, code: str) -> str:
        """What is wrong when the rule fires (finding headers, the memo); its summary for rules without one."""
        return problem_of(rule_class(code)) or self.rule_summary(code)

    def rule_doc(self, code: str) -> str:
        return self.rule_docs.get(code, ("", ""))[1] or "（该规则没有说明文档）"


def rule_docs_from(rules: Iterable[type]) -> dict[str, tuple[str, str]]:
    return {r.code: (getattr(r, "summary", ""), inspect.cleandoc(r.__doc__ or ""))  # type: ignore[attr-defined]
            for r in rules if getattr(r, "code", None)}
