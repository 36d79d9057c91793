"""The region's exchange format: the eComptes PST XML (schema version 201805V1).

Walloon local authorities hand their PST to the region's eComptes application in this format
(iA.PST exports it). Its tree is ``dataroot / Identifiants`` (who: ``INS``, the NIS code) and
``PST / Volets / Volet / ObjectifStrategiques / ObjectifStrategique / ObjectifsOperationnels /
ObjectifOperationnel / Actions / Action``; data/schemas/ecomptes-pst-201805V1.xsd describes it.

Mapping onto the plan model:

- a ``Volet`` is the volet of the OS under it (its ``Libelle``: Interne, Externe…; iA.PST's
  placeholder ``NEANT`` means "no volet");
- a ``Libelle`` written ``"{code} - {title}"`` gives the item's code and title (that is how
  pst-kg writes codes, which the format has no field for); a lone code-like token is a code;
- an action's fields make its fiche: Description, Statut (kept as written, matched onto
  pstv:etats by the graph builder, which warns on an unknown code), TauxAvancement, ETP,
  DateDebut/DateFin, Responsable, Mandataire, Departement (a service), Plans, Partenaires and
  RemarqueStatut;
- the same fields on an OS or an OO make the objective's own fiche, read the same way;
- the same fields on a volet are not kept: the plan model has no volet item (a volet is only
  the name its OS carry), so the load report names, per volet, the fields it stated. The
  format makes Statut, TauxAvancement and ETP mandatory: a volet's NON_COMMENCE and 0 are the
  exporters' filler, not statements, and are not reported.

Provenance lines are the lines of each element's start and end tags; an objective's fiche
spans the lines of its own fields (its start tag to its Partenaires), not its children.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pstkg.errors import InputError
from pstkg.loaders.limits import read_limited
from pstkg.loaders.model import (
    Action,
    Fiche,
    Finding,
    OperationalObjective,
    ParsedPlan,
    ReadDocument,
    Span,
    Stated,
    StrategicObjective,
)
from pstkg.loaders.text import Line, SourceText, decode, normalise_line
from pstkg.loaders.xmltree import Node, parse_xml
from pstkg.reference import municipality_name

NAME = "ecomptes-xml"
VERSION = "201805V1"
NO_VOLET = "NEANT"
"""What iA.PST writes as the Libelle of its single volet when a plan has none."""

CODE_SEPARATOR = " - "
_CODE_AND_TITLE = re.compile(r"^(?P<code>\S*\d\S*) - (?P<title>.+)$")
_LONE_CODE = re.compile(r"^\S*\d\S*$")
_MAX_CODE = 16
_CHILD_CONTAINERS = frozenset({"ObjectifStrategiques", "ObjectifsOperationnels", "Actions"})
"""The elements holding an element's children, as opposed to its own fields."""
_ELEMENT_FIELDS = (
    "DateDebut",
    "DateFin",
    "Description",
    "Statut",
    "Responsable",
    "Mandataire",
    "Departement",
    "TauxAvancement",
    "RemarqueStatut",
    "ETP",
    "Plans",
    "Partenaires",
)
"""The fields every level carries after its Libelle, in the schema's order (Articles and
Projections, budget links pst-kg does not read, left out)."""
_FILLERS = {"Statut": "NON_COMMENCE", "TauxAvancement": "0", "ETP": "0"}
"""What exporters write in the mandatory fields when they know nothing: not statements."""


def read_ecomptes(path: Path) -> ReadDocument:
    """Read an eComptes PST XML file; InputError naming the line and field when it is not one."""
    data = read_limited(path)
    if not data.strip():
        raise InputError(path, "the file is empty")
    root = parse_xml(path, data)
    text, encoding, warnings = decode(data, path)
    source = SourceText(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        lines=tuple(
            Line(number, normalise_line(line))
            for number, line in enumerate(text.splitlines() or [""], start=1)
        ),
        warnings=warnings,
    )
    return ReadDocument(source, _EcomptesReader(path).read(root))


class _EcomptesReader:
    """Walks the tree of one file; every error names the file, the line and the field."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, node: Node, message: str) -> InputError:
        return InputError(self.path, message, line=node.first_line)

    def required(self, parent: Node, tag: str) -> Node:
        node = parent.child(tag)
        if node is None:
            raise self.error(parent, f"<{parent.tag}> has no <{tag}> (mandatory)")
        return node

    # -- the file -------------------------------------------------------------------------

    def read(self, root: Node) -> ParsedPlan:
        if root.tag != "dataroot":
            raise self.error(
                root,
                f"not an eComptes PST file: the root element is <{root.tag}>, not <dataroot>",
            )
        plan = ParsedPlan(layout=NAME)
        self._read_identifiers(self.required(root, "Identifiants"), plan)
        pst = self.required(root, "PST")
        self._read_description(self.required(pst, "DescriptionPST"), plan)
        volets = self.required(pst, "Volets").all("Volet")
        if not volets:
            raise self.error(pst, "<Volets> holds no <Volet>")
        for volet in volets:
            label = self._text(volet, "Libelle")
            name = None if label is None or label.upper() == NO_VOLET else label
            if stated := self._volet_fields(volet):
                plan.warnings.append(
                    Finding(
                        self._own_span(volet),
                        f"volet {label!r} states {', '.join(stated)}: not kept (pst-kg has no "
                        "volet item; its OS keep only the volet's name)",
                    )
                )
            for node in self._items(volet, "ObjectifStrategiques", "ObjectifStrategique"):
                plan.strategic_objectives.append(self._strategic(node, name))
        return plan

    def _read_identifiers(self, ids: Node, plan: ParsedPlan) -> None:
        kind = self._text(self.required(ids, "Type"), None)
        if kind != "PST":
            raise self.error(ids, f"Identifiants/Type is {kind!r}, not 'PST': not a PST file")
        version = self._text(self.required(ids, "Version"), None)
        if version != VERSION:
            raise self.error(
                ids, f"Identifiants/Version is {version!r}; pst-kg reads version {VERSION}"
            )
        ins = self.required(ids, "INS")
        nis = ins.text
        if nis and not re.fullmatch(r"\d{5}", nis):
            raise self.error(ins, f"Identifiants/INS {nis!r} is not a five-digit NIS code")
        if nis:
            plan.nis_code = Stated(nis, ins.span)
            name = municipality_name(nis)
            if name:
                # The INS names the municipality, and so its CPAS (data/registry/nis.csv).
                plan.cpas = Stated(name, ins.span)
        admin = ids.child("TypeAdmin")
        if admin is not None and admin.text not in {"CPAS", "AC"}:
            raise self.error(admin, f"Identifiants/TypeAdmin {admin.text!r} is neither CPAS nor AC")
        if admin is not None and admin.text == "AC":
            plan.warnings.append(
                Finding(
                    admin.span,
                    "TypeAdmin AC: the file is a commune's PST; filed under the CPAS of the "
                    "same NIS code",
                )
            )

    def _read_description(self, description: Node, plan: ParsedPlan) -> None:
        title = self._text(description, "Libelle")
        if title:
            plan.title = Stated(title, self.required(description, "Libelle").span)
        first, last = description.text_of("ExerciceDebut"), description.text_of("ExerciceFin")
        if first and last:
            # The législature is the span of budget years ("2019-2024"); the identity step
            # maps it onto the vocabulary and refuses what is not a législature.
            plan.legislature = Stated(f"{first}-{last}", description.span)

    # -- the tree -------------------------------------------------------------------------

    def _items(self, parent: Node, container: str, tag: str) -> list[Node]:
        holder = parent.child(container)
        return holder.all(tag) if holder is not None else []

    def _strategic(self, node: Node, volet: str | None) -> StrategicObjective:
        code, title = self._code_and_title(node)
        strategic = StrategicObjective(
            code=code,
            title=title,
            span=node.span,
            volet=volet,
            fiche=self._fiche(node, self._own_span(node)),
        )
        for child in self._items(node, "ObjectifsOperationnels", "ObjectifOperationnel"):
            strategic.operational_objectives.append(self._operational(child))
        return strategic

    def _operational(self, node: Node) -> OperationalObjective:
        code, title = self._code_and_title(node)
        operational = OperationalObjective(
            code=code, title=title, span=node.span, fiche=self._fiche(node, self._own_span(node))
        )
        for child in self._items(node, "Actions", "Action"):
            operational.actions.append(self._action(child))
        return operational

    def _action(self, node: Node) -> Action:
        code, title = self._code_and_title(node)
        if title is None:
            raise self.error(node, "Action/Libelle gives a code but no title")
        fiche = self._fiche(node, node.span)
        return Action(title=title, span=node.span, code=code, fiches=[fiche] if fiche else [])

    def _fiche(self, node: Node, span: Span) -> Fiche | None:
        """The fields of an action or objective as a fiche spanning ``span``; None if none."""
        fiche = Fiche(
            span=span,
            description=self._text(node, "Description", "Valeur"),
            status=self._text(node, "Statut"),
            progress_rate=self._decimal(node, "TauxAvancement", high=Decimal(100)),
            fte=self._fte(node),
            start_date=self._date(node, "DateDebut"),
            end_date=self._date(node, "DateFin"),
            responsible=self._person(node, "Responsable"),
            mandatary=self._person(node, "Mandataire"),
            services=[d] if (d := self._text(node, "Departement")) else [],
            sectoral_plans=self._list(node, "Plans", "Plan"),
            partners=self._list(node, "Partenaires", "Partenaire"),
            status_remark=self._text(node, "RemarqueStatut", "Valeur"),
        )
        return fiche if fiche != Fiche(span=span) else None

    def _own_span(self, node: Node) -> Span:
        """The lines of an element's own fields: from its start tag to its last field."""
        own = [child for child in node.children if child.tag not in _CHILD_CONTAINERS]
        last = max((child.span.last_line for child in own), default=node.span.first_line)
        return Span(node.span.first_line, last)

    # -- values ---------------------------------------------------------------------------

    def _text(self, node: Node, tag: str | None, inner: str | None = None) -> str | None:
        """Normalised text of ``node/tag[/inner]`` (or of ``node`` itself), None when empty."""
        target: Node | None = node if tag is None else node.child(tag)
        if target is not None and inner is not None:
            target = target.child(inner)
        return (normalise_line(target.text) or None) if target is not None else None

    def _code_and_title(self, node: Node) -> tuple[str | None, str | None]:
        label = self._text(self.required(node, "Libelle"), None)
        if label is None:
            raise self.error(node, f"{node.tag}/Libelle is empty")
        match = _CODE_AND_TITLE.match(label)
        if match and len(match["code"]) <= _MAX_CODE:
            return match["code"], match["title"]
        if _LONE_CODE.match(label) and len(label) <= _MAX_CODE:
            return label, None
        return None, label

    def _decimal(self, node: Node, tag: str, high: Decimal | None = None) -> str | None:
        value = self._text(node, tag)
        if value is None:
            return None
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0 or (high is not None and number > high):
            bound = f"from 0 to {high}" if high is not None else "of 0 or more"
            field = self.required(node, tag)
            raise self.error(field, f"{node.tag}/{tag}: {value!r} is not a number {bound}")
        return str(number)

    def _fte(self, node: Node) -> str | None:
        # The format makes ETP mandatory, so exporters that know nothing write 0 (iA.PST does,
        # everywhere): a 0 is no statement of human means, and must not count as one.
        value = self._decimal(node, "ETP")
        return value if value is not None and Decimal(value) != 0 else None

    def _date(self, node: Node, tag: str) -> str | None:
        value = self._text(node, tag)
        if value is None:
            return None
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            field = self.required(node, tag)
            message = f"{node.tag}/{tag}: {value!r} is not a date (YYYY-MM-DD)"
            raise self.error(field, message) from None

    def _person(self, node: Node, tag: str) -> str | None:
        person = node.child(tag)
        if person is None:
            return None
        # Civility, phone and e-mail are contact data the plan has no use for.
        name = " ".join(part for part in (person.text_of("Prenom"), person.text_of("Nom")) if part)
        return normalise_line(name) or None

    def _list(self, node: Node, container: str, tag: str) -> list[str]:
        return [
            value for item in self._items(node, container, tag) if (value := self._text(item, None))
        ]

    def _volet_fields(self, node: Node) -> list[str]:
        """The fields a volet states, by tag, in the schema's order, fillers left out."""
        return [tag for tag in _ELEMENT_FIELDS if self._states(node, tag)]

    def _states(self, node: Node, tag: str) -> bool:
        if tag in {"Description", "RemarqueStatut"}:  # a Mode is always written, the Valeur not
            return self._text(node, tag, "Valeur") is not None
        field = node.child(tag)
        if field is None or not _has_text(field):
            return False
        return tag not in _FILLERS or self._text(node, tag) != _FILLERS[tag]


def _has_text(node: Node) -> bool:
    """Whether an element or any element under it has text."""
    return bool(node.text) or any(_has_text(child) for child in node.children)
