"""The general reader: any published PST, in any layout, read from what all plans share.

There is one reader, not one parser per layout. A plan's layout is the set of markers it uses
(loaders/reader/markers.toml: "O.S.1.1.", "OS1", "Objectif stratégique N° 1", "1.1.1.",
bullets, fiche labels …); the reader's rules say how markers combine, and are the same for
every plan. Its steps, each a module:

1. furniture: page numbers, running headers and footers, template placeholders set aside;
2. cues: what each line starts, from the marker table alone;
3. regions: the method text, the tree, the OP table, lists by enjeu, detached fiches;
4. fiches: detached fiches first (their titles are exact whatever the wrapping);
5. tree: the tree's lines become mentions of OS, OO and actions;
6. assemble: the mentions of each item merged into the plan's tree;
7. facts: CPAS, législature, title, values, evaluations from the method text;
8. checks: a plan cut short is refused; what could not be read is said.

The load report says which markers were used (``ParsedPlan.layout``) and which lines were
skipped and why.
"""

from __future__ import annotations

from pstkg.loaders.reader.reader import read_plan

__all__ = ["read_plan"]
