"""The parameter form of a named query's page, and the check of the values a reader gave.

Labels and choices come from ``api/query_pages.toml``; the choices themselves (the plans, the
themes, the ODD…) from the store, read by ``api/parameter_choices.rq``. A value is accepted as
its code or as its label (« Mobilité » for ``mobilite``, « CPAS de Dinant (2019-2024) » or
``dinant/2019-2024`` for a plan); anything else is refused with a French message that names
the parameter and what it expects (:class:`BadParameterError`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pstkg.api.identifiers import plan_key
from pstkg.api.query_page_job import Results
from pstkg.api.query_table import config
from pstkg.errors import QueryError
from pstkg.named_queries import NamedQuery, Parameter
from pstkg.namespaces import SPARQL_PREFIXES, expand_curie

CHOICES_QUERY = Path(__file__).resolve().parent / "parameter_choices.rq"
PLANS = "plans"
_SOURCES = (("document", "document (ce que dit le plan)"), ("dérivé", "dérivé (déduit par pst-kg)"))


class BadParameterError(Exception):
    """A parameter's name or value the query cannot take; the message is French."""


@dataclass(frozen=True)
class Choice:
    """A value a parameter may take, and how the form shows it."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """A parameter as its form shows it."""

    name: str
    label: str
    description: str
    type: str
    default: str | None
    value: str
    choices: tuple[Choice, ...] | None


def choices_sparql() -> str:
    """The query that reads every parameter's choices from the store."""
    return SPARQL_PREFIXES + CHOICES_QUERY.read_text(encoding="utf-8")


def choices_by_scheme(results: Results) -> dict[str, tuple[Choice, ...]]:
    """The rows of :func:`choices_sparql` by scheme, numbers in their order (ODD 1 to 17)."""
    schemes: dict[str, list[Choice]] = defaultdict(list)
    for row in results.rows:
        schemes[str(row["scheme"].value)].append(
            Choice(str(row["value"].value), str(row["label"].value))
        )
    schemes["source"] = [Choice(value, label) for value, label in _SOURCES]
    return {scheme: tuple(sorted(found, key=_order)) for scheme, found in schemes.items()}


def _order(choice: Choice) -> tuple[int, str]:
    return (int(choice.value), "") if choice.value.isdigit() else (0, choice.label)


def parameter_label(parameter: Parameter) -> str:
    """The French label of a parameter in its form."""
    return _settings(parameter).get("label", parameter.name)


def _settings(parameter: Parameter) -> dict:
    return config()["parameters"].get(parameter.name, {})


def needs_choices(query: NamedQuery) -> bool:
    """True if a parameter of ``query`` is chosen from a list."""
    return any("choices" in _settings(parameter) for parameter in query.parameters)


def form_fields(
    query: NamedQuery, values: Mapping[str, str], schemes: Mapping[str, tuple[Choice, ...]]
) -> list[Field]:
    """The form's fields, filled with ``values``."""
    return [
        Field(
            name=parameter.name,
            label=parameter_label(parameter),
            description=config()["help"].get(parameter.name, parameter.description),
            type=parameter.type,
            default=parameter.default,
            value=values.get(parameter.name, ""),
            choices=_choices(parameter, schemes),
        )
        for parameter in query.parameters
    ]


def _choices(
    parameter: Parameter, schemes: Mapping[str, tuple[Choice, ...]]
) -> tuple[Choice, ...] | None:
    scheme = _settings(parameter).get("choices")
    return None if scheme is None else schemes.get(scheme, ())


def checked_values(
    query: NamedQuery, given: Mapping[str, str], schemes: Mapping[str, tuple[Choice, ...]]
) -> dict[str, str]:
    """The values to bind, from what the reader gave (empty fields left out): labels turned
    into codes, decimal commas into points; BadParameterError for an unknown name or a value
    the parameter cannot take."""
    known = {parameter.name: parameter for parameter in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        listed = ", ".join(f"{name} ({parameter_label(p)})" for name, p in known.items())
        raise BadParameterError(
            f"La requête « {query.title.split(' / ')[0]} » n'a pas de paramètre {_quoted(unknown)} "
            f"(ses paramètres : {listed or 'aucun'})."
        )
    values = {}
    for name, text in given.items():
        if text.strip():
            values[name] = _checked(known[name], text.strip(), schemes)
    return values


def _checked(parameter: Parameter, text: str, schemes: Mapping[str, tuple[Choice, ...]]) -> str:
    label = parameter_label(parameter)
    choices = _choices(parameter, schemes)
    if choices is not None:
        chosen = _find(text, choices, plans=_settings(parameter)["choices"] == PLANS)
        if chosen is None:
            allowed = ", ".join(
                choice.label if choice.label == choice.value else f"{choice.value} ({choice.label})"
                for choice in choices
            )
            raise BadParameterError(
                f"Le paramètre « {label} » ({parameter.name}) ne connaît pas « {text} » ; "
                f"valeurs possibles : {allowed or 'aucune dans la base'}."
            )
        return chosen
    if parameter.type == "decimal":
        text = text.replace(",", ".")
    try:
        parameter.bind(text)
    except QueryError:
        expected = config()["expected"][parameter.type]
        raise BadParameterError(
            f"Le paramètre « {label} » ({parameter.name}) attend {expected} : "
            f"« {text} » n'en est pas."
        ) from None
    return text


def _find(text: str, choices: tuple[Choice, ...], plans: bool) -> str | None:
    """The one choice ``text`` names (its value or label; a plan also by its key, its CPAS's
    name or key when only one plan has them), None if none or several do."""
    wanted = {_folded(text), _folded(expand_curie(text))}
    matches = [choice.value for choice in choices if wanted & _names(choice, plans)]
    return matches[0] if len(matches) == 1 else None


def _names(choice: Choice, plans: bool) -> set[str]:
    names = {choice.value, choice.label}
    if plans:
        key = plan_key(choice.value)
        names |= {key, key.split("/")[0], choice.label.rsplit(" (", 1)[0]}
    return {_folded(name) for name in names}


def _folded(text: str) -> str:
    # « Mobilité », "mobilite" and "MOBILITE " are the same choice; so are ODD10 and 10.
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.removeprefix("odd").strip(" -")


def _quoted(names: list[str]) -> str:
    return ", ".join(f"« {name} »" for name in names)
