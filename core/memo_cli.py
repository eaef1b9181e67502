"""``xxgk memo``: the review memos of a folder (or of files) in one Word or Markdown document, without the TUI.

Each report is linted as ``xxgk check`` would (same configuration discovery), and its reviewer's decisions are
read from the review file next to it (``报告.xxgk-review.json``, written by ``xxgk review``).  A report that
cannot be read is named on stderr and left out; the others still get their memo (exit status 2 then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    memo = sub.add_parser(
        "memo", help="把审核结果导出为审核意见（Word 或 Markdown）",
        description="检查报告并读取报告旁的审核记录（xxgk review 写入的 *.xxgk-review.json），为每份报告生成"
                    "审核意见：需要整改的问题（原文、位置、计算、审核意见）和经核实可不作修改的问题（理由），"
                    "多份报告合成一个文件。")
    memo.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="报告文件或目录")
    memo.add_argument("--format", choices=("docx", "markdown"),
                      help="docx（Word 文档）或 markdown；默认按输出文件扩展名，否则 markdown")
    memo.add_argument("--output", "-o", type=Path, metavar="FILE", help="写入文件（docx 必须指定）；默认标准输出")
    memo.add_argument("--office", default="", metavar="名称", help="审核机关名称，写在意见抬头和落款")
    memo.add_argument("--reference", default="", metavar="文号", help="文号，如 示政公审〔2026〕3号；不写则留空待填")
    memo.add_argument("--deadline", default="", metavar="日期", help="整改期限，如 2026-12-20")
    memo.add_argument("--reviewer", default="", metavar="姓名", help="审核记录中没有署名时使用的审核人")
    memo.add_argument("--ruleset", metavar="NAME|PATH", help="规则集名称或 TOML 文件路径（同 xxgk check）")


def run(args: argparse.Namespace) -> int:
    # imported here: building the parser (``xxgk --version``) must stay light
    from xxgk_lint import __version__

    from .config import CliOptions
    from .crossyear import check_corpus
    from .memo import MemoOptions, MemoReport, memo_blocks, to_docx, to_markdown
    from .model import Severity
    from .plugins import load_plugins
    from .rules import problem_of
    from .ruleset import ConfigError
    from .runner import RuleResolver, lint_paths
    from .waivers import read_review, review_path

    fmt = args.format or ("docx" if args.output is not None and args.output.suffix.lower() == ".docx" else "markdown")
    if fmt == "docx" and args.output is None:
        print("xxgk: --format docx 需要用 -o 指定输出文件", file=sys.stderr)
        return EXIT_USAGE
    if args.output is not None and any(args.output.resolve() == p.resolve() for p in args.paths):
        print(f"xxgk: {args.output}: 输出文件不能是被检查的文件", file=sys.stderr)
        return EXIT_USAGE
    host = load_plugins()
    resolver = RuleResolver(host, CliOptions(args.ruleset, None, ()))
    result = lint_paths(args.paths, host, resolver, Severity.ERROR)
    try:  # the memo holds what ``xxgk check`` finds, cross-year checks of paired reports included
        check_corpus(result, resolver)
    except ConfigError as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_USAGE if result.errors else EXIT_OK
    for run_error in result.errors:
        print(f"xxgk: {run_error.source}: {run_error.message}", file=sys.stderr)
    options = MemoOptions(office=args.office, reference=args.reference, deadline=args.deadline,
                          reviewer=args.reviewer, tool=f"xxgk-lint {__version__}")

    def problem(code: str) -> str:
        return problem_of(result.rules.get(code))

    memos = []
    for file in result.files:
        if file.report is None:
            for error in file.errors:
                print(f"xxgk: {file.path}: {error.message}（未生成审核意见）", file=sys.stderr)
            status = EXIT_USAGE
            continue
        decisions = {}
        own = review_path(Path(file.path))
        if own.is_file():
            try:
                decisions = read_review(own)[1]
            except ConfigError as exc:
                print(f"xxgk: {exc}", file=sys.stderr)
                status = EXIT_USAGE
        present = {f.fingerprint for f in file.findings}
        stale = [d for fp, d in decisions.items() if fp not in present]
        memo = MemoReport(file.path, file.report, file.findings, decisions, stale)
        memos.append(memo_blocks(memo, options, problem))
    if not memos:
        print("xxgk: 没有可以生成审核意见的报告", file=sys.stderr)
        return EXIT_USAGE
    try:
        if fmt == "docx":
            to_docx(memos, args.output)
        elif args.output is not None:
            args.output.write_text(to_markdown(memos), encoding="utf-8")
        else:
            sys.stdout.write(to_markdown(memos))
    except OSError as exc:
        print(f"xxgk: {args.output}: 无法写入审核意见（{exc.strerror or exc}）", file=sys.stderr)
        return EXIT_USAGE
    if args.output is not None:
        print(f"xxgk: 已写入 {len(memos)} 份报告的审核意见：{args.output}", file=sys.stderr)
    return status
