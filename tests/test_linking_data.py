"""The data behind the derived links: themes.ttl, partners.ttl, methods.ttl, the stop words.

Each file is SKOS: every concept in one scheme, French and English labels and definitions.
Themes have trigger terms no other theme shares and map to the ODD and the enjeux; the registry
gives no name to two organisations; the methods the code writes exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from pstkg.linking.registry import PARTNERS_TTL, parse_registry, registry
from pstkg.linking.text import stopwords
from pstkg.linking.themes import THEMES_TTL, theme_scheme
from pstkg.namespaces import PSTV, RDF, SDG, SKOS
from pstkg.ontology import ONTOLOGY_DIR

METHODS_TTL = ONTOLOGY_DIR / "methods.ttl"
LINKING_CODE = Path(__file__).resolve().parent.parent / "pstkg" / "linking"


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _languages(graph: Graph, node: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(node, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("path", [THEMES_TTL, PARTNERS_TTL, METHODS_TTL], ids=lambda p: p.name)
def test_concepts_are_in_one_scheme_with_french_and_english_labels(path: Path) -> None:
    graph = _graph(path)
    concepts = [c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)]
    assert concepts
    for concept in concepts:
        assert len(set(graph.objects(concept, SKOS.inScheme))) == 1, concept
        assert {"fr", "en"} <= _languages(graph, concept, SKOS.prefLabel), concept
        assert {"fr", "en"} <= _languages(graph, concept, SKOS.definition), concept
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        tops = set(graph.objects(scheme, SKOS.hasTopConcept))
        members = set(graph.subjects(SKOS.inScheme, scheme))
        assert tops == members, f"{scheme}: hasTopConcept and inScheme disagree"


def test_every_theme_has_a_code_trigger_terms_and_goals() -> None:
    scheme = theme_scheme()
    assert len(scheme.themes) >= 16
    codes = [theme.notation for theme in scheme.themes.values()]
    assert len(set(codes)) == len(codes)
    triggered = {t.theme for found in scheme.triggers_by_first_key.values() for t in found}
    assert triggered == set(scheme.themes)
    for theme in scheme.themes.values():
        goals = {goal for goal, _ in theme.goals}
        assert any(str(goal).startswith(str(SDG)) for goal in goals), theme.notation
        assert any(str(goal).startswith(str(PSTV["enjeu-"])) for goal in goals), theme.notation


def test_no_trigger_term_belongs_to_two_themes() -> None:
    owners: dict[tuple[str, ...], set[URIRef]] = {}
    for found in theme_scheme().triggers_by_first_key.values():
        for trigger in found:
            owners.setdefault(trigger.keys, set()).add(trigger.theme)
    assert {keys: themes for keys, themes in owners.items() if len(themes) > 1} == {}


def test_the_registry_names_no_two_organisations_alike() -> None:
    known = registry()  # parse_registry raises on a name given to two organisations
    assert "pcs" in known.aliases and "forem" in known.aliases
    duplicated = _graph(PARTNERS_TTL)
    duplicated.add((PSTV["orgkind-ais"], SKOS.altLabel, Literal("Forem", lang="fr")))
    with pytest.raises(ValueError, match="forem"):
        parse_registry(duplicated)


def test_every_commune_of_the_registry_lies_in_a_registered_province() -> None:
    known = registry()
    communes = [o for o in known.organisations.values() if o.kind == PSTV["orgkind-commune"]]
    assert communes
    for commune in communes:
        province = known.province_of[commune.iri]
        assert known.organisations[province].kind == PSTV["orgkind-province"]


def test_every_scoped_kind_has_generic_names() -> None:
    known = registry()
    scoped = [kind for kind in known.kinds.values() if kind.scope is not None]
    # The kinds one per commune (or zone): the loop below must have kinds to check.
    assert sorted(kind.notation for kind in scoped) == [
        "ais", "amo", "commune", "csd", "gal", "maison-des-jeunes", "pcs", "province", "slsp",
        "zone-de-police",
    ]  # fmt: skip
    for kind in scoped:
        assert any(alias.target == kind for alias in known.aliases.values()), kind.notation


def test_the_methods_the_code_uses_are_in_methods_ttl() -> None:
    graph = _graph(METHODS_TTL)
    declared = {str(c).rsplit("/", 1)[1] for c in graph.subjects(SKOS.inScheme, PSTV.methods)}
    code = "".join(path.read_text() for path in LINKING_CODE.glob("*.py"))
    used = set(re.findall(r'PSTV\["(method-[a-z-]+)"\]', code))
    assert used and used <= declared


def test_stop_words_are_loaded_from_package_data() -> None:
    words = stopwords()
    assert {"de", "la", "cpas", "mettre"} <= words
    assert "logement" not in words and "taxi" not in words
