"""``/api/plans`` and ``/api/compare``: the plans as resources, their validation, and writes."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel
from rdflib import URIRef

from pstkg.api.dependencies import (
    RunnerDep,
    SettingsDep,
    StoreDep,
    ValidationDep,
    WriteAccess,
)
from pstkg.api.http_errors import FrenchHTTPException
from pstkg.api.identifiers import parse_plan_reference, plan_iri, plan_key
from pstkg.api.negotiation import choose
from pstkg.api.plan_tree import plan_tree
from pstkg.api.serializers import plain_rows
from pstkg.inference import inferred_graph_iri
from pstkg.linking import derive_links
from pstkg.loading import load_files
from pstkg.named_queries import run_named_query
from pstkg.sizes import format_size
from pstkg.store import PlanStore, SelectResult
from pstkg.validation import PlanReport
from pstkg.validation.formats import render_report
from pstkg.validation.run import failure_reason, plan_graphs

router = APIRouter(tags=["plans"])

_REPORT_TYPES = {"text/html": "html", "application/json": "json", "text/turtle": "ttl"}


class PlanSummary(BaseModel):
    """One plan: its counts and its validation summary."""

    id: str
    plan: str
    cpas: str
    legislature: str
    objectifs_strategiques: int
    objectifs_operationnels: int
    actions: int
    nis_code: str | None = None
    """The NIS code of the CPAS's municipality, when known."""
    completeness_percent: int
    conforms: bool
    url: str
    error: str | None = None
    """Why the plan could not be validated ("en erreur"); its completeness is then 0."""


def plan_summaries(store: PlanStore, validation: ValidationDep) -> list[PlanSummary]:
    """Every plan with its counts (query plan-summary) and completeness (the validation).

    A plan that cannot be validated is listed with the reason, not left to fail the list.
    """
    result = run_named_query(store, "plan-summary")
    assert isinstance(result, SelectResult)
    rows = plain_rows(result)
    validation.warm(store, [URIRef(str(row["plan"])) for row in rows])
    summaries = []
    for row in rows:
        report, error = _report_or_reason(store, validation, URIRef(str(row["plan"])))
        key = plan_key(str(row["plan"]))
        summaries.append(
            PlanSummary(
                id=key,
                completeness_percent=report.score.percent if report else 0,
                conforms=report.conforms if report else False,
                url=f"/api/plans/{key}",
                error=error,
                plan=str(row["plan"]),
                cpas=str(row["cpas"]),
                legislature=str(row["legislature"]),
                objectifs_strategiques=int(str(row["objectifs_strategiques"])),
                objectifs_operationnels=int(str(row["objectifs_operationnels"])),
                actions=int(str(row["actions"])),
                nis_code=str(row["nis_code"]) if row.get("nis_code") is not None else None,
            )
        )
    return summaries


def _report_or_reason(
    store: PlanStore, validation: ValidationDep, plan: URIRef
) -> tuple[PlanReport | None, str | None]:
    try:
        return validation.report(store, plan), None
    except Exception as error:  # one bad plan in the store: shown "en erreur" on its row
        return None, failure_reason(error)


@router.get("/api/plans", response_model=list[PlanSummary], summary="The plans in the store")
def list_plans(store: StoreDep, validation: ValidationDep) -> list[PlanSummary]:
    """One entry per plan: counts of objectives and actions, completeness and conformity."""
    return plan_summaries(store, validation)


@router.get(
    "/api/plans/{cpas}/{legislature}",
    summary="A plan's tree",
    responses={404: {"description": "No such plan"}},
)
def get_plan(cpas: str, legislature: str, store: StoreDep) -> dict[str, Any]:
    """The plan as a tree: objectifs stratégiques → opérationnels → projets/actions with fiches."""
    tree = plan_tree(store, plan_iri(cpas, legislature))
    if tree is None:
        raise HTTPException(404, f"no plan {cpas}/{legislature} in the store")
    return tree


@router.get(
    "/api/plans/{cpas}/{legislature}/validation",
    summary="A plan's validation report",
    responses={
        200: {"content": {t: {} for t in _REPORT_TYPES}},
        404: {"description": "No such plan"},
    },
)
def get_validation(
    cpas: str,
    legislature: str,
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    format: Annotated[
        Literal["html", "json", "ttl"] | None, Query(description="overrides the Accept header")
    ] = None,
) -> Response:
    """The SHACL validation report of a plan (in French): HTML, JSON or Turtle."""
    report = _report(store, validation, plan_iri(cpas, legislature))
    media = (
        {v: k for k, v in _REPORT_TYPES.items()}[format]
        if format
        else choose(request.headers.get("accept"), list(_REPORT_TYPES))
    )
    if media is None:
        raise HTTPException(406, f"the report is available as {', '.join(_REPORT_TYPES)}")
    return Response(render_report([report], _REPORT_TYPES[media]), media_type=media)


def _report(store: PlanStore, validation: ValidationDep, plan: URIRef) -> PlanReport:
    if plan not in plan_graphs(store):
        raise HTTPException(404, f"no plan {plan_key(plan)} in the store")
    report, reason = _report_or_reason(store, validation, plan)
    if report is None:
        raise HTTPException(
            500,
            f"le plan {plan_key(plan)} n'a pas pu être validé / the plan could not be "
            f"validated: {reason}",
        )
    return report


@router.get(
    "/api/compare",
    summary="Two plans side by side, by theme",
    responses={400: {"description": "Not two known plans"}},
)
def compare(
    store: StoreDep,
    plans: Annotated[
        str, Query(description="two plans, comma-separated: IRIs, pstid:… or CPAS/LEGISLATURE")
    ],
) -> dict[str, Any]:
    """The named query compare-plans for two plans, with their summaries."""
    first, second = compare_pair(store, plans)
    result = run_named_query(store, "compare-plans", {"plan_a": str(first), "plan_b": str(second)})
    assert isinstance(result, SelectResult)
    return {"plan_a": str(first), "plan_b": str(second), "themes": plain_rows(result)}


def compare_pair(store: PlanStore, plans: str) -> tuple[URIRef, URIRef]:
    """The two distinct known plans named by ``plans`` (``a,b``), or a 400/404."""
    names = [name for name in plans.split(",") if name.strip()]
    if len(names) != 2:
        raise FrenchHTTPException(
            400,
            "give exactly two plans: plans=CPAS/LEGISLATURE,CPAS/LEGISLATURE",
            "Choisissez exactement deux plans à comparer.",
        )
    first, second = (parse_plan_reference(name) for name in names)
    if first == second:
        raise FrenchHTTPException(
            400, "give two different plans", "Choisissez deux plans différents à comparer."
        )
    known = set(plan_graphs(store))
    for plan in (first, second):
        if plan not in known:
            raise FrenchHTTPException(
                404,
                f"no plan {plan_key(plan)} in the store",
                f"Le plan {plan_key(plan)} n'est pas dans la base.",
            )
    return first, second


@router.post(
    "/api/plans",
    status_code=201,
    summary="Load a plan document (needs the write token)",
    dependencies=[WriteAccess],
    responses={
        401: {"description": "No or wrong token"},
        403: {"description": "Writes disabled"},
        413: {"description": "The document is over the service's size limit"},
        422: {"description": "The document could not be loaded (the loader's error)"},
    },
)
async def upload_plan(
    request: Request,
    store: StoreDep,
    validation: ValidationDep,
    runner: RunnerDep,
    settings: SettingsDep,
    document: Annotated[
        UploadFile,
        File(description="the plan: .txt, .md, .pdf, .docx, .odt, .csv, .xlsx or eComptes .xml"),
    ],
    cpas: Annotated[str | None, Form(description="the CPAS, if the document does not say")] = None,
    legislature: Annotated[str | None, Form(description="e.g. 2019-2024, if not stated")] = None,
) -> dict[str, Any]:
    """Load one document; a document that fails leaves the store as it was."""
    # The body as a whole was capped before it was read (request_limits); the document is
    # checked on its own too, the multipart framing being allowed a little more.
    data = await document.read(settings.max_upload_size + 1)
    if len(data) > settings.max_upload_size:
        size = format_size(settings.max_upload_size)
        raise HTTPException(413, f"documents are limited to {size} on this service")
    # The loader reads a file and uses its name (suffix, sidecar, identity hints): keep the
    # client's file name, stripped of any folder part.
    name = upload_name(document.filename)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            (report,) = await run_in_threadpool(load_files, store, [path], cpas, legislature)
        finally:
            # Even a failed load may have committed part of its writes (a derived graph).
            runner.store_changed()
    validation.clear()
    body = report.as_dict() | {"file": name}
    if not report.loaded:
        raise HTTPException(422, body)
    body["url"] = f"/api/plans/{plan_key(report.plan or '')}"
    return body


def upload_name(filename: str | None) -> str:
    """The name an uploaded document is loaded under.

    The loader reads a file and uses its name (suffix, sidecar, identity hints): the client's
    file name is kept, stripped of any folder part. A name that cannot be a file's here
    ("..", a NUL byte, too long for the file system) becomes "document" with its suffix.
    """
    name = PurePath((filename or "").replace("\\", "/")).name
    if _usable(name):
        return name
    suffix = PurePath(name).suffix
    return "document" + (suffix if suffix and _usable(suffix) and len(suffix) <= 10 else ".txt")


def _usable(name: str) -> bool:
    try:
        encoded = name.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file system takes it
        return False
    return name not in {"", ".", ".."} and b"\0" not in encoded and len(encoded) <= 200


@router.delete(
    "/api/plans/{cpas}/{legislature}",
    status_code=204,
    summary="Remove a plan (needs the write token)",
    dependencies=[WriteAccess],
    responses={404: {"description": "No such plan"}, 401: {"description": "No or wrong token"}},
)
def delete_plan(
    cpas: str, legislature: str, store: StoreDep, validation: ValidationDep, runner: RunnerDep
) -> Response:
    """Drop the plan's graph, its inferences, and bring the derived graphs up to date."""
    plan = plan_iri(cpas, legislature)
    if plan not in plan_graphs(store):
        raise HTTPException(404, f"no plan {cpas}/{legislature} in the store")
    try:
        store.drop_graph(plan)
        store.drop_graph(inferred_graph_iri(plan))
        derive_links(store)  # drops the plan's derived graph, recomputes similarity
    finally:
        runner.store_changed()
    validation.clear()
    return Response(status_code=204)
