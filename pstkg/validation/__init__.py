"""Validating plans against the decree and the guidance: SHACL shapes, findings, scores, reports.

``validate_store`` validates the plans of a store (by default with the store engine, the shapes
compiled to SPARQL and run by Oxigraph over all plans at once; pyshacl on request),
``validate_plan_graph`` one plan graph (pyshacl); the report modules print the result as text,
HTML, JSON, CSV or a SHACL validation report (Turtle).
"""

from pstkg.validation.findings import Finding, Place
from pstkg.validation.report import PlanReport, RequirementCheck, Status, validate_plan_graph
from pstkg.validation.rules import Severity
from pstkg.validation.run import Engine, resolve_plan, validate_each, validate_store
from pstkg.validation.scoring import SCORE_METHOD, Score

__all__ = [
    "SCORE_METHOD",
    "Engine",
    "Finding",
    "Place",
    "PlanReport",
    "RequirementCheck",
    "Score",
    "Severity",
    "Status",
    "resolve_plan",
    "validate_each",
    "validate_plan_graph",
    "validate_store",
]
