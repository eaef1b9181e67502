"""Golden equivalence: every report's JSON findings and extracted cells equal the stored ones.

Protects the speed work (parse cache, worker processes, a second PDF engine, rewritten hot loops): none of it
may change a finding or a cell.  A change that means to alter outputs regenerates the file with
``python tests/golden/regen.py`` and the diff is reviewed with the change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))

from golden import GOLDEN, inputs, outputs

HINT = "outputs changed; if intended, run `python tests/golden/regen.py` and review the diff"


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_golden_covers_every_input(stored, shared):
    assert set(inputs()) == set(stored), HINT


@pytest.mark.parametrize("path", inputs())
def test_outputs_unchanged(path, stored):
    assert path in stored, HINT
    got = outputs([path])[path]
    assert got["check"] == stored[path]["check"], f"{path}: check {HINT}"
    assert got["extract"] == stored[path]["extract"], f"{path}: extract {HINT}"
