"""Deterministic IRIs for everything pst-kg mints.

All IRIs live under ``https://w3id.org/pst-kg/id/`` and are built only from the CPAS, the
législature and the code (or normalised title) of each item, never from line numbers or
load order, so two extractions of the same plan mint the same IRIs.

    plan         id/plan/{cpas}/{legislature}
    OP / OS / OO {plan}/op/{code}, {plan}/os/{code}, {plan}/oo/{code}
    action       {plan}/action/{code}            (or {plan}/action/{slug of title} without a code)
    fiche, step  {action}/fiche/{n}, {action}/step/{n}
    CPAS, unit   id/cpas/{cpas}, id/cpas/{cpas}/service/{slug}
    organisation {plan}/org/{slug}                (as named in that plan; resolved later)
    source       id/source/{sha256}
"""

from __future__ import annotations

from rdflib import URIRef

from pstkg.loaders.text import fold_for_matching
from pstkg.namespaces import ID, PSTV

_MAX_SLUG = 80


def slug(text: str) -> str:
    """A readable, stable IRI segment: folded words joined by hyphens, cut at a word boundary."""
    words = fold_for_matching(text).split()
    if not words:
        raise ValueError(f"cannot make an identifier from {text!r}")
    result = words[0][:_MAX_SLUG]
    for word in words[1:]:
        if len(result) + 1 + len(word) > _MAX_SLUG:
            break
        result = f"{result}-{word}"
    return result


def code_segment(code: str) -> str:
    """A document code ("1.1.2", "101", "OS 3") as an IRI segment."""
    return "-".join(fold_for_matching(code.replace(".", " ")).split()) or slug(code)


def cpas_iri(cpas_slug: str) -> URIRef:
    """The CPAS itself (an org:FormalOrganization)."""
    return ID[f"cpas/{cpas_slug}"]


def service_iri(cpas_slug: str, service_name: str) -> URIRef:
    """A unit of a CPAS named in a fiche's "Services impliqués"."""
    return URIRef(f"{cpas_iri(cpas_slug)}/service/{slug(service_name)}")


def legislature_iri(legislature: str) -> URIRef:
    """The législature concept, e.g. ``pstv:legislature-2019-2024``."""
    return PSTV[f"legislature-{legislature}"]


def plan_iri(cpas_slug: str, legislature: str) -> URIRef:
    """The plan, which is also the IRI of its named graph."""
    return ID[f"plan/{cpas_slug}/{legislature}"]


def child_iri(parent: URIRef, kind: str, key: str) -> URIRef:
    """An item under a plan or an action: ``{parent}/{kind}/{key}``."""
    return URIRef(f"{parent}/{kind}/{key}")


def source_iri(sha256: str) -> URIRef:
    """A source document, identified by the hash of its bytes."""
    return ID[f"source/{sha256}"]
