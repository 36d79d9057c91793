"""Errors in French for a browser (the error page), unchanged for the API's clients (JSON)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pstkg.api import create_app

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SAME_PLAN = {"a": "dinant/2019-2024", "b": "dinant/2019-2024"}


def page_text(html: str) -> str:
    """The words of the page's <main>, tags dropped, as a reader sees them."""
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").replace("&amp;", "&")
    return " ".join(text.split())


def heading(html: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert match, html
    return match.group(1).strip()


def test_unknown_address_is_a_french_page(client: TestClient) -> None:
    response = client.get("/nulle-part", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert heading(response.text) == "Page introuvable"
    assert "Not Found" not in response.text  # Starlette's English phrase is not shown
    assert 'lang="fr"' in response.text


def test_unknown_address_stays_json_for_api_clients(client: TestClient) -> None:
    response = client.get("/nulle-part")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_two_same_plans_on_the_comparison_page(client: TestClient) -> None:
    response = client.get("/comparer", params=SAME_PLAN, headers=HTML)
    assert response.status_code == 400
    text = page_text(response.text)
    assert "Choisissez deux plans différents à comparer." in text
    # The English detail is there for whoever reports the problem, folded away.
    assert "<summary>Détail technique (erreur 400)</summary>" in response.text
    assert text.index("Choisissez") < text.index("give two different plans")


def test_two_same_plans_in_the_api_keep_the_english_detail(client: TestClient) -> None:
    response = client.get("/api/compare", params={"plans": "dinant/2019-2024,dinant/2019-2024"})
    assert response.status_code == 400
    assert response.json() == {"detail": "give two different plans"}


def test_a_plan_reference_that_is_no_plan(client: TestClient) -> None:
    response = client.get("/comparer", params={"a": "dinant", "b": "x/y"}, headers=HTML)
    assert response.status_code == 400
    assert "« dinant » ne désigne pas un plan" in page_text(response.text)
    api = client.get("/api/compare", params={"plans": "dinant,x/y"})
    assert api.json()["detail"].startswith("'dinant' is not a plan")


def test_unknown_plan_page(client: TestClient) -> None:
    response = client.get("/plans/nulle-part/2019-2024", headers=HTML)
    assert response.status_code == 404
    assert heading(response.text) == "Page introuvable"
    assert "Le plan nulle-part/2019-2024 n'est pas dans la base." in page_text(response.text)


def test_wrong_method_is_a_french_page(client: TestClient) -> None:
    response = client.post("/", headers=HTML)
    assert response.status_code == 405
    assert heading(response.text) == "Méthode non permise"
    assert "Method Not Allowed" not in response.text
    assert client.post("/").json() == {"detail": "Method Not Allowed"}


def test_invalid_parameter_names_it_in_french(client: TestClient) -> None:
    response = client.get("/api/queries/plans", params={"format": "xml"}, headers=HTML)
    assert response.status_code == 422
    assert heading(response.text) == "Demande incorrecte"
    assert (
        "Paramètre invalide : format — valeurs permises : 'json', 'csv' ou 'xlsx' (reçu « xml »)"
        in page_text(response.text)
    )


def test_invalid_parameter_keeps_fastapis_json(client: TestClient) -> None:
    response = client.get("/api/queries/plans", params={"format": "xml"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "format"] and error["type"] == "literal_error"


@pytest.fixture
def failing_client(writable_store: Path) -> Iterator[TestClient]:
    """The app (over a store of its own) with one more route, which fails as a bug would."""
    app = create_app(writable_store)

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/en-panne", broken)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_server_error_is_french_for_a_browser_plain_for_others(failing_client: TestClient) -> None:
    page = failing_client.get("/en-panne", headers=HTML)
    assert page.status_code == 500
    assert heading(page.text) == "Erreur du serveur"
    assert "a bug" not in page.text  # nothing of the code's inside is shown
    response = failing_client.get("/en-panne")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"


def test_sparql_errors_stay_plain_text(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT nonsense"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
