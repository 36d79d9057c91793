"""Fictional, Walloon-sounding CPAS names ("Sart-lez-Fougère"), never a real commune's.

A name is a place word, a connector and a plant or landscape noun, hyphenated: the shape of
Walloon compound names, with second parts no commune of Wallonia carries, so nobody takes a
synthetic plan for a real CPAS's. One hyphenated word, without article, because that is what
every layout's CPAS rule reads whole ("CPAS de Sart-lez-Fougère").
"""

from __future__ import annotations

import itertools
import random

_PLACES = (
    *("Sart", "Thier", "Fays", "Heid", "Ry", "Try", "Bois", "Pré", "Chêne", "Fosse"),
    *("Roche", "Haie", "Faing", "Tige", "Basse", "Plain", "Longchamp", "Vieux"),
)
_CONNECTORS = ("lez", "sur", "sous", "aux", "en")
_NOUNS = (
    *("Fougère", "Brume", "Bruyère", "Aulne", "Sorbier", "Genêt", "Houx", "Mélèze"),
    *("Noisetier", "Ardoise", "Bief", "Lande", "Saule", "Charme", "Sureau", "Tilleul"),
    *("Bouleau", "Orme", "Airelle", "Myrtille", "Prunelle", "Églantier", "Alisier"),
)

NAME_COUNT = len(_PLACES) * len(_CONNECTORS) * len(_NOUNS)
"""How many distinct names there are (a region of N plans needs N / 2)."""


def place_names(seed: int, count: int) -> list[str]:
    """The first ``count`` names of the seed's order: name k does not depend on ``count``."""
    if count > NAME_COUNT:
        raise ValueError(f"at most {NAME_COUNT} distinct CPAS names, {count} asked")
    names = [f"{a}-{b}-{c}" for a, b, c in itertools.product(_PLACES, _CONNECTORS, _NOUNS)]
    random.Random(f"names:{seed}").shuffle(names)
    return names[:count]
