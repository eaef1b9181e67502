"""Review files (waivers) and baselines: keyed by fingerprint, round-tripped through the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def findings(cwd: Path, *extra: str) -> tuple[int, dict]:
    out = xxgk("check", "report.txt", "--format", "json", *extra, cwd=cwd)
    return out.returncode, json.loads(out.stdout)


def test_review_file_next_to_the_report_waives_and_reports_stale(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    code, doc = findings(tmp_path)
    assert code == 1
    by_rule = {f["rule"]: f for f in doc["files"][0]["findings"]}
    review = {"version": 1, "report": "report.txt", "decisions": [
        {"fingerprint": by_rule["A301"]["fingerprint"], "decision": "waived", "reason": "已与单位核实，原表如此",
         "who": "审核员甲", "when": "2026-11-23T10:00:00+08:00", "rule": "A301"},
        {"fingerprint": by_rule["S101"]["fingerprint"], "decision": "confirmed", "rule": "S101"},
        {"fingerprint": "0000000000000000", "decision": "waived", "rule": "B101", "reason": "旧问题"},
    ]}
    (tmp_path / "report.txt.xxgk-review.json").write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    code, doc = findings(tmp_path)
    file = doc["files"][0]
    assert sorted(f["rule"] for f in file["findings"]) == ["A302", "A303", "B101", "S101", "S104"]
    assert file["suppressed"]["waived"][0]["reason"] == "已与单位核实，原表如此"
    assert [s["fingerprint"] for s in file["suppressed"]["stale_waivers"]] == ["0000000000000000"]
    assert doc["summary"]["waived"] == 1 and code == 1
    text = xxgk("check", "report.txt", cwd=tmp_path).stdout
    assert "过期的豁免 0000000000000000（B101）" in text and "已豁免 1 条" in text


def test_explicit_waiver_file_and_bad_waiver_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    _, doc = findings(tmp_path)
    decisions = [{"fingerprint": f["fingerprint"], "decision": "waived", "reason": "测试"}
                 for f in doc["files"][0]["findings"]]
    waivers = tmp_path / "elsewhere.json"
    waivers.write_text(json.dumps({"version": 1, "report": "report.txt", "decisions": decisions}), encoding="utf-8")
    code, doc = findings(tmp_path, "--waivers", str(waivers))
    assert code == 0 and doc["files"][0]["findings"] == [] and doc["summary"]["waived"] == 6
    waivers.write_text("{not json", encoding="utf-8")
    out = xxgk("check", "report.txt", "--waivers", str(waivers), cwd=tmp_path)
    assert out.returncode == 2 and f"{waivers}: 审核记录不是有效的 JSON" in out.stderr


def test_baseline_round_trip_fails_only_on_new_problems(tmp_path):
    report = tmp_path / "report.txt"
    text = (DATA / "sample-defects.txt").read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    out = xxgk("check", "report.txt", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert out.returncode == 1 and "已把 6 条问题写入基线" in out.stderr
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"report.txt"}
    code, doc = findings(tmp_path, "--baseline", "baseline.json")
    assert code == 0 and doc["summary"]["baselined"] == 6
    # an edit elsewhere keeps old problems hidden; a new problem fails the run
    report.write_text(text.replace("一、总体情况\n\n2023", "一、总体情况\n\n新增一段。\n\n2023").replace(
        "四、结转下年度继续办理\t\t0\t0\t0\t0\t1", "四、结转下年度继续办理\t\t0\t0\t0\t0\t2"), encoding="utf-8")
    code, doc = findings(tmp_path, "--baseline", "baseline.json")
    assert code == 1
    # new: the legal-services column (A301) and the carried-forward row sum (A303)
    assert sorted(f["rule"] for f in doc["files"][0]["findings"]) == ["A301", "A303"]
    # from another working directory the baseline still matches (paths relative to the baseline file)
    sub = tmp_path / "sub"
    sub.mkdir()
    out = xxgk("check", str(report), "--baseline", str(tmp_path / "baseline.json"), "--format", "json", cwd=sub)
    assert json.loads(out.stdout)["summary"]["baselined"] == 6
