"""Choosing the layout recogniser for a text document."""

from __future__ import annotations

from types import ModuleType

from pstkg.errors import InputError
from pstkg.loaders.layouts import LAYOUTS
from pstkg.loaders.text import SourceText

MINIMUM_SCORE = 0.3
"""Below this, no layout's features are clear enough: the text is not a plan we can read."""


def layout_scores(source: SourceText) -> dict[str, float]:
    """How strongly the document shows each known layout's features (0 to 1)."""
    return {layout.NAME: layout.recognise(source) for layout in LAYOUTS}


def detect_layout(source: SourceText) -> ModuleType:
    """The layout module whose features the document shows most strongly.

    Raises InputError when none is convincing: the document is not a plan, or is in a
    layout pst-kg does not know yet.
    """
    scored = sorted(((layout.recognise(source), layout) for layout in LAYOUTS), key=lambda p: -p[0])
    best_score, best = scored[0]
    if best_score < MINIMUM_SCORE:
        if not source.content_lines():
            raise InputError(source.path, "the file holds no text")
        raise InputError(
            source.path,
            "not a PST plan in a known layout: no objectifs stratégiques/opérationnels found "
            f"(closest layout {best.NAME!r}, score {best_score:.2f})",
        )
    return best
