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


class TextBank:
    """Distinct walks of a chain, drawn once (seeded by a name) and kept by word count.

    Walking a chain for every text a region needs is most of the generator's time; drawing
    from a bank of walks made once is the same distribution, and fast.
    """

    def __init__(self, chain: Chain, name: str, walks_per_text: int = 30, most: int = 3000):
        rng = random.Random(f"bank:{name}:{chain.order}")
        found: dict[str, None] = dict.fromkeys(chain.texts)  # insertion-ordered, no hashing
        for _ in range(min(most, walks_per_text * len(chain.texts))):
            text = chain.generate(rng)
            if text is not None:
                found.setdefault(text)
        self.texts = list(found)
        self.by_length: dict[int, list[str]] = {}
        for text in self.texts:
            self.by_length.setdefault(len(text.split()), []).append(text)

    def draw(
        self, rng: random.Random, target_words: int, accept: Callable[[str], bool]
    ) -> str | None:
        """A text ``accept`` takes, of ``target_words`` words or as near as the bank has."""
        for length in sorted(self.by_length, key=lambda n: (abs(n - target_words), n)):
            texts = self.by_length[length]
            start = int(rng.random() * len(texts))
            for offset in range(len(texts)):
                text = texts[(start + offset) % len(texts)]
                if accept(text):
                    return text
        return None
