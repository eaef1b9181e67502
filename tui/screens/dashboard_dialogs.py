"""Dialogs of the folder dashboard: filter the reports, decide one rule across the selection, export the 汇总."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList

from ..dashboard import DASHBOARD_STATUS_LABELS, STATUS_ORDER, DashboardFilter
from ..session import CONFIRMED, SEVERITIES, SEVERITY_LABELS, WAIVED

_CANCEL: list[BindingType] = [Binding("escape", "cancel", "取消", id="dialog.cancel")]


class DashboardFilterDialog(ModalScreen[DashboardFilter | None]):
    """Returns the new filter (an empty one shows everything), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, current: DashboardFilter, years: Iterable[str], formats: Iterable[str]) -> None:
        super().__init__()
        self.current = current
        self.years, self.formats = sorted(set(years)), sorted(set(formats))

    def compose(self) -> ComposeResult:
        f = self.current

        def chosen(value: str, among: frozenset[str]) -> bool:
            return not among or value in among

        with Vertical(id="dialog", classes="dialog wide-dialog"):
            yield Label("筛选报告（空格切换，Tab 换栏）", classes="dialog-title")
            yield Input(f.text, placeholder="发布机关或文件名包含的文字，如：乡、发改", id="filter-text")
            with Horizontal(id="filter-lists"):
                with Vertical():
                    yield Label("年度")
                    yield SelectionList[str](*[(y, y, chosen(y, f.years)) for y in self.years], id="years")
                    yield Label("格式")
                    yield SelectionList[str](*[(x, x, chosen(x, f.formats)) for x in self.formats], id="formats")
                with Vertical():
                    yield Label("问题级别（有其中之一的报告；都不选为不限）")
                    yield SelectionList[str](*[(f"有{SEVERITY_LABELS[s]}", s, s in f.levels) for s in SEVERITIES],
                                             id="levels")
                    yield Label("审核状态")
                    yield SelectionList[str](*[(DASHBOARD_STATUS_LABELS[s], s, chosen(s, f.statuses))
                                               for s in STATUS_ORDER], id="statuses")
            with Horizontal(classes="dialog-buttons"):
                yield Button("应用", variant="primary", id="apply")
                yield Button("显示全部", id="all")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def selection(self) -> DashboardFilter:
        def pick(list_id: str, every: Iterable[str]) -> frozenset[str]:
            chosen = frozenset(self.query_one(f"#{list_id}", SelectionList).selected)
            return frozenset() if chosen >= frozenset(every) else chosen

        levels = frozenset(self.query_one("#levels", SelectionList).selected)
        return DashboardFilter(self.query_one("#filter-text", Input).value.strip(), pick("years", self.years),
                               pick("formats", self.formats), levels, pick("statuses", STATUS_ORDER))

    @on(Input.Submitted, "#filter-text")
    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        self.dismiss(self.selection())

    @on(Button.Pressed, "#all")
    def show_all(self) -> None:
        self.dismiss(DashboardFilter())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class BulkDialog(ModalScreen[tuple[str, str, str] | None]):
    """One rule, confirmed or waived in every selected report with one reason: returns (rule, decision,
    reason), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, reports: int, rules: list[tuple[str, int, str]]) -> None:
        super().__init__()
        self.reports, self.rules = reports, rules  # (code, findings, summary)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(f"批量审核：选中的 {self.reports} 份报告", classes="dialog-title")
            yield Label("规则（同一规则的全部未审核问题）：")
            yield Select[str]([(f"{code}  {summary}（{count} 条）", code) for code, count, summary in self.rules],
                              prompt="选择规则", allow_blank=len(self.rules) != 1, id="bulk-rule",
                              value=self.rules[0][0] if len(self.rules) == 1 else Select.NULL)
            yield Input(placeholder="理由或审核意见（豁免时必填），写入每一条", id="reason")
            yield Label("", id="dialog-error", classes="dialog-error")
            yield Label("已有结论的问题保持不变。", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("全部确认", variant="error", id="confirm")
                yield Button("全部豁免", variant="warning", id="waive")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#bulk-rule", Select).focus()

    def _answer(self, decision: str) -> None:
        rule = self.query_one("#bulk-rule", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        error = self.query_one("#dialog-error", Label)
        if not isinstance(rule, str):
            error.update("请选择一条规则。")
        elif decision == WAIVED and not reason:
            error.update("请填写豁免理由：审核记录要说明为什么可以不改。")
        else:
            self.dismiss((rule, decision, reason))

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self._answer(CONFIRMED)

    @on(Button.Pressed, "#waive")
    def waive(self) -> None:
        self._answer(WAIVED)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SummaryDialog(ModalScreen[tuple[str, Path] | None]):
    """Returns (``"csv"`` | ``"markdown"`` | ``"both"``, base path without extension), or None."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("导出审核汇总（单位 × 问题数 × 审核状态）", classes="dialog-title")
            yield Label("文件名（不含扩展名；CSV 为 .csv，可用 Excel 打开；Markdown 为 .md）：")
            yield Input(str(self.base), id="summary-base")
            with Horizontal(classes="dialog-buttons"):
                yield Button("两者", variant="primary", id="both")
                yield Button("CSV", id="csv")
                yield Button("Markdown", id="markdown")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#both", Button).focus()

    def _base(self) -> Path:
        value = self.query_one("#summary-base", Input).value.strip()
        return Path(value) if value else self.base

    @on(Input.Submitted, "#summary-base")
    @on(Button.Pressed, "#both")
    def both(self) -> None:
        self.dismiss(("both", self._base()))

    @on(Button.Pressed, "#csv")
    def csv(self) -> None:
        self.dismiss(("csv", self._base()))

    @on(Button.Pressed, "#markdown")
    def markdown(self) -> None:
        self.dismiss(("markdown", self._base()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
