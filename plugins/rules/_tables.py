"""Table helpers shared by the table rules: layouts of a parsed table, short labels, where a table lives.

The official labels of ``core.layouts`` are long ("三、本年度办理结果/（三）不予公开/4.保护第三方合法权益"); messages
quote them in the short form reviewers use ("（三）4"), so the same label reads the same in every rule.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from xxgk_lint.core.layouts import RowDef
from xxgk_lint.core.layouts import layout_rows as official_rows
from xxgk_lint.core.model import Report, Section, SectionKind, Table
from xxgk_lint.core.textnorm import label_key

TABLE_NAMES = {2: "表二（主动公开政府信息情况）", 3: "表三（收到和处理政府信息公开申请情况）",
               4: "表四（政府信息公开行政复议、行政诉讼情况）"}
SHORT_NAMES = {2: "表二", 3: "表三", 4: "表四"}

#: The section each table belongs in (format.md §2), with its number.
HOME: dict[int, tuple[str, SectionKind]] = {
    2: ("二", SectionKind.PROACTIVE),
    3: ("三", SectionKind.REQUESTS),
    4: ("四", SectionKind.REVIEW_LITIGATION),
}

_GROUP = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_ITEM = re.compile(r"^(\d+)[.．、]")


def layout_rows(table: Table) -> tuple[RowDef, ...]:
    """The official rows of a parsed table's layout (table 4: its three blocks)."""
    return official_rows(table.kind, table.layout, "subtotal" in table.variants)


def short_row(label: str) -> str:
    """Last segment of an official row label, without the long parenthetical of （二）部分公开."""
    return label.rsplit("/", 1)[-1].split("（区分", 1)[0]


def short_column(label: str) -> str:
    """Last segment of an official column label: 法人或其他组织/商业企业 → 商业企业."""
    return label.rsplit("/", 1)[-1]


def leaf_mark(label: str) -> str:
    """The numbering of a table-3 result row as reviewers cite it: （一）, （三）第4项, （六）."""
    parts = label.split("/")[1:]
    group = _GROUP.match(parts[0]) if parts else None
    if group is None:
        return short_row(label)
    item = _ITEM.match(parts[1]) if len(parts) > 1 else None
    return f"（{group.group(1)}）" + (f"第{item.group(1)}项" if item else "")


def home_section(report: Report, kind: int) -> Section | None:
    """The section a table belongs in; of duplicated sections the last, where table extraction looks."""
    home = [s for s in report.sections if s.kind is HOME[kind][1]]
    return home[-1] if home else None


def present(key: str, region_key: str) -> bool:
    """Whether a label occurs in a region's label key, tolerating a typo: a long label also counts when one half
    of it is there and the text around that half reads like the whole label (similarity as in core.tables), so a
    row is never called absent for a misspelling, nor present for sharing a half with its neighbour (（六）1 and 2
    both end in 行政机关不再处理其政府信息公开申请)."""
    if key in region_key:
        return True
    if len(key) < 6:
        return False
    half = len(key) // 2
    sizes = range(max(1, len(key) - _SLACK), len(key) + _SLACK + 1)
    for m in re.finditer(re.escape(key[:half]), region_key):
        if any(_similar(key, region_key[m.start():m.start() + n]) for n in sizes):
            return True
    for m in re.finditer(re.escape(key[half:]), region_key):
        if any(_similar(key, region_key[max(0, m.end() - n):m.end()]) for n in sizes):
            return True
    return False


_SLACK = 3  # characters a typo may add or drop
_SIMILAR = 0.8


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= _SIMILAR


_NUMBERING = re.compile(r"^(?:\(?[0-9一二三四五六七八九十]{1,3}\)?)+")


def row_keys(row: RowDef) -> tuple[str, ...]:
    """Label keys a row is known by: the layout's keys and its own official wording (without numbering), the
    long one letting ``present`` tolerate a typo in a row whose short key is misspelt."""
    own = _NUMBERING.sub("", label_key(short_row(row.label)))
    return (*row.keys, own) if own and own not in row.keys else row.keys


def column_key(label: str) -> str:
    """Label key of a column, without its unit: 本年收费金额（单位：万元） → 本年收费金额."""
    return re.split(r"[(（]", label_key(short_column(label)), maxsplit=1)[0]
