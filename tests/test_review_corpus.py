"""The review TUI runs the corpus step of ``xxgk check``: a folder's reports are paired after they are linted
and their cross-year findings (K…) join each report's findings with the fingerprints ``xxgk check`` gives them;
``xxgk review FILE --previous LAST`` pairs one report by hand.  Real reports: tests/data/corpus (平潭 and two of
its departments, 2020–2025; see tests/data/README.md)."""

from __future__ import annotations

import asyncio
import functools
import json
import shutil
import subprocess
import sys
from multiprocessing import resource_tracker
from pathlib import Path

import pytest

from xxgk_lint.core.summary import summary_row
from xxgk_lint.tui.app import ReviewApp
from xxgk_lint.tui.loading import Linter
from xxgk_lint.tui.screens.folder import FolderScreen
from xxgk_lint.tui.screens.review import ReviewScreen

CORPUS = Path(__file__).parent / "data" / "corpus"
CAIZHENG_2023 = "pingtan-caizhengjinrongju-2023.txt"


def pilot_test(test):
    """Run an ``async def`` test (Textual's Pilot) without an async pytest plugin."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def make_app(path: Path, linter: Linter, jobs: int = 1) -> ReviewApp:
    if jobs > 1:  # started outside the app, as run_review does: under Textual stderr has no descriptor
        resource_tracker.ensure_running()
    return ReviewApp(path, linter=Linter(host=linter.host, jobs=jobs), reviewer="审核员甲")


async def settled(app, pilot, screen_type):
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, screen_type)
    return app.screen


def cells(table, key) -> list[str]:
    """A dashboard row as text: 发布机关, 年度, 格式, 错误, 警告, 提示, 已审核, 审核状态, 文件 (after the mark)."""
    return [str(c) for c in table.get_row(key)[1:]]


@pytest.fixture(scope="module")
def linter() -> Linter:
    shared = Linter()
    shared.host  # noqa: B018 — load the plugins once for the module
    return shared


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """A copy of the real corpus with the hierarchy named in ``[corpus]`` (so K301 runs too), as cwd."""
    folder = tmp_path / "平潭"
    shutil.copytree(CORPUS, folder)
    (folder / "xxgk.toml").write_text('[corpus]\nhierarchy = "hierarchy-2022.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def check_fingerprints(folder: Path, cwd: Path) -> dict[str, list[tuple[str, str]]]:
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", str(folder), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return {Path(f["path"]).name: sorted((x["rule"], x["fingerprint"]) for x in f["findings"])
            for f in json.loads(done.stdout)["files"]}


@pytest.mark.parametrize("jobs", [1, 2])
@pilot_test
async def test_folder_gets_the_cross_year_findings_of_xxgk_check(corpus, linter, jobs):
    app = make_app(corpus, linter, jobs)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settled(app, pilot, FolderScreen)
        assert not screen.corpus_pending
        found = {Path(k).name: sorted((f.rule, f.fingerprint) for f in linted.file.findings)
                 for k, linted in screen.results.items()}
        expected = check_fingerprints(corpus, corpus.parent)
        assert found == expected  # every finding, K… included, with xxgk check's fingerprints
        rules = {name: {rule for rule, _ in pairs} for name, pairs in found.items()}
        assert "K201" in rules[CAIZHENG_2023]  # its 五 repeats 2022's word for word
        assert "K301" in rules["pingtan-2022.txt"]  # parent against its two departments, from [corpus]
        assert not any(r.startswith("K") for r in rules["pingtan-2020.txt"])  # no previous year in the folder

        for k, linted in screen.results.items():  # 发布机关 and 年度 as xxgk summary writes them
            summary = summary_row(linted.file)
            assert cells(screen.query_one("#reports"), k)[:2] == [summary["发布机关"] or "—",
                                                                   str(summary["年度"] or "—")]
        key = str(corpus / CAIZHENG_2023)
        row = cells(screen.query_one("#reports"), key)
        assert row[:2] == ["平潭综合实验区财政金融局", "2023"]
        assert int(row[3]) + int(row[4]) + int(row[5]) == len(found[CAIZHENG_2023])  # counts include K201

        table = screen.query_one("#reports")
        table.move_cursor(row=table.get_row_index(key))
        await pilot.press("enter")
        review = await settled(app, pilot, ReviewScreen)
        assert "K201" in {f.rule for f in review.session.findings}

        review.action_reload()  # a re-check in the review screen keeps the pairing
        review = await settled(app, pilot, ReviewScreen)
        assert sorted((f.rule, f.fingerprint) for f in review.linted.file.findings) == found[CAIZHENG_2023]


@pilot_test
async def test_report_opened_before_the_pairing_is_told_it_is_running(corpus, linter):
    app = make_app(corpus, linter)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settled(app, pilot, FolderScreen)
        screen.corpus_pending = True  # as while the step runs
        screen.update_status()
        assert "跨年度核对进行中" in str(screen.query_one("#folder-status").render())
        screen.open(str(corpus / CAIZHENG_2023))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any("跨年度核对进行中" in n.message for n in app._notifications)


def test_single_report_with_previous(corpus, linter):
    this, last = corpus / CAIZHENG_2023, corpus / "pingtan-caizhengjinrongju-2022.txt"
    paired = Linter(host=linter.host, previous=last).lint(this)
    alone = Linter(host=linter.host).lint(this)
    assert "K201" in {f.rule for f in paired.file.findings}
    assert not any(f.rule.startswith("K") for f in alone.file.findings)
    shown = Linter(host=linter.host, previous=last).lint(this, lambda *_: None)  # the review screen's way
    assert [f.fingerprint for f in shown.file.findings] == [f.fingerprint for f in paired.file.findings]
    missing = Linter(host=linter.host, previous=corpus / "无此文件.txt").lint(this)
    assert any("--previous" in e.message for e in missing.errors)


def test_review_previous_needs_one_report(corpus):
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "review", str(corpus), "--previous",
                           str(corpus / CAIZHENG_2023)], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
    assert done.returncode == 2
    assert "--previous" in done.stderr
