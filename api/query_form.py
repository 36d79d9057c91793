"""The parameter form of a named query's page, and the check of the values a reader gave.

A parameter's label comes from ``api/query_pages.toml``. A parameter whose values come from a
list (its ``.rq`` header: themes, ODD, enjeux, kinds of organisation, source) is the
named-query layer's, as ``/api/queries`` reads it (:mod:`pstkg.parameter_values`): the form
offers its values, and a value is accepted as its code or any label, in any case, with or
without accents (« Mobilité », « ODD10 »). The plans are data, not vocabulary: the store gives
them (``api/plan_choices.rq``), and a plan is accepted as the named-query layer's IRI
binding reads it (its IRI, ``pstid:…``, ``dinant/2019-2024``), as its label « CPAS de Dinant
(2019-2024) », or by its CPAS's name or key alone when only one plan has them. Anything else
is refused with a French message that names the parameter and what it expects
(:class:`BadParameterError`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pstkg.api.identifiers import plan_key
from pstkg.api.query_page_job import Results
from pstkg.api.query_table import config
from pstkg.errors import QueryError
from pstkg.named_queries import NamedQuery, Parameter, UnknownParameterError
from pstkg.namespaces import SPARQL_PREFIXES
from pstkg.parameter_values import AllowedValue, UnknownValueError, ValueList, fold_value

PLANS_QUERY = Path(__file__).resolve().parent / "plan_choices.rq"
PLANS = "plans"


class BadParameterError(Exception):
    """A parameter's name or value the query cannot take; the message is French."""


@dataclass(frozen=True)
class Field:
    """A parameter as its form shows it."""

    name: str
    label: str
    description: str
    type: str
    default: str | None
    value: str
    choices: tuple[AllowedValue, ...] | None
    """The values offered in a list (code, label); None for a text field."""


def plans_sparql() -> str:
    """The query that reads the plans of the store, the choices of a plan parameter."""
    return SPARQL_PREFIXES + PLANS_QUERY.read_text(encoding="utf-8")


def plan_values(results: Results) -> ValueList:
    """The plans of :func:`plans_sparql`'s rows as a parameter's list: each plan's IRI, and the
    spellings a reader may use besides the IRI: its label, its CPAS's name or key when only
    that plan has it."""
    plans = [(str(row["plan"].value), str(row["label"].value)) for row in results.rows]
    names = {
        iri: {label, label.rsplit(" (", 1)[0], plan_key(iri).split("/")[0]} for iri, label in plans
    }
    shared = Counter(fold_value(name) for spellings in names.values() for name in spellings)
    spellings = {
        fold_value(name): iri
        for iri, plan_names in names.items()
        for name in plan_names
        if shared[fold_value(name)] == 1
    }
    return ValueList(PLANS, tuple(AllowedValue(iri, label) for iri, label in plans), spellings)


def parameter_label(parameter: Parameter) -> str:
    """The French label of a parameter in its form."""
    return _settings(parameter).get("label", parameter.name)


def _settings(parameter: Parameter) -> dict:
    return config()["parameters"].get(parameter.name, {})


def _is_plan(parameter: Parameter) -> bool:
    return _settings(parameter).get("choices") == PLANS


def needs_plans(query: NamedQuery) -> bool:
    """True if a parameter of ``query`` is a plan chosen from the store's."""
    return any(_is_plan(parameter) for parameter in query.parameters)


def form_fields(
    query: NamedQuery, values: Mapping[str, str], plans: ValueList | None
) -> list[Field]:
    """The form's fields, filled with ``values``; ``plans`` offered for a plan (None: none)."""
    return [
        Field(
            name=parameter.name,
            label=parameter_label(parameter),
            description=config()["help"].get(parameter.name, parameter.description),
            type=parameter.type,
            default=parameter.default,
            value=values.get(parameter.name, ""),
            choices=None if listed is None else listed.values,
        )
        for parameter in query.parameters
        for listed in [_values(parameter, plans)]
    ]


def _values(parameter: Parameter, plans: ValueList | None) -> ValueList | None:
    if _is_plan(parameter):
        return plans if plans is not None else ValueList(PLANS, (), {})
    return parameter.values


def checked_values(
    query: NamedQuery, given: Mapping[str, str], plans: ValueList | None
) -> dict[str, str]:
    """The values to bind, from what the reader gave (empty fields left out): labels turned
    into codes, plans into their IRIs, decimal commas into points; BadParameterError for an
    unknown name or a value the parameter cannot take."""
    try:
        query.check_names(given)
    except UnknownParameterError as error:
        raise BadParameterError(_unknown_name(query, error)) from None
    known = {parameter.name: parameter for parameter in query.parameters}
    values = {}
    for name, text in given.items():
        if text.strip():
            values[name] = _checked(known[name], text.strip(), plans)
    return values


def _checked(parameter: Parameter, text: str, plans: ValueList | None) -> str:
    label = parameter_label(parameter)
    listed = _values(parameter, plans)
    if listed is not None:
        try:
            if _is_plan(parameter):
                return _plan_iri(parameter, text, listed)
            return listed.code_for(parameter.name, text)
        except UnknownValueError as error:
            raise BadParameterError(
                f"Le paramètre « {label} » ({parameter.name}) ne connaît pas « {error.written} » ; "
                f"valeurs possibles : {error.values.describe() or 'aucune dans la base'}."
            ) from None
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


def _plan_iri(parameter: Parameter, text: str, plans: ValueList) -> str:
    """The IRI of the plan ``text`` names: as the named-query layer binds an IRI, else by one
    of the plan's other spellings; UnknownValueError if no plan of the store is meant."""
    try:
        iri = str(parameter.bind(text))
    except QueryError:
        iri = None  # not written as an IRI: a label or a CPAS's name
    if iri in {plan.code for plan in plans.values}:
        return iri
    return plans.code_for(parameter.name, text)


def _unknown_name(query: NamedQuery, error: UnknownParameterError) -> str:
    """The French message of a parameter name the query does not have."""
    labelled = ", ".join(f"{p.name} ({parameter_label(p)})" for p in query.parameters)
    hint = f"vouliez-vous dire « {error.suggestion} » ? " if error.suggestion else ""
    return (
        f"La requête « {query.title.split(' / ')[0]} » n'a pas de paramètre « {error.name} » "
        f"({hint}ses paramètres : {labelled or 'aucun'})."
    )
