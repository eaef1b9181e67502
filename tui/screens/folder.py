"""The first screen for a folder: every report with its counts by severity and its review status."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static

from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.waivers import read_review, review_path

from ..loading import Linted, Linter
from ..session import DONE, IN_PROGRESS, STATUS_LABELS, review_status, severity_counts
from .review import ReviewScreen


def file_status(linted: Linted) -> tuple[str, str, int]:
    """(status, label, decided) of a linted report, from the review file next to it."""
    file = linted.file
    if file.report is None:
        return "error", "无法检查：" + "；".join(e.message for e in file.errors), 0
    decisions = {}
    review = review_path(linted.path)
    if review.is_file():
        try:
            decisions = read_review(review)[1]
        except ConfigError:
            return "error", "审核记录无法读取", 0
    status = review_status(file.findings, decisions)
    decided = sum(1 for f in file.findings if f.fingerprint in decisions)
    return status, STATUS_LABELS[status], decided


class FolderScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "打开", id="folder.open"),
        Binding("r", "rescan", "重新检查", id="folder.rescan"),
        Binding("q", "quit", "退出", id="folder.quit"),
    ]

    def __init__(self, folder: Path, linter: Linter, *, reviewer: str | None = None,
                 ambiguous_wide: bool = False) -> None:
        super().__init__()
        self.folder, self.linter, self.reviewer, self.ambiguous_wide = folder, linter, reviewer, ambiguous_wide
        self.results: dict[str, Linted] = {}
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Static(f"报告目录：{self.folder}", id="title-bar")
        yield ProgressBar(total=None, show_eta=False, id="folder-progress")
        yield Label("正在查找报告…", id="folder-status")
        table: DataTable[str | Text] = DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reports", DataTable).focus()
        self.scan()

    @work(thread=True, exclusive=True, group="lint")
    def scan(self) -> None:
        files = self.linter.files(self.folder)
        self.app.call_from_thread(self.found, files)
        for linted in self.linter.lint_all(files):  # in worker processes with --jobs, in folder order
            self.app.call_from_thread(self.add, linted)
        self.app.call_from_thread(self.finished)

    def report_name(self, path: Path) -> str:
        try:
            return path.relative_to(self.folder).as_posix()
        except ValueError:
            return str(path)

    def found(self, files: list[Path]) -> None:
        """List every report at once (columns sized to the names), then fill each row as it is checked."""
        self.total = len(files)
        table = self.query_one("#reports", DataTable)
        if not table.columns:
            width = max((cell_len(self.report_name(p)) for p in files), default=10)
            table.add_column("报告", key="path", width=min(max(width, 10), 60))
            for key, label in (("error", "错误"), ("warning", "警告"), ("info", "提示")):
                table.add_column(label, key=key, width=4)
            table.add_column("已审核", key="decided", width=7)
            table.add_column("审核状态", key="status", width=20)
        for path in files:
            if str(path) not in table.rows:
                table.add_row(self.report_name(path), "", "", "", "", Text("检查中…", style="dim"), key=str(path))
        self.query_one("#folder-progress", ProgressBar).update(total=self.total, progress=0)
        self.query_one("#folder-status", Label).update(f"共 {self.total} 份报告，正在检查…")

    def finished(self) -> None:
        done = sum(1 for linted in self.results.values() if file_status(linted)[0] == DONE)
        self.query_one("#folder-status", Label).update(
            f"共 {self.total} 份报告，{done} 份已审核完成。回车打开一份报告。" if self.total else
            "此目录中没有可检查的报告。")

    def _row(self, linted: Linted) -> list[str | Text]:
        status, label, decided = file_status(linted)
        counts = severity_counts(linted.file.findings)
        style = {"error": "bold red", DONE: "green", IN_PROGRESS: "yellow"}.get(status, "")
        numbers = [Text(str(counts.get(k, 0)), justify="right") for k in ("error", "warning", "info")]
        progress = Text(f"{decided}/{len(linted.file.findings)}", justify="right")
        return [self.report_name(linted.path), *numbers, progress, Text(label, style=style)]

    def add(self, linted: Linted) -> None:
        key = str(linted.path)
        table = self.query_one("#reports", DataTable)
        self.results[key] = linted
        row = self._row(linted)
        if key in table.rows:
            for column, value in zip(("path", "error", "warning", "info", "decided", "status"), row, strict=True):
                table.update_cell(key, column, value)
        else:
            table.add_row(*row, key=key)
        self.query_one("#folder-progress", ProgressBar).advance(1)

    def refresh_row(self, key: str) -> None:
        linted = self.results.get(key)
        if linted is None:
            return
        table = self.query_one("#reports", DataTable)
        for column, value in zip(("path", "error", "warning", "info", "decided", "status"), self._row(linted),
                                 strict=True):
            table.update_cell(key, column, value)

    @on(DataTable.RowSelected, "#reports")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one("#reports", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key is not None:
                self.open(key)

    def open(self, key: str) -> None:
        linted = self.results.get(key)
        if linted is None:
            return
        if linted.file.report is None:
            self.notify(file_status(linted)[1], severity="error")
            return
        screen = ReviewScreen(linted.path, self.linter, linted=linted, reviewer=self.reviewer,
                              ambiguous_wide=self.ambiguous_wide, from_folder=True)
        self.app.push_screen(screen, lambda _: self.reviewed(key, screen))

    def reviewed(self, key: str, screen: ReviewScreen) -> None:
        if screen.linted is not None:  # a re-run inside the review screen replaces the result
            self.results[key] = screen.linted
        self.refresh_row(key)
        self.finished()

    def action_rescan(self) -> None:
        self.query_one("#folder-progress", ProgressBar).update(total=None, progress=0)
        self.scan()

    def action_quit(self) -> None:
        self.app.exit()
