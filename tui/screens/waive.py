"""Waive a finding: a small dialog asking for the reason."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ..textlayout import display
from ..widgets.wrapped import Para, WrappedText


class WaiveDialog(ModalScreen[str | None]):
    """Returns the reason, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, message: str, reason: str = "", ambiguous_wide: bool = False) -> None:
        super().__init__()
        self.message, self.reason, self.ambiguous_wide = message, reason, ambiguous_wide

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("豁免此问题", classes="dialog-title")
            text = WrappedText(id="waive-message")
            text.ambiguous_wide = self.ambiguous_wide
            yield text
            yield Input(self.reason, placeholder="豁免理由（必填），如：已与单位核实，原表如此", id="reason")
            yield Label("", id="waive-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("豁免", variant="warning", id="ok")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#waive-message", WrappedText).set_paragraphs([Para.of(display(self.message), "muted")])
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#waive-error", Label).update("请填写豁免理由：审核记录要说明为什么可以不改。")
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
