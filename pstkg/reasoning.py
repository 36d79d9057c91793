"""OWL reasoning over plans: what HermiT infers from the pst-kg ontology and the plan graphs.

:func:`reason` takes plan graphs (what documents say), runs HermiT through owlready2 over the
ontology, the SKOS vocabularies and the plans, and returns only what the reasoner adds: membership
in the defined classes (``pst:TransversalProjectOrAction``, ``pst:PartneredProjectOrAction``,
``pst:CrossStrategicProjectOrAction``), the inherited classes, ``pst:inPlan`` links from every item
up to its plan, ``pst:contributesToStrategicObjective`` and the inverse links. The result is meant
for a graph of its own (DESIGN §3: asserted vs derived), never to be mixed into a plan's graph.

owlready2 keeps a global default World; everything here happens in a fresh ``World`` that is
closed before returning, so calls do not leak into each other or into other code using owlready2.

Two things the module adds before reasoning, and why:

- *Unique names for objectives.* OWL does not assume that two IRIs name two things, so
  "serves at least two operational objectives" is only entailed when the objectives are known to
  be different. pst-kg mints one IRI per objective of a plan (deterministic IRIs), so for each plan
  the module states ``owl:AllDifferent`` over its objectives. It does so per plan, not over the
  whole input, because HermiT handles n different individuals as n² inequalities.
- *Completion along the property and class hierarchies.* HermiT's property-value dump (owlready2's
  ``infer_property_values``) lists each inferred pair only under its most specific property, and
  owlready2 keeps only the most specific inferred classes; the module closes both upwards
  (super-properties, inverses, symmetric properties, super-classes), as the ontology entails.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from pstkg.errors import PstError
from pstkg.namespaces import OWL, PST, RDF, RDFS, SKOS
from pstkg.ontology import ONTOLOGY_DIR

ONTOLOGY_FILES = ("pst.ttl", "vocabularies.ttl")
"""The Turtle files of ontology/ that the reasoner always loads beside the plans."""

_INPUT_ONTOLOGY_IRI = "urn:pst-kg:reasoning:input#"

_PLAN_OBJECTIVES_QUERY = """
SELECT DISTINCT ?plan ?objective WHERE {
  {
    ?plan pst:hasStrategicObjective|^pst:strategicObjectiveOf
          |pst:hasPoliticalObjective|^pst:politicalObjectiveOf ?objective .
  } UNION {
    ?plan pst:hasStrategicObjective|^pst:strategicObjectiveOf ?os .
    ?os pst:hasOperationalObjective|^pst:refinesStrategicObjective ?objective .
  } UNION {
    ?objective pst:inPlan ?plan .
    ?objective a ?kind .
    VALUES ?kind { pst:Objective pst:PoliticalObjective pst:StrategicObjective
                   pst:OperationalObjective }
  }
}
"""

_ALL_OBJECTIVES_QUERY = """
SELECT DISTINCT ?objective WHERE {
  {
    ?objective a ?kind .
    VALUES ?kind { pst:Objective pst:PoliticalObjective pst:StrategicObjective
                   pst:OperationalObjective }
  } UNION {
    ?x pst:hasPoliticalObjective|pst:hasStrategicObjective|pst:hasOperationalObjective
       |pst:refinesStrategicObjective|pst:servesOperationalObjective
       |pst:answersPoliticalObjective ?objective .
  } UNION {
    ?objective pst:politicalObjectiveOf|pst:strategicObjectiveOf|pst:hasOperationalObjective
               |pst:refinesStrategicObjective|pst:hasProjectOrAction ?x .
  }
}
"""

_IGNORED_TYPES = frozenset({OWL.Thing, OWL.NamedIndividual})


class InconsistentGraphError(PstError):
    """The plans contradict the ontology: HermiT found the whole graph inconsistent."""


@cache
def _ontology_ntriples() -> bytes:
    """The ontology and vocabularies as N-Triples (parsed once per process)."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph.serialize(format="nt", encoding="utf-8")


@cache
def _ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(data=_ontology_ntriples(), format="nt")
    return graph


def _rows(data: Graph, query: str) -> list[tuple[Node, ...]]:
    """The rows of a SELECT query over ``data``, with the pst: prefix bound."""
    # rdflib types a result's rows as triples, booleans or rows whatever the query's form
    return [tuple(row) for row in data.query(query, initNs={"pst": PST})]  # type: ignore[arg-type]


def unique_name_axioms(data: Graph) -> Graph:
    """``owl:AllDifferent`` over the objectives of each plan of ``data``.

    Objectives reached from no plan (a plan graph without its ``pst:Plan`` node, an operational
    objective only named by the actions serving it) are grouped together, so that they are still
    told apart.
    """
    groups: dict[Node, set[URIRef]] = defaultdict(set)
    for plan, objective in _rows(data, _PLAN_OBJECTIVES_QUERY):
        if isinstance(objective, URIRef):
            groups[plan].add(objective)
    grouped = set().union(*groups.values()) if groups else set()
    orphans = {
        objective
        for (objective,) in _rows(data, _ALL_OBJECTIVES_QUERY)
        if isinstance(objective, URIRef) and objective not in grouped
    }
    if orphans:
        groups[BNode()] = orphans
    axioms = Graph()
    for members in groups.values():
        if len(members) < 2:
            continue
        node = BNode()
        axioms.add((node, RDF.type, OWL.AllDifferent))
        head = BNode()
        Collection(axioms, head, [*sorted(members)])
        axioms.add((node, OWL.distinctMembers, head))
    return axioms


def _run_hermit(ntriples: bytes) -> Graph:
    """Load N-Triples into a fresh owlready2 World, run HermiT, return the inferred triples."""
    # Imported here: owlready2 sets up its quadstore machinery on import, which only `pst reason`
    # and the tests need.
    import owlready2

    # Where owlready2 (0.51, pinned) writes what the reasoner adds when no ontology is active.
    from owlready2.reasoning import _INFERRENCES_ONTOLOGY

    world = owlready2.World()
    try:
        ontology = world.get_ontology(_INPUT_ONTOLOGY_IRI)
        ontology.load(fileobj=io.BytesIO(ntriples), format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(
                world,
                infer_property_values=True,
                # xsd:date (pst:adoptionDate, pst:councilDate) is outside the OWL 2 datatype map.
                ignore_unsupported_datatypes=True,
                debug=0,
            )
        except owlready2.OwlReadyInconsistentOntologyError as error:
            raise InconsistentGraphError(
                "le graphe des plans contredit l'ontologie pst-kg (HermiT : incohérent) ; "
                "cherchez un élément de deux types incompatibles, par exemple un objectif "
                "employé comme fiche, un élément à la fois projet et action, ou une valeur hors de "
                "son domaine, comme un numéro de ligne nul"
            ) from error
        inferred = world.get_ontology(_INFERRENCES_ONTOLOGY)
        buffer = io.BytesIO()
        inferred.save(buffer, format="ntriples")
    finally:
        world.close()
    result = Graph()
    result.parse(data=buffer.getvalue(), format="nt")
    return result


def _supers_of(pairs: Iterable[tuple[Node, Node]]) -> Callable[[Node], set[Node]]:
    """The reflexive-transitive closure of the (sub, super) ``pairs``, as a memoised function."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in pairs:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    memo: dict[Node, set[Node]] = {}

    def supers(node: Node) -> set[Node]:
        if node not in memo:
            seen: set[Node] = {node}
            todo = [node]
            while todo:
                for parent in direct.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            memo[node] = seen
        return memo[node]

    return supers


def _complete(data: Graph, inferred: Graph) -> Graph:
    """Close asserted + inferred statements along the class and property hierarchies.

    Returns every rdf:type and object-property statement about the individuals of ``data`` that
    the ontology entails from what HermiT reported, minus what ``data`` already states.
    """
    tbox = _ontology_graph()
    schema = tbox + inferred
    class_supers = _supers_of(schema.subject_objects(RDFS.subClassOf))
    property_supers = _supers_of(schema.subject_objects(RDFS.subPropertyOf))
    # SKOS links belong to the vocabularies, not to the plans: leave them out.
    object_properties = {
        p for p in tbox.subjects(RDF.type, OWL.ObjectProperty) if not str(p).startswith(str(SKOS))
    }
    inverse: dict[Node, set[Node]] = defaultdict(set)
    for p, q in tbox.subject_objects(OWL.inverseOf):
        inverse[p].add(q)
        inverse[q].add(p)
    symmetric = set(tbox.subjects(RDF.type, OWL.SymmetricProperty))

    individuals = {s for s in data.subjects() if isinstance(s, URIRef)}
    statements = data + inferred

    result = Graph()
    # Classes: every named super-class of every asserted or inferred class.
    for individual in individuals:
        for cls in set(statements.objects(individual, RDF.type)):
            for sup in class_supers(cls):
                if sup not in _IGNORED_TYPES and (individual, RDF.type, sup) not in data:
                    result.add((individual, RDF.type, sup))

    # Object properties: fixpoint of super-property, inverse and symmetry.
    facts = {
        (s, p, o)
        for s, p, o in statements
        if p in object_properties and isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    todo = list(facts)
    while todo:
        s, p, o = todo.pop()
        derived = [(s, sup, o) for sup in property_supers(p)]
        derived += [(o, inv, s) for inv in inverse.get(p, ())]
        if p in symmetric:
            derived.append((o, p, s))
        for fact in derived:
            if fact not in facts:
                facts.add(fact)
                todo.append(fact)
    for s, p, o in facts:
        if (s in individuals or o in individuals) and (s, p, o) not in data:
            result.add((s, p, o))
    return result


def reason(graph_of_plans: Graph) -> Graph:
    """The statements HermiT infers about the items of ``graph_of_plans``.

    Cost: one JVM start (~1 s) plus ~2 s of HermiT per plan of 100 actions on this machine,
    growing linearly with the number of plans; reasoning plan by plan keeps memory flat and gives
    one derived graph per plan.

    Raises :class:`InconsistentGraphError` when the plans contradict the ontology (an item of two
    disjoint kinds, an objective used as a fiche, a source line numbered 0…).
    """
    data = Graph()
    # triples() rather than iteration: a ConjunctiveGraph then gives the union of its plan graphs.
    for triple in graph_of_plans.triples((None, None, None)):
        data.add(triple)
    merged = Graph()
    merged.parse(data=_ontology_ntriples(), format="nt")
    for triple in data:
        merged.add(triple)
    for triple in unique_name_axioms(data):
        merged.add(triple)
    inferred = _run_hermit(merged.serialize(format="nt", encoding="utf-8"))
    result = _complete(data, inferred)
    for prefix, namespace in graph_of_plans.namespaces():
        result.bind(prefix, namespace, override=False)
    return result
