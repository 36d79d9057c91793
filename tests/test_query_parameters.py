"""Named-query parameters whose values come from a list (issue #15): the header's declaration,
the spellings accepted, the errors, and ``pst query`` alike. No store needed but for the CLI."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from pstkg.cli import main
from pstkg.errors import QueryError
from pstkg.named_queries import (
    UnknownParameterError,
    catalogue,
    named_query_sparql,
    parse_query_file,
)
from pstkg.parameter_values import UnknownValueError, fold_value, scheme_values
from tests.conftest import CORPUS


def bound(name: str, **values: str) -> str:
    """The VALUES block the query receives."""
    match = re.search(r"VALUES \(\?\w+[^)]*\) \{ \(.*?\) \}", named_query_sparql(name, values))
    assert match, name
    return match.group(0)


def test_every_declared_list_has_values_from_the_ontology() -> None:
    declared = {
        (query.name, parameter.name): parameter.values
        for query in catalogue().values()
        for parameter in query.parameters
        if parameter.values_from is not None
    }
    assert ("projects-by-theme", "theme") in declared
    assert ("projects-by-odd", "odd") in declared
    assert ("projects-by-enjeu", "enjeu") in declared
    assert ("partner-projects", "kind") in declared
    for key, values in declared.items():
        assert values is not None and len(values.values) >= 2, key
    odd = declared["projects-by-odd", "odd"]
    assert odd is not None
    assert [value.code for value in odd.values] == [str(n) for n in range(1, 18)]


@pytest.mark.parametrize(
    ("query", "parameter", "written", "code"),
    [
        ("projects-by-theme", "theme", "Mobilité", "mobilite"),
        ("projects-by-theme", "theme", "MOBILITÉ", "mobilite"),
        ("projects-by-theme", "theme", "Insertion socio-professionnelle", "insertion"),
        ("projects-by-theme", "theme", "Social and professional integration", "insertion"),
        ("projects-by-odd", "odd", "ODD10", "10"),
        ("projects-by-odd", "odd", "ODD 10", "10"),
        ("projects-by-odd", "odd", "odd-10", "10"),
        ("projects-by-odd", "odd", "SDG10", "10"),
        ("projects-by-odd", "odd", "10", "10"),
        ("projects-by-odd", "odd", "Reduced inequalities", "10"),
        ("projects-by-odd", "source", "derive", "dérivé"),
        ("projects-by-enjeu", "enjeu", "cohesion sociale", "4"),
        ("shared-partners", "kind", "PCS", "pcs"),
    ],
)
def test_a_value_is_accepted_as_users_write_it(
    query: str, parameter: str, written: str, code: str
) -> None:
    assert f'"{code}"' in bound(query, **{parameter: written})


def test_a_plan_or_an_item_is_given_by_its_path() -> None:
    plan = "<https://w3id.org/pst-kg/id/plan/anderlues/2019-2024>"
    assert plan in bound("plan-summary", plan="anderlues/2019-2024")
    assert plan in bound("plan-summary", plan="pstid:plan/anderlues/2019-2024")
    item = "<https://w3id.org/pst-kg/id/plan/dinant/2019-2024/action/1-2-1>"
    assert item in bound("similar-projects", item="dinant/2019-2024/action/1-2-1")
    assert "<https://w3id.org/pst-kg/id/org/forem>" in bound(
        "partner-projects", organisation="org/forem"
    )


def test_an_unknown_value_names_the_parameter_and_the_allowed_values() -> None:
    with pytest.raises(QueryError) as raised:
        named_query_sparql("projects-by-enjeu", {"enjeu": "5"})
    message = str(raised.value)
    assert message.startswith("parameter enjeu: '5' is not one of its values; allowed: 1 (")
    assert "4 (Enjeu de la cohésion sociale)" in message
    with pytest.raises(QueryError, match=r"allowed: document, dérivé$"):
        named_query_sparql("projects-by-odd", {"source": "suggéré"})


def test_an_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(QueryError, match=r"unknown parameter 'plna' \(did you mean 'plan'\?"):
        named_query_sparql("plan-tree", {"plna": "x"})


def test_spellings_fold_to_one_form() -> None:
    assert fold_value("ODD10") == fold_value("odd-10") == fold_value(" Odd 10 ") == "odd 10"
    assert fold_value("Mobilité") == fold_value("MOBILITE") == "mobilite"


def test_a_scheme_without_notations_is_refused() -> None:
    with pytest.raises(QueryError, match="no concept of that scheme has a skos:notation"):
        scheme_values("pstv:no-such-scheme")


def test_a_bad_declaration_names_the_file(tmp_path: Path) -> None:
    query = tmp_path / "bad-list.rq"
    query.write_text(
        "#+ title: t\n#+ description: d\n#+ param: n integer[pstv:themes] - x\n"
        "SELECT ?n WHERE { }\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match=r"bad-list\.rq: parameter n: only a string takes"):
        parse_query_file(query)


def test_pst_query_takes_labels_and_refuses_unknown_values(capsys, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert main(["load", str(CORPUS), "--store", store]) == 0
    capsys.readouterr()
    by_label = main(["query", "projects-by-theme", "--param", "theme=Mobilité", "--store", store])
    label_out = capsys.readouterr().out
    by_code = main(["query", "projects-by-theme", "--param", "theme=mobilite", "--store", store])
    assert by_label == by_code == 0 and label_out == capsys.readouterr().out
    assert "mobilite" in label_out
    code = main(["query", "projects-by-odd", "--param", "odd=ODD 18", "--store", store])
    err = capsys.readouterr().err
    assert code == 1 and "parameter odd: 'ODD 18' is not one of its values" in err
    assert err.count("\n") == 1


def test_the_errors_carry_what_a_page_needs_to_say_them_in_french() -> None:
    with pytest.raises(UnknownValueError) as value:
        named_query_sparql("projects-by-theme", {"theme": "vélo"})
    assert (value.value.parameter, value.value.written) == ("theme", "vélo")
    assert ("mobilite", "Mobilité") in [(v.code, v.label) for v in value.value.values.values]
    with pytest.raises(UnknownParameterError) as name:
        named_query_sparql("projects-by-theme", {"thme": "x"})
    assert (name.value.name, name.value.suggestion, name.value.names) == (
        "thme",
        "theme",
        ["theme", "plan"],
    )


def test_pst_query_prints_a_page_and_says_where_it_stands(capsys, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert main(["load", str(CORPUS), "--store", store]) == 0
    capsys.readouterr()
    whole = ["query", "projects-by-theme", "--format", "csv", "--store", store]
    assert main(whole) == 0
    rows = table(capsys.readouterr().out)
    assert main([*whole, "--limit", "5", "--offset", "10"]) == 0
    page = capsys.readouterr()
    assert table(page.out) == [rows[0], *rows[11:16]]
    assert page.err == f"pst: rows 11-15 of {len(rows) - 1}\n"
    with pytest.raises(SystemExit):
        main([*whole, "--limit", "0"])
    assert "'0': give a whole number, 1 or more" in capsys.readouterr().err


def table(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row]
