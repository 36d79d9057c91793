"""A query nested deeper than the parser's stack is refused in one line (issue #14, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pstkg.cli import main
from pstkg.errors import QueryError
from pstkg.query_nesting import MAX_NESTING, check_nesting


def test_ten_thousand_braces_are_one_line_not_a_crash(capsys, store_dir: Path):
    assert (
        main(
            [
                "load",
                str(Path(__file__).parent.parent / "data/corpus/dinant-2019.txt"),
                "--store",
                str(store_dir),
            ]
        )
        == 0
    )
    capsys.readouterr()
    query = "SELECT * WHERE\n" + "{" * 10_000 + "}" * 10_000
    code = main(["sparql", query, "--store", str(store_dir)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"pst: error: line 2: the query nests brackets more than {MAX_NESTING} levels deep "
        "(refused before parsing: the parser would overflow its stack)\n"
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o FILTER(?o = '" + "{" * 1000 + "') }",
        'SELECT * WHERE { ?s ?p """' + "(" * 1000 + '""" }',
        "SELECT * WHERE { ?s <http://x/" + "[" * 1000 + "> ?o }",
        "# " + "{" * 1000 + "\nSELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
        "SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING,
    ],
    ids=["string", "long-string", "iri", "comment", "at-the-limit"],
)
def test_brackets_in_strings_iris_and_comments_do_not_count(query: str):
    check_nesting(query)


def test_one_level_past_the_limit_is_refused():
    with pytest.raises(QueryError):
        check_nesting("ASK " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))
