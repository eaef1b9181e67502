"""The bad-input matrix: every kind of broken or hostile file, through the installed ``xxgk check`` command,
with its expected exit status and error code, under loose time and memory bounds.  Big inputs are generated
in tmp_path at test time.  Real figures are recorded in docs/reliability.md (``python tests/test_bad_inputs.py``
prints them)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import pdf, text_page, xxe_docx, zip_bomb_docx

DATA = Path(__file__).parent / "data"
REPORT_PDF = DATA / "formats" / "compliant-2021.pdf"
#: Loose bounds for any single case (the real figures are far lower: docs/reliability.md).
MAX_SECONDS = 90
MAX_RSS_MB = 2500
#: The matrix runs with a short wall-time limit so the slow cases finish quickly.
CONFIG = "[limits]\nfile_seconds = 20\n"


def _random(n: int) -> bytes:
    return random.Random(n).randbytes(n)


def _nested_pdf() -> bytes:
    deep = b"[" * 100_000 + b"]" * 100_000
    dicts = b"<< /A " * 20_000 + b"1" + b" >>" * 20_000
    return pdf([text_page("nested")], extra_objects=[deep, dicts])


def _no_xref() -> bytes:
    data = REPORT_PDF.read_bytes()
    return data[:data.rindex(b"xref")] + b"%%EOF\n"


def _truncated(fraction: float) -> Callable[[], bytes]:
    return lambda: REPORT_PDF.read_bytes()[:int(len(REPORT_PDF.read_bytes()) * fraction)]


def _big_text(megabytes: int) -> Callable[[], bytes]:
    def make() -> bytes:
        line = "一、总体情况：本机关依法主动公开政府信息 12 条。\n".encode()
        return line * ((megabytes << 20) // len(line) + 1)
    return make


# name, file name, bytes, expected exit status, expected error codes (None: checked, no file error)
CASES: list[tuple[str, str, Callable[[], bytes], int, set[str] | None]] = [
    ("empty text file", "empty.txt", lambda: b"", 2, {"empty"}),
    ("0-byte PDF", "empty.pdf", lambda: b"", 2, {"empty"}),
    ("random binary named .txt", "random.txt", lambda: _random(65536), 2, {"binary", "encoding"}),
    ("random binary named .pdf", "random.pdf", lambda: _random(65536), 2, {"not-pdf"}),
    ("random binary named .docx", "random.docx", lambda: _random(65536), 2, {"unreadable"}),
    ("random binary named .html", "random.html", lambda: _random(65536), 2, {"binary", "encoding"}),
    ("UTF-16 without BOM", "utf16.txt", lambda: (DATA / "compliant-2021.txt").read_text("utf-8").encode("utf-16-le"),
     2, {"encoding", "binary"}),
    ("Latin-1 text", "latin1.txt", lambda: "Rapport annuel: données publiées, café\n".encode("latin-1") * 50,
     2, {"encoding", "no-text"}),
    ("NUL bytes in text", "nul.txt", lambda: (DATA / "compliant-2021.txt").read_bytes().replace("。".encode(), b"\0"),
     2, {"binary"}),
    ("200 MB text", "big.txt", _big_text(200), 2, {"limit-max_file_mb"}),
    ("50 MB single line", "line.txt", lambda: ("一、总体情况" + "字" * ((50 << 20) // 3)).encode(),
     2, {"limit-file_seconds"}),
    ("PDF truncated to 10 %", "cut10.pdf", _truncated(0.1), 2, {"truncated", "corrupt"}),
    ("PDF truncated to 50 %", "cut50.pdf", _truncated(0.5), 2, {"truncated", "corrupt"}),
    ("PDF truncated to 90 %", "cut90.pdf", _truncated(0.9), 2, {"truncated", "corrupt"}),
    ("PDF without xref", "noxref.pdf", _no_xref, 0, None),
    ("encrypted PDF", "encrypted.pdf", lambda: (DATA / "pdf" / "encrypted.pdf").read_bytes(), 2, {"encrypted"}),
    ("2,000-page PDF", "pages.pdf", lambda: pdf([text_page(f"page {i}") for i in range(2000)]),
     2, {"limit-pdf_pages"}),
    ("nested-object PDF", "nested.pdf", _nested_pdf, 1, None),
    ("Flate-bomb PDF", "flate.pdf", lambda: pdf([b"BT ET " + b" " * (200 << 20)]), 2, {"limit-pdf_stream_mb"}),
    ("zip-bomb DOCX", "bomb.docx", lambda: zip_bomb_docx(300), 2, {"limit-docx_member_mb"}),
    ("XXE DOCX", "xxe.docx", xxe_docx, 2, {"unreadable"}),
    ("HTML with 100k nested tags", "deep.html", lambda: b"<html><body>" + b"<form>" * 100_000 + b"x", 2,
     {"limit-html_depth"}),
    ("HTML with 100k nested table cells", "cells.html",
     lambda: b"<html><body>" + b"<table><tr><td>" * 33_000 + "一、总体情况".encode(), 1, None),
    ("HTML with 100k nested divs", "divs.html", lambda: b"<div>" * 100_000 + "一、总体情况".encode(), 1, None),
    ("HTML colspan=100000000", "span.html",
     lambda: '<table><tr><td colspan="100000000" rowspan="100000000">一、总体情况</td></tr></table>'.encode(), 1, None),
    ("unknown charset", "charset.html",
     lambda: b'<html><head><meta charset="x-no-such-charset"></head><body><p>'
             + "一、总体情况".encode() + b"</p></body></html>", 1, None),
]

_IDS = [c[0] for c in CASES]


_MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('peak-rss-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


def run_xxgk(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the installed command in a fresh wrapper process (whose only child it is, so the child's peak RSS
    is its own); returns it with wall seconds and peak RSS in MiB."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _MEASURE, "xxgk", *args], cwd=cwd, capture_output=True, text=True,
                         timeout=600)
    elapsed = time.perf_counter() - started
    rest, _, last = run.stderr.rstrip("\n").rpartition("\n")
    rss = int(last.split()[1]) / 1024 if last.startswith("peak-rss-kib") else 0.0
    return subprocess.CompletedProcess(run.args, run.returncode, run.stdout, rest), elapsed, rss


def _check(path: Path) -> tuple[int, set[str], dict, str, float, float]:
    run, elapsed, rss = run_xxgk("check", str(path), "--format", "json", cwd=path.parent)
    assert "Traceback" not in run.stderr, run.stderr
    doc = json.loads(run.stdout)
    (file,) = doc["files"]
    return run.returncode, {e["code"] for e in file["errors"]}, file, run.stderr, elapsed, rss


@pytest.mark.parametrize("name, filename, make, status, codes", CASES, ids=_IDS)
def test_bad_input(tmp_path, name, filename, make, status, codes):
    (tmp_path / "xxgk.toml").write_text(CONFIG, encoding="utf-8")
    path = tmp_path / filename
    path.write_bytes(make())
    before = path.read_bytes()[:4096], path.stat().st_size
    got_status, got_codes, file, stderr, elapsed, rss = _check(path)
    if codes is None:
        assert not file["errors"] and got_status in (0, 1), file["errors"]
    else:
        assert got_status == status and got_codes & codes, (got_codes, file["errors"])
        assert all(e["message"] for e in file["errors"])
        assert path.name in stderr  # the message names the file
    assert elapsed < MAX_SECONDS and rss < MAX_RSS_MB
    assert (path.read_bytes()[:4096], path.stat().st_size) == before  # never written to


def test_symlink_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop.txt")
    status, codes, file, _, _, _ = _check(loop)
    assert status == 2 and codes == {"unreadable"} and "符号链接" in file["errors"][0]["message"]


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes((DATA / "compliant-2021.txt").read_bytes())
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: a chmod 000 file is still readable (root bypasses permissions)")
    status, codes, _, _, _, _ = _check(path)
    assert status == 2 and codes == {"unreadable"}


def test_missing_path(tmp_path):
    status, codes, _, stderr, _, _ = _check(tmp_path / "没有这个文件.pdf")
    assert status == 2 and codes == {"not-found"} and "没有这个文件.pdf" in stderr


def test_path_with_spaces_and_chinese(tmp_path):
    folder = tmp_path / "某县 政务公开" / "2023 年 报告"
    folder.mkdir(parents=True)
    path = folder / "某县 人民政府 2023 年报.txt"
    path.write_bytes((DATA / "compliant-2021.txt").read_bytes())
    status, codes, file, _, _, _ = _check(path)
    assert status == 0 and not codes and file["path"].endswith("某县 人民政府 2023 年报.txt")


def test_one_bad_file_never_stops_the_others(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"")
    (tmp_path / "b.docx").write_bytes(xxe_docx())
    (tmp_path / "c.txt").write_bytes((DATA / "compliant-2021.txt").read_bytes())
    run, _, _ = run_xxgk("check", str(tmp_path), "--format", "json", cwd=tmp_path)
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert run.returncode == 2 and files["c.txt"]["report"] is not None and not files["c.txt"]["errors"]


if __name__ == "__main__":  # print the figures for docs/reliability.md
    import tempfile

    for name, filename, make, _, _ in CASES:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "xxgk.toml").write_text(CONFIG, encoding="utf-8")
            path = Path(folder) / filename
            path.write_bytes(make())
            status, codes, file, _, elapsed, rss = _check(path)
            print(f"| {name} | {status} | {', '.join(sorted(codes)) or '—'} | {elapsed:.1f} s | {rss:.0f} MiB |",
                  flush=True)
    sys.exit(0)
