"""Whole-corpus expectations on real published reports (tests/data/corpus, sources in tests/data/README.md).

Only the cross-year findings (K codes) are asserted: single-report findings on these files may change as other rules
improve. Every number below was checked by hand against the two files; the arithmetic is in tests/data/README.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "corpus"
HIERARCHY = CORPUS / "hierarchy-2022.csv"


def xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def cross_year() -> dict[str, list[dict]]:
    out = xxgk("check", str(CORPUS), "--select", "K", "--hierarchy", str(HIERARCHY), "--format", "json",
               "--no-config")
    assert out.returncode == 0, out.stderr  # warnings and notes only: the default --fail-on is error
    doc = json.loads(out.stdout)
    return {Path(f["path"]).name: f["findings"] for f in doc["files"]}


def test_pairing_of_the_real_corpus():
    listing = json.loads(xxgk("corpus", str(CORPUS), "--format", "json", "--no-config").stdout)
    previous = {Path(r["path"]).name: Path(r["previous"]).name if r["previous"] else None for r in listing}
    assert previous == {
        "pingtan-2020.txt": None, "pingtan-2021.txt": "pingtan-2020.txt", "pingtan-2022.txt": "pingtan-2021.txt",
        "pingtan-2023.txt": "pingtan-2022.txt",
        "pingtan-2024.txt": "pingtan-2023.txt", "pingtan-2025.txt": "pingtan-2024.txt",
        "pingtan-gonganju-2021.txt": None, "pingtan-gonganju-2022.txt": "pingtan-gonganju-2021.txt",
        "pingtan-caizhengjinrongju-2021.txt": None,
        "pingtan-caizhengjinrongju-2022.txt": "pingtan-caizhengjinrongju-2021.txt",
        "pingtan-caizhengjinrongju-2023.txt": "pingtan-caizhengjinrongju-2022.txt",
    }


def test_exactly_the_expected_cross_year_findings(cross_year):
    codes = {name: sorted((f["rule"], f["severity"]) for f in found) for name, found in cross_year.items()}
    assert codes == {
        "pingtan-2020.txt": [],  # no 2019 report in the folder
        "pingtan-2021.txt": [("K202", "info")],  # 2019 layout → 2021 layout: no comparable table-2 cells (K102/K103)
        "pingtan-2022.txt": [("K202", "info"), ("K301", "warning")],
        "pingtan-2023.txt": [("K202", "info")],
        "pingtan-2024.txt": [("K202", "info")],
        "pingtan-2025.txt": [("K202", "info")],
        "pingtan-gonganju-2021.txt": [],
        "pingtan-gonganju-2022.txt": [("K102", "warning")],
        "pingtan-caizhengjinrongju-2021.txt": [],
        "pingtan-caizhengjinrongju-2022.txt": [("K102", "warning"), ("K201", "warning")],
        "pingtan-caizhengjinrongju-2023.txt": [("K201", "info"), ("K201", "warning")],  # 8 + 0 − 0 = 8: no K102
    }


def _one(cross_year: dict[str, list[dict]], name: str, rule: str) -> dict:
    (finding,) = [f for f in cross_year[name] if f["rule"] == rule]
    return finding


def test_carry_over_holds_in_every_real_pair(cross_year):
    """K101 runs on every pair and finds nothing: 平潭 2020 结转 0 → 2021 上年结转 0 in every column (across the
    layout change); 2021 结转 自然人 1 / 总计 1 → 2022 上年结转 1 / 1 (平潭 and 公安局 alike); every other carry-over
    on both sides is 0 in every column."""
    assert not [f for found in cross_year.values() for f in found if f["rule"] == "K101"]


def test_regulatory_documents_chain_breaks_in_two_departments(cross_year):
    gaj = _one(cross_year, "pingtan-gonganju-2022.txt", "K102")
    assert ("上年现行有效 2 件 + 本年制发 4 件 − 本年废止 1 件 = 5 件，本年报告现行有效为 7 件，相差 2 件"
            in gaj["message"])
    assert gaj["related_locations"][0]["path"].endswith("pingtan-gonganju-2021.txt")
    czj = _one(cross_year, "pingtan-caizhengjinrongju-2022.txt", "K102")
    assert ("上年现行有效 3 件 + 本年制发 8 件 − 本年废止 0 件 = 11 件，本年报告现行有效为 8 件，相差 3 件"
            in czj["message"])


def test_copied_problems_section_of_the_finance_bureau(cross_year):
    copied = _one(cross_year, "pingtan-caizhengjinrongju-2022.txt", "K201")
    assert copied["section"] == "五"
    assert 0.5 <= copied["evidence"]["share"] < 0.7
    assert "全面梳理权责清单和公共服务事项产生的政府信息" in copied["evidence"]["passages"][0]
    # 2023 repeats 2022's 五 word for word (only the years change) and most of its 一
    again = {f["section"]: f for f in cross_year["pingtan-caizhengjinrongju-2023.txt"]}
    assert again["五"]["severity"] == "warning" and again["五"]["evidence"]["share"] == 1.0
    assert again["一"]["severity"] == "info" and 0.8 <= again["一"]["evidence"]["share"] < 1.0


def test_problems_dropped_from_one_year_to_the_next(cross_year):
    expected = {
        "pingtan-2022.txt": ["政务公开质量水平有待提高"],
        "pingtan-2023.txt": ["重大行政决策预公开程度需进一步加强"],
        "pingtan-2024.txt": ["部分单位信息发布属性界定还不够精确", "开拓创新不够有力"],
        "pingtan-2025.txt": ["政策解读形式仍需创新", "智能化、数字化手段运用还不够充分"],
    }
    # 2020 → 2021 (layout change): two of 2020's problems are dropped; “对于问题比较突出的部门”, the topic of 2020's
    # measure 四, is not one of them
    message_2021 = _one(cross_year, "pingtan-2021.txt", "K202")["message"]
    assert "基层政务公开标准化规范化水平有待进一步提升" in message_2021
    assert "各部门政府信息公开工作的开展还不够均衡" in message_2021
    assert "政务新媒体“政务”属性" not in message_2021  # 2021 returns to 政务新媒体
    assert "有 2 条" in message_2021 and "对于问题比较突出的部门" not in message_2021
    assert "以下几个方面" not in _one(cross_year, "pingtan-2024.txt", "K202")["message"]
    for name, problems in expected.items():
        message = _one(cross_year, name, "K202")["message"]
        assert f"有 {len(problems)} 条" in message, message
        assert all(p in message for p in problems), message


def test_parent_against_two_of_its_departments(cross_year):
    """平潭综合实验区 2022 is compiled from all its units; the folder holds only two of them (公安局, 财政金融局), so
    the parent's figures exceed their sum wherever the other units had requests or cases."""
    finding = _one(cross_year, "pingtan-2022.txt", "K301")
    differences = {d["cell"]: (d["value"], d["children_sum"]) for d in finding["evidence"]["differences"]}
    assert differences == {
        "t3.new.natural": (71, 2), "t3.new.commercial": (3, 0), "t3.new.total": (74, 2),
        "t3.result.total.natural": (72, 3), "t3.result.total.commercial": (3, 0), "t3.result.total.total": (75, 3),
        "t4.review.correct": (1, 0), "t4.review.other": (1, 0), "t4.review.total": (2, 0),
        "t4.litigation_direct.maintain": (1, 0), "t4.litigation_direct.total": (1, 0),
    }
    assert sorted(Path(r["path"]).name for r in finding["related_locations"]) == [
        "pingtan-caizhengjinrongju-2022.txt", "pingtan-gonganju-2022.txt"]
