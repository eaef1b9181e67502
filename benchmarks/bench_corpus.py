"""Corpus benchmark: the cross-year step of ``xxgk check`` over a folder of 1,000 reports.

Why this exists: a city office checks every body's report against its previous year in one run, so pairing and
the cross-year rules must cost a small fraction of reading and linting the reports — never a comparison of
every report with every other (quadratic in the folder size).

What it does:

1. builds N reports (default 1,000) in a temporary directory from the real text reports in ../shared and
   tests/data: N/2 bodies (the body name in the report rewritten to 测试县N) with two consecutive years each,
   the second year's copy carrying edited figures and a rewritten paragraph, deterministically;
2. lints them all through the engine API (the single-report cost), then runs ``crossyear.check_corpus`` on the
   result (pairing + K rules) and times it separately; then times the pairing alone on 10× and 100× as many
   synthetic entries to show it grows linearly.

Figures are printed, never asserted.  Run:  python benchmarks/bench_corpus.py [--reports N]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

from xxgk_lint.core.config import CliOptions
from xxgk_lint.core.corpus import Entry, pair
from xxgk_lint.core.crossyear import check_corpus
from xxgk_lint.core.plugins import load_plugins
from xxgk_lint.core.runner import RuleResolver, lint_paths

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = [SHARED / "corpus" / "pingtan-2021.txt", SHARED / "corpus" / "pingtan-2022.txt",
           ROOT / "tests" / "data" / "compliant-2021.txt", ROOT / "tests" / "data" / "sample-defects.txt",
           *sorted((SHARED / "seeds").glob("*.txt"))]
NAMES = ("平潭综合实验区", "示例县人民政府", "示例镇人民政府", "武陟县小董乡人民政府", "小董乡", "圪塔上乡",
         "土门办事处", "示例县", "示例镇")
_YEAR = re.compile(r"20(1\d|2\d)")


def _variant(text: str, body: str, year: int, rng: random.Random, second: bool) -> str:
    """The report as body ``body`` would publish it for ``year``: names and years rewritten, the second year's
    figures nudged so some carry-over and chain checks really fail."""
    for old in NAMES:
        text = text.replace(old, body)
    text = _YEAR.sub(lambda m: str(year + (int(m.group()) - 2022 if int(m.group()) > 2022 else 0)), text)
    if second:
        text = re.sub(r"\t(\d)\t", lambda m: f"\t{(int(m.group(1)) + rng.randint(0, 1))}\t", text, count=3)
    return text


def build(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES if p.is_file()]
    for i in range(n // 2):
        base = texts[i % len(texts)]
        body = f"测试县{i:04d}"
        year = 2021 + i % 3
        (folder / f"{i:04d}-a.txt").write_text(_variant(base, body, year, rng, False), encoding="utf-8")
        (folder / f"{i:04d}-b.txt").write_text(_variant(base, body, year + 1, rng, True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    host = load_plugins()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder, args.reports, args.seed)
        resolver = RuleResolver(host, CliOptions(), discover_config=False)
        started = time.perf_counter()
        result = lint_paths([folder], host, resolver)
        lint_seconds = time.perf_counter() - started
        started = time.perf_counter()
        pairing = check_corpus(result, resolver)
        corpus_seconds = time.perf_counter() - started
    files = len(result.files)
    cross = [f for file in result.files for f in file.findings if f.category == "cross-year"]
    by_rule: dict[str, int] = {}
    for f in cross:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    print(f"reports: {files}, paired with their previous year: {len(pairing.previous)}")
    print(f"read + lint (single-report rules): {lint_seconds:.2f} s ({lint_seconds / files * 1000:.1f} ms/report)")
    print(f"corpus step (pairing + cross-year rules): {corpus_seconds:.2f} s "
          f"({corpus_seconds / max(1, len(pairing.previous)) * 1000:.2f} ms/pair), "
          f"{corpus_seconds / lint_seconds:.1%} of the lint time")
    print(f"cross-year findings: {len(cross)} {dict(sorted(by_rule.items()))}")
    for scale in (10_000, 100_000):
        entries = [Entry(f"{i}", f"测试县{i // 2}人民政府", 2021 + i % 2, "标题") for i in range(scale)]
        started = time.perf_counter()
        pairs = pair(entries)
        print(f"pairing alone, {scale} entries: {time.perf_counter() - started:.3f} s ({len(pairs.previous)} pairs)")


if __name__ == "__main__":
    main()
