"""The main review screen: outline | section text (and table grid) | current finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ProgressBar, Static, Tree

from xxgk_lint.core.labels import table_caption
from xxgk_lint.core.model import Finding

from ..export import memo_markdown, review_json_text
from ..loading import Linted, Linter
from ..pagelayout import Chunk, chunks, layout_page, page_count, page_of
from ..session import (
    CONFIRMED,
    SEVERITY_LABELS,
    SEVERITY_SHORT,
    STATUS_LABELS,
    UNDECIDED,
    WAIVED,
    ReviewSession,
    severity_counts,
)
from ..textlayout import display
from ..viewer import ViewerError, configured_viewer, open_in_viewer
from ..widgets.document import DocumentView, Mark
from ..widgets.finding_panel import FindingPanel, finding_paragraphs
from ..widgets.outline import Outline
from ..widgets.page_view import PageView
from ..widgets.table_grid import TableGrid
from ..widgets.wrapped import Para
from .export import ExportDialog
from .filter import FilterDialog
from .help import HelpScreen
from .ruledoc import RuleDocScreen
from .waive import ConfirmDialog, WaiveDialog, with_reviewer

_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def _search_key(text: str) -> str:
    from xxgk_lint.core.textnorm import fold

    return fold(text).translate(_ASCII_LOWER)


class SearchBar(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "关闭搜索", id="search.close")]

    def action_close(self) -> None:
        self.display = False
        self.screen.query_one("#document").focus()


class ReviewScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (30, "-tall")]

    #: Footer order is priority order: at 80 columns the keys at the end are cut off, so the ones a reviewer
    #: needs on every finding (step, decide, export, help, quit) come first.  F1 lists them all.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_finding", "下一个", id="review.next_finding", tooltip="按文档顺序跳到下一个问题"),
        Binding("p", "previous_finding", "上一个", id="review.previous_finding", tooltip="跳到上一个问题"),
        Binding("c", "confirm", "确认", id="review.confirm", tooltip="确认这是需要整改的问题（可填写审核意见）"),
        Binding("w", "waive", "豁免", id="review.waive", tooltip="豁免此问题（需填写理由）"),
        Binding("e", "export", "导出", id="review.export", tooltip="导出审核意见（Markdown）和 JSON"),
        Binding("f1", "help", "帮助", id="review.help", tooltip="显示全部按键"),
        Binding("q", "quit", "退出", id="review.quit", tooltip="退出（审核记录已随时保存）"),
        Binding("escape", "back", "返回", id="review.back", tooltip="返回报告列表"),
        Binding("u", "reset", "撤销", id="review.reset", tooltip="撤销对此问题的确认或豁免"),
        Binding("f", "filter", "筛选", id="review.filter", tooltip="按级别、类别、审核状态筛选"),
        Binding("slash", "search", "搜索", id="review.search", tooltip="在报告全文中搜索"),
        Binding("question_mark", "rule_doc", "规则说明", id="review.rule_doc", tooltip="查看当前问题所属规则的说明"),
        Binding("v", "page_view", "版面", id="review.page_view", tooltip="PDF：按原页面版面显示问题所在页（再按返回）"),
        Binding("o", "open_original", "打开原文件", id="review.open_original",
                tooltip="用系统查看程序打开原文件，翻到问题所在页"),
        Binding("right_square_bracket", "next_section", "下一部分", id="review.next_section"),
        Binding("left_square_bracket", "previous_section", "上一部分", id="review.previous_section"),
        Binding("r", "reload", "重新检查", id="review.reload", show=False, tooltip="重新检查报告，保留审核记录"),
    ]

    def __init__(self, path: Path, linter: Linter, *, linted: Linted | None = None, review_file: Path | None = None,
                 reviewer: str | None = None, ambiguous_wide: bool = False, from_folder: bool = False) -> None:
        super().__init__()
        self.path, self.linter, self.linted = path, linter, linted
        self.review_file, self.reviewer = review_file, reviewer
        self.ambiguous_wide, self.from_folder = ambiguous_wide, from_folder
        self.session: ReviewSession | None = None
        self.current: Finding | None = None
        self.entry_key: str | None = None
        self.display_text = ""
        self.search_query = ""
        self._save_error_shown = False  # a review file that cannot be saved into is said once, not per decision
        self.search_hits: list[int] = []
        self.search_index = -1
        self.page_mode = False
        self._chunks: list[Chunk] | None = None
        self._chunks_of: object = None

    # -- layout ------------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-row"):
            yield Static("", id="title-bar")
            yield Static("", id="title-counts")
        with Horizontal(id="panes"):
            with Vertical(id="outline-pane"):
                yield Label("目录", classes="pane-title")
                outline = Outline(id="outline")
                outline.ambiguous_wide = self.ambiguous_wide
                yield outline
            with Vertical(id="middle"):
                with Horizontal(id="progress-row"):
                    yield Label(f"正在读取 {self.path.name} …", id="progress-label")
                    yield ProgressBar(total=None, show_eta=False, id="progress")
                yield Label("", id="section-title", classes="pane-title")
                with ScrollableContainer(id="grid-box"):
                    grid = TableGrid(id="grid")
                    grid.ambiguous_wide = self.ambiguous_wide
                    yield grid
                yield DocumentView(id="document")
                with ScrollableContainer(id="page-box"):
                    page = PageView(id="page")
                    page.ambiguous_wide = self.ambiguous_wide
                    yield page
                yield SearchBar(placeholder="搜索全文（回车查找下一处，Esc 关闭）", id="search")
            yield FindingPanel(id="finding")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#finding", FindingPanel).text.ambiguous_wide = self.ambiguous_wide
        self.query_one("#grid-box").display = False
        self.query_one("#page-box").display = False
        self.query_one("#search").display = False
        if self.linted is not None:
            self.loaded(self.linted)
        else:
            self.lint()

    @work(thread=True, exclusive=True, group="lint")
    def lint(self) -> None:
        def progress(done: int, total: int, preview: Linted | None) -> None:
            self.app.call_from_thread(self.lint_progress, done, total, preview)

        linted = self.linter.lint(self.path, progress)
        self.app.call_from_thread(self.loaded, linted)

    def lint_progress(self, done: int, total: int, preview: Linted | None) -> None:
        """The report has been read (``preview``: show its text at once) or another rule has run."""
        if preview is not None:
            self.query_one("#progress-label", Label).update(f"正在检查（{total} 条规则）…")
            self.query_one("#progress", ProgressBar).update(total=total, progress=0)
            if self.session is None and preview.file.report is not None:
                self.session = ReviewSession(self.path, preview.file, preview.rule_docs, self.review_file,
                                             self.reviewer)
                self.display_text = display(preview.file.report.text, self.ambiguous_wide)
                self.query_one("#outline", Outline).build(self.session.entries)
                first = self.session.entries[0].key
                self.show_entry(first)
                self.query_one("#finding", FindingPanel).show([Para.of("正在检查…", "muted")])
        else:
            self.query_one("#progress", ProgressBar).update(progress=done)

    def loaded(self, linted: Linted) -> None:
        self.linted = linted
        self.query_one("#progress-row").display = False
        file = linted.file
        for error in linted.errors:
            self.notify(f"{error.source}: {error.message}", severity="error", timeout=10)
        if file.report is None:
            message = "；".join(e.message for e in file.errors) or "无法读取"
            self.query_one("#title-bar", Static).update(f"{file.path}：无法检查")
            self.query_one("#finding", FindingPanel).show([Para.of("无法检查此文件", "heading"), Para.of(message)])
            return
        previous = self.session
        session = ReviewSession(self.path, file, linted.rule_docs, self.review_file, self.reviewer)
        if previous is not None:
            session.filter = previous.filter
        self.entry_key = None
        self.query_one("#document", DocumentView).invalidate()
        self.session = session
        self.display_text = display(file.report.text, self.ambiguous_wide)
        outline = self.query_one("#outline", Outline)
        outline.build(session.entries, len(session.stale))
        self.refresh_counts()
        self._save_error_shown = bool(session.load_error)
        if session.load_error:
            self.notify(f"{session.load_error}。本次审核结果不会保存。", severity="error", timeout=15)
        if session.stale:
            self.notify(f"有 {len(session.stale)} 条审核过的问题在本次检查中已不存在（见目录“已消失的问题”）",
                        timeout=8)
        keep = self.current.fingerprint if self.current is not None else None
        target = next((f for f in session.findings if f.fingerprint == keep), None) if keep else None
        first = target or session.next_undecided() or session.neighbour(None, 1)  # resume where the review stopped
        if first is not None:
            self.select_finding(first)
        else:
            self.show_entry(session.entries[0].key)
            self.update_panel()
        self.query_one("#document", DocumentView).focus()

    # -- showing -----------------------------------------------------------------------------------------------

    def update_title(self) -> None:
        """Title and path on the left (cut off with … when narrow); the counts and progress on the right,
        always whole."""
        s = self.session
        if s is None:
            return
        counts = severity_counts(s.findings)
        narrow = self.size.width < 120
        labels = SEVERITY_SHORT if narrow else SEVERITY_LABELS
        gap = "" if narrow else " "
        severities = " ".join(f"{labels[k]}{gap}{counts.get(k, 0)}" for k in ("error", "warning", "info"))
        decided = f"已审{gap}{s.decided_count()}/{len(s.findings)}" if narrow else \
            f"已审核 {s.decided_count()}/{len(s.findings)}（{STATUS_LABELS[s.status]}）"
        self.query_one("#title-counts", Static).update(f"{severities} │ {decided}")
        parts = [display(s.report.title or s.path.name, self.ambiguous_wide), s.file.path]
        if s.filter.active():
            parts.append(f"筛选：{s.filter.describe()}")
        if s.read_only:
            parts.insert(0, "只读")
        self.query_one("#title-bar", Static).update("  │  ".join(parts))

    def on_resize(self) -> None:
        self.update_title()
        if self.session is not None and self.entry_key is not None:
            self.call_after_refresh(self.update_grid)  # the grid narrows its columns to the new width

    def refresh_counts(self) -> None:
        assert self.session is not None
        self.query_one("#outline", Outline).set_counts(self.session.counts(self.session.shown()))
        self.update_title()

    def show_entry(self, key: str, *, sync_outline: bool = True) -> None:
        s = self.session
        assert s is not None
        self.entry_key = key
        if sync_outline:
            self.query_one("#outline", Outline).select_key(key)
        if key == "stale":
            self.show_stale()
            return
        entry = s.entry(key)
        if entry is None or entry.span is None:
            return
        document = self.query_one("#document", DocumentView)
        if document.range != (entry.span.start, entry.span.end) or not document.row_count:
            headings = [(h.span.start, h.span.end) for h in s.report.headings]
            document.show(self.display_text, s.report.line_starts, entry.span.start, entry.span.end, headings)
        title = entry.label if entry.kind != "table" or entry.section is None else \
            f"{entry.section.heading.strip()} › {entry.label}"
        self.query_one("#section-title", Label).update(display(title, self.ambiguous_wide))
        self.update_grid()
        self.update_marks()

    def update_grid(self) -> None:
        s = self.session
        assert s is not None
        f = self.current
        kind: int | None = None
        lit: dict[str, str] = {}
        entry = s.entry(self.entry_key) if self.entry_key else None
        if f is not None and f.table is not None and s.entry_for(f) is entry:
            kind = f.table
            severity = f.severity.value if f.severity else "info"
            lit = {c: severity for c in s.cells_of(f) if c.startswith(f"t{kind}.")}
        elif entry is not None and entry.kind == "table":
            kind = entry.table
        box = self.query_one("#grid-box")
        table = s.report.tables.get(kind) if kind is not None else None
        box.display = table is not None and not self.page_mode  # the page shows the table as printed
        caption = table_caption(kind, table.layout) if table is not None and kind else ""
        if lit:
            caption += "　高亮为涉及的单元格，=为合计"
            if table is not None and len({c.row for c in table.cells.values()}) > 12:
                caption += "，只列涉及的行"
        grid = self.query_one("#grid", TableGrid)
        grid.fit_width = max(self.query_one("#middle").size.width - 3, 20)  # padding and the scrollbar
        grid.show(table, lit, caption)
        self.call_after_refresh(self._scroll_grid)

    def _scroll_grid(self) -> None:
        """Bring the lit cells of a long table (table 3 has 26 rows) into view."""
        grid = self.query_one("#grid", TableGrid)
        lit = grid.first_lit()
        box = self.query_one("#grid-box")
        region = box.scrollable_content_region
        x, y = (0, 0) if lit is None else lit
        y = 0 if lit is None or y < region.height - 1 else y - max(2, region.height // 3)
        x = 0 if x < region.width - 12 else x - region.width // 3  # the lit column with some of its neighbours
        box.scroll_to(x=x, y=y, animate=False, immediate=True)

    def update_marks(self) -> None:
        s = self.session
        assert s is not None
        document = self.query_one("#document", DocumentView)
        start, end = document.range
        marks: list[Mark] = []
        for f in s.shown():
            severity = f.severity.value if f.severity else "info"
            kind = f"current-{severity}" if f is self.current else severity
            marks += [Mark(sp.start, sp.end, kind) for sp in s.spans_of(f) if sp.end > start and sp.start < end]
        if self.current is not None and not s.visible(self.current):
            severity = self.current.severity.value if self.current.severity else "info"
            marks += [Mark(sp.start, sp.end, f"current-{severity}") for sp in s.spans_of(self.current)]
        size = len(self.search_query)
        for i, hit in enumerate(self.search_hits):
            if start <= hit < end:
                marks.append(Mark(hit, hit + size, "search-current" if i == self.search_index else "search"))
        document.set_marks(marks)
        self.update_page()

    # -- the page as laid out in the PDF ------------------------------------------------------------------------

    def page_chunks(self) -> list[Chunk]:
        if self._chunks is None or (self.session is not None and self._chunks_of is not self.session.report):
            self._chunks = chunks(self.session.report) if self.session is not None else []
            self._chunks_of = self.session.report if self.session is not None else None
        return self._chunks

    def current_page(self) -> int | None:
        """The page of the current finding (its words or cells), else of the part of the report shown."""
        s = self.session
        if s is None:
            return None
        if self.current is not None:
            page = self.current.page or page_of(s.report, s.spans_of(self.current))
            if page is not None:
                return page
        entry = s.entry(self.entry_key) if self.entry_key else None
        if entry is not None and entry.span is not None:
            return page_of(s.report, [entry.span])
        return None

    def update_page(self) -> None:
        s = self.session
        if not self.page_mode or s is None:
            return
        page = self.current_page() or 1
        on_page = [c for c in self.page_chunks() if c.page == page]
        width = max(self.query_one("#middle").size.width - 4, 40)
        start = min((c.start for c in on_page), default=0)
        end = max((c.end for c in on_page), default=0)
        marks: list[Mark] = []
        for f in s.shown():
            if f is self.current:
                continue
            severity = f.severity.value if f.severity else "info"
            marks += [Mark(sp.start, sp.end, severity) for sp in s.spans_of(f) if sp.end > start and sp.start < end]
        if self.current is not None:
            severity = self.current.severity.value if self.current.severity else "info"
            marks += [Mark(sp.start, sp.end, f"current-{severity}") for sp in s.spans_of(self.current)]
        view = self.query_one("#page", PageView)
        view.show(layout_page(on_page, width), marks)
        self.query_one("#section-title", Label).update(
            f"第 {page} 页（共 {page_count(s.report)} 页）　按原页面版面排列，高亮为本问题涉及的文字和单元格（v 返回）")
        self.call_after_refresh(self._scroll_page)

    def _scroll_page(self) -> None:
        line = self.query_one("#page", PageView).first_marked_line()
        box = self.query_one("#page-box")
        height = box.scrollable_content_region.height
        y = 0 if line is None or line < height - 2 else line - max(2, height // 3)
        box.scroll_to(y=y, animate=False, immediate=True)

    def action_page_view(self) -> None:
        s = self.session
        if s is None:
            return
        if not self.page_mode and not self.page_chunks():
            self.notify("只有 PDF 报告可以按原页面版面显示；此报告的原文就是中间的文字。", timeout=4)
            return
        self.page_mode = not self.page_mode
        self.query_one("#page-box").display = self.page_mode
        self.query_one("#document").display = not self.page_mode
        if self.page_mode:
            self.update_grid()
            self.update_page()
        elif self.entry_key is not None:
            self.show_entry(self.entry_key, sync_outline=False)

    def action_open_original(self) -> None:
        page = self.current_page()
        try:
            command = open_in_viewer(self.path.resolve(), page, configured_viewer(self.path))
        except ViewerError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        if command is None:
            self.notify("没有找到打开原文件的程序。可在 xxgk.toml 中设置，如：[review] viewer = "
                        "\"evince --page-index={page} {path}\"", severity="warning", timeout=10)
            return
        where = f"（第 {page} 页）" if page else ""
        self.notify(f"已用 {Path(command[0]).name} 打开 {self.path.name}{where}", timeout=4)

    def update_panel(self) -> None:
        s = self.session
        assert s is not None
        f = self.current
        shown = s.shown()
        position = (shown.index(f) + 1, len(shown)) if f is not None and f in shown else None
        self.query_one("#finding", FindingPanel).show(finding_paragraphs(s, f, position))
        self.update_title()

    def show_stale(self) -> None:
        s = self.session
        assert s is not None
        paras = [Para.of("已消失的问题", "heading"),
                 Para.of("这些问题曾经审核过，但在本次检查中已不存在（报告已修改，或规则有变化）。审核记录仍保留，"
                         "可在命令面板（Ctrl+P）中选择“删除已消失问题的审核记录”。", "muted"), Para.of("")]
        for d in s.stale:
            label = {"waived": "已豁免", "confirmed": "已确认"}.get(d.decision, d.decision)
            paras += [Para(((d.rule or "？", "heading"), ("  ", None), (label, d.decision))),
                      Para.of(d.message or d.fingerprint, indent=2)]
            if d.reason:
                paras.append(Para.of(f"理由：{d.reason}", "muted", indent=2))
            paras.append(Para.of(""))
        self.query_one("#finding", FindingPanel).show(paras)

    def select_finding(self, f: Finding) -> None:
        s = self.session
        assert s is not None
        self.current = f
        entry = s.entry_for(f)
        if entry.key != self.entry_key:
            self.show_entry(entry.key)
        else:
            self.update_grid()
            self.update_marks()
        document = self.query_one("#document", DocumentView)
        start, end = document.range
        if f.span is not None and start <= f.span.start <= end:
            document.scroll_to_offset(f.span.start)
        self.update_panel()

    # -- outline and document events ---------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#outline")
    def outline_moved(self, event: Tree.NodeHighlighted[str]) -> None:
        """The reader moved in the outline (ignored when the screen moved it to follow a finding)."""
        key = event.node.data
        if self.session is None or key is None or key == self.entry_key or not event.control.has_focus:
            return
        self.enter_entry(key)

    @on(Tree.NodeSelected, "#outline")
    def outline_selected(self, event: Tree.NodeSelected[str]) -> None:
        key = event.node.data
        if self.session is not None and key is not None and key != self.entry_key:
            self.enter_entry(key)

    def enter_entry(self, key: str) -> None:
        s = self.session
        assert s is not None
        self.show_entry(key, sync_outline=False)
        if key == "stale":
            return
        entry = s.entry(key)
        if entry is None:
            return
        findings = s.entry_findings(entry, s.shown())
        if self.current in findings and entry.kind != "report":
            self.update_panel()
            return
        self.current = findings[0] if findings else None
        self.update_grid()
        self.update_marks()
        self.update_panel()

    @on(DocumentView.Clicked)
    def document_clicked(self, event: DocumentView.Clicked) -> None:
        s = self.session
        if s is None:
            return
        hits = [f for f in s.shown() for sp in s.spans_of(f) if sp.start <= event.offset < sp.end]
        if hits:
            self.select_finding(min(hits, key=lambda f: (f.span.end - f.span.start) if f.span else 0))

    # -- actions -----------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_folder
        return True

    def _step(self, step: int) -> None:
        s = self.session
        if s is None:
            return
        offset = None
        if self.current is not None:
            offset = s.start_of(self.current) + (0 if step < 0 else 1)
        elif self.entry_key is not None and (entry := s.entry(self.entry_key)) is not None and entry.span:
            offset = entry.span.start
        target = s.neighbour(self.current, step, offset)
        if target is None:
            self.notify("已是最后一个问题" if step > 0 else "已是第一个问题", timeout=2)
            return
        self.select_finding(target)

    def action_next_finding(self) -> None:
        self._step(1)

    def action_previous_finding(self) -> None:
        self._step(-1)

    def _sections(self) -> list[str]:
        assert self.session is not None
        return [e.key for e in self.session.entries if e.kind in ("preamble", "section")]

    def _section_step(self, step: int) -> None:
        s = self.session
        if s is None:
            return
        keys = self._sections()
        if not keys:
            return
        key = self.entry_key
        entry = s.entry(key) if key else None
        if entry is not None and entry.parent:
            key = entry.parent
        i = keys.index(key) + step if key in keys else 0
        if 0 <= i < len(keys):
            self.query_one("#outline", Outline).select_key(keys[i])
            self.enter_entry(keys[i])

    def action_next_section(self) -> None:
        self._section_step(1)

    def action_previous_section(self) -> None:
        self._section_step(-1)

    def _after_decision(self, advance: bool = False) -> None:
        """Redraw after a decision; after confirming or waiving, move on to the next undecided finding."""
        s = self.session
        assert s is not None
        if s.load_error and not self._save_error_shown:
            self._save_error_shown = True
            self.notify(f"{s.load_error}。之后的审核结果不会保存。", severity="error", timeout=15)
        self.refresh_counts()
        target = s.next_undecided(self.current) if advance else None
        if target is not None:
            self.select_finding(target)
            return
        if advance and s.findings and all(s.state(f) != UNDECIDED for f in s.shown()):
            self.notify("已全部审核：每个问题都已确认或豁免", timeout=4)
        self.update_panel()
        self.update_marks()

    def with_reviewer(self, then: Callable[[], None]) -> None:
        def named(name: str) -> None:
            self.reviewer = name
            if self.session is not None:
                self.session.reviewer = name
            then()

        with_reviewer(self.app, self.reviewer, named, self.ambiguous_wide)

    def action_confirm(self) -> None:
        s, f = self.session, self.current
        if s is None or f is None:
            return
        d = s.decision(f)

        def done(comment: str | None) -> None:
            if comment is not None:
                s.confirm(f, comment)
                self._after_decision(advance=True)

        self.with_reviewer(lambda: self.app.push_screen(
            ConfirmDialog(f.message, d.reason if d is not None and d.decision == CONFIRMED else "",
                          self.ambiguous_wide), done))

    def action_waive(self) -> None:
        s, f = self.session, self.current
        if s is None or f is None:
            return
        d = s.decision(f)

        def done(reason: str | None) -> None:
            if reason:
                s.waive(f, reason)
                self._after_decision(advance=True)

        self.with_reviewer(lambda: self.app.push_screen(
            WaiveDialog(f.message, d.reason if d is not None and d.decision == WAIVED else "",
                        self.ambiguous_wide), done))

    def action_reset(self) -> None:
        if self.session is None or self.current is None:
            return
        self.session.reset(self.current)
        self._after_decision()

    def action_filter(self) -> None:
        s = self.session
        if s is None:
            return

        def done(flt: object) -> None:
            if flt is None:
                return
            s.filter = flt  # type: ignore[assignment]
            self.refresh_counts()
            if self.current is None or not s.visible(self.current):
                offset = s.start_of(self.current) if self.current is not None else None
                target = s.neighbour(None, 1, offset) or s.neighbour(None, 1)
                if target is not None:
                    self.select_finding(target)
                    return
                self.current = None
            self.update_marks()
            self.update_panel()

        self.app.push_screen(FilterDialog(s.filter, {f.category for f in s.findings}), done)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.find(event.value)

    def find(self, query: str) -> int | None:
        """Go to the next occurrence of ``query`` (width- and case-folded); the offset, or None."""
        s = self.session
        if s is None:
            return None
        if not query:
            self.search_query, self.search_hits, self.search_index = "", [], -1
            self.update_marks()
            return None
        if query != self.search_query:
            haystack, needle = _search_key(s.report.text), _search_key(query)
            hits, at = [], haystack.find(needle)
            while at >= 0:
                hits.append(at)
                at = haystack.find(needle, at + 1)
            self.search_query, self.search_hits, self.search_index = query, hits, -1
        if not self.search_hits:
            self.notify(f"没有找到“{query}”", severity="warning", timeout=3)
            self.update_marks()
            return None
        self.search_index = (self.search_index + 1) % len(self.search_hits)
        hit = self.search_hits[self.search_index]
        entry = s.entry_for_offset(hit)
        if entry.key != self.entry_key:
            self.show_entry(entry.key)
        else:
            self.update_marks()
        self.query_one("#document", DocumentView).scroll_to_offset(hit)
        self.query_one("#section-title", Label).update(
            f"{display(entry.label, self.ambiguous_wide)}　搜索“{query}”：第 {self.search_index + 1}/"
            f"{len(self.search_hits)} 处")
        return hit

    def action_rule_doc(self) -> None:
        s, f = self.session, self.current
        if s is None or f is None:
            self.notify("请先选择一个问题", timeout=2)
            return
        self.app.push_screen(RuleDocScreen(f.rule, s.rule_summary(f.rule), s.rule_doc(f.rule), self.ambiguous_wide))

    def action_export(self) -> None:
        s = self.session
        if s is None:
            return

        def done(choice: tuple[str, Path] | None) -> None:
            if choice is not None:
                self.export(*choice)

        self.app.push_screen(ExportDialog(s.path.with_name(s.path.name + ".审核意见")), done)

    def export(self, what: str, base: Path) -> list[Path]:
        s = self.session
        assert s is not None
        written = []
        try:
            if what in ("markdown", "both"):
                target = base.with_name(base.name + ".md")
                target.write_text(memo_markdown(s), encoding="utf-8")
                written.append(target)
            if what in ("json", "both"):
                target = base.with_name(base.name + ".json")
                target.write_text(review_json_text(s), encoding="utf-8")
                written.append(target)
        except OSError as exc:
            self.notify(f"导出失败：{exc.strerror or exc}", severity="error")
            return written
        self.notify("已导出：" + "、".join(str(p) for p in written), timeout=6)
        return written

    def action_reload(self) -> None:
        self.query_one("#progress-label", Label).update(f"正在重新检查 {self.path.name} …")
        self.query_one("#progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#progress-row").display = True
        self.lint()

    def action_help(self) -> None:
        keys = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if not self.check_action(binding.action, ()):
                continue
            active = self.active_key_for(binding.id or "") or binding.key
            keys.append((self.app.get_key_display(Binding(active, binding.action)), binding.description,
                         binding.id or ""))
        keys.append(("ctrl+p", "命令面板", "command_palette"))
        self.app.push_screen(HelpScreen(keys))

    def active_key_for(self, binding_id: str) -> str | None:
        keymap = getattr(self.app, "_keymap", {}) or {}
        return keymap.get(binding_id)

    def action_back(self) -> None:
        if self.from_folder:
            self.dismiss(None)

    def action_quit(self) -> None:
        self.app.exit()

    def drop_stale(self) -> None:
        s = self.session
        if s is None:
            return
        count = s.drop_stale()
        self.query_one("#outline", Outline).build(s.entries, 0)
        self.refresh_counts()
        self.notify(f"已删除 {count} 条已消失问题的审核记录", timeout=4)
