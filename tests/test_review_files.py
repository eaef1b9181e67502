"""Review files and baselines: atomic writes, a lock, three-way merge of decisions, corrupt files preserved."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
from pathlib import Path

import pytest

from xxgk_lint.core import waivers
from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.waivers import Decision, read_review, write_review

DATA = Path(__file__).parent / "data"


def _d(fp: str, when: str = "2026-01-01T00:00:00", decision: str = "waived") -> Decision:
    return Decision(fp, decision, "S101", "m", "理由", "甲", when)


def _writer(path: str, prefix: str, count: int) -> None:
    """A review session in its own process: reads, adds one decision, saves — ``count`` times."""
    target = Path(path)
    for i in range(count):
        _, decisions = read_review(target) if target.exists() else ("", {})
        decisions[f"{prefix}{i}"] = _d(f"{prefix}{i}")
        write_review(target, "r.txt", decisions.values())


def test_two_sessions_saving_at_once_lose_no_decision(tmp_path):
    path = tmp_path / "r.txt.xxgk-review.json"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(path), p, 40)) for p in ("a", "b", "c")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert all(w.exitcode == 0 for w in workers)
    assert set(read_review(path)[1]) == {f"{p}{i}" for p in "abc" for i in range(40)}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temporary files left


def test_merge_keeps_the_other_sessions_work_and_our_removals(tmp_path):
    path = tmp_path / "r.txt.xxgk-review.json"
    write_review(path, "r.txt", [_d("x"), _d("y")])
    _, mine = read_review(path)  # session A reads {x, y}
    waivers._seen.pop(waivers._key(path))
    write_review(path, "r.txt", [_d("x"), _d("y"), _d("z")])  # session B (another process) adds z
    waivers._seen[waivers._key(path)] = dict(mine)  # back to A's view
    del mine["x"]  # A resets x …
    mine["y"] = _d("y", "2026-01-02T00:00:00", "confirmed")  # … and confirms y
    write_review(path, "r.txt", mine.values())
    merged = read_review(path)[1]
    assert set(merged) == {"y", "z"} and merged["y"].decision == "confirmed"


def test_both_sessions_changing_one_decision_keep_the_later_one():
    base = {"x": _d("x")}
    theirs = {"x": _d("x", "2026-01-03T00:00:00", "confirmed")}
    ours = {"x": _d("x", "2026-01-02T00:00:00")}
    assert waivers.merge(base, theirs, ours)["x"].decision == "confirmed"
    assert waivers.merge(base, {"x": _d("x", "2026-01-01T00:00:01", "confirmed")}, ours)["x"].decision == "waived"


def test_corrupt_review_file_is_reported_preserved_and_the_report_still_linted(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    review = tmp_path / "r.txt.xxgk-review.json"
    review.write_text('{"decisions": [', encoding="utf-8")
    with pytest.raises(ConfigError):
        write_review(review, "r.txt", [_d("x")])
    assert review.read_text(encoding="utf-8") == '{"decisions": ['  # never overwritten
    run = subprocess.run(["xxgk", "check", str(report), "--format", "json"], capture_output=True, text=True)
    out = json.loads(run.stdout)
    assert out["files"][0]["findings"] and out["files"][0]["report"] is not None  # still linted
    assert any("审核记录不是有效的 JSON" in e["message"] for e in out["errors"])
    assert run.returncode == 2
    assert review.read_text(encoding="utf-8") == '{"decisions": ['
    assert sorted(p.name for p in tmp_path.iterdir()) == [".xxgk-review.lock", "r.txt", "r.txt.xxgk-review.json"]


def test_baseline_is_written_atomically_under_the_lock(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes((DATA / "sample-defects.txt").read_bytes())
    baseline = tmp_path / "baseline.json"
    baseline.write_text("old", encoding="utf-8")
    baseline.chmod(0o640)
    run = subprocess.run(["xxgk", "check", str(report), "--write-baseline", str(baseline)], capture_output=True)
    assert run.returncode == 1
    assert json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert baseline.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "r.txt.xxgk-review.json"
    write_review(path, "r.txt", [_d("x")])
    before = path.read_bytes()

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(waivers.os, "fsync", broken)
    with pytest.raises(OSError):
        write_review(path, "r.txt", [_d("x"), _d("y")])
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_review_session_keeps_a_file_that_went_bad_while_open(tmp_path, host, national):
    """The TUI's session reads the review file, someone breaks it, the next decision must not crash or overwrite."""
    from xxgk_lint.core.runner import active_rules, lint_file
    from xxgk_lint.tui.session import ReviewSession

    report = tmp_path / "报告.txt"
    report.write_text((DATA / "sample-defects.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = lint_file(report, host, active_rules(host, national), [])
    review = tmp_path / "报告.txt.xxgk-review.json"
    session = ReviewSession(report, result, review_file=review, reviewer="张三")
    first, second = session.findings[:2]
    session.confirm(first)
    assert not session.read_only
    review.write_text("{ broken", encoding="utf-8")
    session.waive(second, "理由")  # no exception
    assert session.read_only and "审核记录" in (session.load_error or "")
    assert review.read_text(encoding="utf-8") == "{ broken"
