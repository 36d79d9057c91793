"""The readable French pages of /id/... and the plan page's summary (issue #15, part "items").

What they assert is what a reader of the corpus plans (data/corpus/) finds there: the titles,
fiche fields, partners and lines of the documents, and the links pst-kg derived.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from pstkg.api import create_app
from tests.conftest import CORPUS
from tests.linking_support import VOISINVILLE, loaded_store

HTML = {"accept": "text/html"}
DINANT_TAXI = "/id/plan/dinant/2019-2024/action/1-2-1"
ANDERLUES_ISSH = "/id/plan/anderlues/2019-2024/action/renforcer-la-collaboration-avec-l-issh"
ANDERLUES_OS_500 = "/id/plan/anderlues/2019-2024/os/500"
ANDERLUES_OO_510 = "/id/plan/anderlues/2019-2024/oo/510"
ANDERLUES = "https://w3id.org/pst-kg/id/plan/anderlues/2019-2024"


def page_text(client: TestClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return unescape(response.text)


def section(html: str, anchor: str) -> str:
    """The HTML of ``<section id=anchor>`` of a page."""
    match = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert match, f"no section #{anchor}"
    return match.group(1)


def visible(html: str) -> str:
    """The text of some HTML, tags removed and spaces collapsed."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([,.])", r"\1", text)


def corpus_line(name: str, number: int) -> str:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()[number - 1]


def test_an_action_shows_its_place_in_the_tree(client: TestClient) -> None:
    html = page_text(client, DINANT_TAXI)
    assert "<title>Avoir une réflexion sur l'opportunité d'un taxi social — pst-kg</title>" in html
    breadcrumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S)
    assert breadcrumb
    links = re.findall(r'href="([^"]+)">([^<]+)</a>', breadcrumb.group(0))
    assert links == [
        ("/id/cpas/dinant", "CPAS de Dinant"),
        ("/id/plan/dinant/2019-2024", "PST 2019-2024"),
        ("/id/plan/dinant/2019-2024/os/1", "OS 1"),
        ("/id/plan/dinant/2019-2024/oo/1-2", "OO 1.2"),
    ]
    # The OO's title, as the document writes it above the action.
    assert "1.2 Avoir une réflexion sur les actions à mettre en place" in visible(html)


def test_an_action_shows_its_source_lines_from_the_document(client: TestClient) -> None:
    source = visible(section(page_text(client, DINANT_TAXI), "source"))
    assert "dinant-2019.txt, ligne 181" in source
    assert "taxi social" in corpus_line("dinant-2019.txt", 181)


def test_derived_themes_and_goals_say_how_they_were_derived(client: TestClient) -> None:
    html = section(page_text(client, DINANT_TAXI), "themes")
    rows = re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", html, re.S)
    cells = {visible(row): kind for kind, row in rows}
    theme = next(text for text in cells if text.startswith("thème"))
    assert theme.startswith("thème Mobilité dérivé 0,50 Termes déclencheurs du thème")
    assert "« taxi social »" in theme
    # ODD with their French names, not only their numbers.
    assert any(text.startswith("ODD ODD 10 — Inégalités réduites dérivé") for text in cells)
    assert set(cells.values()) == {"derived"}  # Dinant's plan states no ODD or enjeu itself
    # Each leads to the projects of every plan under it, this one among them.
    assert '<a href="/requetes/projects-by-odd?odd=10"' in html
    listed = client.get("/api/queries/projects-by-odd", params={"odd": "10"}).json()["rows"]
    assert "https://w3id.org/pst-kg/id" + DINANT_TAXI.removeprefix("/id") in {
        row["item"] for row in listed
    }


def test_similar_projects_in_other_cpas_with_their_score(client: TestClient) -> None:
    similar = section(page_text(client, DINANT_TAXI), "semblables")
    rows = [visible(row) for row in re.findall(r"<tr>(.*?)</tr>", similar, re.S)[1:]]
    assert len(rows) == 3
    assert rows[0].startswith("1 CPAS de Burdinne Promouvoir le Taxi social")
    assert re.search(r" 0,\d\d mots communs : taxi, social", rows[0])
    first_link = re.search(r'href="(/id/plan/burdinne/[^"]+)"', similar)
    assert first_link and client.get(first_link.group(1), headers=HTML).status_code == 200


def test_a_project_shows_its_fiche_partners_and_document_enjeux(client: TestClient) -> None:
    html = page_text(client, ANDERLUES_ISSH)
    fiche = visible(section(html, "fiche"))
    # As the fiche of the document says (anderlues-2019-2024.txt, lines 2214-2246).
    for field, value in [
        ("risque", "Ne pas trouver de nouvelles solutions de logement"),
        ("indicateur", "Nombre d'attributions"),
        ("priorité", "Projet en cours"),
        ("volet", "Volets interne et externe"),
    ]:
        assert f"{field} {value}" in fiche
        assert value.split()[-1] in (CORPUS / "anderlues-2019-2024.txt").read_text()
    partners = section(html, "partenaires")
    assert re.search(
        r'<td>partenaire</td>\s*<td><a href="/id/plan/anderlues/2019-2024/org/pcs">PCS</a></td>'
        r'\s*<td><a href="/id/org/pcs/anderlues">Plan de cohésion sociale \(PCS\)',
        partners,
    )
    assert "Service logement" in partners and "Service social (Tous)" in partners
    goals = section(html, "themes")
    stated = [visible(row) for row in re.findall(r'<tr class="document">(.*?)</tr>', goals, re.S)]
    assert sorted(stated) == [
        "enjeu Enjeu de la cohésion sociale document",
        "enjeu Enjeu de la gouvernance et de la gestion performante document",
    ]
    source = visible(section(html, "source"))
    assert "Sa fiche : anderlues-2019-2024.txt, lignes 2214 à 2246" in source
    assert "Renforcer la collaboration avec l'ISSH" in corpus_line("anderlues-2019-2024.txt", 2214)


@pytest.mark.parametrize("path", [DINANT_TAXI, ANDERLUES_ISSH, ANDERLUES_OS_500, "/id/org/issh"])
def test_no_page_shows_the_search_index(client: TestClient, path: str) -> None:
    for view in (path, path + "?vue=rdf"):
        html = page_text(client, view)
        assert "searchWord" not in html and "mot de recherche" not in html
        # The folded words of the index ("d", "l", "un") are never a cell of their own.
        cells = [visible(cell) for cell in re.findall(r"<td>(.*?)</td>", html, re.S)]
        assert not {"d", "l", "un", "une", "sur"} & set(cells)


def test_the_raw_rdf_view_is_one_click_away(client: TestClient) -> None:
    html = page_text(client, DINANT_TAXI)
    assert '<a href="?vue=rdf">vue RDF</a>' in html
    raw = page_text(client, DINANT_TAXI + "?vue=rdf")
    assert '<table class="resource">' in raw and "dcterms:title" in raw and "pst:firstLine" in raw
    assert f'<a href="{DINANT_TAXI}">← vue lisible</a>' in raw
    # RDF clients still get every statement, the index's included, by Accept.
    turtle = client.get(DINANT_TAXI, headers={"accept": "text/turtle"}).text
    assert "searchWord" in turtle and "taxi social" in turtle


def test_unknown_resource_and_view_get_a_french_error_page(client: TestClient) -> None:
    missing = client.get("/id/plan/dinant/2019-2024/action/9-9-9", headers=HTML)
    assert missing.status_code == 404
    assert "Page introuvable" in missing.text and "Aucune ressource de la base" in missing.text
    bad_view = client.get(DINANT_TAXI + "?vue=tableau", headers=HTML)
    assert bad_view.status_code == 400 and "la seule vue possible est « rdf »" in bad_view.text
    no_plan = client.get("/plans/nulle-part/2019-2024", headers=HTML)
    assert no_plan.status_code == 404
    assert "Le plan nulle-part/2019-2024 n'est pas dans la base." in unescape(no_plan.text)
    bad_table = client.get(DINANT_TAXI + "?format=csv&tableau=rien", headers=HTML)
    assert bad_table.status_code == 400 and "tableau inconnu « rien »" in unescape(bad_table.text)


def test_a_strategic_objective_lists_its_operational_objectives(client: TestClient) -> None:
    html = page_text(client, ANDERLUES_OS_500)
    children = section(html, "contenu")
    rows = [visible(row) for row in re.findall(r"<tr>(.*?)</tr>", children, re.S)[1:]]
    assert len(rows) == 12  # 501 to 512 in the document
    assert rows[0] == "objectif opérationnel 501 La mise en place et le suivi du PST 1"
    assert (
        rows[9] == "objectif opérationnel 510 Améliorer les procédures de travail de l' insertion 4"
    )
    assert "Objectifs opérationnels (12)" in children


def test_an_operational_objective_lists_its_projects(client: TestClient) -> None:
    html = page_text(client, ANDERLUES_OO_510)
    titles = re.findall(
        r'<td><a href="/id/[^"]+/action/[^"]+">([^<]+)</a></td>', section(html, "contenu")
    )
    assert titles[0] == "Constituer une farde destinée aux personnes proches de l'emploi"
    assert len(titles) == 4
    for title in titles:
        assert title in (CORPUS / "anderlues-2019-2024.txt").read_text()


def test_page_tables_export_as_csv_and_xlsx(client: TestClient) -> None:
    csv = client.get(DINANT_TAXI, params={"format": "csv", "tableau": "semblables"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert (
        'filename="plan-dinant-2019-2024-action-1-2-1-semblables.csv"'
        in (csv.headers["content-disposition"])
    )
    lines = csv.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Rang,CPAS,Projet ou action,Score,Indices" and len(lines) == 4
    xlsx = client.get(ANDERLUES_ISSH, params={"format": "xlsx", "tableau": "partenaires"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Rôle",
        "Nom dans le plan",
        "Organisation reconnue (dérivé)",
        "Type d'organisation",
    )
    assert ("partenaire", "PCS") in {row[:2] for row in rows[1:]}


def test_other_minted_resources_get_a_readable_page(client: TestClient) -> None:
    html = page_text(client, "/id/org/issh")
    assert "<h1>" in html and "ISSH</h1>" in html
    text = visible(html)
    assert "active sur le territoire de Commune d'Anderlues" in text
    # Once each, though the statement is in two graphs; French only.
    assert text.count("active sur le territoire de Commune d'Anderlues") == 1


def test_plan_page_summary_counts_and_links(client: TestClient) -> None:
    html = page_text(client, "/plans/anderlues/2019-2024")
    summary = re.search(r'<section class="summary".*?</section>', html, re.S)
    assert summary
    figures = visible(summary.group(0))
    plan = next(p for p in client.get("/api/plans").json() if p["plan"] == ANDERLUES)
    assert f"{plan['objectifs_strategiques']} objectifs stratégiques" in figures
    assert f"{plan['objectifs_operationnels']} objectifs opérationnels" in figures
    assert f"{plan['completeness_percent']} % complétude" in figures
    assert "67 projets" in figures and "non conforme" in figures
    # Every theme count links to the list of the items it counts.
    links = re.findall(
        r'<a href="(/requetes/projects-by-theme\?[^"]+)"[^>]*>(\d+)</a>', summary.group(0)
    )
    assert len(links) == 5
    for link, count in links:
        params = dict(parse_qsl(urlsplit(unescape(link)).query))
        assert params["plan"] == ANDERLUES
        rows = client.get("/api/queries/projects-by-theme", params=params).json()["rows"]
        assert len({row["item"] for row in rows}) == int(count)


def test_plan_iri_page_is_the_plan_page_with_its_fiches_folded(client: TestClient) -> None:
    html = page_text(client, "/id/plan/anderlues/2019-2024")
    assert '<section class="summary"' in html
    fiches = re.findall(r'<details class="fiche-fold">', html)
    assert len(fiches) == 68 and '<details class="fiche-fold" open' not in html
    tree = client.get("/plans/anderlues/2019-2024", params={"format": "csv", "tableau": "arbre"})
    lines = tree.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Code OS,Objectif stratégique,Code OO")
    assert sum(1 for line in lines if ",projet," in line) == 67


def test_every_element_of_the_corpus_has_its_readable_page(client: TestClient) -> None:
    """Each plan's page with its summary; each objective, project and action of the four
    plans: a page with its breadcrumb, the title the plan gives it, and its source."""
    checked = 0
    for plan in client.get("/api/plans").json():
        tree = client.get(plan["url"]).json()
        plan_page = page_text(client, plan["url"].removeprefix("/api"))
        assert f"<strong>{plan['objectifs_strategiques']}</strong> objectifs stratégiques" in (
            plan_page
        )
        for os in tree["objectifs_strategiques"]:
            elements = [os, *os["objectifs_operationnels"]]
            elements += [item for oo in os["objectifs_operationnels"] for item in oo["actions"]]
            for element in elements:
                path = "/id/" + element["iri"].removeprefix("https://w3id.org/pst-kg/id/")
                html = page_text(client, path)
                assert '<nav class="breadcrumb"' in html, path
                assert (element["title"] or "(sans titre)") in html, path
                assert "L'élément :" in section(html, "source"), path
                checked += 1
    assert checked == sum(
        p["objectifs_strategiques"] + p["objectifs_operationnels"] + p["actions"]
        for p in client.get("/api/plans").json()
    )


@pytest.fixture(scope="module")
def with_voisinville(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over the corpus and Voisinville (tests/fixtures/linking), whose taxi social
    serves two operational objectives: what no published plan of the corpus shows."""
    store = loaded_store(tmp_path_factory.mktemp("voisinville") / "store", VOISINVILLE)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()


def test_a_transversal_action_shows_each_of_its_places(with_voisinville: TestClient) -> None:
    taxi = "/id/plan/voisinville/2019-2024/action/2-1-1"
    html = page_text(with_voisinville, taxi)
    place = re.search(r'<dl class="place">(.*?)</dl>', html, re.S)
    assert place
    operational = re.findall(
        r"<dt>Objectif opérationnel</dt><dd><a [^>]+>([^<]+)</a>", place.group(1)
    )
    # As the document's rows 5 and 6 list it: under OO 2.1 and under OO 1.1.
    assert sorted(" ".join(oo.split()) for oo in operational) == [
        "1.1 Augmenter les mises à l'emploi sous article 60",
        "2.1 Rompre l'isolement des aînés",
    ]
    assert "Élément transversal : le plan le place sous 2 objectifs opérationnels." in html
