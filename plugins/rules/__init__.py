"""Built-in rules, one per module; this plugin contributes them all through the ``xxgk_rules`` hook."""

from __future__ import annotations

from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.rules import Rule

from .a301_table3_balance import Table3Balance
from .b101_blank_cells import BlankCells
from .s101_sections import SectionsPresentInOrder
from .t110_unplaced_values import UnplacedValues
from .t111_unreadable_input import UnreadableParts

BUILTIN_RULES: tuple[type[Rule], ...] = (SectionsPresentInOrder, BlankCells, Table3Balance, UnplacedValues,
                                             UnreadableParts)


@hookimpl
def xxgk_rules() -> list[type[Rule]]:
    return list(BUILTIN_RULES)
