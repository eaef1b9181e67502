"""``xxgk memo``: the review memo (审核意见) from review files, as Markdown and as Word that our reader and
LibreOffice open."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xxgk_lint.plugins.readers.docx import render

DATA = Path(__file__).resolve().parent / "data"


def xxgk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=300)


@pytest.fixture()
def reviewed(tmp_path) -> Path:
    """A folder with the defects sample and its review file: A301 confirmed with a comment, S101 waived."""
    folder = tmp_path / "报告"
    folder.mkdir()
    report = folder / "示例镇2023年报.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    found = json.loads(xxgk("check", str(report), "--format", "json").stdout)["files"][0]["findings"]
    by_rule = {f["rule"]: f for f in found}
    decisions = [
        {"fingerprint": by_rule["A301"]["fingerprint"], "decision": "confirmed", "rule": "A301",
         "message": by_rule["A301"]["message"], "reason": "请核对申请台账，按实际数字更正表三", "who": "王审核",
         "when": "2026-12-02T14:20:48+08:00"},
        {"fingerprint": by_rule["S101"]["fingerprint"], "decision": "waived", "rule": "S101",
         "message": by_rule["S101"]["message"], "reason": "上年遗留，另行处理", "who": "王审核",
         "when": "2026-12-02T14:25:00+08:00"},
    ]
    review = folder / "示例镇2023年报.txt.xxgk-review.json"
    review.write_text(json.dumps({"version": 1, "report": report.name, "decisions": decisions}, ensure_ascii=False),
                      encoding="utf-8")
    return folder


OPTIONS = ("--office", "示例县人民政府办公室", "--reference", "示政公审〔2026〕3号", "--deadline", "2026-12-20",
           "--reviewer", "未用到的名字")


def test_markdown_memo_from_review_files(reviewed):
    out = xxgk("memo", str(reviewed), *OPTIONS)
    assert out.returncode == 0, out.stderr
    memo = out.stdout
    assert memo.startswith("# 关于《示例镇人民政府 2023 年政府信息公开工作年度报告》的审核意见\n")
    for line in ("示政公审〔2026〕3号", "- 报送单位：示例镇人民政府", "- 审核机关：示例县人民政府办公室",
                 "- 审核人：王审核", "- 整改期限：2026年12月20日"):
        assert line in memo, line
    assert "未用到的名字" not in memo  # the decisions name the reviewer
    assert "请于2026年12月20日前对照下列问题逐项整改" in memo
    fix = memo[memo.index("## 需要整改的问题"):memo.index("## 尚待核实的问题")]
    assert "### 1. 【错误】表三某列收支不平衡：一 + 二 ≠ 三（七）总计 + 四（A301）" in fix
    assert "- 问题说明：表三“自然人”列不平衡：一（12）+ 二（1）= 13" in fix
    assert "- 位置：第 63 行第 9 列，第三部分，表三“一、本年新收政府信息公开申请数量”行“自然人”列" in fix
    assert "- 原文：……" in fix and "【12】" in fix
    assert "  - 表三“（七）总计”行“自然人”列：12" in fix
    assert "- 审核意见：请核对申请台账，按实际数字更正表三（王审核，2026年12月2日 14:20）" in fix
    waived = memo[memo.index("## 经核实可不作修改的问题"):]
    assert ("| 1 | S101 | 六个部分不全、重复或顺序不对 | 第 10 行第 1 列，第一部分 | 上年遗留，另行处理 | "
            "王审核，2026年12月2日 14:25 |") in waived
    assert "2026-12-02" not in memo


def test_docx_memo_reads_back_with_our_reader(reviewed, tmp_path):
    target = tmp_path / "审核意见.docx"
    out = xxgk("memo", str(reviewed), *OPTIONS, "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert "已写入 1 份报告的审核意见" in out.stderr
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(z.namelist())
    text, _, _ = render(target.read_bytes())
    assert "关于《示例镇人民政府 2023 年政府信息公开工作年度报告》的审核意见" in text
    assert "整改期限：2026年12月20日" in text and "审核人：王审核" in text
    assert "审核意见：请核对申请台账，按实际数字更正表三（王审核，2026年12月2日 14:20）" in text
    assert "序号\t规则\t问题\t位置\t理由\t审核人" in text  # the waived table, one row a line
    assert "1\tS101\t六个部分不全、重复或顺序不对\t第 10 行第 1 列，第一部分\t上年遗留，另行处理" in text


def test_batch_memo_of_several_reports_and_an_unreadable_one(reviewed, tmp_path):
    (reviewed / "空.txt").write_bytes(b"")
    (reviewed / "另一份.txt").write_bytes((DATA / "compliant-2021.txt").read_bytes())
    target = tmp_path / "汇总.docx"
    out = xxgk("memo", str(reviewed), "-o", str(target))
    assert out.returncode == 2  # one file could not be read; the others still get their memo
    assert "空.txt" in out.stderr and "未生成审核意见" in out.stderr
    text, _, _ = render(target.read_bytes())
    assert text.count("的审核意见") == 2
    assert "经审核，未发现需要整改的问题。" in text


def test_usage_errors(reviewed):
    out = xxgk("memo", str(reviewed), "--format", "docx")
    assert out.returncode == 2 and "需要用 -o 指定输出文件" in out.stderr
    assert xxgk("memo", "--help").stdout.startswith("用法：xxgk memo")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_docx(reviewed, tmp_path):
    target = tmp_path / "审核意见.docx"
    assert xxgk("memo", str(reviewed), *OPTIONS, "-o", str(target)).returncode == 0
    profile = tmp_path / "lo-profile"  # a private profile: parallel runs do not share LibreOffice's lock
    out = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(target)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "审核意见.pdf"
    assert pdf.is_file(), out.stdout + out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    from pdfminer.high_level import extract_text

    text = extract_text(str(pdf))
    assert "审核意见" in text and "上年遗留" in text


def test_memo_of_a_folder_holds_the_cross_year_findings(tmp_path):
    """平潭 2021 and 2022 side by side: the memo carries K202 with last year's problem located in last year's file."""
    shared = DATA.parent.parent.parent / "shared" / "corpus"
    if not (shared / "pingtan-2022.txt").is_file():
        pytest.skip("shared corpus not available")
    for name in ("pingtan-2021.txt", "pingtan-2022.txt"):
        shutil.copy(shared / name, tmp_path / name)
    out = xxgk("memo", str(tmp_path))
    assert out.returncode == 0, out.stderr
    k202 = out.stdout.split("（K202）", 1)[1].split("###", 1)[0]
    assert "上年报告（pingtan-2021.txt 第 10 行）：第五部分“政务公开质量水平有待提高" in k202
    assert "本年报告：第五部分未说明以上问题的改进情况，也未再列出" in k202
