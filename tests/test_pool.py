"""``--jobs``: worker processes give exactly the single-process output, in input order; Ctrl-C stops cleanly."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xxgk_lint.core import runner
from xxgk_lint.core.cli import main
from xxgk_lint.core.config import CliOptions
from xxgk_lint.core.pool import Work, lint_stream, parse_jobs
from xxgk_lint.core.runner import RuleResolver, discover, lint_paths

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _cli(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    return code, out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_check_output_identical_to_one_process(shared, fmt):
    argv = ["check", "--format", fmt, "--no-config", str(DATA), str(shared)]
    one = _cli(argv)
    assert one[1] and (fmt == "text" or json.loads(one[1]))
    assert _cli([*argv, "-j", "2"]) == one
    assert _cli([*argv, "--jobs", "3"]) == one


def test_extract_output_identical_to_one_process(shared):
    argv = ["extract", str(DATA / "formats"), str(shared / "corpus")]
    one = _cli(argv)
    assert len(json.loads(one[1])["files"]) > 5
    assert _cli([*argv, "-j", "2"]) == one


def test_results_stream_in_input_order(host):
    items = list(discover([DATA], host.extensions))
    got = [file.path for file, _ in lint_stream(items, Work(CliOptions(None, None, ())), 2)]
    assert got == [file.path for file, _ in lint_stream(items, Work(CliOptions(None, None, ())), 1)]
    assert len(got) == len(items) > 10


def test_slim_results_keep_metadata_not_text(host, shared):
    resolver = RuleResolver(host, CliOptions(None, None, ()), discover_config=False)
    full = lint_paths([shared / "seeds"], host, resolver, jobs=2)
    slim = lint_paths([shared / "seeds"], host, resolver, jobs=2, keep_reports=False)
    assert [f.report.title for f in slim.files] == [f.report.title for f in full.files]
    assert all(f.report.text == "" and not f.report.tables for f in slim.files)
    assert all(f.report.tables for f in full.files)
    assert [f.findings for f in slim.files] == [f.findings for f in full.files]


@pytest.mark.parametrize("value,expected", [("1", 1), ("4", 4), (" auto ", None)])
def test_parse_jobs(value, expected):
    jobs = parse_jobs(value)
    assert jobs == expected if expected else jobs >= 1


@pytest.mark.parametrize("value", ["0", "-2", "many", ""])
def test_bad_jobs_is_a_usage_error(value, capsys):
    assert main(["check", "-j", value, str(DATA / "compliant-2021.txt")]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_interrupt_reports_what_finished(host, monkeypatch):
    real, calls = runner.lint_file, []

    def stop_on_third(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "lint_file", stop_on_third)
    resolver = RuleResolver(host, CliOptions(None, None, ()), discover_config=False)
    files = sorted(DATA.glob("*.txt"))
    result = lint_paths(files, host, resolver)
    assert len(result.files) == 2 and result.interrupted == len(files) - 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_ctrl_c_stops_workers_cleanly(tmp_path, shared):
    seed = sorted((shared / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    folder, cache = tmp_path / "reports", tmp_path / "cache"
    folder.mkdir()
    for n in range(600):  # distinct bytes: each file is one parse-cache entry, written as it is read
        (folder / f"r{n:04d}.txt").write_text(f"{seed}\n{n}\n", encoding="utf-8")
    xxgk = Path(sys.executable).with_name("xxgk")
    proc = subprocess.Popen([str(xxgk), "check", "--format", "json", "-j", "2", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "XXGK_CACHE_DIR": str(cache)})
    deadline = time.monotonic() + 120
    while len(list(cache.rglob("*.pickle"))) < 30 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)  # wait until the workers are well under way, however loaded the machine
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode != 130:
        pytest.skip(f"the run finished before Ctrl-C (exit {proc.returncode}) on this machine")
    assert "Traceback" not in err
    done = json.loads(out)["files"]
    assert f"已中断：已完成 {len(done)} 个文件，其余 {600 - len(done)} 个未处理" in err
    assert len(done) < 600
    assert [f["path"] for f in done] == [str(folder / f"r{n:04d}.txt") for n in range(len(done))]
