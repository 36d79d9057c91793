"""Normalisation: different extractions of the same text become the same lines."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from pstkg.errors import InputError
from pstkg.loaders.text import (
    _CHARACTER_FOLDS,
    _LIGATURES,
    fold_accents,
    fold_for_matching,
    join_wrapped,
    normalise_line,
    read_source,
)
from pstkg.loaders.titles import FirstWords, edit_distance, tokens_match, within_edits

PATH = Path("plan.txt")


def test_quotes_ellipses_spaces_and_ligatures_are_folded():
    assert normalise_line("  l\u2019accueil\u00a0: \u00ab Li Burnal \u00bb, \u2026 ") == (
        "l'accueil : \u00ab Li Burnal \u00bb, ..."
    )
    assert normalise_line("objectifs \ufb01x\u00e9s\tpar") == "objectifs fixés par"
    assert normalise_line("a....b") == "a...b"


def test_utf8_and_windows_1252_crlf_give_the_same_lines():
    text = "O.O.1.1.1. aménager l\u2019accès\n- Acheter un ordinateur\u2026\n"
    utf8 = read_source(PATH, text.encode("utf-8"))
    cp1252 = read_source(PATH, text.replace("\n", "\r\n").encode("cp1252"))
    assert utf8.encoding == "utf-8" and cp1252.encoding == "windows-1252"
    assert utf8.lines == cp1252.lines
    assert [line.number for line in utf8.lines] == [1, 2]


def test_line_numbers_survive_blank_lines_and_form_feeds():
    source = read_source(PATH, b"first\n\n\x0csecond\r\nthird")
    assert [(line.number, line.text) for line in source.content_lines()] == [
        (1, "first"),
        (3, "second"),
        (4, "third"),
    ]


def test_a_utf8_bom_is_not_text():
    assert read_source(PATH, "\ufeffPST".encode()).lines[0].text == "PST"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (bytes(range(0, 32)) * 40, "binary"),
    ],
)
def test_bad_bytes_are_refused_with_the_file_name(data: bytes, reason: str):
    with pytest.raises(InputError) as caught:
        read_source(PATH, data)
    assert "plan.txt" in str(caught.value)
    assert reason in str(caught.value)


def test_fold_for_matching_ignores_case_accents_and_punctuation():
    assert fold_for_matching("Être un CPAS, qui…") == fold_for_matching("etre un cpas qui...")
    assert fold_for_matching("A l'étude") == "a l etude"


def test_join_wrapped_keeps_the_span_of_each_logical_line():
    source = read_source(PATH, b"- first action\nwrapped here\n\n- second\n")
    joined = join_wrapped(source.lines, lambda text, _previous: text.startswith("- "))
    assert [(j.text, j.first, j.last) for j in joined] == [
        ("- first action wrapped here", 1, 2),
        ("- second", 4, 4),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Plain ASCII\twith a tab  and  spaces ....",
        "Aînés\u00a0: l\u2019accueil \u2026 « œuvre » \ufb01n",  # no-break space, ligature
        "e\u0301te\u0301 \u034f grapheme joiner, \U0001d165 a musical mark",
        "\u200bzero width\u00ad soft hyphen \u2013 dash",
    ],
)
def test_the_fast_paths_fold_as_the_general_one(line: str):
    # The general way: what normalise_line and fold_accents did before their fast paths.
    general = unicodedata.normalize("NFC", line)
    for ligature, letters in _LIGATURES.items():
        general = general.replace(ligature, letters)
    general = general.translate(_CHARACTER_FOLDS).replace("\u2026", "...")
    general = re.sub(r" {2,}", " ", re.sub(r"\.{3,}", "...", general)).strip()
    assert normalise_line(line) == general
    lower = line.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", lower)
    assert fold_accents(line) == "".join(c for c in decomposed if not unicodedata.combining(c))


def test_typo_tolerance_is_the_edit_distance_within_its_bound():
    rng = random.Random(3)
    for _ in range(3000):
        first = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        second = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        for limit in (0, 1, 2, 3):
            assert within_edits(first, second, limit) == (edit_distance(first, second) <= limit)
    words = {"".join(rng.choice("abcd") for _ in range(rng.randint(1, 8))) for _ in range(300)}
    index = FirstWords(words)
    for word in [*words, "abcdabcd", "dd", "abcab"]:
        assert sorted(index.spelt_by(word)) == sorted(
            other for other in words if tokens_match((word,), (other,))
        )


# -- search folding: Python (the folded texts `pst load` writes) and SPARQL (search.rq) agree ---

_TRICKY_TEXTS = [
    "Taxi-Social",
    "Article 60§7 (art. 61)",
    "L\u2019accueil des aînés à Hôtel-de-Ville",
    "ŒUVRE, cœur et Noël ; Ça va… «citoyen»",
    "  Jobcoach\u00a0/ ÉTÉ 2025 — ÉCOLE  ",
    "Ærø, naïve, Müller, Ünal, Straße, İzmir",
    "",
]


def _sparql_folding_of_the_search_query() -> str:
    query = (Path(__file__).parent.parent / "queries" / "search.rq").read_text(encoding="utf-8")
    match = re.search(r"BIND\((COALESCE\(.*?\)) AS \?phrase\)", query, re.DOTALL)
    assert match, "search.rq folds its phrase in a BIND(… AS ?phrase)"
    return match.group(1)


@pytest.mark.parametrize("text", _TRICKY_TEXTS)
def test_search_folding_in_python_is_the_search_querys_folding(text: str) -> None:
    import pyoxigraph

    from pstkg.linking.text import fold_for_search

    expression = _sparql_folding_of_the_search_query()
    literal = pyoxigraph.Literal(text)
    sparql = (
        f"SELECT ?folded WHERE {{ VALUES ?words {{ {literal} }} BIND({expression} AS ?folded) }}"
    )
    [solution] = list(pyoxigraph.Store().query(sparql))
    assert fold_for_search(text) == solution["folded"].value


def test_search_folding_reads_as_a_person_would_expect() -> None:
    from pstkg.linking.text import fold_for_search

    assert fold_for_search("Taxi-Social") == " taxi social "
    assert fold_for_search("L'accueil des aînés, été 2025") == " l accueil des aines ete 2025 "
    assert " taxi social " in fold_for_search("Mettre en place un TAXI SOCIAL.")
