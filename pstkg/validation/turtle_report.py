"""The validation report as a standard SHACL validation report in Turtle.

pyshacl makes one ``sh:ValidationReport`` per plan graph; this merges them into one report
whose ``sh:conforms`` is true only if every plan conforms (in SHACL's sense: no result of any
severity) and whose ``sh:result`` are the results of all the plans.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH, XSD

from pstkg.validation.report import PlanReport


def merged_report(reports: list[PlanReport]) -> Graph:
    """One ``sh:ValidationReport`` with the results of every plan's validation."""
    merged = Graph()
    report_node = BNode()
    conforms = True
    for report in reports:
        for prefix, namespace in report.shacl.namespaces():
            merged.bind(prefix, namespace, override=False)
        plan_reports = set(report.shacl.subjects(RDF.type, SH.ValidationReport))
        for plan_report in plan_reports:
            conforms &= report.shacl.value(plan_report, SH.conforms) == Literal(True)
            for result in report.shacl.objects(plan_report, SH.result):
                merged.add((report_node, SH.result, result))
        for triple in report.shacl:
            if triple[0] not in plan_reports:
                merged.add(triple)
    merged.add((report_node, RDF.type, SH.ValidationReport))
    merged.add((report_node, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    return merged


def render_turtle(reports: list[PlanReport]) -> str:
    """The merged SHACL validation report, serialised as Turtle."""
    return merged_report(reports).serialize(format="turtle")
