"""``/editeur``: the SPARQL editor (YASGUI, served by the app), in French, runnable examples."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from pstkg.api.editor_examples import editor_examples
from pstkg.api.pages_support import render_page

router = APIRouter(include_in_schema=False)

LABELS_FILE = Path(__file__).resolve().parent.parent / "editor_labels_fr.json"
FIRST_EXAMPLE = "plans"
"""The named query the first tab opens with: the plans and their CPAS, rows on any store."""


@cache
def _labels() -> dict[str, object]:
    labels: dict[str, object] = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return labels


def _script_json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block: no ``</script>`` can close it."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


@router.get("/editeur", response_class=HTMLResponse)
def editor_page(request: Request) -> Response:
    """L'éditeur SPARQL, avec les requêtes nommées en exemples (leurs paramètres d'exemple liés)."""
    return render_page(
        request,
        "editor.html",
        examples_json=_script_json(editor_examples()),
        labels_json=_script_json(_labels()),
        first_example=FIRST_EXAMPLE,
    )
