"""Filter the findings shown and visited: by severity, category and review state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList

from ..session import CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, STATE_LABELS, STATES, Filter


class FilterDialog(ModalScreen[Filter | None]):
    """Returns the new filter, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, current: Filter, categories: Iterable[str]) -> None:
        super().__init__()
        self.current = current
        self.categories = sorted(set(categories))

    def compose(self) -> ComposeResult:
        f = self.current

        def chosen(value: str, among: frozenset[str] | None) -> bool:
            return among is None or value in among

        with Vertical(id="dialog", classes="dialog"):
            yield Label("筛选问题（空格切换，Tab 换栏）", classes="dialog-title")
            with Horizontal(id="filter-lists"):
                with Vertical():
                    yield Label("级别")
                    yield SelectionList[str](*[(SEVERITY_LABELS[s], s, chosen(s, f.severities)) for s in SEVERITIES],
                                             id="severities")
                    yield Label("审核状态")
                    yield SelectionList[str](*[(STATE_LABELS[s], s, chosen(s, f.states)) for s in STATES],
                                             id="states")
                with Vertical():
                    yield Label("类别")
                    yield SelectionList[str](*[(CATEGORY_LABELS.get(c, c), c, chosen(c, f.categories))
                                               for c in self.categories], id="categories")
            with Horizontal(classes="dialog-buttons"):
                yield Button("应用", variant="primary", id="apply")
                yield Button("显示全部", id="all")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#severities", SelectionList).focus()

    def selection(self) -> Filter:
        def pick(list_id: str, every: Iterable[str]) -> frozenset[str] | None:
            chosen = frozenset(self.query_one(f"#{list_id}", SelectionList).selected)
            return None if chosen >= frozenset(every) else chosen

        return Filter(pick("severities", SEVERITIES), pick("categories", self.categories), pick("states", STATES))

    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        self.dismiss(self.selection())

    @on(Button.Pressed, "#all")
    def show_all(self) -> None:
        self.dismiss(Filter())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
