"""The national table layouts: every row and column with its official label and canonical id.

Ids are stable across layouts where the meaning is the same (``t3.new.natural`` is the same cell in the 2019
and 2021 formats); docs/model.md documents the scheme.  Row ``keys`` are label keys (see
``core.textnorm.label_key``) that identify the row in real tables, where labels come with numbering, spaces,
line breaks and typos.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnDef:
    id: str
    label: str


@dataclass(frozen=True)
class RowDef:
    id: str
    label: str  # official label, group label first ("三、本年度办理结果/（一）予以公开")
    keys: tuple[str, ...]
    columns: tuple[ColumnDef, ...]


# --- Table 3 ---------------------------------------------------------------------------------------------

T3_COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef("natural", "自然人"),
    ColumnDef("commercial", "法人或其他组织/商业企业"),
    ColumnDef("research", "法人或其他组织/科研机构"),
    ColumnDef("social", "法人或其他组织/社会公益组织"),
    ColumnDef("legal", "法人或其他组织/法律服务机构"),
    ColumnDef("other", "法人或其他组织/其他"),
    ColumnDef("total", "总计"),
)
T3_SUBTOTAL = ColumnDef("subtotal", "法人或其他组织/小计")
T3_COLUMNS_SUBTOTAL: tuple[ColumnDef, ...] = (*T3_COLUMNS[:6], T3_SUBTOTAL, T3_COLUMNS[6])

_RESULT = "三、本年度办理结果"
_T3_ROWS_HEAD: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("new", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    ("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    ("result.disclosed", f"{_RESULT}/（一）予以公开", ("予以公开",)),
    ("result.partial", f"{_RESULT}/（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    ("result.withheld.state_secret", f"{_RESULT}/（三）不予公开/1.属于国家秘密", ("国家秘密",)),
    ("result.withheld.prohibited_by_law", f"{_RESULT}/（三）不予公开/2.其他法律行政法规禁止公开",
     ("其他法律行政法规禁止公开", "法律行政法规禁止公开")),
    ("result.withheld.three_safety", f"{_RESULT}/（三）不予公开/3.危及“三安全一稳定”", ("三安全一稳定",)),
    ("result.withheld.third_party", f"{_RESULT}/（三）不予公开/4.保护第三方合法权益", ("保护第三方合法权益",)),
    ("result.withheld.internal_affairs", f"{_RESULT}/（三）不予公开/5.属于三类内部事务信息", ("三类内部事务信息",)),
    ("result.withheld.process_info", f"{_RESULT}/（三）不予公开/6.属于四类过程性信息", ("四类过程性信息",)),
    ("result.withheld.enforcement_file", f"{_RESULT}/（三）不予公开/7.属于行政执法案卷", ("行政执法案卷",)),
    ("result.withheld.inquiry", f"{_RESULT}/（三）不予公开/8.属于行政查询事项", ("行政查询事项",)),
    ("result.unavailable.not_held", f"{_RESULT}/（四）无法提供/1.本机关不掌握相关政府信息",
     ("本机关不掌握相关政府信息", "不掌握相关政府信息")),
    ("result.unavailable.needs_creation", f"{_RESULT}/（四）无法提供/2.没有现成信息需要另行制作",
     ("没有现成信息需要另行制作",)),
    ("result.unavailable.unclear", f"{_RESULT}/（四）无法提供/3.补正后申请内容仍不明确", ("补正后申请内容仍不明确",)),
    ("result.not_processed.petition", f"{_RESULT}/（五）不予处理/1.信访举报投诉类申请", ("信访举报投诉类申请",)),
    ("result.not_processed.repeat", f"{_RESULT}/（五）不予处理/2.重复申请", ("重复申请",)),
    ("result.not_processed.publication", f"{_RESULT}/（五）不予处理/3.要求提供公开出版物", ("要求提供公开出版物",)),
    ("result.not_processed.mass_repeat", f"{_RESULT}/（五）不予处理/4.无正当理由大量反复申请",
     ("无正当理由大量反复申请",)),
    ("result.not_processed.confirm", f"{_RESULT}/（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
     ("要求行政机关确认或重新出具已获取信息",)),
)
_T3_ROWS_OTHER_2021: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("result.other.no_correction",
     f"{_RESULT}/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     ("申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "逾期不补正")),
    ("result.other.unpaid_fee",
     f"{_RESULT}/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     ("申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "缴纳费用")),
    ("result.other.other", f"{_RESULT}/（六）其他处理/3.其他", ("其他",)),
)
_T3_ROWS_OTHER_2019: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("result.other", f"{_RESULT}/（六）其他处理", ("其他处理",)),
)
_T3_ROWS_TAIL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("result.total", f"{_RESULT}/（七）总计", ("总计",)),
    ("carried_forward", "四、结转下年度继续办理", ("结转下年度继续办理", "结转下年度")),
)

#: Rows whose sum is （七）总计 (identity 2 of format.md §4), by layout.
T3_RESULT_LEAVES_2021 = tuple(r[0] for r in _T3_ROWS_HEAD[2:] + _T3_ROWS_OTHER_2021)
T3_RESULT_LEAVES_2019 = tuple(r[0] for r in _T3_ROWS_HEAD[2:] + _T3_ROWS_OTHER_2019)


def t3_rows(layout: str, subtotal: bool) -> tuple[RowDef, ...]:
    columns = T3_COLUMNS_SUBTOTAL if subtotal else T3_COLUMNS
    other = _T3_ROWS_OTHER_2019 if layout == "2019" else _T3_ROWS_OTHER_2021
    return tuple(RowDef(i, label, keys, columns) for i, label, keys in _T3_ROWS_HEAD + other + _T3_ROWS_TAIL)


# --- Table 2 ---------------------------------------------------------------------------------------------

_ISSUED_2021 = (ColumnDef("issued", "本年制发件数"), ColumnDef("repealed", "本年废止件数"),
                ColumnDef("in_force", "现行有效件数"))
_DECISIONS = (ColumnDef("decisions", "本年处理决定数量"),)
_ITEMS_2019 = (ColumnDef("prev_count", "上一年项目数量"), ColumnDef("change", "本年增/减"),
               ColumnDef("decisions", "处理决定数量"))

T2_ROWS_2021: tuple[RowDef, ...] = (
    RowDef("rules", "第二十条第（一）项/规章", ("规章",), _ISSUED_2021),
    RowDef("normative", "第二十条第（一）项/行政规范性文件", ("行政规范性文件", "规范性文件"), _ISSUED_2021),
    RowDef("license", "第二十条第（五）项/行政许可", ("行政许可",), _DECISIONS),
    RowDef("penalty", "第二十条第（六）项/行政处罚", ("行政处罚",), _DECISIONS),
    RowDef("enforcement", "第二十条第（六）项/行政强制", ("行政强制",), _DECISIONS),
    RowDef("fee", "第二十条第（八）项/行政事业性收费", ("行政事业性收费",),
           (ColumnDef("amount", "本年收费金额（单位：万元）"),)),
)

_MADE_2019 = (ColumnDef("made", "本年新制作数量"), ColumnDef("published", "本年新公开数量"),
              ColumnDef("total_published", "对外公开总数量"))
T2_ROWS_2019: tuple[RowDef, ...] = (
    RowDef("rules", "第二十条第（一）项/规章", ("规章",), _MADE_2019),
    RowDef("normative", "第二十条第（一）项/规范性文件", ("规范性文件",), _MADE_2019),
    RowDef("license", "第二十条第（五）项/行政许可", ("行政许可",), _ITEMS_2019),
    RowDef("other_services", "第二十条第（五）项/其他对外管理服务事项", ("其他对外管理服务事项",), _ITEMS_2019),
    RowDef("penalty", "第二十条第（六）项/行政处罚", ("行政处罚",), _ITEMS_2019),
    RowDef("enforcement", "第二十条第（六）项/行政强制", ("行政强制",), _ITEMS_2019),
    RowDef("fee", "第二十条第（八）项/行政事业性收费", ("行政事业性收费",), _ITEMS_2019[:2]),
    RowDef("procurement", "第二十条第（九）项/政府集中采购", ("政府集中采购",),
           (ColumnDef("projects", "采购项目数量"), ColumnDef("amount", "采购总金额"))),
)

#: Header labels that only one table-2 layout has.
T2_MARKERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
T2_MARKERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购")


# --- Table 4 ---------------------------------------------------------------------------------------------

T4_COLUMNS: tuple[ColumnDef, ...] = (
    ColumnDef("maintain", "结果维持"),
    ColumnDef("correct", "结果纠正"),
    ColumnDef("other", "其他结果"),
    ColumnDef("pending", "尚未审结"),
    ColumnDef("total", "总计"),
)
T4_BLOCKS: tuple[RowDef, ...] = (
    RowDef("review", "行政复议", ("行政复议",), T4_COLUMNS),
    RowDef("litigation_direct", "行政诉讼/未经复议直接起诉", ("未经复议直接起诉", "直接起诉"), T4_COLUMNS),
    RowDef("litigation_after_review", "行政诉讼/复议后起诉", ("复议后起诉",), T4_COLUMNS),
)
#: Operand columns whose sum is 总计 in each table-4 block.
T4_OPERANDS = ("maintain", "correct", "other", "pending")


def cell_id(table: int, row: str, column: str) -> str:
    return f"t{table}.{row}.{column}"


def layout_rows(table: int, layout: str, subtotal: bool = False) -> tuple[RowDef, ...]:
    """The official rows of a table layout (table 4: its three blocks)."""
    if table == 2:
        return T2_ROWS_2019 if layout == "2019" else T2_ROWS_2021
    if table == 3:
        return t3_rows(layout, subtotal)
    return T4_BLOCKS
