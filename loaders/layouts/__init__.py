"""Layout recognisers: one module per published-plan layout.

Each module exposes ``NAME`` (the layout's name in load reports), ``recognise(source) ->
float`` (how strongly the document shows this layout's features, 0 to 1) and ``parse(source)
-> ParsedPlan``. Detection picks the layout with the strongest features.
"""

from pstkg.loaders.layouts import dotted_codes, fiches, slide_deck, three_lists

LAYOUTS = (dotted_codes, slide_deck, three_lists, fiches)
