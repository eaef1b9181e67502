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

from xxgk_lint.core.layouts import RowDef, layout_rows
from xxgk_lint.core.model import Table

from ..textlayout import display

LABEL_WIDTHS = (30, 24, 18, 14)  # the label column gives way first when the pane is narrow
VALUE_WIDTHS = (10, 8, 6)
COMPACT_ROWS = 12  # longer tables show only the rows of the finding
UNREADABLE = "无法读取"


def total_cells(cells: Iterable[str]) -> set[str]:
    cells = list(cells)
    totals = {c for c in cells if c.endswith(".total")}
    return totals or {c for c in cells if ".result.total." in c}


def _rows(table: Table, parts: list[tuple[str, list[str], str]]) -> list[tuple[tuple[str, ...], dict[str, str]]]:
    """(row label parts, column → cell id) in the layout's order, with an empty entry for every official row
    the reader could not read, so that a lost row shows as 无法读取 instead of silently missing.  Table 4's rows
    are its three blocks; a table found but with no value placed (T110) shows every row as 无法读取."""
    by_row: dict[tuple[str, ...], dict[str, str]] = {}
    for cell_id, row, column in parts:
        by_row.setdefault(tuple(row), {})[column] = cell_id
    official = [tuple(r.label.split("/")) for r in _official(table)]
    ordered = [(row, by_row.get(row, {})) for row in official]
    ordered += [(row, cells) for row, cells in by_row.items() if row not in set(official)]
    return ordered


def _official(table: Table) -> tuple[RowDef, ...]:
    return layout_rows(table.kind, table.layout, "subtotal" in table.variants)


def _columns(table: Table, parts: list[tuple[str, list[str], str]]) -> list[str]:
    """Column labels in table order; the layout's when no cell was read, so 无法读取 sits under real headers."""
    columns: list[str] = []
    for _, _, column in parts:
        if column not in columns:
            columns.append(column)
    if not columns:
        for row in _official(table):
            columns += [c.label.rpartition("/")[2] for c in row.columns if c.label.rpartition("/")[2] not in columns]
    return columns


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
        "grid--header", "grid--label", "grid--group", "grid--blank", "grid--total", "grid--unreadable",
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
        self.fit_width: int | None = None  # the width of the pane: columns narrow to fit it before it scrolls

    def show(self, table: Table | None, lit: dict[str, str] | None = None, caption: str = "") -> None:
        """Draw ``table``; ``lit`` maps cell ids to the severity of the finding involving them."""
        self.table, self.lit, self.caption = table, dict(lit or {}), caption
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The table's natural width: the grid scrolls sideways rather than squeezing its columns."""
        return self._measure(self.render())

    def _measure(self, renderable: RenderableType) -> int:
        console = self.app.console
        return Measurement.get(console, console.options.update_width(1000), renderable).maximum

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        console = self.app.console
        return len(console.render_lines(self.render(), console.options.update_width(width), pad=False))

    def first_lit(self) -> tuple[int, int] | None:
        """(column, line) of the first lit cell of the drawn grid, to scroll it into view both ways."""
        if not self.lit:
            return None
        console = self.app.console
        renderable = self.render()
        width = self._measure(renderable)
        lit = {self.get_component_rich_style(f"grid--{s}", partial=True).bgcolor for s in set(self.lit.values())}
        for y, line in enumerate(console.render_lines(renderable, console.options.update_width(width), pad=False)):
            x = 0
            for segment in line:
                if segment.style is not None and segment.style.bgcolor in lit:
                    return x, y
                x += segment.cell_length
        return None

    def render(self) -> RenderableType:
        """The grid at the widest label and value columns that fit ``fit_width`` (the narrowest when none
        fits: the pane then scrolls sideways)."""
        if self.table is None:
            return Text("")
        grid = self._grid(LABEL_WIDTHS[0], VALUE_WIDTHS[0])
        if self.fit_width is None:
            return grid
        for label_width, value_width in ((lw, VALUE_WIDTHS[0]) for lw in LABEL_WIDTHS[1:]):
            if self._measure(grid) <= self.fit_width:
                return grid
            grid = self._grid(label_width, value_width)
        for value_width in VALUE_WIDTHS[1:]:
            if self._measure(grid) <= self.fit_width:
                return grid
            grid = self._grid(LABEL_WIDTHS[-1], value_width)
        return grid

    def _grid(self, label_width: int, value_width: int) -> RenderableType:
        assert self.table is not None
        style = self.get_component_rich_style
        wide = self.ambiguous_wide
        parts = _split(self.table)
        columns = _columns(self.table, parts)
        grid = RichTable(box=box.SQUARE, show_header=True, header_style=style("grid--header", partial=True),
                         pad_edge=False, expand=False, title=display(self.caption, wide) or None,
                         title_style=style("grid--header", partial=True))
        rows = _rows(self.table, parts)
        unreadable = any(not cells for _, cells in rows)
        grid.add_column("", no_wrap=True, max_width=label_width, overflow="ellipsis")
        for i, column in enumerate(columns):
            wider = unreadable and i == 0  # room for 无法读取 on one line
            grid.add_column(display(column, wide), justify="right", overflow="fold", min_width=8 if wider else 4,
                            max_width=max(value_width, 8) if wider else value_width)
        totals = total_cells(self.lit)
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
            if not cells:  # an official row the reader could not read
                grid.add_row(*values, Text(UNREADABLE, style("grid--unreadable", partial=True)))
                continue
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
