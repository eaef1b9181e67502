"""Plain-text reports: UTF-8 (with or without BOM), GB18030/GBK, UTF-16/32 with BOM.

Encodings are tried strictly and in a fixed order, never with replacement characters: a report decoded with
the wrong codec would produce findings about garbage.  Bytes no codec accepts make the file unreadable.
"""

from __future__ import annotations

import re
from pathlib import Path

from xxgk_lint.core.build import build_report
from xxgk_lint.core.encoding import decode_bom
from xxgk_lint.core.hookspecs import hookimpl
from xxgk_lint.core.model import Report
from xxgk_lint.core.readers import ReadError

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes) -> str:
    text = decode_bom(data, "文件")
    if text is not None:
        return text
    if b"\x00" in data:
        raise ReadError("binary", "文件含有空字节，不是文本文件（可能是二进制文件或无 BOM 的 UTF-16）")
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise ReadError("encoding", "无法识别文件编码（已尝试 UTF-8、GB18030）")


def _looks_textual(text: str) -> bool:
    """Reject binary data that happened to decode: text has few control characters besides tab and newline."""
    sample = text[:20000]
    return len(_CONTROLS.findall(sample)) <= len(sample) // 100


class TextReader:
    name = "text"
    extensions = (".txt", ".text")

    def claims(self, path: Path, head: bytes) -> bool:
        return False  # other extensions are not assumed to be text

    def read(self, path: Path, data: bytes) -> Report:
        if not data.strip():
            raise ReadError("empty", "文件为空")
        text = decode(data)
        if not text.strip():
            raise ReadError("empty", "文件只有空白字符")
        if not _looks_textual(text):
            raise ReadError("binary", "文件含有大量控制字符，不像文本报告")
        return build_report(str(path), "text", text)


@hookimpl
def xxgk_readers() -> list[TextReader]:
    return [TextReader()]
