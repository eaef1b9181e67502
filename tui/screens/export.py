"""Export the review: a Markdown memo (审核意见) and/or JSON, next to the report by default."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Returns (``"markdown"`` | ``"json"`` | ``"both"``, base path without extension), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("导出审核结果", classes="dialog-title")
            yield Label("文件名（不含扩展名；Markdown 为 .md，JSON 为 .json）：")
            yield Input(str(self.base), id="export-base")
            with Horizontal(classes="dialog-buttons"):
                yield Button("审核意见 Markdown", variant="primary", id="markdown")
                yield Button("JSON", id="json")
                yield Button("两者", id="both")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#markdown", Button).focus()

    def _base(self) -> Path:
        value = self.query_one("#export-base", Input).value.strip()
        return Path(value) if value else self.base

    @on(Button.Pressed, "#markdown")
    def markdown(self) -> None:
        self.dismiss(("markdown", self._base()))

    @on(Input.Submitted, "#export-base")
    @on(Button.Pressed, "#both")
    def both(self) -> None:
        self.dismiss(("both", self._base()))

    @on(Button.Pressed, "#json")
    def json(self) -> None:
        self.dismiss(("json", self._base()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
