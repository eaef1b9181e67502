"""Reader throughput for HTML, DOCX and PDF reports, and PDF cost against bare pdfminer text extraction.

Targets (issue "Readers"): HTML and DOCX ≥ 50 reports/s in one process; linting a PDF ≤ 1.3× the time of
``pdfminer.high_level.extract_text`` on the same file.  Figures are printed, never asserted: timings on a
shared 2-core machine are too noisy to gate on.  Run: ``python benchmarks/bench_formats.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from xxgk_lint.core.plugins import load_plugins
from xxgk_lint.core.reporting import RunError
from xxgk_lint.core.ruleset import resolve_ruleset
from xxgk_lint.core.runner import active_rules, fewer_collections, lint_file

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FORMATS = ROOT / "tests" / "data" / "formats"


def rate(paths: list[Path], rounds: int) -> tuple[float, float]:
    """(reports/s, median ms per report) reading and linting ``paths`` ``rounds`` times in one process."""
    host = load_plugins()
    known = {code: rule for code, (_, rule) in host.rules.items()}
    rules = active_rules(host, resolve_ruleset("national", {p.stem: p for _, p in host.rulesets}, known))
    errors: list[RunError] = []
    times = []
    start = time.perf_counter()
    with fewer_collections():  # as lint_paths (and so `xxgk check DIR`) runs a batch
        for _ in range(rounds):
            for path in paths:
                t0 = time.perf_counter()
                result = lint_file(path, host, rules, errors)
                times.append(time.perf_counter() - t0)
                if result.errors:
                    raise SystemExit(f"{path}: {result.errors[0].message}")
    total = time.perf_counter() - start
    return len(times) / total, statistics.median(times) * 1000


def pdf_ratio(path: Path, rounds: int) -> tuple[float, float, float]:
    """(lint s, extract_text s, ratio) as medians over ``rounds`` alternating runs."""
    from pdfminer.high_level import extract_text

    host = load_plugins()
    known = {code: rule for code, (_, rule) in host.rules.items()}
    rules = active_rules(host, resolve_ruleset("national", {p.stem: p for _, p in host.rulesets}, known))
    lint_times, bare_times = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        extract_text(str(path))
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        lint_file(path, host, rules, [])
        lint_times.append(time.perf_counter() - t0)
    lint, bare = statistics.median(lint_times), statistics.median(bare_times)
    return lint, bare, lint / bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40, help="passes over the HTML/DOCX files")
    parser.add_argument("--pdf-rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}")
    html = sorted(FORMATS.glob("*.html")) + ([SHARED / "corpus" / "shuyang-fagaiju-2023.html"]
                                             if (SHARED / "corpus").is_dir() else [])
    docx = sorted(FORMATS.glob("*.docx"))
    for name, paths in (("HTML", html), ("DOCX", docx)):
        per_s, median = rate(paths, args.rounds)
        verdict = "PASS" if per_s >= 50 else "MISS"
        print(f"{name:5} {len(paths)} files × {args.rounds}: {per_s:6.1f} reports/s, median {median:.1f} ms"
              f"   (target ≥ 50/s: {verdict})")
    host = load_plugins()
    if host.reader_for_extension(".pdf") is None:
        print("PDF   no PDF reader installed")
        return 0
    pdfs = sorted(FORMATS.glob("*.pdf")) + ([SHARED / "corpus" / "huaian-2024.pdf"]
                                            if (SHARED / "corpus").is_dir() else [])
    for path in pdfs:
        lint, bare, ratio = pdf_ratio(path, args.pdf_rounds)
        verdict = "PASS" if ratio <= 1.3 else "MISS"
        print(f"PDF   {path.name:28} lint {lint * 1000:7.1f} ms, extract_text {bare * 1000:7.1f} ms, "
              f"ratio {ratio:.2f}   (target ≤ 1.3: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
