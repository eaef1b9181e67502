"""What a reader is: it claims files it understands and turns one into a ``Report``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from .model import Report


class ReadError(Exception):
    """The file cannot be read as a report; ``message`` is Chinese and says what is wrong."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Reader(Protocol):
    name: str  # e.g. "text"
    extensions: tuple[str, ...]  # lower-case, with dot: (".txt",)

    def claims(self, path: Path, head: bytes) -> bool:
        """Whether this reader can read the file (called for files whose extension no reader lists)."""
        ...

    def read(self, path: Path, data: bytes) -> Report:
        """Build the report; raise ``ReadError`` for input that is not a readable report."""
        ...


def configure_readers(readers: Iterable[object], options: Mapping[str, str]) -> None:
    """Hand the command line's reader options (e.g. ``pdf_engine``) to every reader that takes options (a
    ``configure(options)`` method); readers keep them as their own state, so nothing is global."""
    if not options:
        return
    for reader in readers:
        configure = getattr(reader, "configure", None)
        if callable(configure):
            configure(dict(options))
