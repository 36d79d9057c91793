"""``pst export PLAN --format ecomptes-xml``: a plan of the graph as an eComptes PST XML file.

The file follows data/schemas/ecomptes-pst-201805V1.xsd and is checked against it before it
is returned. It holds what the graph knows and leaves empty what it does not (no invented
status, rate or FTE). Decisions, mirrored by the reader (pstkg.loaders.ecomptes):

- OS are grouped into one ``Volet`` per volet, in order of first appearance; an OS without a
  volet goes to a ``NEANT`` volet (what iA.PST writes);
- an item's code, which the format has no field for, is written ``"{code} - {title}"`` in its
  ``Libelle`` (the code alone when the document gives no title);
- ``ElementId`` is a UUID-5 of the item's IRI (hex, like iA.PST's UIDs): stable across exports;
- an item's fields come from its fiche(s): an action's, and an OS's or OO's own fiche (which the
  reader makes of the same fields); an action with several fiches is written with, for each
  field, the first fiche stating it;
- a status is written as its eComptes code (data/registry/ecomptes-statuts.csv); a status with
  no code (indéterminé, or one kept as written) is left empty, with a warning.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import xmlschema
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from pstkg import __version__
from pstkg.errors import PstError
from pstkg.exchange.plan_graph import french_label, legislature_label, node_label, ordered
from pstkg.loaders.ecomptes import CODE_SEPARATOR, NO_VOLET, VERSION
from pstkg.namespaces import PST, PSTV
from pstkg.reference import ecomptes_statuses
from pstkg.store import PlanStore

SCHEMA_FILE = "ecomptes-pst-201805V1.xsd"
_MAX_LIBELLE = 255
_MAX_NOM = 100


@dataclass
class EcomptesExport:
    """The XML bytes of one plan and what could not be written as the graph has it."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


@cache
def schema() -> xmlschema.XMLSchema:
    """The project's XML Schema of the format, parsed once."""
    location = resources.files("pstkg.schemas").joinpath(SCHEMA_FILE)
    with resources.as_file(location) as path:
        return xmlschema.XMLSchema(str(path))


def export_ecomptes(store: PlanStore, plan: URIRef) -> EcomptesExport:
    """Write the plan ``plan`` of the store as an eComptes PST XML document."""
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?plan { ?s ?p ?o } }", {"plan": plan})
    if not isinstance(graph, Graph) or (plan, PST.cpas, None) not in graph:
        raise PstError(f"{plan}: no such plan in the store (pst plans lists them)")
    writer = _Writer(graph, plan)
    root = writer.document()
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    errors = list(schema().iter_errors(data.decode("utf-8")))
    if errors:  # a bug of this module, not of the plan: say where
        raise PstError(f"{plan}: the eComptes XML written is not valid: {errors[0].reason}")
    return EcomptesExport(data, writer.warnings)


def element_id(iri: URIRef | str) -> str:
    """The stable ElementId of an item: the UUID-5 of its IRI, as 32 hexadecimal digits."""
    return uuid.uuid5(uuid.NAMESPACE_URL, str(iri)).hex


@cache
def _status_codes() -> dict[URIRef, str]:
    codes: dict[URIRef, str] = {}
    for code, concept in ecomptes_statuses():
        codes.setdefault(PSTV[concept], code)
    return codes


class _Writer:
    def __init__(self, graph: Graph, plan: URIRef) -> None:
        self.graph = graph
        self.plan = plan
        self.warnings: list[str] = []
        self.first_year, _, self.last_year = legislature_label(graph, plan).partition("-")

    # -- structure ------------------------------------------------------------------------

    def document(self) -> ET.Element:
        root = ET.Element("dataroot")
        cpas = self.graph.value(self.plan, PST.cpas)
        nis = self.graph.value(cpas, PST.nisCode)
        if nis is None:
            self.warnings.append(
                "the CPAS has no NIS code (pst:nisCode): INS left empty, which eComptes refuses; "
                "give nis_code in the plan's .meta.toml or add it to data/registry/nis.csv"
            )
        _fill(
            ET.SubElement(root, "Identifiants"),
            Id=element_id(self.plan),
            TypeAdmin="CPAS",
            INS=str(nis or ""),
            Type="PST",
            Exercice=self.first_year,
            Version=VERSION,
            Generateur=f"pst-kg {__version__}",
        )
        pst = ET.SubElement(root, "PST")
        _fill(
            ET.SubElement(pst, "DescriptionPST"),
            IdPST=str(uuid.uuid5(uuid.NAMESPACE_URL, str(self.plan))),
            Libelle=self._cut(str(self.graph.value(self.plan, DCTERMS.title) or "PST")),
            ExerciceDebut=self.first_year,
            ExerciceFin=self.last_year,
        )
        volets = ET.SubElement(pst, "Volets")
        groups: dict[str, list[URIRef]] = {}
        for strategic in self._ordered(self.plan, PST.hasStrategicObjective):
            groups.setdefault(self._volet_label(strategic), []).append(strategic)
        for label, strategics in groups.items() or {NO_VOLET: []}.items():
            volet = self._element(volets, "Volet", f"{self.plan}/volet/{label}", label)
            self._children(volet, "ObjectifStrategiques", "ObjectifStrategique", strategics)
        return root

    def _children(self, parent: ET.Element, container: str, tag: str, items: list[URIRef]) -> None:
        if not items:
            return
        holder = ET.SubElement(parent, container)
        for item in items:
            node = self._item(holder, tag, item)
            if tag == "ObjectifStrategique":
                operational = self._ordered(item, PST.hasOperationalObjective)
                self._children(node, "ObjectifsOperationnels", "ObjectifOperationnel", operational)
            elif tag == "ObjectifOperationnel":
                self._children(
                    node, "Actions", "Action", self._ordered(item, PST.hasProjectOrAction)
                )

    def _item(self, parent: ET.Element, tag: str, item: URIRef) -> ET.Element:
        code = self.graph.value(item, PST.code)
        title = self.graph.value(item, DCTERMS.title)
        label = CODE_SEPARATOR.join(str(part) for part in (code, title) if part is not None)
        fiches = sorted(self.graph.objects(item, PST.hasFiche), key=str)
        return self._element(parent, tag, item, label, fiches)

    def _element(
        self,
        parent: ET.Element,
        tag: str,
        iri: str,
        label: str,
        fiches: list[Node] | None = None,
    ) -> ET.Element:
        """One volet, OS, OO or action, its fields (from its fiches) in the order the schema fixes.

        A volet has no fiche: the graph keeps only its name, on its OS.
        """
        node = ET.SubElement(parent, tag, ElementId=element_id(iri), Exercice=self.first_year)
        fiches = fiches or []
        first = self._first_value(fiches)
        _fill(node, Libelle=self._cut(label))
        for tag_name, predicate in (("DateDebut", PST.startDate), ("DateFin", PST.endDate)):
            if (day := first(predicate)) is not None:
                _fill(node, **{tag_name: str(day)})
        _text_block(node, "Description", first(DCTERMS.description))
        _fill(node, Statut=self._status(fiches, label))
        people: tuple[tuple[str, URIRef | None], ...] = (
            ("Responsable", PST.responsible),
            ("Mandataire", None),
        )
        for tag_name, person in people:
            name = self._label(first(person)) if person else first(PST.mandatary)
            if name:
                _person(node, tag_name, str(name)[:_MAX_NOM])
        services = self._values(fiches, PST.involvedService)
        if services:
            _fill(node, Departement=", ".join(str(self._label(s)) for s in services))
        _fill(node, TauxAvancement=_number(first(PST.progressRate)))
        _text_block(node, "RemarqueStatut", first(PST.statusRemark))
        _fill(node, ETP=_number(first(PST.fte)))
        _list(node, "Plans", "Plan", map(str, self._values(fiches, PST.sectoralPlan)))
        partners = (str(self._label(p)) for p in self._values(fiches, PST.partner))
        _list(node, "Partenaires", "Partenaire", partners)
        return node

    # -- values ---------------------------------------------------------------------------

    def _ordered(self, parent: URIRef, predicate: URIRef) -> list[URIRef]:
        return ordered(self.graph, parent, predicate)

    def _first_value(self, fiches: list[Node]):
        def first(predicate: URIRef | None) -> Node | None:
            if predicate is None:
                return None
            return next((v for f in fiches for v in self.graph.objects(f, predicate)), None)

        return first

    def _values(self, fiches: list[Node], predicate: URIRef) -> list[Node]:
        seen: list[Node] = []
        for fiche in fiches:
            for value in sorted(self.graph.objects(fiche, predicate), key=str):
                if value not in seen:
                    seen.append(value)
        return seen

    def _label(self, node: Node | None) -> str | None:
        return node_label(self.graph, node)

    def _volet_label(self, strategic: URIRef) -> str:
        labels = sorted(
            str(_french_label(concept)) for concept in self.graph.objects(strategic, PST.volet)
        )
        return " et ".join(labels) or NO_VOLET

    def _status(self, fiches: list[Node], label: str) -> str:
        for fiche in fiches:
            concept = self.graph.value(fiche, PST.progressStatus)
            written = self.graph.value(fiche, PST.statusAsWritten)
            if isinstance(concept, URIRef) and concept in _status_codes():
                return _status_codes()[concept]
            if written is not None:
                self.warnings.append(
                    f"{label[:60]!r}: status {str(written)!r} has no eComptes code: left empty"
                )
                return ""
        return ""

    def _cut(self, text: str) -> str:
        if len(text) <= _MAX_LIBELLE:
            return text
        self.warnings.append(f"{text[:60]!r}…: longer than {_MAX_LIBELLE} characters, cut")
        return text[: _MAX_LIBELLE - 1] + "…"


def _french_label(concept: Node) -> str:
    return french_label(concept) or str(concept).rsplit("/", 1)[-1]


def _number(value: Node | None) -> str:
    """A number as written in the graph, empty when absent (a stated 0 is written 0)."""
    return str(value) if value is not None else ""


def _fill(parent: ET.Element, **children: str) -> None:
    for tag, text in children.items():
        ET.SubElement(parent, tag).text = text


def _text_block(parent: ET.Element, tag: str, value: Node | None) -> None:
    block = ET.SubElement(parent, tag)
    _fill(block, Mode="TEXTE", Valeur=str(value) if value is not None else "")


def _person(parent: ET.Element, tag: str, name: str) -> None:
    # The graph keeps a person's name as one string: it goes to Nom, as iA.PST writes it.
    _fill(ET.SubElement(parent, tag), Civilite="", Nom=name, Prenom="", Tel="", eMail="")


def _list(parent: ET.Element, container: str, tag: str, values: Iterable[str]) -> None:
    holder = ET.SubElement(parent, container)
    for value in values:
        ET.SubElement(holder, tag).text = value
