"""Inspect a SPARQL query's tokens before it is run: federated calls (SERVICE) and nesting.

One job: read the text of a query the way a SPARQL parser would (strings, IRIs, comments,
variables and prefixed names are not keywords) and refuse what must not reach the engine:

- ``SERVICE`` calls, which make the server send requests to other hosts (server-side request
  forgery), unless their endpoint is on the operator's allow-list;
- brackets ``{ ( [`` nested deeper than :data:`MAX_NESTING`: Oxigraph's parser recurses on
  them, crashes (segmentation fault) near 5,000 levels and takes seconds on 100 ``[``.

The lexer follows the SPARQL 1.1 grammar (§19.8) and, where it differs, Oxigraph's parser,
which reads keywords without a word boundary: ``trueSERVICE<…>{}``, ``SERVICESILENT``,
``1SERVICE`` or ``ex:a.b.SERVICE`` all call a service there. So every word that contains
``service`` counts as the keyword, and only the plain form ``SERVICE [SILENT] <IRI> {`` can be
allowed; anything else is refused (fail closed). Nothing is evaluated and the lexer is linear.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pstkg.errors import QueryError

MAX_NESTING = 64
"""Deepest bracket nesting accepted: far above real queries (the named ones reach 6), far
below the parser's crash (~5,000), and 100 nested ``[`` already take Oxigraph ~4 s to parse."""

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\"'\\]"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
# The SPARQL grammar's PN_LOCAL: dots inside, never last.
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
# Oxigraph's shorter reading of the same local name: one group of dots at most.
_OXIGRAPH_LOCAL = re.compile(
    rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX})*(?:\.+(?:[{_CHARS}:]|{_PLX})+)?"
)

_TOKEN = re.compile(
    rf"""
    (?P<space>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*+)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*+>)
  | (?P<string>'''(?:(?:''|')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*+'''
              |\"\"\"(?:(?:\"\"|\")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*+\"\"\"
              |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*+'
              |"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*+")
  | (?P<variable>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
  | (?P<bnode>_:[{_CHARS_U}0-9][{_CHARS}]*(?:\.+[{_CHARS}]+)*)
  | (?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[{_CHARS_U}][{_CHARS}]*)
  | (?P<punct>[{{}}()\[\],;*/|^!=>&+\-\\]++|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SKIPPED = ("space", "comment")
_OPENERS, _CLOSERS = "{([", "})]"
_UCHAR_VALUE = re.compile(_UCHAR)


class Token(NamedTuple):
    """A lexical token: its kind (a group name of the lexer), its text, where it starts."""

    kind: str
    text: str
    start: int
    """Offset in the query's text (lines are counted only for messages: queries are long)."""


@dataclass(frozen=True)
class ServiceCall:
    """A ``SERVICE`` found in a query: its endpoint IRI when it names one plainly, else None."""

    line: int
    endpoint: str | None
    reason: str = ""
    """Why ``endpoint`` is None: a variable, a relative IRI, an unusual spelling…"""


class ServiceRefusedError(QueryError):
    """A federated query the endpoint does not allow (HTTP 403: the operator's choice)."""


def tokens(query: str) -> Iterator[Token]:
    """The query's tokens in order, whitespace and comments left out."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "punct"
        if kind not in _SKIPPED:
            yield Token(kind, match.group(), match.start())


UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
"""The words an update operation opens with (SPARQL 1.1 Update §3), once its prologue is read."""


def is_update(query: str) -> bool:
    """Whether ``query`` is an update: its first keyword after the prologue (``PREFIX``,
    ``BASE``, comments) opens an update operation. Only the first tokens are read."""
    stream = tokens(query)
    for token in stream:
        word = token.text.upper() if token.kind == "word" else ""
        if word == "PREFIX":
            next(stream, None)  # the prefix's name…
            next(stream, None)  # …and its IRI
        elif word == "BASE":
            next(stream, None)  # its IRI
        else:
            return word in UPDATE_KEYWORDS
    return False


def line_of(query: str, offset: int) -> int:
    """The line (from 1, as Oxigraph counts them: after each line feed) of ``offset``."""
    return query.count("\n", 0, offset) + 1


def nesting_depth(query: str) -> tuple[int, int]:
    """The deepest bracket nesting (``{ ( [``) of the query, and the line where it is reached.

    Brackets inside IRIs count too: where ``<`` is a comparison, Oxigraph reads them as code.
    """
    deepest, where = _nesting(list(tokens(query)))
    return deepest, line_of(query, where)


def _nesting(found: list[Token]) -> tuple[int, int]:
    """The deepest nesting and the offset where it is reached."""
    depth = deepest = where = 0
    for token in found:
        if token.kind not in ("punct", "iri"):
            continue
        for char in token.text:
            if char in _OPENERS:
                depth += 1
                if depth > deepest:
                    deepest, where = depth, token.start
            elif char in _CLOSERS:
                depth = max(depth - 1, 0)
    return deepest, where


def service_calls(query: str, prefixes: Mapping[str, str] | None = None) -> list[ServiceCall]:
    """Every ``SERVICE`` of the query, with its endpoint when it is written plainly.

    ``prefixes`` are the predeclared ones (name → IRI); the query's PREFIX declarations
    override them. Words merely containing ``service`` count, as Oxigraph would read them.
    """
    return _service_calls(query, list(tokens(query)), prefixes)


def _service_calls(
    query: str, found: list[Token], prefixes: Mapping[str, str] | None
) -> list[ServiceCall]:
    declared, prologue_clear = _declared_prefixes(found, dict(prefixes or {}))
    calls = []
    for index, token in enumerate(found):
        if not _mentions_service(token, found[index + 1 : index + 2]):
            continue
        if token.kind != "word" or token.text.lower() != "service":
            reason = f"an unusual spelling ({token.text!r})"
            calls.append(ServiceCall(line_of(query, token.start), None, reason))
            continue
        rest = found[index + 1 : index + 4]
        if rest and rest[0].kind == "word" and rest[0].text.lower() == "silent":
            rest = rest[1:]
        if len(rest) < 2 or not rest[1].text.startswith("{"):
            reason = "not followed by an IRI and {"
            calls.append(ServiceCall(line_of(query, token.start), None, reason))
            continue
        line = line_of(query, token.start)
        calls.append(_call(rest[0], line, declared if prologue_clear else None))
    return calls


def check_query(
    query: str,
    *,
    allowed_services: Collection[str] = (),
    prefixes: Mapping[str, str] | None = None,
    max_nesting: int = MAX_NESTING,
    check_services: bool = True,
) -> None:
    """Refuse a query nested too deep (:class:`QueryError`) or calling a service it may not.

    A ``SERVICE`` passes only when its endpoint IRI is written plainly (an absolute IRI or a
    prefixed name) and is one of ``allowed_services`` exactly; else :class:`ServiceRefusedError`.
    """
    may_call = check_services and "service" in query.lower()
    if not may_call and sum(map(query.count, _OPENERS)) <= max_nesting:
        return  # no token can call a service, nor nest deeper than there are brackets
    found = list(tokens(query))  # once: a query may be long
    depth, where = _nesting(found)
    if depth > max_nesting:
        raise QueryError(
            f"query refused: brackets {{ ( [ nested {depth} deep at line "
            f"{line_of(query, where)}, more than "
            f"{max_nesting}; simplify the query"
        )
    if not may_call:
        return
    for call in _service_calls(query, found, prefixes):
        if not allowed_services:
            raise ServiceRefusedError(
                f"federated queries (SERVICE, line {call.line}) are disabled on this endpoint; "
                "its operator can allow chosen endpoints with `pst serve --allow-service URL`"
            )
        if call.endpoint is None:
            raise ServiceRefusedError(
                f"SERVICE at line {call.line} is refused: {call.reason}; write "
                "SERVICE <absolute IRI of an allowed endpoint> { … }"
            )
        if call.endpoint not in allowed_services:
            raise ServiceRefusedError(
                f"SERVICE <{call.endpoint}> (line {call.line}) is not an endpoint this server "
                f"may query; allowed: {', '.join(sorted(allowed_services))}"
            )


def _mentions_service(token: Token, following: list[Token]) -> bool:
    """Whether Oxigraph could read a SERVICE keyword in ``token`` (see the module's notes)."""
    text = token.text.lower()
    if token.kind == "word":
        return "service" in text
    if token.kind != "pname":
        return False
    prefix, _, local = text.partition(":")
    if "service" in prefix and following and following[0].text.startswith("{"):
        return True  # `trueSERVICE:x {` is `true SERVICE :x {` to Oxigraph
    shorter = _OXIGRAPH_LOCAL.match(local)
    return "service" in local[shorter.end() if shorter else 0 :]


def _declared_prefixes(found: list[Token], prefixes: dict[str, str]) -> tuple[dict, bool]:
    """The prefixes after the query's PREFIX declarations, and whether these were all plain."""
    clear = True
    for index, token in enumerate(found):
        lowered = token.text.lower()
        if token.kind == "word" and lowered == "prefix":
            pair = found[index + 1 : index + 3]
            if len(pair) == 2 and pair[0].kind == "pname" and pair[1].kind == "iri":
                iri = _unescape(pair[1].text[1:-1])
                prefixes[pair[0].text[:-1]] = iri if _absolute(iri) else ""
                continue
        if lowered.startswith(("prefix", "base")) and token.kind in ("word", "pname"):
            clear = lowered in ("prefix", "base") and token.kind == "word"
            if not clear:
                break
    return prefixes, clear


def _call(target: Token, line: int, prefixes: Mapping[str, str] | None) -> ServiceCall:
    if target.kind == "variable":
        return ServiceCall(line, None, "its endpoint is a variable")
    if target.kind == "iri":
        iri = _unescape(target.text[1:-1])
        if _absolute(iri):
            return ServiceCall(line, iri)
        return ServiceCall(line, None, f"<{iri}> is a relative IRI")
    if target.kind == "pname" and prefixes is not None:
        name, _, local = target.text.partition(":")
        if prefixes.get(name):
            return ServiceCall(line, prefixes[name] + local.replace("\\", ""))
        return ServiceCall(line, None, f"the prefix {name}: is not declared plainly")
    return ServiceCall(line, None, f"{target.text!r} is not an endpoint IRI")


def _unescape(iri: str) -> str:
    return _UCHAR_VALUE.sub(lambda match: chr(int(match.group()[2:], 16)), iri)


def _absolute(iri: str) -> bool:
    return re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri) is not None
