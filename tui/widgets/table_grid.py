"""A statistics table drawn as a grid with the official row and column labels, the cells of a finding lit.

Row and column labels come from the cells themselves (``Cell.row``/``Cell.column``, the official labels of the
layout), so the grid matches what the unit filled in.  Operands of a failed identity and its total are lit
differently: totals are the cells of the 总计 column, or else of the （七）总计 row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich import box
from rich.console import RenderableType
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from xxgk_lint.core.model import Table

from ..textlayout import display

LABEL_WIDTH = 30
COMPACT_ROWS = 12  # longer tables show only the rows of the finding


def total_cells(cells: Iterable[str]) -> set[str]:
    cells = list(cells)
    totals = {c for c in cells if c.endswith(".total")}
    return totals or {c for c in cells if ".result.total." in c}


def _split(table: Table) -> list[tuple[str, list[str], str]]:
    """(cell id, row label parts, column label) in table order; table 4 carries its rows in the column label."""
    rows = {c.row for c in table.cells.values()}
    out = []
    for cell in table.cells.values():
        if len(rows) == 1 and "/" in cell.column:
            row, _, column = cell.column.rpartition("/")
        else:
            row, column = cell.row, cell.column
        out.append((cell.id, row.split("/"), column.rpartition("/")[2]))
    return out


class TableGrid(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header", "grid--label", "grid--group", "grid--blank", "grid--total",
        "grid--error", "grid--warning", "grid--info",
    }

    DEFAULT_CSS = """
    TableGrid { width: auto; height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.table: Table | None = None
        self.lit: dict[str, str] = {}
        self.ambiguous_wide = False
        self.caption = ""

    def show(self, table: Table | None, lit: dict[str, str] | None = None, caption: str = "") -> None:
        """Draw ``table``; ``lit`` maps cell ids to the severity of the finding involving them."""
        self.table, self.lit, self.caption = table, dict(lit or {}), caption
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The table's natural width: the grid scrolls sideways rather than squeezing its columns."""
        console = self.app.console
        options = console.options.update_width(1000)
        return Measurement.get(console, options, self.render()).maximum

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        console = self.app.console
        return len(console.render_lines(self.render(), console.options.update_width(width), pad=False))

    def first_lit_line(self) -> int | None:
        """The first line of the drawn grid holding a lit cell, to scroll it into view."""
        if not self.lit:
            return None
        console = self.app.console
        width = self.get_content_width(Size(0, 0), Size(0, 0))
        lit = {self.get_component_rich_style(f"grid--{s}", partial=True).bgcolor for s in set(self.lit.values())}
        for y, line in enumerate(console.render_lines(self.render(), console.options.update_width(width), pad=False)):
            if any(segment.style is not None and segment.style.bgcolor in lit for segment in line):
                return y
        return None

    def render(self) -> RenderableType:
        if self.table is None or not self.table.cells:
            return Text("")
        style = self.get_component_rich_style
        wide = self.ambiguous_wide
        parts = _split(self.table)
        columns: list[str] = []
        for _, _, column in parts:
            if column not in columns:
                columns.append(column)
        grid = RichTable(box=box.SQUARE, show_header=True, header_style=style("grid--header", partial=True),
                         pad_edge=False, expand=False, title=display(self.caption, wide) or None,
                         title_style=style("grid--header", partial=True))
        grid.add_column("", no_wrap=True, max_width=LABEL_WIDTH, overflow="ellipsis")
        for column in columns:
            grid.add_column(display(column, wide), justify="right", overflow="fold", min_width=4, max_width=10)
        totals = total_cells(self.lit)
        by_row: dict[tuple[str, ...], dict[str, str]] = {}
        for cell_id, row, column in parts:
            by_row.setdefault(tuple(row), {})[column] = cell_id
        rows = list(by_row.items())
        keep = set(range(len(rows)))
        if self.lit and len(rows) > COMPACT_ROWS:  # a long table: the rows of the finding only
            keep = {i for i, (_, cells) in enumerate(rows) if any(c in self.lit for c in cells.values())}
        previous: tuple[str, ...] = ()
        skipped = 0
        for i, (row, cells) in enumerate(rows):
            if i not in keep:
                skipped += 1
                continue
            if skipped:
                grid.add_row(Text(f"⋯ 省略 {skipped} 行", style("grid--group", partial=True)))
                skipped = 0
            for depth in range(len(row) - 1):
                if previous[: depth + 1] != row[: depth + 1]:
                    grid.add_row(Text("  " * depth + display(row[depth], wide), style("grid--group", partial=True)))
            previous = row
            values: list[RenderableType] = [Text("  " * (len(row) - 1) + display(row[-1], wide),
                                                 style("grid--label", partial=True))]
            for column in columns:
                cell_id = cells.get(column)
                cell = self.table.cells.get(cell_id) if cell_id else None
                if cell is None:
                    values.append(Text(""))
                    continue
                shown = cell.raw if cell.raw else "空"
                cell_style = style("grid--blank", partial=True) if cell.is_blank else None
                severity = self.lit.get(cell.id)
                if severity is not None:
                    cell_style = style(f"grid--{severity}", partial=True)
                    if cell.id in totals:
                        cell_style += style("grid--total", partial=True)
                    shown = f"{'=' if cell.id in totals else ''}{shown}"
                values.append(Text(display(shown, wide), cell_style or ""))
            grid.add_row(*values)
        if skipped:
            grid.add_row(Text(f"⋯ 省略 {skipped} 行", style("grid--group", partial=True)))
        return grid
