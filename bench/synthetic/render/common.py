"""What every layout's renderer does: wrap lines as a PDF extraction did, add blank lines and
trailing spaces at the corpus plan's rates, and borrow running text from the corpus plan.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from bench.synthetic.profile import CPAS_MARK, LayoutProfile
from pstkg.builder import cpas_label
from pstkg.loaders.reader.wrapping import ends_mid_sentence

LineCheck = Callable[[str, str], bool]
"""``ok(line, previous)``: may ``line`` continue the text ``previous`` (wrapped so far)?"""


def _greedy_end(words: Sequence[str], start: int, width: int) -> int:
    end, length = start + 1, len(words[start])
    while end < len(words) and length + 1 + len(words[end]) <= width:
        length += 1 + len(words[end])
        end += 1
    return end


def wrap(text: str, width: int, ok: LineCheck | None = None) -> list[str]:
    """Cut ``text`` into lines of at most ``width`` characters at spaces, as a PDF wraps.

    ``ok`` guards each continuation line: a break whose next line a reader would take for
    something else (a heading, a new item) moves a word or two; if no break works, the rest
    stays on one line.
    """
    words = text.split()
    if not words:
        return []
    lines: list[str] = []
    start = 0
    while start < len(words):
        end = _greedy_end(words, start, width)
        if end < len(words) and ok is not None:
            for candidate in (end, end - 1, end - 2, end + 1, end + 2, end - 3, end + 3):
                if not start < candidate < len(words):
                    continue
                following = " ".join(words[candidate : _greedy_end(words, candidate, width)])
                previous = " ".join([*lines, " ".join(words[start:candidate])])
                if ok(following, previous):
                    end = candidate
                    break
            else:
                end = len(words)
        lines.append(" ".join(words[start:end]))
        start = end
    if ok is not None and not _all_ok(lines, ok):
        return [" ".join(words)]  # a later break changed a checked line: do not wrap at all
    return lines


def _all_ok(lines: Sequence[str], ok: LineCheck) -> bool:
    return all(ok(line, " ".join(lines[:index])) for index, line in enumerate(lines) if index)


def ends_as_title(text: str) -> bool:
    """True when a title ends where titles end: not on "de" or a comma (the reader would glue
    the next line to it), nor on list punctuation (the reader would drop it)."""
    return not ends_mid_sentence(text) and not text.rstrip().endswith((".", ";", ":"))


def named(text: str, cpas: str) -> str:
    """A corpus text with the plan's CPAS where the corpus plan named its own."""
    return text.replace(f"CPAS {CPAS_MARK}", cpas_label(cpas)).replace(CPAS_MARK, cpas)


def borrowed_text(
    rng: random.Random,
    pool: Sequence[str],
    usable: Callable[[str], bool],
    cpas: str,
    scale: tuple[float, float] = (0.8, 1.2),
) -> list[str]:
    """Running text for the parts a reader skips: passages of the corpus plan's own text.

    Contiguous runs of its lines, in a seeded order, about as many lines as it has; lines a
    layout rule would take for structure are left out.
    """
    texts = [named(line, cpas) for line in pool]
    kept = [usable(text) for text in texts]
    if not any(kept):
        return []
    target = int(len(pool) * rng.uniform(*scale))
    lines: list[str] = []
    while len(lines) < target:
        start = rng.randrange(len(pool))
        end = start + rng.randint(5, 30)
        window = zip(texts[start:end], kept[start:end], strict=True)
        lines.extend(text for text, keep in window if keep)
    return lines[:target]


def finish(lines: Sequence[str], layout: LayoutProfile, rng: random.Random) -> str:
    """The document's text: blank lines, trailing spaces and curly apostrophes at the corpus
    plan's rates."""
    blank = min(layout.blank_rate, 0.9)
    per_line = blank / (1 - blank)  # blank lines to add after each line, on average
    out: list[str] = []
    for line in lines:
        if "'" in line and layout.curly_share:
            # PDF extractions give the typographic apostrophe, some of the time.
            parts = line.split("'")
            line = parts[0] + "".join(
                ("\u2019" if rng.random() < layout.curly_share else "'") + part
                for part in parts[1:]
            )
        trailing = " " if line and rng.random() < layout.trailing_space_rate else ""
        out.append(line + trailing)
        if line:
            extra = int(per_line) + (rng.random() < per_line - int(per_line))
            out.extend([""] * extra)
    return "\n".join(out).rstrip("\n") + "\n"
