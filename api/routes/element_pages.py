"""The readable French pages of ``/id/...`` and of a plan, and their tables as files.

``/id/{path}`` for a browser: a plan's page (the plan explorer), an objective's or a project's
or action's page, or a readable generic page for anything else the project mints
(organisations, CPAS, fiches, derived links…); ``?vue=rdf`` shows the raw statements instead.
Internal index statements (pst:searchWord…) appear on none of them (page_queries/describe.rq).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from pstkg.api.dependencies import ValidationDep
from pstkg.api.http_errors import FrenchHTTPException
from pstkg.api.identifiers import local_path, plan_key
from pstkg.api.pages_support import render_page
from pstkg.api.plan_page import GOAL_COLUMNS, TREE_COLUMNS, plan_summary, tree_rows
from pstkg.api.plan_tree import plan_tree
from pstkg.api.readable_pages import (
    ITEM_TYPES,
    OBJECTIVE_TYPES,
    describe,
    element,
    resource_types,
)
from pstkg.api.routes.plans import _report_or_reason
from pstkg.api.table_export import Column, ExportFormat, table_response
from pstkg.namespaces import ORG, PST
from pstkg.store import PlanStore

# What names a resource on its generic page, in this order of preference.
_NAMES = (SKOS.prefLabel, DCTERMS.title, ORG.name, RDFS.label)
_UNKNOWN = "Aucune ressource de la base ne porte l'adresse {iri}."


def readable_page(
    request: Request,
    store: PlanStore,
    validation: ValidationDep,
    iri: URIRef,
    view: str | None,
    export: ExportFormat | None,
    table: str | None,
) -> Response:
    """The page of ``iri`` (or one of its tables as a file); a French 404 if nothing is known."""
    if view == "rdf":
        return _raw_page(request, store, iri)
    if view is not None:
        raise FrenchHTTPException(
            400,
            f"unknown view {view!r}: the only view is 'rdf'",
            f"vue inconnue « {view} » : la seule vue possible est « rdf »",
        )
    types = resource_types(store, iri)
    if str(PST.Plan) in types:
        return plan_page(request, store, validation, iri, export, table)
    kind = next((types[str(t)] for t in (*ITEM_TYPES, *OBJECTIVE_TYPES) if str(t) in types), None)
    if kind is None:
        return _generic_page(request, store, iri, types)
    page = element(store, iri, kind)
    if export is not None:
        found = page.table(table or "")
        if found is None:
            raise FrenchHTTPException(
                400,
                f"unknown table {table!r} on this page",
                f"tableau inconnu « {table} » sur cette page",
            )
        return _export(found[0], found[1], export, iri, table or "")
    return render_page(request, "element.html", page=page)


def plan_page(
    request: Request,
    store: PlanStore,
    validation: ValidationDep,
    plan: URIRef,
    export: ExportFormat | None = None,
    table: str | None = None,
) -> Response:
    """The plan explorer: its summary on top, the tree with its fiches folded below."""
    tree = plan_tree(store, plan)
    if tree is None:
        raise FrenchHTTPException(
            404,
            f"no plan {plan_key(plan)} in the store",
            f"Le plan {plan_key(plan)} n'est pas dans la base.",
        )
    report, reason = _report_or_reason(store, validation, plan)
    summary = plan_summary(store, plan, tree, report)
    if export is not None:
        tables: dict[str, tuple[list[Column], list[dict[str, object]]]] = {
            "themes": (GOAL_COLUMNS, [g for goals in summary.goals.values() for g in goals]),
            "arbre": (TREE_COLUMNS, tree_rows(tree)),
        }
        if table not in tables:
            raise FrenchHTTPException(
                400,
                f"unknown table {table!r}: 'themes' or 'arbre'",
                f"tableau inconnu « {table} » : « themes » ou « arbre »",
            )
        return _export(*tables[table], export, plan, table)
    return render_page(
        request,
        "plan.html",
        tree=tree,
        key=plan_key(plan),
        summary=summary,
        validation_error=reason,
    )


def _generic_page(
    request: Request, store: PlanStore, iri: URIRef, types: dict[str, str]
) -> Response:
    statements, cited_by = describe(store, iri)
    if not statements and not cited_by:
        raise FrenchHTTPException(404, f"nothing is known about {iri}", _UNKNOWN.format(iri=iri))
    name = next((r["value"] for p in _NAMES for r in statements if r["property"] == p), None)
    return render_page(
        request,
        "described.html",
        iri=str(iri),
        name=name,
        kinds=sorted(set(types.values())),
        statements=_readable(statements),
        cited_by=cited_by,
    )


def _readable(statements: list[dict]) -> list[dict]:
    """The statements a reader needs: once each (not once per graph), in French or untagged,
    the types left to the heading."""
    kept: dict[tuple[object, object], dict] = {}
    for row in statements:
        value = row["value"]
        if row["property"] == RDF.type:
            continue
        if isinstance(value, Literal) and value.language not in (None, "fr"):
            continue
        kept.setdefault((row["property"], value), row)
    return list(kept.values())


def _raw_page(request: Request, store: PlanStore, iri: URIRef) -> Response:
    statements, cited_by = describe(store, iri)
    if not statements and not cited_by:
        raise FrenchHTTPException(404, f"nothing is known about {iri}", _UNKNOWN.format(iri=iri))
    return render_page(
        request, "resource.html", iri=str(iri), outgoing=statements, incoming=cited_by
    )


def _export(
    columns: list[Column],
    rows: list[dict[str, object]],
    export: ExportFormat,
    iri: URIRef,
    table: str,
) -> Response:
    path = (local_path(iri) or str(iri)).removeprefix("/id/")
    return table_response(columns, rows, export, f"{path.replace('/', '-')}-{table}")
