"""The report text of one section (or the whole report), drawn only where it is visible.

A ``ScrollView`` with the Line API, as Toolong does: the text is wrapped into rows once per width (character
wrapping with kinsoku, ``tui.textlayout``), and ``render_line`` draws just the rows on screen, so a 100-page
report opens and scrolls as fast as a one-page one.  Highlights are character ranges of ``Report.text``
painted character by character, so they stay on the characters they mark whatever their cell widths.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..textlayout import expand, wrap
from .styles import CachedStyles

#: highlight kinds, lowest priority first
KINDS = ("search", "info", "warning", "error", "current-info", "current-warning", "current-error", "search-current")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS


class DocumentView(ScrollView, CachedStyles, can_focus=True):
    """Rows of ``text[start:end]`` with line numbers of the report in a gutter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document--gutter", "document--heading",
        *(f"document--{kind}" for kind in KINDS),
    }

    DEFAULT_CSS = """
    DocumentView { overflow-y: scroll; overflow-x: hidden; }
    """

    class Clicked(Message):
        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = ""
        self._line_starts: list[int] = [0]
        self._start = self._end = 0
        self._marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self._longest = 0
        self._headings: list[tuple[int, int]] = []
        self._heading_starts: list[int] = []
        self._rows_start: list[int] = []
        self._rows_end: list[int] = []
        self._rows_number: list[int] = []  # report line number on the first row of a line, else 0
        self._gutter = 0
        self._wrapped_for = -1
        self._cache: LRUCache[int, Strip] = LRUCache(1024)

    # -- content -----------------------------------------------------------------------------------------------

    def show(self, text: str, line_starts: Sequence[int], start: int, end: int,
             headings: Sequence[tuple[int, int]] = ()) -> None:
        """Show ``text[start:end]``; ``text`` is the display text of the whole report (same offsets)."""
        self._text, self._line_starts = text, list(line_starts)
        self._start, self._end = start, end
        self._headings = sorted(headings)
        self._heading_starts = [h[0] for h in self._headings]
        self._wrapped_for = -1
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def set_marks(self, marks: Sequence[Mark]) -> None:
        rank = {k: i for i, k in enumerate(KINDS)}
        self._marks = sorted(marks, key=lambda m: (m.start, rank[m.kind]))
        self._mark_starts = [m.start for m in self._marks]
        self._longest = max((m.end - m.start for m in self._marks), default=0)
        self._cache.clear()
        self.refresh()

    def invalidate(self) -> None:
        """Forget the text shown, so the next ``show`` redraws even the same range (the report was re-read)."""
        self._start = self._end = -1

    @property
    def range(self) -> tuple[int, int]:
        return self._start, self._end

    @property
    def row_count(self) -> int:
        return len(self._rows_start)

    def row_of(self, offset: int) -> int:
        return max(0, bisect_right(self._rows_start, offset) - 1)

    def offset_at(self, row: int, x: int) -> int | None:
        """The character offset drawn at ``x`` cells into content row ``row``."""
        if not 0 <= row < len(self._rows_start):
            return None
        a, b = self._rows_start[row], self._rows_end[row]
        column = self._gutter
        for i, (_, width) in enumerate(expand(self._text[a:b])):
            if column <= x < column + width:
                return a + i
            column += width
        return None

    def scroll_to_offset(self, offset: int, *, animate: bool = False) -> None:
        """Bring the row holding ``offset`` into view, a third of the way down."""
        row = self.row_of(offset)
        height = self.scrollable_content_region.height or self.size.height
        top = self.scroll_offset.y
        if top <= row < top + height - 1:
            return
        self.scroll_to(y=max(0, row - height // 3), animate=animate, immediate=True)

    # -- layout ------------------------------------------------------------------------------------------------

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            width = 80
        first = bisect_right(self._line_starts, self._start)  # 1-based line number of the first line
        last = bisect_right(self._line_starts, max(self._start, self._end - 1))
        self._gutter = len(str(last)) + 1
        wrap_width = max(8, width - self._gutter)
        if wrap_width == self._wrapped_for:
            return
        starts: list[int] = []
        ends: list[int] = []
        numbers: list[int] = []
        text, position, end, number = self._text, self._start, self._end, first
        while position < end or not starts:
            newline = text.find("\n", position, end)
            line_end = end if newline < 0 else newline
            for i, (a, b) in enumerate(wrap(text[position:line_end], wrap_width)):
                starts.append(position + a)
                ends.append(position + b)
                numbers.append(number if i == 0 else 0)
            if newline < 0:
                break
            position, number = newline + 1, number + 1
        self._rows_start, self._rows_end, self._rows_number = starts, ends, numbers
        self._wrapped_for = wrap_width
        self._cache.clear()
        self.virtual_size = Size(width, len(starts))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # -- drawing -----------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[row] = strip
        return strip.adjust_cell_length(width, self.cached_style())

    def _overlapping(self, a: int, b: int) -> list[Mark]:
        lo = bisect_left(self._mark_starts, a - self._longest)
        hi = bisect_left(self._mark_starts, b)
        return [m for m in self._marks[lo:hi] if m.end > a and m.start < b]

    def _render_row(self, row: int, width: int) -> Strip:
        if not 0 <= row < len(self._rows_start):
            return Strip.blank(width, self.cached_style())
        a, b = self._rows_start[row], self._rows_end[row]
        number = self._rows_number[row]
        gutter_style = self.cached_style("document--gutter")
        label = f"{number:>{self._gutter - 1}} " if number else " " * self._gutter
        segments = [Segment(label, gutter_style)]
        chars = expand(self._text[a:b])
        levels = [-1] * len(chars)
        for mark in self._overlapping(a, b):
            level = KINDS.index(mark.kind)
            for i in range(max(mark.start, a) - a, min(mark.end, b) - a):
                if level > levels[i]:
                    levels[i] = level
        i = bisect_right(self._heading_starts, a) - 1
        heading = (0 <= i < len(self._headings) and self._headings[i][1] > a) or \
            (i + 1 < len(self._headings) and self._headings[i + 1][0] < b)
        prefix = ("document--heading",) if heading else ()

        def style_for(level: int) -> Style:
            return self.cached_style(*prefix, f"document--{KINDS[level]}") if level >= 0 else self.cached_style(*prefix)

        run: list[str] = []
        run_level = levels[0] if levels else -1
        for (char, cells), level in zip(chars, levels, strict=True):
            if level != run_level and run:
                segments.append(Segment("".join(run), style_for(run_level)))
                run = []
            run_level = level
            run.append(" " * cells if char == "\t" else char)
        if run:
            segments.append(Segment("".join(run), style_for(run_level)))
        return Strip(segments)

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(self.scroll_offset.y + event.y, event.x)
        if offset is not None:
            self.post_message(self.Clicked(offset))
