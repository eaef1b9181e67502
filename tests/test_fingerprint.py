"""Fingerprints identify a finding across re-runs and edits elsewhere in the file, never by line number."""

from __future__ import annotations

from pathlib import Path

from xxgk_lint.core.runner import lint_paths

DATA = Path(__file__).parent / "data"
TEXT = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")
BROKEN = TEXT.replace("(七) 总计\t\t13\t", "(七) 总计\t\t12\t").replace("规章\t0\t0\t0", "规章\t/\t0\t0")


def _fingerprints(tmp_path: Path, text: str, host, national) -> dict[str, str]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    findings = lint_paths([path], host, national).files[0].findings
    return {f.rule: f.fingerprint for f in findings}


def test_stable_across_runs_and_edits_elsewhere(tmp_path, host, national):
    first = _fingerprints(tmp_path, BROKEN, host, national)
    assert set(first) == {"A301", "A302", "A303", "B101"}
    assert _fingerprints(tmp_path, BROKEN, host, national) == first
    edited = BROKEN.replace("一、总体情况\n", "一、总体情况\n\n新增的一段说明文字。\n\n另一段。\n")
    assert _fingerprints(tmp_path, edited, host, national) == first


def test_different_problems_have_different_fingerprints(tmp_path, host, national):
    first = _fingerprints(tmp_path, BROKEN, host, national)
    other = BROKEN.replace("(七) 总计\t\t12\t3\t", "(七) 总计\t\t13\t2\t")
    second = _fingerprints(tmp_path, other, host, national)
    assert second["A301"] != first["A301"]  # the commercial column now, not the natural-person one
    assert second["A303"] == first["A303"]  # still the （七）总计 row
    assert second["B101"] == first["B101"]
