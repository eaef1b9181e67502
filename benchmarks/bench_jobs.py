"""Folder throughput and parent memory of ``xxgk check -j N`` over 1 000 / 5 000 / 10 000 text reports.

Why this exists: a province checks thousands of reports at once.  Worker processes must use every core, and
the parent must not hold every report: with a reporter that needs only metadata (``--format json``) the parent
keeps findings, not texts and tables, so its peak RSS grows with the findings only.  Each run is a fresh
``xxgk check`` process (the CLI's own ``main``); its peak RSS (``ru_maxrss``) is the parent's, workers
excluded.  Figures are printed, never asserted.

Run:  python benchmarks/bench_jobs.py [--sizes 1000,5000,10000] [--jobs 1,2] [--format json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_text import build_variants

_MEASURE = """
import resource, sys
from xxgk_lint.core.cli import main
code = main(sys.argv[1:])
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"RSS {rss}", file=sys.stderr)
"""


def measure(folder: Path, jobs: int, fmt: str) -> tuple[float, float, int]:
    argv = [sys.executable, "-c", _MEASURE, "check", "--no-config", "--no-cache", "--format", fmt, "-j", str(jobs),
            "-o", os.devnull, str(folder)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    rss = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS "))
    return wall, rss / 1024, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--format", default="json")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="xxgk-jobs-") as tmp:
        base = Path(tmp, "all")
        base.mkdir()
        built = [p for p, _ in build_variants(base, max(sizes), args.seed)]
        for size in sizes:
            folder = Path(tmp, f"n{size}")
            folder.mkdir()
            for p in built[:size]:
                os.link(p, folder / p.name) if hasattr(os, "link") else shutil.copy(p, folder / p.name)
            for jobs in (int(j) for j in args.jobs.split(",")):
                wall, rss, code = measure(folder, jobs, args.format)
                row = {"reports": size, "jobs": jobs, "format": args.format, "wall_s": round(wall, 2),
                       "reports_per_s": round(size / wall, 1), "parent_maxrss_mib": round(rss, 1), "exit": code}
                rows.append(row)
                print(f"{size:>6} reports  -j {jobs}  {wall:7.1f} s  {size / wall:6.1f} reports/s  "
                      f"parent max RSS {rss:6.1f} MiB  (exit {code})", flush=True)
    print(json.dumps(rows, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
