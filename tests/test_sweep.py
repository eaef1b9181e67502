"""``xxgk check --executor dask``: a Dask cluster of 2 workers gives exactly the single-machine output."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from xxgk_lint.core.cli import main

DATA = Path(__file__).resolve().parent / "data"


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_local_cluster_and_scheduler_address_match_one_machine(shared):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    argv = ["check", "--format", "json", "--no-config", "--no-cache", str(DATA), str(shared)]
    local = _cli(argv)
    assert _cli([*argv, "--executor", "dask", "-j", "2"])[:2] == local[:2]  # a LocalCluster of 2 workers
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        assert _cli([*argv, "--executor", "dask", "--scheduler", cluster.scheduler_address])[:2] == local[:2]


def test_missing_dask_is_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    code, _, err = _cli(["check", "--executor", "dask", str(DATA / "compliant-2021.txt")])
    assert code == 2
    assert "pip install 'xxgk-lint[dask]'" in err and "Traceback" not in err


def test_scheduler_needs_the_dask_executor():
    code, _, err = _cli(["check", "--scheduler", "tcp://127.0.0.1:8786", str(DATA / "compliant-2021.txt")])
    assert code == 2 and "--executor dask" in err
