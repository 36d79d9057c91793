"""Named SPARQL queries, one `.rq` file each, with a metadata header."""

from importlib.resources import files
from pathlib import Path

QUERIES_DIR = Path(str(files(__name__)))
