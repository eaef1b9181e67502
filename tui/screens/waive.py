"""Small one-line dialogs of the review flow: the waive reason, the confirm comment, the reviewer's name."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ..textlayout import display
from ..widgets.wrapped import Para, WrappedText


class LineDialog(ModalScreen[str | None]):
    """Asks for one line of text; returns it (stripped), or None when cancelled.  Subclasses set the wording
    and whether an empty answer is refused (``required`` holds the message shown then)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]
    title_text = ""
    placeholder = ""
    ok_label = "确定"
    ok_variant = "primary"
    required = ""

    def __init__(self, message: str = "", value: str = "", ambiguous_wide: bool = False) -> None:
        super().__init__()
        self.message, self.value, self.ambiguous_wide = message, value, ambiguous_wide

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            text = WrappedText(id="dialog-message")
            text.ambiguous_wide = self.ambiguous_wide
            text.display = bool(self.message)
            yield text
            yield Input(self.value, placeholder=self.placeholder, id="reason")
            yield Label("", id="dialog-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok_label, variant=self.ok_variant, id="ok")  # type: ignore[arg-type]
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        if self.message:
            self.query_one("#dialog-message", WrappedText).set_paragraphs(
                [Para.of(display(self.message, self.ambiguous_wide), "muted")])
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        value = self.query_one("#reason", Input).value.strip()
        if not value and self.required:
            self.query_one("#dialog-error", Label).update(self.required)
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class WaiveDialog(LineDialog):
    title_text = "豁免此问题"
    placeholder = "豁免理由（必填），如：已与单位核实，原表如此"
    ok_label = "豁免"
    ok_variant = "warning"
    required = "请填写豁免理由：审核记录要说明为什么可以不改。"


class ConfirmDialog(LineDialog):
    """Confirm a finding; the comment (optional) goes into the memo beside the finding."""

    title_text = "确认此问题需要整改"
    placeholder = "审核意见（可不填），如：请按原始台账更正表三数字"
    ok_label = "确认"
    ok_variant = "error"


class ReviewerDialog(LineDialog):
    """Asked once, on the first decision, when neither ``--reviewer`` nor ``[review] reviewer`` names one."""

    title_text = "请填写审核人姓名"
    placeholder = "审核人姓名，如：张三"
    required = "请填写审核人姓名：每条审核结论都要署名。"


def with_reviewer(app: App[object], known: str | None, then: Callable[[str], None], ambiguous_wide: bool = False) \
        -> None:
    """Call ``then(name)`` once the reviewer is known: ``known``, else the name the app holds (from
    ``--reviewer``, ``[review] reviewer`` or asked earlier in this run), else asked now and kept on the app, so it
    is asked once per run and never silently taken from the login name."""
    name = known or getattr(app, "reviewer", None)
    if name:
        then(name)
        return

    def named(value: str | None) -> None:
        if value:
            if hasattr(app, "reviewer"):
                app.reviewer = value  # type: ignore[attr-defined]
            then(value)

    app.push_screen(ReviewerDialog("本次审核的每条结论都以此署名（也可以用 --reviewer 或 xxgk.toml 的 "
                                   "[review] reviewer 指定）。", ambiguous_wide=ambiguous_wide), named)
