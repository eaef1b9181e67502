"""The review folder screen with ``--jobs``: worker processes fill the rows in folder order, same results."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from xxgk_lint.tui.app import ReviewApp
from xxgk_lint.tui.loading import Linter
from xxgk_lint.tui.screens.folder import FolderScreen

DATA = Path(__file__).resolve().parent / "data"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "报告"
    (folder / "乡镇").mkdir(parents=True)
    shutil.copy(DATA / "sample-defects.txt", folder / "乡镇" / "a.txt")
    shutil.copy(DATA / "compliant-2021.txt", folder / "b.txt")
    shutil.copy(DATA / "legacy-2017.txt", folder / "c.txt")
    shutil.copy(DATA / "formats" / "seed-001.docx", folder / "d.docx")
    return folder


def test_lint_all_in_workers_equals_one_process(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    one = Linter()
    paths = one.files(folder)
    alone = list(one.lint_all(paths))
    pooled = list(Linter(jobs=2).lint_all(paths))
    assert [x.path for x in pooled] == [x.path for x in alone] == paths
    assert [x.file.findings for x in pooled] == [x.file.findings for x in alone]
    assert [x.rule_docs for x in pooled] == [x.rule_docs for x in alone]
    assert all(x.file.report is not None and x.file.report.text for x in pooled)  # the review screen reads them


def test_folder_screen_fills_rows_from_workers(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = {str(x.path): len(x.file.findings) for x in Linter().lint_all(Linter().files(folder))}

    async def run() -> dict[str, int]:
        app = ReviewApp(folder, linter=Linter(jobs=2), reviewer="审核员甲")
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, FolderScreen)
            return {key: len(linted.file.findings) for key, linted in screen.results.items()}

    assert asyncio.run(run()) == expected
