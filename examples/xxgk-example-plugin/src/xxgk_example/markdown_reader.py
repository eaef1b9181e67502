"""Plugin module ``example-markdown-reader``: reports written in Markdown (``.md``, ``.markdown``).

Markdown is turned into the text shape every reader hands to ``build_report``: heading markers are dropped
(``## 一、总体情况`` becomes the line ``一、总体情况``), pipe tables become tab-separated rows (the separator row
``|---|---|`` is dropped), bold markers (``**``, ``__``) and ``<br>`` in cells are removed.  A source map keeps finding
locations in the Markdown file: the line, and the column where the line's text or the table cell starts.
"""

from __future__ import annotations

import re
from pathlib import Path

from xxgk_lint.core.build import build_report
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Anchor, Report, SourceMap
from xxgk_lint.core.readers import ReadError

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _plain(text: str) -> str:
    return _EMPHASIS.sub(r"\2", _BREAK.sub(" ", text)).strip()


def _cells(line: str) -> list[tuple[int, str]]:
    """(0-based column, text) of each cell of a pipe-table row; ``\\|`` is a literal bar."""
    cells: list[tuple[int, str]] = []
    start = line.index("|") + 1
    i = start
    while i <= len(line):
        if i == len(line) or (line[i] == "|" and line[i - 1] != "\\"):
            raw = line[start:i]
            if i < len(line) or raw.strip():  # text after the last bar is a cell only if not blank
                lead = len(raw) - len(raw.lstrip())
                cells.append((start + lead, raw.strip().replace("\\|", "|")))
            start = i + 1
        i += 1
    return cells


def render(source: str) -> tuple[str, list[Anchor]]:
    """Markdown source → (text for ``build_report``, anchors back to Markdown lines and columns)."""
    out: list[str] = []
    anchors: list[Anchor] = []
    offset = 0
    for number, line in enumerate(source.splitlines(), start=1):
        if _SEPARATOR.match(line) and "-" in line and "|" in line:
            continue
        heading = _HEADING.match(line)
        if heading:
            text = _plain(heading.group(2))
            anchors.append(Anchor(offset, line=number, column=heading.start(2) + 1))
        elif line.lstrip().startswith("|"):
            parts = []
            at = offset
            for column, cell in _cells(line):
                anchors.append(Anchor(at, line=number, column=column + 1))
                cell = _plain(cell)
                parts.append(cell)
                at += len(cell) + 1
            text = "\t".join(parts)
        else:
            text = line
            anchors.append(Anchor(offset, line=number, column=1))
        out.append(text)
        offset += len(text) + 1
    return "\n".join(out) + "\n", anchors


class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown")

    def claims(self, path: Path, head: bytes) -> bool:
        return False  # only files named .md / .markdown

    def read(self, path: Path, data: bytes) -> Report:
        if not data.strip():
            raise ReadError("empty", "文件为空")
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReadError("encoding", "Markdown 文件不是 UTF-8 编码") from exc
        text, anchors = render(source.replace("\r\n", "\n").replace("\r", "\n"))
        if not text.strip():
            raise ReadError("empty", "文件只有空白字符")
        return build_report(str(path), "markdown", text, source_map=SourceMap(anchors))


@hookimpl
def xxgk_readers() -> list[MarkdownReader]:
    return [MarkdownReader()]
