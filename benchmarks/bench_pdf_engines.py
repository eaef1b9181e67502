"""Milliseconds per page for the two PDF engines against bare ``pdftotext`` (poppler), the practical floor.

Goal (issue 13, "Fast PDF path"): the fast engine (PDFium through pypdfium2) ≤ 3× ``pdftotext`` per page.
For every readable PDF in tests/data and ../shared, three figures, each the median of ``--rounds`` interleaved
runs of CPU time (``time.process_time``; wall time of the whole process for ``pdftotext``): the layout pass alone (the
engine), the whole PDF reader (layout pass + tables, lines, reading order: what ``xxgk`` pays per file), and
``pdftotext FILE -`` as a process.  Figures are printed, never asserted.  Run:
``python benchmarks/bench_pdf_engines.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from xxgk_lint.core.readers import ReadError
from xxgk_lint.plugins.readers.pdf import PdfReader
from xxgk_lint.plugins.readers.pdf.extract import load_pages
from xxgk_lint.plugins.readers.pdf.pdfium import available, load_pages_pdfium

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def readable_pdfs() -> list[tuple[Path, int]]:
    """PDFs both engines read (the refused ones are error paths, not throughput), with their page counts."""
    out = []
    for path in sorted([*(ROOT / "tests" / "data").rglob("*.pdf"), *SHARED.rglob("*.pdf")]):
        try:
            PdfReader("pdfminer").read(path, path.read_bytes())
        except ReadError:
            continue
        out.append((path, len(load_pages(path.read_bytes()))))
    return out


def cpu(run: Callable[[], object]) -> float:
    t0 = time.process_time()
    run()
    return time.process_time() - t0


def wall(run: Callable[[], object]) -> float:
    """For ``pdftotext``: a child's CPU time is counted in clock ticks (10 ms), too coarse for one page."""
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not available():
        raise SystemExit("pypdfium2 is not installed: pip install -e '.[fast]'")
    pdftotext = shutil.which("pdftotext")
    files = readable_pdfs()
    runs: dict[str, Callable[[Path, bytes], object]] = {
        "pdfminer layout": lambda p, d: load_pages(d),
        "pdfium layout": lambda p, d: load_pages_pdfium(d),
        "pdfminer reader": lambda p, d: PdfReader("pdfminer").read(p, d),
        "pdfium reader": lambda p, d: PdfReader("pdfium").read(p, d),
    }
    if pdftotext:
        runs["pdftotext"] = lambda p, d: subprocess.run([pdftotext, str(p), "-"], check=True, capture_output=True)
    for path, data in ((p, p.read_bytes()) for p, _ in files[:1]):  # warm imports and fonts
        for run in runs.values():
            run(path, data)
    totals: dict[str, list[float]] = {name: [] for name in runs}
    pages = sum(n for _, n in files)
    print(f"{len(files)} readable PDFs, {pages} pages; median of {args.rounds} rounds, CPU ms per page\n")
    print(f"{'file':46} {'pages':>5} " + " ".join(f"{name:>16}" for name in runs))
    for path, n in files:
        data = path.read_bytes()
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, run in runs.items():
                clock = wall if name == "pdftotext" else cpu
                samples[name].append(clock(lambda run=run, path=path, data=data: run(path, data)))
        medians = {name: statistics.median(s) for name, s in samples.items()}
        for name, m in medians.items():
            totals[name].append(m)
        shown = str(path.relative_to(path.parents[1]))
        print(f"{shown:46} {n:5} " + " ".join(f"{1000 * m / n:16.1f}" for m in medians.values()))
    per_page = {name: 1000 * sum(t) / pages for name, t in totals.items()}
    print(f"\n{'all (sum of medians / pages)':46} {pages:5} " + " ".join(f"{v:16.1f}" for v in per_page.values()))
    if pdftotext:
        floor = per_page["pdftotext"]
        for name in ("pdfminer layout", "pdfium layout", "pdfminer reader", "pdfium reader"):
            print(f"{name:>16}: {per_page[name] / floor:5.1f}× pdftotext")
    print(f"\nload average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
