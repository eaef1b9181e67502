"""Waivers and baselines: PDF and Word reports cannot carry inline suppression comments.

- A **review file** (``报告.pdf.xxgk-review.json`` next to the report, written by ``xxgk review`` or by hand)
  records a reviewer's decision on findings by fingerprint: ``waived`` (with a reason) hides the finding from
  ``xxgk check``; ``confirmed`` keeps it.  Waivers that no longer match any finding are reported, so a waiver
  does not outlive the problem it excused.
- A **baseline** (``--write-baseline FILE``) records every finding of a run by file and fingerprint;
  ``--baseline FILE`` hides those, so a department can adopt the tool on old reports and fail only on new
  problems.  Paths in a baseline are relative to the baseline file, so it works from any working directory.

Both are keyed by fingerprint, which survives re-runs and edits elsewhere in the report (docs/waivers.md).

Writing is safe against crashes and against other writers: every file is written to a temporary file in the
same folder, flushed to disk and renamed over the old one (never half a file); writers take a lock
(``.xxgk-review.lock`` in the folder, ``fcntl``), and a review file is merged under the lock with what is on disk,
so two ``xxgk review`` sessions on one report never lose each other's decisions.  A review file that cannot be
read is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .model import FileResult, Finding
from .reporting import RunError, RunResult
from .ruleset import ConfigError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writes stay atomic, concurrent writers are not serialised
    fcntl = None  # type: ignore[assignment]

REVIEW_SUFFIX = ".xxgk-review.json"
LOCK_NAME = ".xxgk-review.lock"
REVIEW_VERSION = 1
BASELINE_VERSION = 1
DECISIONS = ("waived", "confirmed")


@dataclass
class Decision:
    fingerprint: str
    decision: str  # "waived" | "confirmed"
    rule: str = ""
    message: str = ""
    reason: str = ""
    who: str = ""
    when: str = ""


def review_path(report: Path) -> Path:
    return report.with_name(report.name + REVIEW_SUFFIX)


def read_review(path: Path) -> tuple[str, dict[str, Decision]]:
    """The report a review file belongs to, and its decisions by fingerprint; malformed files are errors."""
    report, decisions = _parse_review(path)
    _seen[_key(path)] = dict(decisions)
    return report, decisions


def _parse_review(path: Path) -> tuple[str, dict[str, Decision]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取审核记录（{exc.strerror or exc}）") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: 审核记录不是有效的 JSON（{exc}）") from exc
    entries = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 审核记录应包含 decisions 数组")
    out: dict[str, Decision] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) \
                or entry.get("decision") not in DECISIONS:
            raise ConfigError(f"{path}: decisions[{i}] 应有 fingerprint 和 decision（waived 或 confirmed）")
        known = {k: str(entry.get(k, "")) for k in ("rule", "message", "reason", "who", "when")}
        out[entry["fingerprint"]] = Decision(entry["fingerprint"], entry["decision"], **known)
    return str(data.get("report", "")), out


#: The decisions this process last read from or wrote to each review file: the common ancestor of a
#: three-way merge, which tells a decision this session removed from one another session added.
_seen: dict[str, dict[str, Decision]] = {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def write_review(path: Path, report: str, decisions: Iterable[Decision]) -> None:
    """Write the decisions, merged with any written to the file by another session since this process last
    read or wrote it; a file on disk that cannot be read is a ``ConfigError`` and is left untouched."""
    ours = {d.fingerprint: d for d in decisions}
    with locked(path.parent):
        disk: dict[str, Decision] = {}
        if path.exists():
            disk = _parse_review(path)[1]  # raises for a corrupt file: it is preserved, never overwritten
        merged = merge(_seen.get(_key(path), {}), disk, ours)
        document = {"version": REVIEW_VERSION, "report": report,
                    "decisions": [asdict(d) for d in sorted(merged.values(), key=lambda d: d.fingerprint)]}
        atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        _seen[_key(path)] = dict(merged)


def merge(base: dict[str, Decision], disk: dict[str, Decision], ours: dict[str, Decision]) -> dict[str, Decision]:
    """Three-way merge of decisions by fingerprint.  Our changes since ``base`` apply; the other session's
    changes since ``base`` are kept; when both changed one finding, the later decision (``when``) wins."""
    out = dict(disk)
    for fp in base.keys() | ours.keys():
        mine, theirs, before = ours.get(fp), disk.get(fp), base.get(fp)
        if mine == before:
            continue  # we did not touch it: whatever is on disk stands
        if theirs != before and theirs is not None and mine is not None and theirs.when > mine.when:
            continue  # both changed it; theirs is newer
        if mine is None:
            if theirs == before:
                out.pop(fp, None)  # we removed it and nobody changed it since
        else:
            out[fp] = mine
    return out


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock for writing review files and baselines in ``folder`` (a hidden lock file there, kept
    so that every writer locks the same file)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one, never a part: write
    a temporary file in the same folder, flush it to disk, rename it over ``path``, flush the folder."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # the rename itself reaches the disk (not possible on every system)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def apply_waivers(file: FileResult, decisions: dict[str, Decision]) -> None:
    kept: list[Finding] = []
    present = {f.fingerprint for f in file.findings}
    for finding in file.findings:
        decision = decisions.get(finding.fingerprint)
        if decision is not None and decision.decision == "waived":
            file.waived.append((finding, decision.reason))
        else:
            kept.append(finding)
    file.findings = kept
    file.stale_waivers.extend(
        {"fingerprint": fp, "rule": d.rule, "message": d.message, "reason": d.reason}
        for fp, d in decisions.items() if d.decision == "waived" and fp not in present
    )


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def write_baseline(path: Path, result: RunResult) -> int:
    entries = [
        {"path": _relative(file.path, path.parent), "fingerprint": f.fingerprint, "rule": f.rule, "message": f.message}
        for file in result.files for f in file.findings
    ]
    document = {"version": BASELINE_VERSION, "created": now(), "entries": entries}
    with locked(path.parent):
        atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: Path) -> set[tuple[str, str]]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取基线文件（{exc.strerror or exc}）") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: 基线文件不是有效的 JSON（{exc}）") from exc
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str)
            for e in entries):
        raise ConfigError(f"{path}: 基线文件应包含 entries 数组（每项有 path 和 fingerprint）")
    return {(e["path"], e["fingerprint"]) for e in entries}


def apply_baseline(result: RunResult, baseline: set[tuple[str, str]], root: Path) -> None:
    for file in result.files:
        where = _relative(file.path, root)
        kept = [f for f in file.findings if (where, f.fingerprint) not in baseline]
        file.baselined += len(file.findings) - len(kept)
        file.findings = kept


def apply_review_files(result: RunResult, explicit: Path | None) -> None:
    """Honour the review file next to each report, and ``explicit`` for the report it names (or for the only
    file of the run)."""
    explicit_for: Path | None = None
    explicit_decisions: dict[str, Decision] = {}
    if explicit is not None:
        report_name, explicit_decisions = read_review(explicit)
        explicit_for = (explicit.parent / report_name).resolve() if report_name else None
    readable = [f for f in result.files if f.report is not None]
    for file in readable:
        decisions: dict[str, Decision] = {}
        own = review_path(Path(file.path))
        if own.is_file():
            try:
                decisions.update(read_review(own)[1])
            except ConfigError as exc:
                result.errors.append(RunError("waivers", str(exc)))
                continue
        if explicit is not None and (len(readable) == 1 or Path(file.path).resolve() == explicit_for):
            decisions.update(explicit_decisions)
        if decisions:
            apply_waivers(file, decisions)
