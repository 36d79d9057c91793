"""TripleSet: the graphs the loader builds, as N-Triples lines, read back as what they state."""

from __future__ import annotations

import pickle

import pytest
from rdflib import Literal, URIRef

from pstkg.triples import TripleSet, plain, text, typed

SUBJECT, P, OBJECT = "https://example.org/s", "https://example.org/p", "https://example.org/o"
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def test_literals_come_back_as_written_whatever_they_hold() -> None:
    tricky = 'guillemets " et \\ barre, fin\nde ligne\r, séparateur \u2028 et « œuvre »'
    triples = TripleSet()
    triples.add(SUBJECT, P, text(tricky))
    triples.add(SUBJECT, P, plain("5 ETP"))
    triples.add(SUBJECT, P, typed("5", INTEGER))
    assert set(triples.graph()) == {
        (URIRef(SUBJECT), URIRef(P), Literal(tricky, lang="fr")),
        (URIRef(SUBJECT), URIRef(P), Literal("5 ETP")),
        (URIRef(SUBJECT), URIRef(P), Literal("5", datatype=INTEGER)),
    }


def test_a_triple_stated_twice_is_one_triple() -> None:
    triples = TripleSet()
    triples.add(URIRef(SUBJECT), URIRef(P), URIRef(OBJECT))
    triples.add(SUBJECT, P, OBJECT)  # a URIRef and its str are the same IRI
    triples.add(SUBJECT, P, text("o"))
    assert len(triples) == 2
    assert (URIRef(SUBJECT), P, OBJECT) in triples and (SUBJECT, P, text("o")) in triples
    assert (SUBJECT, P, plain("o")) not in triples


def test_statements_written_as_lines_split_on_line_feeds_only() -> None:
    triples = TripleSet()
    triples.add_lines(f'<{SUBJECT}> <{P}> "a\u2028b"@fr .\n<{SUBJECT}> <{P}> <{OBJECT}> .\n')
    assert len(triples) == 2
    assert (SUBJECT, P, text("a\u2028b")) in triples


def test_a_set_sent_to_another_process_is_the_same_set() -> None:
    triples = TripleSet()
    triples.add(SUBJECT, P, text("é"))
    triples.add(SUBJECT, P, OBJECT)
    again = pickle.loads(pickle.dumps(triples))
    assert len(again) == 2 and again.ntriples() == triples.ntriples()
    again.add(SUBJECT, P, OBJECT)  # still a set once read back
    assert len(again) == 2 and (SUBJECT, P, text("é")) in again


def test_named_graph_quads() -> None:
    triples = TripleSet()
    triples.add(SUBJECT, P, text("a .\nb"))
    assert triples.nquads("https://example.org/g") == (
        f'<{SUBJECT}> <{P}> "a .\\nb"@fr <https://example.org/g> .\n'.encode()
    )


@pytest.mark.parametrize("iri", ["relative/iri", "https://example.org/a b", "https://e.org/<x>"])
def test_what_is_not_an_absolute_iri_is_refused(iri: str) -> None:
    triples = TripleSet()
    triples.add(SUBJECT, P, iri)
    with pytest.raises(ValueError, match="not an absolute IRI"):
        triples.ntriples()
