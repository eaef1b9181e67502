"""Throughput and start-up benchmark for plain-text reports.

Why this exists: xxgk-lint is meant to be run over whole folders of annual reports (a province publishes
thousands a year) and from editors and CI hooks, where start-up dominates.  This script puts numbers on both
so a change to a hot path (reading and decoding, structure and table extraction, rules) can be compared with
the figures in docs/performance.md instead of being guessed at.

What it does:

1. builds N report variants (default 500) in a temporary directory from the real text reports in
   ../shared (different years, issuing bodies, table figures, encodings, line endings, a duplicated
   paragraph, blank cells), deterministically from a fixed random seed;
2. lints them all in one process through the engine API, timing each file and the whole loop, then lints
   them again under tracemalloc to measure peak memory (tracemalloc slows Python down, so it is kept out of
   the timed pass);
3. times ``xxgk --version`` and ``xxgk check <one seed>`` as subprocesses.

Figures are reported against the targets, never asserted: the exit status is 0 whatever they are.

Run:  python benchmarks/bench_text.py [--reports N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import codecs
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from xxgk_lint.core.engine import ActiveRule
from xxgk_lint.core.model import FileResult
from xxgk_lint.core.plugins import PluginHost, load_plugins
from xxgk_lint.core.reporting import RunError
from xxgk_lint.core.ruleset import resolve_ruleset
from xxgk_lint.core.runner import active_rules, fewer_collections, lint_file

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the checkout
SOURCES: tuple[Path, ...] = (
    *sorted((SHARED / "seeds").glob("*.txt")),
    SHARED / "corpus" / "pingtan-2021.txt",
    SHARED / "corpus" / "pingtan-2022.txt",
)

TARGET_REPORTS_PER_S = 100.0
TARGET_VERSION_S = 0.3
VERSION_RUNS = 10
CHECK_RUNS = 5

# Share of variants that get each change (independently of each other).
P_GB18030 = 0.15
P_BOM = 0.10  # of the variants that stay UTF-8
P_CRLF = 0.20
P_DUPLICATE = 0.15
P_BLANK = 0.15
P_TITLE_YEAR_ONLY = 0.10  # only the title's year changes: a typical leftover from last year's report

COUNTIES = (
    "清河县", "永安市", "石门县", "东阳市", "平山县", "新安县", "临泉县",
    "长乐区", "龙湾区", "宽城满族自治县",
)
TOWNS = (
    "城关镇", "东坝乡", "青石镇", "龙泉街道", "河口乡", "白沙镇", "柳林镇", "南关街道", "大王庄乡", "西塘镇",
)

_TITLE = re.compile(
    r"^(?:标题[:：]\s*)?(?P<org>[^\s\d:：]{2,30}?)\s*(?P<year>20\d{2})\s*年度?\s*政府信息公开",
    re.MULTILINE,
)
_YEAR = re.compile(r"(?<!\d)20[12]\d(?!\d)")
_COUNT = re.compile(r"(?<![\d.])(\d{1,4})(?=\s*(?:件|篇|条|次|人次))")


@dataclass
class Variant:
    name: str
    source: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"
    crlf: bool
    changes: list[str] = field(default_factory=list)


@dataclass
class Figures:
    python: str
    platform: str
    cpu_count: int | None
    memory_gib: float | None
    xxgk_lint_version: str
    reports: int
    seed: int
    variants: dict[str, int]
    total_bytes: int
    loop_s: float
    reports_per_s: float
    median_ms: float
    p95_ms: float
    max_ms: float
    slowest: str
    findings: int
    findings_by_rule: dict[str, int]
    files_with_read_errors: int
    rule_errors: int
    tracemalloc_peak_mib: float
    maxrss_mib: float  # after the timed pass
    maxrss_after_tracemalloc_mib: float
    version_median_s: float | None
    version_min_s: float | None
    check_median_s: float | None
    check_exit_code: int | None
    targets: dict[str, str]


# --- building the variants -------------------------------------------------------------------------------


def _new_org(old: str, rng: random.Random) -> str:
    county, town = rng.choice(COUNTIES), rng.choice(TOWNS)
    if old.endswith("人民政府"):
        return f"{county}{town}人民政府"
    if old.endswith(("县", "区", "市")) or "实验区" in old:
        return county
    return f"{county}{town}" if len(old) > 5 else town


def _vary_years(text: str, rng: random.Random, changes: list[str]) -> str:
    m = _TITLE.search(text)
    delta = rng.choice((-3, -2, -1, 1, 2))
    if m is not None and rng.random() < P_TITLE_YEAR_ONLY:
        year = int(m.group("year")) + delta
        changes.append("title-year")
        return text[: m.start("year")] + str(year) + text[m.end("year"):]
    changes.append("years")
    return _YEAR.sub(lambda y: str(int(y.group()) + delta), text)


def _vary_org(text: str, rng: random.Random, changes: list[str]) -> str:
    m = _TITLE.search(text)
    if m is None:
        return text
    old = m.group("org")
    changes.append("org")
    return text.replace(old, _new_org(old, rng))


def _random_count(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return "0"
    if roll < 0.9:
        return str(rng.randint(1, 30))
    return str(rng.randint(31, 2000))


def _vary_cells(text: str, rng: random.Random, changes: list[str]) -> str:
    """New non-negative figures in tab-separated table cells (tab structure kept), some cells blanked."""
    share = rng.choice((0.0, 0.3, 1.0))  # untouched, a few cells, every figure
    blank = rng.random() < P_BLANK
    lines = text.split("\n")
    numeric = [(i, j) for i, line in enumerate(lines) if "\t" in line
               for j, cell in enumerate(line.split("\t")) if cell.strip().isdigit()]
    if not numeric:
        # Flattened text without separators: vary the counts written in the prose instead.
        if share:
            changes.append("prose-counts")
            return _COUNT.sub(lambda c: _random_count(rng) if rng.random() < share else c.group(1), text)
        return text
    targets: dict[tuple[int, int], str] = {}
    if share:
        changes.append("cells")
        targets.update({pos: _random_count(rng) for pos in numeric if rng.random() < share})
    if blank:
        changes.append("blank-cells")
        targets.update({pos: "" for pos in rng.sample(numeric, k=min(len(numeric), rng.randint(1, 4)))})
    for (i, j), value in targets.items():
        cells = lines[i].split("\t")
        cells[j] = value
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def _duplicate_paragraph(text: str, rng: random.Random, changes: list[str]) -> str:
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if "\t" not in line and len(line.strip()) >= 20]
    if not prose:
        return text
    i = rng.choice(prose)
    changes.append("duplicate-paragraph")
    return "\n".join([*lines[: i + 1], "", lines[i], *lines[i + 1:]])


def build_variants(directory: Path, count: int, seed: int) -> list[tuple[Path, Variant]]:
    rng = random.Random(seed)
    originals = [(p, p.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")) for p in SOURCES]
    out = []
    for n in range(count):
        source, text = originals[n % len(originals)] if n < len(originals) else rng.choice(originals)
        changes: list[str] = []
        text = _vary_years(text, rng, changes)
        text = _vary_org(text, rng, changes)
        text = _vary_cells(text, rng, changes)
        if rng.random() < P_DUPLICATE:
            text = _duplicate_paragraph(text, rng, changes)
        crlf = rng.random() < P_CRLF
        if crlf:
            text = text.replace("\n", "\r\n")
        utf8 = "utf-8-sig" if rng.random() < P_BOM else "utf-8"
        encoding = "gb18030" if rng.random() < P_GB18030 else utf8
        path = directory / f"{n:04d}_{source.stem}.txt"
        path.write_bytes(codecs.encode(text, encoding))
        out.append((path, Variant(path.name, source.name, encoding, crlf, changes)))
    return out


def describe(variants: list[Variant]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for v in variants:
        counts[f"encoding:{v.encoding}"] += 1
        counts["crlf"] += v.crlf
        counts.update(v.changes)
    return dict(sorted(counts.items()))


# --- measuring -------------------------------------------------------------------------------------------


def load_engine() -> tuple[PluginHost, list[ActiveRule]]:
    host = load_plugins()
    if host.errors:
        raise SystemExit(f"plugin errors: {host.errors}")
    known = {code: rule for code, (_, rule) in host.rules.items()}
    ruleset = resolve_ruleset("national", {p.stem: p for _, p in host.rulesets}, known)
    return host, active_rules(host, ruleset)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def maxrss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere


def total_memory_gib() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return None


def xxgk_command() -> str | None:
    beside = Path(sys.executable).parent / "xxgk"
    return str(beside) if beside.exists() else shutil.which("xxgk")


def time_command(argv: list[str], runs: int) -> tuple[list[float], int]:
    times: list[float] = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return times, code


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def run(count: int, seed: int) -> Figures:
    host, rules = load_engine()
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        built = build_variants(Path(tmp), count, seed)
        paths = [p for p, _ in built]
        total_bytes = sum(p.stat().st_size for p in paths)

        # Timed pass: results are kept, as `xxgk check DIR` keeps them for the report.
        errors: list[RunError] = []
        per_file: list[float] = []
        results: list[FileResult] = []
        loop_start = time.perf_counter()
        with fewer_collections():  # as lint_paths (and so `xxgk check DIR`) runs a batch
            for path in paths:
                start = time.perf_counter()
                results.append(lint_file(path, host, rules, errors))
                per_file.append(time.perf_counter() - start)
        loop_s = time.perf_counter() - loop_start
        rss = maxrss_mib()

        findings = Counter(f.rule for r in results for f in r.findings)
        read_errors = sum(1 for r in results if r.errors)
        results.clear()

        # Memory pass: the same work under tracemalloc, results kept again.
        tracemalloc.start()
        kept = [lint_file(path, host, rules, []) for path in paths]
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        rss_traced = maxrss_mib()

    command = xxgk_command()
    version_times: list[float] = []
    check_times: list[float] = []
    check_code: int | None = None
    if command is not None:
        version_times, _ = time_command([command, "--version"], VERSION_RUNS)
        check_times, check_code = time_command([command, "check", str(SOURCES[0])], CHECK_RUNS)

    rate = count / loop_s
    version_median = statistics.median(version_times) if version_times else None
    targets = {
        "reports_per_s": f">= {TARGET_REPORTS_PER_S:g}: {verdict(rate >= TARGET_REPORTS_PER_S)}",
        "version_startup_s": (f"<= {TARGET_VERSION_S:g}: "
                              + (verdict(version_median <= TARGET_VERSION_S) if version_median else "n/a")),
    }
    return Figures(
        python=platform.python_version(),
        platform=platform.platform(),
        cpu_count=os.cpu_count(),
        memory_gib=total_memory_gib(),
        xxgk_lint_version=importlib.metadata.version("xxgk-lint"),
        reports=count,
        seed=seed,
        variants=describe([v for _, v in built]),
        total_bytes=total_bytes,
        loop_s=loop_s,
        reports_per_s=rate,
        median_ms=statistics.median(per_file) * 1000,
        p95_ms=percentile(per_file, 95) * 1000,
        max_ms=max(per_file) * 1000,
        slowest=paths[per_file.index(max(per_file))].name,
        findings=sum(findings.values()),
        findings_by_rule=dict(sorted(findings.items())),
        files_with_read_errors=read_errors,
        rule_errors=len(errors),
        tracemalloc_peak_mib=peak / 1024**2,
        maxrss_mib=rss,
        maxrss_after_tracemalloc_mib=rss_traced,
        version_median_s=version_median,
        version_min_s=min(version_times) if version_times else None,
        check_median_s=statistics.median(check_times) if check_times else None,
        check_exit_code=check_code,
        targets=targets,
    )


def _seconds(value: float | None) -> str:
    return "n/a (xxgk not found)" if value is None else f"{value:.3f} s"


def print_figures(f: Figures) -> None:
    memory = f"{f.memory_gib:.1f} GiB" if f.memory_gib else "unknown"
    print(f"xxgk-lint {f.xxgk_lint_version} — Python {f.python} — {f.platform} — "
          f"{f.cpu_count} CPUs, {memory}")
    print(f"\n{f.reports} text reports ({f.total_bytes / 1024:.0f} KiB) from {len(SOURCES)} sources, "
          f"seed {f.seed}")
    print("  variants: " + ", ".join(f"{k} {v}" for k, v in f.variants.items()))
    print("\nOne process, engine API (load_plugins → resolve_ruleset → lint_file):")
    print(f"  loop                {f.loop_s:.3f} s")
    print(f"  throughput          {f.reports_per_s:.1f} reports/s   "
          f"(target ≥ {TARGET_REPORTS_PER_S:g}: {verdict(f.reports_per_s >= TARGET_REPORTS_PER_S)})")
    print(f"  per report          median {f.median_ms:.2f} ms, p95 {f.p95_ms:.2f} ms, "
          f"max {f.max_ms:.2f} ms ({f.slowest})")
    print(f"  findings            {f.findings} ("
          + ", ".join(f"{k} {v}" for k, v in f.findings_by_rule.items()) + ")")
    print(f"  files with read errors {f.files_with_read_errors} (expected 0); rule errors {f.rule_errors}")
    print(f"  memory              tracemalloc peak {f.tracemalloc_peak_mib:.1f} MiB (second pass); "
          f"process max RSS {f.maxrss_mib:.1f} MiB after the timed pass, "
          f"{f.maxrss_after_tracemalloc_mib:.1f} MiB after the tracemalloc pass")
    print("\nSubprocesses:")
    version = "n/a"
    if f.version_median_s is not None:
        version = verdict(f.version_median_s <= TARGET_VERSION_S)
    print(f"  xxgk --version      median {_seconds(f.version_median_s)}, min {_seconds(f.version_min_s)} "
          f"over {VERSION_RUNS} runs   (target ≤ {TARGET_VERSION_S:g} s: {version})")
    print(f"  xxgk check <seed>   median {_seconds(f.check_median_s)} over {CHECK_RUNS} runs "
          f"(exit code {f.check_exit_code}; 1 means findings, as expected)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=500, metavar="N",
                        help="number of report variants (default 500)")
    parser.add_argument("--seed", type=int, default=20261123, help="random seed for the variants")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    if args.reports < 1:
        parser.error("--reports must be at least 1")
    missing = [str(p) for p in SOURCES if not p.is_file()]
    if missing:
        parser.error(f"source reports missing: {', '.join(missing)}")
    figures = run(args.reports, args.seed)
    print_figures(figures)
    if args.json:
        print(json.dumps(asdict(figures), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
