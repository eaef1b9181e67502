"""The source pane for PDF reports: one page's text where it sits on the page, the finding's words and cells lit.

The layout comes from ``tui.pagelayout``; marks are character ranges of ``Report.text`` with a kind
(``error`` … ``current-info``), the same as the text pane's, so both light the same things.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..pagelayout import Placed
from ..textlayout import display
from .document import Mark

KINDS = ("error", "warning", "info", "current-error", "current-warning", "current-info")


class PageView(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"page--{kind}" for kind in KINDS}

    DEFAULT_CSS = """
    PageView { width: auto; height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[list[Placed]] = []
        self.marks: list[Mark] = []
        self.ambiguous_wide = False

    def show(self, lines: list[list[Placed]], marks: list[Mark]) -> None:
        self.lines, self.marks = lines, marks
        self.refresh(layout=True)

    def first_marked_line(self) -> int | None:
        """The first line holding a mark of the current finding (else any mark), to scroll it into view."""
        for wanted in (lambda m: m.kind.startswith("current-"), lambda m: True):
            for y, line in enumerate(self.lines):
                if any(wanted(m) and m.start < p.end and m.end > p.start for p in line for m in self.marks):
                    return y
        return None

    def _line(self, line: list[Placed]) -> Text:
        out = Text(no_wrap=True, overflow="ignore")
        for placed in line:
            out.append(" " * max(placed.column - out.cell_len, 0))
            piece = Text(display(placed.text, self.ambiguous_wide))
            for mark in self.marks:
                a, b = max(mark.start, placed.start), min(mark.end, placed.end)
                if a < b:
                    piece.stylize(self.get_component_rich_style(f"page--{mark.kind}", partial=True),
                                  a - placed.start, b - placed.start)
            out.append_text(piece)
        return out

    def render(self) -> RenderableType:
        return Text("\n").join(self._line(line) for line in self.lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((self._line(line).cell_len for line in self.lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)
