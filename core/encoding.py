"""Byte-order marks: the one encoding signal every text-based reader trusts before anything else."""

from __future__ import annotations

import codecs

from .readers import ReadError

#: Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)



def decode_bom(data: bytes, what: str) -> str | None:
    """The text when ``data`` starts with a byte-order mark, None when it does not; a BOM whose codec cannot
    decode the rest is a ``ReadError`` (``what`` names the file kind in the message: 文件, 网页)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError("encoding", f"{what}以 {codec} 字节顺序标记开头，但内容无法按该编码解码") from exc
    return None
