"""A deterministic synthetic region of PST plans, shaped like the corpus (issue #7).

``python -m bench.synthetic --plans 250 --seed 2026 --out /tmp/region-250`` writes 250 plan
documents in the four layouts of data/corpus (with ``.meta.toml`` sidecars where a layout does
not state its identity) and a ``manifest.json`` of what each plan holds; ``--rdf`` adds the
N-Quads of what pst-kg's loaders make of them.

The modules, one job each:

- :mod:`.profile`: what the corpus looks like, measured by reading it with pst-kg's loaders;
- :mod:`.markov` and :mod:`.names`: seeded text and fictional place names;
- :mod:`.model`: a seeded plan (OS → OO → actions, fiches) drawn from the profile;
- :mod:`.render`: one renderer per layout, writing a plan as that layout's text;
- :mod:`.region`: the region folder and its manifest; :mod:`.rdf`: the region as N-Quads.
"""

GENERATOR_VERSION = "1"
"""Bumped whenever the same seed would write different bytes."""
