"""F1: the keys of the review screen (from its bindings, so a remapped key shows as remapped)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ..widgets.wrapped import Para, WrappedText


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,f1", "close", "关闭", id="dialog.close")]

    def __init__(self, keys: list[tuple[str, str, str]]) -> None:
        """``keys``: (key as displayed, description, binding id)."""
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog wide-dialog"):
            yield Label("审核界面按键", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield WrappedText(id="help-text")
            yield Label("Ctrl+P 打开命令面板，可按名称搜索以上全部操作。Esc 关闭", classes="dialog-hint")

    def on_mount(self) -> None:
        width = max((len(k) for k, _, _ in self.keys), default=4) + 2
        room = max((cell_len(d) for _, d, _ in self.keys), default=4) + 2
        paras = [Para(((f"{key:<{width}}", "code"), (description + " " * (room - cell_len(description)), None),
                       (bid, "muted"))) for key, description, bid in self.keys]
        self.query_one("#help-text", WrappedText).set_paragraphs(paras)

    def action_close(self) -> None:
        self.dismiss(None)
