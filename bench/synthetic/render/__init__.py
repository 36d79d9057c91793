"""One renderer per layout: ``render(plan, layout_profile, rng) -> str``.

Each module also says which texts its layout can write (``accepts``), whether the document
states its own identity (``STATES_IDENTITY``) and, where it does not, what its sidecar holds
(``sidecar``).
"""

from __future__ import annotations

from types import ModuleType

from bench.synthetic.render import dotted_codes, fiches, slide_deck, three_lists

RENDERERS: dict[str, ModuleType] = {
    module.NAME: module for module in (fiches, dotted_codes, three_lists, slide_deck)
}
"""The renderer of each layout, by the layout's name (as the loaders name it)."""
