"""The pages step of the benchmark (issue #15): its calls bind, and its table is written."""

from __future__ import annotations

from bench.pages_bench import read_calls
from bench.report import markdown
from bench.targets import check_targets
from pstkg.named_queries import named_query_sparql

PLACEHOLDERS = {
    "plan": "https://w3id.org/pst-kg/id/plan/a/2019-2024",
    "other_plan": "https://w3id.org/pst-kg/id/plan/b/2019-2024",
    "item": "https://w3id.org/pst-kg/id/plan/a/2019-2024/action/1-1-1",
}


def test_every_call_names_a_query_and_values_it_takes() -> None:
    calls = read_calls(PLACEHOLDERS)
    assert {"projects-by-theme", "projects-by-odd", "similar-projects", "search"} <= {
        call["query"] for call in calls
    }
    for call in calls:
        assert "VALUES" in named_query_sparql(call["query"], call["values"]) or not call["values"]
    labels = [call["label"] for call in calls]
    assert len(set(labels)) == len(labels)
    assert "projects-by-odd odd=ODD 10" in labels  # written as a user writes it


def _timing(median_ms: float) -> dict[str, float | int]:
    return {"n": 3, "median_ms": median_ms, "p95_ms": median_ms, "min_ms": median_ms}


def test_the_report_has_a_row_per_call_with_its_ratios() -> None:
    entry = {
        "call": {"query": "projects-by-theme", "values": {}},
        "rows": 12345,
        "whole": _timing(2700.0),
        "cold_first_page": _timing(2400.0),
        "warm_first_page": _timing(9.0),
        "next_page": _timing(8.0),
        "last_page": _timing(2500.0),
        "ratios": {"whole_over_cold_first_page": 1.12, "whole_over_warm_first_page": 300.0},
    }
    results = {
        "machine": {
            "date": "2026-12-03", "cpu": "cpu", "cores": 2, "memory_gib": 8,
            "python": "3.11", "system": "Linux", "packages": {},
        },
        "settings": {"seed": 2026},
        "targets": [],
        "pages": {"plans": 1000, "page_rows": 100, "cold_starts": 3,
                  "calls": {"projects-by-theme": entry}},
    }  # fmt: skip
    text = markdown(results)
    assert "## Pages of the named-query API (1000 plans, 100 rows a page)" in text
    assert (
        "| projects-by-theme | 12,345 | 2,700.0 | 2,400.0 | 9.0 | 8.0 | 2,500.0 | 1.1× | 300× |"
        in text
    )


def test_the_first_page_targets_are_judged_from_the_medians() -> None:
    def entry(cold_ms: float, warm_ms: float) -> dict:
        return {"cold_first_page": _timing(cold_ms), "warm_first_page": _timing(warm_ms)}

    pages = {"plans": 1000, "calls": {"a": entry(40.0, 8.0), "b x=1": entry(2400.0, 9.0)}}
    targets = {t["target"]: t for t in check_targets({"pages": pages})}
    warm = next(t for name, t in targets.items() if name.endswith("after the first page"))
    cold = next(
        t for name, t in targets.items() if name.endswith("the first request after a start")
    )
    assert warm["met"] is True and warm["measured"] == "2 of 2 calls; slowest 9.0 ms"
    assert cold["met"] is False
    assert cold["measured"] == "1 of 2 calls; slowest 2,400.0 ms (over: b x=1)"
    assert next(t for t in check_targets({}) if "pages.toml" in t["target"])["met"] is None
