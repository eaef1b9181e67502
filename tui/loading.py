"""Linting for the review screens, run in a worker thread: the same runner ``xxgk check`` uses.

The rules of each file come from its project configuration and ``--ruleset``, exactly as for ``xxgk check``,
so the fingerprints the reviewer decides on are the ones ``xxgk check`` later matches against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from xxgk_lint.core.cache import ParseCache
from xxgk_lint.core.config import CliOptions
from xxgk_lint.core.crossyear import check_corpus, read_previous
from xxgk_lint.core.engine import finish, run_rule
from xxgk_lint.core.model import FileError, FileResult, Finding, Report, display_path
from xxgk_lint.core.plugins import PluginHost, load_plugins
from xxgk_lint.core.pool import Work, lint_stream
from xxgk_lint.core.reporting import RunError, RunResult
from xxgk_lint.core.ruleset import ConfigError
from xxgk_lint.core.runner import RuleResolver, discover, lint_file

from .session import rule_docs_from


@dataclass
class Linted:
    path: Path
    file: FileResult
    rule_docs: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: list[RunError] = field(default_factory=list)


Progress = Callable[[int, int, "Linted | None"], None]


class Linter:
    """Loads the plugins once and lints files on request (from a worker thread); a folder in ``jobs`` worker
    processes (``core.pool``), results handed over in folder order as each is ready."""

    def __init__(self, ruleset: str | None = None, host: PluginHost | None = None, jobs: int = 1,
                 use_cache: bool = True, previous: Path | None = None):
        self.cli = CliOptions(ruleset=ruleset)
        self.previous = previous  # ``xxgk review FILE --previous LAST``: paired by hand, as ``xxgk check``
        #: the folder's files once its corpus step ran, by path: a report re-checked in the review screen is
        #: paired again against them, so its cross-year findings survive the re-run
        self.corpus: dict[str, FileResult] = {}
        self.jobs = jobs
        self.use_cache = use_cache
        self._cache: ParseCache | None = None
        self._host = host
        self._resolver: RuleResolver | None = None

    @property
    def host(self) -> PluginHost:
        if self._host is None:
            self._host = load_plugins()
        return self._host

    @property
    def resolver(self) -> RuleResolver:
        if self._resolver is None:
            self._resolver = RuleResolver(self.host, self.cli)
        return self._resolver

    @property
    def cache(self) -> ParseCache | None:
        """The parse cache: re-checking after a ruleset edit reruns the rules without reading files again."""
        if self.use_cache and self._cache is None:
            self._cache = ParseCache(self.host)
        return self._cache

    def files(self, folder: Path) -> list[Path]:
        return [p for p, problem in discover([folder], self.host.extensions) if problem is None]

    def lint(self, path: Path, progress: Progress | None = None) -> Linted:
        """Read and lint one file.  With ``progress``, the file is read first and handed over (so its text can
        be shown at once), then linted rule by rule, ``progress(done, total, None)`` after each rule."""
        errors: list[RunError] = [RunError(e.plugin, e.message) for e in self.host.errors]
        try:
            rules, limits = self.resolver.rules_for(path), self.resolver.limits_for(path)
        except ConfigError as exc:
            return Linted(path, FileResult(display_path(path), None, None, errors=[FileError("config", str(exc))]),
                          errors=errors)
        docs = rule_docs_from([*(r for _, r in self.host.rules.values()), *(a.rule for a in rules)])
        if progress is None:
            file = lint_file(path, self.host, rules, errors, self.cache, limits)
            errors += self.with_corpus(file)
            return Linted(path, file, docs, errors)
        file = lint_file(path, self.host, [], errors, self.cache, limits)  # read only
        if file.report is None:
            return Linted(path, file, docs, errors)
        progress(0, len(rules), Linted(path, file, docs, errors))
        findings: list[Finding] = []
        for i, active in enumerate(rules):
            found, error = run_rule(file.report, active)
            findings += found
            errors += [error] if error else []
            progress(i + 1, len(rules), None)
        file.findings = finish(file.report, findings)  # the engine's order and fingerprints, as xxgk check
        errors += self.with_corpus(file)
        return Linted(path, file, docs, errors)

    def with_corpus(self, file: FileResult) -> list[RunError]:
        """One report's cross-year findings, added to its findings: against the ``--previous`` report, or, for a
        report of a folder whose corpus step already ran, against the folder's other reports (their copies
        take the step's findings, which are theirs already)."""
        if file.report is None:
            return []
        if self.previous is not None:
            previous, problem = read_previous(self.previous, self.host, file.path)
            if problem is not None:
                return [RunError("--previous", problem)]
            return self.cross_year([file], previous)
        if file.path not in self.corpus:
            return []
        self.corpus[file.path] = file
        others = [replace(f, findings=[]) for path, f in self.corpus.items() if path != file.path]
        return self.cross_year([file, *others])

    def cross_year(self, files: Sequence[FileResult], previous: dict[str, Report] | None = None) -> list[RunError]:
        """The corpus step of ``xxgk check`` over a folder's linted files (same pairing, same ``[corpus]``
        configuration, same rules), adding each report's cross-year findings to its file."""
        result = RunResult(files=list(files))
        try:
            check_corpus(result, self.resolver, None, previous)
        except ConfigError as exc:  # a broken pairs/hierarchy file: said once, the single-report findings stay
            return [RunError("corpus", str(exc))]
        return result.errors

    def lint_all(self, paths: Sequence[Path]) -> Iterator[Linted]:
        """Each file linted as ``lint`` lints it, in order; in worker processes when ``jobs`` > 1.  Workers are
        started fresh (not forked from this threaded process) and stopped when the iterator is closed."""
        if self.jobs <= 1 or len(paths) < 2:
            yield from (self.lint(path) for path in paths)
            return
        host_errors = [RunError(e.plugin, e.message) for e in self.host.errors]
        items: list[tuple[Path, FileError | None]] = [(path, None) for path in paths]
        cache = self.cache
        work = Work(self.cli, cache_dir=cache.directory if cache is not None else None)
        stream = lint_stream(items, work, self.jobs, start_method="spawn")
        for path, (file, errors) in zip(paths, stream, strict=True):
            try:
                rules = [a.rule for a in self.resolver.rules_for(path)]
            except ConfigError:
                rules = []
            docs = rule_docs_from([*(r for _, r in self.host.rules.values()), *rules])
            yield Linted(path, file, docs, [*host_errors, *errors])
