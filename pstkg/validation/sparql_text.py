"""Reading and editing the SPARQL text of the shapes, token by token.

The store engine runs each SPARQL constraint once for all focus nodes, by joining its outer
group with the shape's focus nodes, where SHACL runs it once per focus node with ``$this``
pre-bound. The two agree only for queries whose every part sees ``$this`` either through that
join or by projecting it (SHACL §5.3.1 sets the same conditions for pre-binding): this module
finds the outer group, substitutes ``$PATH`` and ``$currentShape``, and checks those
conditions, so that a query it cannot run faithfully is refused rather than run differently.

A small tokenizer is enough: strings, IRIs and comments are skipped whole, so a brace or a
keyword inside them is never taken for syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<pname>(?:[A-Za-z_\u00c0-\uffff][\w\-.]*)?:[\w\-%:]*(?:\.[\w\-%:]+)*)
    | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
    | (?P<punct>[{}()])
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
# Refused in SPARQL constraints as SHACL §5.3.1 does (and pyshacl with it): MINUS and VALUES
# cannot be pre-bound, SERVICE leaves the data graph.
_FORBIDDEN = {"MINUS", "VALUES", "SERVICE"}
# Refused in any query of the shapes: the engine's dataset is its own (FROM would replace it,
# GRAPH would see the focus nodes it keeps in a named graph); pyshacl's data graph has no
# named graph either.
_DATASET = {"FROM", "GRAPH", "SERVICE"}
# Solution modifiers that act on the query's solutions as a whole: per focus node under
# pre-binding, across all focus nodes when run once.
_WHOLE_RESULT = {"LIMIT", "OFFSET"}


class SparqlTextError(ValueError):
    """A SPARQL text the store engine cannot run as SHACL would (the reason is the message)."""


@dataclass(frozen=True)
class Token:
    """One token of a SPARQL text: its kind, its text and where it starts."""

    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        """Where the token ends in the text."""
        return self.start + len(self.text)

    @property
    def keyword(self) -> str:
        """The upper-cased word, for keyword comparisons; empty for anything but a word."""
        return self.text.upper() if self.kind == "word" else ""

    @property
    def variable(self) -> str:
        """The variable's name without ``?`` or ``$``; empty for anything but a variable."""
        return self.text[1:] if self.kind == "var" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text`` (comments and white space left out)."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("comment", "space"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def uses_variable(text: str, name: str) -> bool:
    """Whether ``?name`` or ``$name`` occurs in the query (outside strings and comments)."""
    return any(token.variable == name for token in tokens(text))


def substitute_variable(text: str, name: str, replacement: str) -> str:
    """Every ``?name``/``$name`` replaced by ``replacement`` (an IRI or a property path)."""
    pieces = []
    last = 0
    for token in tokens(text):
        if token.variable == name:
            pieces.append(text[last : token.start])
            pieces.append(replacement)
            last = token.end
    pieces.append(text[last:])
    return "".join(pieces)


def has_prologue(text: str) -> bool:
    """Whether the text declares its own PREFIX or BASE (it could not be nested then)."""
    return any(token.keyword in ("PREFIX", "BASE") for token in tokens(text))


def _matching(items: list[Token], opening: int) -> int:
    """The index of the brace that closes the one at ``items[opening]``."""
    depth = 0
    for index in range(opening, len(items)):
        if items[index].text == "{":
            depth += 1
        elif items[index].text == "}":
            depth -= 1
            if depth == 0:
                return index
    raise SparqlTextError("unbalanced braces")


def inject_into_where(text: str, pattern: str) -> str:
    """``pattern`` added as the first element of the query's outer WHERE group.

    Added to the group itself, not beside it, so that the group's FILTERs (``FILTER NOT EXISTS
    { $this … }``) and BINDs see the variables ``pattern`` binds. A group that holds a sub-SELECT
    alone gets the sub-SELECT wrapped in braces, as the grammar wants.
    """
    items = tokens(text)
    opening = next((i for i, token in enumerate(items) if token.text == "{"), None)
    if opening is None:
        raise SparqlTextError("no WHERE group")
    closing = _matching(items, opening)
    brace = items[opening].end
    first = items[opening + 1] if opening + 1 < closing else None
    if first is not None and first.keyword == "SELECT":
        end = items[closing].start
        return f"{text[:brace]}\n{pattern}\n{{ {text[brace:end]} }}\n{text[end:]}"
    return f"{text[:brace]}\n{pattern}\n{text[brace:]}"


@dataclass(frozen=True)
class SelectShape:
    """What the checks need to know of one SELECT of a query (the outer one or a nested one)."""

    projected: tuple[str, ...]
    """Variables projected as such (``?x``), not computed (``(… AS ?x)``); ``*`` for all."""
    bound_by_as: tuple[str, ...]
    """Variables a projection expression binds with ``AS``."""
    grouped: tuple[str, ...] | None
    """The variables of its GROUP BY, or None without one."""
    aggregates: bool
    whole_result: tuple[str, ...]
    """LIMIT/OFFSET, which act on all of its solutions at once."""


def select_shapes(text: str) -> list[SelectShape]:
    """Every SELECT of the text, the outer one first."""
    items = tokens(text)
    shapes = []
    for index, token in enumerate(items):
        if token.keyword == "SELECT":
            shapes.append(_select_shape(items, index))
    return shapes


def _select_shape(items: list[Token], start: int) -> SelectShape:
    # The SELECT's own tokens: up to the brace closing the group it stands in (or the end),
    # leaving out the groups of the sub-SELECTs it contains.
    depth = 0
    own: list[tuple[int, Token]] = []  # (depth relative to the SELECT, token)
    nested_depth: int | None = None
    for token in items[start + 1 :]:
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
            if depth < 0:
                break
            if nested_depth is not None and depth < nested_depth:
                nested_depth = None
            continue
        if nested_depth is None and token.keyword == "SELECT":
            nested_depth = depth
            continue
        if nested_depth is None:
            own.append((depth, token))
    projection: list[Token] = []
    for depth, token in own:
        if depth > 0 or token.keyword in ("WHERE", "FROM") or token.text == "{":
            break
        projection.append(token)
    projected, bound_by_as, parens = [], [], 0
    after_as = False
    for token in projection:
        if token.text == "(":
            parens += 1
        elif token.text == ")":
            parens -= 1
        elif token.keyword == "AS":
            after_as = True
            continue
        elif token.variable and after_as:
            bound_by_as.append(token.variable)
        elif token.variable and parens == 0:
            projected.append(token.variable)
        elif token.text == "*" and parens == 0:
            projected.append("*")
        after_as = False
    top = [token for depth, token in own if depth == 0]
    grouped: tuple[str, ...] | None = None
    for index, token in enumerate(top):
        if token.keyword == "GROUP" and index + 1 < len(top) and top[index + 1].keyword == "BY":
            keys = []
            for follower in top[index + 2 :]:
                if follower.keyword in ("HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"):
                    break
                if follower.variable:
                    keys.append(follower.variable)
            grouped = tuple(keys)
    return SelectShape(
        projected=tuple(projected),
        bound_by_as=tuple(bound_by_as),
        grouped=grouped,
        aggregates=any(
            token.keyword in _AGGREGATES
            for index, (_, token) in enumerate(own)
            if index + 1 < len(own) and own[index + 1][1].text == "("
        ),
        whole_result=tuple(token.keyword for _, token in own if token.keyword in _WHOLE_RESULT),
    )


def forbidden_keywords(text: str, constraint: bool = True) -> set[str]:
    """The keywords a query of the shapes may not use (more in a constraint than in a target)."""
    refused = _DATASET | _FORBIDDEN if constraint else _DATASET
    return {token.keyword for token in tokens(text) if token.keyword in refused}


def check_runs_for_all_focus_nodes(text: str, focus: str = "this") -> None:
    """Raise :class:`SparqlTextError` unless joining the outer group with the focus nodes gives,
    focus node by focus node, what pre-binding ``$focus`` would.

    The conditions: every SELECT projects ``$focus`` (so the nested ones are joined on it, as
    SHACL requires and pyshacl checks), none binds it with AS, every grouping keeps focus nodes
    apart (GROUP BY ``$focus``, or no aggregate at all), and no LIMIT/OFFSET cuts the solutions
    of all focus nodes together.
    """
    forbidden = forbidden_keywords(text)
    if forbidden:
        raise SparqlTextError(f"uses {', '.join(sorted(forbidden))}")
    for shape in select_shapes(text):
        if "*" in shape.projected:
            raise SparqlTextError(f"SELECT * does not say whether ${focus} is projected")
        if focus in shape.bound_by_as:
            raise SparqlTextError(f"binds ${focus} with AS")
        if focus not in shape.projected:
            raise SparqlTextError(f"a SELECT does not project ${focus}")
        if (shape.aggregates or shape.grouped is not None) and focus not in (shape.grouped or ()):
            raise SparqlTextError(f"aggregates without GROUP BY ${focus}")
        if shape.whole_result:
            raise SparqlTextError(f"uses {', '.join(shape.whole_result)}")
