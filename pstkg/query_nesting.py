"""Refusing a SPARQL query nested too deep for the parser, before the parser sees it.

Oxigraph's SPARQL parser recurses once per level of ``{ }``, ``( )`` or ``[ ]``: some 3,000
levels overflow its stack and kill the process (a segmentation fault, no error to catch).
Real queries nest a few levels; :data:`MAX_NESTING` is far above them and far below the crash.
Brackets inside strings, IRIs and comments do not count.
"""

from __future__ import annotations

import re

from pstkg.errors import QueryError

MAX_NESTING = 256
"""Levels of brackets a query may nest."""

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"  # an IRI (a comparison "<" has spaces or no ">" after it)
    r"|#[^\n]*"  # a comment
    r"|(?P<open>[{(\[])|(?P<close>[})\]])",
    re.S,
)


def check_nesting(query: str, limit: int = MAX_NESTING) -> None:
    """QueryError naming the line where ``query`` nests brackets deeper than ``limit``."""
    depth = 0
    for token in _TOKENS.finditer(query):
        if token.group("open"):
            depth += 1
            if depth > limit:
                line = query.count("\n", 0, token.start()) + 1
                raise QueryError(
                    f"line {line}: the query nests brackets more than {limit} levels deep "
                    "(refused before parsing: the parser would overflow its stack)"
                )
        elif token.group("close"):
            depth = max(0, depth - 1)
