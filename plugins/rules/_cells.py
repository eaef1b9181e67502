"""Cell helpers shared by the table rules: blank policy, labels, spans."""

from __future__ import annotations

from collections.abc import Iterable

from xxgk_lint.core.model import Cell, Span


def operand(cell: Cell | None, blank_policy: str) -> int | float | None:
    """A cell's value for arithmetic; None when it cannot take part (absent, or blank under ``missing``)."""
    if cell is None:
        return None
    if cell.is_blank:
        return 0 if blank_policy == "zero" else None
    return cell.value


def cover(cells: Iterable[Cell]) -> Span | None:
    spans = [c.provenance.span for c in cells if c.provenance.span is not None]
    if not spans:
        return None
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def fmt(value: int | float | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
