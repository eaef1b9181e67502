"""Turn decoded report text into the document model: the shared back half of every reader.

Readers differ in how they get text out of a file; from text on, structure extraction is the same for all of
them, so every rule sees the same model whatever the input format was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .flattened import no_identity, recover_rows, recover_table4, t3_columns, t3_identity
from .layouts import T2_MARKERS_2019, T2_MARKERS_2021, T3_RESULT_LEAVES_2019, T3_RESULT_LEAVES_2021, T4_BLOCKS, t3_rows
from .model import FormatVersion, Report, Section, SectionKind, SourceMap, Span, Table
from .structure import find_headings, find_metadata, find_sections, find_signoff, find_title, parse_title
from .tables import parse_table2, parse_table3, parse_table4, table2_layout, table3_layout
from .textnorm import fold, label_key, line_starts

#: Section kind holding each table, and how to find the table when that section is missing.
_TABLE_HOME: dict[int, SectionKind] = {
    2: SectionKind.PROACTIVE,
    3: SectionKind.REQUESTS,
    4: SectionKind.REVIEW_LITIGATION,
}
_TABLE_ANCHOR: dict[int, re.Pattern[str]] = {
    2: re.compile(r"第二十条第\s*\(\s*一\s*\)\s*项"),
    3: re.compile(r"本年新收"),
    4: re.compile(r"行政复议[^\n]{0,80}\n?[^\n]{0,80}行政诉讼"),
}
_PARSERS: dict[int, Callable[[str, Span], Table | None]] = {2: parse_table2, 3: parse_table3, 4: parse_table4}


def _recover_flattened(kind: int, text: str, region: Span) -> Table | None:
    """Re-read a region whose cells ran together (web-page text export); see core/flattened.py."""
    if kind == 2:
        layout, rows = table2_layout(text, region)
        return recover_rows(Table(2, layout, span=region), text, region, rows, no_identity)
    if kind == 3:
        shape = table3_layout(text, region)
        if shape is None:
            return None
        layout, subtotal = shape
        variants = frozenset({"subtotal"} if subtotal else ())
        leaves = T3_RESULT_LEAVES_2019 if layout == "2019" else T3_RESULT_LEAVES_2021
        return recover_rows(Table(3, layout, variants, span=region), text, region, t3_rows(layout, subtotal),
                            t3_identity(subtotal), t3_columns(leaves))
    return recover_table4(Table(4, "standard", span=region), text, region, T4_BLOCKS)


def _read_table(kind: int, text: str, region: Span) -> Table | None:
    table = _PARSERS[kind](text, region)
    if table is not None and not table.unplaced:
        return table
    recovered = _recover_flattened(kind, text, region)
    if recovered is not None and len(recovered.cells) > (len(table.cells) if table else 0):
        return recovered
    return table
_LEGACY_HEADINGS = re.compile(r"依申请公开政府信息和不予公开政府信息的情况|政府信息公开的收费及减免情况")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _table_region(table: int, sections: list[Section], folded: str) -> Span | None:
    home = [s for s in sections if s.kind is _TABLE_HOME[table]]
    if home:
        # A duplicated section (leftover text) keeps its table in the last copy more often than not.
        return Span(home[-1].heading_span.end, home[-1].span.end)
    m = _TABLE_ANCHOR[table].search(folded)
    if not m:
        return None
    later = [s.span.start for s in sections if s.span.start > m.start()]
    return Span(m.start(), later[0] if later else len(folded))


def _format_version(tables: dict[int, Table], folded: str) -> FormatVersion:
    t2 = tables.get(2)
    if t2 is not None:
        return FormatVersion.V2019 if t2.layout == "2019" else FormatVersion.V2021
    t3 = tables.get(3)
    if t3 is not None and t3.cells:
        return FormatVersion.V2019 if t3.layout == "2019" else FormatVersion.V2021
    key = label_key(folded)
    if any(m in key for m in T2_MARKERS_2021):
        return FormatVersion.V2021
    if any(m in key for m in T2_MARKERS_2019):
        return FormatVersion.V2019
    if _LEGACY_HEADINGS.search(folded):
        return FormatVersion.LEGACY
    return FormatVersion.UNKNOWN


def build_report(path: str, input_format: str, raw_text: str, metadata: dict[str, str] | None = None,
                 source_map: SourceMap | None = None, reader_notes: list[str] | None = None) -> Report:
    """``raw_text`` renders tables as tab-separated lines; ``source_map`` (offsets into the text after newline
    normalisation) tells where chunks came from in HTML/DOCX/PDF sources; ``metadata`` may carry title,
    organization and published (ISO date) from the page around the report; ``reader_notes`` say what part of
    the file could not be read (rule T111 reports them)."""
    text = normalise_newlines(raw_text)
    folded = fold(text)
    headings = find_headings(folded)
    sections = find_sections(text, folded, headings)
    report = Report(path=path, input_format=input_format, text=text, folded=folded,
                    line_starts=line_starts(text), headings=headings, sections=sections, source_map=source_map,
                    reader_notes=list(reader_notes or ()))

    meta = {**find_metadata(folded), **(metadata or {})}
    first_section = sections[0].span.start if sections else min(len(text), 3000)
    title = find_title(text, folded, first_section)
    if title is not None:
        report.title, report.title_span = title.title, title.span
        report.title_organization, report.year = title.organization, title.year
    elif "title" in meta:  # no title line in the body: the page's metadata names the report
        report.title = meta["title"]
        report.title_organization, report.year = parse_title(fold(meta["title"]))
    signoff = find_signoff(text, folded)
    if signoff is not None:
        report.signoff_organization = signoff.organization
        report.signoff_date = signoff.date
        report.signoff_span = signoff.span
    report.organization = _resolve_organization(report.title_organization, report.signoff_organization,
                                                meta.get("organization"))
    report.publication_date = meta.get("published")

    for kind in (2, 3, 4):
        region = _table_region(kind, sections, folded)
        if region is not None:
            table = _read_table(kind, text, region)
            if table is not None:
                report.tables[kind] = table
    report.format_version = _format_version(report.tables, folded)
    return report


def _resolve_organization(title_org: str | None, signoff_org: str | None, meta_org: str | None) -> str | None:
    """The title's name, completed by a sign-off or metadata name that contains it (圪塔上乡 → 兴县圪塔上乡人民政府)."""
    name = title_org
    for fuller in (signoff_org, meta_org):
        # only a place prefix may be added: 示例县人民政府 must not become 示例县人民政府办公室 (another body)
        if fuller and (name is None or (_bare(fuller).endswith(_bare(name)) and len(fuller) > len(name))):
            name = fuller
    return name


def _bare(name: str) -> str:
    return name.removesuffix("人民政府")
