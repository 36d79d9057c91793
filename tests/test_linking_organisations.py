"""Resolving the organisation names plans write (pstkg.linking.organisations, partners.ttl)."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from pstkg.linking.organisations import PlanContext, resolve
from pstkg.namespaces import ID, PST, PSTV

BURDINNE = PlanContext(ID["cpas/burdinne"], "CPAS de Burdinne")
ANDERLUES = PlanContext(ID["cpas/anderlues"], "CPAS d'Anderlues")
DINANT = PlanContext(ID["cpas/dinant"], "CPAS de Dinant")
UNNAMED = PlanContext(
    ID["cpas/cpas-non-nomme-conseil-conjoint-ville-cpas-du-24-septembre-2019"],
    "CPAS non nommé (conseil conjoint Ville/CPAS du 24 septembre 2019)",
)
ELSEWHERE = PlanContext(ID["cpas/exempleville"], "CPAS d'Exempleville")


@pytest.mark.parametrize(
    ("name", "context", "target", "method", "matched"),
    [
        ("PCS", ANDERLUES, "org/pcs/anderlues", "own-commune", "PCS"),
        ("Commune", BURDINNE, "commune/burdinne", "own-commune", "Commune"),
        ("Ville", DINANT, "commune/dinant", "own-commune", "Ville"),
        (
            "Administration communale",
            DINANT,
            "commune/dinant",
            "own-commune",
            "Administration communale",
        ),
        ("Province", BURDINNE, "org/province-de-liege", "province-of-commune", "Province"),
        ("Province", DINANT, "org/province-de-namur", "province-of-commune", "Province"),
        ("ISSH", ANDERLUES, "org/issh", "registry-alias", "ISSH"),
        ("l'AIS", ANDERLUES, "org/ais/anderlues", "local-body", "AIS"),
        ("MCL", BURDINNE, "org/meuse-condroz-logement", "registry-alias", "MCL"),
        (
            "Société de logement",
            BURDINNE,
            "org/meuse-condroz-logement",
            "local-body",
            "Société de logement",
        ),
        ("Gal", BURDINNE, "org/gal/burdinne", "local-body", "GAL"),
        ("CRENO", ANDERLUES, "org/creno", "registry-alias", "CRENO"),
        ("Le Forem", ELSEWHERE, "org/forem", "registry-alias", "Forem"),
        ("ONE", UNNAMED, "org/one", "registry-alias", "ONE"),
        (
            "Zone de Police Hesbaye ouest",
            BURDINNE,
            "org/zone-de-police-hesbaye-ouest",
            "registry-alias",
            "Zone de Police Hesbaye ouest",
        ),
        ("CPAS BINCHE", ANDERLUES, "cpas/binche", "cpas-name", "CPAS …"),
        ("CPAS MONTIGNY LE TILLEUL", ANDERLUES, "cpas/montigny-le-tilleul", "cpas-name", "CPAS …"),
        ("CPAS d'Anderlues", ELSEWHERE, "cpas/anderlues", "cpas-name", "CPAS …"),
        (
            "Service insertion",
            ELSEWHERE,
            "cpas/exempleville/service/service-insertion",
            "cpas-service",
            "Service …",
        ),
        ("Srmd", BURDINNE, "org/local/burdinne/srmd", "unresolved", ""),
    ],
)
def test_names_resolve_by_the_registry_rules(
    name: str, context: PlanContext, target: str, method: str, matched: str
) -> None:
    resolution = resolve(name, context)
    assert resolution.target == ID[target]
    assert resolution.method == PSTV[f"method-{method}"]
    assert resolution.matched == matched


def test_each_cpas_has_its_own_commune_and_pcs() -> None:
    assert resolve("Commune", BURDINNE).target != resolve("Commune", ANDERLUES).target
    assert resolve("PCS", BURDINNE).target != resolve("PCS", ANDERLUES).target
    pcs = resolve("PCS", ANDERLUES).created[0]
    assert pcs.unit_of == ID["commune/anderlues"]
    assert pcs.label == "Plan de cohésion sociale (PCS) de la commune d'Anderlues"


def test_a_partner_cpas_is_the_node_of_that_cpas_own_plan() -> None:
    # The builder names the CPAS of Anderlues's own plan id/cpas/anderlues, so a plan naming
    # "CPAS d'Anderlues" as partner links to the same node.
    (cpas,) = resolve("CPAS d'Anderlues", ELSEWHERE).created
    assert cpas.iri == ID["cpas/anderlues"] and cpas.types == (PST.CPAS,)
    assert cpas.label == "CPAS d'Anderlues"
    assert resolve("CPAS BINCHE", ANDERLUES).created[0].label == "CPAS de Binche"


def test_unknown_names_become_new_organisations_to_review() -> None:
    resolution = resolve("Mariages", BURDINNE)
    (created,) = resolution.created
    assert created.needs_review and created.label == "Mariages"
    assert created.kind == PSTV["orgkind-other"]
    # Never merged across CPAS: a namesake elsewhere is another organisation until reviewed.
    assert resolve("Mariages", DINANT).target != resolution.target


def test_a_province_the_registry_cannot_place_is_to_review() -> None:
    resolution = resolve("Province", ELSEWHERE)
    assert resolution.method == PSTV["method-unresolved"]
    assert resolution.created[0].needs_review


def test_the_unnamed_cpas_gets_a_commune_all_the_same() -> None:
    resolution = resolve("Ville", UNNAMED)
    assert resolution.target == URIRef(str(UNNAMED.cpas).replace("/cpas/", "/commune/"))
    assert resolution.created[0].label.startswith("Commune du CPAS non nommé")
