"""The Markdown reader, tested with xxgk_lint.testing (the reader is passed in, installed or not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from xxgk_example.markdown_reader import MarkdownReader, render
from xxgk_example.rules import ProposalsHandlingReported

from xxgk_lint.core.readers import ReadError
from xxgk_lint.testing import assert_finding, lint_path, read_path, read_text, sample_report_text

DATA = Path(__file__).parent / "data"


def test_headings_and_pipe_tables_become_lines_and_tab_rows():
    text, _ = render("# 标题\n\n## 一、总体情况\n\n"
                     "| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | **0** |\n| 空白 |  |\n")
    assert text == "标题\n\n一、总体情况\n\n信息内容\t本年制发件数\n规章\t0\n空白\t\n"


def test_escaped_bar_stays_in_the_cell():
    text, _ = render("| a \\| b | c |\n")
    assert text == "a | b\tc\n"


def test_reads_the_same_report_as_the_text():
    md = read_path(DATA / "example-report.md", readers=[MarkdownReader()])
    txt = read_text(sample_report_text({"示例县人民政府 2023 年": "示例省示例县人民政府 2023 年",
                                        "\n示例县人民政府\n": "\n示例省示例县人民政府\n"}))
    assert md.input_format == "markdown"
    assert (md.title, md.organization, md.year, md.format_version) == (
        txt.title, txt.organization, txt.year, txt.format_version)
    assert [s.number for s in md.sections] == ["一", "二", "三", "四", "五", "六"]
    for kind in (2, 3, 4):
        assert {c.id: c.value for c in md.tables[kind].cells.values()} == {
            c.id: c.value for c in txt.tables[kind].cells.values()}


def test_findings_point_at_markdown_lines():
    findings = lint_path(DATA / "example-report.md", [ProposalsHandlingReported], readers=[MarkdownReader()])
    finding = assert_finding(findings, "EX101", section="六")
    lines = (DATA / "example-report.md").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1] == "## 六、其他需要报告的事项"
    assert finding.column == 4  # after "## "


def test_empty_and_non_utf8_files_are_read_errors(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"  \n")
    with pytest.raises(ReadError) as info:
        read_path(empty, readers=[MarkdownReader()])
    assert info.value.code == "empty"
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("一、总体情况".encode("gb18030"))
    with pytest.raises(ReadError) as info:
        read_path(gbk, readers=[MarkdownReader()])
    assert info.value.code == "encoding"
