"""``pst load`` of an evaluation document or a follow-up file: its own graph, beside its plan's.

A document is an evaluation when its sidecar says ``kind = "evaluation"`` (or ``"suivi"``), or
when its first lines carry a title marker (« Évaluation à mi-parcours du PST », « Bilan
final »…: ``markers.toml``); a CSV/XLSX file is a follow-up when its header is the follow-up
template's. Its plan must be in the store; its lines are matched to the plan's items
(:mod:`pstkg.evaluations.matching`). The plan's graph is never written: the evaluation's graph
is replaced whole, in one transaction, or (on any error) nothing is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, URIRef

from pstkg.errors import InputError
from pstkg.evaluations.document import (
    KINDS,
    EvaluationText,
    SnapshotLine,
    read_evaluation,
    title_kind,
)
from pstkg.evaluations.ecomptes import read_ecomptes_follow_up
from pstkg.evaluations.follow_up import is_follow_up, read_follow_up
from pstkg.evaluations.graph import EvaluationId, Source, evaluation_graph
from pstkg.evaluations.matching import Matcher, plan_items
from pstkg.identity import bare_cpas_name, canonical_legislature, read_sidecar, sidecar_path
from pstkg.iris import plan_iri, slug
from pstkg.loaders.text import SourceText, read_source
from pstkg.namespaces import ID, PST
from pstkg.reading import LoadReport
from pstkg.store import PlanStore

EVALUATION_KINDS = {"evaluation", "suivi"}
"""The sidecar's ``kind`` values that make a document an evaluation (else: a plan)."""
PEEK_BYTES = 4096
"""How much of a text file is read to find its title markers."""
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_CPAS = re.compile(r"\bC\.?P\.?A\.?S\.?\s+(?:de\s+la\s+|de\s+l'|de\s+|d'|du\s+)(\w[\w'-]*)")
_LEGISLATURE = re.compile(r"\b(20\d\d)\s*[-–/]\s*(20\d\d)\b")


def is_evaluation(path: Path) -> bool:
    """Whether ``pst load`` reads this file as an evaluation or follow-up (else as a plan)."""
    try:
        kind = read_sidecar(path).get("kind")
    except InputError:
        return False  # the plan reader reports the bad sidecar
    if kind is not None:
        return kind in EVALUATION_KINDS
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx"}:
        return is_follow_up(path)
    if suffix in _TEXT_SUFFIXES and path.is_file():
        try:
            return title_kind(_first_lines(path)) is not None
        except InputError:
            return False  # empty, binary…: the plan reader says why
    return False


def _first_lines(path: Path) -> SourceText:
    """The beginning of a text file, enough for its title markers: a region's plans are not
    read twice to learn that they are plans."""
    try:
        with path.open("rb") as file:
            head = file.read(PEEK_BYTES)
    except OSError:
        head = b""
    # Whole characters only, for the reader's decoding (BOM, UTF-8, else Windows-1252) to
    # judge the beginning as it judges the whole: UTF-16 by code units, others by lines.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[: len(head) // 2 * 2]
    elif b"\n" in head:
        head = head[: head.rfind(b"\n") + 1]
    return read_source(path, head)


@dataclass
class PreparedEvaluation:
    """An evaluation read, matched and built: its graph and report, not written yet."""

    ident: EvaluationId
    graph: Graph
    report: LoadReport


def load_evaluation(store: PlanStore, path: Path) -> LoadReport:
    """Load one evaluation or follow-up file; on error the store is left as it was."""
    try:
        prepared = prepare_evaluation(store, path)
    except InputError as error:
        return LoadReport(file=str(path), loaded=False, error=str(error))
    store.replace_graph(prepared.ident.graph, prepared.graph)
    return prepared.report


def prepare_evaluation(store: PlanStore, path: Path) -> PreparedEvaluation:
    """Read an evaluation, find its plan in the store and match its lines; InputError if not."""
    sidecar = read_sidecar(path)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx"}:
        read = _read_follow_up(path)
    elif suffix == ".xml":
        read = _read_ecomptes(path, sidecar)
    else:
        read = _read_text(path, sidecar)
    kind, day, plan = read.kind, read.day, read.plan
    if kind not in KINDS:
        raise InputError(
            path,
            f'which evaluation is it? write evaluation = "mi-parcours" | "finale" | '
            f'"annuelle" in {sidecar_path(path).name}' + (f" (not {kind!r})" if kind else ""),
        )
    if day is None:
        raise InputError(
            path,
            f"the document does not state the date of the state it describes: write "
            f"date = YYYY-MM-DD in {sidecar_path(path).name}",
        )
    if not store.query(f"ASK {{ GRAPH ?plan {{ ?plan a <{PST.Plan}> }} }}", {"plan": plan}):
        raise InputError(
            path, f"the plan {_short(plan)} is not in the store: load it first (pst plans)"
        )
    cpas_slug, legislature = str(plan).removeprefix(str(ID["plan/"])).split("/", 1)
    ident = EvaluationId(plan, cpas_slug, legislature, kind, day)
    matcher = Matcher(plan_items(store, plan))
    matched = [(line, matcher.match(line.code, line.title)) for line in read.lines]
    source = Source(read.source.sha256, path.name, read.layout)
    graph = evaluation_graph(ident, source, matched, read.council_day)
    unmatched = [line.first_line for line, match in matched if match is None]
    counts = {
        "snapshots": len(matched),
        "matched_by_code": sum(1 for _, m in matched if m and m.method.endswith("match-code")),
        "matched_by_title": sum(1 for _, m in matched if m and m.method.endswith("match-title")),
        "unmatched": len(unmatched),
        "triples": len(graph),
    }
    report = LoadReport(
        file=str(path),
        loaded=True,
        layout=read.layout,
        plan=str(plan),
        counts=counts,
        evaluation=str(ident.node),
        evaluation_graph=str(ident.graph),
        unmatched_lines=unmatched,
        warnings=[
            {"lines": [number, number], "message": message} for number, message in read.warnings
        ],
    )
    return PreparedEvaluation(ident, graph, report)


@dataclass
class _Read:
    """What an evaluation file says, before its plan is looked up."""

    source: SourceText
    lines: list[SnapshotLine]
    layout: str
    kind: str
    day: date | None
    council_day: date | None
    plan: URIRef
    warnings: list[tuple[int, str]]


def _read_follow_up(path: Path) -> _Read:
    """A filled follow-up file: kind suivi, dated by its latest row."""
    follow_up = read_follow_up(path)
    day = max(line.day for line in follow_up.lines if line.day is not None)
    plan = _plan_from_reference(follow_up.plan, path)
    return _Read(
        follow_up.source, follow_up.lines, "follow-up template", "suivi", day, None, plan, []
    )


def _read_ecomptes(path: Path, sidecar: dict[str, str]) -> _Read:
    """An eComptes XML of a later exercise (:mod:`pstkg.evaluations.ecomptes`)."""
    if sidecar.get("kind") != "suivi":
        raise InputError(path, 'an eComptes file is a follow-up only with kind = "suivi"')
    source, lines, day, stated_plan = read_ecomptes_follow_up(path, sidecar)
    plan = (
        _plan_from_reference(sidecar["plan"], sidecar_path(path))
        if stated_plan is None
        else URIRef(stated_plan)
    )
    return _Read(source, lines, "ecomptes-xml", "suivi", day, None, plan, [])


def _read_text(path: Path, sidecar: dict[str, str]) -> _Read:
    """An evaluation document: what its text says, completed (never contradicted) by its
    sidecar's keys."""
    source = _read_source(path)
    text = read_evaluation(source)
    suivi = "suivi" if sidecar.get("kind") == "suivi" else ""
    plan = (
        _plan_from_reference(sidecar["plan"], sidecar_path(path))
        if "plan" in sidecar
        else _plan_from_header(text, path)
    )
    return _Read(
        source,
        text.lines,
        text.layout,
        sidecar.get("evaluation") or text.kind or suivi,
        _sidecar_date(sidecar, "date") or text.day,
        _sidecar_date(sidecar, "council_date") or text.council_day,
        plan,
        text.warnings,
    )


def _read_source(path: Path) -> SourceText:
    """The document's text, whatever its format (as plans are read)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pstkg.loaders.pdf import read_pdf

        return read_pdf(path)
    if suffix in {".docx", ".odt"}:
        from pstkg.loaders.office import read_office

        return read_office(path)
    return read_source(path)


def _sidecar_date(sidecar: dict[str, str], key: str) -> date | None:
    return date.fromisoformat(sidecar[key]) if key in sidecar else None


def _plan_from_reference(reference: str, where: Path) -> URIRef:
    """ "dinant/2019-2024" (or the plan's IRI) → the plan's IRI."""
    written = reference.strip().removeprefix(str(ID["plan/"])).removeprefix("pstid:plan/")
    cpas, sep, legislature = written.rpartition("/")
    if not sep or not cpas or "/" in cpas:
        raise InputError(
            where, f'plan = {reference!r}: write the CPAS and législature, e.g. "dinant/2019-2024"'
        )
    return plan_iri(slug(bare_cpas_name(cpas)), canonical_legislature(legislature, where))


def _plan_from_header(text: EvaluationText, path: Path) -> URIRef:
    """The plan the evaluation's first lines name (« CPAS de Dinant », « PST 2019-2024 »)."""
    header = " ".join(line.text for line in text.header)
    cpas = _CPAS.search(header)
    legislature = _LEGISLATURE.search(header)
    if not cpas or not legislature:
        raise InputError(
            path,
            "the document does not say which plan it evaluates (CPAS and législature): write "
            f'plan = "cpas/2019-2024" in {sidecar_path(path).name}',
        )
    written = f"{legislature[1]}-{legislature[2]}"
    return plan_iri(slug(bare_cpas_name(cpas[1])), canonical_legislature(written, path))


def _short(plan: URIRef) -> str:
    return str(plan).replace(str(ID), "pstid:")
