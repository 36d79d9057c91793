"""Links across plans, derived and kept apart from what documents say (DESIGN §3).

Resolved partners (:mod:`~pstkg.linking.organisations`, registry in ontology/partners.ttl),
policy themes (:mod:`~pstkg.linking.themes`, ontology/themes.ttl), ODD and enjeu suggestions
(:mod:`~pstkg.linking.goals`) and similar projects (:mod:`~pstkg.linking.similarity`), written
to derived named graphs (:mod:`~pstkg.linking.graphs`) by :func:`derive_links` after each load.
docs/linking.md describes the method and the decisions behind it.
"""

from pstkg.linking.derive import DerivationReport, derive_links, stale_derived_graphs

__all__ = ["DerivationReport", "derive_links", "stale_derived_graphs"]
