from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from xxgk_lint.core.layouts import ColumnDef, RowDef, cell_id
from xxgk_lint.core.model import Finding, FormatVersion, Report, Severity, Span, Table
from xxgk_lint.core.rules import Rule
from xxgk_lint.core.textnorm import label_key

from ._tables import HOME, TABLE_NAMES, column_key, layout_rows, present, row_keys, short_column, short_row

_SHOWN = 8


@dataclass
class _Gaps:
    """What a table lacks, sorted by how sure we are that the source lacks it too."""

    columns: list[ColumnDef] = field(default_factory=list)  # no cell and no header text anywhere in the table
    rows: list[RowDef] = field(default_factory=list)  # no cell and no row name in the table
    partial: list[tuple[RowDef, list[ColumnDef]]] = field(default_factory=list)  # row read with columns missing
    unread: list[RowDef] = field(default_factory=list)  # row name present, no value at all
    cells: list[str] = field(default_factory=list)
    first_row: int | None = None  # layout index of the first row with a gap

    def certain(self) -> bool:
        return bool(self.columns or self.rows or self.partial)


class IncompleteTables(Rule):
    """检查内容
    统计表存在，但与其版式（2021 年格式或 2019 年试行格式，表三是否带“小计”列）相比缺少整行或整列：例如表三
    没有“（三）不予公开/8.属于行政查询事项”一行，或没有“科研机构”一列。每张表一条问题，按官方行名列出缺少的行列。
    单元格存在但空白的由 B101 报告；数值存在但无法对应到单元格的由 T110 报告，本规则不重复：表中有无法对应的数值时，
    只报告表中连行名（列名）都没有的行（列），并降为警告。有行名但整行没有任何数值的，作为警告提示人工核对。

    为什么
    国家格式的每一行、每一列都是必报项目，删去“没有发生”的行列，会使公众无法确认该项是为 0 还是漏报，也使表内勾稽
    关系无法核对。套用旧版格式（如 2019 年试行格式缺少“（六）其他处理”的三个细项）也表现为缺行。

    不符合的示例
        （三）不予公开	1.属于国家秘密	0	0	0	0	0	0	0
        ……
        7.属于行政执法案卷	0	0	0	0	0	0	0
        （四）无法提供	1.本机关不掌握相关政府信息	……      ← 缺少“8.属于行政查询事项”一行

    符合的示例
        7.属于行政执法案卷	0	0	0	0	0	0	0
        8.属于行政查询事项	0	0	0	0	0	0	0
    """

    code = "T102"
    name = "incomplete-table"
    summary = "统计表缺少国家格式规定的行或列"
    problem = "统计表缺少国家格式规定的行或列"
    category = "table-missing"
    versions = frozenset({FormatVersion.V2021, FormatVersion.V2019, FormatVersion.UNKNOWN})  # legacy: V102

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for kind, table in sorted(report.tables.items()):
            rows = layout_rows(table)
            gaps = _gaps(report, table, rows)
            if not gaps.cells:
                continue
            parts = _parts(gaps, kind)
            unsure = bool(table.unplaced) or not gaps.certain()
            tail = "；另有数值未能对应到单元格（见 T110），请人工核对原表" if table.unplaced else ""
            span = _where(table, rows, gaps.first_row)
            yield Finding(
                self.code, self.category, f"{TABLE_NAMES[kind]}不完整：{'；'.join(parts)}{tail}",
                severity=Severity.WARNING if unsure else None, span=span,
                section=HOME[kind][0] if span is None else None, table=kind, cells=tuple(gaps.cells),
                evidence={
                    "layout": table.layout, "variants": sorted(table.variants),
                    "missing_columns": [c.label for c in gaps.columns],
                    "missing_rows": [r.label for r in gaps.rows],
                    "partial_rows": {r.label: [c.label for c in cols] for r, cols in gaps.partial},
                    "rows_without_values": [r.label for r in gaps.unread],
                },
                key=f"t{kind}:" + ",".join([f"col:{c.id}" for c in gaps.columns] + [r.id for r in gaps.rows]
                                           + [r.id for r, _ in gaps.partial] + [f"unread:{r.id}" for r in gaps.unread]),
            )


def _gaps(report: Report, table: Table, rows: tuple[RowDef, ...]) -> _Gaps:
    kind = table.kind
    region = table.span or Span(0, len(report.text))
    region_key = label_key(report.text[region.start:region.end])
    read_columns = {cid.rsplit(".", 1)[1] for cid in table.cells}
    gaps = _Gaps()
    seen: set[str] = set()
    for row in rows:
        for column in row.columns:
            if column.id in seen or column.id in read_columns:
                continue
            seen.add(column.id)
            if not present(column_key(column.label), region_key) and _rows_there(table, rows, column, region_key):
                gaps.columns.append(column)
    absent_columns = {c.id for c in gaps.columns}
    for index, row in enumerate(rows):
        missing = [c for c in row.columns if cell_id(kind, row.id, c.id) not in table.cells]
        if not missing:
            continue
        expected = [c for c in missing if c.id not in absent_columns]
        ids = [cell_id(kind, row.id, c.id) for c in missing]
        if not expected:
            pass  # only absent columns are missing from this row: reported once, as columns
        elif len(missing) < len(row.columns):
            gaps.partial.append((row, expected))
        elif not any(present(key, region_key) for key in row_keys(row)):
            gaps.rows.append(row)
        elif not table.unplaced:
            gaps.unread.append(row)
        else:  # the row's name is there and values went unplaced: T110's business
            ids = [cell_id(kind, row.id, c.id) for c in missing if c.id in absent_columns]
            if not ids:
                continue
        gaps.cells.extend(ids)
        if gaps.first_row is None:
            gaps.first_row = index
    return gaps


def _rows_there(table: Table, rows: tuple[RowDef, ...], column: ColumnDef, region_key: str) -> bool:
    """Whether the rows that carry a column are in the table (read, or named): only then is a missing column
    a missing column, and not part of a block of rows that is missing altogether."""
    read_rows = {cid.rsplit(".", 1)[0] for cid in table.cells}
    return any(f"t{table.kind}.{row.id}" in read_rows or any(present(key, region_key) for key in row_keys(row))
               for row in rows if column in row.columns)


def _row_name(row: RowDef) -> str:
    """The official row label without the table-3 group prefix, as reviewers cite it."""
    parts = row.label.split("/")
    if parts[0].startswith("三、本年度办理结果") and len(parts) > 1:
        parts = parts[1:]
    return "/".join([*parts[:-1], short_row(parts[-1])])


def _listing(names: list[str]) -> str:
    shown = "、".join(f"“{n}”" for n in names[:_SHOWN])
    return shown + (f" 等 {len(names)} 项" if len(names) > _SHOWN else "")


def _parts(gaps: _Gaps, kind: int) -> list[str]:
    noun = "部分" if kind == 4 else "行"  # table 4 has one data row in three blocks
    parts = []
    if gaps.columns:
        parts.append(f"缺少{_listing([short_column(c.label) for c in gaps.columns])}列")
    if gaps.rows:
        parts.append(f"缺少 {len(gaps.rows)} {noun}：{_listing([_row_name(r) for r in gaps.rows])}")
    for row, columns in gaps.partial:
        parts.append(f"“{_row_name(row)}”行缺少{_listing([short_column(c.label) for c in columns])}列")
    if gaps.unread:
        parts.append(f"{_listing([_row_name(r) for r in gaps.unread])}有行名但未读取到任何数值（可能整行未填写），"
                     "请人工核对")
    return parts


def _where(table: Table, rows: tuple[RowDef, ...], first: int | None) -> Span | None:
    """Where the gap is: the row read after the first missing one, else the last row read before it."""
    def row_span(row: RowDef) -> Span | None:
        prefix = f"t{table.kind}.{row.id}"
        spans = [c.provenance.span for c in table.cells.values()
                 if c.provenance.span is not None and c.id.rsplit(".", 1)[0] == prefix]
        return min(spans, key=lambda s: s.start) if spans else None

    if first is not None:
        for row in rows[first:]:
            span = row_span(row)
            if span is not None:
                return span
        for row in reversed(rows[:first]):
            span = row_span(row)
            if span is not None:
                return span
    spans = [u.provenance.span for u in table.unplaced if u.provenance.span is not None]
    return Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None
