"""The fast PDF engine (PDFium) gives exactly what pdfminer gives: the same cells and the same findings.

Every PDF of the test data and of the shared corpus is read and linted once per engine; reports must agree
cell by cell (id, raw text, value, and the whole cell with its page and box) and finding by finding (rule,
key, message), files that cannot be read must be refused with the same code and message, and reader notes must
agree.  There are no known exceptions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.core.cache import ParseCache
from xxgk_lint.core.config import CliOptions
from xxgk_lint.core.plugins import load_plugins
from xxgk_lint.core.runner import RuleResolver, lint_paths
from xxgk_lint.plugins.readers.pdf import PdfReader, default_engine
from xxgk_lint.plugins.readers.pdf.pdfium import available

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PDFS = sorted([*(ROOT / "tests" / "data").rglob("*.pdf"), *(SHARED.rglob("*.pdf") if SHARED.is_dir() else [])])

needs_pdfium = pytest.mark.skipif(not available(), reason="pypdfium2 is not installed (pip install 'xxgk-lint[fast]')")


def outcome(path: Path, engine: str) -> dict:
    host = load_plugins()
    result = lint_paths([path], host, RuleResolver(host, CliOptions()), reader_options={"pdf_engine": engine})
    (file,) = result.files
    report = file.report
    cells = [] if report is None else [
        (table_id, cell.id, cell.raw, cell.value, cell) for table_id, table in sorted(report.tables.items())
        for cell in sorted(table.cells.values(), key=lambda c: c.id)]
    return {
        "errors": [(e.code, e.message) for e in file.errors],
        "cells": cells,
        "findings": sorted((f.rule, f.key, f.message) for f in file.findings),
        "notes": [] if report is None else list(report.reader_notes),
    }


def test_corpus_is_found():
    assert len(PDFS) >= 10


@needs_pdfium
@pytest.mark.parametrize("path", PDFS, ids=[str(p.relative_to(p.parents[1])) for p in PDFS])
def test_same_cells_and_findings(path):
    slow, fast = outcome(path, "pdfminer"), outcome(path, "pdfium")
    assert fast == slow
    assert any(slow.values())  # something was actually compared


@needs_pdfium
def test_fast_engine_is_the_default_when_installed():
    assert default_engine() == "pdfium"
    assert PdfReader().engine == "pdfium"


def test_engine_is_part_of_the_cache_key(tmp_path):
    cache = ParseCache(load_plugins(), tmp_path)
    assert cache.key(PdfReader("pdfminer"), b"%PDF-1.4") != cache.key(PdfReader("pdfium"), b"%PDF-1.4")


def test_configure_sets_the_engine():
    reader = PdfReader("pdfminer")
    reader.configure({"pdf_engine": "pdfium"})
    assert reader.engine == "pdfium"


def test_asking_for_pdfium_without_it_is_a_usage_error(monkeypatch, capsys):
    import importlib.util

    from xxgk_lint.core.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    for command in ("check", "extract"):
        assert main([command, "--pdf-engine", "pdfium", str(PDFS[0])]) == 2
        err = capsys.readouterr().err
        assert "pip install 'xxgk-lint[fast]'" in err and "Traceback" not in err


@pytest.mark.parametrize("engine", ["pdfminer", *(["pdfium"] if available() else [])])
def test_engine_option_from_the_command_line(engine, capsys):
    import json

    from xxgk_lint.core.cli import main

    path = ROOT / "tests" / "data" / "pdf" / "compliant-2021-ruled.pdf"
    assert main(["extract", "--no-cache", "--pdf-engine", engine, str(path)]) == 0
    assert json.loads(capsys.readouterr().out)
