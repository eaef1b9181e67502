"""`xxgk extract`: every cell with official labels and provenance, as JSON (schema-valid) and as CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((ROOT / "docs" / "extract.schema.json").read_text(encoding="utf-8"))


def xxgk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_json_validates_and_carries_official_labels(shared):
    out = xxgk("extract", str(shared / "seeds"), str(shared / "corpus" / "pingtan-2022.txt"))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    seed = by_name["001_2492965149b6bf76.txt"]
    assert seed["metadata"]["organization"] == "兴县圪塔上乡人民政府"
    assert seed["metadata"]["title_organization"] == "圪塔上乡"
    assert [s["number"] for s in seed["sections"]] == list("一二三四五六")
    assert seed["sections"][2]["line"] == 41
    cells = {c["id"]: c for t in seed["tables"] for c in t["cells"]}
    assert len(cells) == 10 + 175 + 15
    normative = cells["t2.normative.issued"]
    assert (normative["row"], normative["column"], normative["value"]) == (
        "第二十条第（一）项/行政规范性文件", "本年制发件数", 15)
    assert normative["provenance"]["line"] == 26
    blank = cells["t3.result.disclosed.natural"]
    assert (blank["row"], blank["column"], blank["value"], blank["raw"], blank["semantic"]) == (
        "三、本年度办理结果/（一）予以公开", "自然人", None, "", "empty")
    review = cells["t4.review.maintain"]
    assert (review["row"], review["column"]) == ("政府信息公开行政复议、行政诉讼情况", "行政复议/结果维持")
    pingtan = by_name["pingtan-2022.txt"]
    t2 = next(t for t in pingtan["tables"] if t["table"] == 2)
    assert [(u["raw"], u["provenance"]["line"]) for u in t2["unplaced"]] == [("8855698", 10)]
    t3 = {c["id"]: c for t in pingtan["tables"] if t["table"] == 3 for c in t["cells"]}
    assert t3["t3.new.natural"]["value"] == 71
    assert t3["t3.new.natural"]["note"].startswith("数字连写，按表内勾稽关系唯一拆分")


def test_csv_for_a_folder_has_bom_and_one_row_per_cell(shared, tmp_path):
    target = tmp_path / "汇总.csv"
    out = xxgk("extract", str(shared / "seeds"), "--format", "csv", "--output", str(target))
    assert out.returncode == 0, out.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["文件", "发布机关", "年度", "表", "行", "列", "数值", "类型", "原文", "编号", "说明", "上年报告"]
    assert len(rows) == 1 + 3 * (10 + 175 + 15)
    row = next(r for r in rows if r[9] == "t2.normative.issued" and r[0].endswith("002_2462a58060575dd3.txt"))
    assert row[1:8] == ["鲁山县土门办事处", "2023", "2", "第二十条第（一）项/行政规范性文件", "本年制发件数", "3",
                        "数字"]
    blanks = [r for r in rows if r[0].endswith("001_2492965149b6bf76.txt") and r[7] == "空白"]
    assert len(blanks) == 161 and all(r[6] == "" for r in blanks)


def test_unreadable_file_exit_2_others_still_extracted(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = xxgk("extract", str(bad), str(DATA / "compliant-2021.txt"))
    assert out.returncode == 2
    assert f"{bad}" in out.stderr and "文件为空" in out.stderr
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["files"][0]["errors"][0]["code"] == "empty" and doc["files"][0]["metadata"] is None
    assert doc["files"][1]["metadata"]["year"] == 2023


def test_output_cannot_be_an_input(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((DATA / "compliant-2021.txt").read_bytes())
    out = xxgk("extract", str(report), "--output", str(report))
    assert out.returncode == 2 and "输出文件不能是被读取的文件" in out.stderr
    assert report.read_bytes() == (DATA / "compliant-2021.txt").read_bytes()


def test_same_report_in_four_formats_gives_the_same_extracted_cells(host):
    from xxgk_lint.core.extract import file_extract
    from xxgk_lint.core.runner import read_paths

    formats = DATA / "formats"
    paths = [DATA / "sample-defects.txt", formats / "sample-defects.gen.html", formats / "sample-defects.docx",
             formats / "sample-defects.pdf"]
    result = read_paths(paths, host)
    extracted = []
    for file in result.files:
        assert not file.errors, file.errors
        doc = file_extract(file)
        extracted.append([(c["id"], c["row"], c["column"], c["value"], c["raw"], c["semantic"])
                          for t in doc["tables"] for c in sorted(t["cells"], key=lambda c: c["id"])])
        assert doc["metadata"]["organization"] == "示例镇人民政府"
    assert len(extracted[0]) == 200
    assert all(cells == extracted[0] for cells in extracted[1:])
    pdf_cell = next(c for t in file_extract(result.files[3])["tables"] for c in t["cells"])
    assert pdf_cell["provenance"]["page"] >= 1 and len(pdf_cell["provenance"]["bbox"]) == 4


CORPUS = DATA / "corpus"


def test_folder_extract_carries_the_pairing_of_xxgk_corpus():
    """Real reports of 平潭 and two departments (tests/data/README.md): each file says which body and year it was
    paired as and which report is its previous year's, exactly as ``xxgk corpus`` lists them."""
    out = xxgk("extract", str(CORPUS), cwd=ROOT)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, SCHEMA)
    pairing = {Path(f["path"]).name: f["pairing"] for f in doc["files"]}
    caizheng = pairing["pingtan-caizhengjinrongju-2023.txt"]
    assert (caizheng["body"], caizheng["year"], caizheng["from"]) == ("平潭综合实验区财政金融局", 2023, "标题")
    assert Path(caizheng["previous"]).name == "pingtan-caizhengjinrongju-2022.txt"
    assert (caizheng["previous_year"], caizheng["reason"]) == (2022, None)
    first = pairing["pingtan-2020.txt"]
    assert first["previous"] is None and "2019 年的报告" in first["reason"]
    listed = json.loads(xxgk("corpus", str(CORPUS), "--format", "json", cwd=ROOT).stdout)
    assert {Path(r["path"]).name: {k: v for k, v in r.items() if k != "path"} for r in listed} == pairing

    csv_out = xxgk("extract", str(CORPUS), "--format", "csv", cwd=ROOT)
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout.lstrip("\ufeff"))))
    previous = {(Path(r["文件"]).name, r["上年报告"]) for r in rows}
    assert ("pingtan-caizhengjinrongju-2023.txt", "tests/data/corpus/pingtan-caizhengjinrongju-2022.txt") in previous
    assert ("pingtan-2020.txt", "") in previous


def test_extract_pairs_file_overrides_and_a_broken_one_is_a_usage_error(tmp_path):
    for name in ("pingtan-2021.txt", "pingtan-2022.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    pairs = tmp_path / "配对.csv"
    pairs.write_text("body,year,path\n平潭县,2022,pingtan-2022.txt\n", encoding="utf-8")
    doc = json.loads(xxgk("extract", str(tmp_path), "--pairs", str(pairs), cwd=tmp_path).stdout)
    by_name = {Path(f["path"]).name: f["pairing"] for f in doc["files"]}
    assert by_name["pingtan-2022.txt"]["body"] == "平潭县" and by_name["pingtan-2022.txt"]["previous"] is None
    broken = xxgk("extract", str(tmp_path), "--pairs", str(tmp_path / "无此文件.csv"), cwd=tmp_path)
    assert broken.returncode == 2 and "无此文件.csv" in broken.stderr and "Traceback" not in broken.stderr
