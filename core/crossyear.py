"""The corpus pass of ``xxgk check``: pair the reports of a run with their previous year's and run the
cross-year rules on each pair, adding their findings to this year's file.

It runs after every file has been read and linted, on the reports the run already holds, so pairing costs one
pass over the folder and each cross-year rule one comparison per pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .corpus import Family, Pairing, entries_for, families, pair, read_hierarchy_csv, read_pairing_csv
from .corpus_rules import CorpusRule, HierarchyRule
from .engine import ActiveRule, _locate, finish
from .model import FileResult, Finding, Report
from .plugins import PluginHost
from .reporting import RunError, RunResult
from .ruleset import ConfigError
from .runner import RuleResolver, lint_file


def run_pair(report: Report, previous: Report, active: ActiveRule) -> tuple[list[Finding], RunError | None]:
    """One corpus rule on one pair, its findings located in this year's report (as ``engine.run_rule``)."""
    rule = active.rule
    if not issubclass(rule, CorpusRule) or report.format_version not in rule.versions:
        return [], None
    try:
        produced = list(rule().check_pair(report, previous, active.setting.params))
    except Exception as exc:  # a crashing rule is reported, the others still run
        return [], RunError(f"{active.plugin}:{rule.code}",
                            f"{report.path}: 规则 {rule.code} 运行出错：{type(exc).__name__}: {exc}")
    return _located(report, active, produced), None


def run_family(report: Report, children: list[Report], missing: tuple[str, ...], active: ActiveRule
               ) -> tuple[list[Finding], RunError | None]:
    """One hierarchy rule on a parent's report and its children's, located in the parent's report."""
    rule = active.rule
    if not issubclass(rule, HierarchyRule) or report.format_version not in rule.versions:
        return [], None
    try:
        produced = list(rule().check_family(report, children, missing, active.setting.params))
    except Exception as exc:  # a crashing rule is reported, the others still run
        return [], RunError(f"{active.plugin}:{rule.code}",
                            f"{report.path}: 规则 {rule.code} 运行出错：{type(exc).__name__}: {exc}")
    return _located(report, active, produced), None


def _located(report: Report, active: ActiveRule, produced: list[Finding]) -> list[Finding]:
    rule = active.rule
    for f in produced:
        if f.severity is None:
            f.severity = active.setting.severity
        f.category = rule.category
        _locate(report, f)  # line, column, page and section exactly as for single-report findings
    return produced


def _config_files(files: Sequence[FileResult], resolver: RuleResolver, attribute: str) -> list[Path]:
    """The corpus files named by the configurations of the run's files; a configuration that fails to load is
    already reported on its files and contributes nothing here."""
    found: list[Path] = []
    for file in files:
        try:
            config = resolver.config_for(Path(file.path))
        except ConfigError:
            continue
        path = getattr(config, attribute, None) if config is not None else None
        if path is not None and path not in found:
            found.append(path)
    return found


def pairing_overrides(files: Sequence[FileResult], resolver: RuleResolver | None,
                      pairs_file: Path | None) -> dict[str, tuple[str, int, str]]:
    """Override rows from ``--pairs`` or else from the ``[corpus] pairs`` file of each report's configuration."""
    csv_files: list[Path] = [pairs_file] if pairs_file is not None else []
    if pairs_file is None and resolver is not None:
        csv_files = _config_files(files, resolver, "corpus_pairs")
    overrides: dict[str, tuple[str, int, str]] = {}
    for path in csv_files:
        overrides.update(read_pairing_csv(path))
    return overrides


def pair_result(result: RunResult, resolver: RuleResolver | None, pairs_file: Path | None = None,
                manual: dict[str, Report] | None = None) -> tuple[Pairing, dict[str, Report]]:
    """The pairing of a run's reports, and every report by path (with any ``--previous`` one)."""
    files = [f for f in result.files if f.report is not None]
    overrides = pairing_overrides(files, resolver, pairs_file)
    reports = {f.path: f.report for f in files if f.report is not None}
    extra = dict(manual or {})
    pairing = pair(entries_for(reports.values(), overrides), {p: r.path for p, r in extra.items()})
    for r in extra.values():
        reports.setdefault(r.path, r)
    return pairing, reports


def hierarchy_of(result: RunResult, resolver: RuleResolver | None, pairing: Pairing,
                 hierarchy_file: Path | None) -> list[Family]:
    """Parents and children from ``--hierarchy`` or else the ``[corpus] hierarchy`` file of the configuration."""
    csv_files: list[Path] = [hierarchy_file] if hierarchy_file is not None else []
    if hierarchy_file is None and resolver is not None:
        csv_files = _config_files(result.files, resolver, "corpus_hierarchy")
    rows = [row for path in csv_files for row in read_hierarchy_csv(path)]
    return families(pairing.entries, rows) if rows else []


def check_corpus(result: RunResult, resolver: RuleResolver, pairs_file: Path | None = None,
                 previous: dict[str, Report] | None = None, hierarchy_file: Path | None = None) -> Pairing:
    """Add the cross-year (and parent vs children) findings of every paired report to its file's findings."""
    pairing, reports = pair_result(result, resolver, pairs_file, previous)
    family_of = {f.parent: f for f in hierarchy_of(result, resolver, pairing, hierarchy_file)}
    for file in result.files:
        report = file.report
        partner = pairing.partner(file.path)
        family = family_of.get(file.path)
        if report is None or (partner not in reports and family is None):
            continue
        try:
            rules = resolver.rules_for(Path(file.path))
        except ConfigError:
            continue  # the file already carries this configuration error
        found: list[Finding] = []
        for active in rules:
            runs = []
            if partner is not None and partner in reports:
                runs.append(run_pair(report, reports[partner], active))
            if family is not None:
                runs.append(run_family(report, [reports[c] for c in family.children], family.missing, active))
            for produced, error in runs:
                found += produced
                if error is not None:
                    result.errors.append(error)
        if found:
            file.findings = finish(report, [*file.findings, *found])
    return pairing


def read_previous(path: Path, host: PluginHost, shown_for: str) -> tuple[dict[str, Report], str | None]:
    """``--previous FILE`` read without linting, paired with the one report checked; or why it cannot be."""
    errors: list[RunError] = []
    if not path.is_file():
        return {}, f"{path}: --previous 指定的文件不存在"
    read = lint_file(path, host, [], errors)
    if read.report is None:
        reason = "；".join(e.message for e in read.errors) or "无法读取"
        return {}, f"{path}: --previous 指定的上年报告无法读取（{reason}）"
    return {shown_for: read.report}, None
