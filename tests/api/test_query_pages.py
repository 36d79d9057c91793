"""The query pages (/requetes, /recherche), the search box, and the export of the pages' tables:
what a tutelle officer reading the corpus finds there."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from pstkg.api import create_app
from pstkg.named_queries import catalogue

HTML = {"accept": "text/html"}
THEME_ROWS = 265  # projects-by-theme on the corpus: every (theme, item) link


class TableReader(HTMLParser):
    """The cells (text, link) of the tables of a page whose class is ``table_class``."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.rows: list[list[tuple[str, str | None]]] = []
        self.headings: list[str] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and self.table_class in (found.get("class") or "").split():
            self._depth = 1
        elif not self._depth:
            return
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._href = [], None
        elif tag == "a" and self._cell is not None:
            self._href = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "table":
            self._depth = 0
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._in_head:
                self.headings.append(text)
            else:
                self.rows[-1].append((text, self._href))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_table(html: str, table_class: str = "result") -> TableReader:
    reader = TableReader(table_class)
    reader.feed(html)
    return reader


def page_text(html: str) -> str:
    main = html.split("<main>", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").split())


def test_search_finds_the_taxi_social_of_burdinne_and_dinant(client: TestClient) -> None:
    answer = client.get("/recherche", params={"mots": "taxi social"}, headers=HTML)
    assert answer.status_code == 200
    table = read_table(answer.text)
    assert table.headings == ["CPAS", "Intitulé", "Trouvé dans", "Source"]
    found = {(row[0][0], row[1][0]) for row in table.rows}
    # Dinant's 1.2.1 and Burdinne's three actions name the taxi social (corpus, lines 181/299…)
    assert ("CPAS de Dinant", "Avoir une réflexion sur l'opportunité d'un taxi social") in found
    assert (
        "CPAS de Burdinne",
        "Promouvoir le Taxi social et étendre son utilisation de sorte à approcher un volume "
        "d'emploi égal à +/- 1 ETP",
    ) in found
    assert len(table.rows) == 4
    dinant = next(row for row in table.rows if row[0][0] == "CPAS de Dinant")
    assert dinant[0][1] == "/id/plan/dinant/2019-2024"
    assert dinant[1][1] == "/id/plan/dinant/2019-2024/action/1-2-1"
    assert {row[3][0] for row in table.rows} == {"document"}
    assert "lignes 1–4 sur 4" in page_text(answer.text)


@pytest.mark.parametrize(
    "plan", ["dinant/2019-2024", "CPAS de Dinant", "dinant", "CPAS de Dinant (2019-2024)"]
)
def test_search_restricted_to_a_plan_by_its_name(client: TestClient, plan: str) -> None:
    answer = client.get("/recherche", params={"mots": "Taxi-Social", "plan": plan}, headers=HTML)
    rows = read_table(answer.text).rows
    assert [row[0][0] for row in rows] == ["CPAS de Dinant"]


@pytest.mark.parametrize("words", ["", "x", " - ", "é"])
def test_a_search_under_two_letters_gives_a_hint_not_an_error(
    client: TestClient, words: str
) -> None:
    answer = client.get("/recherche", params={"mots": words}, headers=HTML)
    assert answer.status_code == 200
    assert "<table" not in answer.text.split("<main>")[1]
    hint = "Tapez au moins deux lettres ou chiffres"
    assert (hint in answer.text) == bool(words)


def test_every_page_has_the_search_box_and_the_queries_link(client: TestClient) -> None:
    pages = ("/", "/partenaires", "/requetes", "/recherche?mots=logement", "/region")
    pages += ("/comparer", "/couverture", "/editeur", "/id/plan/dinant/2019-2024")
    # The validation report is the document `pst validate` writes, with the pages' header on top.
    pages += ("/plans/dinant/2019-2024", "/plans/dinant/2019-2024/validation")
    for path in pages:
        html = client.get(path, headers=HTML).text
        assert '<form class="header-search" action="/recherche" method="get"' in html
        assert 'name="mots"' in html
        assert '<a href="/requetes">Requêtes</a>' in html


def test_the_query_list_is_french_and_complete(client: TestClient) -> None:
    table = read_table(client.get("/requetes", headers=HTML).text, "query-list")
    assert table.headings == ["Requête", "Ce qu'elle donne", "Paramètres"]
    links = {row[0][1] for row in table.rows}
    assert links == {f"/requetes/{name}" for name in catalogue()}
    search = next(row for row in table.rows if row[0][1] == "/requetes/search")
    assert search[0][0] == "Recherche"
    assert search[1][0].startswith("Les projets et actions dont l'intitulé")
    assert search[2][0] == "Mots cherchés, Plan"
    # No English description slipped through: each query has its French one.
    assert not any(row[1][0].startswith(("The ", "One row", "For ")) for row in table.rows)


def theme_page(client: TestClient, **params: object) -> TableReader:
    answer = client.get("/requetes/projects-by-theme", params=params, headers=HTML)
    assert answer.status_code == 200, answer.text
    return read_table(answer.text)


def test_paging_offsets_concatenate_to_the_whole_result(client: TestClient) -> None:
    whole = theme_page(client, limit=1000).rows
    assert len(whole) == THEME_ROWS == client.get("/api/queries/projects-by-theme").json()["total"]
    pages = [theme_page(client, limit=100, offset=offset).rows for offset in (0, 100, 200)]
    assert [len(rows) for rows in pages] == [100, 100, 65]
    assert [row for rows in pages for row in rows] == whole
    first = client.get("/requetes/projects-by-theme", headers=HTML).text
    assert "lignes 1–100 sur 265" in page_text(first)
    assert 'rel="next" href="/requetes/projects-by-theme?offset=100"' in first


def test_a_query_page_shows_labels_links_and_numbers(client: TestClient) -> None:
    answer = client.get("/requetes/projects-by-theme", params={"theme": "logement"}, headers=HTML)
    table = read_table(answer.text)
    assert table.headings == ["Thème", "CPAS", "Intitulé", "Score", "Méthode", "Indices", "Source"]
    assert {row[0][0] for row in table.rows} == {"Logement"}
    assert all(row[2][1].startswith("/id/plan/") for row in table.rows)
    assert all(re.fullmatch(r"[01](,\d+)?", row[3][0]) for row in table.rows)
    assert {row[6][0] for row in table.rows} == {"dérivé"}
    assert "^^" not in answer.text and "XMLSchema" not in answer.text


def test_counts_are_numbers_not_typed_literals(client: TestClient) -> None:
    answer = client.get("/requetes/plan-summary", headers=HTML)
    table = read_table(answer.text)
    dinant = next(row for row in table.rows if row[0][0] == "CPAS de Dinant")
    assert [cell[0] for cell in dinant[2:5]] == ["3", "14", "70"]
    assert '<td class="num">3</td>' in answer.text
    assert "^^" not in answer.text


@pytest.mark.parametrize(
    ("name", "params", "column", "label"),
    [
        ("projects-by-theme", {"theme": "Mobilité"}, 0, "Mobilité"),
        ("projects-by-theme", {"theme": "MOBILITE "}, 0, "Mobilité"),
        ("projects-by-odd", {"odd": "ODD10"}, 1, "Inégalités réduites"),
        ("projects-by-odd", {"odd": "inégalités réduites"}, 1, "Inégalités réduites"),
    ],
)
def test_labels_and_common_spellings_are_accepted(
    client: TestClient, name: str, params: dict[str, str], column: int, label: str
) -> None:
    answer = client.get(f"/requetes/{name}", params=params, headers=HTML)
    assert answer.status_code == 200
    rows = read_table(answer.text).rows
    assert rows and {row[column][0] for row in rows} == {label}


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        (
            "/requetes/projects-by-odd",
            {"odd": "ODD99"},
            "Le paramètre « ODD » (odd) ne connaît pas « ODD99 » ; valeurs possibles : "
            "1 (Pas de pauvreté), 2",
        ),
        (
            "/requetes/similar-projects",
            {"min_score": "beaucoup"},
            "Le paramètre « Score minimum (0 à 1) » (min_score) attend un nombre",
        ),
        (
            "/requetes/search",
            {"wrods": "taxi"},
            "La requête « Recherche » n'a pas de paramètre « wrods » (vouliez-vous dire "
            "« words » ? ses paramètres : words (Mots cherchés), plan (Plan)).",
        ),
        (
            "/requetes/plans",
            {"zzz": "1"},
            "La requête « Plans du graphe » n'a pas de paramètre « zzz » (ses paramètres : "
            "plan (Plan)).",
        ),
        (
            "/requetes/projects-by-enjeu",
            {"source": "inventé"},
            "Le paramètre « Source » (source) ne connaît pas « inventé » ; valeurs possibles : "
            "document, dérivé.",
        ),
        (
            "/requetes/projects-by-theme",
            {"plan": "nulle-part/2019"},
            "Le paramètre « Plan » (plan) ne connaît pas « nulle-part/2019 »",
        ),
    ],
)
def test_a_bad_parameter_is_a_french_400_that_keeps_the_form(
    client: TestClient, path: str, params: dict[str, str], says: str
) -> None:
    answer = client.get(path, params=params, headers=HTML)
    assert answer.status_code == 400
    assert says in page_text(answer.text)
    assert 'class="query-form"' in answer.text
    assert "<table" not in answer.text.split("<main>")[1]


def test_a_decimal_comma_is_read_as_a_number(client: TestClient) -> None:
    answer = client.get("/requetes/similar-projects", params={"min_score": "0,5"}, headers=HTML)
    assert answer.status_code == 200
    scores = [row[5][0] for row in read_table(answer.text).rows]
    assert scores and all(float(score.replace(",", ".")) >= 0.5 for score in scores)


def test_an_unknown_query_is_a_french_404(client: TestClient) -> None:
    answer = client.get("/requetes/inexistante", headers=HTML)
    assert answer.status_code == 404
    assert "Aucune requête ne s'appelle « inexistante »" in page_text(answer.text)


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_export_of_a_query_page_is_the_whole_result(client: TestClient) -> None:
    answer = client.get("/requetes/projects-by-theme", params={"limit": 10, "format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="projects-by-theme.csv"'
    rows = csv_rows(answer.content)
    assert rows[0][:4] == ["Thème (code)", "Thème", "Plan", "CPAS"]
    assert len(rows) - 1 == THEME_ROWS
    page = client.get("/requetes/projects-by-theme", params={"limit": 10}, headers=HTML).text
    assert "format=csv" in page and "format=xlsx" in page


def test_the_export_of_a_search_in_xlsx(client: TestClient) -> None:
    answer = client.get("/recherche", params={"mots": "taxi social", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Plan", "CPAS", "Projet ou action", "Intitulé", "Trouvé dans", "Source")
    assert len(values) == 5
    assert {row[1] for row in values[1:]} == {"CPAS de Burdinne", "CPAS de Dinant"}


def test_the_home_table_exports_the_four_cpas_with_their_completeness(
    client: TestClient,
) -> None:
    answer = client.get("/", params={"format": "csv"})
    assert answer.headers["content-disposition"] == 'attachment; filename="plans.csv"'
    rows = csv_rows(answer.content)
    assert rows[0][:7] == [
        "CPAS",
        "Législature",
        "Objectifs stratégiques",
        "Objectifs opérationnels",
        "Projets et actions",
        "Complétude (%)",
        "Conforme au décret",
    ]
    completeness = {row[0]: row[5] for row in rows[1:]}
    assert completeness == {
        "CPAS d'Anderlues": "59",
        "CPAS de Burdinne": "8",
        "CPAS de Dinant": "2",
        "CPAS non nommé (conseil conjoint Ville/CPAS du 24 septembre 2019)": "4",
    }
    sheet = load_workbook(io.BytesIO(client.get("/?format=xlsx").content)).active
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == [59, 8, 2, 4]


def test_the_home_counts_lead_to_the_plan_and_its_report(client: TestClient) -> None:
    html = client.get("/", headers=HTML).text
    table = read_table(html, "plans")
    dinant = next(row for row in table.rows if row[0][0] == "CPAS de Dinant")
    assert [cell[1] for cell in dinant[2:5]] == ["/plans/dinant/2019-2024"] * 3
    assert dinant[5] == ("2 %", "/plans/dinant/2019-2024/validation")
    assert 'href="/?format=csv"' in html and 'href="/?format=xlsx"' in html


def test_partner_counts_lead_to_the_projects_behind_them(client: TestClient) -> None:
    html = client.get("/partenaires", headers=HTML).text
    ais = next(row for row in read_table(html, "kinds").rows if row[0][0].endswith("(AIS)"))
    assert ais[1] == ("3", "/requetes/partner-projects?kind=ais")
    behind = read_table(client.get(ais[1][1], headers=HTML).text)
    assert len(behind.rows) == 3
    assert "Renforcer la collaboration avec l'AIS" in " ".join(c[0] for r in behind.rows for c in r)


def test_each_partner_table_exports_on_its_own(client: TestClient) -> None:
    kinds = csv_rows(client.get("/partenaires?format=csv&tableau=types").content)
    assert kinds[0] == ["Type d'organisation", "Type (code)", "Plans", "Cité par",
                        "Organisations", "Source"]  # fmt: skip
    assert kinds[1][1:3] == ["ais", "3"]
    projects = csv_rows(client.get("/partenaires?kind=ais&format=csv&tableau=projets").content)
    assert len(projects) == 4 and projects[0][:2] == ["CPAS", "Intitulé"]
    html = client.get("/partenaires?kind=ais", headers=HTML).text
    assert "format=csv&amp;tableau=projets" in html and "format=csv&amp;tableau=types" in html


def linked_counts(client: TestClient, path: str) -> list[tuple[int, str]]:
    table = read_table(client.get(path, headers=HTML).text)
    return [
        (int(text), href)
        for row in table.rows
        for text, href in row
        if href and href.startswith("/requetes/")
    ]


@pytest.mark.parametrize("path", ["/requetes/theme-coverage?limit=1000", "/requetes/odd-coverage"])
def test_every_count_of_a_coverage_query_leads_to_its_items(client: TestClient, path: str) -> None:
    counts = linked_counts(client, path)
    assert len(counts) >= 20
    for count, href in counts[:: max(1, len(counts) // 12)]:
        behind = client.get(href.replace("&amp;", "&"), headers=HTML)
        assert behind.status_code == 200
        assert f"sur {count}" in page_text(behind.text), href
        assert len(read_table(behind.text).rows) == count


def test_a_query_page_runs_under_the_service_time_limit(writable_store) -> None:
    # A limit of 0 s stops any query: the page says so in French, the service stays up.
    with TestClient(create_app(writable_store, query_timeout=0)) as stopped:
        answer = stopped.get("/requetes/plans", headers=HTML)
        assert answer.status_code == 503
        assert "La requête a été arrêtée après 0 s, la limite du service" in page_text(answer.text)
        assert stopped.get("/requetes", headers=HTML).status_code == 200
