"""Long fuzz run: mutants of the real test inputs of every format, for as long as you let it run.

    python tools/fuzz.py --hours 4            # all formats
    python tools/fuzz.py --formats .docx .pdf --seed 7

Each mutant is linted through the Python API and must satisfy tests/fuzzing.py's property (a result or a
documented per-file error, no rule crash).  A failing input is saved under tests/data/fuzz/ (named by format
and content hash), where tests/test_fuzz.py keeps checking it as a regression input; the traceback goes to
tests/data/fuzz/<name>.txt for the person fixing it (delete that note with the fix).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import FUZZ, SEEDS, check_property, mutate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--formats", nargs="*", default=sorted(SEEDS))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stop = time.monotonic() + args.hours * 3600
    FUZZ.mkdir(parents=True, exist_ok=True)
    runs = crashes = 0
    slowest = (0.0, "")
    print(f"fuzz: seed {args.seed}, formats {' '.join(args.formats)}, {args.hours} h", flush=True)
    while time.monotonic() < stop:
        suffix = rng.choice(args.formats)
        case_seed = rng.randrange(2**32)
        data = mutate(suffix, random.Random(case_seed))
        started = time.perf_counter()
        try:
            check_property(data, suffix)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                break
            crashes += 1
            name = f"{suffix[1:]}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
            (FUZZ / name).write_bytes(data)
            (FUZZ / f"{name}.txt").write_text(f"case seed {case_seed}\n{traceback.format_exc()}", encoding="utf-8")
            print(f"fuzz: CRASH {name}: {type(exc).__name__}: {str(exc)[:200]}", flush=True)
        elapsed = time.perf_counter() - started
        if elapsed > slowest[0]:
            slowest = (elapsed, f"{suffix} case seed {case_seed}")
        runs += 1
        if runs % 500 == 0:
            print(f"fuzz: {runs} inputs, {crashes} crashes, slowest {slowest[0]:.2f} s ({slowest[1]})", flush=True)
    print(f"fuzz: done: {runs} inputs, {crashes} crashes, slowest {slowest[0]:.2f} s ({slowest[1]})", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
