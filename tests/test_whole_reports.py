"""Every shared real report, linted with the national ruleset: exactly the findings a careful reviewer expects.

Each expected finding was checked by reading the report (the reason is in the comment); the list is complete:
a new false alarm or a lost finding fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.core.runner import lint_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"

EXPECTED: dict[str, list[tuple[str, int | str, str]]] = {
    "seeds/000_ea21bc616a0657b5.txt": [
        ("S104", 7, "error"),  # leftover title of the 2022 report
        ("S101", 9, "error"),  # 一、总体情况 a second time
        ("Y101", 11, "error"),  # 总体情况 opens "2022 年，…" in the 2023 report
        ("O102", 11, "error"),  # a 乡 writing 我镇
        ("P102", 19, "warning"),  # "500 余篇（其中 40 + 76 + 180 + 200 = 496）"
        ("O102", 21, "error"),  # 全镇
        ("Y103", 80, "error"),  # "针对 2023 年…年报中提出的…" inside the 2023 report
        ("O102", 80, "error"),  # 我镇
        ("S103", 86, "warning"),  # no sign-off
    ],
    "seeds/001_2492965149b6bf76.txt": [
        ("B101", 48, "error"),  # 161 blank cells in table 3
        ("O102", 90, "warning"),  # 镇干部 in a 乡 report
        ("C103", 94, "error"),  # 六 silent on 信息处理费 (2021 report)
        ("O102", 96, "warning"),  # 镇政府
        ("D101", 100, "error"),  # dated 2021-12-30, before the year ended
    ],
    "seeds/002_2462a58060575dd3.txt": [
        ("S104", 9, "error"),  # another body's title left in
        ("S101", 11, "error"),  # 一、总体情况 a second time
        ("O102", 15, "warning"),  # 乡主要领导 in a 办事处 report
        ("O102", 21, "warning"),  # 我镇
        ("C101", 82, "error"),  # 五 lists problems, no measures
        ("C103", 84, "error"),  # 六 is just "无": the fee status is not stated (2023 report)
        ("C102", 86, "error"),  # 六 is just "无"
        ("S103", 86, "warning"),  # no sign-off
    ],
    "corpus/pingtan-2021.txt": [
        ("G102", 10, "warning"),  # "信息公开,通过微信"
        ("G101", 10, "warning"),  # "审核审核"
        ("T110", 10, "warning"),  # 行政规范性文件 "693665": several splits, not guessed
        ("A201", 10, "warning"),  # fee "24252.311082" 万元: six decimals
        ("G102", 10, "warning"),  # "存在的主要问题:政策解读"
    ],
    "corpus/pingtan-2022.txt": [
        ("X101", 10, "warning"),  # prose 收到 75 vs table 74 new (75 = new + carried over)
        ("G101", 10, "warning"),  # "的的"
        ("T110", 10, "warning"),  # 行政规范性文件 "8855698"
    ],
    "corpus/shuyang-fagaiju-2023.html": [
        ("B101", 28, "error"),  # the 法人或其他组织 columns of table 3 left blank
    ],
    "corpus/huaian-2024.pdf": [
        ("S103", "p6", "warning"),  # no sign-off after section 六
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_of_a_real_report(name, host, national):
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    (result,) = lint_paths([path], host, national).files
    assert not result.errors
    got = [(f.rule, f.line if f.line is not None else f"p{f.page}", f.severity.value) for f in result.findings
           if not f.rule.startswith("EX")]  # the example plugin's rule, when installed, is not national
    assert got == EXPECTED[name], "\n".join(f"{f.rule} {f.line} {f.page} {f.message}" for f in result.findings)
