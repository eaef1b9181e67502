"""Text normalisation that keeps offsets mappable.

Matching needs full-width and half-width forms to compare equal and Kangxi radical look-alikes (⼗⼤⼩) to be
read as the ideographs they imitate, but findings must point at the original characters.  So ``fold`` maps
character for character (the result has the same length); NFKC is never applied to the whole text, which would
turn ``，`` into ``,`` and shift offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII variants
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "  # no-break space (&nbsp;)
    for code in list(range(0x2F00, 0x2FD6)) + list(range(0x2E80, 0x2EF4)):  # Kangxi / CJK radicals
        mapped = unicodedata.normalize("NFKC", chr(code))
        if len(mapped) == 1 and mapped != chr(code):
            table[code] = mapped
    for code in range(0xF900, 0xFB00):  # CJK compatibility ideographs
        mapped = unicodedata.normalize("NFKC", chr(code))
        if len(mapped) == 1 and mapped != chr(code):
            table[code] = mapped
    table.update({0x2010: "-", 0x2212: "-"})  # hyphen and minus sign
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Width- and look-alike-folded copy of ``text`` with exactly the same length."""
    return text.translate(_FOLD)


_KEY_DROP = re.compile(r"[\s\"'“”‘’「」『』《》<>:：,，、;；.。·•…!！?？\[\]【】]")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "﹙": "(", "﹚": ")"})


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A comparison key for table labels: folded, no spaces or punctuation, one kind of bracket."""
    return _KEY_DROP.sub("", fold(text).translate(_BRACKETS))


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


CJK_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_NUMERALS = "一二三四五六七八九十"


def cjk_number(token: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (enough for heading and item numbers)."""
    if not token:
        return None
    if token == "十":
        return 10
    if "十" in token:
        tens, _, units = token.partition("十")
        t = CJK_DIGITS.get(tens, 0) if tens else 1
        u = CJK_DIGITS.get(units, 0) if units else 0
        if (tens and tens not in CJK_DIGITS) or (units and units not in CJK_DIGITS):
            return None
        return t * 10 + u
    if len(token) == 1 and token in CJK_DIGITS:
        return CJK_DIGITS[token]
    return None


def cjk_year(token: str) -> int | None:
    """二〇二三 → 2023."""
    digits = [CJK_DIGITS.get(ch) for ch in token]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def number_to_cjk(n: int) -> str:
    if 1 <= n <= 10:
        return CJK_NUMERALS[n - 1]
    if n < 20:
        return "十" + CJK_NUMERALS[n - 11]
    return str(n)
