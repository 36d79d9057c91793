"""The calls the benchmark makes: every named query, as bench/workload.toml says to call it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pstkg.named_queries import catalogue, get_query, inline_values, run_named_query
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.store import PlanStore, SelectResult

WORKLOAD_FILE = Path(__file__).with_name("workload.toml")


class WorkloadError(Exception):
    """The workload file and the named queries disagree, or the region lacks what it needs."""


@dataclass(frozen=True)
class Call:
    """One named query with its parameter values, and the SPARQL text both engines run."""

    name: str
    values: dict[str, str]
    sparql: str

    def as_dict(self) -> dict[str, object]:
        """The call as plain data, for the results file."""
        return {"name": self.name, "values": self.values}


def read_workload(path: Path = WORKLOAD_FILE) -> dict[str, dict[str, str]]:
    """Query name → parameter templates; every named query must be there, and only those."""
    with path.open("rb") as handle:
        workload = tomllib.load(handle)
    known = set(catalogue())
    missing, unknown = sorted(known - set(workload)), sorted(set(workload) - known)
    if missing or unknown:
        raise WorkloadError(
            f"{path.name}: "
            + "; ".join(
                part
                for part in (
                    f"no call for {', '.join(missing)}" if missing else "",
                    f"no named query {', '.join(unknown)}" if unknown else "",
                )
                if part
            )
        )
    return {
        name: {key: str(value) for key, value in table.items()} for name, table in workload.items()
    }


def region_placeholders(store: PlanStore) -> dict[str, str]:
    """The plans and the item the workload's "{plan}", "{other_plan}" and "{item}" stand for."""
    plans = _column(run_named_query(store, "plans"), "plan")
    if len(plans) < 2:
        raise WorkloadError("the benchmark needs a region of at least two plans")
    # An item that has similar items, so the similar-projects call returns what a user would see.
    items = _column(run_named_query(store, "similar-projects", {"plan": plans[0]}), "item")
    if not items:
        raise WorkloadError(f"no project of {plans[0]} has a similar project")
    return {"plan": plans[0], "other_plan": plans[1], "item": items[0]}


def resolve_calls(workload: dict[str, dict[str, str]], placeholders: dict[str, str]) -> list[Call]:
    """Every call of the workload, with its placeholders filled and its values bound safely."""
    calls = []
    for name in sorted(workload):
        values = {key: text.format(**placeholders) for key, text in workload[name].items()}
        query = get_query(name)
        # The same text goes to both engines: bound with the project's own safe binding.
        sparql = SPARQL_PREFIXES + inline_values(query, query.bindings(values))
        calls.append(Call(name, values, sparql))
    return calls


def _column(result: object, variable: str) -> list[str]:
    assert isinstance(result, SelectResult)
    seen: dict[str, None] = {}
    for row in result.as_dicts():
        if row.get(variable) is not None:
            seen.setdefault(str(row[variable]), None)
    return sorted(seen)
