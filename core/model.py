"""The typed document model every stage shares: readers build it, rules read it, reporters print it.

Offsets are character offsets into ``Report.text`` (the decoded text with ``\\r\\n`` turned into ``\\n``), so
line and column numbers stay those of the original file.  PDF readers add page and bbox provenance.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; ``--fail-on`` compares ranks."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Semantic(str, Enum):
    """What a table cell holds; a blank is never silently a zero."""

    NUMBER = "number"
    ZERO = "zero"
    EMPTY = "empty"
    NA = "na"  # "/", "-", "—", "无"
    TEXT = "text"


class FormatVersion(str, Enum):
    V2021 = "2021"
    V2019 = "2019"
    LEGACY = "legacy"
    UNKNOWN = "unknown"


class SectionKind(str, Enum):
    OVERVIEW = "overview"
    PROACTIVE = "proactive"
    REQUESTS = "requests"
    REVIEW_LITIGATION = "review-litigation"
    PROBLEMS = "problems"
    OTHER = "other"


#: The national order of the six sections, with their numbers.
SECTION_ORDER: tuple[tuple[str, SectionKind], ...] = (
    ("一", SectionKind.OVERVIEW),
    ("二", SectionKind.PROACTIVE),
    ("三", SectionKind.REQUESTS),
    ("四", SectionKind.REVIEW_LITIGATION),
    ("五", SectionKind.PROBLEMS),
    ("六", SectionKind.OTHER),
)

CATEGORIES: frozenset[str] = frozenset(
    {
        "structure", "numbering", "table-missing", "table-blank", "table-arithmetic", "text-table",
        "narrative-arithmetic", "year", "organization", "date", "fee", "content", "typography",
        "format-version", "cross-year", "regional",
    }
)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Report.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value was read: a text span, or a PDF page and bbox; ``note`` says how it was recovered."""

    span: Span | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a chunk of ``Report.text`` came from in a file that is not plain text."""

    offset: int  # start of the chunk in Report.text
    line: int | None = None  # 1-based line in the source file (HTML)
    column: int | None = None
    page: int | None = None  # 1-based PDF page
    bbox: tuple[float, float, float, float] | None = None  # PDF points (x0, y0, x1, y1)


@dataclass
class SourceMap:
    """Anchors sorted by offset: an offset belongs to the last anchor at or before it."""

    anchors: list[Anchor] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.anchors.sort(key=lambda a: a.offset)
        self._offsets = [a.offset for a in self.anchors]

    def at(self, offset: int) -> Anchor | None:
        i = bisect.bisect_right(self._offsets, offset) - 1
        return self.anchors[i] if i >= 0 else None


@dataclass(frozen=True, slots=True)
class Location:
    """A position as users see it: 1-based line/column (end exclusive), and PDF page/bbox when known."""

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    id: str  # canonical id, e.g. "t3.new.natural" (docs/model.md)
    row: str  # official row label for the layout
    column: str  # official column label for the layout
    raw: str
    value: int | float | None
    semantic: Semantic
    provenance: Provenance

    @property
    def is_blank(self) -> bool:
        return self.semantic in (Semantic.EMPTY, Semantic.NA)


@dataclass(frozen=True, slots=True)
class UnplacedCell:
    """A value found inside a table that could not be assigned to a row/column; never dropped silently."""

    table: int
    raw: str
    provenance: Provenance
    reason: str


@dataclass
class Table:
    kind: int  # 2, 3 or 4
    layout: str  # "2021" | "2019" (table 4: "standard")
    variants: frozenset[str] = frozenset()  # e.g. {"subtotal"} for the 8-column table 3
    cells: dict[str, Cell] = field(default_factory=dict)
    span: Span | None = None
    unplaced: list[UnplacedCell] = field(default_factory=list)

    def get(self, cell_id: str) -> Cell | None:
        return self.cells.get(cell_id)


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading line: level 1 is 一、/1、, level 2 is （一）/(1)."""

    level: int
    marker: str  # the numbering token as written: "一、", "（三）", "1、", "(2)"
    style: str  # "cjk", "arabic", "cjk-paren", "arabic-paren"
    number: int
    text: str  # heading text after the marker, as written
    span: Span


@dataclass
class Section:
    number: str | None  # 一…六 (normalised from 1、… too) or None
    heading: str  # heading line as written
    kind: SectionKind | None
    span: Span  # from the heading to the next section heading
    heading_span: Span
    subheadings: list[Heading] = field(default_factory=list)


@dataclass
class Report:
    path: str
    input_format: str
    text: str
    folded: str  # same length as text: width-folded for matching (see core.textnorm)
    line_starts: list[int]
    title: str | None = None
    title_span: Span | None = None
    organization: str | None = None
    title_organization: str | None = None
    signoff_organization: str | None = None
    year: int | None = None
    format_version: FormatVersion = FormatVersion.UNKNOWN
    signoff_date: str | None = None  # ISO date
    signoff_span: Span | None = None
    publication_date: str | None = None  # ISO date, when the source says
    sections: list[Section] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    tables: dict[int, Table] = field(default_factory=dict)
    source_map: SourceMap | None = None  # set by readers whose text is rendered from another format
    # analyses several rules share (prose sentences, prose units), computed once per report: see ``memo``
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    reader_notes: list[str] = field(default_factory=list)  # Chinese: parts of the file that could not be read

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A derived analysis of this report, built once and shared by the rules that need it.

        Rules stay pure functions of the report: a memoised value depends only on the report, and callers
        must not mutate it.  Keys are namespaced by the helper module that builds them."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]

    def forget_memo(self) -> None:
        """Drop the shared analyses once the rules have run: results of a folder run stay small."""
        self._memo.clear()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def locate(self, span: Span) -> Location:
        """Where a span is in the file the user has: the text itself, or the source a reader rendered it from."""
        if self.source_map is None:
            line, column = self.position(span.start)
            end_line, end_column = self.position(span.end)
            return Location(line, column, end_line, end_column)
        start = self.source_map.at(span.start)
        # the chunk holding the last character, unless the span ends on a blank cell (nothing before it but
        # the separator): then the chunk that starts there
        last = span.end - 1 if span.end > span.start and self.text[span.end - 1] not in "\t\n" else span.end
        end = self.source_map.at(last)
        if start is None:
            return Location()
        return Location(start.line, start.column, end.line if end else None, end.column if end else None,
                        start.page, start.bbox)

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.span.start <= offset < section.span.end:
                return section
        return None

    def cell(self, cell_id: str) -> Cell | None:
        table = self.tables.get(int(cell_id[1]))
        return table.cells.get(cell_id) if table else None


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """Where a finding that compares two files points in the other one (last year's report, a child's report)."""

    path: str
    message: str  # Chinese: what is there, e.g. "上年报告“结转下年度继续办理”自然人：5"
    line: int | None = None
    column: int | None = None
    page: int | None = None
    cells: tuple[str, ...] = ()


@dataclass
class Finding:
    """One problem; rules fill the first fields, the engine adds location and fingerprint."""

    rule: str
    category: str
    message: str
    severity: Severity | None = None  # None: the severity configured for the rule
    span: Span | None = None
    section: str | None = None
    table: int | None = None
    cells: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)
    key: str = ""  # what the finding is about, stable across edits elsewhere (feeds the fingerprint)
    page: int | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    fingerprint: str = ""
    related: tuple[RelatedLocation, ...] = ()  # the other file's location, for findings comparing two reports


@dataclass
class FileError:
    code: str  # "unreadable", "unsupported", "empty", "encoding", "internal"
    message: str  # Chinese, names what is wrong


@dataclass
class FileResult:
    path: str
    format: str | None
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    waived: list[tuple[Finding, str]] = field(default_factory=list)  # hidden by a review file, with the reason
    stale_waivers: list[dict[str, str]] = field(default_factory=list)  # waivers that match no finding any more
    baselined: int = 0  # findings hidden by --baseline
    rules: tuple[str, ...] = ()  # codes of the rules that ran on the file (those applying to its format version)


def display_path(path: Path) -> str:
    """Paths as the user would recognise them: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # not below the working directory; a symlink loop
        return str(path)
