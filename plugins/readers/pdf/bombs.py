"""Flate bombs: a few kilobytes of a PDF stream can inflate to gigabytes, and pdfminer inflates whole streams.

Before pdfminer sees the file, every ``stream … endstream`` body that is zlib data is inflated up to
``[limits] pdf_stream_mb`` (and no further): a stream that would go beyond is refused with the limit's name.
Bodies that are not zlib data (images, damaged streams) are left to pdfminer, which handles them as before.
"""

from __future__ import annotations

import re
import zlib

from xxgk_lint.core import limits

_STREAM = re.compile(rb"stream\r?\n")
_ZLIB_HEADER = re.compile(rb"[\x08\x18\x28\x38\x48\x58\x68\x78][\x00-\xff]", re.DOTALL)
_CHUNK = 1 << 20


def check_streams(data: bytes) -> None:
    """Raise the ``pdf_stream_mb`` limit error for the first stream that inflates beyond it."""
    budget = limits.current().pdf_stream_bytes
    pos = 0
    while (m := _STREAM.search(data, pos)) is not None:
        start = m.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        pos = max(end, start)
        head = data[start:start + 2]
        if len(head) < 2 or not _ZLIB_HEADER.match(head) or (head[0] * 256 + head[1]) % 31:
            continue
        if _inflated_size(data, start, end, budget) > budget:
            raise limits.exceeded("pdf_stream_mb", f"PDF 中位于第 {start} 字节的数据流解压后过大，"
                                                   "可能是异常或恶意构造的文件（解压炸弹）")


def _inflated_size(data: bytes, start: int, end: int, budget: int) -> int:
    """Bytes the zlib data in ``data[start:end]`` inflates to, counting no further than ``budget + 1``."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        for at in range(start, end, _CHUNK):
            chunk = data[at:min(at + _CHUNK, end)]
            while chunk and size <= budget:
                size += len(inflater.decompress(chunk, budget + 1 - size))
                chunk = inflater.unconsumed_tail
            if size > budget or inflater.eof:
                break
    except zlib.error:
        pass  # damaged or not Flate after all: pdfminer reports what it can read
    return size
