"""Named SPARQL queries: one ``.rq`` file each in queries/, with a metadata header.

The header, in the manner of grlc's decorators, is a block of ``#+ key: value`` lines:

    #+ title: Résumé des plans
    #+ description: One row per plan with its counts of objectives and actions.
    #+ param: plan iri - Restrict to one plan (its IRI)
    #+ example: pst query plan-summary --format csv

``param`` is ``NAME TYPE DEFAULT DESCRIPTION`` (DEFAULT ``-`` means none: the variable stays
free). TYPE is one of :data:`PARAMETER_TYPES`; a ``string`` whose values come from a list says
which between brackets, with no space (:mod:`pstkg.parameter_values`):

    #+ param: theme string[pstv:themes] - A theme (its code or its label)
    #+ param: odd string[<http://metadata.un.org/sdg>] - A goal (10, ODD10, SDG 10…)
    #+ param: source string[document|dérivé] - Stated or suggested

A scheme (a CURIE or ``<IRI>``) means the ``skos:notation`` of its concepts in ontology/*.ttl,
which users may also write as any of their labels, in any case, with or without accents;
``a|b`` lists the values themselves. The query always receives the code; any other value is a
QueryError that names the parameter and lists the allowed values with their labels. An ``iri``
parameter also takes ``pstid:…`` and a path under ``https://w3id.org/pst-kg/id/plan/``
("anderlues/2019-2024", "dinant/2019-2024/action/1-2-1") or under ``…/id/`` ("org/forem").

Parameter values are typed RDF terms (serialised by rdflib, never pasted in as text) bound
to the variable ``?NAME`` by a VALUES block placed at the start of the query's top-level WHERE
group (:func:`inline_values`). There, unlike in a trailing VALUES clause
(SPARQL 1.1 §18.2.4.3 joins that one after grouping), the values are visible to the FILTERs
of that group, so a query can search for ``?words`` or keep scores above ``?min_score``.
A FILTER on a parameter without a default must allow it to be unbound (``!BOUND(?x) || …``).
Prefixes come from :data:`pstkg.namespaces.SPARQL_PREFIXES`: query files do not declare them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from pstkg.errors import QueryError
from pstkg.namespaces import ID, SPARQL_PREFIXES, expand_curie
from pstkg.parameter_values import ValueList, parse_value_list
from pstkg.queries import QUERIES_DIR
from pstkg.store import PlanStore, QueryResult

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "date")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_TYPE = re.compile(r"^(\w+)(?:\[(.+)\])?$")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_ID_PATH = re.compile(r"^[a-z0-9][\w.-]*(/[\w.-]+)+$")
_ID_FOLDERS = ("plan/", "org/", "cpas/", "source/")
"""The first segments of the paths of ``pstid:`` IRIs; any other path is under ``plan/``."""


@dataclass(frozen=True)
class Parameter:
    """A typed parameter of a named query."""

    name: str
    type: str
    default: str | None
    description: str
    values_from: str | None = None
    """Where its values come from, as the header declares it between brackets, or None."""

    @property
    def values(self) -> ValueList | None:
        """The values it takes, when they come from a list (read when first asked)."""
        return None if self.values_from is None else parse_value_list(self.values_from)

    def bind(self, text: str) -> Identifier:
        """Turn a user's text into an RDF term of the parameter's type, or raise QueryError."""
        if self.type == "iri":
            return URIRef(_iri(self.name, text))
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", text.strip()):
                raise QueryError(f"parameter {self.name}: {text!r} is not a whole number")
            return Literal(int(text), datatype=XSD.integer)
        if self.type == "decimal":
            if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text.strip()):
                raise QueryError(f"parameter {self.name}: {text!r} is not a number (e.g. 0.3)")
            return Literal(text.strip(), datatype=XSD.decimal)
        if self.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
                raise QueryError(f"parameter {self.name}: {text!r} is not a date (YYYY-MM-DD)")
            return Literal(text.strip(), datatype=XSD.date)
        values = self.values
        if values is not None:
            return Literal(values.code_for(self.name, text))
        return Literal(text)


def _iri(parameter: str, text: str) -> str:
    """The IRI a user means: as written, ``pstid:…``, or a path of the project's identifiers."""
    text = text.strip()
    if _ID_PATH.match(text):
        path = text if text.startswith(_ID_FOLDERS) else "plan/" + text
        return str(ID) + path
    text = expand_curie(text)
    if not _IRI.match(text):
        raise QueryError(
            f"parameter {parameter}: {text!r} is not an IRI (give an IRI, pstid:plan/CPAS/LEG "
            "or CPAS/LEG, e.g. dinant/2019-2024)"
        )
    return text


@dataclass(frozen=True)
class NamedQuery:
    """A query file and its header."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    examples: tuple[str, ...]
    sparql: str
    path: Path

    def bindings(self, values: dict[str, str]) -> dict[str, Identifier]:
        """Typed bindings for the given values and the defaults; QueryError on unknown names."""
        self.check_names(sorted(values))
        known = {parameter.name: parameter for parameter in self.parameters}
        bound = {}
        for name, parameter in known.items():
            text = values.get(name, parameter.default)
            if text is not None and text != "":
                bound[name] = parameter.bind(text)
        return bound

    def check_names(self, names: Iterable[str], extra: tuple[str, ...] = ()) -> None:
        """UnknownParameterError for the first of ``names`` that is neither one of the query's
        parameters nor one of ``extra`` (the names the caller takes besides them)."""
        known = {parameter.name for parameter in self.parameters} | set(extra)
        for name in names:
            if name not in known:
                raise UnknownParameterError(self, name, extra)


class UnknownParameterError(QueryError):
    """A parameter name the query does not have: ``unknown parameter 'thme' (did you mean
    'theme'? its parameters: …)``. ``extra`` are names the caller accepts besides the query's
    (format, limit, offset for the API); the fields let a page say it in French."""

    def __init__(self, query: NamedQuery, name: str, extra: tuple[str, ...] = ()) -> None:
        self.name = name
        self.names = [parameter.name for parameter in query.parameters] + list(extra)
        close = difflib.get_close_matches(name, self.names, n=1, cutoff=0.6)
        self.suggestion = close[0] if close else None
        hint = f"did you mean {self.suggestion!r}? " if self.suggestion else ""
        super().__init__(
            f"query {query.name}: unknown parameter {name!r} "
            f"({hint}its parameters: {', '.join(self.names) or 'none'})"
        )


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            fields.setdefault(match.group(1), []).append(match.group(2).strip())
    name = path.stem
    if not _NAME.match(name):
        raise QueryError(f"{path.name}: query names are lower-case words joined by hyphens")
    for required in ("title", "description"):
        if required not in fields:
            raise QueryError(f"{path.name}: the header has no '#+ {required}:' line")
    return NamedQuery(
        name=name,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        parameters=tuple(_parse_parameter(path, spec) for spec in fields.get("param", [])),
        examples=tuple(fields.get("example", [])),
        sparql=text,
        path=path,
    )


def _parse_parameter(path: Path, spec: str) -> Parameter:
    parts = spec.split(maxsplit=3)
    typed = _TYPE.match(parts[1]) if len(parts) >= 3 else None
    if typed is None or typed.group(1) not in PARAMETER_TYPES:
        raise QueryError(
            f"{path.name}: '#+ param: {spec}' should be NAME TYPE DEFAULT DESCRIPTION "
            f"with TYPE one of {', '.join(PARAMETER_TYPES)} (string[LIST] for a list's values)"
        )
    name, default = parts[0], parts[2]
    kind, declared = typed.groups()
    if declared is not None and kind != "string":
        raise QueryError(
            f"{path.name}: parameter {name}: only a string takes its values from a list"
        )
    return Parameter(
        name,
        kind,
        None if default == "-" else default,
        parts[3] if len(parts) > 3 else "",
        declared,
    )


@cache
def catalogue(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name, read once per process."""
    return {query.name: query for query in map(parse_query_file, sorted(directory.glob("*.rq")))}


def get_query(name: str) -> NamedQuery:
    """A named query by name; QueryError listing the known names otherwise."""
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def run_named_query(
    store: PlanStore, name: str, values: dict[str, str] | None = None
) -> QueryResult:
    """Run a named query with its parameters bound safely."""
    return store.query(named_query_sparql(name, values))


def named_query_sparql(name: str, values: dict[str, str] | None = None) -> str:
    """The SPARQL text :func:`run_named_query` runs: prefixes, the query, its values bound in.

    QueryError for an unknown query or parameter, or a value that does not fit its type.
    """
    query = get_query(name)
    return SPARQL_PREFIXES + inline_values(query, query.bindings(values or {}))


def inline_values(query: NamedQuery, bindings: dict[str, Identifier]) -> str:
    """The query's text with ``VALUES (?a ?b) { (term term) }`` opening its WHERE group."""
    if not bindings:
        return query.sparql
    # Find the first WHERE outside comment lines (the header may say "where").
    masked = "\n".join(
        " " * len(line) if line.lstrip().startswith("#") else line
        for line in query.sparql.split("\n")
    )
    where = _WHERE.search(masked)
    if where is None:
        raise QueryError(f"{query.path.name}: parameters need a 'WHERE {{' to be bound in")
    names = sorted(bindings)
    values = (
        f" VALUES ({' '.join('?' + n for n in names)}) "
        f"{{ ({' '.join(bindings[n].n3() for n in names)}) }}"
    )
    return query.sparql[: where.end()] + values + query.sparql[where.end() :]
