"""Page furniture: page numbers and running headers or footers, which are not part of the report's text.

Left in, a page number ("-3-") splits a paragraph or a table continued on the next page, and a running header
repeats the title on every page.  Only lines in the top or bottom margin band are considered, so a number in
the body is never dropped: page numbers by their shape, running lines by repeating on most pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .geometry import BBox, TextLine

#: Share of the page height at the top and at the bottom where furniture lives.
BAND = 0.12

PAGE_NUMBER = re.compile(
    r"[-—–－~·•_\s]*\d{1,4}[-—–－~·•_\s]*"
    r"|第\s*[\d一二三四五六七八九十百]{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
)


def in_band(line: TextLine, page_box: BBox) -> bool:
    height = page_box[3] - page_box[1]
    return line.bottom < page_box[1] + BAND * height or line.top > page_box[3] - BAND * height


_ZERO = re.compile(r"[-—–－~·•_\s]*0+[-—–－~·•_\s]*")


def is_page_number(line: TextLine) -> bool:
    """Page numbers by their shape; never "0", which is a table value written alone on a line at a page end."""
    text = line.text.strip()
    return PAGE_NUMBER.fullmatch(text) is not None and _ZERO.fullmatch(text) is None


def _key(line: TextLine) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def drop_furniture(pages: Sequence[tuple[BBox, list[TextLine]]]) -> list[list[TextLine]]:
    """The lines of each page without page numbers and running headers/footers."""
    seen: Counter[str] = Counter()
    for box, lines in pages:
        seen.update({_key(line) for line in lines if in_band(line, box)})
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, count in seen.items() if count >= needed and key}
    out = []
    for box, lines in pages:
        out.append([line for line in lines
                    if not (in_band(line, box) and (is_page_number(line) or _key(line) in running))])
    return out
