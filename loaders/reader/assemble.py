"""Merging the mentions of each item into the plan's tree.

One item, many mentions: a list of OS and the slide of each OS, the three passes of a plan
listing its OS, then its OO, then its actions; a project listed under its OO, again by enjeu,
and in its fiche. The rules, the same for every layout:

- Codes identify items. Where the document numbers again under each parent ("O.O.1." under
  every O.S., "Action 1" under every OO, OS "1." under every theme), a code is qualified by
  its parent's (``Mention.path``); the code as written stays the item's code.
- Items without a code are found by their title, spelling variants and small typos allowed
  (``tokens_match``); a project listed under a second OO serves both (transversal).
- The mention that gives an item its title and lines is its first, except where the tree is
  carried by position (OO numbered 1 to 17 across the OS): there it is the mention under which
  its children stand (the slide of an OS, not the list of OS before the slides).
- An item is placed under the item its mention stands under; where no such item is open, under
  the item its code names ("3.1.1" names OO 3.1), made for it if the document never titles it.
- Every other spelling of an item is kept as a variant; a tree mention spelt differently is
  reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pstkg.loaders.model import (
    Action,
    Fiche,
    ItemKind,
    OperationalObjective,
    Span,
    StrategicObjective,
    grouping_key,
)
from pstkg.loaders.reader.context import Reading
from pstkg.loaders.reader.fiches import build_fiche, choose_blocks
from pstkg.loaders.reader.markers import Level, markers
from pstkg.loaders.reader.mentions import Mention
from pstkg.loaders.text import fold_for_matching
from pstkg.loaders.titles import same_spelling, tokens_match


@dataclass(eq=False)
class Item:
    """An item of the tree and the mentions that name it."""

    level: Level
    path: str | None
    mentions: list[Mention]
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    spellings: list[tuple[Span, str]] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)
    also_serves: list[str] = field(default_factory=list)
    fiches: list[Fiche] = field(default_factory=list)
    enjeux: set[int] = field(default_factory=set)
    implied: bool = False
    implied_span: Span | None = None
    canonical: Mention | None = None
    serial: int = 0
    index: dict[int, list[Item]] | None = None
    """The assembly's actions by the word counts of their spellings (titles of another word
    count never match: looking there first keeps the search linear)."""

    @property
    def first(self) -> Mention:
        """The canonical mention (the first until the assembly chooses)."""
        return self.canonical or self.mentions[0]

    @property
    def code(self) -> str | None:
        """The code as the document writes it."""
        return next((m.code for m in self.mentions if m.code), None)

    @property
    def listed(self) -> bool:
        """Whether the tree (not only a fiche) names it."""
        return any(m.origin == "tree" for m in self.mentions)

    def add_spelling(self, span: Span, text: str | None) -> None:
        """Record one spelling of the item's title and where it stands (variants, title
        matching and the item's first lines use them)."""
        if not text:
            return
        self.spellings.append((span, text))
        self.tokens.append(fold_for_matching(text).split())
        if self.index is not None:
            self.index[len(self.tokens[-1])].append(self)

    def matches(self, folded: list[str]) -> bool:
        """Whether one of the item's spellings is ``folded`` (typos allowed)."""
        return any(tokens_match(tokens, folded) for tokens in self.tokens)

    def order(self) -> int:
        """Where the item stands in the plan: where the document first names it (a list of
        OS comes in the order of the OS); implied items stand where their first child does."""
        if self.implied and self.children:
            return min(child.order() for child in self.children)
        tree = [mention.order for mention in self.mentions if mention.origin == "tree"]
        return min(tree) if tree else self.first.order


class Assembly:
    """Builds the plan's tree from the mentions of a document."""

    def __init__(self, reading: Reading, leaf_kind: ItemKind, leaf_word: str) -> None:
        self.reading = reading
        self.leaf_kind = leaf_kind
        self.leaf_word = leaf_word
        self.coded: dict[tuple[str, str], Item] = {}
        self.items: list[Item] = []
        self.actions: list[Item] = []
        self.references: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        self.by_length: dict[int, list[Item]] = defaultdict(list)

    # -- codes ------------------------------------------------------------------------------

    def qualify(self, mentions: Sequence[Mention]) -> None:
        """Each coded mention's path: its code, qualified where numbering restarts."""
        restart = {level: self._restarts(mentions, level) for level in ("os", "oo", "action")}
        groups: dict[tuple[str, ...], int] = {}
        for mention in mentions:  # parents come before their children
            code = mention.code
            if code is None:
                continue
            parent = mention.parent
            if mention.level == "os":
                key = _grouping(mention)
                if restart["os"] and key is not None:
                    mention.path = f"{groups.setdefault(key, len(groups) + 1)}.{code}"
                else:
                    mention.path = code
            elif parent is not None and parent.path and parent.code:
                if code.startswith(parent.code + "."):
                    mention.path = parent.path + code[len(parent.code) :]
                elif restart[mention.level]:
                    mention.path = f"{parent.path}.{code}"
                else:
                    mention.path = code
            else:
                mention.path = code

    @staticmethod
    def _restarts(mentions: Sequence[Mention], level: str) -> bool:
        """Whether a code comes back under another parent (or group) within one pass."""
        seen: dict[tuple[int, str], object] = {}
        for mention in mentions:
            if mention.level != level or not mention.code or mention.origin != "tree":
                continue
            if level == "os":
                owner: object = _grouping(mention) or 0
            else:
                owner = id(mention.parent) if mention.parent is not None else None
                if (
                    mention.parent is not None
                    and mention.parent.code
                    and mention.code.startswith(mention.parent.code + ".")
                ):
                    continue  # the code names its parent: it cannot restart
            key = (mention.pass_index, mention.code)
            if key in seen and seen[key] != owner and (level != "os" or owner != 0):
                return True
            seen.setdefault(key, owner)
        return False

    # -- items ------------------------------------------------------------------------------

    def item_of(self, mention: Mention) -> Item:
        """The item a tree mention names (a new one if none yet)."""
        level = mention.level
        if mention.path:
            key = (level, mention.path)
            item = self.coded.get(key)
            if item is None:
                item = self._new(level, mention.path, mention)
                self.coded[key] = item
            else:
                item.mentions.append(mention)
            return item
        if level == "action":
            return self._action_by_title(mention)
        title = mention.title
        folded = fold_for_matching(title or "").split()
        if folded:
            for item in self.items:
                if item.level == level and item.path is None and item.matches(folded):
                    item.mentions.append(mention)
                    return item
        return self._new(level, None, mention)

    def _new(self, level: Level, path: str | None, mention: Mention) -> Item:
        item = Item(level, path, [mention], serial=len(self.items))
        self.items.append(item)
        if level == "action":
            self.actions.append(item)
            if path is None:
                item.index = self.by_length
        return item

    def find_action(self, title: str, oo_code: str | None = None) -> Item | None:
        """The action of that title, preferring one under the OO of that code."""
        folded = fold_for_matching(title).split()
        candidates = sorted(set(self.by_length.get(len(folded), ())), key=lambda i: i.serial)
        found = [item for item in candidates if item.matches(folded)]
        preferred = [item for item in found if item.parent and item.parent.code == oo_code]
        matching = preferred or found
        return matching[0] if matching else None

    def _action_by_title(self, mention: Mention) -> Item:
        title = mention.title or ""
        parent_item = self.parent_item(mention)
        existing = self.find_action(title)
        if existing is None:
            item = self._new("action", None, mention)
            item.parent = parent_item
            item.add_spelling(mention.span, title)
            return item
        if existing.parent is parent_item:
            if any(
                m.pass_index == mention.pass_index and m.origin == "tree" for m in existing.mentions
            ):
                code = parent_item.code if parent_item else None
                self.reading.warn(
                    mention.span,
                    f"'{title}' is listed twice under OO {code}; the repeat is ignored",
                )
        elif parent_item is not None and parent_item.level == "oo":
            existing.also_serves.append(parent_item.code or "")
        existing.add_spelling(mention.span, title)
        existing.mentions.append(mention)
        mention.parent = None  # the item keeps the parent of its first listing
        return existing

    def parent_item(self, mention: Mention) -> Item | None:
        """The item of the mention this one stands under."""
        parent = mention.parent
        if parent is None:
            return None
        return self.item_of_mention.get(id(parent))

    # -- the whole tree ---------------------------------------------------------------------

    def build(self, mentions: Sequence[Mention], fiches: Sequence[Mention] = ()) -> None:
        """Items from the tree's mentions, placed, then the detached fiches given to them."""
        self.qualify(mentions)
        self.item_of_mention: dict[int, Item] = {}
        for mention in mentions:
            item = self.item_of(mention)
            self.item_of_mention[id(mention)] = item
        self.choose_canonical()
        self.place()
        for mention in fiches:
            self.attach_detached(mention)

    def strategic(self) -> list[Item]:
        """The OS items, in document order."""
        return sorted((i for i in self.items if i.level == "os"), key=Item.order)

    # -- detached fiches --------------------------------------------------------------------

    def attach_detached(self, mention: Mention) -> None:
        """Give a detached fiche to its project, found by title (preferring the fiche's OO).

        A fiche no list names makes a project under the OS and OO the fiche names. Two fiches
        of one title (a conflicting copy) both go to the same project.
        """
        fiche = mention.fiche
        assert fiche is not None
        line = fiche.span.first_line
        os_code, os_title = mention.references.get("os", (None, None))
        oo_code, oo_title = mention.references.get("oo", (None, None))
        for level, code, title in (("os", os_code, os_title), ("oo", oo_code, oo_title)):
            if code and title:
                self.references[(level, code)].append((line, title))
        title = mention.title or ""
        item = self.find_action(title, oo_code)
        if item is None:
            item = self._fiche_only(mention, os_code, os_title, oo_code, oo_title)
        else:
            item.add_spelling(fiche.span, title)
            oo = item.parent
            listed_under = (oo.parent.code if oo and oo.parent else None, oo.code if oo else None)
            if (os_code, oo_code) != listed_under:
                self.reading.warn(
                    fiche.span,
                    f"the fiche of '{title}' names OS {os_code} / OO {oo_code}, but the "
                    f"{self.leaf_word} is listed under OS {listed_under[0]} / OO {listed_under[1]}",
                )
        item.fiches.append(fiche)
        item.mentions.append(mention)

    def _fiche_only(
        self,
        mention: Mention,
        os_code: str | None,
        os_title: str | None,
        oo_code: str | None,
        oo_title: str | None,
    ) -> Item:
        """A project only a fiche names: placed under the OS and OO the fiche names."""
        span = mention.span
        os_item = self.coded.get(("os", os_code or ""))
        if os_item is None:
            os_item = self._objective("os", os_code, os_title, mention)
        oo_item = next((c for c in os_item.children if c.code == oo_code), None)
        if oo_item is None:
            oo_item = self._objective("oo", oo_code, oo_title, mention)
            oo_item.parent = os_item
            os_item.children.append(oo_item)
        self.reading.warn(
            span,
            f"the fiche of '{mention.title}' names a {self.leaf_word} no OO list names; it is "
            f"placed under OS {os_code} / OO {oo_code} as the fiche says",
        )
        item = self._new("action", None, mention)
        item.parent = oo_item
        oo_item.children.append(item)
        item.add_spelling(span, mention.title)
        return item

    def _objective(self, level: Level, code: str | None, title: str | None, fiche: Mention) -> Item:
        """An objective only a fiche names."""
        mention = Mention(
            level=level,
            code=code,
            lines=[],
            first_text=title or "",
            marker="fiche",
            order=fiche.order,
            origin="fiche",
            fixed_title=title or "",
            fixed_span=fiche.span,
        )
        mention.path = code
        item = self._new(level, code, mention)
        item.canonical = mention
        if code:
            self.coded[(level, code)] = item
        return item

    # -- per-enjeu lists --------------------------------------------------------------------

    def record_enjeux(
        self, listed: Sequence[tuple[int, str, Span, int | None]], owners: Sequence[Item]
    ) -> None:
        """Each project an enjeu's list names serves that enjeu; unknown titles are reported."""
        for number, text, span, known in listed:
            if known is None:
                self.reading.warn(
                    span,
                    f"'{text}' in the {self.leaf_word} list of enjeu {number} matches no "
                    f"{self.leaf_word}",
                )
                continue
            owners[known].enjeux.add(number)
            owners[known].add_spelling(span, text)

    def choose_canonical(self) -> None:
        """The mention each objective takes its title and lines from (see the module doc)."""
        positional = {level: self._positional(level) for level in ("os", "oo")}
        self.positional = positional
        for item in self.items:
            tree = [m for m in item.mentions if m.origin == "tree"] or item.mentions
            first = min(tree, key=lambda m: m.order)
            if positional.get(item.level):
                # Where the tree is carried by position, the mention heading the children is
                # the item's; failing one, the one of the latest pass (the slide, not the list).
                heads = [m for m in tree if m.children]
                latest = max(m.pass_index for m in tree)
                fallback = min((m for m in tree if m.pass_index == latest), key=lambda m: m.order)
                item.canonical = min(heads, key=lambda m: m.order) if heads else fallback
            else:
                item.canonical = first

    def _positional(self, level: str) -> bool:
        """Whether the children of this level stand under it by position, not by code."""
        child_level = "oo" if level == "os" else "action"
        coded = by_code = 0
        for item in self.items:
            for mention in item.mentions:
                if mention.level != child_level or not mention.code or mention.parent is None:
                    continue
                parent_code = mention.parent.code
                if not parent_code or mention.parent.level != level:
                    continue
                coded += 1
                if _names_parent(mention.code, parent_code):
                    by_code += 1
        return by_code * 2 < coded or coded == 0

    def place(self) -> None:
        """Put each OO under its OS and each action under its OO."""
        for item in sorted(self.items, key=lambda i: ("os", "oo", "action").index(i.level)):
            if item.level == "os":
                continue
            parent = self._placed_parent(item)
            if parent is None:
                what = "OO" if item.level == "oo" else self.leaf_word
                name = item.code or item.first.title
                self.reading.warn(
                    item.first.span, f"{what} {name} comes before any objective; it is ignored"
                )
                continue
            item.parent = parent
            parent.children.append(item)

    def _placed_parent(self, item: Item) -> Item | None:
        canonical = item.first
        parent: Item | None
        if item.level == "action" and item.parent is not None and item.path is None:
            parent = item.parent
        else:
            parent = self.item_of_mention.get(id(canonical.parent)) if canonical.parent else None
        wanted = "os" if item.level == "oo" else "oo"
        if parent is not None and parent.level == wanted:
            named = self._named_parent(item, parent)
            if named is not None:
                return named
            self._check_code(item, parent)
            return parent
        if item.level == "oo":
            return self._by_code("os", item.path) if parent is None else parent
        # An action under an OS with no OO open: the OO its code names.
        if item.path and "." in item.path:
            oo_path = item.path.rsplit(".", 1)[0]
            oo = self.coded.get(("oo", oo_path))
            if oo is None:
                oo = self._implied_oo(oo_path, parent, item)
            return oo
        return None

    def _named_parent(self, item: Item, parent: Item) -> Item | None:
        """Where codes carry the tree, the parent a code names wins over the one above it:
        "2.8.1" after the actions of OO 2.7 belongs to OO 2.8 (its heading lost)."""
        path = item.path
        if not path or "." not in path or not parent.path or _names_parent(path, parent.path):
            return None
        if self.positional[parent.level]:
            return None
        wanted = parent.level
        named = self.coded.get((wanted, path.rsplit(".", 1)[0]))
        if named is None and item.level == "action":
            os_item = self._by_code("os", path.rsplit(".", 1)[0]) or parent.parent
            named = self._implied_oo(path.rsplit(".", 1)[0], os_item, item)
        return named

    def _check_code(self, item: Item, parent: Item) -> None:
        """An item placed under a parent its code does not name: reported, position kept."""
        coded = item.first.code and parent.first.code
        if (
            coded
            and item.path
            and parent.path
            and "." in item.path
            and not _names_parent(item.path, parent.path)
        ):
            what = "O.O." if item.level == "oo" else ""
            self.reading.warn(
                item.first.span,
                f"{what}{item.code} is under {parent.code} but its code does not start with "
                "its parent's code",
            )

    def _by_code(self, level: str, path: str | None) -> Item | None:
        if not path or "." not in path:
            return None
        return self.coded.get((level, path.rsplit(".", 1)[0]))

    def _implied_oo(self, path: str, os_item: Item | None, first_action: Item) -> Item | None:
        """An OO that only its actions' codes name ("3.1.1" … with no OO 3.1 heading)."""
        if os_item is None:
            os_item = self._by_code("os", path)
        if os_item is None:
            return None
        mention = Mention(
            level="oo",
            code=path,
            lines=first_action.first.lines[:1],
            first_text="",
            marker="implied",
            order=first_action.first.order,
            parent=os_item.first,
        )
        mention.path = path
        oo = Item("oo", path, [mention], implied=True)
        oo.canonical = mention
        self.items.append(oo)
        self.coded[("oo", path)] = oo
        oo.parent = os_item
        os_item.children.append(oo)
        self.reading.warn(
            first_action.first.span,
            f"{self.leaf_word}s {path}.x have no operational objective title: OO {path} has no "
            "title",
        )
        return oo


def _grouping(mention: Mention) -> tuple[str, ...] | None:
    group = mention.group
    return grouping_key(group.volet, group.area) if group is not None else None


def _names_parent(code: str, parent_code: str) -> bool:
    """Whether a code names its parent's: "1.1" under "1", "101" under "100"."""
    if code.startswith(parent_code + "."):
        return True
    table = markers()
    return bool(
        table.hundreds_os.match(parent_code)
        and table.hundreds_oo.match(code)
        and code[0] == parent_code[0]
    )


# --------------------------------------------------------------------------- to the model


def distinct(canonical: str | None, spellings: Iterable[tuple[int, str]]) -> list[str]:
    """The spellings other than ``canonical``, once each, in order of their line."""
    result: list[str] = []
    for _, variant in sorted(spellings, key=lambda spelling: spelling[0]):
        if variant != canonical and variant not in result:
            result.append(variant)
    return result


def objective_title(reading: Reading, item: Item, what: str) -> str | None:
    """An objective's title: its canonical mention's, else the first any mention gives.

    Another tree mention spelt differently is a variant, and is reported.
    """
    canonical = item.first
    title = canonical.title
    if title is None:
        title = next(
            (m.title for m in sorted(item.mentions, key=lambda m: m.order) if m.title), None
        )
    for mention in item.mentions:
        other = mention.title
        if mention is canonical or other is None or title is None or mention.origin != "tree":
            continue
        if not same_spelling(other, title):
            reading.warn(
                mention.span,
                f"{what} {item.code} is also spelled {other!r} (kept {title!r})",
            )
    return title


def fiche_of(reading: Reading, mention: Mention) -> list[Fiche]:
    """The fiches a tree mention's own fields and marks make."""
    fiches = []
    for marks, span in mention.marks:
        fiches.append(Fiche(span=span, priority=marks.priority, status=marks.status))
    if mention.fields:
        blocks = choose_blocks(reading, mention.fields, mention.title or "")
        span = Span(
            min(block.line for block in mention.fields),
            max(block.span.last_line for block in mention.fields),
        )
        fiches.append(build_fiche(reading, blocks, span))
    return fiches


def to_model(
    reading: Reading,
    os_items: Sequence[Item],
    leaf_kind: ItemKind,
    references: dict[tuple[str, str], list[tuple[int, str]]],
) -> list[StrategicObjective]:
    """The plan's tree as the model's objects."""
    result = []
    for os_item in os_items:
        canonical = os_item.first
        group = canonical.group
        strategic = StrategicObjective(
            code=os_item.code,
            title=objective_title(reading, os_item, "OS"),
            span=canonical.span,
            volet=group.volet if group else None,
            policy_area=group.area if group else None,
            path=os_item.path,
        )
        spellings = [(m.span.first_line, m.title) for m in os_item.mentions if m.title]
        spellings += references.get(("os", os_item.code or ""), [])
        strategic.title_variants = distinct(strategic.title, spellings)
        own = [f for m in os_item.mentions for f in fiche_of(reading, m)]
        strategic.fiche = own[0] if own else None
        for oo_item in sorted(os_item.children, key=Item.order):
            strategic.operational_objectives.append(
                _operational(reading, oo_item, leaf_kind, references)
            )
        result.append(strategic)
    return result


def _operational(
    reading: Reading,
    item: Item,
    leaf_kind: ItemKind,
    references: dict[tuple[str, str], list[tuple[int, str]]],
) -> OperationalObjective:
    canonical = item.first
    title = None if item.implied else objective_title(reading, item, "OO")
    span = canonical.span
    if item.implied and item.children:
        last = max(child.first.span.last_line for child in item.children)
        span = Span(min(c.first.span.first_line for c in item.children), last)
    operational = OperationalObjective(
        code=item.code if not item.implied else item.path, title=title, span=span, path=item.path
    )
    spellings = [(m.span.first_line, m.title) for m in item.mentions if m.title]
    spellings += references.get(("oo", item.code or ""), [])
    operational.title_variants = distinct(title, spellings)
    own = [f for m in item.mentions for f in fiche_of(reading, m)]
    operational.fiche = own[0] if own else None
    for action_item in sorted(item.children, key=Item.order):
        operational.actions.append(_action(reading, action_item, leaf_kind))
    return operational


def _action(reading: Reading, item: Item, leaf_kind: ItemKind) -> Action:
    canonical = item.first
    spellings = item.spellings or [(m.span, m.title) for m in item.mentions if m.title]
    ordered = sorted(((span.first_line, text) for span, text in spellings), key=lambda s: s[0])
    spans = [m.span for m in item.mentions] + [span for span, _ in spellings]
    first_span = min(spans, key=lambda span: span.first_line)
    action = Action(
        title=canonical.title or "",
        span=first_span if item.path is None else canonical.span,
        code=item.code,
        kind=leaf_kind,
        path=item.path,
    )
    action.title_variants = distinct(action.title, ordered)
    fiches: list[Fiche] = []
    for mention in sorted(item.mentions, key=lambda m: m.order):
        fiches.extend(fiche_of(reading, mention))
    fiches.extend(item.fiches)
    action.fiches = sorted(fiches, key=lambda f: f.span.first_line)
    action.enjeux_from_lists = sorted(item.enjeux)
    action.also_serves = list(item.also_serves)
    return action
