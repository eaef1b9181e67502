"""Open the original file in the system viewer, at the finding's page, without blocking the review.

The command comes from ``[review] viewer`` in xxgk.toml (``{path}`` and ``{page}`` are filled in, e.g.
``evince --page-index={page} {path}``); without one, ``xdg-open`` (Linux), ``open`` (macOS) or the Windows
shell opens the file at its first page.  No Textual here.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from xxgk_lint.core.config import find_config
from xxgk_lint.core.ruleset import ConfigError


class ViewerError(Exception):
    """Why the file could not be opened, in Chinese for the reviewer."""


def configured_viewer(path: Path) -> str | None:
    try:
        config = find_config(path)
    except ConfigError:
        return None
    return config.review.viewer if config is not None else None


def viewer_command(template: str | None, path: Path, page: int | None) -> list[str] | None:
    """The command line to run: the template split like a shell would, then ``{path}`` and ``{page}`` filled
    into each word (so a path with spaces stays one argument); None when there is nothing to run."""
    if template:
        try:
            words = shlex.split(template)
        except ValueError as exc:
            raise ViewerError(f"[review] viewer 无法解析（{exc}）：{template}") from exc
        try:
            return [w.format(path=str(path), page=page or 1) for w in words]
        except (KeyError, IndexError, ValueError) as exc:
            raise ViewerError(f"[review] viewer 只能使用 {{path}} 和 {{page}}：{template}") from exc
    if sys.platform == "darwin" and shutil.which("open"):
        return ["open", str(path)]
    if shutil.which("xdg-open"):
        return ["xdg-open", str(path)]
    return None


def open_in_viewer(path: Path, page: int | None, template: str | None = None) -> list[str] | None:
    """Start the viewer detached and return its command; None when this system has no viewer (the caller says
    so).  Never waits for the viewer."""
    if template is None and sys.platform == "win32":  # pragma: no cover - the shell's own association
        os.startfile(str(path))  # type: ignore[attr-defined]
        return ["start", str(path)]
    command = viewer_command(template, path, page)
    if command is None:
        return None
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError as exc:
        raise ViewerError(f"无法启动查看程序 {command[0]}（{exc.strerror or exc}）") from exc
    return command
