"""Resolving the organisation names a plan writes to canonical organisations.

The rules, in order, and the registry data they use, are described at the top of
ontology/partners.ttl; each resolution records its method (ontology/methods.ttl), the alias or
pattern that matched and a score. Every name resolves: one the registry does not know becomes
a new organisation of the CPAS, marked for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import ORG

from pstkg.builder import cpas_label
from pstkg.identity import bare_cpas_name
from pstkg.iris import cpas_iri, service_iri, slug
from pstkg.linking.registry import Kind, KnownOrganisation, Registry, alias_key, registry
from pstkg.namespaces import ID, PST, PSTV

_CPAS_NAME = re.compile(
    r"^\s*c\.?\s?p\.?\s?a\.?\s?s\.?\s+(?:de\s+la\s+|de\s+|d['’]\s*|du\s+)?(.+)$", re.I
)
_SERVICE_NAME = re.compile(r"^\s*service\s+\S", re.I)


@dataclass(frozen=True)
class PlanContext:
    """Whose plan a name is read in: the CPAS, and its municipality."""

    cpas: URIRef
    cpas_label: str

    @property
    def slug(self) -> str:
        """The CPAS's IRI segment, which is also its municipality's (``id/cpas/{slug}``)."""
        return str(self.cpas).rsplit("/", 1)[1]

    @property
    def commune(self) -> URIRef:
        """The municipality of the CPAS (``id/commune/{slug}``)."""
        return ID[f"commune/{self.slug}"]

    @property
    def place(self) -> str:
        """The municipality's name ("Burdinne"), or the CPAS's label if it names none."""
        return bare_cpas_name(self.cpas_label) or self.slug


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation the resolution creates (not in the registry): what to say about it."""

    iri: URIRef
    label: str
    kind: URIRef
    types: tuple[URIRef, ...] = (ORG.Organization,)
    unit_of: URIRef | None = None
    needs_review: bool = False


@dataclass(frozen=True)
class Resolution:
    """What a written name stands for, how that was decided, and what had to be created."""

    name: str
    target: URIRef
    method: URIRef
    matched: str
    score: float
    created: tuple[NewOrganisation, ...] = field(default=())


def resolve(name: str, context: PlanContext, known: Registry | None = None) -> Resolution:
    """The canonical organisation a name written in a plan stands for."""
    known = known or registry()
    alias = known.aliases.get(alias_key(name))
    if alias is not None and isinstance(alias.target, KnownOrganisation):
        return Resolution(name, alias.target.iri, PSTV["method-registry-alias"], alias.written, 1.0)
    if alias is not None and isinstance(alias.target, Kind):
        return _resolve_kind(name, alias.written, alias.target, context, known)
    match = _CPAS_NAME.match(name)
    if match:
        return _resolve_cpas(name, match.group(1), context, known)
    if _SERVICE_NAME.match(name):
        unit = NewOrganisation(
            service_iri(context.slug, name),
            name,
            PSTV["orgkind-cpas-unit"],
            (ORG.OrganizationalUnit,),
            unit_of=context.cpas,
        )
        return Resolution(name, unit.iri, PSTV["method-cpas-service"], "Service …", 0.9, (unit,))
    new = NewOrganisation(
        ID[f"org/local/{context.slug}/{slug(name)}"],
        name,
        PSTV["orgkind-other"],
        needs_review=True,
    )
    return Resolution(name, new.iri, PSTV["method-unresolved"], "", 0.5, (new,))


def _resolve_kind(
    name: str, written: str, kind: Kind, context: PlanContext, known: Registry
) -> Resolution:
    commune = _commune(context, known)
    if kind.scope == PSTV["scope-own-commune"]:
        if kind.iri == PSTV["orgkind-commune"]:
            return Resolution(
                name, commune.iri, PSTV["method-own-commune"], written, 1.0, (commune,)
            )
        body = NewOrganisation(
            ID[f"org/{kind.notation}/{context.slug}"],
            f"{kind.label} de la {_lower_first(commune.label)}",
            kind.iri,
            (ORG.OrganizationalUnit,),
            unit_of=commune.iri,
        )
        return Resolution(name, body.iri, PSTV["method-own-commune"], written, 1.0, (body, commune))
    province = known.province_of.get(commune.iri)
    if kind.scope == PSTV["scope-province-of-commune"]:
        if province is not None:
            return Resolution(name, province, PSTV["method-province-of-commune"], written, 1.0)
        # The registry does not say where the municipality lies: a province to identify.
        unknown = NewOrganisation(
            ID[f"org/{kind.notation}/{context.slug}"],
            f"{kind.label} de la {_lower_first(commune.label)} (à identifier)",
            kind.iri,
            needs_review=True,
        )
        return Resolution(name, unknown.iri, PSTV["method-unresolved"], written, 0.5, (unknown,))
    serving = known.serving(kind.iri, {commune.iri} | ({province} if province else set()))
    if len(serving) == 1:
        return Resolution(name, serving[0].iri, PSTV["method-local-body"], written, 0.9)
    # No single known body of this kind serves the municipality: "the AIS serving Burdinne".
    body = NewOrganisation(
        ID[f"org/{kind.notation}/{context.slug}"],
        f"{kind.label} desservant la {_lower_first(commune.label)}",
        kind.iri,
    )
    return Resolution(name, body.iri, PSTV["method-local-body"], written, 0.8, (body,))


def _resolve_cpas(name: str, place: str, context: PlanContext, known: Registry) -> Resolution:
    commune = known.aliases.get(alias_key(place))
    if commune is not None and isinstance(commune.target, KnownOrganisation):
        place, place_slug = commune.written, str(commune.target.iri).rsplit("/", 1)[1]
    else:
        place, place_slug = _proper(place), slug(place)
    cpas = NewOrganisation(
        cpas_iri(place_slug), cpas_label(place), PSTV["orgkind-cpas"], (PST.CPAS,)
    )
    return Resolution(name, cpas.iri, PSTV["method-cpas-name"], "CPAS …", 1.0, (cpas,))


def _commune(context: PlanContext, known: Registry) -> NewOrganisation:
    """The CPAS's municipality, as the registry names it or as its plan does."""
    found = known.organisations.get(context.commune)
    label = found.label if found else _commune_label(context)
    return NewOrganisation(context.commune, label, PSTV["orgkind-commune"], (PST.Commune,))


def _commune_label(context: PlanContext) -> str:
    place = context.place
    if place == context.cpas_label:
        return f"Commune du {place}"  # the plan names no place: "du CPAS non nommé (…)"
    return f"Commune d'{place}" if place[:1].lower() in "aeiouyéèêh" else f"Commune de {place}"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _proper(place: str) -> str:
    """ "MONTIGNY LE TILLEUL" → "Montigny Le Tilleul": readable when the registry has no name."""
    return place.strip().title() if place.isupper() else place.strip()
