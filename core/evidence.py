"""A finding's evidence, location and quoted original as labelled Chinese lines — for people, never field names.

Rules keep structured evidence (``Finding.evidence``) for JSON, SARIF and tools; everything a person reads (the
text and Markdown reporters, the review memo, the TUI finding panel) renders it through ``evidence_lines`` so the
same finding reads the same everywhere: 原文、上下文、分项与合计、本机关类型/文中写法, cells by their official row
and column labels.  Keys no renderer knows (third-party rules) are shown by value under 其他信息, so a plugin's
evidence is never dropped and never shown as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from .declarative import BODY_NAMES
from .labels import TABLE_NAMES, VERSION_LABELS, human_date
from .layouts import T4_BLOCKS, layout_rows
from .model import Finding, RelatedLocation, Report

#: a line longer than this (a web page exported as one line) is located by a quote, not by a column number
LONG_LINE = 200
QUOTE_WIDTH = 24  # characters of context either side of the finding in a quoted snippet


@dataclass(frozen=True)
class EvidenceLine:
    """One labelled line; ``style`` tells the TUI how to show the value ("quote", "arith" or "")."""

    label: str
    value: str
    style: str = ""
    indent: int = 0


# --- values -------------------------------------------------------------------------------------------------

def number(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quote(text: str) -> str:
    return f"“{' '.join(str(text).split())}”"


def _plain(value: Any) -> str:
    """Any JSON value by its content alone: no braces, brackets or keys."""
    if value is None:
        return "无"
    if isinstance(value, dict):
        return "；".join(_plain(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value) or "无"
    return number(value)


_STYLES = {"cjk": "“一、”式", "arabic": "“1.”式", "cjk-paren": "“（一）”式", "arabic-paren": "“（1）”式"}
_BODIES: dict[str, str] = {**{k.value: v for k, v in BODY_NAMES.items()}, "government": "县级以上人民政府",
                           "default": "其他机关"}
_VARIANTS = {"subtotal": "含“小计”列"}
#: why a breakdown is the whole (``complete`` of P101/P102): a marker word, or a family of labels all listed
_COMPLETE = {"其余": "列出了“其余（其他）”一项，所列即全部", "合计": "“合计（共计）”即所列之和",
             "applicant": "已列出自然人和法人或其他组织，所列即全部",
             "review-result": "已列出维持、纠正、其他结果和尚未审结，所列即全部",
             "level": "已列出国家、省、市、县各级，所列即全部", "request-result": "已列出全部六类办理结果"}


def _cell_labels() -> dict[str, tuple[int, str, str]]:
    """Every cell id of every national layout → (table, row label, column label) as a reader says them."""
    out: dict[str, tuple[int, str, str]] = {}
    for table in (2, 3, 4):
        for layout in ("2021", "2019"):
            for subtotal in (False, True):
                for row in layout_rows(table, layout, subtotal):
                    for column in row.columns:
                        out.setdefault(f"t{table}.{row.id}.{column.id}", (table, row.label, column.label))
    for block in T4_BLOCKS:
        for column in block.columns:
            out.setdefault(f"t4.{block.id}.{column.id}", (4, block.label, column.label))
    return out


_CELLS = _cell_labels()


def _row_name(label: str) -> str:
    """``三、本年度办理结果/（三）不予公开/1.属于国家秘密`` → ``（三）不予公开 1.属于国家秘密``."""
    parts = label.split("/")
    if len(parts) >= 2 and parts[-1][:1].isdigit():
        return f"{parts[-2]} {parts[-1]}"
    if len(parts) == 2 and parts[0] in ("行政诉讼",):
        return f"{parts[0]}（{parts[1]}）"
    return parts[-1]


def _column_name(label: str) -> str:
    if label.endswith("增/减"):  # 本年增/减 (the 2019 layout's table 2): one column, not a group
        return label
    parts = label.split("/")
    if len(parts) == 2 and parts[1] in ("其他", "小计"):
        return f"{parts[0]}（{parts[1]}）"
    return parts[-1]


def cell_label(cell_id: str, report: Report | None = None) -> str:
    """``表三“一、本年新收政府信息公开申请数量”行“自然人”列`` for a cell id (table 4: ``表四“行政复议”的“总计”``)."""
    cell = report.cell(cell_id) if report is not None and cell_id[:1] == "t" and cell_id[1:2].isdigit() else None
    if cell is not None:
        table, row, column = int(cell_id[1]), cell.row, cell.column
    elif cell_id in _CELLS:
        table, row, column = _CELLS[cell_id]
    else:
        return "统计表中的一个单元格"
    name = TABLE_NAMES.get(table, "统计表")
    if table == 4:
        return f"{name}“{_row_name(row)}”的“{_column_name(column)}”"
    return f"{name}“{_row_name(row)}”行“{_column_name(column)}”列"


# --- evidence -----------------------------------------------------------------------------------------------

Render = Callable[[Any, dict[str, Any], Report | None], Iterable[EvidenceLine]]


def _line(label: str, style: str = "", fmt: Callable[[Any], str] = number) -> Render:
    def render(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
        yield EvidenceLine(label, fmt(value), style)
    return render


def _year(value: Any) -> str:
    return f"{number(value)} 年"


def _list(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value) or "无"
    return _plain(value)


def _quotes(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    others = [q for q in value if q != evidence.get("text")] if isinstance(value, list) else []
    if others:
        yield EvidenceLine("其他各处", "；".join(quote(q) for q in others), "quote")


def _positions(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    places: list[str] = []
    for p in value if isinstance(value, list) else []:
        if not isinstance(p, dict):
            continue
        where = f"第 {p['page']} 页" if p.get("page") else f"第 {p['line']} 行" if p.get("line") else ""
        if where and where not in places:
            places.append(where)
    if len(places) > 1:
        yield EvidenceLine("出现位置", "、".join(places))


def _cells_values(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    if not isinstance(value, dict):
        yield EvidenceLine("数值", _plain(value))
        return
    shown = value
    if len(value) > 8:  # a column of 22 results: the non-zero ones say it, the zeros are counted
        shown = {k: v for k, v in value.items() if v != 0}
    yield EvidenceLine("涉及的单元格", "")
    for cell_id, v in shown.items():
        yield EvidenceLine(cell_label(cell_id, report), "（空白）" if v is None else number(v), "arith", 2)
    if len(shown) < len(value):
        yield EvidenceLine("其余单元格", f"{len(value) - len(shown)} 个，均为 0", "", 2)


def _cells_raw(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    if not isinstance(value, dict):
        yield EvidenceLine("单元格", _plain(value))
        return
    yield EvidenceLine("单元格及原表所填", "")
    if len(value) <= 8:
        for cell_id, v in value.items():
            yield EvidenceLine(cell_label(cell_id, report), quote(v) if v else "（空白）", "quote", 2)
        return
    rows: dict[str, list[str]] = {}  # many cells (a table left blank): one line per row
    for cell_id, v in value.items():
        label = cell_label(cell_id, report)
        row, _, column = label.partition("行“")
        rows.setdefault(row + ("行" if column else ""), []).append(
            f"{column.removesuffix('”列') or label}{quote(v) if v else '（空白）'}")
    for i, (row, cells) in enumerate(rows.items()):
        if i == 10:
            yield EvidenceLine("另有", f"{len(rows) - 10} 行", "", 2)
            break
        yield EvidenceLine(row, "、".join(cells), "quote", 2)


def _parts(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    """分项与合计: each part with its label, the sum, and the total the text states."""
    parts = value if isinstance(value, list) else []
    unit = str(evidence.get("unit") or "")
    items = "、".join(f"{p.get('label') or '（未写名称）'} {number(p.get('value'))} {unit}".rstrip()
                      for p in parts if isinstance(p, dict))
    yield EvidenceLine("分项", items)
    arithmetic = evidence.get("expression") or ""
    total = evidence.get("total_text") or (f"{number(evidence['total'])}{unit}" if "total" in evidence else "")
    summary = f"分项之和 {arithmetic}" if arithmetic else f"分项之和 {number(evidence.get('sum'))}"
    if total:
        summary += f"；文中总数 {total}"
    yield EvidenceLine("分项与合计", summary, "arith")
    complete = evidence.get("complete")
    if complete:
        why = _COMPLETE.get(str(complete), f"“{complete}”表示所列即全部")
        yield EvidenceLine("为何视为全部", why)


def _unplaced(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    yield EvidenceLine("无法对应到单元格的数值", "")
    for u in value if isinstance(value, list) else []:
        if isinstance(u, dict):
            yield EvidenceLine(quote(u.get("raw", "")), str(u.get("reason", "")), "", 2)


def _rows(label: str) -> Render:
    def render(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
        if isinstance(value, dict):
            text = "；".join(f"{_row_name(k)}（{_list([_column_name(c) for c in v] if isinstance(v, list) else v)}）"
                            for k, v in value.items())
        else:
            text = "、".join(_column_name(_row_name(str(v))) for v in value)
        if text:
            yield EvidenceLine(label, text)
    return render


def _readings(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    """X101/X102/X103: the other table cells the prose could mean."""
    groups = [g for g in value if isinstance(g, list)] if isinstance(value, list) else []
    if len(groups) > 1:
        yield EvidenceLine("也可理解为", "；".join("＋".join(cell_label(c, report) for c in g) for g in groups[1:]))


def _explained_by(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    cells = value if isinstance(value, list) else []
    if cells:
        yield EvidenceLine("与正文相符的是", "＋".join(cell_label(c, report) for c in cells))


def _split_number(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    if not isinstance(value, dict):
        return
    cells = [cell_label(c, report) for c in value.get("cells", [])]
    raws = [quote(r) for r in value.get("raw", [])]
    pairs = "、".join(f"{c}{r}" for c, r in zip(cells, raws, strict=False))
    yield EvidenceLine("疑似拆写的数字", f"{pairs}，合起来为 {number(value.get('merged'))}")


def _skip(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    return ()


# --- findings that compare two reports (cross-year, parent and children) ------------------------------------

def _file_name(path: Any) -> str:
    return PurePath(str(path)).name or str(path)


def _cell_values(cells: Any, values: Any, report: Report | None = None) -> str:
    cells = cells if isinstance(cells, list) else [cells]
    values = values if isinstance(values, list) else [values]
    return "、".join(f"{cell_label(str(c), report)} {'（空白）' if v is None else number(v)}"
                    for c, v in zip(cells, values, strict=False))


def _previous_cells(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    values = evidence.get("previous_values", evidence.get("previous_value"))
    yield EvidenceLine("上年报告", _cell_values(value, values), "arith")


def _this_cell(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    yield EvidenceLine("本年报告", _cell_values(value, evidence.get("value"), report), "arith")


def _share(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    share = f"{value:.0%}" if isinstance(value, (int, float)) else _plain(value)
    chars = evidence.get("characters")
    yield EvidenceLine("与上年相同的文字", f"{share}（去掉固定表述后共 {number(chars)} 字）" if chars else share)


def _differences(value: Any, evidence: dict[str, Any], report: Report | None) -> Iterable[EvidenceLine]:
    """K301: each cell that is not the sum of the children's, with every child's value by file."""
    diffs = [d for d in value if isinstance(d, dict)] if isinstance(value, list) else []
    yield EvidenceLine("与下级合计不一致的单元格", f"{len(diffs)} 个")
    for i, d in enumerate(diffs):
        if i == 20:
            yield EvidenceLine("另有", f"{len(diffs) - 20} 个单元格", "", 2)
            break
        children: dict[str, Any] = d["children"] if isinstance(d.get("children"), dict) else {}
        parts = " + ".join(f"{_file_name(p)} {number(v)}" for p, v in children.items())
        own, total = d.get("value"), d.get("children_sum")
        gap = f"，相差 {number(abs(own - total))}" if isinstance(own, (int, float)) and isinstance(
            total, (int, float)) else ""
        label = d.get("label") or cell_label(str(d.get("cell", "")), report)
        yield EvidenceLine(str(label), f"本报告 {number(own)}，下级合计 {number(total)}（{parts}）{gap}", "arith", 2)


def _place(r: RelatedLocation) -> str:
    where = f"第 {r.page} 页" if r.page else f"第 {r.line} 行" if r.line else ""
    return f"{_file_name(r.path)} {where}".rstrip()


#: evidence keys a comparison block shows (the other report's value beside this one's, located in that file)
_COMPARED = frozenset({"previous_path", "previous_year", "previous_cell", "previous_value", "previous_cells",
                       "previous_values", "cell", "value", "expected", "problems", "children"})


def comparison_lines(f: Finding, report: Report | None = None) -> list[EvidenceLine]:
    """The other report's side beside this report's, each located in its own file: for a cross-year cell,
    ``上年报告（pingtan-2021.txt 第 60 行）：表三“四、结转下年度继续办理”行“自然人”列 1`` over
    ``本年报告：表三“二、上年结转政府信息公开申请数量”行“自然人”列 3``; for other comparisons one line per
    place in the other file (``f.related``), with what is there."""
    ev = f.evidence if isinstance(f.evidence, dict) else {}
    out: list[EvidenceLine] = []
    cells = ev.get("previous_cells", ev.get("previous_cell"))
    if cells is not None and f.related:
        values = ev.get("previous_values", ev.get("previous_value"))
        out.append(EvidenceLine(f"上年报告（{_place(f.related[0])}）", _cell_values(cells, values), "arith"))
        if "cell" in ev:
            out.append(EvidenceLine("本年报告", _cell_values(ev["cell"], ev.get("value"), report), "arith"))
        if "expected" in ev:
            out.append(EvidenceLine("按上年推算本年应为", number(ev["expected"]), "arith"))
        return out
    for r in f.related:
        who, text = ("上年报告", r.message.removeprefix("上年报告")) if r.message.startswith("上年报告") else (
            ("下级机关报告", r.message.removeprefix("下级机关").strip()) if r.message.startswith("下级机关")
            else ("对照报告", r.message))
        out.append(EvidenceLine(f"{who}（{_place(r)}）", text.lstrip("：:"), "quote"))
    if "problems" in ev and out:
        out.append(EvidenceLine("本年报告", "第五部分未说明以上问题的改进情况，也未再列出"))
    return out


RENDERERS: dict[str, Render] = {
    "text": _line("原文", "quote", quote),
    "context": _line("上下文", "quote", lambda v: quote(f"……{v}……")),
    "quotes": _quotes,
    "positions": _positions,
    "own_type": _line("本机关类型"),
    "written_type": _line("文中写法"),
    "organization": _line("报告机关"),
    "title_organization": _line("标题中的机关"),
    "body": _line("文中的机关"),
    "title": _line("报告标题", "quote", quote),
    "body_kind": _line("机关类别", fmt=lambda v: _BODIES.get(str(v), "其他机关")),
    "kind": _line("机关类别", fmt=lambda v: _BODIES.get(str(v), "其他机关")),
    "values": _cells_values,
    "cells": _cells_raw,
    "expression": _line("关系式", "arith"),
    "left": _line("左边合计", "arith"),
    "right": _line("右边合计", "arith"),
    "count": _line("处数"),
    "year": _line("文中年度", fmt=_year),
    "report_year": _line("报告年度", fmt=_year),
    "date": _line("日期", fmt=lambda v: human_date(str(v))),
    "deadline": _line("规定期限", fmt=lambda v: human_date(str(v))),
    "word": _line("词语", "quote", quote),
    "first_style": _line("本部分原用编号", fmt=lambda v: _STYLES.get(str(v), "其他编号")),
    "style": _line("此处所用编号", fmt=lambda v: _STYLES.get(str(v), "其他编号")),
    "previous": _line("前一个编号", "quote", quote),
    "missing": _line("缺少", fmt=_list),
    "repeated": lambda v, e, r: [EvidenceLine("编号重复", "是")] if v else [],
    "headers": _line("表头栏目", fmt=lambda v: "、".join(quote(x) for x in v) if isinstance(v, list) else _plain(v)),
    "headings": _line("部分标题", fmt=lambda v: "、".join(quote(x) for x in v) if isinstance(v, list) else _plain(v)),
    "problems": _line("问题", fmt=lambda v: "；".join(map(str, v)) if isinstance(v, list) else _plain(v)),
    "layout": _line("表格格式", fmt=lambda v: VERSION_LABELS.get(str(v), "未识别")),
    "variants": lambda v, e, r: [EvidenceLine("表格样式", "、".join(_VARIANTS.get(x, "其他") for x in v))] if v else [],
    "missing_columns": _rows("缺少的列"),
    "missing_rows": _rows("缺少的行"),
    "partial_rows": _rows("缺少部分栏目的行"),
    "rows_without_values": _rows("没有数值的行"),
    "unplaced": _unplaced,
    "prose_value": _line("正文中的数", "arith"),
    "cell_value": _line("表中的数", "arith"),
    "table": _line("统计表", fmt=lambda v: TABLE_NAMES.get(v, "统计表") if isinstance(v, int) else _plain(v)),
    "parts": _parts,
    "readings": _readings, "explained_by": _explained_by, "split_number": _split_number,
    "total": _skip, "total_text": _skip, "unit": _skip, "sum": _skip, "complete": _skip,  # shown with the parts
    "value": lambda v, e, r: [] if "cell" in e else [EvidenceLine("数值", number(v))],  # with the cell
    "expected": _line("应有", "quote", quote),
    "full_width_commas": _line("全角逗号处数"),
    "first_line": _line("首次出现在", fmt=lambda v: f"第 {v} 行"),
    "first_page": _line("首次出现在", fmt=lambda v: f"第 {v} 页"),
    "min": _line("至少应有"), "max": _line("至多允许"), "length": _line("实际字数"),
    "reason": _line("原因"), "raw": _line("原表所填", "quote", quote),
    "previous_path": _line("上年报告文件", fmt=_file_name),
    "previous_year": _line("上年报告年度", fmt=_year),
    "previous_cell": _previous_cells, "previous_cells": _previous_cells,
    "previous_value": _skip, "previous_values": _skip, "characters": _skip,  # shown with the cells / the share
    "cell": _this_cell,
    "share": _share,
    "passages": _line("相同的段落", "quote", lambda v: "；".join(quote(q) for q in v) if isinstance(v, list)
                      else quote(v)),
    "differences": _differences,
    "children": _line("已找到的下级机关报告", fmt=lambda v: "、".join(_file_name(p) for p in v) if isinstance(v, list)
                      else _plain(v)),
}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def evidence_lines(f: Finding, report: Report | None = None) -> list[EvidenceLine]:
    """The finding's evidence in Chinese, in the order the rule gave it; ``expression`` with ``parts`` is
    shown once, with the parts."""
    evidence = f.evidence if isinstance(f.evidence, dict) else {}
    out: list[EvidenceLine] = []
    compared = comparison_lines(f, report) if f.related else []
    for key, value in evidence.items():
        if compared and key in _COMPARED:
            out += compared  # once, where the rule put the first of these keys
            compared = []
            continue
        if f.related and key in _COMPARED:
            continue
        if _empty(value) and key != "cells":
            continue
        if key == "expression" and "parts" in evidence:
            continue
        if key == "text" and isinstance(value, str) and value and quote(value)[1:-1] in " ".join(f.message.split()):
            continue  # already quoted in the message
        render = RENDERERS.get(key)
        if render is None:
            out.append(EvidenceLine("其他信息", _plain(value)))
            continue
        out += list(render(value, evidence, report))
    return out


def unknown_keys(f: Finding) -> list[str]:
    """Evidence keys no renderer knows (tests require none for built-in rules)."""
    return [k for k in (f.evidence or {}) if k not in RENDERERS]


# --- where and what -----------------------------------------------------------------------------------------

def long_line(f: Finding, report: Report | None) -> bool:
    """Whether the finding sits on a line so long (a one-line web export) that a column number is useless."""
    if report is None or f.span is None or report.source_map is not None:
        return False
    line = report.position(f.span.start)[0]
    start = report.line_starts[line - 1]
    end = report.line_starts[line] if line < len(report.line_starts) else len(report.text)
    return end - start > LONG_LINE


def snippet(f: Finding, report: Report | None, width: int = QUOTE_WIDTH) -> str:
    """The original around the finding, the finding itself in 【】: ``……前文【原文】后文……`` on one line."""
    if report is None or f.span is None or not report.text:
        return ""
    start, end = f.span.start, min(f.span.end, f.span.start + 80)
    before = report.text[max(0, start - width):start]
    inside = report.text[start:end] + ("……" if f.span.end > end else "")
    after = report.text[end:end + width] if f.span.end <= end else ""

    def flat(text: str) -> str:
        return " ".join(text.replace("\t", " ").split())

    head = "……" if start - width > 0 else ""
    tail = "……" if end + width < len(report.text) else ""
    if not flat(inside):
        return ""
    return f"{head}{flat(before)}【{flat(inside)}】{flat(after)}{tail}"


def location(f: Finding, report: Report | None = None) -> str:
    """Where to look, as a reviewer says it: 第 3 页 / 第 12 行（第 5 列）, the part and table, and the cells."""
    parts: list[str] = []
    if f.page is not None:
        parts.append(f"第 {f.page} 页")
    if f.line is not None and report is not None and report.input_format == "docx":
        parts.append(f"第 {f.line} 段")  # the DOCX reader numbers paragraphs: Word has no line numbers
    elif f.line is not None and report is not None and report.input_format == "html":
        parts.append(f"网页源代码第 {f.line} 行")  # a reviewer finds the place by the quoted text
    elif f.line is not None and f.page is None:
        if f.column is not None and not long_line(f, report):
            parts.append(f"第 {f.line} 行第 {f.column} 列")
        else:
            parts.append(f"第 {f.line} 行")
    if f.section:
        parts.append(f"第{f.section}部分")
    if f.table is not None and not f.cells:
        parts.append(TABLE_NAMES.get(f.table, "统计表"))
    if f.cells:
        shown = [cell_label(c, report) for c in f.cells[:3]]
        more = f"等 {len(f.cells)} 个单元格" if len(f.cells) > 3 else ""
        parts.append("、".join(shown) + more)
    return "，".join(parts) or "全文"


def detail_lines(f: Finding, report: Report | None, with_location: bool = True) -> list[EvidenceLine]:
    """What every renderer shows under a finding's header, in this order: 位置, 原文 (the snippet) and the
    evidence (its own 原文 and 上下文 left out when the snippet already quotes the place)."""
    out = [EvidenceLine("位置", location(f, report))] if with_location else []
    quoted = snippet(f, report)
    if quoted:
        out.append(EvidenceLine("原文", quoted, "quote"))
    out += [line for line in evidence_lines(f, report) if not (quoted and line.label in ("原文", "上下文"))]
    return out


__all__ = [
    "EvidenceLine",
    "cell_label",
    "comparison_lines",
    "detail_lines",
    "evidence_lines",
    "location",
    "long_line",
    "snippet",
    "unknown_keys",
]
