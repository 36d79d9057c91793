"""Evaluation documents and follow-up files as dated snapshots of a plan's items (issue 16).

The fixtures (tests/fixtures/fictional/) are fictional evaluations of real plans of the corpus:
the assertions say what a person reading the evaluation beside the plan would find.
"""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from pstkg.loading import ensure_vocabulary, load_files
from pstkg.namespaces import GRAPH, ID, PST, PSTV, SPARQL_PREFIXES
from pstkg.store import PlanStore, open_store
from tests.conftest import CORPUS, run_cli
from tests.evaluation_styles import LAYOUTS, STATE_WORDS, generate_evaluation

FICTIONAL = Path(__file__).parent / "fixtures" / "fictional"
DINANT_MID_TERM = FICTIONAL / "dinant-evaluation-mi-parcours-2022.txt"
ANDERLUES_FINAL = FICTIONAL / "anderlues-bilan-final-2024.txt"
DINANT_FOLLOW_UP = FICTIONAL / "dinant-suivi-2023.csv"
DINANT = ID["plan/dinant/2019-2024"]
ANDERLUES = ID["plan/anderlues/2019-2024"]
DINANT_EVALUATION = URIRef(f"{DINANT}/evaluation/mi-parcours-2022-06-30")
DINANT_EVALUATION_GRAPH = GRAPH["evaluation/dinant/2019-2024/mi-parcours-2022-06-30"]


@pytest.fixture(scope="module")
def plans_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding Dinant's and Anderlues' 2019-2024 plans (no evaluation), copied per test."""
    folder = tmp_path_factory.mktemp("plans") / "store"
    with open_store(folder) as store:
        reports = load_files(
            store, [CORPUS / "dinant-2019.txt", CORPUS / "anderlues-2019-2024.txt"]
        )
    assert all(report.loaded for report in reports)
    return folder


@pytest.fixture
def plans_folder(plans_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the store with the two plans, for the command line to open."""
    folder = tmp_path / "store"
    shutil.copytree(plans_dir, folder)
    return folder


@pytest.fixture
def plans(plans_folder: Path):
    """A fresh copy of the store with the two plans, open."""
    opened = open_store(plans_folder)
    yield opened
    opened.close()


def graph_of(store: PlanStore, graph_iri: URIRef) -> Graph:
    """The triples of one named graph."""
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri})
    assert isinstance(result, Graph)
    return result


def snapshots(store: PlanStore, evaluation: URIRef) -> dict[int, dict[str, object]]:
    """The snapshots of an evaluation by first line: what each says, as plain values."""
    result = store.query(
        SPARQL_PREFIXES
        + """SELECT ?line ?item ?state ?written ?progress ?indicator ?comment ?method ?score
                    ?code ?title ?date WHERE {
          GRAPH ?g { ?s pst:snapshotIn ?evaluation ; pst:firstLine ?line ; dcterms:date ?date .
            OPTIONAL { ?s pst:snapshotOf ?item ; pst:matchMethod ?method ; pst:matchScore ?score }
            OPTIONAL { ?s pst:state ?state } OPTIONAL { ?s pst:stateAsWritten ?written }
            OPTIONAL { ?s pst:progress ?progress } OPTIONAL { ?s pst:indicatorReached ?indicator }
            OPTIONAL { ?s rdfs:comment ?comment } OPTIONAL { ?s pst:codeAsWritten ?code }
            OPTIONAL { ?s pst:titleAsWritten ?title } } }""",
        {"evaluation": evaluation},
    )
    rows = {}
    for row in result.as_dicts():  # type: ignore[union-attr]
        values = {key: value for key, value in row.items() if value is not None}
        values = {
            key: value.toPython() if isinstance(value, Literal) else value
            for key, value in values.items()
        }
        rows[int(values.pop("line"))] = values  # type: ignore[arg-type]
    return rows


def store_state(store: PlanStore) -> dict[URIRef, bytes]:
    """Every named graph's triples, for "the store is exactly as it was"."""
    return {name: store.graph_ntriples(name) for name in store.graph_names()}


def conforms(graph: Graph) -> tuple[bool, str]:
    """The evaluation graph checked against pstkg/evaluations/snapshot-shapes.ttl."""
    from pyshacl import validate

    shapes = Graph().parse(
        data=files("pstkg.evaluations").joinpath("snapshot-shapes.ttl").read_text("utf-8"),
        format="turtle",
    )
    ok, _, text = validate(graph, shacl_graph=shapes, inference="none")
    return bool(ok), str(text)


# -- the mid-term evaluation of Dinant (table layout) ----------------------------------------


def test_dinant_mid_term_evaluation_says_what_a_reader_finds(plans: PlanStore) -> None:
    (report,) = load_files(plans, [DINANT_MID_TERM])
    assert report.loaded, report.error
    assert report.evaluation == str(DINANT_EVALUATION)
    assert report.plan == str(DINANT)
    rows = snapshots(plans, DINANT_EVALUATION)
    assert len(rows) == 9
    taxi = rows[
        9
    ]  # « 1.2.1 | Avoir une réflexion sur l'opportunité d'un taxi social | en cours | 60 % »
    assert taxi["item"] == URIRef(f"{DINANT}/action/1-2-1")
    assert taxi["state"] == PSTV["etat-en-cours"]
    assert taxi["progress"] == Decimal(60)
    assert taxi["indicator"] == "2 réunions de travail"
    assert taxi["comment"] == "Étude de faisabilité confiée au PCS"
    assert taxi["method"] == PSTV["method-match-code"] and taxi["score"] == Decimal(1)
    assert str(taxi["date"]) == "2022-06-30"
    # The words of other tools' states: suspendu → en attente, annulé → abandonné, démarré →
    # en cours, nouveau → non commencé.
    assert rows[11]["state"] == PSTV["etat-en-attente"]
    assert rows[12]["state"] == PSTV["etat-abandonne"]
    assert rows[13]["state"] == PSTV["etat-en-cours"] and rows[13]["written"] == "démarré"
    assert rows[14]["state"] == PSTV["etat-non-commence"]


def test_lines_without_code_are_matched_by_title(plans: PlanStore) -> None:
    load_files(plans, [DINANT_MID_TERM])
    rows = snapshots(plans, DINANT_EVALUATION)
    # « Mettre en place une signalétique plus visible » is action 1.6.2 of the plan.
    assert rows[14]["item"] == URIRef(f"{DINANT}/action/1-6-2")
    assert rows[14]["method"] == PSTV["method-match-title"]
    # « Décorer les locaux d'accueil » is 1.6.13 (« Décorer les locaux d'accueil afin de les
    # rendre agréable »): similar, not identical.
    assert rows[15]["item"] == URIRef(f"{DINANT}/action/1-6-13")
    assert Decimal("0.5") <= rows[15]["score"] < 1  # type: ignore[operator]
    # A code the plan does not have (1.9.9) falls back on the title: 1.8.3.
    assert rows[16]["item"] == URIRef(f"{DINANT}/action/1-8-3")
    assert rows[16]["code"] == "1.9.9"
    assert rows[16]["method"] == PSTV["method-match-title"]


def test_a_line_about_no_action_is_kept_and_reported(plans_folder: Path, capsys) -> None:
    folder = plans_folder
    code, out, _ = run_cli(capsys, "load", "--store", str(folder), str(DINANT_MID_TERM))
    assert code == 0
    assert "1 line(s) without a matching action (kept as written): line 17" in out
    with open_store(folder) as store:
        rows = snapshots(store, DINANT_EVALUATION)
    assert "item" not in rows[17]
    assert rows[17]["title"] == "Organiser une fête des voisins au parc"
    assert rows[17]["progress"] == Decimal(50)


def test_the_evaluation_has_its_own_graph_and_dates(plans: PlanStore) -> None:
    load_files(plans, [DINANT_MID_TERM])
    graph = graph_of(plans, DINANT_EVALUATION_GRAPH)
    assert (DINANT_EVALUATION, RDF.type, PST.MidTermEvaluation) in graph
    assert (DINANT_EVALUATION, PST.evaluates, DINANT) in graph
    assert (DINANT, PST.hasEvaluation, DINANT_EVALUATION) in graph
    label = Literal("Évaluation à mi-parcours du 2022-06-30", lang="fr")
    assert graph.value(DINANT_EVALUATION, RDFS.label) == label
    date = graph.value(DINANT_EVALUATION, URIRef("http://purl.org/dc/terms/date"))
    assert date == Literal("2022-06-30", datatype=XSD.date)
    council = graph.value(DINANT_EVALUATION, PST.councilDate)
    assert council == Literal("2022-09-27", datatype=XSD.date)
    ok, text = conforms(graph)
    assert ok, text


def test_loading_an_evaluation_never_changes_the_plan_graph(plans: PlanStore) -> None:
    before = {name: plans.graph_ntriples(name) for name in (DINANT, ANDERLUES)}
    reports = load_files(plans, [DINANT_MID_TERM, ANDERLUES_FINAL, DINANT_FOLLOW_UP])
    assert all(report.loaded for report in reports)
    after = {name: plans.graph_ntriples(name) for name in (DINANT, ANDERLUES)}
    assert {n: set(t.splitlines()) for n, t in after.items()} == {
        n: set(t.splitlines()) for n, t in before.items()
    }


def test_reloading_an_evaluation_replaces_its_graph(plans: PlanStore, tmp_path: Path) -> None:
    load_files(plans, [DINANT_MID_TERM])
    first = graph_of(plans, DINANT_EVALUATION_GRAPH)
    corrected = tmp_path / DINANT_MID_TERM.name
    text = DINANT_MID_TERM.read_text("utf-8").replace("| en cours | 60 % |", "| terminé | 100 % |")
    corrected.write_text(text, "utf-8")
    (report,) = load_files(plans, [corrected])
    assert report.loaded, report.error
    second = graph_of(plans, DINANT_EVALUATION_GRAPH)
    assert len(second) == len(first)
    taxi = snapshots(plans, DINANT_EVALUATION)[9]
    assert taxi["state"] == PSTV["etat-termine"] and taxi["progress"] == Decimal(100)


# -- the final evaluation of Anderlues (block layout) ----------------------------------------


def test_anderlues_final_evaluation_in_blocks(plans: PlanStore) -> None:
    (report,) = load_files(plans, [ANDERLUES_FINAL])
    assert report.loaded, report.error
    evaluation = URIRef(f"{ANDERLUES}/evaluation/finale-2024-10-31")
    graph = graph_of(plans, GRAPH["evaluation/anderlues/2019-2024/finale-2024-10-31"])
    assert (evaluation, RDF.type, PST.FinalEvaluation) in graph
    assert graph.value(evaluation, PST.councilDate) == Literal("2024-12-16", datatype=XSD.date)
    rows = snapshots(plans, evaluation)
    # « Objectif opérationnel 201 – Améliorer l'accès au logement »: the OO 201, by its code.
    assert rows[8]["item"] == URIRef(f"{ANDERLUES}/oo/201")
    assert rows[8]["method"] == PSTV["method-match-code"] and rows[8]["progress"] == 70
    # « Projet : Garanties locatives »: the project of that title; its comment goes on over two
    # lines.
    guarantees = rows[13]
    assert guarantees["item"] == URIRef(f"{ANDERLUES}/action/garanties-locatives")
    assert guarantees["state"] == PSTV["etat-termine"] and guarantees["progress"] == 100
    assert guarantees["indicator"] == "42 garanties constituées en 2024"
    assert guarantees["comment"] == "le fonds est reconduit pour la législature suivante."
    # « Digitaliser la reconnaissance des factures entrantes »: « Digitalisation et
    # reconnaissance des factures entrantes » in the plan.
    assert rows[24]["item"] == URIRef(
        f"{ANDERLUES}/action/digitalisation-et-reconnaissance-des-factures-entrantes"
    )
    # « Créer un potager collectif avec les bénéficiaires » is in no plan of Anderlues.
    assert "item" not in rows[34] and rows[34]["state"] == PSTV["etat-en-attente"]
    assert report.unmatched_lines == [34]
    ok, text = conforms(graph)
    assert ok, text


# -- bad input: one line naming the file, the store untouched --------------------------------


def _failed(store: PlanStore, path: Path) -> str:
    before = store_state(store)
    (report,) = load_files(store, [path])
    assert not report.loaded
    assert store_state(store) == before
    assert report.error is not None and "\n" not in report.error
    return report.error


def test_an_evaluation_of_a_plan_not_in_the_store_fails(tmp_path: Path, store) -> None:
    ensure_vocabulary(store)  # as any pst load does first
    error = _failed(store, DINANT_MID_TERM)
    assert error.startswith(f"{DINANT_MID_TERM.name}: ")
    assert "pstid:plan/dinant/2019-2024 is not in the store" in error


def test_an_evaluation_without_action_lines_fails(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "bilan.txt"
    path.write_text(
        "CPAS de Dinant\nBilan final du PST 2019-2024\nÉtat au 31/10/2024\n\n"
        "Tout s'est bien passé.\n",
        "utf-8",
    )
    assert "no action line found" in _failed(plans, path)


def test_an_evaluation_that_does_not_name_its_plan_fails(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "bilan.txt"
    text = DINANT_MID_TERM.read_text("utf-8").replace("CPAS de Dinant", "Notre CPAS")
    path.write_text(text, "utf-8")
    error = _failed(plans, path)
    assert "does not say which plan it evaluates" in error and "bilan.meta.toml" in error


def test_a_sidecar_says_what_the_text_does_not(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Points d'attention\n\n1.2.1 | Taxi social | en cours | 45 % | | \n", "utf-8")
    # Without a sidecar: a plan document (which it is not).
    (report,) = load_files(plans, [path])
    assert not report.loaded and report.evaluation is None
    (tmp_path / "notes.meta.toml").write_text(
        'kind = "evaluation"\nevaluation = "annuelle"\nplan = "dinant/2019-2024"\n'
        "date = 2021-12-31\ncouncil_date = 2022-01-20\n",
        "utf-8",
    )
    (report,) = load_files(plans, [path])
    assert report.loaded, report.error
    evaluation = URIRef(f"{DINANT}/evaluation/annuelle-2021-12-31")
    assert report.evaluation == str(evaluation)
    graph = graph_of(plans, GRAPH["evaluation/dinant/2019-2024/annuelle-2021-12-31"])
    assert (evaluation, RDF.type, PST.AnnualEvaluation) in graph
    assert graph.value(evaluation, PST.councilDate) == Literal("2022-01-20", datatype=XSD.date)
    (row,) = snapshots(plans, evaluation).values()
    assert row["item"] == URIRef(f"{DINANT}/action/1-2-1") and row["progress"] == 45


def test_an_unknown_evaluation_kind_in_the_sidecar_fails(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "bilan.txt"
    shutil.copy(DINANT_MID_TERM, path)
    (tmp_path / "bilan.meta.toml").write_text('evaluation = "trimestrielle"\n', "utf-8")
    assert "not 'trimestrielle'" in _failed(plans, path)


# -- the follow-up template ------------------------------------------------------------------


def test_follow_up_fixture_gives_one_snapshot_per_filled_row(plans: PlanStore) -> None:
    (report,) = load_files(plans, [DINANT_FOLLOW_UP])
    assert report.loaded, report.error
    follow_up = URIRef(f"{DINANT}/evaluation/suivi-2023-03-31")  # the latest row's date
    graph = graph_of(plans, GRAPH["evaluation/dinant/2019-2024/suivi-2023-03-31"])
    assert (follow_up, RDF.type, PST.FollowUp) in graph
    assert (DINANT, PST.hasEvaluation, follow_up) not in graph  # not an evaluation
    rows = snapshots(plans, follow_up)
    assert sorted(str(row["date"]) for row in rows.values()) == [
        "2023-02-28",
        "2023-03-15",
        "2023-03-31",
    ]
    taxi = rows[6]  # the sheet's row 6
    assert taxi["item"] == URIRef(f"{DINANT}/action/1-2-1") and taxi["progress"] == 75
    ok, text = conforms(graph)
    assert ok, text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_follow_up_template_round_trip(plans_folder: Path, tmp_path: Path, capsys, suffix) -> None:
    template = tmp_path / f"suivi{suffix}"
    folder = str(plans_folder)
    code, _, err = run_cli(
        capsys,
        "export",
        "--store",
        folder,
        "pstid:plan/dinant/2019-2024",
        "--format",
        "follow-up",
        "--output",
        str(template),
    )
    assert code == 0, err
    assert "wrote 70 row(s)" in err
    rows = _read_sheet(template)
    assert rows[0] == [
        "plan",
        "code",
        "titre",
        "date",
        "etat",
        "avancement",
        "indicateur",
        "commentaire",
    ]
    by_code = {row[1]: row for row in rows[1:]}
    assert by_code["1.2.2"][2] == "Créer un logement d'urgence"
    by_code["1.2.2"][3:8] = ["2023-05-02", "Terminé", "100", "1 logement", "Ouvert en mai"]
    by_code["3.1.1"][3:6] = ["12/06/2023", "Suspendu", "15 %"]
    _write_sheet(template, rows)
    code, out, err = run_cli(capsys, "load", "--store", folder, str(template))
    assert code == 0, out + err
    with open_store(Path(folder)) as store:
        rows_loaded = snapshots(store, URIRef(f"{DINANT}/evaluation/suivi-2023-06-12"))
    assert {
        str(row["item"]).rsplit("/", 1)[1]: (row["state"], row["progress"])
        for row in rows_loaded.values()
    } == {
        "1-2-2": (PSTV["etat-termine"], Decimal(100)),
        "3-1-1": (PSTV["etat-en-attente"], Decimal(15)),
    }
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        states = [row[0] for row in load_workbook(template)["États"].iter_rows(values_only=True)]
        assert "En cours de réalisation" in states and "Suspendu" in states


def test_a_bad_state_in_a_follow_up_names_row_and_column(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "suivi.csv"
    text = DINANT_FOLLOW_UP.read_text("utf-8").replace(";Démarré;", ";Bientôt;")
    path.write_text(text, "utf-8")
    error = _failed(plans, path)
    assert error.startswith("suivi.csv:31: column etat: unknown state 'Bientôt'")


def _read_sheet(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8") as file:
            return [row for row in csv.reader(file, delimiter=";")]
    from openpyxl import load_workbook

    sheet = load_workbook(path)["Suivi"]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _write_sheet(path: Path, rows: list[list[str]]) -> None:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=";").writerows(rows)
        return
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook["Suivi"]
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column).value = value or None
    workbook.save(path)


# -- generated evaluations in several layouts ------------------------------------------------


def _dinant_actions(store: PlanStore) -> list[tuple[str, str]]:
    result = store.query(
        SPARQL_PREFIXES
        + "SELECT ?code ?title WHERE { GRAPH ?plan { ?a a pst:Action ; pst:code ?code ; "
        "dcterms:title ?title } } ORDER BY ?code",
        {"plan": DINANT},
    )
    return [(str(code), str(title)) for code, title in result.rows]  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", range(10))
def test_generated_evaluations_are_read_as_written(
    plans: PlanStore, tmp_path: Path, seed: int
) -> None:
    generated = generate_evaluation("Dinant", _dinant_actions(plans), seed, LAYOUTS[seed % 5])
    path = tmp_path / f"evaluation-{seed}.txt"
    path.write_text(generated.text, "utf-8")
    (report,) = load_files(plans, [path])
    assert report.loaded, f"{generated.layout}: {report.error}\n{generated.text}"
    evaluation = URIRef(f"{DINANT}/evaluation/{generated.kind}-2022-06-30")
    found = sorted(snapshots(plans, evaluation).items())
    assert len(found) == len(generated.lines), generated.text
    for (_, row), expected in zip(found, generated.lines, strict=True):
        assert row["item"] == URIRef(f"{DINANT}/action/{expected.item_code.replace('.', '-')}"), (
            generated.text
        )
        assert row["state"] == PSTV[STATE_WORDS[expected.state]]
        assert row["progress"] == expected.progress
        method = "method-match-code" if expected.code else "method-match-title"
        assert row["method"] == PSTV[method]


# -- named queries ---------------------------------------------------------------------------


def test_named_queries_list_evaluations_and_snapshots(plans_folder: Path, capsys) -> None:
    with open_store(plans_folder) as store:
        load_files(store, [DINANT_MID_TERM, ANDERLUES_FINAL, DINANT_FOLLOW_UP])
    folder = str(plans_folder)
    code, out, _ = run_cli(capsys, "query", "--store", folder, "evaluations", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 4  # the header and three evaluations
    assert any(
        "mi-parcours-2022-06-30" in line
        and ",2022-06-30,2022-09-27," in line
        and line.endswith(",9,1,document")
        for line in lines
    ), out
    code, out, _ = run_cli(
        capsys,
        "query",
        "--store",
        folder,
        "evaluation-snapshots",
        "--format",
        "csv",
        "--param",
        "item=dinant/2019-2024/action/1-2-1",
    )
    assert code == 0
    rows = list(csv.DictReader(out.splitlines()))
    assert [(row["date"], row["state_label"], row["progress"]) for row in rows] == [
        ("2022-06-30", "En cours de réalisation", "60"),
        ("2023-03-15", "En cours de réalisation", "75"),
    ]
    assert rows[0]["file"] == DINANT_MID_TERM.name
    assert (rows[0]["source_snapshot"], rows[0]["source_match"]) == ("document", "dérivé")
    assert rows[0]["match_method"].endswith("method-match-code")


# -- the ontology ----------------------------------------------------------------------------


def test_plans_with_their_evaluations_are_consistent_with_the_ontology(plans: PlanStore) -> None:
    """HermiT accepts the plans and their evaluations together: an evaluation is an
    pst:Evaluation, a follow-up is not, a snapshot of an objective (OO 201) is allowed."""
    pytest.importorskip("owlready2")
    from pstkg.reasoning import reason

    load_files(plans, [DINANT_MID_TERM, ANDERLUES_FINAL, DINANT_FOLLOW_UP])
    merged = Graph()
    for name in plans.graph_names():
        if str(name).startswith((str(ID["plan/"]), str(GRAPH["evaluation/"]))):
            merged += graph_of(plans, name)
    inferred = reason(merged)  # raises InconsistentGraphError if they disagree
    assert (DINANT_EVALUATION, RDF.type, PST.Evaluation) in inferred
    follow_up = URIRef(f"{DINANT}/evaluation/suivi-2023-03-31")
    assert (follow_up, RDF.type, PST.Evaluation) not in inferred | merged


# -- eComptes files of a later exercise -------------------------------------------------------

HUY_XML = Path(__file__).parent / "fixtures" / "ecomptes" / "huy-2019-2024.xml"
HUY = ID["plan/huy/2019-2024"]


def test_an_ecomptes_file_of_a_later_exercise_is_a_follow_up(store, tmp_path: Path) -> None:
    (plan_report,) = load_files(store, [HUY_XML])
    assert plan_report.loaded, plan_report.error
    plan_before = set(store.graph_ntriples(HUY).splitlines())
    later = tmp_path / "huy-2022.xml"
    text = HUY_XML.read_text("utf-8").replace(
        "<Exercice>2019</Exercice>", "<Exercice>2022</Exercice>"
    )
    # 1.1.2 « Informatiser la gestion des congés »: reporté in 2019, terminé in 2022.
    text = text.replace("<Statut>REPORTE</Statut>", "<Statut>TERMINE</Statut>", 1)
    later.write_text(text, "utf-8")
    (tmp_path / "huy-2022.meta.toml").write_text('kind = "suivi"\n', "utf-8")
    (report,) = load_files(store, [later])
    assert report.loaded, report.error
    follow_up = URIRef(f"{HUY}/evaluation/suivi-2022-12-31")  # the exercise's last day
    assert report.evaluation == str(follow_up) and report.layout == "ecomptes-xml"
    assert set(store.graph_ntriples(HUY).splitlines()) == plan_before
    rows = {row.get("code"): row for row in snapshots(store, follow_up).values()}
    congés = rows["1.1.2"]
    assert congés["item"] == URIRef(f"{HUY}/action/1-1-2")
    assert congés["state"] == PSTV["etat-termine"]
    assert congés["method"] == PSTV["method-match-code"]
    assert rows["2.1.1"]["progress"] == Decimal(100)
    ok, report_text = conforms(graph_of(store, GRAPH["evaluation/huy/2019-2024/suivi-2022-12-31"]))
    assert ok, report_text


def test_an_ecomptes_file_without_the_follow_up_sidecar_is_a_plan(store, tmp_path: Path) -> None:
    (report,) = load_files(store, [HUY_XML])
    assert report.loaded and report.evaluation is None and report.plan == str(HUY)


def test_a_plan_that_announces_its_evaluations_is_still_a_plan(store, tmp_path: Path) -> None:
    path = tmp_path / "dinant.txt"
    text = (CORPUS / "dinant-2019.txt").read_text("utf-8")
    first, rest = text.split("\n", 1)
    sentence = (
        "Une évaluation à mi-parcours du PST sera présentée au conseil en 2022, "
        "suivie d'une évaluation finale en fin de législature."
    )
    path.write_text(f"{first}\n{sentence}\n{rest}", "utf-8")
    (report,) = load_files(store, [path])
    assert report.loaded and report.evaluation is None and report.plan == str(DINANT)


def test_a_progress_that_is_no_percentage_is_a_warning_naming_its_line(
    plans: PlanStore, tmp_path: Path
) -> None:
    path = tmp_path / "bilan.txt"
    text = DINANT_MID_TERM.read_text("utf-8").replace("| en cours | 60 % |", "| en cours | 160 % |")
    path.write_text(text, "utf-8")
    (report,) = load_files(plans, [path])
    assert report.loaded, report.error
    assert report.warnings == [
        {"lines": [9, 9], "message": "progress '160 %' is not a percentage from 0 to 100"}
    ]
    taxi = snapshots(plans, DINANT_EVALUATION)[9]
    assert "progress" not in taxi and taxi["state"] == PSTV["etat-en-cours"]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_an_evaluation_in_another_encoding_reads_the_same(
    plans: PlanStore, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "bilan.txt"
    path.write_bytes(DINANT_MID_TERM.read_text("utf-8").replace("—", "-").encode(encoding))
    (report,) = load_files(plans, [path])  # recognised by its title, no sidecar
    assert report.loaded and report.evaluation == str(DINANT_EVALUATION), report.error
    assert (
        snapshots(plans, DINANT_EVALUATION)[9]["comment"] == "Étude de faisabilité confiée au PCS"
    )


def test_an_evaluation_that_is_no_text_fails(plans: PlanStore, tmp_path: Path) -> None:
    path = tmp_path / "bilan.txt"
    path.write_bytes(bytes(range(256)) * 4)
    (tmp_path / "bilan.meta.toml").write_text('kind = "evaluation"\n', "utf-8")
    assert _failed(plans, path) == "bilan.txt: the file holds binary data (NUL bytes), not text"
