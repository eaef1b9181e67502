"""Web-page text exports that run table cells together: recovered only when the identities allow one split."""

from __future__ import annotations

import pytest

from xxgk_lint.core.build import build_report
from xxgk_lint.core.flattened import no_identity, split_digits, t3_identity, t4_identity

COLUMNS = ("natural", "commercial", "research", "social", "legal", "other", "total")


def row(table, row_id):
    return [table.cells[f"t3.{row_id}.{c}"].raw for c in COLUMNS]


def test_split_digits_unique_and_ambiguous():
    assert split_digits(["713000074"], 7, t3_identity(False)) == [["71", "3", "0", "0", "0", "0", "74"]]
    assert len(split_digits(["270020130"], 7, t3_identity(False))) == 2  # 27/0/0/2/0/1/30 and 2/7/0/0/20/1/30
    assert split_digits(["000"], 3, no_identity) == [["0", "0", "0"]]
    assert len(split_digits(["8855698"], 3, no_identity)) == 2  # limit: more than one is enough to refuse
    assert split_digits(["500000", "5"], 7, t3_identity(False)) == [["5", "0", "0", "0", "0", "0", "5"]]
    assert split_digits(["1234"], 7, t3_identity(False)) == []
    assert split_digits(["10203120001200000"], 15, t4_identity) == [
        ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]]


def test_pingtan_2022_table3_recovered_with_notes(shared):
    text = (shared / "corpus" / "pingtan-2022.txt").read_text(encoding="utf-8")
    report = build_report("pingtan-2022.txt", "text", text)
    t3 = report.tables[3]
    assert len(t3.cells) == 175 and not t3.unplaced
    # read off the export by hand: 一 713000074, 二 1000001, (一) 210000021, (二) 8100009, (四)1 370000037 …
    assert row(t3, "new") == ["71", "3", "0", "0", "0", "0", "74"]
    assert row(t3, "carried_over") == ["1", "0", "0", "0", "0", "0", "1"]
    assert row(t3, "result.disclosed") == ["21", "0", "0", "0", "0", "0", "21"]
    assert row(t3, "result.partial") == ["8", "1", "0", "0", "0", "0", "9"]
    assert row(t3, "result.withheld.internal_affairs") == ["1", "0", "0", "0", "0", "0", "1"]
    assert row(t3, "result.withheld.process_info") == ["2", "0", "0", "0", "0", "0", "2"]
    assert row(t3, "result.withheld.enforcement_file") == ["1", "0", "0", "0", "0", "0", "1"]
    assert row(t3, "result.unavailable.not_held") == ["37", "0", "0", "0", "0", "0", "37"]
    assert row(t3, "result.other.no_correction") == ["2", "0", "0", "0", "0", "0", "2"]
    assert row(t3, "result.other.other") == ["0", "2", "0", "0", "0", "0", "2"]
    assert row(t3, "result.total") == ["72", "3", "0", "0", "0", "0", "75"]
    assert row(t3, "carried_forward") == ["0"] * 7
    cell = t3.cells["t3.new.natural"]
    assert cell.provenance.note == "数字连写，按表内勾稽关系唯一拆分：713000074 → 71/3/0/0/0/0/74"
    assert report.text[cell.provenance.span.start:cell.provenance.span.end] == "71"
    assert report.text[t3.cells["t3.new.total"].provenance.span.start:][:2] == "74"
    t4 = report.tables[4]
    assert [t4.cells[f"t4.review.{c}"].raw for c in ("maintain", "correct", "other", "pending", "total")] == [
        "0", "1", "1", "0", "2"]
    assert t4.cells["t4.litigation_direct.total"].raw == "1"
    t2 = report.tables[2]
    assert [t2.cells[f"t2.rules.{c}"].raw for c in ("issued", "repealed", "in_force")] == ["0", "0", "0"]
    assert t2.cells["t2.license.decisions"].raw == "10690"
    assert t2.cells["t2.penalty.decisions"].raw == "2113"
    assert t2.cells["t2.enforcement.decisions"].raw == "0"
    assert t2.cells["t2.fee.amount"].value == 9116.36
    assert [u.raw for u in t2.unplaced] == ["8855698"]  # 行政规范性文件: several splits, never guessed
    assert "t2.normative.issued" not in t2.cells


def test_pingtan_2021_ambiguous_rows_settled_by_columns(shared):
    text = (shared / "corpus" / "pingtan-2021.txt").read_text(encoding="utf-8")
    t3 = build_report("pingtan-2021.txt", "text", text).tables[3]
    assert len(t3.cells) == 175 and not t3.unplaced
    assert row(t3, "result.disclosed") == ["27", "0", "0", "2", "0", "1", "30"]
    assert row(t3, "result.unavailable.not_held") == ["22", "0", "0", "0", "0", "3", "25"]
    assert "行、列勾稽关系" in t3.cells["t3.result.disclosed.natural"].provenance.note
    assert row(t3, "result.partial") == ["5", "0", "0", "0", "0", "0", "5"]  # "500000 5"
    assert row(t3, "result.withheld.three_safety") == ["0"] * 7  # label in quotes: 危及“三安全一稳定”
    assert row(t3, "result.total") == ["63", "0", "0", "2", "0", "4", "69"]


def test_ambiguous_row_without_column_evidence_stays_unplaced():
    text = ("一、总体情况\n略。\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量270020130"
            "二、上年结转政府信息公开申请数量0000000四、结转下年度继续办理0000000\n四、政府信息公开行政复议、行政诉讼情况\n")
    t3 = build_report("r.txt", "text", text).tables[3]
    assert "t3.new.natural" not in t3.cells
    assert [u.raw for u in t3.unplaced] == ["270020130"]
    assert "无法唯一确定" in t3.unplaced[0].reason


# Every table-3 row of both pingtan exports, read off the text by hand (rows not listed are all 0).
PINGTAN_T3 = {
    2021: {
        "new": "64/0/0/2/0/4/70", "result.disclosed": "27/0/0/2/0/1/30", "result.partial": "5/0/0/0/0/0/5",
        "result.withheld.internal_affairs": "1/0/0/0/0/0/1", "result.withheld.enforcement_file": "6/0/0/0/0/0/6",
        "result.withheld.inquiry": "1/0/0/0/0/0/1", "result.unavailable.not_held": "22/0/0/0/0/3/25",
        "result.other.other": "1/0/0/0/0/0/1", "result.total": "63/0/0/2/0/4/69", "carried_forward": "1/0/0/0/0/0/1",
    },
    2022: {
        "new": "71/3/0/0/0/0/74", "carried_over": "1/0/0/0/0/0/1", "result.disclosed": "21/0/0/0/0/0/21",
        "result.partial": "8/1/0/0/0/0/9", "result.withheld.internal_affairs": "1/0/0/0/0/0/1",
        "result.withheld.process_info": "2/0/0/0/0/0/2", "result.withheld.enforcement_file": "1/0/0/0/0/0/1",
        "result.unavailable.not_held": "37/0/0/0/0/0/37", "result.other.no_correction": "2/0/0/0/0/0/2",
        "result.other.other": "0/2/0/0/0/0/2", "result.total": "72/3/0/0/0/0/75",
    },
}
PINGTAN_T4 = {2021: "1/0/2/0/3/12/0/0/0/12/0/0/0/0/0", 2022: "0/1/1/0/2/1/0/0/0/1/0/0/0/0/0"}
PINGTAN_T2 = {  # 行政规范性文件 is run together with several possible splits in both years: unplaced
    2021: {"rules": "0/0/0", "license": "2293", "penalty": "1282", "enforcement": "42", "fee": "24252.311082"},
    2022: {"rules": "0/0/0", "license": "10690", "penalty": "2113", "enforcement": "0", "fee": "9116.36"},
}


@pytest.mark.parametrize("year", [2021, 2022])
def test_pingtan_every_cell(shared, year):
    from xxgk_lint.core.layouts import T2_ROWS_2021, T4_BLOCKS, t3_rows

    text = (shared / "corpus" / f"pingtan-{year}.txt").read_text(encoding="utf-8")
    report = build_report(f"pingtan-{year}.txt", "text", text)
    t2, t3, t4 = report.tables[2], report.tables[3], report.tables[4]
    for r in t3_rows("2021", False):
        assert "/".join(row(t3, r.id)) == PINGTAN_T3[year].get(r.id, "0/0/0/0/0/0/0"), r.id
    assert not t3.unplaced
    flat = [t4.cells[f"t4.{b.id}.{c.id}"].raw for b in T4_BLOCKS for c in b.columns]
    assert "/".join(flat) == PINGTAN_T4[year]
    for r in T2_ROWS_2021:
        got = [t2.cells[f"t2.{r.id}.{c.id}"].raw for c in r.columns if f"t2.{r.id}.{c.id}" in t2.cells]
        assert "/".join(got) == PINGTAN_T2[year].get(r.id, ""), r.id
    assert len(t2.unplaced) == 1
