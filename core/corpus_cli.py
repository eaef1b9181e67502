"""``xxgk corpus DIR`` (the pairing a folder gets, and why a report has none) and the corpus step of
``xxgk check`` (``--previous``, ``--pairs``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parser helpers are imported by every xxgk start: the rest loads when a command runs
    from .corpus import Pairing
    from .model import Report
    from .plugins import PluginHost
    from .reporting import RunResult
    from .runner import RuleResolver


def run_check_corpus(args: argparse.Namespace, host: PluginHost, resolver: RuleResolver,
                     result: RunResult) -> str | None:
    """Run the cross-year rules over the checked reports; a usage problem is returned as the message."""
    from .crossyear import check_corpus, read_previous
    from .ruleset import ConfigError

    previous: dict[str, Report] = {}
    if args.previous is not None:
        checked = [f for f in result.files if f.report is not None]
        if len(checked) != 1:
            return "--previous 只能与一份报告一起使用（目录中的报告会按机关和年度自动配对）"
        previous, problem = read_previous(args.previous, host, checked[0].path)
        if problem:
            return problem
    try:
        check_corpus(result, resolver, args.pairs, previous, args.hierarchy)
    except ConfigError as exc:
        return str(exc)
    return None


def pairing_rows(pairing: Pairing, years: dict[str, int | None]) -> list[dict[str, Any]]:
    rows = []
    for e in pairing.entries:
        partner = pairing.partner(e.path)
        rows.append({"path": e.path, "body": e.body, "body_key": e.key, "year": e.year, "from": e.source,
                     "previous": partner, "previous_year": years.get(partner) if partner else None,
                     "reason": pairing.reasons.get(e.path)})
    return rows


def extract_pairing(args: argparse.Namespace, host: PluginHost, result: RunResult
                    ) -> tuple[dict[str, dict[str, Any]], str | None]:
    """The pairing rows of ``xxgk extract``, by path: the pairing ``xxgk check`` and ``xxgk corpus`` find
    (with ``--pairs`` or the ``[corpus] pairs`` file); a broken pairs file is returned as the message."""
    from .crossyear import pair_result
    from .ruleset import ConfigError
    from .runner import RuleResolver

    try:
        pairing, reports = pair_result(result, RuleResolver(host, _no_cli()), args.pairs)
    except ConfigError as exc:
        return {}, str(exc)
    years = {path: r.year for path, r in reports.items()}
    return {row["path"]: row for row in pairing_rows(pairing, years)}, None


def corpus_command(args: argparse.Namespace) -> int:
    from .crossyear import pair_result
    from .plugins import load_plugins
    from .ruleset import ConfigError
    from .runner import RuleResolver, read_paths

    host = load_plugins()
    result = read_paths(args.paths, host)
    for file in result.files:
        for error in file.errors:
            print(f"xxgk: {file.path}: {error.message}", file=sys.stderr)
    resolver = None if args.no_config else RuleResolver(host, _no_cli())
    try:
        pairing, reports = pair_result(result, resolver, args.pairs)
    except ConfigError as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return 2
    years = {path: r.year for path, r in reports.items()}
    rows = pairing_rows(pairing, years)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        paired = sum(1 for r in rows if r["previous"])
        print(f"报告 {len(rows)} 份，其中 {paired} 份找到了上一年度的报告（跨年度检查只对这些报告运行）")
        for r in rows:
            origin = f"（来自{r['from']}）" if r["body"] else ""
            head = f"{r['path']}：{r['body'] or '机关未识别'}，{r['year'] or '年度未识别'}{origin}"
            tail = f"上年报告 {r['previous']}" if r["previous"] else f"未配对：{r['reason']}"
            print(f"{head}\n    {tail}")
    return 2 if any(f.errors for f in result.files) else 0


def _no_cli() -> Any:
    from .config import CliOptions

    return CliOptions()
