"""Organisations an action's text names, whatever the layout the plan was written in.

Plans name organisations inside their actions in three ways a reader recognises, one
function each:

- a parenthesised list of examples (:func:`find_listed_organisations`): "(Gal, Srmd, autres
  CPAS, entreprises, …)", "(Province/Belfius/…)";
- the partner of a collaboration or the author of something, after "avec" or "par"
  (:func:`find_partners_after_cue`): "avec la Zone de Police Hesbaye ouest", "avec la Maison
  des Jeunes, l'Accueil en Milieu Ouvert, l'ONE", "avec les opérateurs … et notamment l'AIS",
  "organisée par la commune";
- the commune as the CPAS's counterpart in a joint undertaking
  (:func:`find_joint_counterparts`): "réunions Ville/CPAS", "synergies commune-cpas".

What a reader does *not* count as an organisation named in the text, and the rule for it:

- services, activities and facilities, which plans write in lower case ("taxi social",
  "plan canicule", "écrivain public", "maison de repos") or name where no partner stands
  ("informer de l'accessibilité de l'EPN"): only the three positions above are read, so a
  name elsewhere in the sentence is not taken for a partner;
- categories rather than named bodies: "les opérateurs locaux de la santé", "les sociétés
  de logement", "nos partenaires", "entreprises", "Associations" (:data:`CATEGORY_WORDS`);
- the CPAS's own units ("le Service d'Insertion Sociale", "l'équipe MGE") and the CPAS
  itself ("proposés par le CPAS"): the plan is the CPAS's, its units are
  ``org:OrganizationalUnit`` stated in the fiches' "Services impliqués";
- funding programmes and media listed as examples: "appels à projet (PAPE/FSE/…)",
  "visibilité sur Internet (Site Administration communale, Facebook, …)"
  (:data:`PROGRAMME_OR_MEDIUM_HEADS`);
- capitalised words of a list that shows no organisation at all: "(Nom, problématique
  rencontrée, …)", "(Parking, Glacière, Logement d'urgence…)", "(Greendeal)".

Names are kept as written (only their first letter raised: "la commune" -> "Commune"):
resolving "Commune", "Ville" and "Administration communale" to one body is a derived step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pstkg.loaders.model import ParsedPlan
from pstkg.loaders.reader.wrapping import is_acronym, is_infinitive
from pstkg.loaders.text import fold_for_matching

# Kinds of public body plans write in lower case: "avec la commune", "par la province".
ORGANISATION_KINDS = (
    "zone de police",
    "administration communale",
    "commune",
    "ville",
    "province",
)
# Plural nouns naming a category of bodies or people, not one organisation (folded).
CATEGORY_WORDS = frozenset(
    {
        *("acteurs", "associations", "autres", "beneficiaires", "citoyens", "ecoles"),
        *("entreprises", "familles", "institutions", "operateurs", "organismes"),
        *("partenaires", "services", "societes"),
    }
)
# First words of the CPAS's own units (folded): "Service d'Insertion Sociale", "équipe MGE".
UNIT_WORDS = frozenset({"service", "services", "equipe", "cellule", "departement"})
# Words just before a parenthesised list that announce organisations as its items (folded).
PARTNER_HEADS = frozenset(
    {
        *("acteur", "acteurs", "operateur", "operateurs", "organisme", "organismes"),
        *("partenaire", "partenaires", "partenariat", "partenariats"),
    }
)
# Phrases just before a parenthesised list that announce programmes or media (folded).
PROGRAMME_OR_MEDIUM_HEADS = (
    *("appel a projet", "appels a projet", "appel a projets", "appels a projets"),
    *("programme", "programmes", "subside", "subsides", "subvention", "subventions"),
    *("fonds", "financement", "financements", "internet", "web", "reseaux sociaux"),
)
_HEAD_WORDS = 4  # how far before "(" a list's head is looked for
_MAX_ITEM_WORDS = 3  # a capitalised list item longer than this is a phrase, not a name

_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_LIST_SEPARATOR = re.compile(r"[,/]")
_CUE = re.compile(r"\b(?:avec|par)\s+", re.IGNORECASE)
# What opens an item of an enumeration after a cue: a separator (not before the first
# item), an optional "notamment", then a determiner ("la", "les", "l'", "nos" ...).
_FIRST_ITEM = re.compile(
    r"(?:(?:notamment|en particulier)\s+)?(?:(?:la|le|les|nos|notre|leurs?|des|un|une)\s+|l')",
    re.IGNORECASE,
)
_NEXT_ITEM = re.compile(
    r"(?:,\s*|\s+(?:et|ou)\s+)(?P<example>(?:notamment|en particulier)\s+)?"
    r"(?:(?:la|le|les|nos|notre|leurs?|des|un|une)\s+|l')",
    re.IGNORECASE,
)
# Where an item of an enumeration ends: a comma, "et", "ou", a bracket, the sentence's end.
_ITEM_END = re.compile(r",|\s(?:et|ou)\s|[();]|\.(?:\s|$)")
# Lower-case words joining the capitalised words of one name ("Maison des Jeunes").
_NAME_LINKS = frozenset({"de", "des", "du", "en", "la", "le", "aux"})
# Lower-case words that still end a name ("Zone de Police Hesbaye ouest").
_NAME_TAIL_WORDS = frozenset({"ouest", "est", "nord", "sud", "centre"})
_ELISION = re.compile(r"^[ldLD]'")
_JOINT = re.compile(
    r"\b(?P<before>ville|commune)\s*[/-]\s*cpas\b|\bcpas\s*[/-]\s*(?P<after>ville|commune)\b",
    re.IGNORECASE,
)
_TRIM = " .…"


@dataclass(frozen=True)
class Mention:
    """An organisation named in a text: where its name starts, and the name."""

    offset: int
    name: str


# --------------------------------------------------------------------------- names


def as_name(written: str) -> str:
    """A name as written, with its first letter raised ("commune" -> "Commune")."""
    return written[:1].upper() + written[1:]


def names_own_cpas(name: str) -> bool:
    """True for the CPAS itself ("CPAS", "le CPAS"): the plan is the CPAS's, not a mention."""
    return fold_for_matching(name) == "cpas"


def names_unit(name: str) -> bool:
    """True for a unit of the CPAS ("Service d'Insertion Sociale", "Équipe MGE")."""
    folded = fold_for_matching(name).split()
    return bool(folded) and folded[0] in UNIT_WORDS


def names_category(name: str) -> bool:
    """True for a category of bodies or people ("Associations", "acteurs sociaux")."""
    folded = fold_for_matching(name).split()
    return bool(folded) and folded[0] in CATEGORY_WORDS


def kind_at_start(text: str) -> str | None:
    """The organisation kind a text starts with, as written ("commune", "Zone de Police")."""
    for kind in ORGANISATION_KINDS:
        head, after = text[: len(kind)], text[len(kind) : len(kind) + 1]
        if head.lower() == kind and not after.isalnum():
            return head
    return None


def is_capitalised(word: str) -> bool:
    """True for a word starting with a capital, elision aside ("Jeunes", "l'Emploi", "ONE")."""
    bare = _ELISION.sub("", word)
    return bare[:1].isupper()


def read_name(text: str) -> str | None:
    """The name a text starts with: an organisation kind or capitalised words, else None.

    A name goes on over capitalised words, the lower-case links between them ("Maison des
    Jeunes") and a compass word ("Hesbaye ouest"); punctuation stuck to a word ends it.
    """
    kind = kind_at_start(text)
    words = text[len(kind) :].split() if kind else text.split()
    if kind is None and not (words and is_capitalised(words[0])):
        return None
    name = [kind] if kind else []
    for index, token in enumerate(words):
        bare = token.rstrip(",;.:)(")
        following = words[index + 1] if index + 1 < len(words) else ""
        linking = bare.lower() in _NAME_LINKS and bare == token and is_capitalised(following)
        tail = bare.lower() in _NAME_TAIL_WORDS
        if not bare or not (is_capitalised(bare) or (name and (linking or tail))):
            break
        name.append(bare)
        if bare != token:  # punctuation ends the name
            break
    return as_name(" ".join(name)) if name else None


def is_named_organisation(name: str) -> bool:
    """A name read after a cue is an organisation unless it is the CPAS, a unit or a category."""
    return not (names_own_cpas(name) or names_unit(name) or names_category(name))


# --------------------------------------------------------------------------- parenthesised lists


def is_organisation_item(item: str) -> bool:
    """Whether one item of a list of organisations names an organisation.

    Organisations are acronyms or hold one ("ADMR", "autres CPAS") or are short capitalised
    names ("Gal", "Province", "Collectif logement", "Belfius"). Services and activities are
    written in lower case ("taxi social", "plan canicule"); a capitalised infinitive opens an
    instruction ("Organiser une permanence ..."), not a name; a capitalised plural noun names
    a category ("Associations").
    """
    tokens = item.split()
    if not tokens or not item[0].isalpha():
        return False
    if any(is_acronym(token) for token in tokens):
        return True
    return (
        item[0].isupper()
        and len(tokens) <= _MAX_ITEM_WORDS
        and not is_infinitive(tokens[0])
        and not names_category(item)
        and not names_unit(item)
    )


def list_head(text: str, bracket: int) -> str:
    """The few words before a list's opening bracket, folded: what the list exemplifies."""
    return " ".join(fold_for_matching(text[:bracket]).split()[-_HEAD_WORDS:])


def lists_programmes_or_media(head: str) -> bool:
    """True when a list exemplifies programmes or media ("appels à projet (PAPE/FSE)")."""
    padded = f" {head} "
    return any(f" {phrase} " in padded for phrase in PROGRAMME_OR_MEDIUM_HEADS)


def lists_organisations(head: str, items: Iterable[str]) -> bool:
    """Whether a parenthesised list is a list of organisations.

    It is when its head announces partners or actors ("nos partenaires (…)", "les acteurs
    (…)") or when one item plainly is an organisation: an acronym or an organisation kind
    ("(Srmd, Province, …)"). Capitalised words alone ("(Nom, problématique …)", "(Parking,
    Glacière, …)") do not make a list of organisations, and lists of programmes or media
    never are one.
    """
    if lists_programmes_or_media(head):
        return False
    if set(head.split()) & PARTNER_HEADS:
        return True
    return any(
        any(is_acronym(token) for token in item.split()) or kind_at_start(item) for item in items
    )


def split_list(inner: str, start: int) -> list[tuple[int, str]]:
    """The items of a list written "a, b, …" or "a/b/…", with their offsets in the text."""
    items: list[tuple[int, str]] = []
    offset = start
    for piece in _LIST_SEPARATOR.split(inner):
        lead = len(piece) - len(piece.lstrip(_TRIM))
        items.append((offset + lead, piece.strip(_TRIM)))
        offset += len(piece) + 1
    return items


def find_listed_organisations(text: str) -> list[Mention]:
    """Organisations given as examples in brackets: "(Gal, Srmd, autres CPAS, entreprises, …)"."""
    found: list[Mention] = []
    for group in _PARENTHESISED.finditer(text):
        items = split_list(group.group(1), group.start(1))
        if not lists_organisations(list_head(text, group.start()), (i for _, i in items)):
            continue
        found.extend(Mention(offset, item) for offset, item in items if is_organisation_item(item))
    return found


# --------------------------------------------------------------------------- partners after a cue


def read_enumeration(text: str, start: int) -> list[Mention]:
    """The organisations an enumeration starting at ``start`` names.

    Each item opens with a determiner ("la Maison des Jeunes, l'Accueil …, l'ONE"); the
    enumeration goes on after a comma, "et" or "ou" followed by another determiner. After an
    item that is no name it only goes on with "notamment" ("les opérateurs … et notamment
    l'AIS"): otherwise the sentence has moved on ("avec les personnes …, la salle du Conseil
    et des Mariages" names no organisation).
    """
    mentions: list[Mention] = []
    opening = _FIRST_ITEM.match(text, start)
    while opening is not None:
        name = read_name(text[opening.end() :])
        if name is not None and is_named_organisation(name):
            mentions.append(Mention(opening.end(), name))
        end = _ITEM_END.search(text, opening.end())
        if end is None:
            break
        opening = _NEXT_ITEM.match(text, end.start())
        if name is None and opening is not None and not opening.group("example"):
            break
    return mentions


def find_partners_after_cue(text: str) -> list[Mention]:
    """Organisations named as partners ("avec la …") or authors ("organisée par la …").

    Only names count: an organisation kind ("la commune") or capitalised words ("la Maison
    des Jeunes", "l'ONE"); "avec les écoles", "avec nos partenaires" name none.
    """
    return [mention for cue in _CUE.finditer(text) for mention in read_enumeration(text, cue.end())]


# --------------------------------------------------------------------------- joint undertakings


def find_joint_counterparts(text: str) -> list[Mention]:
    """The commune named as the CPAS's counterpart: "réunions Ville/CPAS" -> "Ville"."""
    found: list[Mention] = []
    for match in _JOINT.finditer(text):
        group = "before" if match.group("before") else "after"
        found.append(Mention(match.start(group), as_name(match.group(group).lower())))
    return found


# --------------------------------------------------------------------------- the whole text

RULES: tuple[Callable[[str], list[Mention]], ...] = (
    find_partners_after_cue,
    find_listed_organisations,
    find_joint_counterparts,
)


def find_organisations(text: str) -> list[str]:
    """Organisations an action's text names, in the order it names them, each once."""
    mentions = sorted((m for rule in RULES for m in rule(text)), key=lambda m: m.offset)
    names: list[str] = []
    merge_names(names, (mention.name for mention in mentions))
    return names


def merge_names(known: list[str], names: Iterable[str]) -> None:
    """Append to ``known`` the names it lacks; case does not make another organisation."""
    for name in names:
        if name.lower() not in (other.lower() for other in known):
            known.append(name)


def mention_organisations(plan: ParsedPlan) -> ParsedPlan:
    """Record on every action of a plan the organisations its text names; returns the plan.

    Names a layout already recorded are kept first.
    """
    for action in plan.actions():
        merge_names(action.mentioned_organisations, find_organisations(action.title))
    return plan
