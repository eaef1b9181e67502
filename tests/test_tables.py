"""Table extraction from the irregular shapes real text takes: rows found by labels, never by position alone."""

from __future__ import annotations

from pathlib import Path

from xxgk_lint.core.build import build_report
from xxgk_lint.core.layouts import t3_rows

DATA = Path(__file__).parent / "data"
TEXT = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")


def cells(text: str, table: int) -> dict[str, str]:
    report = build_report("r.txt", "text", text)
    return {cid: c.raw for cid, c in report.tables[table].cells.items()}


def test_compliant_report_all_cells():
    report = build_report("r.txt", "text", TEXT)
    assert len(report.tables[2].cells) == 10
    assert len(report.tables[3].cells) == 25 * 7
    assert len(report.tables[4].cells) == 15
    assert report.tables[2].cells["t2.fee.amount"].value == 36.5
    assert report.tables[3].cells["t3.result.withheld.third_party.natural"].value == 1
    assert report.tables[3].cells["t3.carried_forward.legal"].value == 1
    assert report.tables[4].cells["t4.litigation_direct.pending"].value == 1
    assert all(not t.unplaced for t in report.tables.values())


def test_one_cell_per_line():
    block = "规章\n0\n0\n0\n行政规范性文件\n4\n1\n37\n"
    text = TEXT.replace("规章\t0\t0\t0\n行政规范性文件\t4\t1\t37\n", block)
    got = cells(text, 2)
    assert (got["t2.rules.in_force"], got["t2.normative.issued"], got["t2.normative.in_force"]) == ("0", "4", "37")


def test_label_broken_over_lines_and_values_on_the_next():
    text = TEXT.replace("\t\t4. 无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0",
                        "\t\t4. 无正当理由大量反\n\t复申请\t0\t0\t0\t0\t0\t0\t2")
    got = cells(text, 3)
    assert got["t3.result.not_processed.mass_repeat.total"] == "2"
    assert got["t3.result.not_processed.confirm.total"] == "0"


def test_label_typo_spaces_and_full_width_brackets():
    text = TEXT.replace("2. 其他法律行政法规禁止公开\t0", "2. 其他法律行政止公开\t5")
    text = text.replace("(七) 总计", "（七）总 计").replace("(一) 予以公开", "（一）予 以 公 开")
    got = cells(text, 3)
    assert got["t3.result.withheld.prohibited_by_law.natural"] == "5"
    assert got["t3.result.total.total"] == "16"
    assert got["t3.result.disclosed.natural"] == "6"


def test_blank_cells_kept_in_their_columns():
    text = TEXT.replace("一、本年新收政府信息公开申请数量\t\t12\t3\t0\t0\t1\t0\t16\t",
                        "一、本年新收政府信息公开申请数量\t\t12\t\t0\t0\t1\t\t16\t")
    report = build_report("r.txt", "text", text)
    t3 = report.tables[3]
    assert t3.cells["t3.new.commercial"].semantic.value == "empty"
    assert t3.cells["t3.new.other"].semantic.value == "empty"
    assert t3.cells["t3.new.legal"].raw == "1"
    assert t3.cells["t3.new.total"].raw == "16"


def test_na_markers():
    text = TEXT.replace("规章\t0\t0\t0", "规章\t/\t—\t无")
    report = build_report("r.txt", "text", text)
    semantics = [report.tables[2].cells[f"t2.rules.{c}"].semantic.value for c in ("issued", "repealed", "in_force")]
    assert semantics == ["na", "na", "na"]


def test_2019_layout_with_single_other_row():
    lines = TEXT.splitlines()
    start = next(i for i, line in enumerate(lines) if "(六) 其他处理" in line)
    lines[start:start + 3] = ["\t(六) 其他处理\t1\t0\t0\t0\t0\t0\t1"]
    report = build_report("r.txt", "text", "\n".join(lines))
    t3 = report.tables[3]
    assert t3.layout == "2019"
    assert len(t3.cells) == 23 * 7
    assert t3.cells["t3.result.other.total"].value == 1
    assert {r.id for r in t3_rows("2019", False)} == {cid.rsplit(".", 1)[0][3:] for cid in t3.cells}


def test_2019_table2_layout_detected():
    t2_2019 = (
        "第二十条第（一）项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n"
        "规范性文件\t3\t3\t41\n第二十条第（五）项\t\t\t\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "行政许可\t120\t+14\t2315\n其他对外管理服务事项\t8\t-3\t60\n第二十条第（六）项\t\t\t\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t300\t0\t418\n行政强制\t20\t-1\t12\n"
        "第二十条第（八）项\t\t\t\n信息内容\t上一年项目数量\t本年增/减\t\n行政事业性收费\t15\t0\t\n"
        "第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t9\t251000元\t\n"
    )
    start = TEXT.index("第二十条第（一）项")
    end = TEXT.index("三、收到和处理")
    report = build_report("r.txt", "text", TEXT[:start] + t2_2019 + "\n" + TEXT[end:])
    t2 = report.tables[2]
    assert t2.layout == "2019"
    assert report.format_version.value == "2019"
    assert t2.cells["t2.license.change"].value == 14
    assert t2.cells["t2.other_services.change"].value == -3
    assert t2.cells["t2.procurement.amount"].value == 251000
    assert t2.cells["t2.fee.prev_count"].value == 15
    assert len(t2.cells) == 3 + 3 + 3 + 3 + 3 + 3 + 2 + 2


def test_subtotal_variant_has_eight_columns():
    lines = TEXT.splitlines()
    out = []
    for line in lines:
        parts = line.split("\t")
        numeric = [p for p in parts if p.isdigit()]
        if len(numeric) == 7 and "总计" not in line[:1]:
            idx = max(i for i, p in enumerate(parts) if p.isdigit())
            subtotal = sum(int(x) for x in numeric[1:6])
            parts.insert(idx, str(subtotal))
            line = "\t".join(parts)
        if "法律服务机构\t其他" in line:
            line = line.replace("法律服务机构\t其他", "法律服务机构\t其他\t小计")
        out.append(line)
    report = build_report("r.txt", "text", "\n".join(out))
    t3 = report.tables[3]
    assert "subtotal" in t3.variants
    assert t3.cells["t3.new.subtotal"].value == 4
    assert t3.cells["t3.new.total"].value == 16
    assert len(t3.cells) == 25 * 8


def test_table4_as_three_sub_tables():
    block = ("行政复议\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t0\t1\t2\n"
             "行政诉讼（未经复议直接起诉）\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t1\t1\n"
             "行政诉讼（复议后起诉）\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0\n")
    start = TEXT.index("行政复议\t")
    end = TEXT.index("五、存在的主要问题")
    got = cells(TEXT[:start] + block + "\n" + TEXT[end:], 4)
    assert got["t4.review.total"] == "2" and got["t4.litigation_direct.pending"] == "1"
    assert got["t4.litigation_after_review.total"] == "0"


def test_table4_wrong_count_is_unplaced_not_guessed():
    text = TEXT.replace("1\t0\t0\t1\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "1\t0\t0\t1\t2\t0\t0\t0\t1\t1")
    report = build_report("r.txt", "text", text)
    t4 = report.tables[4]
    assert not t4.cells
    assert [u.raw for u in t4.unplaced] == ["1", "0", "0", "1", "2", "0", "0", "0", "1", "1"]


def test_run_together_digits_are_never_split_silently(shared):
    text = (shared / "corpus" / "pingtan-2022.txt").read_text(encoding="utf-8")
    report = build_report("pingtan-2022.txt", "text", text)
    t3 = report.tables[3]
    assert all(c.provenance.note and c.provenance.note.startswith("数字连写") for c in t3.cells.values())
    # table 4 there is space-separated: read as it is, no note
    assert report.tables[4].cells["t4.review.total"].value == 2
    assert report.tables[4].cells["t4.review.total"].provenance.note is None


def test_page_numbers_inside_a_table_are_dropped():
    text = TEXT.replace("\t\t3. 危及“三安全一稳定”", "\n- 3 -\n\n— 4 —\n第 2 页 共 6 页\n\t\t3. 危及“三安全一稳定”")
    text = text.replace("四、结转下年度继续办理", "-5-\n四、结转下年度继续办理")
    report = build_report("r.txt", "text", text)
    t3 = report.tables[3]
    assert len(t3.cells) == 175 and not t3.unplaced
    assert t3.cells["t3.result.withheld.prohibited_by_law.total"].raw == "0"
    assert t3.cells["t3.result.total.total"].value == 16


def test_numbering_with_dun_comma_is_a_label_not_a_value():
    text = TEXT.replace("\t\t2. 申请人逾期未按", "\t\t2、申请人逾期未按").replace("3. 其他\t", "3、其他\t")
    report = build_report("r.txt", "text", text)
    t3 = report.tables[3]
    assert not t3.unplaced
    assert t3.cells["t3.result.other.unpaid_fee.total"].raw == "0"
    assert t3.cells["t3.result.other.other.natural"].raw == "0"


def test_prose_around_a_table_is_not_read_as_cells():
    text = TEXT.replace("五、存在的主要问题及改进情况\n", "").replace(
        "一、本年新收政府信息公开申请数量", "本年度共收到申请 16 件，办结 16 件。\n一、本年新收政府信息公开申请数量")
    report = build_report("r.txt", "text", text)
    assert len(report.tables[4].cells) == 15 and not report.tables[4].unplaced
    assert len(report.tables[3].cells) == 175 and not report.tables[3].unplaced


def test_table4_data_row_with_every_cell_blank():
    text = TEXT.replace("1\t0\t0\t1\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "\t" * 14)
    t4 = build_report("r.txt", "text", text).tables[4]
    assert len(t4.cells) == 15 and all(c.semantic.value == "empty" for c in t4.cells.values())


def test_blank_cells_written_one_field_per_column_carry_no_inference_note():
    text = TEXT.replace("\t(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\t1\t0\t0\t0\t0\t0\t1\t",
                        "\t(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\t1\t\t0\t0\t0\t0\t1")
    cell = build_report("r.txt", "text", text).tables[3].cells["t3.result.partial.commercial"]
    assert cell.semantic.value == "empty" and cell.provenance.note is None


def test_title_like_lines_find_leftover_titles(shared):
    from xxgk_lint.core.structure import title_like_lines
    from xxgk_lint.core.textnorm import fold

    text = fold((shared / "seeds" / "002_2462a58060575dd3.txt").read_text(encoding="utf-8"))
    found = [(org, year) for _, org, year in title_like_lines(text)]
    assert found == [("鲁山县土门办事处", 2023), ("土门社会事务综合服务中心", 2023)]
    assert title_like_lines(fold((shared / "corpus" / "pingtan-2022.txt").read_text(encoding="utf-8"))) == []


def test_2021_table2_stays_2021_when_prose_mentions_procurement():
    text = TEXT.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n\n全年公开政府集中采购信息 12 条。\n")
    report = build_report("r.txt", "text", text)
    assert report.tables[2].layout == "2021" and report.format_version.value == "2021"
    assert report.tables[2].cells["t2.license.decisions"].value == 2315
