"""Analyse a folder of 50 real reports with ``xxgk check`` and in the review TUI's folder screen; print both.

    python benchmarks/bench_folder.py [RUNS]

The folder mixes every real report the repository can reach: ``../shared/seeds``, ``../shared/corpus``,
``tests/data`` (text), ``tests/data/corpus``, ``tests/data/formats`` (DOCX, HTML, PDF) and the real-layout
PDFs of ``tests/data/pdf``; text reports are copied again (with one trailing newline more, so the parse cache
does not take them for the first copy) until there are 50.  Both sides start cold: each run gets an empty
parse cache (``XXGK_CACHE_DIR``).

- ``xxgk check DIR --format json -j auto`` is timed as a subprocess, wall clock, output discarded;
- the TUI is ``ReviewApp(DIR)`` driven headless by ``App.run_test()`` with the jobs ``xxgk review`` uses by
  default (``-j auto``), timed from before the app (and its plugins) are created until the folder screen's
  ``finished`` — every row analysed.  It runs in this process, so Python's start-up (about 0.1 s, paid by
  ``xxgk check``) is not in its figure.

Each side is run RUNS times (default 3), alternating, and the median is printed with the load average.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual.worker import WorkerState

from xxgk_lint.core.pool import parse_jobs
from xxgk_lint.tui.app import ReviewApp
from xxgk_lint.tui.loading import Linter
from xxgk_lint.tui.screens.folder import FolderScreen

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REPORTS = 50
FORMATS = (".txt", ".html", ".docx", ".pdf")
REAL_PDFS = ("compliant-2021-borderless.pdf", "compliant-2021-ruled.pdf", "sample-defects-ruled.pdf")


def sources() -> list[Path]:
    """Every real report reachable from the repository, in a fixed order."""
    found: list[Path] = []
    for folder in (SHARED / "seeds", SHARED / "corpus", ROOT / "tests" / "data", ROOT / "tests" / "data" / "corpus",
                   ROOT / "tests" / "data" / "formats"):
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in FORMATS)
    found += [ROOT / "tests" / "data" / "pdf" / name for name in REAL_PDFS]
    return [p for p in found if p.is_file()]


def build(folder: Path) -> dict[str, int]:
    """Fill ``folder`` with REPORTS reports; returns the count by format."""
    reports = sources()
    texts = [p for p in reports if p.suffix == ".txt"]
    for i, path in enumerate(reports[:REPORTS]):
        shutil.copy(path, folder / f"{i:02d}-{path.parent.name}-{path.name}")
    for i in range(len(reports), REPORTS):
        path = texts[(i - len(reports)) % len(texts)]
        (folder / f"{i:02d}-copy-{path.name}").write_bytes(path.read_bytes() + b"\n" * (1 + i // len(texts)))
    counts: dict[str, int] = {}
    for path in folder.iterdir():
        counts[path.suffix] = counts.get(path.suffix, 0) + 1
    return counts


def time_check(folder: Path, cache: Path) -> float:
    env = {**os.environ, "XXGK_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "json", "-j", "auto"],
                          env=env, cwd=folder.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"xxgk check failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return took


async def _tui(folder: Path) -> tuple[float, int]:
    marks: dict[str, float] = {}
    finished = FolderScreen.finished

    def on_finished(self: FolderScreen) -> None:
        finished(self)
        marks["finished"] = time.perf_counter()

    FolderScreen.finished = on_finished  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = ReviewApp(folder, linter=Linter(jobs=parse_jobs("auto")), reviewer="bench")
        async with app.run_test(size=(160, 45)) as pilot:
            while "finished" not in marks:
                if any(w.state is WorkerState.ERROR for w in app.workers):
                    break  # run_test raises the worker's error on leaving
                await pilot.pause(0.02)
            screen = app.screen
            assert isinstance(screen, FolderScreen)
            analysed = len(screen.results)
            await app.workers.wait_for_complete()
    finally:
        FolderScreen.finished = finished  # type: ignore[method-assign]
    return marks["finished"] - start, analysed


def time_tui(folder: Path, cache: Path) -> float:
    os.environ["XXGK_CACHE_DIR"] = str(cache)
    took, analysed = asyncio.run(_tui(folder))
    if analysed != REPORTS:
        raise SystemExit(f"the folder screen analysed {analysed} of {REPORTS} reports")
    return took


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    os.chdir(tempfile.gettempdir())  # no project xxgk.toml on either side
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        counts = build(folder)
        print(f"folder: {REPORTS} reports ({', '.join(f'{n} {s[1:]}' for s, n in sorted(counts.items()))}); "
              f"jobs auto = {parse_jobs('auto')}; cores {os.cpu_count()}")
        check, tui = [], []
        for run in range(runs):
            check.append(time_check(folder, Path(tmp) / f"cache-check-{run}"))
            tui.append(time_tui(folder, Path(tmp) / f"cache-tui-{run}"))
            print(f"run {run + 1}: xxgk check {check[-1]:.2f} s, TUI folder screen {tui[-1]:.2f} s "
                  f"(load {os.getloadavg()[0]:.2f})")
        print(f"xxgk check DIR --format json -j auto: median {statistics.median(check):.2f} s")
        print(f"review TUI folder screen, every row analysed: median {statistics.median(tui):.2f} s")
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
