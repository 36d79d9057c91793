"""An eComptes PST XML of a later exercise, read as a follow-up of a plan already loaded.

The rule (explicit, never guessed): an eComptes file is a follow-up when its sidecar says
``kind = "suivi"``; without it, it is a plan and replaces the plan of its CPAS and
législature, as before. As a follow-up, each OS, OO and action whose fields state a
``Statut`` or a ``TauxAvancement`` gives a snapshot (state, progress, ``RemarqueStatut`` as
comment), matched to the plan's items by code (then title). Its plan is the one the file
names (``INS`` and ``ExerciceDebut``/``ExerciceFin``), or the sidecar's ``plan``; its date,
the sidecar's ``date``, else the 31 December of the file's exercise (``Identifiants /
Exercice``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

from pstkg.errors import InputError
from pstkg.evaluations.document import SnapshotLine
from pstkg.identity import resolve_identity
from pstkg.iris import plan_iri
from pstkg.loaders.ecomptes import read_ecomptes
from pstkg.loaders.limits import read_limited
from pstkg.loaders.model import Fiche, ParsedPlan, Span
from pstkg.loaders.text import SourceText
from pstkg.loaders.xmltree import parse_xml


def read_ecomptes_follow_up(
    path: Path, sidecar: dict[str, str]
) -> tuple[SourceText, list[SnapshotLine], date, str | None]:
    """The file's source, its snapshot lines, its date and its plan's IRI (None: the
    sidecar's ``plan`` names it); InputError if it states no status at all."""
    document = read_ecomptes(path)
    lines = list(_snapshot_lines(document.parsed))
    if not lines:
        raise InputError(path, "no Statut or TauxAvancement in the file: nothing to follow up")
    day = date.fromisoformat(sidecar["date"]) if "date" in sidecar else _exercise_end(path)
    plan = None
    if "plan" not in sidecar:
        identity = resolve_identity(document.parsed, path)
        plan = str(plan_iri(identity.cpas_slug, identity.legislature))
    return document.source, lines, day, plan


def _exercise_end(path: Path) -> date:
    root = parse_xml(path, read_limited(path))
    ids = root.child("Identifiants")
    exercise = ids.text_of("Exercice") if ids is not None else None
    if exercise is None or not exercise.isdigit():
        raise InputError(
            path, "no Identifiants/Exercice: write date = YYYY-MM-DD in the sidecar file"
        )
    return date(int(exercise), 12, 31)


def _snapshot_lines(plan: ParsedPlan) -> Iterator[SnapshotLine]:
    for strategic in plan.strategic_objectives:
        yield from _line(strategic.code, strategic.title, strategic.span, strategic.fiche)
        for operational in strategic.operational_objectives:
            yield from _line(
                operational.code, operational.title, operational.span, operational.fiche
            )
            for action in operational.actions:
                fiche = action.fiches[0] if action.fiches else None
                yield from _line(action.code, action.title, action.span, fiche)


def _line(
    code: str | None, title: str | None, span: Span, fiche: Fiche | None
) -> Iterator[SnapshotLine]:
    if fiche is None or (fiche.status is None and fiche.progress_rate is None):
        return
    yield SnapshotLine(
        span.first_line,
        span.last_line,
        code=code,
        title=title,
        state=fiche.status,
        progress=Decimal(fiche.progress_rate) if fiche.progress_rate is not None else None,
        comment=fiche.status_remark,
    )
