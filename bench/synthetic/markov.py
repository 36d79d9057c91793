"""Seeded word-level Markov chains: new titles and sentences from the corpus's own words.

A chain of order 2 trained on a few hundred real titles mostly recombines real fragments
("Renforcer la collaboration avec" + "les opérateurs de logements"), so the theme classifier
and the similarity linking see the vocabulary and phrasing of real plans.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

_START = "\x02"
_END = "\x03"


class Chain:
    """A word-level Markov chain over some texts (duplicates weigh as often as they occur)."""

    def __init__(self, texts: Sequence[str], order: int = 2) -> None:
        self.order = order
        # Lists, filled in corpus order: sampling from them is deterministic under a seed,
        # where iterating a set of strings would depend on the process's hash seed.
        self.transitions: dict[tuple[str, ...], list[str]] = {}
        self.texts = [text for text in texts if text.split()]
        for text in self.texts:
            words = [_START] * order + text.split() + [_END]
            for index in range(order, len(words)):
                state = tuple(words[index - order : index])
                self.transitions.setdefault(state, []).append(words[index])

    def __bool__(self) -> bool:
        return bool(self.texts)

    def generate(self, rng: random.Random, max_words: int = 120) -> str | None:
        """One text walked from the start state to an end, or None if it ran past max_words."""
        state = (_START,) * self.order
        words: list[str] = []
        transitions = self.transitions
        draw = rng.random
        while len(words) <= max_words:
            # Indexing by random() is random.choice without its per-call overhead.
            choices = transitions[state]
            word = choices[int(draw() * len(choices))]
            if word == _END:
                return " ".join(words)
            words.append(word)
            state = (*state[1:], word)
        return None


def draw_text(
    chain: Chain,
    rng: random.Random,
    target_words: int,
    accept: Callable[[str], bool] = lambda _: True,
    tries: int = 12,
) -> str | None:
    """A text of about ``target_words`` words that ``accept`` takes, or None.

    Draws a few walks and keeps the accepted one closest to the target length; when no walk
    is accepted, falls back on the corpus texts themselves (in a seeded order).
    """
    best: str | None = None
    best_gap = 0
    for _ in range(tries):
        text = chain.generate(rng, max_words=max(2 * target_words, 12))
        if text is None or not accept(text):
            continue
        gap = abs(len(text.split()) - target_words)
        if best is None or gap < best_gap:
            best, best_gap = text, gap
        if gap <= max(1, target_words // 5):
            break
    if best is not None:
        return best
    for index in rng.sample(range(len(chain.texts)), len(chain.texts)):
        if accept(chain.texts[index]):
            return chain.texts[index]
    return None
