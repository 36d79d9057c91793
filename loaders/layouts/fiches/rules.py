"""Line rules of the fiches layout: what a structural line is, read from how it starts.

Every structural line (a fiche header, a field label, an OS or OO header, a row of the OP
table, a section heading) is recognised by its first words only. Another extraction may
wrap lines elsewhere, but a line that started something still starts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pstkg.loaders.text import Line

_FICHE_HEADER = re.compile(r"^Projet\s+(\S.*)$")
_OS_HEADER = re.compile(r"^([1-9]00)\s*\.\s*(\S.*)$")
_OO_HEADER = re.compile(r"^([1-9](?:0[1-9]|[1-9]\d))\s*\.\s*(\S.*)$")
_OP_ROW = re.compile(r"^([1-9])\s+([^\W\d_«\"].*)$")
_OP_TABLE_OS = re.compile(r"^([1-9]00)\s*-\s*(\S.*)$")
OP_TABLE_NONE = re.compile(r"^-$")
OP_TABLE_START = re.compile(r"^Objectifs politiques \(OP\)")
CONSTAT = re.compile(r"^Constat\b")
ROMAN_HEADING = re.compile(r"^[IVX]+\.\s")
LIST_START = re.compile(r"^OS, OO et Projets\b")
SDG_SECTION = re.compile(r"^III\.\s+LES\b")  # "... OBJECTIFS DE DEVELOPPEMENT DURABLE" may wrap
EXECUTION = re.compile(r"^Exécution du PST\b")
_ENJEU_HEADING = re.compile(r"^([1-4])\s*-\s*Enjeu\b")
ENJEU_LIST_HEADING = re.compile(r"^Nom du projet ou action\b")
_ENJEU_IN_TEXT = re.compile(r"(?<![\d.])([1-4])\s*-\s*Enjeu\b")
CODE_IN_FIELD = re.compile(r"^(?:-\s*)?(?:O[PS]\s*)?(\d+)\s*\.?\s*(.*)$")
OS_LABEL = re.compile(r"^Objectif stratégique\s*-\s*OS\s*\d")
BULLET = re.compile(r"^([*•·\-])\s+")

# Fiche field labels, in the template's order, named after the Fiche attribute they fill.
# Case-sensitive on purpose: a wrapped sentence may start a line with "risques liés ...",
# never with "Risques" followed by a value.
_FIELD_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("political_objective", re.compile(r"^Objectif politique\b\s*(.*)$")),
    ("strategic_objective", re.compile(r"^Objectif stratégique\b\s*(.*)$")),
    ("operational_objective", re.compile(r"^Objectif opérationnel\b\s*(.*)$")),
    # "Objectif de développement durable -": narrow extractions wrap "durable -" away
    ("enjeux", re.compile(r"^Objectif de développement\b\s*(.*)$")),
    ("description", re.compile(r"^Description\b\s*(.*)$")),
    ("steps", re.compile(r"^[ÉE]tapes du projet\b\s*(.*)$")),
    ("volet", re.compile(r"^Volet interne\s*/\s*externe\b\s*(.*)$")),
    ("synergies", re.compile(r"^Synergies\b\s*(.*)$")),
    ("risks", re.compile(r"^Risques\b\s*(.*)$")),
    ("indicators", re.compile(r"^Indicateur(?:\(s\)|s)?(?=\s|$)\s*(.*)$")),
    ("priority", re.compile(r"^Priorité des projets\b\s*(.*)$")),
    ("status", re.compile(r"^[ÉE]tat d'avancement\b\s*(.*)$")),
    ("services", re.compile(r"^Services impliqués\b\s*(.*)$")),
    ("partners", re.compile(r"^Partenaires\b\s*(.*)$")),
)
LABEL_TEXT = {
    "political_objective": "Objectif politique",
    "strategic_objective": "Objectif stratégique",
    "operational_objective": "Objectif opérationnel",
    "enjeux": "Objectif de développement durable",
    "description": "Description",
    "steps": "Étapes du projet",
    "volet": "Volet interne / externe",
    "synergies": "Synergies",
    "risks": "Risques",
    "indicators": "Indicateur(s)",
    "priority": "Priorité des projets",
    "status": "Etat d'avancement",
    "services": "Services impliqués",
    "partners": "Partenaires",
}
_OBJECTIVE_LABELS = frozenset(
    {"political_objective", "strategic_objective", "operational_objective"}
)
# Every fiche of the template has these; "Étapes du projet" is optional.
EXPECTED_LABELS = tuple(label for label, _ in _FIELD_LABELS if label != "steps")
# A fiche title wraps over a few lines at most before its first label.
_MAX_TITLE_LINES = 8


def match_fiche_header(text: str) -> str | None:
    """The start of a project title when a line opens a fiche ("Projet <title>"), else None.

    A line can start with "Projet" for other reasons (a wrapped "Priorité des projets /
    Projet en cours"), so the parser also checks that objective labels follow.
    """
    match = _FICHE_HEADER.match(text)
    return match.group(1) if match else None


def match_field_label(text: str) -> tuple[str, str] | None:
    """The fiche field a line opens and the value written after the label, else None.

    Fields are named after the :class:`Fiche` attribute they fill ("risks", "partners"),
    plus "political_objective"/"strategic_objective"/"operational_objective" and "enjeux".
    """
    for name, pattern in _FIELD_LABELS:
        match = pattern.match(text)
        if match:
            return name, match.group(1).strip()
    return None


def match_os_header(text: str) -> tuple[str, str] | None:
    """Code and title start of an OS header in the OS/OO list ("100. Être un CPAS ...")."""
    match = _OS_HEADER.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_oo_header(text: str) -> tuple[str, str] | None:
    """Code and title start of an OO header in the OS/OO list ("101. Maintenir ...")."""
    match = _OO_HEADER.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_op_row(text: str) -> tuple[str, str] | None:
    """Code and title start of a row of the OP table ("1   Des logements ...")."""
    match = _OP_ROW.match(text)
    return (match.group(1), match.group(2)) if match else None


def match_op_table_os(text: str) -> str | None:
    """The OS code an OP maps to, on a line of the OP table ("200 -Être un CPAS ...")."""
    match = _OP_TABLE_OS.match(text)
    return match.group(1) if match else None


def match_enjeu_heading(text: str) -> int | None:
    """The number of an enjeu heading ("3 - Enjeu de la transition ..."), else None."""
    match = _ENJEU_HEADING.match(text)
    return int(match.group(1)) if match else None


def enjeux_in(text: str) -> list[int]:
    """The enjeu numbers named in a fiche's ODD field ("1 - Enjeu démocratique,4 - ...")."""
    return sorted({int(number) for number in _ENJEU_IN_TEXT.findall(text)})


def is_fiche_start(lines: Sequence[Line], index: int) -> bool:
    """A "Projet ..." line opens a fiche when an objective label follows its (wrapped) title."""
    if match_fiche_header(lines[index].text) is None:
        return False
    for line in lines[index + 1 : index + 1 + _MAX_TITLE_LINES]:
        label = match_field_label(line.text)
        if label is not None:
            return label[0] in _OBJECTIVE_LABELS
    return False
