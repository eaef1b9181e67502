"""Paragraphs of Chinese text wrapped by character with kinsoku (``tui.textlayout``), not at spaces.

Textual's own wrapping breaks at spaces, which splits “2023 年” from its sentence and lets 。 start a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip

from ..textlayout import display, expand, wrap
from .styles import CachedStyles

Run = tuple[str, str | None]  # text, component class (without the "wrapped--" prefix) or None


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    indent: int = 0

    @classmethod
    def of(cls, text: str, style: str | None = None, indent: int = 0) -> Para:
        return cls(((text, style),), indent)


STYLES = ("heading", "label", "muted", "quote", "error", "warning", "info", "badge-error", "badge-warning",
          "badge-info", "undecided", "confirmed", "waived", "code")


class WrappedText(CachedStyles):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"wrapped--{name}" for name in STYLES}

    DEFAULT_CSS = """
    WrappedText { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._paras: list[Para] = []
        self._rows: list[list[tuple[str, str | None]]] = []
        self._rows_width = -1
        self.ambiguous_wide = False

    @property
    def plain(self) -> str:
        return "\n".join("".join(t for t, _ in p.runs) for p in self._paras)

    def set_paragraphs(self, paras: Sequence[Para]) -> None:
        self._paras = list(paras)
        self._rows_width = -1
        self.refresh(layout=True)

    def _layout(self, width: int) -> list[list[tuple[str, str | None]]]:
        if width == self._rows_width:
            return self._rows
        rows: list[list[tuple[str, str | None]]] = []
        for para in self._paras:
            text = display("".join(t for t, _ in para.runs), self.ambiguous_wide)
            styles: list[str | None] = [s for t, s in para.runs for _ in t]
            for line_start, line in _lines(text):
                for a, b in wrap(line, max(4, width - para.indent)):
                    row: list[tuple[str, str | None]] = [(" ", None)] * para.indent
                    for i in range(a, b):
                        row.append((line[i], styles[line_start + i]))
                    rows.append(row)
        self._rows, self._rows_width = rows, width
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        rows = self._layout(width)
        base = self.cached_style()
        if y >= len(rows):
            return Strip.blank(width, base)
        segments = []
        text = "".join(c for c, _ in rows[y])
        expanded = expand(text)
        for (char, cells), (_, style) in zip(expanded, rows[y], strict=True):
            rich = self.cached_style(f"wrapped--{style}") if style else base
            segments.append(Segment(" " * cells if char == "\t" else char, rich))
        return Strip(Segment.simplify(segments)).adjust_cell_length(width, base)


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    for line in text.split("\n"):
        out.append((start, line))
        start += len(line) + 1
    return out
