"""A generator of evaluation documents in several layouts, and what a reader of each would find.

``generate_evaluation(items, seed)`` draws some of a plan's actions (code and title as the plan
writes them), gives each a state in one of the words evaluations use (« démarré », « terminé »,
« EN_ATTENTE »…) and a progress, and writes the evaluation in one of :data:`LAYOUTS`: tables with
or without a header row or border pipes, blocks « Action 1.2.1 – titre » or « Projet : titre »,
with a title marker of the kind drawn. Lines without a code are about the action by title only.
Expected: per line, the action it is about, its state concept and its progress.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

STATE_WORDS = {
    "en cours": "etat-en-cours",
    "En cours de réalisation": "etat-en-cours",
    "démarré": "etat-en-cours",
    "Terminé": "etat-termine",
    "réalisé": "etat-termine",
    "nouveau": "etat-non-commence",
    "Non commencé": "etat-non-commence",
    "suspendu": "etat-en-attente",
    "EN_ATTENTE": "etat-en-attente",
    "annulé": "etat-abandonne",
    "Abandonné": "etat-abandonne",
}
TITLES = {
    "mi-parcours": ["Évaluation à mi-parcours du PST", "Bilan intermédiaire du PST"],
    "finale": ["Évaluation finale du Programme stratégique transversal", "Bilan final du PST"],
}
LAYOUTS = ("table-header", "table-plain", "table-markdown", "blocks-code", "blocks-title")


@dataclass(frozen=True)
class ExpectedLine:
    code: str | None
    title: str
    item_code: str
    state: str
    progress: Decimal


@dataclass
class GeneratedEvaluation:
    layout: str
    kind: str
    text: str
    lines: list[ExpectedLine]


def generate_evaluation(
    cpas: str, items: list[tuple[str, str]], seed: int, layout: str | None = None
) -> GeneratedEvaluation:
    """An evaluation of the actions ``items`` ((code, title) pairs) of CPAS ``cpas``'s
    2019-2024 plan."""
    rng = random.Random(seed)
    layout = layout or rng.choice(LAYOUTS)
    kind = rng.choice(sorted(TITLES))
    chosen = rng.sample(items, k=min(len(items), rng.randint(4, 9)))
    lines = []
    for code, title in chosen:
        word = rng.choice(sorted(STATE_WORDS))
        progress = Decimal(rng.choice([0, 10, 25, 40, 60, 75, 100]))
        by_title = layout != "blocks-code" and rng.random() < 0.3
        lines.append(ExpectedLine(None if by_title else code, title, code, word, progress))
    header = [
        f"CPAS de {cpas}",
        f"{rng.choice(TITLES[kind])} {rng.choice(['2019-2024', '2019 - 2024'])}",
        rng.choice(["Situation au 30 juin 2022", "État au 30/06/2022", "Date : 2022-06-30"]),
        "",
    ]
    body = _render(layout, lines, rng)
    return GeneratedEvaluation(layout, kind, "\n".join(header + body) + "\n", lines)


def _percent(progress: Decimal, rng: random.Random) -> str:
    return rng.choice([f"{progress} %", f"{progress}%", f"{progress}"])


def _render(layout: str, lines: list[ExpectedLine], rng: random.Random) -> list[str]:
    out: list[str] = []
    if layout.startswith("table"):
        if layout == "table-header":
            out.append("N° | Intitulé | Statut | Taux d'avancement | Indicateur | Remarques")
        elif layout == "table-markdown" and rng.random() < 0.5:
            out.append("| Code | Action | État | Avancement | Indicateur atteint | Commentaire |")
            out.append("|---|---|:---:|---:|---|---|")
        for line in lines:
            cells = [line.code or "", line.title, line.state, _percent(line.progress, rng), "", ""]
            row = " | ".join(cells)
            out.append(f"| {row} |" if layout == "table-markdown" else row)
        return out
    for line in lines:
        if layout == "blocks-code" or line.code:
            out.append(f"Action {line.code} {rng.choice(['–', '-', ':'])} {line.title}")
        else:
            out.append(f"Projet : {line.title}")
        out.append(f"{rng.choice(['État', 'Etat', 'Statut'])} : {line.state}")
        out.append(f"Avancement : {_percent(line.progress, rng)}")
        if rng.random() < 0.5:
            out.append("Commentaire : suivi assuré par le service social,")
            out.append("en lien avec la commune.")
        out.append("")
    return out
