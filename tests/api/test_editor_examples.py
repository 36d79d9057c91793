"""The SPARQL editor's examples: each named query with its example's values, rows on the corpus."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from pstkg.api.editor_examples import editor_examples, example_values
from pstkg.named_queries import catalogue, get_query

EXAMPLES = {example["name"]: example for example in editor_examples()}
EMPTY_ON_CORPUS = {
    # Not the example's doing: no organisation of the corpus is named by two of its four plans
    # (`pst query shared-partners` prints 0 rows too); the shared kinds of partner are.
    "shared-partners",
    # No project of the corpus is filed under two operational objectives (0 rows from the CLI).
    "transversal-projects",
    # The published corpus holds plans only: its evaluations are fictional, in
    # tests/fixtures/fictional (tests/test_queries.py runs both queries on them).
    "evaluations",
    "evaluation-snapshots",
    # One plan per CPAS in the corpus: nothing continues from a previous législature
    # (tests/test_continuity_fixtures.py runs them on the fictional 2025-2030 plans).
    "continuity",
    "continuity-by-cpas",
    "dropped-items",
    "new-items",
}


def test_every_named_query_is_an_example() -> None:
    assert set(EXAMPLES) == set(catalogue())


def test_example_values_come_from_the_example_command() -> None:
    assert example_values(get_query("search")) == {"words": "article 60"}
    assert example_values(get_query("projects-by-enjeu")) == {"enjeu": "4", "source": "document"}
    assert example_values(get_query("plans")) == {}


def test_values_are_bound_as_typed_terms_in_a_values_block() -> None:
    query = EXAMPLES["projects-by-odd"]["query"]
    assert re.search(r'VALUES \(\?odd\) \{ \("8"\) \}', query), query
    similar = EXAMPLES["similar-projects"]["query"]
    assert (
        "VALUES (?item) { (<https://w3id.org/pst-kg/id/plan/dinant/2019-2024/action/1-2-1>) }"
        in similar
    )


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_example_returns_rows_on_the_corpus(client: TestClient, name: str) -> None:
    response = client.post(
        "/sparql",
        data={"query": EXAMPLES[name]["query"]},
        headers={"accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    if name in EMPTY_ON_CORPUS:
        assert rows == []
    else:
        assert rows, f"{name} returns no row with its example"


def test_the_editor_page_embeds_the_examples_and_the_french_labels(client: TestClient) -> None:
    page = client.get("/editeur")
    assert page.status_code == 200
    embedded = re.search(
        r'<script id="examples-data" type="application/json">(.*?)</script>', page.text, re.S
    )
    assert embedded and json.loads(embedded.group(1))[0]["values"] is not None
    assert '"Run query": "Lancer la requête"' in page.text
    assert 'data-first-example="plans"' in page.text
