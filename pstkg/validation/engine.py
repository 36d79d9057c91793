"""Running pyshacl over one plan graph, with the ontology and vocabularies beside it."""

from __future__ import annotations

from functools import cache
from typing import Any

from pyshacl import validate
from rdflib import Graph, Literal
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from pstkg.namespaces import PREFIXES
from pstkg.ontology import ontology_graph
from pstkg.validation.rules import PSTSH, load_rules


@cache
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once, however often pyshacl runs it.

    pyshacl runs a SPARQL constraint once per focus node, passing the same text each time, and
    rdflib parses it anew every time: parsing took 85 % of the validation of a plan (about 30 ms
    per parse, hundreds of focus nodes). Caching the parsed query makes the corpus validate in
    about 2 s instead of 22 s. Queries with their own initNs are left to rdflib.
    """

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,  # noqa: N803 (rdflib's name)
        initBindings: Any = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@cache
def bundled_vocabulary() -> Graph:
    """The ontology and concept schemes of ontology/, for graphs validated outside a store."""
    return ontology_graph()


def run_shacl(plan_graph: Graph, vocabulary: Graph | None = None) -> Graph:
    """Validate one plan graph; return pyshacl's results graph (an ``sh:ValidationReport``).

    The vocabulary (the store's vocabulary graph, else the bundled ontology files) is added to
    the data graph: its rdfs:subClassOf links are what ``sh:targetClass pst:ProjectOrAction``
    follows, its skos:broader links what the volet rules follow. It is added here rather than
    passed as pyshacl's ``ont_graph``, which copies only the class and property axioms (its
    "inoculation") and so loses skos:broader. No inference is run: the report is about what the
    document says.
    """
    data = _PreparedQueryGraph()
    for graph in (plan_graph, vocabulary if vocabulary is not None else bundled_vocabulary()):
        for triple in graph.triples((None, None, None)):
            data.add(triple)
    _conforms, results, _text = validate(
        data,
        shacl_graph=load_rules().graph,
        inference="none",
        advanced=True,  # SHACL-AF: the SPARQL-based target of the structured fiches
        inplace=True,  # ``data`` is ours: no need for pyshacl to copy it first
        allow_infos=False,
        allow_warnings=False,
    )
    for prefix, namespace in {**PREFIXES, "pstsh": str(PSTSH)}.items():
        results.bind(prefix, namespace)
    tag_messages_french(results)
    return results


def tag_messages_french(results: Graph) -> None:
    """Give back the @fr tag that pyshacl drops when it fills a SPARQL message's {?variables}.

    Every message of shapes/ is French; the Turtle report should say so on every result.
    """
    for result, message in list(results.subject_objects(SH.resultMessage)):
        tagged = french(message)
        if tagged is not message:
            results.remove((result, SH.resultMessage, message))
            results.add((result, SH.resultMessage, tagged))


def french(message: Node) -> Node:
    """A message with neither language nor datatype as a French one; anything else as it is."""
    if isinstance(message, Literal) and message.language is None and message.datatype is None:
        return Literal(str(message), lang="fr")
    return message
