"""Every text report rendered by LibreOffice to PDF and DOCX reads back to the same cells and findings.

Township reports are often typed as tab-separated text in Word and exported to PDF: no ruling lines, columns
only where the tab stops put them.  This renders each text report of ``tests/data`` and ``../shared`` with
``soffice --headless --convert-to pdf|docx`` once per session (cached by content under pytest's cache dir)
and requires, for each rendering, exactly the text's cells (raw text and meaning), the same findings, and
``xxgk extract`` agreeing cell by cell.

Findings are compared by rule and key (what the finding is about, as the fingerprint uses it) with whitespace
removed: the PDF reader writes no space between Chinese characters (glyph gaps in CJK PDFs are rarely
spaces), so a quote reads "2022年" where the text had "2022 年" and a clipped quote ends elsewhere.  One
difference is known and listed in ``KNOWN``: G101 leaves a clause alone when a space separates Chinese words
in it (a web page's breadcrumb, "首页政务公开政府信息公开政府信息公开年报 平潭…"); the PDF does not keep that
space, so G101 takes the breadcrumb's repeated 政府信息公开 for a doubled word there.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk_lint.core.runner import lint_paths

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FORMATS = ("pdf", "docx")
#: (file stem, format) → findings (rule, key without spaces) the rendering adds, each explained above.
KNOWN: dict[tuple[str, str], set[tuple[str, str]]] = {
    ("pingtan-2021", "pdf"): {("G101", "公开政府信息:首页政务公开政府信息公开政府信息公开年报")},
}


def _sources() -> list[Path]:
    found = sorted(DATA.glob("*.txt"))
    for folder in ("seeds", "corpus"):
        found += sorted((SHARED / folder).glob("*.txt"))
    return found


SOURCES = _sources()


@pytest.fixture(scope="session")
def rendered(request, tmp_path_factory) -> Path:
    """A folder with each source as .txt, .pdf and .docx (rendered once, reused while the sources are equal)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: CI installs libreoffice-writer-nogui (see .ci/run)")
        pytest.skip("soffice (LibreOffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    digest = hashlib.sha256()
    for path in SOURCES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider: render afresh
    root = Path(cache.mkdir("rendered-formats")) if cache is not None else tmp_path_factory.mktemp("rendered")
    folder = root / digest.hexdigest()[:16]
    done = folder / "done"
    if not done.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        for path in SOURCES:
            shutil.copyfile(path, folder / path.name)
        texts = [str(folder / p.name) for p in SOURCES]
        profile = folder / "profile"  # own LibreOffice profile: another soffice running must not take the job
        for fmt in FORMATS:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", fmt, "--outdir", str(folder),
                            *texts], check=True, capture_output=True, timeout=300)
        missing = [f"{p.stem}.{fmt}" for p in SOURCES for fmt in FORMATS if not (folder / f"{p.stem}.{fmt}").is_file()]
        assert not missing, f"LibreOffice did not render {missing}"
        done.write_text("ok")
    return folder


def _cells(report) -> dict[str, tuple[str, str]]:
    return {cid: (c.raw.strip(), c.semantic.name) for t in report.tables.values() for cid, c in t.cells.items()}


def _findings(path: Path, host, ruleset) -> collections.Counter:
    (result,) = lint_paths([path], host, ruleset).files
    return collections.Counter((f.rule, "".join(f.key.split())) for f in result.findings)


CASES = [pytest.param(p.stem, fmt, id=f"{p.stem}.{fmt}") for p in SOURCES for fmt in FORMATS]


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_rendering_reads_as_the_text(stem, fmt, rendered, host, national):
    text, other = rendered / f"{stem}.txt", rendered / f"{stem}.{fmt}"
    read = host.reader_for_extension
    want = read(".txt").read(text, text.read_bytes())
    got = read(f".{fmt}").read(other, other.read_bytes())
    assert _cells(got) == _cells(want)
    assert {k: len(t.unplaced) for k, t in got.tables.items()} == {k: len(t.unplaced) for k, t in want.tables.items()}
    known = KNOWN.get((stem, fmt), set())
    text_findings, other_findings = _findings(text, host, national), _findings(other, host, national)
    extra = other_findings - text_findings
    assert set(extra) == known, f"findings only in the {fmt}: {sorted(extra)}"
    assert not text_findings - other_findings, f"findings lost in the {fmt}: {sorted(text_findings - other_findings)}"


def _extracted(paths: list[Path]) -> dict[str, dict[str, tuple]]:
    out = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", *map(str, paths)],
                         capture_output=True, text=True, check=False)
    assert out.returncode in (0, 1), out.stderr
    files = json.loads(out.stdout)["files"]
    return {Path(f["path"]).stem: {c["id"]: (c["raw"].strip(), c["semantic"], c["value"])
                                   for t in f["tables"] for c in t["cells"]} for f in files}


def test_extract_agrees_cell_by_cell(rendered):
    """The installed command, as a user runs it: one call per format over all renderings."""
    stems = [p.stem for p in SOURCES]
    want = _extracted([rendered / f"{s}.txt" for s in stems])
    for fmt in FORMATS:
        got = _extracted([rendered / f"{s}.{fmt}" for s in stems])
        for stem in stems:
            assert got[stem] == want[stem], (stem, fmt)
