"""SHACL shapes for validating plans, as Turtle files beside this module."""

from importlib.resources import files
from pathlib import Path

SHAPES_DIR = Path(str(files(__name__)))
