"""The pst-kg OWL ontology and its SKOS concept schemes, as Turtle files beside this module."""

from importlib.resources import files
from pathlib import Path

ONTOLOGY_DIR = Path(str(files(__name__)))
