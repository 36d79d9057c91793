"""A store kept by an external SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB).

Queries go through SPARQLWrapper (SPARQL 1.1 Protocol); answers are parsed with pyoxigraph and
converted by the same code as the embedded store's, so both backends give identical rdflib
terms. Reading and deleting graphs use the Graph Store HTTP Protocol (GSP).

Replacing a graph is one SPARQL Update request (``DROP SILENT GRAPH ; INSERT DATA``), as in the
embedded store, rather than a GSP ``PUT``: one update request is one transaction in Oxigraph,
Fuseki and GraphDB, whereas whether ``PUT`` is depends on the server and its version (Oxigraph
server's handler, in the versions whose source we read, clears the graph and then loads the body
as a second step, so a reader could catch the graph empty).

Endpoints: the store URL is the server's base (``http://localhost:7878``); the query, update
and GSP endpoints are ``query``, ``update`` and ``store`` under it (Oxigraph server's layout),
each overridable by ``$PST_QUERY_ENDPOINT``, ``$PST_UPDATE_ENDPOINT``, ``$PST_GSP_ENDPOINT``:
an absolute URL, or a path relative to the store URL (Fuseki: ``PST_GSP_ENDPOINT=data``).
Credentials may be given in the URL (``http://user:password@host/...``); messages never show them.
"""

from __future__ import annotations

import ast
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import Message

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier
from SPARQLWrapper import POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from pstkg.errors import QueryError, StoreError
from pstkg.store.base import (
    CappedResult,
    ExportFormat,
    GraphContent,
    PlanStore,
    QueryDataset,
    QueryPrologue,
    QueryResult,
    SelectResult,
    bind_values,
    ntriples,
)
from pstkg.store.embedded import serialize_quads
from pstkg.store.terms import to_query_result, to_text_rows

ENDPOINT_VARIABLES = {
    "query": "PST_QUERY_ENDPOINT",
    "update": "PST_UPDATE_ENDPOINT",
    "gsp": "PST_GSP_ENDPOINT",
}
"""The environment variables that override each endpoint (an absolute URL or a relative path)."""

DEFAULT_PATHS = {"query": "query", "update": "update", "gsp": "store"}
"""Endpoint paths under the store URL when no variable says otherwise: Oxigraph server's."""

DEFAULT_TIMEOUT = 300.0
"""Seconds to wait for an answer; validating a large store runs one query per plan."""

# One Accept header for every query form: the server picks the results format for SELECT/ASK
# and the graph format for CONSTRUCT/DESCRIBE, and the answer's Content-Type says which it is.
# So we never need to guess the query form from its text.
_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5, application/rdf+xml;q=0.5"
)


def is_store_url(location: str) -> bool:
    """Whether a ``--store`` / ``$PST_STORE`` value names a server rather than a folder."""
    return location.lower().startswith(("http://", "https://"))


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


@dataclass(frozen=True)
class Endpoints:
    """The three URLs a remote store talks to (credentials removed), and the credentials."""

    query: str
    update: str
    gsp: str
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str, environ: Mapping[str, str] | None = None) -> Endpoints:
        """The endpoints for a store URL, following the convention in the module docstring."""
        environ = os.environ if environ is None else environ
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname:
            raise StoreError(f"{redact(url)}: not a server URL (expected http://host:port/...)")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        base = urllib.parse.urlunsplit(parts._replace(netloc=netloc, query="", fragment=""))
        base = base.rstrip("/") + "/"  # so relative paths resolve *under* it
        urls = {
            kind: urllib.parse.urljoin(base, environ.get(variable) or DEFAULT_PATHS[kind])
            for kind, variable in ENDPOINT_VARIABLES.items()
        }
        return cls(
            **urls,
            user=urllib.parse.unquote(parts.username) if parts.username else None,
            password=urllib.parse.unquote(parts.password) if parts.password else None,
        )


class RemoteStore(PlanStore):
    """A store behind a SPARQL 1.1 Protocol and Graph Store Protocol server."""

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.endpoints = endpoints
        self.read_only = read_only
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if endpoints.user is not None:
            # Basic or Digest, whichever the server's challenge asks for (Virtuoso: Digest).
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (endpoints.query, endpoints.update, endpoints.gsp):
                passwords.add_password(None, url, endpoints.user, endpoints.password or "")
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        # A private opener: SPARQLWrapper's Digest support would install a process-wide one.
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_url(cls, url: str, *, read_only: bool = False) -> RemoteStore:
        """The store at ``url`` with the endpoints of the module's convention."""
        return cls(Endpoints.from_url(url), read_only=read_only)

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoints.query!r})"

    # -- writes ------------------------------------------------------------------------------

    def replace_graph(self, graph_iri: URIRef, graph: GraphContent) -> None:
        self._check_writable()
        # One update request = one transaction on the server: readers see the old graph or
        # the new one, and a rejected request changes nothing. An empty graph is simply
        # dropped, as in the embedded store (INSERT DATA of nothing creates no graph).
        body = ntriples(graph)
        self.update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }}"
        )

    def update(self, sparql: str) -> None:
        self._check_writable()
        self._request(
            "POST",
            self.endpoints.update,
            urllib.parse.urlencode({"update": sparql}).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )

    def drop_graph(self, graph_iri: URIRef) -> bool:
        self._check_writable()
        # GSP DELETE says whether the graph existed (404 if not) in the same request.
        status, _, _ = self._request("DELETE", self._graph_url(graph_iri), missing_ok=True)
        return status != 404

    # -- reads -------------------------------------------------------------------------------

    def graph_names(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        assert isinstance(result, SelectResult)
        return sorted(row[0] for row in result.rows if isinstance(row[0], URIRef))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        prologue: QueryPrologue | None = None,
    ) -> QueryResult:
        text = _with_prologue(bind_values(sparql, bindings), prologue)
        return to_query_result(self._parsed_answer(text, None))[0]

    def select_text(self, sparql: str) -> list[tuple[str | None, ...]]:
        return to_text_rows(self._parsed_answer(sparql, None))

    def query_capped(
        self,
        sparql: str,
        limit: int,
        dataset: QueryDataset | None = None,
        prologue: QueryPrologue | None = None,
    ) -> CappedResult:
        # The answer is parsed lazily: only limit + 1 rows or triples are ever converted.
        text = _with_prologue(sparql, prologue)
        result, truncated = to_query_result(self._parsed_answer(text, dataset), limit)
        return CappedResult(result, truncated)

    def export(self, fmt: ExportFormat, graph_iri: URIRef | None = None) -> bytes:
        # The GSP reads one graph at a time in any server (whole-dataset dumps are an
        # extension); the quads then go through the embedded store's serialiser, so both
        # backends write the same bytes for the same data (blank node labels aside).
        graphs = [graph_iri] if graph_iri is not None else self.graph_names()
        quads: list[ox.Quad] = []
        for name in graphs:
            status, _, body = self._request(
                "GET",
                self._graph_url(name),
                headers={"Accept": "application/n-triples"},
                missing_ok=True,
            )
            if status == 404:
                raise StoreError(f"no plan {name} in the store")
            node = ox.NamedNode(str(name))
            quads += (
                ox.Quad(quad.subject, quad.predicate, quad.object, node)
                for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            )
        return serialize_quads(quads, fmt)

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    # -- HTTP --------------------------------------------------------------------------------

    def _parsed_answer(
        self, sparql: str, dataset: QueryDataset | None
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        """Send a query with SPARQLWrapper; its answer parsed (lazily) by pyoxigraph."""
        wrapper = SPARQLWrapper(self.endpoints.query)
        wrapper.setMethod(POST)  # long queries (VALUES, inlined IRIs) would overflow a GET URL
        wrapper.setOnlyConneg(True)  # standard content negotiation, no format=/output= hacks
        # (setTimeout() would round it down to whole seconds; SPARQLWrapper's annotation says int,
        # but it only hands the value to urllib, which takes a float)
        wrapper.timeout = self.timeout  # type: ignore[assignment]
        wrapper.addCustomHttpHeader("Accept", _ACCEPT)
        if self.endpoints.user is not None:
            wrapper.setCredentials(self.endpoints.user, self.endpoints.password)
        for iri in dataset.default_graphs if dataset else ():
            wrapper.addDefaultGraph(str(iri))
        for iri in dataset.named_graphs if dataset else ():
            wrapper.addNamedGraph(str(iri))
        # Not setQuery(): SPARQLWrapper guesses the query form from the text (and mistakes
        # words in comments, such as "created", for update keywords, which it would then send
        # to an update endpoint). This method only ever queries, so the form is pinned.
        wrapper.queryString = sparql
        wrapper.queryType = SELECT
        try:
            response = wrapper.query().response
            body = response.read()
        except SPARQLWrapperException as error:
            raise self._query_error(error) from None
        except urllib.error.HTTPError as error:
            raise self._http_error(self.endpoints.query, error) from None
        except (urllib.error.URLError, OSError) as error:
            raise self._connection_error(self.endpoints.query, error) from None
        media_type = _media_type(response.headers)
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media_type)
            if results_format is not None:
                return ox.parse_query_results(body, format=results_format)
            graph_format = ox.RdfFormat.from_media_type(media_type)
            if graph_format is not None:
                return (quad.triple for quad in ox.parse(body, format=graph_format))
        except SyntaxError as error:
            raise StoreError(
                f"the SPARQL server at {redact(self.endpoints.query)} sent an unreadable "
                f"{media_type} answer: {error}"
            ) from None
        raise StoreError(
            f"the SPARQL server at {redact(self.endpoints.query)} answered in {media_type!r}, "
            "neither SPARQL results nor RDF"
        )

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        *,
        missing_ok: bool = False,
    ) -> tuple[int, Message, bytes]:
        """One HTTP request; its status, headers and body, or a :class:`StoreError`."""
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return 404, error.headers, error.read()
            raise self._http_error(url, error) from None
        except (urllib.error.URLError, OSError) as error:
            raise self._connection_error(url, error) from None

    def _graph_url(self, graph_iri: URIRef) -> str:
        """The GSP URL of a named graph (indirect identification: ``?graph=IRI``)."""
        separator = "&" if "?" in self.endpoints.gsp else "?"
        return f"{self.endpoints.gsp}{separator}{urllib.parse.urlencode({'graph': str(graph_iri)})}"

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {redact(self.endpoints.query)} was opened read-only")

    def _query_error(self, error: SPARQLWrapperException) -> StoreError | QueryError:
        """SPARQLWrapper's exception as ours; a 400 is the server rejecting the query."""
        cause = error.__context__  # the urllib HTTPError SPARQLWrapper turned into `error`
        code = cause.code if isinstance(cause, urllib.error.HTTPError) else None
        message = _server_message(str(error))
        if code == 400:
            return QueryError(f"malformed SPARQL query: {message}")
        return StoreError(
            f"the SPARQL server at {redact(self.endpoints.query)} answered HTTP {code or '?'}"
            + (f": {message}" if message else "")
        )

    def _http_error(self, url: str, error: urllib.error.HTTPError) -> StoreError:
        message = _first_lines(error.read().decode("utf-8", errors="replace"))
        return StoreError(
            f"the SPARQL server at {redact(url)} answered HTTP {error.code} {error.reason}"
            + (f": {message}" if message else "")
        )

    def _connection_error(self, url: str, error: OSError) -> StoreError:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, socket.timeout | TimeoutError):
            return StoreError(
                f"the SPARQL server at {redact(url)} did not answer within {self.timeout:g} s"
            )
        if isinstance(reason, ConnectionRefusedError):
            detail = "connection refused (is the server running?)"
        elif isinstance(reason, OSError) and reason.strerror:
            detail = reason.strerror
        else:
            detail = str(reason)
        return StoreError(f"cannot reach the SPARQL server at {redact(url)}: {detail}")


def _media_type(headers: Message) -> str:
    """The media type of a response, without parameters (``; charset=utf-8``)."""
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _server_message(text: str) -> str:
    """The server's own message inside a SPARQLWrapper exception text.

    SPARQLWrapper 2.0 formats its exceptions as ``"Name: msg. \\n\\nResponse:\\n" + repr(body)``
    and keeps no other copy of the body.
    """
    _, found, response = text.partition("Response:\n")
    if not found:
        return ""
    try:
        body = ast.literal_eval(response)
    except (ValueError, SyntaxError):
        return _first_lines(response)
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    return _first_lines(str(body))


def _first_lines(text: str, limit: int = 300) -> str:
    """A server's error body on one line, cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _with_prologue(sparql: str, prologue: QueryPrologue | None) -> str:
    """The query as the server receives it: the prologue on the query's first line, so the
    server's syntax errors keep the user's line numbers (a server takes only text)."""
    return sparql if prologue is None else prologue.declarations() + sparql
