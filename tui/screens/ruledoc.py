"""A rule's documentation (its docstring: 检查内容 / 为什么 / 不符合的示例 / 符合的示例)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ..widgets.finding_panel import doc_paragraphs
from ..widgets.wrapped import WrappedText


class RuleDocScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "关闭", id="dialog.close")]

    def __init__(self, code: str, summary: str, doc: str, ambiguous_wide: bool = False) -> None:
        super().__init__()
        self.code, self.summary, self.doc, self.ambiguous_wide = code, summary, doc, ambiguous_wide

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog wide-dialog"):
            yield Label(f"{self.code}  {self.summary}", classes="dialog-title")
            with VerticalScroll(id="doc-scroll"):
                text = WrappedText(id="doc-text")
                text.ambiguous_wide = self.ambiguous_wide
                yield text
            yield Label("Esc 关闭", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#doc-text", WrappedText).set_paragraphs(doc_paragraphs(self.doc))
        self.query_one("#doc-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
