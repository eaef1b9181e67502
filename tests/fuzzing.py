"""Mutations of real test inputs and the property every mutant must satisfy; shared by tests/test_fuzz.py
(bounded, in CI) and tools/fuzz.py (hours, saving crashes under tests/data/fuzz/)."""

from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).parent / "data"
FUZZ = DATA / "fuzz"

#: Inputs of every format the readers take (real-shaped reports from the fixtures).
SEEDS: dict[str, list[Path]] = {
    ".txt": [DATA / "compliant-2021.txt", DATA / "sample-defects.txt", DATA / "legacy-2017.txt"],
    ".html": [DATA / "formats" / "compliant-2021.html", DATA / "formats" / "seed-000.gen.html"],
    ".docx": [DATA / "formats" / "compliant-2021.docx", DATA / "formats" / "seed-001.docx"],
    ".pdf": [DATA / "formats" / "compliant-2021.pdf", DATA / "pdf" / "compliant-2021-ruled.pdf"],
}

#: Every error code a file may get, as documented in docs/json-output.md and docs/reliability.md; "internal"
#: (a reader bug) is deliberately absent.
DOCUMENTED = {"empty", "binary", "encoding", "unsupported", "not-found", "unreadable", "no-text", "no-unicode",
              "not-pdf", "encrypted", "corrupt", "truncated", "config"}


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def splice(data: bytes, other: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def random_unicode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(text) + 1)
        piece = "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x4e00, 0x9fff),
                                        rng.randrange(0x10000, 0x10ffff), rng.choice([0, 0xfeff, 0x200b, 0x3000,
                                                                                       0xd800 - 1, 0x2028, 9, 10])]))
                        for _ in range(rng.randint(1, 20)))
        text = text[:at] + piece + text[at:]
    return text.encode("utf-8", errors="surrogatepass")


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i, j = sorted(rng.randrange(len(lines) + 1) for _ in range(2))
    middle = lines[i:j]
    rng.shuffle(middle)
    return b"\n".join(lines[:i] + middle + lines[j:])


def table_shape(rng: random.Random) -> tuple[bytes, bytes]:
    """A report whose table 3 has a random shape: as tab-separated text and as an HTML table with spans."""
    base = (DATA / "compliant-2021.txt").read_text(encoding="utf-8")
    rows = rng.randint(0, 40)
    cells = [[rng.choice(["", "0", "1", "12", "-", "合计", "一、", "（一）", "x" * rng.randint(0, 30), "３"])
              for _ in range(rng.randint(0, 12))] for _ in range(rows)]
    text = base + "\n" + "\n".join("\t".join(r) for r in cells) + "\n"

    def spans() -> str:
        return rng.choice(["", f' colspan="{rng.randint(0, 20)}"', f' rowspan="{rng.randint(0, 20)}"',
                           ' colspan="100000000"', ' rowspan="-3"', ' colspan="x"'])

    html = "<html><body><p>" + base.replace("\n", "</p><p>") + "</p><table>" + "".join(
        "<tr>" + "".join(f"<td{spans()}>{c}</td>" for c in r) + "</tr>" for r in cells) + "</table></body></html>"
    return text.encode(), html.encode()


def mutate(suffix: str, rng: random.Random) -> bytes:
    seeds = SEEDS[suffix]
    data = rng.choice(seeds).read_bytes()
    how = rng.choice(["flip", "truncate", "splice", "unicode", "shuffle", "table", "stack"])
    if how == "table" and suffix in (".txt", ".html"):
        return table_shape(rng)[0 if suffix == ".txt" else 1]
    for _ in range(rng.randint(1, 3) if how == "stack" else 1):
        step = how if how != "stack" else rng.choice(["flip", "truncate", "splice", "unicode", "shuffle"])
        if step == "flip":
            data = flip(data, rng)
        elif step == "truncate":
            data = truncate(data, rng)
        elif step == "splice":
            data = splice(data, rng.choice(seeds).read_bytes(), rng)
        elif step == "unicode":
            data = random_unicode(data, rng) if suffix != ".docx" else flip(data, rng)
        elif step == "shuffle":
            data = shuffle_lines(data, rng)
    return data


def check_property(data: bytes, suffix: str) -> None:
    """The promise under any input: a result, never an exception; file errors only with documented codes (or
    a named limit); no rule crashes."""
    import xxgk_lint

    result = xxgk_lint.lint_bytes(data, f"fuzz{suffix}")
    for error in result.errors:
        assert error.code in DOCUMENTED or error.code.startswith("limit-"), (error.code, error.message)
        assert error.message
    crashed = [e for e in result.run_result().errors if "运行出错" in e.message or "无效的结果" in e.message]
    assert not crashed, crashed
    assert result.exit_code in (0, 1, 2)
    if result.report is None:
        assert result.errors and result.exit_code == 2


def check_outputs(data: bytes, suffix: str) -> None:
    """Every output format renders the result of any input."""
    import io
    import json

    import xxgk_lint
    from xxgk_lint.core.plugins import load_plugins

    result = xxgk_lint.lint_bytes(data, f"fuzz{suffix}")
    json.dumps(result.to_dict(), ensure_ascii=False)
    for _, reporter in load_plugins().reporters.values():
        reporter.render(result.run_result(), io.StringIO())
