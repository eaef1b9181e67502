"""Open and scroll a ~100-page report in the review TUI (headless), and print the times.

    python benchmarks/bench_review.py [COPIES]

The report is tests/data/sample-defects.txt repeated COPIES times (default 100: about 180,000 characters,
8,400 lines, 600 sections, 800 findings).  Plugins are loaded before the clock starts, as they are before
the first screen in ``xxgk review``.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

from textual.geometry import Region

from xxgk_lint.tui.app import ReviewApp
from xxgk_lint.tui.loading import Linter
from xxgk_lint.tui.screens.review import ReviewScreen
from xxgk_lint.tui.widgets.document import DocumentView

ROOT = Path(__file__).resolve().parent.parent


async def run(report: Path) -> None:
    linter = Linter()
    linter.host  # noqa: B018 — load the plugins before timing
    marks: dict[str, float] = {}
    preview, loaded = ReviewScreen.lint_progress, ReviewScreen.loaded

    def on_preview(self, done, total, linted):  # type: ignore[no-untyped-def]
        preview(self, done, total, linted)
        if linted is not None:
            marks.setdefault("text shown", time.perf_counter())

    def on_loaded(self, linted):  # type: ignore[no-untyped-def]
        loaded(self, linted)
        marks["findings shown"] = time.perf_counter()

    ReviewScreen.lint_progress, ReviewScreen.loaded = on_preview, on_loaded  # type: ignore[method-assign]
    start = time.perf_counter()
    app = ReviewApp(report, linter=linter, reviewer="bench")
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.session is not None
        for name, at in marks.items():
            print(f"{name}: {at - start:.2f} s")
        print(f"findings: {len(screen.session.findings)}")
        screen.enter_entry("report")
        await pilot.pause()
        document = screen.query_one(DocumentView)
        began = time.perf_counter()
        document.invalidate()
        screen.enter_entry("s0")
        screen.enter_entry("report")
        print(f"wrap the whole report ({document.row_count} rows): {time.perf_counter() - began:.3f} s")
        timings = []
        rng = random.Random(1)
        for _ in range(200):
            y = rng.randrange(document.row_count)
            began = time.perf_counter()
            document.scroll_to(y=y, animate=False, immediate=True)
            document.render_lines(Region(0, 0, document.size.width, document.size.height))
            timings.append(time.perf_counter() - began)
        timings.sort()
        print(f"draw a screenful at a random place: median {timings[100] * 1000:.1f} ms, "
              f"max {timings[-1] * 1000:.1f} ms")
        began = time.perf_counter()
        for _ in range(50):
            document.scroll_to(y=document.scroll_offset.y + document.size.height, animate=False, immediate=True)
            await pilot.pause()
        print(f"page down, whole screen redrawn: {(time.perf_counter() - began) / 50 * 1000:.0f} ms per page")
        began = time.perf_counter()
        for _ in range(50):
            await pilot.press("n")
        await pilot.pause()
        print(f"next finding (n), whole screen redrawn: {(time.perf_counter() - began) / 50 * 1000:.0f} ms")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    sample = (ROOT / "tests" / "data" / "sample-defects.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "big.txt"
        report.write_text("\n".join([sample] * copies), encoding="utf-8")
        text = report.read_text(encoding="utf-8")
        print(f"report: {len(text)} characters, {text.count(chr(10)) + 1} lines (~{len(text) // 1700} pages)")
        asyncio.run(run(report))


if __name__ == "__main__":
    main()
