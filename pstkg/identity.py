"""Which CPAS and which législature a document is for.

The document is believed where it says so; otherwise the user must say it, with
``--cpas``/``--legislature`` or a sidecar file ``<name>.meta.toml`` beside the document.
pst-kg never guesses (not from the file name, not from an adjective such as "burdinnois").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pstkg.errors import InputError, MissingIdentityError
from pstkg.iris import slug
from pstkg.loaders.limits import MAX_CPAS_NAME, SIDECAR_MAX_SIZE, read_limited
from pstkg.loaders.model import ParsedPlan, Stated
from pstkg.loaders.text import fold_for_matching
from pstkg.reference import municipalities
from pstkg.vocabulary import match_concept

SIDECAR_SUFFIX = ".meta.toml"
_SIDECAR_KEYS = {
    "cpas",
    "legislature",
    "council_date",
    "adoption_date",
    "installation_date",
    "nis_code",
    "origin",
    # An evaluation document's or follow-up file's (pstkg.evaluations.load)
    "kind",
    "evaluation",
    "plan",
    "date",
}
_DATE_KEYS = {"council_date", "adoption_date", "installation_date", "date"}


@dataclass(frozen=True)
class PlanIdentity:
    """The CPAS and législature of a plan, with where each was learnt."""

    cpas_name: str
    cpas_slug: str
    legislature: str
    cpas_from: str
    legislature_from: str
    council_date: str | None = None
    adoption_date: str | None = None
    installation_date: str | None = None
    nis_code: str | None = None


_CPAS_PREFIX = re.compile(
    r"^(?:le\s+)?c\.?p\.?a\.?s\.?\s+(?:de\s+la\s+|de\s+l'|de\s+|d'|du\s+)", re.I
)


def bare_cpas_name(name: str) -> str:
    """ "CPAS d'Anderlues" → "Anderlues": the place, as the IRI and the labels want it."""
    return _CPAS_PREFIX.sub("", name.strip()) or name.strip()


# Here rather than in pstkg.reference, which the loaders use: the slug is pstkg.iris's, and
# pstkg.iris uses the loaders' text folding, so the lookup by slug would close a cycle.
@cache
def _nis_by_slug() -> dict[str, str]:
    return {slug(name): nis for nis, name in municipalities().items()}


def nis_code_for(cpas_slug: str) -> str | None:
    """The NIS code of the municipality whose CPAS has this IRI slug ("anderlues" → "56001")."""
    return _nis_by_slug().get(cpas_slug)


def sidecar_path(document: Path) -> Path:
    """``plan.txt`` → ``plan.meta.toml``."""
    return document.with_name(document.stem + SIDECAR_SUFFIX)


def read_sidecar(document: Path) -> dict[str, str]:
    """The metadata stated in the document's sidecar file, or {} if there is none."""
    path = sidecar_path(document)
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        data = tomllib.loads(read_limited(path, SIDECAR_MAX_SIZE).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(path, f"the metadata file is not valid TOML ({error})") from None
    unknown = set(data) - _SIDECAR_KEYS
    if unknown:
        raise InputError(
            path,
            f"unknown key(s) {', '.join(sorted(unknown))}; "
            f"known keys: {', '.join(sorted(_SIDECAR_KEYS))}",
        )
    values = {key: str(value) for key, value in data.items()}
    for key in sorted(_DATE_KEYS & set(values)):
        # TOML dates (council_date = 2019-10-14) and quoted ones both read as YYYY-MM-DD.
        try:
            date.fromisoformat(values[key])
        except ValueError:
            raise InputError(
                path, f"{key} = {values[key]!r} is not a date (write YYYY-MM-DD)"
            ) from None
    return values


def canonical_legislature(written: str, where: Path) -> str:
    """Map "2019 - 2024" or "2018-2024" onto a législature of the vocabulary ("2019-2024")."""
    concept = match_concept("legislature", written)
    if concept is None:
        raise InputError(where, f"unknown législature {written!r} (expected e.g. 2019-2024)")
    return str(concept).rsplit("legislature-", 1)[1]


def resolve_identity(
    parsed: ParsedPlan,
    document: Path,
    cpas: str | None = None,
    legislature: str | None = None,
) -> PlanIdentity:
    """Decide the plan's identity from the text, the options and the sidecar, in that order.

    An option or sidecar value that contradicts what the document states is an error: one
    of them is wrong, and a person has to say which.
    """
    sidecar = read_sidecar(document)
    for name, source in ((cpas, "--cpas"), (sidecar.get("cpas"), sidecar_path(document).name)):
        if name is not None:
            _check_cpas_name(name, document, source)
    cpas_name, cpas_from = _choose(
        "CPAS", parsed.cpas, cpas, sidecar.get("cpas"), document, option="--cpas"
    )
    legislature_written, legislature_from = _choose(
        "législature",
        parsed.legislature,
        legislature,
        sidecar.get("legislature"),
        document,
        option="--legislature",
        same=lambda a, b: canonical_legislature(a, document) == canonical_legislature(b, document),
    )
    council_date = parsed.council_date.value if parsed.council_date else sidecar.get("council_date")
    cpas_name = bare_cpas_name(_check_cpas_name(cpas_name, document, cpas_from))
    # The NIS code: what the sidecar says, else what the document states (eComptes INS), else
    # the registry's code for the CPAS's municipality (data/registry/nis.csv).
    nis_code = (
        sidecar.get("nis_code")
        or (parsed.nis_code.value if parsed.nis_code else None)
        or nis_code_for(slug(cpas_name))
    )
    return PlanIdentity(
        cpas_name=cpas_name,
        cpas_slug=slug(cpas_name),
        legislature=canonical_legislature(legislature_written, document),
        cpas_from=cpas_from,
        legislature_from=legislature_from,
        council_date=council_date,
        adoption_date=sidecar.get("adoption_date"),
        installation_date=sidecar.get("installation_date"),
        nis_code=nis_code,
    )


def _check_cpas_name(name: str, document: Path, source: str) -> str:
    """The name, if it can name a CPAS: short, with a letter or digit (IRIs are made of it);
    else InputError saying where it comes from (``source``: the option, the sidecar…)."""
    if len(name) > MAX_CPAS_NAME:
        raise InputError(
            document,
            f"{source} gives a CPAS name of {len(name):,} characters (limit {MAX_CPAS_NAME}): "
            f"{name[:40]!r}…",
        )
    if not fold_for_matching(bare_cpas_name(name)):
        raise InputError(
            document, f"{source} gives the CPAS as {name[:40]!r}, which has no letter or digit"
        )
    return name


def _choose(
    what: str,
    stated: Stated[str] | None,
    given: str | None,
    sidecar: str | None,
    document: Path,
    *,
    option: str,
    same: Callable[[str, str], bool] = lambda a, b: (
        slug(bare_cpas_name(a)) == slug(bare_cpas_name(b))
    ),
) -> tuple[str, str]:
    """The document's own statement, else the option, else the sidecar; no contradictions."""
    if stated is not None:
        for other, source in ((given, option), (sidecar, sidecar_path(document).name)):
            if other and not same(stated.value, other):
                raise InputError(
                    document,
                    f"the document states {what} {stated.value!r} but {source} says {other!r}",
                    line=stated.span.first_line,
                )
        return stated.value, f"{document.name}, line {stated.span.first_line}"
    if given:
        return given, option
    if sidecar:
        return sidecar, sidecar_path(document).name
    raise MissingIdentityError(
        document,
        f"the document does not state its {what}: give {option} or write it in "
        f"{sidecar_path(document).name} beside the document",
    )
