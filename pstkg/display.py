"""Texts shortened for display: one title of millions of characters must not make a page of them.

A plan read from a file that is one huge line may hold a title of 19 million characters. The
data keeps it whole (the API's JSON, exports, SPARQL results); what is shown to a person —
the web pages, the validation report as text or HTML — shows its beginning, an ellipsis and
its full length.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

DISPLAY_LIMIT = 2_000
"""Characters of one text shown in a page or a report; plans' titles are well under 300."""


def shorten(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """``text``, or its first ``limit`` characters, an ellipsis and its length in French."""
    if len(text) <= limit:
        return text
    length = f"{len(text):,}".replace(",", "\u202f")
    return f"{text[:limit]}… [texte de {length} caractères, raccourci]"


def finalize_for_display(value: Any) -> Any:
    """Jinja2's ``finalize``: every text a template prints goes through :func:`shorten`.

    Markup (markup the application wrote itself, marked safe) is printed as it is.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return shorten(value)
    return value
