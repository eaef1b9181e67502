"""The first screen for a folder: a dashboard of every report (发布机关, 年度, 格式, counts by level, review
status) that sorts, filters, decides one rule across several reports and exports the 汇总.

The rows come from ``tui.dashboard`` (pure functions); this screen only draws them and handles the keys.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static
from textual.worker import get_current_worker

from xxgk_lint.core.reporting import RunError

from ..dashboard import (
    COLUMNS,
    ERROR,
    DashboardFilter,
    DashboardRow,
    build_row,
    bulk_decide,
    filter_rows,
    pending_row,
    rules_in,
    sort_rows,
    summary_csv,
    summary_markdown,
    year_label,
)
from ..loading import Linted, Linter
from ..session import DONE, IN_PROGRESS, SEVERITIES, WAIVED
from .dashboard_dialogs import BulkDialog, DashboardFilterDialog, SummaryDialog
from .review import ReviewScreen
from .waive import with_reviewer

_WIDTHS = {"organization": 22, "year": 4, "format": 14, "error": 4, "warning": 4, "info": 4, "decided": 7,
           "status": 10, "name": 30}
_NARROW_WIDTHS = {**_WIDTHS, "organization": 14, "format": 10, "status": 8}  # 80 columns: up to 审核状态 fit
_STATUS_STYLES = {ERROR: "bold red", DONE: "green", IN_PROGRESS: "yellow"}


class FolderScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "打开", id="folder.open"),
        Binding("space", "toggle_select", "选择", id="folder.select", tooltip="选中或取消选中这份报告"),
        Binding("b", "bulk", "批量审核", id="folder.bulk", tooltip="对选中报告中同一规则的问题一次确认或豁免"),
        Binding("f", "filter", "筛选", id="folder.filter", tooltip="按发布机关、年度、格式、级别、审核状态筛选"),
        Binding("s", "sort", "排序", id="folder.sort", tooltip="按下一列排序（也可点击列名）"),
        Binding("e", "export", "汇总", id="folder.export", tooltip="导出审核汇总（CSV 和 Markdown）"),
        Binding("q", "quit", "退出", id="folder.quit"),
        Binding("o", "reverse", "倒序", id="folder.reverse", tooltip="反转排序顺序"),
        Binding("a", "select_all", "全选", id="folder.select_all", tooltip="选中列出的全部报告（再按取消）"),
        Binding("r", "rescan", "重新检查", id="folder.rescan"),
    ]

    def __init__(self, folder: Path, linter: Linter, *, reviewer: str | None = None,
                 ambiguous_wide: bool = False) -> None:
        super().__init__()
        self.folder, self.linter, self.reviewer, self.ambiguous_wide = folder, linter, reviewer, ambiguous_wide
        self.results: dict[str, Linted] = {}
        self.rows: dict[str, DashboardRow] = {}
        self.selected: set[str] = set()
        self.sort_column = "name"
        self.descending = False
        self.filter = DashboardFilter()
        self.total = 0
        self.checked = 0
        self.corpus_pending = False  # the cross-year step (pairing the folder's reports) has not finished yet

    def compose(self) -> ComposeResult:
        yield Static(f"报告目录：{self.folder}", id="title-bar")
        yield ProgressBar(total=None, show_eta=False, id="folder-progress")
        yield Label("正在查找报告…", id="folder-status")
        table: DataTable[str | Text] = DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#reports", DataTable)
        table.add_column(" ", key="mark", width=1)
        widths = _NARROW_WIDTHS if self.app.size.width < 100 else _WIDTHS
        for key, heading in COLUMNS:
            table.add_column(heading, key=key, width=widths[key])
        table.focus()
        self.scan()

    @work(thread=True, exclusive=True, group="lint")
    def scan(self) -> None:
        self.linter.corpus = {}
        self.corpus_pending = True
        files = self.linter.files(self.folder)
        self.app.call_from_thread(self.found, files)
        done: list[Linted] = []
        for linted in self.linter.lint_all(files):  # in worker processes with --jobs, in folder order
            done.append(linted)
            self.app.call_from_thread(self.add, linted)
        if get_current_worker().is_cancelled:  # a re-scan started: its own step will pair the folder
            return
        self.app.call_from_thread(self.update_status)
        # the corpus step of xxgk check, once every report is read: same pairing, rules and fingerprints
        errors = self.linter.cross_year([d.file for d in done])
        if get_current_worker().is_cancelled:
            return
        self.linter.corpus = {d.file.path: d.file for d in done if d.file.report is not None}
        self.app.call_from_thread(self.finished, errors)

    def report_name(self, path: Path) -> str:
        try:
            return path.relative_to(self.folder).as_posix()
        except ValueError:
            return str(path)

    # -- rows --------------------------------------------------------------------------------------------------

    def found(self, files: list[Path]) -> None:
        """List every report at once, then fill each row as it is checked."""
        self.total, self.checked = len(files), 0
        for path in files:
            if str(path) not in self.rows:
                self.rows[str(path)] = pending_row(path, self.report_name(path))
        self.redraw()
        self.query_one("#folder-progress", ProgressBar).update(total=self.total, progress=0)
        self.update_status()

    def add(self, linted: Linted) -> None:
        key = str(linted.path)
        self.results[key] = linted
        self.rows[key] = build_row(linted.path, self.report_name(linted.path), linted.file)
        self.checked += 1
        self.query_one("#folder-progress", ProgressBar).advance(1)
        self.redraw()
        self.update_status()

    def finished(self, errors: list[RunError]) -> None:
        """The cross-year findings are in the reports' files now: every row is counted again."""
        self.corpus_pending = False
        for key, linted in self.results.items():
            self.rows[key] = build_row(linted.path, self.report_name(linted.path), linted.file)
        self.redraw()
        self.update_status()
        for error in errors:
            self.notify(f"跨年度核对：{error.message}", severity="error", timeout=10)

    def shown(self) -> list[DashboardRow]:
        return sort_rows(filter_rows(self.rows.values(), self.filter), self.sort_column, self.descending)

    def _cells(self, row: DashboardRow) -> list[str | Text]:
        checked = row.status not in (ERROR, "pending") or row.note == "审核记录无法读取"
        numbers = [Text(str(row.counts.get(s, 0)) if checked else "", justify="right") for s in SEVERITIES]
        status = Text(row.status_label, style=_STATUS_STYLES.get(row.status, "dim" if row.status == "pending" else ""))
        return [Text("✓" if row.key in self.selected else "", style="bold"), row.organization or "—",
                year_label(row.year), row.format_label, *numbers,
                Text(f"{row.decided}/{row.total}" if checked else "", justify="right"), status, row.name]

    def redraw(self) -> None:
        """Rows in the current order and filter; the cursor stays on the same report."""
        table = self.query_one("#reports", DataTable)
        current = self.cursor_key()
        table.clear()
        for row in self.shown():
            table.add_row(*self._cells(row), key=row.key)
        for key, heading in COLUMNS:
            arrow = ("▼" if self.descending else "▲") if key == self.sort_column else ""
            table.columns[key].label = Text(heading + arrow)  # type: ignore[index]
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current), animate=False)

    def refresh_row(self, key: str) -> None:
        linted = self.results.get(key)
        if linted is not None:
            self.rows[key] = build_row(linted.path, self.report_name(linted.path), linted.file)
        self.redraw()
        self.update_status()

    def update_status(self) -> None:
        rows = list(self.rows.values())
        done = sum(1 for r in rows if r.status == DONE)
        shown = len(self.shown())
        if self.total and self.checked < self.total:
            text = f"共 {self.total} 份报告，已检查 {self.checked} 份…"
        elif self.total and self.corpus_pending:
            text = f"共 {self.total} 份报告已检查，跨年度核对进行中…"
        elif self.total:
            text = f"共 {self.total} 份报告，{done} 份已审核完成。回车打开一份报告，空格选择。"
        else:
            text = "此目录中没有可检查的报告。" if self.checked == self.total else "正在查找报告…"
        if self.filter.active():
            text += f"　筛选（{self.filter.describe()}）：列出 {shown} 份"
        if self.selected:
            text += f"　已选 {len(self.selected)} 份"
        self.query_one("#folder-status", Label).update(text)

    def cursor_key(self) -> str | None:
        table = self.query_one("#reports", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    # -- opening -----------------------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#reports")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open(event.row_key.value)

    def action_open(self) -> None:
        key = self.cursor_key()
        if key is not None:
            self.open(key)

    def open(self, key: str) -> None:
        linted = self.results.get(key)
        if linted is None:
            self.notify("这份报告还在检查中", timeout=2)
            return
        if linted.file.report is None:
            self.notify(self.rows[key].status_label, severity="error")
            return
        if self.corpus_pending:
            self.notify("跨年度核对进行中：完成后重新打开这份报告可看到跨年度问题", timeout=4)
        self.reviewer = getattr(self.app, "reviewer", None) or self.reviewer  # a name asked in another report
        screen = ReviewScreen(linted.path, self.linter, linted=linted, reviewer=self.reviewer,
                              ambiguous_wide=self.ambiguous_wide, from_folder=True)
        self.app.push_screen(screen, lambda _: self.reviewed(key, screen))

    def reviewed(self, key: str, screen: ReviewScreen) -> None:
        if screen.linted is not None:  # a re-run inside the review screen replaces the result
            self.results[key] = screen.linted
        self.refresh_row(key)

    # -- sorting, filtering, selecting -------------------------------------------------------------------------

    def sort_by(self, column: str, descending: bool | None = None) -> None:
        if descending is None:
            descending = not self.descending if column == self.sort_column else column in SEVERITIES
        self.sort_column, self.descending = column, descending
        self.redraw()

    @on(DataTable.HeaderSelected, "#reports")
    def header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = event.column_key.value
        if column in dict(COLUMNS):
            self.sort_by(column)

    def action_sort(self) -> None:
        keys = [k for k, _ in COLUMNS]
        self.sort_by(keys[(keys.index(self.sort_column) + 1) % len(keys)], descending=False)
        self.notify(f"按“{dict(COLUMNS)[self.sort_column]}”排序（o 倒序）", timeout=2)

    def action_reverse(self) -> None:
        self.sort_by(self.sort_column, not self.descending)

    def action_filter(self) -> None:
        rows = list(self.rows.values())

        def done(flt: DashboardFilter | None) -> None:
            if flt is not None:
                self.filter = flt
                self.selected &= {r.key for r in self.shown()}
                self.redraw()
                self.update_status()

        self.app.push_screen(DashboardFilterDialog(self.filter, {year_label(r.year) for r in rows},
                                                   {r.format_label for r in rows}), done)

    def action_toggle_select(self) -> None:
        key = self.cursor_key()
        if key is None:
            return
        self.selected ^= {key}
        table = self.query_one("#reports", DataTable)
        table.update_cell(key, "mark", Text("✓" if key in self.selected else "", style="bold"))
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self.update_status()

    def action_select_all(self) -> None:
        shown = {r.key for r in self.shown()}
        self.selected = set() if shown <= self.selected else shown
        self.redraw()
        self.update_status()

    # -- bulk decisions and the 汇总 ----------------------------------------------------------------------------

    def bulk_targets(self) -> list[Linted]:
        """The selected reports, or the one under the cursor when none is selected."""
        keys = self.selected or ({self.cursor_key()} - {None})
        return [self.results[k] for k in sorted(keys, key=str) if k in self.results
                and self.results[k].file.report is not None]

    def action_bulk(self) -> None:
        targets = self.bulk_targets()
        counts = rules_in(t.file for t in targets)
        if not counts:
            self.notify("选中的报告中没有问题可以审核", timeout=3)
            return
        docs: dict[str, str] = {}
        for t in targets:
            docs.update({code: doc[0] for code, doc in t.rule_docs.items()})
        rules = [(code, n, docs.get(code, "")) for code, n in sorted(counts.items())]

        def decided(answer: tuple[str, str, str] | None) -> None:
            if answer is not None:
                with_reviewer(self.app, self.reviewer, lambda name: self.apply_bulk(targets, name, *answer),
                              self.ambiguous_wide)

        self.app.push_screen(BulkDialog(len(targets), rules), decided)

    def apply_bulk(self, targets: list[Linted], reviewer: str, rule: str, decision: str, reason: str) -> None:
        self.reviewer = reviewer
        result = bulk_decide([(t.path, t.file) for t in targets], rule, decision, reason, reviewer)
        for t in targets:
            self.refresh_row(str(t.path))
        verb = "豁免" if decision == WAIVED else "确认"
        message = f"已{verb} {result.reports} 份报告中的 {result.decided} 条 {rule} 问题"
        if result.kept:
            message += f"；{result.kept} 条已有结论，未改动"
        self.notify(message, timeout=6)
        for problem in result.problems:
            self.notify(f"{problem}。这份报告未改动。", severity="error", timeout=10)

    def action_export(self) -> None:
        def done(choice: tuple[str, Path] | None) -> None:
            if choice is not None:
                self.export(*choice)

        self.app.push_screen(SummaryDialog(self.folder / "审核汇总"), done)

    def export(self, what: str, base: Path) -> list[Path]:
        """The 汇总 of the reports listed (in the order and filter shown)."""
        rows = self.shown()
        today = dt.date.today()
        files = []
        if what in ("csv", "both"):
            files.append((base.with_name(base.name + ".csv"), summary_csv(rows)))
        if what in ("markdown", "both"):
            date = f"{today.year}年{today.month}月{today.day}日"
            files.append((base.with_name(base.name + ".md"), summary_markdown(rows, str(self.folder), date)))
        written: list[Path] = []
        for target, text in files:
            try:
                target.write_text(text, encoding="utf-8", newline="")  # the CSV keeps its CRLF rows
            except OSError as exc:
                self.notify(f"导出失败：{target}（{exc.strerror or exc}）", severity="error")
                return written
            written.append(target)
        self.notify("已导出：" + "、".join(str(p) for p in written), timeout=6)
        return written

    def action_rescan(self) -> None:
        self.query_one("#folder-progress", ProgressBar).update(total=None, progress=0)
        self.results.clear()
        self.rows.clear()
        self.scan()

    def action_quit(self) -> None:
        self.app.exit()
