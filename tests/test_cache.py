"""Parse cache: an unchanged file is not read again; corrupted, stale or foreign entries are never trusted."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from xxgk_lint.core import cache as cache_module
from xxgk_lint.core.cache import ParseCache
from xxgk_lint.core.cli import main

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("XXGK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("sample-defects.txt", "compliant-2021.txt", "formats/seed-001.docx", "formats/seed-000.pdf"):
        shutil.copy(DATA / name, folder / Path(name).name)
    return folder


def _check(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--format", "json", "--no-config", *args])
    return out.getvalue()


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.pickle"))


def _refuse_reading(monkeypatch, host_readers) -> list[str]:
    """Make every reader fail loudly; returns the names of files a reader was asked to read."""
    asked: list[str] = []
    for reader in host_readers:
        def read(path, data, _real=reader.read):
            asked.append(Path(path).name)
            return _real(path, data)
        monkeypatch.setattr(reader, "read", read)
    return asked


def test_second_run_reads_nothing_and_reports_the_same(cache_dir, reports, host, monkeypatch):
    first = _check(str(reports))
    assert len(_entries(cache_dir)) == 4
    monkeypatch.setattr("xxgk_lint.core.plugins.load_plugins", lambda: host)
    monkeypatch.setattr("xxgk_lint.core.cli.load_plugins", lambda: host, raising=False)
    asked = _refuse_reading(monkeypatch, [r for _, r in host.readers])
    second = _check(str(reports))
    assert second == first
    assert asked == []
    assert _check("--no-cache", str(reports)) == first
    assert len(asked) == 4


def test_parallel_run_uses_and_fills_the_same_cache(cache_dir, reports):
    first = _check("-j", "2", str(reports))
    assert len(_entries(cache_dir)) == 4
    assert _check(str(reports)) == first == _check("--no-cache", str(reports))


def test_no_cache_writes_nothing(cache_dir, reports):
    _check("--no-cache", str(reports))
    assert not _entries(cache_dir)


def _corrupt(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    os.chmod(path, 0o600)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-key", "not-a-report", "empty"])
def test_damaged_entries_are_ignored_and_replaced(cache_dir, reports, damage):
    first = _check(str(reports))
    entries = _entries(cache_dir)
    victim, other = entries[0], entries[1]
    if damage == "garbage":
        _corrupt(victim, b"\x80\x05not a pickle at all")
    elif damage == "truncated":
        _corrupt(victim, victim.read_bytes()[: victim.stat().st_size // 2])
    elif damage == "other-key":  # a valid entry of another file under this key: stale, never trusted
        _corrupt(victim, other.read_bytes())
    elif damage == "not-a-report":
        _corrupt(victim, pickle.dumps((victim.stem, {"text": "伪造"})))
    else:
        _corrupt(victim, b"")
    assert _check(str(reports)) == first
    key, report = pickle.loads(victim.read_bytes())  # rewritten with a good entry
    assert key == victim.stem and report.text


def test_entries_others_could_write_are_not_loaded(cache_dir, reports, host):
    _check(str(reports))
    cache = ParseCache(host, cache_dir)
    reader = host.reader_for_extension(".txt")
    data = (reports / "compliant-2021.txt").read_bytes()
    assert cache.get(reader, data) is not None
    entry = cache._path(cache.key(reader, data))
    os.chmod(entry, 0o666)
    assert cache.get(reader, data) is None


def test_key_changes_with_versions_and_code(host, monkeypatch, tmp_path):
    reader = host.reader_for_extension(".txt")
    data = (DATA / "compliant-2021.txt").read_bytes()
    key = ParseCache(host, tmp_path).key(reader, data)
    assert ParseCache(host, tmp_path).key(reader, data + b" ") != key
    monkeypatch.setattr(cache_module, "_version", lambda: "99.0")
    assert ParseCache(host, tmp_path).key(reader, data) != key
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "_code_fingerprint", lambda modules: "edited")
    assert ParseCache(host, tmp_path).key(reader, data) != key
    html = host.reader_for_extension(".html")
    assert ParseCache(host, tmp_path).key(html, data) != ParseCache(host, tmp_path).key(reader, data)


def test_cache_command_shows_and_clears(cache_dir, reports, capsys):
    _check(str(reports))
    capsys.readouterr()
    assert main(["cache", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["directory"] == str(cache_dir) and info["entries"] == 4 and info["bytes"] > 0
    assert main(["cache"]) == 0
    assert "解析缓存目录" in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert "删除 4 个条目" in capsys.readouterr().out
    assert not _entries(cache_dir)


def test_unwritable_cache_only_means_no_cache(tmp_path, monkeypatch, reports):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XXGK_CACHE_DIR", str(blocker / "cache"))  # below a file: cannot be created
    assert json.loads(_check(str(reports)))["summary"]["files"] == 4
