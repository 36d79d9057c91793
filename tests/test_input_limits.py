"""Bounds at load (issue #14, item 5): file sizes, lines, titles, fiche fields, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.limits import (
    MAX_FIELD_LENGTH,
    MAX_FILE_SIZE,
    MAX_ITEMS,
    MAX_LINE_LENGTH,
    MAX_LINES,
    MAX_TITLE_LENGTH,
)
from pstkg.loaders.read import read_document
from pstkg.reading import read_plan_graph

from .conftest import CORPUS

ANDERLUES = CORPUS / "anderlues-2019-2024.txt"
OS_100_LINE = 803
"""Anderlues' line "100 -Être un CPAS qui favorise l'insertion sociale…", OS 100's heading."""


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path)
    return str(caught.value)


def _titles(path: Path) -> list[str | None]:
    parsed = read_document(path).parsed
    return [
        *(os_.title for os_ in parsed.strategic_objectives),
        *(oo.title for oo in parsed.operational_objectives()),
        *(action.title for action in parsed.actions()),
    ]


def test_a_file_over_its_kind_s_size_is_refused_unread(tmp_path: Path):
    path = tmp_path / "plan.txt"
    with path.open("wb") as handle:  # sparse: the size is what is checked, before reading
        handle.write(b"Objectif strat\xc3\xa9gique 1 : Aider\n")
        handle.truncate(MAX_FILE_SIZE[".txt"] + 1)
    reason = _refusal(path)
    assert reason.startswith("plan.txt: the file is too large to be a plan (16,777,217 bytes")
    assert "limit 16,777,216" in reason


def test_a_title_that_is_one_huge_line_is_cut_with_a_warning(tmp_path: Path):
    """The 19-million-character title of the issue, in a real plan (kept under 16 MiB)."""
    lines = ANDERLUES.read_bytes().split(b"\n")
    heading = lines[OS_100_LINE - 1].rstrip()
    lines[OS_100_LINE - 1] = heading + b" mot" * 3_000_000
    path = tmp_path / "anderlues-2019-2024.txt"
    path.write_bytes(b"\n".join(lines))

    document, _, built = read_plan_graph(path)
    parsed = document.parsed
    clean = read_document(ANDERLUES).parsed
    assert len(parsed.actions()) == len(clean.actions())
    assert [len(os_.operational_objectives) for os_ in parsed.strategic_objectives] == [
        len(os_.operational_objectives) for os_ in clean.strategic_objectives
    ]
    longest = max(len(str(o)) for _, _, o in built.triples.graph())
    assert longest <= MAX_LINE_LENGTH
    assert all(len(title or "") <= MAX_TITLE_LENGTH for title in _titles(path))
    warnings = {(w.span.first_line, w.message) for w in parsed.warnings}
    assert (
        OS_100_LINE,
        f"line of 12,000,077 characters cut to {MAX_LINE_LENGTH:,} (the limit for one line)",
    ) in warnings
    assert any("OS 100" in message and "cut to" in message for _, message in warnings)


def test_template_titles_and_fields_over_their_limit_are_cut(tmp_path: Path):
    path = tmp_path / "plan.csv"
    long_title = "Accompagner " + "les familles " * 200
    long_text = "Une description " * 2_000
    path.write_text(
        "os_titre;oo_titre;action_titre;description;partenaires\n"
        f'Aider;Soutenir;{long_title};{long_text};"Forem; ???"\n',
        encoding="utf-8",
    )
    parsed = read_document(path).parsed
    (action,) = parsed.actions()
    assert len(action.title) <= MAX_TITLE_LENGTH and action.title.startswith("Accompagner les")
    kept = action.title.removesuffix("…")
    assert long_title.startswith(kept + " ")  # cut at a word, an ellipsis says so
    (fiche,) = action.fiches
    assert fiche.description is not None and len(fiche.description) <= MAX_FIELD_LENGTH
    assert fiche.partners == ["Forem"]
    messages = {(w.span.first_line, w.message) for w in parsed.warnings}
    assert (
        2,
        f"the title of action: 2,611 characters, cut to 990 (limit {MAX_TITLE_LENGTH:,})",
    ) in (messages)
    assert (
        2,
        "the action's fiche, field description: 31,999 characters, cut to 19,987 "
        f"(limit {MAX_FIELD_LENGTH:,})",
    ) in messages
    assert (
        2,
        "the action's fiche, field partners named '???' has no letter or digit: ignored",
    ) in messages


def test_an_item_nothing_identifies_is_refused_with_its_line(tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "os_titre;oo_titre;action_titre\nAider;Soutenir;Former\nAider;!!!;Suivre\n",
        encoding="utf-8",
    )
    assert _refusal(path) == (
        "plan.csv:3: this OO has neither a code nor a title with a letter or digit ('!!!'): "
        "nothing to identify it by"
    )


def test_a_code_without_letter_or_digit_is_dropped(tmp_path: Path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "os_code;os_titre;oo_titre;action_titre\n—;Aider;Soutenir;Former\n", encoding="utf-8"
    )
    parsed = read_document(path).parsed
    (os_,) = parsed.strategic_objectives
    assert os_.code is None and os_.title == "Aider"
    assert any(
        w.message == "the OS code named '-' has no letter or digit: ignored"
        for w in parsed.warnings
    )


def test_a_domaine_is_bounded_once_and_refused_when_nothing_names_it(tmp_path: Path):
    rows = "\n".join(f"—;{{title}};Aider {n};Soutenir;Former" for n in (1, 2))
    header = "domaine_code;domaine;os_titre;oo_titre;action_titre\n"
    named = tmp_path / "nomme.csv"
    named.write_text(header + rows.format(title="Social") + "\n", encoding="utf-8")
    parsed = read_document(named).parsed
    assert [os_.policy_area.title for os_ in parsed.strategic_objectives] == ["Social"] * 2
    dropped = [w for w in parsed.warnings if "domaine code" in w.message]
    assert [(w.span.first_line, w.message) for w in dropped] == [
        (2, "the domaine code named '-' has no letter or digit: ignored")
    ]
    unnamed = tmp_path / "anonyme.csv"
    unnamed.write_text(header + rows.format(title="???") + "\n", encoding="utf-8")
    assert _refusal(unnamed) == (
        "anonyme.csv:2: this domaine has neither a code nor a title with a letter or digit "
        "('???'): nothing to identify it by"
    )


def test_millions_of_lines_or_items_are_refused_before_building(tmp_path: Path):
    blank = tmp_path / "vide.txt"
    blank.write_bytes(b"\r\n" * (MAX_LINES + 1) + b"Objectif 1")
    assert _refusal(blank) == (
        f"vide.txt: the document has {MAX_LINES + 1:,} lines (limit {MAX_LINES:,}): "
        "not a plan's text"
    )
    many = tmp_path / "plan.csv"
    rows = "".join(f"OS {n};OO {n};Action {n}\n" for n in range(MAX_ITEMS // 3 + 1))
    many.write_text("os_titre;oo_titre;action_titre\n" + rows, encoding="utf-8")
    assert _refusal(many) == (
        f"plan.csv: the document holds {3 * (MAX_ITEMS // 3 + 1):,} objectives and actions "
        f"(limit {MAX_ITEMS:,})"
    )
