"""Text reader: encodings, BOMs, line endings and offsets that still point at the original characters."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from xxgk_lint.core.readers import ReadError
from xxgk_lint.plugins.readers.text import TextReader

DATA = Path(__file__).parent / "data"
TEXT = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")


def read(data: bytes, name: str = "r.txt"):
    return TextReader().read(Path(name), data)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-le-bom", "utf-16-be-bom", "crlf"],
)
def test_encodings_give_the_same_report(encode):
    report = read(encode(TEXT))
    assert report.text == TEXT
    assert report.title == "示例县人民政府 2023 年政府信息公开工作年度报告"
    assert report.tables[3].cells["t3.new.total"].value == 16
    assert [s.number for s in report.sections] == list("一二三四五六")


def test_offsets_map_to_original_lines_and_columns():
    report = read(TEXT.replace("\n", "\r\n").encode("utf-8"))
    cell = report.tables[3].cells["t3.result.total.natural"]
    line, column = report.position(cell.provenance.span.start)
    assert (line, column) == (59, 9)
    assert TEXT.splitlines()[line - 1][column - 1:column - 1 + len(cell.raw)] == "13"


def test_folding_keeps_full_width_punctuation_in_text():
    report = read(TEXT.replace("示例县", "示例县（试点）").encode("utf-8"))
    assert "（试点）" in report.text
    assert len(report.folded) == len(report.text)
    assert "(试点)" in report.folded


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\r\n \t\r\n", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        ("政府".encode() + b"\xc3\x28" * 10, "encoding"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "encoding"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "binary"),
    ],
    ids=["empty", "whitespace", "bom-only", "zip", "undecodable", "broken-utf16", "control-chars"],
)
def test_unreadable_input_raises_read_error(data, code):
    with pytest.raises(ReadError) as info:
        read(data)
    assert info.value.code == code
    assert info.value.message  # a Chinese sentence naming the problem


def test_kangxi_radicals_and_full_width_digits_are_read():
    text = TEXT.replace("行政处罚\t418", "行政处罚\t４１８")
    report = read(text.replace("二、主动公开", "⼆、主动公开").encode("utf-8"))
    assert report.tables[2].cells["t2.penalty.decisions"].value == 418
    assert report.tables[2].cells["t2.penalty.decisions"].raw == "４１８"
    assert [s.number for s in report.sections] == list("一二三四五六")
