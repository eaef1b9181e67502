"""The outline: preamble, sections 一…六 with their tables, the whole report, disappeared findings — each with
its finding counts by severity."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..session import SEVERITIES, OutlineEntry
from ..textlayout import display


class Outline(Tree[str]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"outline--error", "outline--warning", "outline--info", "outline--clean",
                         "outline--stale"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("报告", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.counts: dict[str, Counter[str]] = {}
        self.nodes_by_key: dict[str, TreeNode[str]] = {}
        self.ambiguous_wide = False

    def build(self, entries: list[OutlineEntry], stale: int = 0) -> None:
        """A flat list (tables indented under their section), so every label starts in the same column."""
        self.clear()
        self.nodes_by_key = {}
        for entry in entries:
            label = ("　" if entry.parent else "") + display(entry.label, self.ambiguous_wide)
            self.nodes_by_key[entry.key] = self.root.add_leaf(label, data=entry.key)
        if stale:
            self.nodes_by_key["stale"] = self.root.add_leaf(f"已消失的问题（{stale}）", data="stale")
        self.root.expand()

    def set_counts(self, counts: dict[str, Counter[str]]) -> None:
        self.counts = counts
        self._invalidate()
        self.refresh()

    def select_key(self, key: str) -> None:
        if key in self.nodes_by_key and self.cursor_node is not self.nodes_by_key[key]:
            self.move_cursor_to_line(list(self.nodes_by_key).index(key))  # a flat list: line = position

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        text = super().render_label(node, base_style, style)
        key = node.data
        if key is None:
            return text
        if key == "stale":
            text.stylize(self.get_component_rich_style("outline--stale", partial=True))
            return text
        counts = self.counts.get(key, Counter())
        badges = Text()
        for severity in SEVERITIES:
            if counts.get(severity):
                badges.append(f"{counts[severity]:>2} ", self.get_component_rich_style(f"outline--{severity}",
                                                                                       partial=True))
        if not badges:
            badges.append(" ✓ ", self.get_component_rich_style("outline--clean", partial=True))
        width = self.scrollable_content_region.width or 30
        room = max(4, width - badges.cell_len - 2)
        if text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        text.pad_right(room - text.cell_len + 1)
        return text + badges
