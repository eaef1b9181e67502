"""Parse cache: a file's read ``Report`` kept on disk, so re-running on an unchanged folder skips reading.

Why the reader's output and not less: reading is the expensive part (pdfminer's layout pass for a PDF, and
for text reports decoding plus structure and table extraction: about a third of a text report's time), while
rules must run again whenever a ruleset changes.  The ``Report`` is taken straight from ``Reader.read``,
before any rule has touched it.

Key: SHA-256 of the file's bytes + the reader's name and variant (``Reader.variant`` when it has one: the PDF
engine) + the xxgk-lint version + the version of the plugin that
provides the reader + a fingerprint of the code that builds reports (size and modification time of every
module of the core and of the reader's package), so an edited checkout or an upgraded plugin never reuses an
old entry.  Entries live under the user's cache directory (``XDG_CACHE_HOME``, ``~/Library/Caches``,
``%LOCALAPPDATA%``; ``XXGK_CACHE_DIR`` overrides), one file per key.

Pickle runs code on load, so an entry is trusted only as far as the directory is: the directory and files are
created private (0700/0600), and an entry is loaded only when owned by this user and not writable by others.
A loaded entry must carry its own key and a ``Report`` whose text and folded text agree; anything else —
truncated, corrupted, foreign, stale — is ignored (and replaced on the next write), never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .model import Report
from .plugins import PluginHost
from .readers import Reader

FORMAT = 1  # bump when the entry layout changes
SUFFIX = ".pickle"


def default_dir() -> Path:
    """The platform's per-user cache directory for xxgk-lint."""
    override = os.environ.get("XXGK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "xxgk-lint" / "parse"


def _version() -> str:
    try:
        return importlib.metadata.version("xxgk-lint")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _code_fingerprint(modules: list[ModuleType]) -> str:
    """Size and mtime of every ``.py`` file in the folders of ``modules``: changes when the code does."""
    digest = hashlib.sha256()
    folders = sorted({Path(m.__file__).parent for m in modules if m.__file__})
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class Stats:
    directory: Path
    entries: int
    bytes: int


class ParseCache:
    """Reports by content and reader, in one directory; safe to share between worker processes (writes are
    atomic renames)."""

    def __init__(self, host: PluginHost, directory: Path | None = None):
        self.directory = directory or default_dir()
        self._salts: dict[str, str] = {}
        self._host = host

    def _salt(self, reader: Reader) -> str:
        variant = str(getattr(reader, "variant", ""))  # e.g. the PDF engine: its output may differ
        salt = self._salts.get(reader.name + "\0" + variant)
        if salt is None:
            plugin = next((p for p, r in self._host.readers if r is reader), "")
            version = next((i.version or "" for i in self._host.plugins if i.name == plugin), "")
            from . import build

            modules = [build, sys.modules[type(reader).__module__]]
            salt = "\0".join((str(FORMAT), _version(), reader.name, variant, plugin, version,
                              _code_fingerprint(modules), f"{sys.version_info[:2]}"))
            self._salts[reader.name + "\0" + variant] = salt
        return salt

    def key(self, reader: Reader, data: bytes) -> str:
        return hashlib.sha256(self._salt(reader).encode() + b"\0" + data).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / (key + SUFFIX)

    def get(self, reader: Reader, data: bytes) -> Report | None:
        key = self.key(reader, data)
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                info = os.fstat(fh.fileno())
                if not _trusted(info):
                    return None
                entry = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # corrupted, truncated, written by another version: ignored, rewritten later
            return None
        if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key):
            return None
        report = entry[1]
        if not isinstance(report, Report) or len(report.text) != len(report.folded):
            return None
        return report

    def put(self, reader: Reader, data: bytes, report: Report) -> None:
        """Store a freshly read report; a cache that cannot be written only means no cache."""
        key = self.key(reader, data)
        path = self._path(key)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((key, report), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return

    def stats(self) -> Stats:
        entries = size = 0
        if self.directory.is_dir():
            for path in self.directory.rglob("*" + SUFFIX):
                entries += 1
                size += path.stat().st_size
        return Stats(self.directory, entries, size)

    def clear(self) -> int:
        """Delete every entry (and leftovers of interrupted writes); the number of entries deleted."""
        removed = 0
        if not self.directory.is_dir():
            return 0
        for path in sorted(self.directory.rglob("*"), reverse=True):
            if path.is_file() and (path.suffix == SUFFIX or path.name.startswith(".tmp-")):
                path.unlink(missing_ok=True)
                removed += path.suffix == SUFFIX
            elif path.is_dir():
                with contextlib.suppress(OSError):  # not empty: something else lives there
                    path.rmdir()
        return removed


def _trusted(info: os.stat_result) -> bool:
    """Only our own files, not writable by group or others, are unpickled."""
    if stat.S_IMODE(info.st_mode) & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()
