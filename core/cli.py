"""The ``xxgk`` command.

Start-up stays light: ``xxgk --version`` imports nothing beyond this module, and ``xxgk check`` never imports
Textual or pdfminer (readers that need them import them inside ``read``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import CliOptions
    from .reporting import RunResult

EXIT_OK, EXIT_USAGE = 0, 2  # 1 (findings at the fail level) comes from RunResult.exit_code


def _version() -> str:
    from xxgk_lint import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    from .argparse_zh import install

    install()
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="政府信息公开工作年度报告检查工具：检查结构、统计表、勾稽关系等问题。",
        epilog="退出码：0 未发现达到阈值的问题；1 发现问题；2 用法、配置错误或有文件无法读取。",
    )
    parser.add_argument("--version", action="version", version=f"xxgk-lint {_version()}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    pdf_engine_help = ("读取 PDF 所用的引擎：pdfium（快，需 pip install 'xxgk-lint[fast]'）或 pdfminer；"
                       "默认：已安装 pdfium 时用 pdfium，否则用 pdfminer，两者结果相同")
    check = sub.add_parser("check", help="检查报告文件或目录",
                           description="检查一个或多个报告文件（目录按扩展名递归查找）。")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="报告文件或目录")
    check.add_argument("--format", default="text", metavar="FORMAT",
                       help="输出格式：text（默认）、json、sarif、github、junit、markdown，或插件提供的格式")
    check.add_argument("--output", "-o", type=Path, metavar="FILE", help="写入文件而不是标准输出")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                       help="达到此级别的问题使退出码为 1（默认 error）")
    check.add_argument("--ruleset", metavar="NAME|PATH",
                       help="规则集名称或 TOML 文件路径（默认取项目配置 xxgk.toml，否则 national）")
    check.add_argument("--select", metavar="CODES", help="只运行这些代码前缀的规则，逗号分隔，如 S,A3")
    check.add_argument("--ignore", metavar="CODES", help="不运行这些代码前缀的规则，逗号分隔，如 G,Y104")
    check.add_argument("--no-config", action="store_true", help="不查找项目配置文件")
    check.add_argument("--waivers", type=Path, metavar="FILE",
                       help="审核记录（豁免）文件；报告旁的 *.xxgk-review.json 总会被读取")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="隐藏基线文件中已记录的问题")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="把本次发现的问题写成基线文件")
    check.add_argument("--previous", type=Path, metavar="FILE",
                       help="同一机关上一年度的报告，与所检查的一份报告配对作跨年度核对")
    check.add_argument("--pairs", type=Path, metavar="FILE",
                       help="配对文件（CSV：机关名称,年度,报告路径），指定无法从报告文字识别的机关和年度")
    check.add_argument("--hierarchy", type=Path, metavar="FILE",
                       help="上下级对应文件（CSV：上级机关,下级机关），核对上级汇总数与下级报告之和")

    check.add_argument("--jobs", "-j", default="1", metavar="N|auto",
                       help="同时检查的进程数（auto：按 CPU 核数；默认 1），输出与单进程相同")
    check.add_argument("--no-cache", action="store_true", help="不使用解析缓存（每个文件都重新读取）")
    check.add_argument("--pdf-engine", choices=("pdfminer", "pdfium"), help=pdf_engine_help)
    check.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="在本机检查（默认），或交给 Dask 集群（dask：需 pip install 'xxgk-lint[dask]'）")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask 调度器地址（如 tcp://10.0.0.5:8786）；不给则在本机启动 --jobs 个工作进程的集群")

    corpus = sub.add_parser("corpus", help="显示目录中报告的机关、年度和跨年度配对（以及未配对的原因）",
                            description="读取报告，识别每份报告的发布机关和年度，列出与上一年度报告的配对。")
    corpus.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="报告文件或目录")
    corpus.add_argument("--pairs", type=Path, metavar="FILE", help="配对文件（CSV：机关名称,年度,报告路径）")
    corpus.add_argument("--no-config", action="store_true", help="不查找项目配置文件（及其中的 [corpus] pairs）")
    corpus.add_argument("--format", choices=("text", "json"), default="text")

    summary = sub.add_parser("summary", help="每份报告一行的汇总表（机关、年度、格式、各类问题数、主要数字）",
                             description="检查报告（含跨年度检查），每份报告输出一行：发布机关、年度、表格格式、"
                                         "各类别错误和警告数、本年新收、办理结果总计、予以公开率、复议和诉讼总数。")
    summary.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="报告文件或目录")
    summary.add_argument("--format", choices=("csv", "markdown"), default="csv",
                         help="csv（默认，带 BOM 的 UTF-8，可直接用 Excel/WPS 打开）或 markdown")
    summary.add_argument("--output", "-o", type=Path, metavar="FILE", help="写入文件而不是标准输出")
    summary.add_argument("--ruleset", metavar="NAME|PATH", help="规则集名称或 TOML 文件路径（同 xxgk check）")
    summary.add_argument("--pairs", type=Path, metavar="FILE", help="配对文件（CSV：机关名称,年度,报告路径）")
    summary.add_argument("--hierarchy", type=Path, metavar="FILE", help="上下级对应文件（CSV：上级机关,下级机关）")
    summary.add_argument("--no-config", action="store_true", help="不查找项目配置文件")

    config = sub.add_parser("config", help="显示某个文件或目录适用的配置及其来源")
    config.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH")
    config.add_argument("--ruleset", metavar="NAME|PATH")
    config.add_argument("--select", metavar="CODES")
    config.add_argument("--ignore", metavar="CODES")
    config.add_argument("--format", choices=("text", "json"), default="text")

    extract = sub.add_parser(
        "extract", help="导出报告的统计表数据（JSON 或 CSV）",
        description="读取报告，导出元数据、各部分和统计表每个单元格（含官方行列名称和来源位置）。")
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="报告文件或目录")
    extract.add_argument("--format", choices=("json", "csv"), default="json",
                         help="json（默认）或 csv（带 BOM 的 UTF-8，可直接用 Excel/WPS 打开）")
    extract.add_argument("--output", "-o", type=Path, metavar="FILE", help="写入文件而不是标准输出")
    extract.add_argument("--jobs", "-j", default="1", metavar="N|auto",
                         help="同时读取的进程数（auto：按 CPU 核数；默认 1），输出与单进程相同")
    extract.add_argument("--no-cache", action="store_true", help="不使用解析缓存（每个文件都重新读取）")
    extract.add_argument("--pairs", type=Path, metavar="FILE",
                         help="配对文件（CSV：机关名称,年度,报告路径），同 xxgk check，决定每份报告的上年报告")
    extract.add_argument("--pdf-engine", choices=("pdfminer", "pdfium"), help=pdf_engine_help)
    cache = sub.add_parser("cache", help="显示解析缓存的位置和大小，或清空它")
    cache.add_argument("action", nargs="?", choices=("info", "clear"), default="info")
    cache.add_argument("--format", choices=("text", "json"), default="text")

    rulesets = sub.add_parser("rulesets", help="列出可用的规则集及其来源和继承关系")
    rulesets.add_argument("--format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="列出所有规则")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown 生成 docs/rules.md")
    rules.add_argument("--plugin", metavar="NAME", help="只列出这个插件提供的规则（如 builtin-rules）")
    rule = sub.add_parser("rule", help="显示一条规则的说明")
    rule.add_argument("code", metavar="CODE")
    review = sub.add_parser("review", help="在终端界面中逐条审核问题（确认或豁免），结果写入审核记录",
                            description="打开审核界面：PATH 为报告文件时直接打开，为目录时先列出其中的报告。"
                                        "审核结果随时保存到报告旁的 *.xxgk-review.json，xxgk check 会读取它。")
    review.add_argument("path", type=Path, metavar="PATH", help="报告文件或目录")
    review.add_argument("--ruleset", metavar="NAME|PATH", help="规则集名称或 TOML 文件路径（同 xxgk check）")
    review.add_argument("--review-file", type=Path, metavar="FILE",
                        help="审核记录文件（默认为报告旁的 报告名.xxgk-review.json；仅用于单个报告）")
    review.add_argument("--previous", type=Path, metavar="FILE",
                        help="同一机关上一年度的报告，与所审核的一份报告配对作跨年度核对（目录中的报告自动配对）")
    review.add_argument("--reviewer", metavar="NAME",
                        help="审核人姓名（或 xxgk.toml 的 [review] reviewer；都没有时首次审核时询问）")
    review.add_argument("--keymap", type=Path, metavar="FILE", help="按键映射 TOML 文件：绑定 id = 按键")
    review.add_argument("--jobs", "-j", default="auto", metavar="N|auto",
                        help="目录中的报告用几个进程同时检查（默认 auto：按 CPU 核数）")
    review.add_argument("--ambiguous-wide", action="store_true",
                        help="终端把 “ ” … — 等字符显示为两格宽时使用（也可设置环境变量 XXGK_AMBIGUOUS_WIDE=1）")
    from .memo_cli import add_parser as add_memo_parser

    add_memo_parser(sub)
    plugins = sub.add_parser("plugins", help="列出已安装的插件及其提供的规则、读取器、输出格式和规则集",
                             description="列出已安装的插件；有插件加载失败时退出码为 2。")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "config":
            return _config(args)
        if args.command == "extract":
            return _extract(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "rulesets":
            return _rulesets(args)
        if args.command == "rule":
            return _rule(args)
        if args.command == "review":
            return _review(args)
        if args.command == "plugins":
            return _plugins(args)
        if args.command == "corpus":
            from .corpus_cli import corpus_command

            return corpus_command(args)
        if args.command == "summary":
            from .summary_cli import summary_command

            return summary_command(args)
        if args.command == "memo":
            from .memo_cli import run as memo

            return memo(args)
        if args.command == "cache":
            from .cache_cli import run

            return run(args)
    except KeyboardInterrupt:
        print("xxgk: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (| head): nothing left to say
        return EXIT_OK
    except Exception as exc:  # never a traceback for users; XXGK_DEBUG=1 shows it for developers
        if os.environ.get("XXGK_DEBUG"):
            raise
        print(f"xxgk: 内部错误：{type(exc).__name__}: {exc}（设置 XXGK_DEBUG=1 查看详情）", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE


def _err(message: str) -> int:
    print(f"xxgk: {message}", file=sys.stderr)
    return EXIT_USAGE


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip().upper() for code in value.split(",") if code.strip())


def _cli_options(args: argparse.Namespace) -> CliOptions:
    from .config import CliOptions

    return CliOptions(args.ruleset, _codes(args.select), _codes(args.ignore) or ())


def _check(args: argparse.Namespace) -> int:
    from .cache import ParseCache
    from .config import resolve
    from .model import Severity
    from .pdf_engine_cli import reader_options
    from .plugins import load_plugins
    from .pool import parse_jobs
    from .ruleset import ConfigError
    from .runner import RuleResolver, lint_paths
    from .sweep import DaskError
    from .waivers import apply_baseline, apply_review_files, read_baseline, write_baseline

    host = load_plugins()
    reporter = host.reporters.get(args.format)
    if reporter is None:
        return _err(f"未知的输出格式 {args.format!r}（可用：{'、'.join(sorted(host.reporters))}）")
    if _output_is_input(args):
        return _err(f"{args.output}: 输出文件不能是被检查的文件")
    resolver = RuleResolver(host, _cli_options(args), discover_config=not args.no_config)
    try:
        if args.ruleset or args.select or args.ignore:  # a bad flag is a usage error before any file is read
            resolver.ruleset_for(resolve(Path.cwd(), resolver.cli, None))
        baseline = read_baseline(args.baseline) if args.baseline else None
    except ConfigError as exc:
        return _err(str(exc))
    try:
        jobs = parse_jobs(args.jobs)
        options = reader_options(args)
    except ValueError as exc:
        return _err(str(exc))
    if args.scheduler and args.executor != "dask":
        return _err("--scheduler 只能与 --executor dask 一起使用")
    try:
        result = lint_paths(args.paths, host, resolver, Severity(args.fail_on), jobs,
                            keep_reports=getattr(reporter[1], "needs_reports", True) or _may_pair(args),
                            cache=None if args.no_cache else ParseCache(host),
                            executor=args.executor, scheduler=args.scheduler, reader_options=options)
    except DaskError as exc:
        return _err(str(exc))
    from .corpus_cli import run_check_corpus

    problem = run_check_corpus(args, host, resolver, result)
    if problem is not None:
        return _err(problem)
    try:
        apply_review_files(result, args.waivers)
    except ConfigError as exc:
        return _err(str(exc))
    if baseline is not None:
        apply_baseline(result, baseline, args.baseline.parent)
    if args.write_baseline is not None:
        try:
            count = write_baseline(args.write_baseline, result)
        except OSError as exc:
            return _err(f"{args.write_baseline}: 无法写入基线文件（{exc.strerror or exc}）")
        print(f"xxgk: 已把 {count} 条问题写入基线 {args.write_baseline}", file=sys.stderr)

    if args.format != "text" or args.output is not None:  # the text report already shows them on screen
        for file in result.files:
            for file_error in file.errors:
                print(f"xxgk: {file.path}: {file_error.message}", file=sys.stderr)
        for run_error in result.errors:
            print(f"xxgk: {run_error.source}: {run_error.message}", file=sys.stderr)

    if args.output is not None:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
                reporter[1].render(result, fh)
        except OSError as exc:
            return _err(f"{args.output}: 无法写入输出文件（{exc.strerror or exc}）")
    else:
        stream: IO[str] = sys.stdout
        reporter[1].render(result, stream)
        stream.flush()
    return _interrupted(result) or result.exit_code


def _interrupted(result: RunResult) -> int:
    """Exit status 130 after Ctrl-C, once the files that finished have been reported."""
    if not result.interrupted:
        return 0
    print(f"xxgk: 已中断：已完成 {len(result.files)} 个文件，其余 {result.interrupted} 个未处理", file=sys.stderr)
    return 130


def _may_pair(args: argparse.Namespace) -> bool:
    """Cross-year and parent/children checks read other reports' tables and text after the run, so whole
    reports are kept unless a single file is checked with nothing to pair it with."""
    single = len(args.paths) == 1 and args.paths[0].is_file()
    return not single or args.previous is not None or args.hierarchy is not None


def _output_is_input(args: argparse.Namespace) -> bool:
    if args.output is None:
        return False
    out = args.output.resolve()
    return any(out == p.resolve() for p in args.paths)


def _extract(args: argparse.Namespace) -> int:
    import json

    from .cache import ParseCache
    from .extract import extract_document, write_csv
    from .pdf_engine_cli import reader_options
    from .plugins import load_plugins
    from .pool import parse_jobs
    from .runner import lint_paths

    if _output_is_input(args):
        return _err(f"{args.output}: 输出文件不能是被读取的文件")
    try:
        jobs = parse_jobs(args.jobs)
        options = reader_options(args)
    except ValueError as exc:
        return _err(str(exc))
    host = load_plugins()
    result = lint_paths(args.paths, host, None, jobs=jobs, cache=None if args.no_cache else ParseCache(host),
                        reader_options=options)
    for file in result.files:
        for file_error in file.errors:
            print(f"xxgk: {file.path}: {file_error.message}", file=sys.stderr)
    for run_error in result.errors:
        print(f"xxgk: {run_error.source}: {run_error.message}", file=sys.stderr)
    from .corpus_cli import extract_pairing

    pairings, problem = extract_pairing(args, host, result)
    if problem is not None:
        return _err(problem)

    def write(stream: IO[str]) -> None:
        if args.format == "csv":
            write_csv(result.files, stream, pairings)
        else:
            json.dump(extract_document(result.files, pairings), stream, ensure_ascii=False, indent=2)
            stream.write("\n")

    try:
        if args.output is not None:
            # CSV carries a BOM so Excel and WPS open the UTF-8 file correctly
            encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
            with open(args.output, "w", encoding=encoding, newline="") as fh:
                write(fh)
        else:
            if args.format == "csv":
                sys.stdout.write("\ufeff")
            write(sys.stdout)
    except BrokenPipeError:
        raise
    except OSError as exc:
        return _err(f"{args.output}: 无法写入输出文件（{exc.strerror or exc}）")
    return _interrupted(result) or (EXIT_USAGE if result.errors or any(f.errors for f in result.files) else EXIT_OK)


def _config(args: argparse.Namespace) -> int:
    import json

    from .plugins import load_plugins
    from .ruleset import ConfigError
    from .runner import RuleResolver

    host = load_plugins()
    resolver = RuleResolver(host, _cli_options(args))
    try:
        # a folder's configuration is the one a file directly inside it would get
        resolved = resolver.resolved(args.path / "_" if args.path.is_dir() else args.path)
        ruleset = resolver.ruleset_for(resolved)
    except ConfigError as exc:
        return _err(str(exc))
    rules: list[dict[str, Any]] = []
    candidates = [*(rule for _, rule in host.rules.values()), *ruleset.declared]
    for rule in sorted(candidates, key=lambda r: r.code):
        setting = ruleset.setting(rule)
        keys = [f"rules.{rule.code}.{k}" for k in ("enabled", "severity", *rule.parameters)] + [f"check.{rule.code}"]
        origin = next((ruleset.origins[k] for k in keys if k in ruleset.origins), "规则默认值")
        rules.append({"code": rule.code, "enabled": setting.enabled and ruleset.selects(rule.code),
                      "severity": setting.severity.value, "params": dict(setting.params), "from": origin})
    select_from = resolved.select_from if resolved.select is not None else ruleset.origins.get("select", "默认（全部）")
    ignore_from = resolved.ignore_from or [ruleset.origins.get("ignore", "默认")]
    doc: dict[str, Any] = {
        "path": str(args.path),
        "config_file": str(resolved.config.path) if resolved.config else None,
        "ruleset": {"name": ruleset.name, "file": ruleset.source, "extends": ruleset.chain[1:],
                    "from": resolved.ruleset_from},
        "select": {"value": ruleset.select, "from": select_from},
        "ignore": {"value": ruleset.ignore, "from": ignore_from},
        "rules": rules,
        "limits": resolver.limits_for(args.path / "_" if args.path.is_dir() else args.path).as_dict(),
    }
    if args.format == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    from .labels import SEVERITY_LABELS

    print(f"路径：{doc['path']}")
    print(f"配置文件：{doc['config_file'] or '未找到（使用默认设置）'}")
    chain = " → ".join([ruleset.name, *ruleset.chain[1:]])
    print(f"规则集：{chain}（{ruleset.source}；来自 {resolved.ruleset_from}）")
    selected = ", ".join(ruleset.select) if ruleset.select is not None else "全部"
    print(f"select：{selected}（来自 {select_from}）")
    print(f"ignore：{', '.join(ruleset.ignore) or '无'}（来自 {'、'.join(ignore_from)}）")
    for r in rules:
        state = "启用" if r["enabled"] else "停用"
        params = "，".join(f"{k}={v!r}" for k, v in r["params"].items())
        print(f"  {r['code']:<6} {state} {SEVERITY_LABELS[r['severity']]} {params}  [{r['from']}]")
    from .limits import DESCRIPTIONS

    print(f"限制（[limits]，来自 {doc['config_file'] or '默认'}）：")
    for key, value in doc["limits"].items():
        print(f"  {key} = {value}  {DESCRIPTIONS[key]}")
    return EXIT_OK


def _rulesets(args: argparse.Namespace) -> int:
    import json

    from .plugins import load_plugins
    from .ruleset import ConfigError, resolve_ruleset

    host = load_plugins()
    known = {code: rule for code, (_, rule) in host.rules.items()}
    available = {p.stem: p for _, p in host.rulesets}
    rows: list[dict[str, Any]] = []
    status = EXIT_OK
    for plugin, path in sorted(host.rulesets, key=lambda item: item[1].stem):
        try:
            ruleset = resolve_ruleset(path.stem, available, known)
        except ConfigError as exc:
            print(f"xxgk: {exc}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        rows.append({"name": ruleset.name, "plugin": plugin, "file": str(path), "extends": ruleset.chain[1:],
                     "description": ruleset.description, "source": ruleset.citation,
                     "checks": sorted(ruleset.checks)})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            chain = " → ".join([r["name"], *r["extends"]])
            checks = f"，自定检查 {len(r['checks'])} 条" if r["checks"] else ""
            print(f"{r['name']:<10} {chain:<24} [{r['plugin']}] {r['description']}{checks}")
            print(f"{'':<10} {r['file']}")
    return status


def _rules(args: argparse.Namespace) -> int:
    import json

    from .plugins import load_plugins

    host = load_plugins()
    chosen = {code: entry for code, entry in host.rules.items() if args.plugin in (None, entry[0])}
    rows = [
        {"code": code, "name": rule.name, "category": rule.category, "severity": rule.severity.value,
         "summary": rule.summary, "plugin": plugin}
        for code, (plugin, rule) in sorted(chosen.items())
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        from .ruledocs import rules_markdown

        sys.stdout.write(rules_markdown(chosen.values()))
    else:
        from .ruledocs import rule_line

        for _, (plugin, rule) in sorted(chosen.items()):
            print(rule_line(rule, plugin))
    for error in host.errors:
        print(f"xxgk: 插件 {error.plugin}: {error.message}", file=sys.stderr)
    return EXIT_USAGE if host.errors else EXIT_OK


def _review(args: argparse.Namespace) -> int:
    if not args.path.exists():
        return _err(f"{args.path}: 文件或目录不存在")
    if args.review_file is not None and args.path.is_dir():
        return _err("--review-file 只能用于单个报告，目录中每份报告的审核记录都在报告旁边")
    if args.previous is not None and args.path.is_dir():
        return _err("--previous 只能与一份报告一起使用（目录中的报告会按机关和年度自动配对）")
    if args.previous is not None and not args.previous.is_file():
        return _err(f"{args.previous}: --previous 指定的文件不存在")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return _err("审核界面需要在终端中运行（标准输入和输出都应是终端）")
    import importlib

    from .pool import parse_jobs

    tui = importlib.import_module("xxgk_lint.tui.app")  # Textual is imported here only, never by xxgk check
    wide = args.ambiguous_wide or os.environ.get("XXGK_AMBIGUOUS_WIDE", "") not in ("", "0")
    try:
        return int(tui.run_review(args.path, ruleset=args.ruleset, review_file=args.review_file,
                                  reviewer=args.reviewer, ambiguous_wide=wide, keymap=args.keymap,
                                  jobs=parse_jobs(args.jobs), previous=args.previous))
    except (OSError, ValueError) as exc:
        return _err(str(exc))


def _rule(args: argparse.Namespace) -> int:
    from .plugins import load_plugins

    host = load_plugins()
    entry = host.rules.get(args.code.upper())
    if entry is None:
        return _err(f"未知的规则代码 {args.code!r}（用 xxgk rules 查看全部规则）")
    from .ruledocs import rule_text

    sys.stdout.write(rule_text(*entry))
    return EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    import json

    from .plugins import describe, load_plugins

    host = load_plugins()
    doc = describe(host)
    if args.format == "json":
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_USAGE if host.errors else EXIT_OK
    loaded = [p for p in doc["plugins"] if p["loaded"]]
    print(f"已安装插件 {len(loaded)} 个（插件接口版本 API_VERSION = {doc['api_version']}）")
    for p in doc["plugins"]:
        dist = f"{p['distribution']} {p['version']}" if p["distribution"] else "（未经发行包安装）"
        state = "" if p["loaded"] else "  [加载失败]"
        print(f"\n{p['name']}  {dist}  {p['module']}{state}")
        if p["hooks"]:
            print(f"  钩子：{', '.join(p['hooks'])}")
        if p["rules"]:
            print(f"  规则：{' '.join(p['rules'])}")
        if p["readers"]:
            print("  读取器：" + "，".join(f"{r['name']}（{' '.join(r['extensions'])}）" for r in p["readers"]))
        if p["reporters"]:
            print(f"  输出格式：{', '.join(p['reporters'])}")
        if p["rulesets"]:
            print(f"  规则集：{', '.join(p['rulesets'])}")
        for message in p["errors"]:
            print(f"  错误：{message}")
    for error in host.errors:
        print(f"xxgk: 插件 {error.plugin}: {error.message}", file=sys.stderr)
    return EXIT_USAGE if host.errors else EXIT_OK
