"""The service's paths for the IRIs the project mints (``https://w3id.org/pst-kg/id/...``)."""

from __future__ import annotations

import re

from rdflib import URIRef

from pstkg.api.http_errors import FrenchHTTPException
from pstkg.namespaces import ID, expand_curie

PLAN_PREFIX = str(ID) + "plan/"

IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]*")
"""An absolute IRI as SPARQL writes it between ``<>`` (RFC 3987, loosely)."""


def is_iri(text: str) -> bool:
    """True if ``text`` can be written as an IRI in a query."""
    return IRI.fullmatch(text) is not None


def minted(path: str) -> URIRef:
    """``https://w3id.org/pst-kg/id/{path}``; 404 if that cannot be an IRI (nothing is known)."""
    iri = str(ID) + path
    if not is_iri(iri):
        raise FrenchHTTPException(
            404,
            f"nothing is known about {iri!r}: not an IRI",
            "Cette adresse ne désigne aucune ressource : elle ne forme pas un IRI valide.",
        )
    return URIRef(iri)


def plan_iri(cpas: str, legislature: str) -> URIRef:
    """The IRI of the plan served at ``/api/plans/{cpas}/{legislature}``."""
    return minted(f"plan/{cpas}/{legislature}")


def plan_key(plan: URIRef | str) -> str:
    """``cpas/legislature``: the part of a plan's IRI its paths use."""
    text = str(plan)
    return text[len(PLAN_PREFIX) :] if text.startswith(PLAN_PREFIX) else text


def parse_plan_reference(text: str) -> URIRef:
    """A plan given as its IRI, as ``pstid:plan/…``, or as ``cpas/legislature``."""
    text = expand_curie(text.strip())
    if text.startswith(("http://", "https://")):
        if not is_iri(text):
            raise FrenchHTTPException(
                400, f"{text!r} is not an IRI", f"« {text} » n'est pas un IRI valide."
            )
        return URIRef(text)
    cpas, sep, legislature = text.strip("/").partition("/")
    if not sep or not cpas or not legislature or "/" in legislature:
        raise FrenchHTTPException(
            400,
            f"{text!r} is not a plan: give its IRI, pstid:plan/CPAS/LEG or CPAS/LEG (e.g. "
            "dinant/2019-2024)",
            f"« {text} » ne désigne pas un plan : indiquez CPAS/LÉGISLATURE, par exemple "
            "dinant/2019-2024.",
        )
    return plan_iri(cpas, legislature)


def local_path(iri: URIRef | str) -> str | None:
    """Where this service describes an IRI it minted (``/id/...``), None for other IRIs."""
    text = str(iri)
    return "/id/" + text[len(str(ID)) :] if text.startswith(str(ID)) else None
