"""/region, /comparer and /couverture over the corpus: what a tutelle officer reads and clicks."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

ANDERLUES = "https://w3id.org/pst-kg/id/plan/anderlues/2019-2024"
DINANT = "https://w3id.org/pst-kg/id/plan/dinant/2019-2024"
HTML = {"accept": "text/html"}


class _Tables(HTMLParser):
    """The text of every cell of the tables of a page, and the links in them."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, list[str]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._table = found.get("id") or found.get("class") or ""
            self.tables[self._table] = []
            self.links[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._in_body and self._table is not None:
            self._cell = []
        elif tag == "a" and self._table is not None and self._in_body:
            self.links[self._table].append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _page(client: TestClient, url: str, **params: str) -> _Tables:
    response = client.get(url, params=params, headers=HTML)
    assert response.status_code == 200, response.text
    parsed = _Tables()
    parsed.feed(response.text)
    return parsed


def _csv(client: TestClient, url: str, **params: str) -> list[dict[str, str]]:
    response = client.get(url, params=params | {"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- /region ---------------------------------------------------------------------------------


def test_region_ranks_every_plan_with_its_province_and_arrondissement(client: TestClient) -> None:
    rows = _page(client, "/region").tables["ranking"]
    # (rang, CPAS, province, arrondissement, complétude): the ranking of `pst validate`,
    # the unnamed CPAS (no NIS code) kept under « province inconnue ».
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in rows] == [
        ("1", "CPAS d'Anderlues", "Hainaut", "Thuin", "59 %"),
        ("2", "CPAS de Burdinne", "Liège", "Huy", "8 %"),
        ("3", rows[2][1], "province inconnue", "—", "4 %"),
        ("4", "CPAS de Dinant", "Namur", "Dinant", "2 %"),
    ]
    assert rows[2][1].startswith("CPAS non nommé")
    assert rows[0][6] == "4"  # Anderlues's non-conformités, as its validation report counts them


def test_region_non_conformities_are_the_validation_reports(client: TestClient) -> None:
    ids = {plan["cpas"]: plan["id"] for plan in client.get("/api/plans").json()}
    rows = _page(client, "/region").tables["ranking"]
    for row in rows:
        report = client.get(f"/api/plans/{ids[row[1]]}/validation?format=json").json()
        violations = sum(1 for f in report["plans"][0]["findings"] if f["severity"] == "violation")
        assert int(row[6]) == violations


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "Liège"}, ["CPAS de Burdinne"]),
        ({"province": "liège"}, ["CPAS de Burdinne"]),  # as typed
        ({"province": "Hainaut", "arrondissement": "Thuin"}, ["CPAS d'Anderlues"]),
        ({"arrondissement": "Dinant"}, ["CPAS de Dinant"]),
        ({"province": "Namur", "arrondissement": "Huy"}, []),
        ({"province": "", "arrondissement": ""}, None),  # the form's « toutes » / « tous »
    ],
)
def test_region_filters_by_province_and_arrondissement(
    client: TestClient, params: dict[str, str], expected: list[str] | None
) -> None:
    page = _page(client, "/region", **params)
    rows = page.tables["ranking"]
    if expected is None:
        assert len(rows) == 4
    elif expected:
        assert [row[1] for row in rows] == expected
        assert rows[0][0] == "1"  # ranked within the selection
    else:
        assert rows == [["Aucun plan dans cette sélection."]]


def test_region_unknown_province_lists_the_plans_without_nis_code(client: TestClient) -> None:
    rows = _page(client, "/region", province="inconnue").tables["ranking"]
    assert len(rows) == 1 and rows[0][1].startswith("CPAS non nommé")


@pytest.mark.parametrize(
    ("params", "allowed"),
    [({"province": "Flandre"}, "Brabant wallon, Hainaut"), ({"arrondissement": "Gand"}, "Thuin")],
)
def test_region_bad_filter_is_a_french_400_listing_the_allowed_values(
    client: TestClient, params: dict[str, str], allowed: str
) -> None:
    response = client.get("/region", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "valeurs possibles" in response.text and allowed in response.text
    assert next(iter(params.values())) in response.text


def test_region_charts_follow_the_filter_and_link_to_the_reports(client: TestClient) -> None:
    text = client.get("/region", headers=HTML).text
    assert text.count("<svg") == 2
    assert 'href="/plans/anderlues/2019-2024/validation"' in text.split("<table")[0]
    filtered = client.get("/region", params={"province": "Liège"}, headers=HTML).text
    charts = filtered.split("<table")[0]
    assert "CPAS de Burdinne" in charts and "Anderlues" not in charts


def test_region_pages_the_ranking(client: TestClient) -> None:
    response = client.get("/region", params={"limit": 2, "offset": 2}, headers=HTML)
    rows = _Tables()
    rows.feed(response.text)
    assert [row[0] for row in rows.tables["ranking"]] == ["3", "4"]
    assert "lignes 3–4 sur 4" in response.text


def test_region_exports_the_whole_filtered_ranking(client: TestClient) -> None:
    rows = _csv(client, "/region", limit="1")
    assert [row["CPAS"] for row in rows][:2] == ["CPAS d'Anderlues", "CPAS de Burdinne"]
    assert len(rows) == 4  # the export is not the page: every row of the selection
    assert rows[0]["Province"] == "Hainaut"
    assert rows[0]["Code INS"] == "56001" and rows[0]["Complétude (%)"] == "59"
    assert rows[3]["Arrondissement"] == "Dinant" and rows[3]["Rang"] == "4"
    only = _csv(client, "/region", province="Liège")
    assert [(row["CPAS"], row["Code INS"]) for row in only] == [("CPAS de Burdinne", "61010")]
    response = client.get("/region", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("Rang", "CPAS", "Législature") and len(values) == 5


def test_plans_api_gives_the_nis_code(client: TestClient) -> None:
    codes = {plan["cpas"]: plan["nis_code"] for plan in client.get("/api/plans").json()}
    assert codes["CPAS d'Anderlues"] == "56001" and codes["CPAS de Dinant"] == "91034"
    assert [code for cpas, code in codes.items() if cpas.startswith("CPAS non")] == [None]


# --- /comparer -------------------------------------------------------------------------------


def test_compare_counts_link_to_the_projects_and_show_the_share(client: TestClient) -> None:
    page = _page(client, "/comparer", a="anderlues/2019-2024", b="dinant/2019-2024")
    rows = page.tables["compare-themes"]
    logement = next(row for row in rows if row[0] == "Logement")
    count_a, share_a = int(logement[1].split()[0]), logement[2]
    assert share_a == f"{round(100 * count_a / 67)} %"  # Anderlues: 67 projets et actions
    links = page.links["compare-themes"]
    assert (
        "/requetes/projects-by-theme?theme=logement&plan="
        + ANDERLUES.replace(":", "%3A").replace("/", "%2F")
    ) in links


def test_compare_draws_the_theme_counts_side_by_side(client: TestClient) -> None:
    text = client.get(
        "/comparer", params={"a": "anderlues/2019-2024", "b": "dinant/2019-2024"}, headers=HTML
    ).text
    chart = text[text.index("<svg") : text.index("</svg>")]
    rows = _Tables()
    rows.feed(text)
    themes = len(rows.tables["compare-themes"])
    assert chart.count('<g class="bar series-0">') == themes
    assert chart.count('<g class="bar series-1">') == themes
    assert chart.count('<a href="/requetes/projects-by-theme?') == 2 * themes


def test_compare_exports_counts_and_shares(client: TestClient) -> None:
    rows = _csv(client, "/comparer", a="anderlues/2019-2024", b="dinant/2019-2024")
    logement = next(row for row in rows if row["Code du thème"] == "logement")
    count = int(logement["CPAS d'Anderlues (nombre)"])
    assert float(logement["CPAS d'Anderlues (% du plan)"]) == round(100 * count / 67, 1)
    assert "CPAS de Dinant (nombre)" in logement


# --- /couverture -----------------------------------------------------------------------------


def test_coverage_names_the_odd_and_links_each_count(client: TestClient) -> None:
    page = _page(client, "/couverture")
    rows = page.tables["tableau-odd"]
    assert [row[0] for row in rows][:2] == ["1 Pas de pauvreté", "2 Faim « zéro »"]
    assert rows[9][0] == "10 Inégalités réduites"
    assert len(rows) == 17
    links = page.links["tableau-odd"]
    assert links and all(link.startswith("/requetes/projects-by-odd?odd=") for link in links)
    assert all("&plan=https%3A%2F%2Fw3id.org" in link and "&source=" in link for link in links)
    themes = page.links["tableau-themes"]
    assert themes and all(link.startswith("/requetes/projects-by-theme?theme=") for link in themes)


def test_coverage_shows_shares_of_each_plan_on_request(client: TestClient) -> None:
    counts = _page(client, "/couverture").tables["tableau-themes"]
    shares = _page(client, "/couverture", mesure="part").tables["tableau-themes"]
    exported = {row["Code du thème"]: row for row in _csv(client, "/couverture", tableau="themes")}
    assert [row[0] for row in counts] == [row[0] for row in shares]
    seen = 0
    for count_row, share_row in zip(counts, shares, strict=True):
        for count, share in zip(count_row[1:], share_row[1:], strict=True):
            assert (count == "") == (share == "")
            if count:
                assert share.endswith(" %") and not count.endswith("%")
                seen += 1
    assert seen
    # The export holds both, whatever the page shows.
    logement = exported["logement"]
    count = int(logement["CPAS d'Anderlues (nombre)"])
    assert float(logement["CPAS d'Anderlues (% du plan)"]) == round(100 * count / 67, 1)


def test_coverage_exports_each_table(client: TestClient) -> None:
    odd = _csv(client, "/couverture", tableau="odd")
    assert [row["ODD"] for row in odd] == [str(n) for n in range(1, 18)]
    assert odd[0]["Objectif"] == "Pas de pauvreté"
    assert "CPAS de Dinant — document (nombre)" in odd[0]
    themes = _csv(client, "/couverture", tableau="themes")
    assert themes and "Thème" in themes[0]


@pytest.mark.parametrize(
    "params", [{"mesure": "pourcent"}, {"format": "csv", "tableau": "plans"}, {"format": "csv"}]
)
def test_coverage_bad_parameters_are_a_french_400(
    client: TestClient, params: dict[str, str]
) -> None:
    response = client.get("/couverture", params=params)
    assert response.status_code == 400
    assert "valeurs possibles" in response.text


def test_coverage_pages_the_plans_and_exports_them_all(client: TestClient) -> None:
    response = client.get("/couverture", params={"limit": 2, "offset": 2}, headers=HTML)
    page = _Tables()
    page.feed(response.text)
    links = page.links["tableau-themes"]
    assert links and all("dinant" in link or "non-nomme" in link for link in links)
    assert "lignes 3–4 sur 4" in response.text
    themes = _csv(client, "/couverture", tableau="themes", limit="2")
    assert "CPAS d'Anderlues (nombre)" in themes[0] and "CPAS de Dinant (nombre)" in themes[0]
