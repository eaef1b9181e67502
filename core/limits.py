"""Resource limits for one file: sizes, pages, nesting and wall time (``[limits]`` in the project configuration).

A reviewer's folder and a pre-publication hook see whatever people upload, occasionally something hostile: a
ZIP or Flate bomb, a PDF of thousands of pages, markup nested a hundred thousand levels deep, a ruleset pattern
that backtracks for ever.  Every limit hit is a per-file error that names the limit and says how to raise it,
so one bad file never stops the others.

How the limits reach the code that needs them: the runner calls ``guard(limits)`` around each file.  Inside it
``current()`` returns that file's limits (a context variable, so readers keep their ``read(path, data)``
signature) and the file's wall time is enforced with ``SIGALRM``.  Because the mechanism lives entirely in the
call, it works the same in the main process and in worker processes (each worker runs its tasks in its own main
thread).  ``TimeBudget`` nests: the engine gives each rule call its own smaller budget inside the file's.  Where
no alarm is available (a non-main thread, Windows) time budgets are not enforced; sizes, pages and nesting
still are.
"""

from __future__ import annotations

import contextlib
import contextvars
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from types import FrameType, TracebackType
from typing import Any

from .readers import ReadError
from .ruleset import ConfigError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """One file's limits; every field is a key of ``[limits]`` (sizes in MiB, times in seconds, 0 = no limit
    for times)."""

    max_file_mb: float = 100  # bytes of the file on disk (or passed to lint_bytes)
    pdf_pages: int = 1000  # pages of one PDF
    pdf_stream_mb: float = 64  # decompressed bytes of one PDF stream (Flate bombs)
    docx_member_mb: float = 64  # decompressed bytes of one part of a .docx (ZIP bombs)
    html_depth: int = 2000  # open elements the HTML reader tracks at once
    html_span: int = 1000  # largest colspan/rowspan honoured; larger values are capped, never allocated
    file_seconds: float = 120  # wall time to read and check one file
    rule_seconds: float = 30  # wall time of one rule on one file

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MIB)

    @property
    def pdf_stream_bytes(self) -> int:
        return int(self.pdf_stream_mb * MIB)

    @property
    def docx_member_bytes(self) -> int:
        return int(self.docx_member_mb * MIB)

    def as_dict(self) -> dict[str, float | int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: What each limit bounds, in the words a user reads in an error message and in ``xxgk config``.
DESCRIPTIONS = {
    "max_file_mb": "单个文件大小（MiB）",
    "pdf_pages": "PDF 页数",
    "pdf_stream_mb": "PDF 单个数据流解压后大小（MiB）",
    "docx_member_mb": "Word 文档单个部件解压后大小（MiB）",
    "html_depth": "网页标签嵌套层数",
    "html_span": "网页表格 colspan/rowspan 上限（超过按上限计）",
    "file_seconds": "单个文件读取和检查的时间（秒，0 为不限）",
    "rule_seconds": "单条规则对单个文件的运行时间（秒，0 为不限）",
}
_TIMES = frozenset({"file_seconds", "rule_seconds"})
_INTEGERS = frozenset({"pdf_pages", "html_depth", "html_span"})


def parse_limits(data: Any, where: Any) -> Limits:
    """``[limits]`` validated: known keys, positive numbers (times may be 0 for no limit).

    ``where(*key)`` names a key with its file and line for the error message."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where()}：[limits] 应为表（如 [limits] 下写 pdf_pages = 2000）")
    known = {f.name for f in fields(Limits)}
    values: dict[str, float | int] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where(key)}：不认识的限制项（可用：{'、'.join(sorted(known))}）")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where(key)}：应为数字，实际为 {value!r}")
        if key in _INTEGERS and not isinstance(value, int):
            raise ConfigError(f"{where(key)}：应为整数，实际为 {value!r}")
        if value < 0 or (value == 0 and key not in _TIMES):
            lowest = "0（不限）或正数" if key in _TIMES else "正数"
            raise ConfigError(f"{where(key)}：应为{lowest}，实际为 {value!r}")
        values[key] = value
    return Limits(**values)  # type: ignore[arg-type]


def how_to_raise(name: str, value: object) -> str:
    return f"（限制 {name} = {value}：{DESCRIPTIONS[name]}；如确需检查，可在 xxgk.toml 的 [limits] 中调大 {name}）"


def exceeded(name: str, what: str, limits: Limits | None = None) -> ReadError:
    """The error a reader raises when a limit is hit: code ``limit-<name>``, the limit's value (of ``limits``,
    else of the file being read) and how to raise it."""
    value = getattr(limits or current(), name)
    return ReadError(f"limit-{name}", f"{what}，未检查{how_to_raise(name, value)}")


_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("xxgk_limits")
_DEFAULT = Limits()


def current() -> Limits:
    """The limits of the file being read (the defaults outside ``guard``)."""
    return _CURRENT.get(_DEFAULT)


# --- wall time ------------------------------------------------------------------------------------------------


class Timeout(BaseException):
    """Raised by the alarm in the code running over a budget.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that the ``except Exception`` that readers and
    libraries use to survive damaged input does not swallow it."""

    def __init__(self, token: object):
        super().__init__("time budget exceeded")
        self.token = token


_deadlines: list[tuple[float, object]] = []  # open budgets of this process: (monotonic deadline, token)
#: After a Timeout, the alarm comes back this often until the block ends (code that swallowed the Timeout,
#: e.g. in a finaliser or a bare ``except:``, gets it again).
_REPEAT = 0.05
_updating: list[bool] = [False]  # a budget is being opened or closed: the alarm waits


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _arm() -> None:
    if not _deadlines:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    remaining = min(d for d, _ in _deadlines) - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, remaining if remaining > 0 else _REPEAT)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _updating[0]:  # a Timeout raised while a budget opens or closes would leave it open for ever
        signal.setitimer(signal.ITIMER_REAL, 0.005)
        return
    now = time.monotonic()
    expired = [token for deadline, token in _deadlines if deadline <= now]
    _arm()
    if expired:
        raise Timeout(expired[0])  # the outermost budget that ran out: a file over time ends the file


class TimeBudget:
    """``with TimeBudget(seconds) as budget: …`` stops the block after ``seconds``; ``budget.exceeded`` then
    is True.  Budgets nest; an outer budget running out propagates through inner ones.

    The alarm handler is installed on first use and stays installed (with no budget open it does nothing):
    restoring the default action could let an alarm already pending kill the process."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.exceeded = False
        self._token = object()
        self._active = False

    def __enter__(self) -> TimeBudget:
        if self.seconds <= 0 or not _alarm_usable():
            return self
        try:
            _updating[0] = True
            try:
                if signal.getsignal(signal.SIGALRM) is not _on_alarm:
                    signal.signal(signal.SIGALRM, _on_alarm)
                _deadlines.append((time.monotonic() + self.seconds, self._token))
                self._active = True
                _arm()
            finally:
                _updating[0] = False
        except Timeout as exc:  # arrived just before the block starts
            if exc.token is not self._token:
                self.__exit__(None, None, None)
                raise
            # our own budget is already over: the alarm repeats and stops the block as soon as it starts
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        late: Timeout | None = None  # an alarm that came as the block was ending
        while self._active:
            try:
                _updating[0] = True
                _deadlines[:] = [entry for entry in _deadlines if entry[1] is not self._token]
                self._active = False
                _arm()
            except Timeout as timeout:
                late = timeout
            finally:
                _updating[0] = False
        if isinstance(exc, Timeout) and exc.token is self._token:
            self.exceeded = True
            return True
        if late is not None and late.token is not self._token:
            raise late  # an outer budget ran out: it ends its own block
        return False  # our own late alarm: the block had finished in time


@contextlib.contextmanager
def guard(limits: Limits) -> Iterator[TimeBudget]:
    """Apply ``limits`` to the file checked in the block: ``current()`` returns them and the block is stopped
    after ``file_seconds`` (then the yielded budget's ``exceeded`` is True)."""
    token = _CURRENT.set(limits)
    try:
        with TimeBudget(limits.file_seconds) as budget:
            yield budget
    finally:
        _CURRENT.reset(token)


def timeout_message(limits: Limits) -> str:
    raise_it = how_to_raise("file_seconds", limits.file_seconds)
    return f"时间超限：读取和检查超过 {limits.file_seconds} 秒，已停止检查本文件{raise_it}"
