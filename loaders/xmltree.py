"""A small XML tree that remembers on which lines each element starts and ends.

ElementTree drops line numbers, and provenance needs them ("ligne 42 de plan.xml"). The tree
is built with the stdlib's expat parser, which reports the line of every start and end tag.
Document type declarations are refused outright: a plan file has no use for them, and that
rules out external entities (never fetched) and entity-expansion bombs alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from pstkg.errors import InputError
from pstkg.loaders.model import Span


@dataclass
class Node:
    """An element: its tag, attributes, text (stripped) and children, with its line span."""

    tag: str
    attributes: dict[str, str]
    first_line: int
    last_line: int = 0
    text: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def span(self) -> Span:
        """The lines from the start tag to the end tag."""
        return Span(self.first_line, max(self.first_line, self.last_line))

    def child(self, tag: str) -> Node | None:
        """The first child element with this tag, or None."""
        return next((node for node in self.children if node.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        """Every child element with this tag, in document order."""
        return [node for node in self.children if node.tag == tag]

    def text_of(self, tag: str) -> str | None:
        """The stripped text of the first child with this tag; None if absent or empty."""
        node = self.child(tag)
        return node.text or None if node is not None else None


def parse_xml(path: Path, data: bytes) -> Node:
    """Parse ``data`` into a tree of :class:`Node`; InputError naming the line if it is not XML."""
    parser = expat.ParserCreate()
    stack: list[Node] = []
    texts: list[list[str]] = []
    root: list[Node] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        node = Node(tag, dict(attributes), parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)
        texts.append([])

    def end(tag: str) -> None:
        node = stack.pop()
        node.text = "".join(texts.pop()).strip()
        node.last_line = parser.CurrentLineNumber

    def characters(text: str) -> None:
        if texts:
            texts[-1].append(text)

    def refuse_doctype(*_: object) -> None:
        raise InputError(
            path,
            "the file declares a document type (<!DOCTYPE …>), which a plan file never needs; "
            "refused so that no entity is expanded or fetched",
            line=parser.CurrentLineNumber,
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InputError(
            path, f"not well-formed XML ({expat.ErrorString(error.code)})", line=error.lineno
        ) from None
    return root[0]
