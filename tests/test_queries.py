"""The named query library (queries/*.rq) on the corpus, each checked against what a reader of
the plans finds, plus the runner's parameter binding.

The store holds the four published plans, the template example (Exempleville) and a fictional
plan (tests/fixtures/linking/voisinville-2019-2024.csv) for what the corpus does not show:
a partner shared by two plans, a transversal action, ODD stated by the document.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pstkg.errors import QueryError
from pstkg.named_queries import catalogue, run_named_query
from pstkg.namespaces import PST, SPARQL_PREFIXES
from pstkg.store import PlanStore, SelectResult

from .linking_support import (
    ANDERLUES,
    BURDINNE,
    CORPUS_PLANS,
    DINANT,
    EXEMPLE,
    EXEMPLEVILLE,
    VILLE,
    VOISIN,
    VOISINVILLE,
    loaded_store,
    rows,
)

PST_ONTOLOGY = str(PST)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    opened = loaded_store(tmp_path_factory.mktemp("queries") / "store", VOISINVILLE, EXEMPLE)
    yield opened
    opened.close()


def run(store: PlanStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return rows(run_named_query(store, name, params))


# -- the files ------------------------------------------------------------------------------


def test_every_query_has_a_complete_header() -> None:
    queries = catalogue()
    assert len(queries) >= 17
    for query in queries.values():
        assert query.title and query.description and query.examples, query.name
        body = "\n".join(line for line in query.sparql.splitlines() if not line.startswith("#"))
        for parameter in query.parameters:
            assert f"?{parameter.name}" in body, f"{query.name}: ?{parameter.name} is not used"
        assert "PREFIX" not in body, f"{query.name} declares prefixes"


def test_every_query_says_where_its_results_come_from(store: PlanStore) -> None:
    for name in catalogue():
        if name == "plan-summary":
            continue  # counts of what documents state, older than this rule
        # A "source" column, or one per kind of fact (partner-projects: source_lien for the
        # link the document states, source_resolution for the identity derived).
        result = run_named_query(store, name, {})
        assert isinstance(result, SelectResult), name
        columns = [i for i, v in enumerate(result.variables) if v.split("_")[0] == "source"]
        assert columns, f"{name} has no source column"
        if name == "plans":  # its source is the document's file, as test_plans checks
            continue
        said = {str(row[column]) for row in result.rows for column in columns}
        assert said <= {"document", "dérivé"}, name


# -- the runner -----------------------------------------------------------------------------


def test_parameters_are_bound_where_filters_see_them(store: PlanStore) -> None:
    found = run(store, "search", words="taxi social")
    assert {row["title"] for row in found} >= {
        "Avoir une réflexion sur l'opportunité d'un taxi social"
    }


def test_bad_parameters_are_clear_errors(store: PlanStore) -> None:
    with pytest.raises(QueryError, match="min_score: 'beaucoup' is not a number"):
        run(store, "similar-projects", min_score="beaucoup")
    with pytest.raises(QueryError, match="unknown parameter 'colour'"):
        run(store, "projects-by-theme", colour="red")
    with pytest.raises(QueryError, match="is not an IRI"):
        run(store, "plan-tree", plan="Dinant")


def test_a_value_cannot_escape_its_literal(store: PlanStore) -> None:
    assert run(store, "search", words='taxi" ) } SELECT * WHERE { ?s ?p ?o } #') == []


# -- one test per query, from reading the plans ---------------------------------------------


def test_plan_summary(store: PlanStore) -> None:
    found = {row["plan"]: row for row in run(store, "plan-summary")}
    assert found[str(DINANT)]["objectifs_strategiques"] == "3"
    assert found[str(VOISIN)]["actions"] == "4"  # the taxi social counts once


def test_plan_tree(store: PlanStore) -> None:
    found = run(store, "plan-tree", plan=str(DINANT))
    taxi = next(row for row in found if row["code"] == "1.2.1")
    assert taxi["oo_code"] == "1.2" and taxi["os_code"] == "1" and taxi["source"] == "document"
    assert taxi["projet_ou_action"] == "Avoir une réflexion sur l'opportunité d'un taxi social"
    # OO 2.1 lists no action: it still has its row.
    assert any(row["oo_code"] == "2.1" and row["code"] is None for row in found)
    codes = [row["code"] for row in found if row["code"] and row["code"].startswith("1.2.")]
    assert codes == ["1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5"]  # the document's order


def test_projects_by_theme(store: PlanStore) -> None:
    found = run(store, "projects-by-theme", theme="insertion")
    assert {row["plan"] for row in found} >= {str(plan) for plan in CORPUS_PLANS}
    titles = {row["title"] for row in found}
    assert "Développer l'insertion et la mise au travail via les contrats Art. 60§7" in titles
    assert "Amplifier le recours à l'art. 61" in titles
    assert all(row["source"] == "dérivé" and row["evidence"] for row in found)
    taxi = run(store, "projects-by-theme", theme="mobilite", plan=str(DINANT))
    assert [row["title"] for row in taxi] == [
        "Avoir une réflexion sur l'opportunité d'un taxi social"
    ]


def test_projects_by_enjeu(store: PlanStore) -> None:
    stated = run(store, "projects-by-enjeu", enjeu="2", source="document", plan=str(ANDERLUES))
    titles = {row["title"] for row in stated}
    # Anderlues files "Renforcer la collaboration avec l'AIS" under enjeu 2 (line 1445).
    assert "Renforcer la collaboration avec l'AIS" in titles
    assert all(row["score"] is None for row in stated)
    suggested = run(store, "projects-by-enjeu", enjeu="3", source="dérivé", plan=str(BURDINNE))
    assert "Assurer une guidance énergétique auprès de certains bénéficiaires" in {
        row["title"] for row in suggested
    }
    assert all(row["score"] for row in suggested)


def test_projects_by_odd(store: PlanStore) -> None:
    stated = run(store, "projects-by-odd", odd="8", source="document")
    # The template example states ODD 8 for its two article 60 actions (data/templates).
    assert {row["plan"] for row in stated} == {str(EXEMPLEVILLE), str(VOISIN)}
    assert "Conclure des conventions article 60 avec de nouveaux employeurs locaux" in {
        row["title"] for row in stated
    }
    suggested = run(store, "projects-by-odd", odd="7", plan=str(VILLE))
    assert "Passer progressivement à l'éclairage LED" in {row["title"] for row in suggested}
    assert {row["source"] for row in suggested} == {"dérivé"}


def test_odd_coverage(store: PlanStore) -> None:
    found = {(row["plan"], row["source"]): row for row in run(store, "odd-coverage")}
    # No published plan of the corpus states an ODD (Anderlues' "ODD" field holds enjeux).
    assert not any(plan in map(str, CORPUS_PLANS) for plan, source in found if source == "document")
    example = found[(str(EXEMPLEVILLE), "document")]
    assert (example["odd_8"], example["odd_1"], example["odd_9"]) == ("2", "1", "1")
    assert int(found[(str(DINANT), "dérivé")]["odd_7"]) >= 3  # its energy actions


def test_theme_coverage(store: PlanStore) -> None:
    found = run(store, "theme-coverage", theme="enfance")
    counts = {row["plan"]: int(row["items"]) for row in found}
    assert counts[str(ANDERLUES)] >= 3  # crèche, accueillantes, places en milieu d'accueil
    assert counts[str(VILLE)] >= 3  # OO4 Lutter contre la pauvreté infantile
    assert counts[str(BURDINNE)] == 0  # Burdinne's plan has no childhood action


def test_shared_partners(store: PlanStore) -> None:
    found = {row["label"]: row for row in run(store, "shared-partners")}
    # Anderlues and Voisinville both name the ISSH and the CRENO.
    assert {"ISSH", "CRéNo"} <= set(found)
    assert set(found["ISSH"]["named_by"].split(" | ")) == {
        "CPAS d'Anderlues",
        "CPAS de Voisinville",
    }
    # Each names "PCS", but each its own: no PCS is a shared partner.
    assert not any(label.startswith("Plan de cohésion sociale") for label in found)
    # Among the four published plans, no organisation is named by two of them (each AIS,
    # commune, province is the plan's own).
    corpus = {"CPAS d'Anderlues", "CPAS de Burdinne", "CPAS de Dinant"}
    for row in found.values():
        assert len(set(row["named_by"].split(" | ")) & corpus) <= 1, row


def test_shared_partner_kinds(store: PlanStore) -> None:
    found = {row["kind"]: row for row in run(store, "shared-partner-kinds")}
    # The PCS is a shared kind only between the plans whose documents name it.
    assert set(found["pcs"]["named_by"].split(" | ")) == {"CPAS d'Anderlues", "CPAS de Voisinville"}
    ais = set(found["ais"]["named_by"].split(" | "))
    assert {"CPAS d'Anderlues", "CPAS de Burdinne"} <= ais and "CPAS de Dinant" not in ais


def test_partner_projects(store: PlanStore) -> None:
    found = run(store, "partner-projects", kind="pcs", plan=str(ANDERLUES))
    titles = {row["title"] for row in found}
    # Anderlues' fiches name the PCS as partner on 8 projects (lines 2180-2808).
    assert "Renforcer la collaboration avec le PCS" in titles
    assert "Porter une attention particulière au phénomène de la violence conjugale" in titles
    assert {row["organisation"] for row in found} == {
        "https://w3id.org/pst-kg/id/org/pcs/anderlues"
    }
    assert {row["source_lien"] for row in found} == {"document"}
    assert {row["source_resolution"] for row in found} == {"dérivé"}
    assert {row["matched_alias"] for row in found} == {"PCS"}
    every_pcs = run(store, "partner-projects", kind="pcs")
    assert {row["plan"] for row in every_pcs} == {str(ANDERLUES), str(VOISIN)}
    forem = run(store, "partner-projects", organisation="https://w3id.org/pst-kg/id/org/forem")
    assert {row["plan"] for row in forem} >= {str(EXEMPLEVILLE), str(VOISIN)}


def test_similar_projects(store: PlanStore) -> None:
    taxi = (
        f"{BURDINNE}/action/"
        "promouvoir-le-taxi-social-et-etendre-son-utilisation-de-sorte-a-approcher-un"
    )
    found = run(store, "similar-projects", item=taxi)
    assert found[0]["similar_title"] == "Avoir une réflexion sur l'opportunité d'un taxi social"
    assert "taxi" in found[0]["evidence"] and found[0]["source"] == "dérivé"
    strong = run(store, "similar-projects", plan=str(DINANT), min_score="0.6")
    assert strong and all(float(row["score"]) >= 0.6 for row in strong)


def test_compare_plans(store: PlanStore) -> None:
    found = {
        row["theme"]: row
        for row in run(store, "compare-plans", plan_a=str(BURDINNE), plan_b=str(DINANT))
    }
    assert found["mobilite"]["items_a"] == "3" and found["mobilite"]["items_b"] == "1"
    assert "taxi social" in found["mobilite"]["titles_b"]
    assert int(found["insertion"]["items_a"]) >= 5 and found["insertion"]["items_b"] == "1"


def test_fiche_completeness(store: PlanStore) -> None:
    found = {row["title"]: row for row in run(store, "fiche-completeness", plan=str(ANDERLUES))}
    platform = found[
        "Développement d'une plateforme inter CPAS dans le cadre du dispositif article 61"
    ]
    # Its fiche (line 1880) states description, volet, synergies, risks, indicators, priority,
    # status, services and partners; no deadline, means or steps.
    assert (platform["description"], platform["partenaires"], platform["echeance"]) == (
        "1",
        "1",
        "0",
    )
    assert platform["champs_remplis"] == "8"
    dinant = run(store, "fiche-completeness", plan=str(DINANT))
    assert {row["champs_remplis"] for row in dinant} == {"0"}  # Dinant has no fiches


def test_objectives_without_actions(store: PlanStore) -> None:
    found = {
        (row["plan"], row["code"], row["title"]) for row in run(store, "objectives-without-actions")
    }
    assert found == {
        (str(ANDERLUES), "402", "Soutenir les parents afin de combiner travail et vie familiale"),
        (
            str(DINANT),
            "2.1",
            "Développer la solidarité pour tous et plus particulièrement pour les personnes "
            "plus fragiles",
        ),
        (str(DINANT), "2.3", "Favoriser le respect de soi et des autres"),
    }


def test_priorities_and_status(store: PlanStore) -> None:
    found = run(store, "priorities-and-status", plan=str(BURDINNE))
    by = {(row["priorite"], row["etat"]): int(row["items"]) for row in found}
    # Burdinne marks 9 actions "Priorité élevée", 4 of them also "Avancement en cours".
    assert by[("Priorité élevée", "En cours de réalisation")] == 4
    assert by[("Priorité élevée", "(non précisé)")] == 5
    assert {row["source"] for row in found} == {"document"}


def test_search(store: PlanStore) -> None:
    found = run(store, "search", words="Article 60", plan=str(BURDINNE))
    assert {row["title"] for row in found} == {
        "Intensifier le suivi pendant article 60 (indicateur : 1 réunion d'évaluation / 2 mois)",
        "Organiser un accompagnement post article 60",
    }
    in_descriptions = run(store, "search", words="jobcoach")
    assert [row["found_in"] for row in in_descriptions] == ["description"]
    assert run(store, "search") == []  # no words, no results


def test_search_finds_what_reading_every_text_finds(store: PlanStore) -> None:
    # The query looks candidates up by a word in the derived graphs' index; reading every title,
    # variant and description of the plans, folded alike, must find the same items.
    from pstkg.linking.text import fold_for_search

    texts = rows(
        store.query(
            SPARQL_PREFIXES
            + """SELECT ?item ?text ?found_in WHERE { GRAPH ?plan {
              ?item a ?class . FILTER(?class IN (pst:Project, pst:Action))
              { ?item dcterms:title ?text BIND("titre" AS ?found_in) }
              UNION { ?item dcterms:alternative ?text BIND("titre (variante)" AS ?found_in) }
              UNION { ?item pst:hasFiche/dcterms:description ?text
                      BIND("description" AS ?found_in) }
            } }"""
        )
    )
    phrases = ["taxi social", "l'emploi", "Article 60", "aînés", "CPAS", "de la", "à", "?!"]
    found_counts = {}
    for phrase in phrases:
        folded = fold_for_search(phrase)
        read = {(r["item"], r["found_in"]) for r in texts if folded in fold_for_search(r["text"])}
        found = {(row["item"], row["found_in"]) for row in run(store, "search", words=phrase)}
        assert found == read, phrase
        found_counts[phrase] = len(found)
    # Every phrase but the one that folds to nothing is in some text of the plans.
    assert [phrase for phrase, count in found_counts.items() if not count] == ["?!"]


def test_transversal_projects(store: PlanStore) -> None:
    found = run(store, "transversal-projects")
    # None of the four published plans lists an action under two objectives; Voisinville's
    # taxi social serves OO 1.1 and OO 2.1.
    assert [(row["plan"], row["title"]) for row in found] == [
        (str(VOISIN), "Mettre en place un taxi social pour les aînés")
    ]
    assert found[0]["objectifs_operationnels"] == "2" and found[0]["objectifs_strategiques"] == "2"


def test_plans(store: PlanStore) -> None:
    found = {row["plan"]: (row["source"], row["layout"]) for row in run(store, "plans")}
    # The layout column says the markers the reader used for the OS / OO / actions.
    assert found[str(DINANT)] == ("dinant-2019.txt", "n / n.n / n.n.n")
    assert found[str(ANDERLUES)] == ("anderlues-2019-2024.txt", "n00 / nxx / unmarked + fiches")
    assert found[str(BURDINNE)] == ("burdinne-2019-2024.txt", "O.S. n / O.O. n / bullet -")
    assert found[str(VILLE)] == (
        "ville-cpas-conseil-conjoint-2019-2024.txt",
        "OS n / OO n / unmarked",
    )
    (only,) = run(store, "plans", plan=str(DINANT))
    assert only["cpas"] == "CPAS de Dinant"


def test_organisations_to_review(store: PlanStore) -> None:
    found = {(row["plan"], row["name_as_written"]) for row in run(store, "organisations-to-review")}
    # Burdinne's "Srmd" and "autres CPAS" are not in the registry; Voisinville's province
    # cannot be placed. The names the registry knows (PCS, Commune, ISSH, AIS) are not listed.
    assert found == {
        (str(BURDINNE), "Srmd"),
        (str(BURDINNE), "autres CPAS"),
        (str(VOISIN), "Province"),
    }


def test_evaluations_and_their_snapshots(store: PlanStore) -> None:
    # Last of the file's tests: the fictional evaluations are graphs beside the plans'.
    from pstkg.loading import load_files

    fictional = Path(__file__).parent / "fixtures" / "fictional"
    # The evaluations and the follow-up only: the 2025-2030 plans beside them would give these
    # CPAS a second législature, which test_continuity_needs_two_legislatures_of_one_cpas has not.
    evaluations = (
        "anderlues-bilan-final-2024.txt",
        "dinant-evaluation-mi-parcours-2022.txt",
        "dinant-suivi-2023.csv",
    )
    reports = load_files(store, [fictional / name for name in evaluations])
    assert [report.loaded for report in reports] == [True, True, True]
    found = run(store, "evaluations")
    assert [
        (row["plan"], row["evaluation_kind"], row["date"], row["council_date"]) for row in found
    ] == [
        (str(ANDERLUES), PST_ONTOLOGY + "FinalEvaluation", "2024-10-31", "2024-12-16"),
        (str(DINANT), PST_ONTOLOGY + "MidTermEvaluation", "2022-06-30", "2022-09-27"),
        (str(DINANT), PST_ONTOLOGY + "FollowUp", "2023-03-31", None),
    ]
    emergency_housing = f"{DINANT}/action/1-2-2"
    (snapshot,) = run(store, "evaluation-snapshots", item=emergency_housing)
    assert (snapshot["date"], snapshot["state_label"], snapshot["progress"]) == (
        "2022-06-30",
        "Terminé",
        "100",
    )
    assert snapshot["comment"] == "Inauguré en mars 2022"
    unmatched = [
        row for row in run(store, "evaluation-snapshots", plan=str(DINANT)) if row["item"] is None
    ]
    assert [row["title_as_written"] for row in unmatched] == [
        "Organiser une fête des voisins au parc"
    ]


def queries_run_by_tests() -> set[str]:
    """The names this file's tests pass to :func:`run`, read from its source: a test of the
    others' coverage must not depend on their having run before it."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    return {
        call.args[1].value
        for test in tree.body
        if isinstance(test, ast.FunctionDef) and test.name.startswith("test_")
        for call in ast.walk(test)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "run"
        and len(call.args) > 1
        and isinstance(call.args[1], ast.Constant)
    }


def test_every_named_query_has_a_test() -> None:
    assert set(catalogue()) - queries_run_by_tests() == set()


def test_continuity_needs_two_legislatures_of_one_cpas(store: PlanStore) -> None:
    # Every CPAS here has one plan (2019-2024): nothing continues, nothing is new or dropped,
    # whatever the other CPAS' plans have in common. The fictional 2025-2030 plans'
    # continuity is tested in test_continuity_fixtures.py.
    assert run(store, "continuity") == []
    assert run(store, "new-items") == []
    assert run(store, "dropped-items") == []
    assert run(store, "continuity-by-cpas") == []
