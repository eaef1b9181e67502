"""Chinese labels for the codes users would otherwise see: severities, categories, formats, cell kinds, dates.

Machine formats (JSON, SARIF, review files) keep the codes and ISO dates; everything a person reads goes through
these tables, so the CLI, the reporters, the memo and the TUI say the same thing.
"""

from __future__ import annotations

import datetime as dt

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

CATEGORY_LABELS = {
    "structure": "结构", "numbering": "编号", "table-missing": "缺表", "table-blank": "空白单元格",
    "table-arithmetic": "表内勾稽", "text-table": "文表一致", "narrative-arithmetic": "正文数字", "year": "年度",
    "organization": "机关名称", "date": "日期", "fee": "收费", "content": "内容", "typography": "标点排版",
    "format-version": "格式版本", "cross-year": "跨年度", "regional": "地方规定",
}

VERSION_LABELS = {"2021": "2021 年版", "2019": "2019 年试行版", "legacy": "旧版格式", "unknown": "未识别"}

#: what a table cell holds (``core.model.Semantic``), plus values that could not be placed in the grid
SEMANTIC_LABELS = {"number": "数字", "zero": "零", "empty": "空白", "na": "不适用（/、-、无）", "text": "文字",
                   "unplaced": "无法对应单元格"}

TABLE_NAMES = {2: "表二", 3: "表三", 4: "表四"}


def severity_label(value: str | None) -> str:
    return SEVERITY_LABELS.get(value or "", value or "—")


def category_label(value: str) -> str:
    """A third-party category without a label shows as 其他 rather than as an English identifier."""
    return CATEGORY_LABELS.get(value, "其他")


def table_caption(kind: int, layout: str) -> str:
    """``表三（2021 年版）``; table 4 has one layout in both formats, so it gets no qualifier."""
    name = TABLE_NAMES.get(kind, f"表{kind}")
    if kind == 4 or layout not in VERSION_LABELS:
        return name
    return f"{name}（{VERSION_LABELS[layout]}）"


def human_date(value: str | None) -> str:
    """``2024-03-31`` as ``2024年3月31日``; anything that is not an ISO date is returned unchanged."""
    if not value:
        return ""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.year}年{day.month}月{day.day}日"


def human_datetime(value: str | None) -> str:
    """An ISO timestamp (``2026-12-02T14:20:48+08:00``) as ``2026年12月2日 14:20``, in the time zone written."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return human_date(value)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour:02d}:{moment.minute:02d}"
