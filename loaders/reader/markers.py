"""The marker table (markers.toml), loaded once and compiled into regular expressions.

The table is data: what each marker looks like. This module only turns it into compiled
patterns with names the reader's modules use; it decides nothing about a document.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["op", "os", "oo", "action"]
TREE_LEVELS: tuple[Level, ...] = ("os", "oo", "action")
"""The levels of a plan's tree, top down (political objectives stand beside it)."""


@dataclass(frozen=True)
class FieldSpec:
    """One fiche field of the table: what it fills, how its value reads, its labels."""

    attribute: str
    kind: str
    label: re.Pattern[str]
    bare: bool
    forms: str
    """The labels alone, as one alternation (to find them inside a line)."""


@dataclass(frozen=True)
class Markers:
    """The compiled marker table."""

    level_names: dict[str, str]
    heading: re.Pattern[str]
    heading_keywords: tuple[tuple[Level, re.Pattern[str]], ...]
    numbered_line: re.Pattern[str]
    hundreds_os: re.Pattern[str]
    hundreds_oo: re.Pattern[str]
    bullet: re.Pattern[str]
    parts: dict[str, str]
    volet: re.Pattern[str]
    area: re.Pattern[str]
    theme_max_words: int
    op_heading: re.Pattern[str]
    op_row: re.Pattern[str]
    op_os_reference: re.Pattern[str]
    op_none: re.Pattern[str]
    op_comment: re.Pattern[str]
    chapter_numbered: re.Pattern[str]
    chapter_titles: frozenset[str]
    crossref_section: re.Pattern[str]
    enjeu_heading: re.Pattern[str]
    crossref_list_heading: re.Pattern[str]
    enjeu_in_text: re.Pattern[str]
    fiche_headers: tuple[re.Pattern[str], ...]
    fiche_max_title_lines: int
    fields: tuple[FieldSpec, ...]
    field_label: re.Pattern[str]
    """Every field label in one pattern: group ``f{i}`` names ``fields[i]``."""
    mark_priority_keyword: str
    mark_status_keyword: str
    priority_values: frozenset[str]
    status_values: frozenset[str]
    empty_values: frozenset[str]
    page_number: re.Pattern[str]
    placeholders: tuple[tuple[str, ...], ...]
    repeated_min: int
    toc_heading: re.Pattern[str]
    toc_entry: re.Pattern[str]
    table_min_columns: int
    table_columns: dict[str, str]
    facts: dict[str, re.Pattern[str]]
    values_headings: frozenset[str]
    values_caption: str
    values_max_words: int
    months: dict[str, int]


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")"


def _compile_headings(table: dict) -> tuple[re.Pattern[str], tuple]:
    """One pattern for every keyword heading; the keyword group names the level."""
    spec = table["heading"]
    keyword_groups = []
    per_level = []
    for level, entry in table["levels"].items():
        forms = [*entry.get("abbreviations", [])]
        forms += [f"(?i:{keyword})" for keyword in entry.get("keywords", [])]
        keyword_groups.append(f"(?P<kw_{level}>{_alternation(forms)})")
        per_level.append((level, re.compile(_alternation(forms))))
    # keyword, then "N°" and a code, then a separator, then the title (all optional but the
    # keyword; the reader refuses a bare keyword followed by running text).
    pattern = (
        "^(?:" + "|".join(keyword_groups) + ")"
        rf"(?P<sign>\s*{spec['number_sign']})?"
        rf"(?:\s*(?P<code>{spec['code']}))?(?!\d)\.?"
        rf"(?:\s*(?P<sep>{spec['separator']})(?!\d))?"
        r"\s*(?P<title>.*)$"
    )
    return re.compile(pattern), tuple(per_level)


@cache
def markers() -> Markers:
    """The marker table, compiled (read once per process)."""
    text = resources.files("pstkg.loaders.reader").joinpath("markers.toml").read_text("utf-8")
    table = tomllib.loads(text)
    heading, keywords = _compile_headings(table)
    glyphs = "".join(re.escape(glyph) for glyph in table["bullets"]["glyphs"])
    fields = tuple(
        FieldSpec(
            attribute=entry["attribute"],
            kind=entry["kind"],
            label=re.compile("^" + _alternation(entry["labels"]) + r"\s*(?::\s*)?(?P<value>.*)$"),
            bare=entry["bare"],
            forms=_alternation(entry["labels"]),
        )
        for entry in table["fields"]
    )
    field_label = re.compile(
        "^(?:"
        + "|".join(
            f"(?P<f{i}>{_alternation(entry['labels'])})" for i, entry in enumerate(table["fields"])
        )
        + r")\s*(?::\s*)?(?P<value>.*)$"
    )
    facts = {
        key: re.compile(value)
        for key, value in table["facts"].items()
        if isinstance(value, str) and key != "values_caption"
    }
    return Markers(
        level_names={level: entry["name"] for level, entry in table["levels"].items()},
        heading=heading,
        heading_keywords=keywords,
        numbered_line=re.compile(table["numbering"]["numbered_line"]),
        hundreds_os=re.compile(table["numbering"]["hundreds_os"]),
        hundreds_oo=re.compile(table["numbering"]["hundreds_oo"]),
        bullet=re.compile(rf"^(?P<glyph>[{glyphs}])\s+(?P<text>\S.*)$"),
        parts=dict(table["parts"]),
        volet=re.compile(table["groups"]["volet"]),
        area=re.compile(table["groups"]["area"]),
        theme_max_words=table["groups"]["theme_max_words"],
        op_heading=re.compile(table["op_table"]["heading"]),
        op_row=re.compile(table["op_table"]["row"]),
        op_os_reference=re.compile(table["op_table"]["os_reference"]),
        op_none=re.compile(table["op_table"]["none"]),
        op_comment=re.compile(table["op_table"]["comment"]),
        chapter_numbered=re.compile(table["chapters"]["numbered"]),
        chapter_titles=frozenset(table["chapters"]["titles"]),
        crossref_section=re.compile(table["cross_references"]["section"]),
        enjeu_heading=re.compile(table["cross_references"]["enjeu_heading"]),
        crossref_list_heading=re.compile(table["cross_references"]["list_heading"]),
        enjeu_in_text=re.compile(table["cross_references"]["enjeu_in_text"]),
        fiche_headers=tuple(re.compile(p) for p in table["fiche_headers"]["detached"]),
        fiche_max_title_lines=table["fiche_headers"]["max_title_lines"],
        fields=fields,
        field_label=field_label,
        mark_priority_keyword=table["marks"]["priority_keyword"],
        mark_status_keyword=table["marks"]["status_keyword"],
        priority_values=frozenset(table["marks"]["priority_values"]),
        status_values=frozenset(table["marks"]["status_values"]),
        empty_values=frozenset(table["empty_values"]["values"]),
        page_number=re.compile(table["furniture"]["page_number"]),
        placeholders=tuple(tuple(p.split()) for p in table["furniture"]["placeholders"]),
        repeated_min=table["furniture"]["repeated_min"],
        toc_heading=re.compile(table["toc"]["heading"]),
        toc_entry=re.compile(table["toc"]["entry"]),
        table_min_columns=table["table"]["min_columns"],
        table_columns={
            name: column for column, names in table["table"]["columns"].items() for name in names
        },
        facts=facts,
        values_headings=frozenset(table["facts"]["values_headings"]),
        values_caption=table["facts"]["values_caption"],
        values_max_words=table["facts"]["values_max_words"],
        months={name: number for number, name in enumerate(table["facts"]["months"], start=1)},
    )
