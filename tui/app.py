"""``xxgk review``: the Textual application and its entry point."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from xxgk_lint.core.config import find_config
from xxgk_lint.core.ruleset import ConfigError

from .commands import ReviewCommands
from .loading import Linter
from .screens.folder import FolderScreen
from .screens.review import ReviewScreen


class ReviewApp(App[None]):
    TITLE = "xxgk review"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "退出", id="app.quit", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True, tooltip="打开命令面板"),
    ]

    def __init__(self, path: Path, *, ruleset: str | None = None, review_file: Path | None = None,
                 reviewer: str | None = None, ambiguous_wide: bool = False, keymap: dict[str, str] | None = None,
                 linter: Linter | None = None) -> None:
        super().__init__()
        self.path = path
        self.review_file = review_file
        self.reviewer = reviewer or configured_reviewer(path)
        self.ambiguous_wide = ambiguous_wide
        self.linter = linter or Linter(ruleset)
        self.initial_keymap = keymap or {}

    def on_mount(self) -> None:
        if self.initial_keymap:
            self.set_keymap(self.initial_keymap)
        if self.path.is_dir():
            self.push_screen(FolderScreen(self.path, self.linter, reviewer=self.reviewer,
                                          ambiguous_wide=self.ambiguous_wide))
        else:
            self.push_screen(ReviewScreen(self.path, self.linter, review_file=self.review_file, reviewer=self.reviewer,
                                          ambiguous_wide=self.ambiguous_wide))


def configured_reviewer(path: Path) -> str | None:
    """``[review] reviewer`` of the project configuration that applies to ``path`` (None when unset; a broken
    configuration is reported by the linter on the file itself)."""
    try:
        config = find_config(path)
    except ConfigError:
        return None
    return config.review.reviewer if config is not None else None


def read_keymap(path: Path) -> dict[str, str]:
    """A TOML file of binding id = key(s), e.g. ``"review.next_finding" = "j"``."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table = data.get("keymap", data)
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path}: 按键映射应为“绑定 id = 按键”，如 \"review.next_finding\" = \"j\"")
    return dict(table)


def run_review(path: Path, *, ruleset: str | None = None, review_file: Path | None = None,
               reviewer: str | None = None, ambiguous_wide: bool = False, keymap: Path | None = None,
               jobs: int = 1, previous: Path | None = None) -> int:
    linter = Linter(ruleset, jobs=jobs, previous=previous)
    app = ReviewApp(path, ruleset=ruleset, review_file=review_file, reviewer=reviewer, ambiguous_wide=ambiguous_wide,
                    keymap=read_keymap(keymap) if keymap else None, linter=linter)
    app.run()
    return app.return_code or 0
