"""The marker/numbering styles of published Walloon plans, each a function rendering a plan.

A style function takes a :class:`Ctx` (the seed's random generator, the plan's content, the
text options) and appends :class:`~.textlayout.Block` objects to ``ctx.blocks``; it returns
the expected tree: each item's code as the style writes it and its title as a reader finds it.
The front matter and the epilogue shared by most styles are here too.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from . import banks
from .content import FicheContent, PlanContent
from .expected import ExpAction, ExpOO, ExpOS
from .textlayout import Block, TextOptions, lowercase_start, wrap


@dataclass
class Ctx:
    rng: random.Random
    plan: PlanContent
    opt: TextOptions
    blocks: list[Block] = field(default_factory=list)
    tables: dict[str, list[str]] = field(default_factory=dict)
    not_items: list[str] = field(default_factory=list)
    volets: bool = False
    """Write volet headings (VOLET INTERNE / EXTERNE) before the OS of each volet."""
    label_colon: str = " : "

    def t(self, text: str) -> str:
        return self.opt.typo(text)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def fixed(self, text: str, **kw) -> None:
        """A line that no extraction wraps (a heading, a marker alone, furniture)."""
        self.blocks.append(Block(self.t(text), wrap=False, **kw))

    def para(self, text: str, **kw) -> None:
        """Prose, wrapped anywhere."""
        kw.setdefault("blank_inside", True)
        self.blocks.append(Block(self.t(text), **kw))

    def item(self, marker: str, title: str, suffix: str = "", **kw) -> None:
        """A marker and a title: wrapped, but never right after the marker."""
        text = self.t(marker + title + suffix)
        keep = len(self.t(marker)) + len(self.t(title).split(" ")[0])
        kw.setdefault("blank_inside", True)
        self.blocks.append(Block(text, keep=keep, **kw))

    def label(self, name: str) -> str:
        return name + self.label_colon


# ---- front matter and epilogue ----------------------------------------------------------


def cpas_in_capitals(name: str) -> str:
    upper = name.upper()
    return f"CPAS D'{upper}" if upper[0] in "AEIOUYÉÈÊÂÎÔ" else f"CPAS DE {upper}"


def cover(ctx: Ctx) -> None:
    plan = ctx.plan
    if plan.cover_states_cpas:
        ctx.fixed(cpas_in_capitals(plan.town.name))
        ctx.not_items.append(cpas_in_capitals(plan.town.name))
    title = ctx.rng.choice(
        (
            "PROGRAMME STRATÉGIQUE TRANSVERSAL 2019 – 2024",
            "PROGRAMME STRATÉGIQUE TRANSVERSAL (PST) 2019-2024",
            "Programme stratégique transversal 2019 – 2024",
        )
    )
    ctx.fixed(title, min_before=1 if plan.cover_states_cpas else 0)
    if ctx.rng.random() < 0.5:
        ctx.fixed(f"Approuvé par le Conseil de l'action sociale le {plan.council_date}")
    ctx.not_items.append("PROGRAMME STRATÉGIQUE")


def legislature_sentence(ctx: Ctx) -> str:
    plan = ctx.plan
    sentences = [
        f"Le présent programme couvre la législature 2019-2024 ; il a été adopté par le "
        f"Conseil de l'action sociale en séance du {plan.council_date}.",
        "Il fixe le cap de notre CPAS pour toute la législature 2019-2024 et au-delà.",
    ]
    sentence = ctx.rng.choice(sentences)
    if ctx.rng.random() < 0.5:
        sentence += (
            f" Le Conseil de l'action sociale {plan.town.adjective} n'a pas attendu le décret "
            "pour initier les premiers projets."
        )
    return sentence


def front_matter(ctx: Ctx, *, heading: str | None = None, with_cover: bool = True) -> None:
    """Cover, what a PST is, why, values, and template leftovers: nothing here is an item."""
    plan, rng = ctx.plan, ctx.rng
    if with_cover:
        cover(ctx)
    heading = heading or rng.choice(
        ("Introduction", "Définition d'un P.S.T.", "Le PST en quelques mots", "Préambule")
    )
    ctx.fixed(heading, min_before=2, min_after=1)
    ctx.not_items.append(heading)
    paragraphs = list(plan.intro)
    paragraphs.insert(1, legislature_sentence(ctx))
    for paragraph in paragraphs:
        ctx.para(paragraph, min_before=1)
    if plan.why:
        ctx.fixed("Un PST, pour quoi faire ?", min_before=1)
        for n, why in enumerate(plan.why, 1):
            end = "." if n == len(plan.why) else " ;"
            ctx.item("- ", why, end)
            ctx.not_items.append(why)
    if plan.values:
        if rng.random() < 0.5:
            ctx.fixed(rng.choice(("Nos valeurs", "Les valeurs de l'institution")), min_before=1)
            for value in plan.values:
                ctx.fixed(f"• {value}")
        else:
            listed = ", ".join(v.lower() for v in plan.values[:-1])
            ctx.para(
                f"Nos valeurs sont les suivantes : {listed} et {plan.values[-1].lower()}.",
                min_before=1,
            )
    if ctx.opt.page_style == "template":
        ctx.fixed(f"Date d'approbation par la tutelle : {banks.TEMPLATE_LEFTOVER}", min_before=1)
        ctx.fixed(f"Personne de contact : {banks.TEMPLATE_LEFTOVER}")
    ctx.not_items.extend(("Cliquez ici", "Un PST, pour quoi faire", "Nos valeurs"))


def epilogue(ctx: Ctx, heading: str = "Suivi et évaluation du PST") -> None:
    ctx.fixed(heading, min_before=2, min_after=1, page_break_before=True)
    for paragraph in ctx.plan.epilogue:
        ctx.para(paragraph, min_before=1)
    ctx.not_items.extend((heading, "Le PST sera évalué", "Un rapport d'évaluation"))


def volet_heading(ctx: Ctx, volet: str) -> None:
    text = ctx.rng.choice((f"VOLET {volet.upper()}", f"Volet {volet}"))
    ctx.fixed(text, min_before=2, min_after=1)
    ctx.not_items.append(text)


# ---- fiches ----------------------------------------------------------------------------


def content_value(fiche: FicheContent, name: str):
    return {
        "description": fiche.description,
        "indicators": fiche.indicators,
        "deadline": fiche.deadline,
        "services": [fiche.service],
        "responsible": fiche.pilot,
        "partners": fiche.partners,
        "financial_means": fiche.budget,
        "status": fiche.status,
        "priority": fiche.priority,
        "sdgs": fiche.sdgs,
    }[name]


def render_fields(
    ctx: Ctx,
    fiche: FicheContent,
    labels: list[tuple[str, str]],
    *,
    present: float = 0.78,
) -> dict:
    """Write "Label : value" lines; return what each field says (None or [] where nothing)."""
    rng = ctx.rng
    expected: dict = {}
    for name, label in labels:
        value = content_value(fiche, name)
        state = rng.choices(("full", "omitted", "empty"), weights=(present, 0.12, 0.1))[0]
        head = ctx.label(label)
        if state == "full":
            expected[name] = value
            if name == "indicators" and len(value) > 1 and ctx.plan.extra.get("bullets"):
                ctx.fixed(head.rstrip())
                for indicator in value:
                    ctx.item("- ", indicator)
            elif name in ("indicators", "partners", "services"):
                joiner = " ; " if name == "indicators" else ", "
                ctx.item(head, joiner.join(value))
            elif name == "sdgs":
                if rng.random() < 0.5:
                    ctx.item(head, ", ".join(str(n) for n in value))
                else:
                    ctx.item(head, " ; ".join(f"{n} - {banks.SDG_NAMES[n]}" for n in value))
            else:
                ctx.item(head, value)
        else:
            expected[name] = [] if isinstance(value, list) else None
            if state == "empty":
                if ctx.opt.page_style == "template":
                    ctx.fixed(head + banks.TEMPLATE_LEFTOVER)
                elif name == "partners" and rng.random() < 0.5:
                    ctx.fixed(head + "Néant")
                else:
                    ctx.fixed(head.rstrip())
    return expected


# ---- styles -------------------------------------------------------------------------------

TocSink = list[tuple[int, str]] | None


def body_dots(ctx: Ctx, *, global_oo: bool, toc: TocSink = None) -> list[ExpOS]:
    """O.S.1. / O.O.1. / "Action 1 – title" and its fiche (Description, Indicateur(s)...)."""
    rng = ctx.rng
    space = rng.choice(("", "", " "))  # "O.S.1." or "O.S. 1."
    after = rng.choice((" ", " ", " – "))
    action_sep = rng.choice((" – ", " - ", " : "))
    labels = [
        ("description", "Description"),
        ("indicators", rng.choice(("Indicateur(s)", "Indicateurs"))),
        ("deadline", "Échéance"),
        ("services", "Service porteur"),
        ("responsible", "Pilote"),
        ("partners", "Partenaires"),
        ("financial_means", "Budget"),
    ]
    tree: list[ExpOS] = []
    oo_number = 0
    volet = None
    for i, os_ in enumerate(ctx.plan.oss, 1):
        if ctx.volets and os_.volet != volet:
            volet = os_.volet
            volet_heading(ctx, volet)
        marker = f"O.S.{space}{i}.{after}"
        ctx.item(marker, os_.title, min_before=1)
        if toc is not None:
            toc.append((1, marker + os_.title))
        exp_os = ExpOS(str(i), os_.title, volet=volet if ctx.volets else None)
        for j, oo in enumerate(os_.oos, 1):
            oo_number += 1
            number = oo_number if global_oo else j
            dot = "." if not global_oo or rng.random() < 0.5 else ""
            marker = f"O.O.{space}{number}{dot}{after}"
            ctx.item(marker, oo.title, min_before=1)
            if toc is not None:
                toc.append((2, marker + oo.title))
            exp_oo = ExpOO(str(number), oo.title)
            for k, action in enumerate(oo.actions, 1):
                ctx.item(f"Action {k}{action_sep}", action.title, min_before=1)
                fiche = render_fields(ctx, action.fiche, labels)
                exp_oo.actions.append(ExpAction(str(k), action.title, fiche))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    return tree


def style_os_oo_dots(ctx: Ctx, *, global_oo: bool = False) -> list[ExpOS]:
    """O.S.1. / O.O.1. numbered per OS / "Action 1 – title" per OO, each with a small fiche."""
    ctx.volets = ctx.rng.random() < 0.5
    ctx.plan.extra["bullets"] = ctx.rng.random() < 0.5
    front_matter(ctx)
    tree = body_dots(ctx, global_oo=global_oo)
    epilogue(ctx)
    return tree


def style_os_oo_dots_global(ctx: Ctx) -> list[ExpOS]:
    """As os-oo-dots-action-dash, but the OO numbered across the plan (O.O.1 … O.O.n)."""
    return style_os_oo_dots(ctx, global_oo=True)


def style_os_numero_table_header(ctx: Ctx) -> list[ExpOS]:
    """An evaluation report: "Objectif stratégique N° 1 title", OO "1.1", a table header,
    actions "1.1.1." each followed by numbered indicators and numbered states (not actions)."""
    rng = ctx.rng
    front_matter(ctx)
    numero = rng.choice(("N° ", "N°", "n° "))
    header = rng.choice(
        ("Actions Indicateurs Etat d'avancement", "Actions Indicateurs État d'avancement")
    )
    ctx.not_items.append(header)
    tree: list[ExpOS] = []
    for i, os_ in enumerate(ctx.plan.oss, 1):
        ctx.item(f"Objectif stratégique {numero}{i} ", os_.title, min_before=2)
        ctx.fixed("Objectifs opérationnels", min_before=1)
        exp_os = ExpOS(str(i), os_.title)
        for j, oo in enumerate(os_.oos, 1):
            ctx.item(f"{i}.{j} ", oo.title, min_before=1)
            ctx.fixed(header)
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            for k, action in enumerate(oo.actions, 1):
                ctx.item(f"{i}.{j}.{k}. ", action.title, min_before=1)
                indicators = action.fiche.indicators
                for n, indicator in enumerate(indicators, 1):
                    ctx.fixed(f"{n}. {indicator}", max_before=1)
                    ctx.not_items.append(indicator)
                states = [
                    rng.choice(("En cours", "Réalisé", "À l'étude", "Non réalisé"))
                    for _ in indicators
                ]
                for n, state in enumerate(states, 1):
                    ctx.fixed(f"{n}. {state}", max_before=1)
                exp_oo.actions.append(
                    ExpAction(f"{i}.{j}.{k}", action.title, {"indicators": list(indicators)})
                )
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    ctx.not_items.extend(("En cours", "Réalisé", "Objectifs opérationnels"))
    epilogue(ctx)
    return tree


THEME_BULLETS = ("•", "-", "–", "▪")


def style_themes(ctx: Ctx) -> list[ExpOS]:
    """Theme headings; OS "1." numbered again under each theme; OO "1.1"; mixed bullets."""
    rng = ctx.rng
    front_matter(ctx)
    oo_dot = rng.choice(("", "."))
    tree: list[ExpOS] = []
    theme = None
    number = 0
    for os_ in ctx.plan.oss:
        if os_.theme != theme:
            theme = os_.theme
            number = 0
            ctx.fixed(theme, min_before=2, min_after=1)
            ctx.not_items.append(theme)
        number += 1
        ctx.item(f"{number}. ", os_.title, min_before=1, blank_inside=False)
        exp_os = ExpOS(str(number), os_.title)
        for j, oo in enumerate(os_.oos, 1):
            ctx.item(f"{number}.{j}{oo_dot} ", oo.title, blank_inside=False)
            exp_oo = ExpOO(f"{number}.{j}", oo.title)
            for action in oo.actions:
                ctx.item(f"{rng.choice(THEME_BULLETS)} ", action.title, blank_inside=False)
                exp_oo.actions.append(ExpAction(None, action.title))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def numbered_body(
    ctx: Ctx,
    os_marker: Callable[[int], str],
    oo_marker: Callable[[int, int], str],
    action_marker: Callable[[int, int, int], str],
    *,
    closing: str = "",
    action_codes: bool = True,
    toc: TocSink = None,
) -> list[ExpOS]:
    """The tree with a marker per level (OS i, OO i.j, action i.j.k), under volet headings
    when ``ctx.volets``; each OS and OO heading also goes to the table of contents."""
    tree: list[ExpOS] = []
    volet = None
    for i, os_ in enumerate(ctx.plan.oss, 1):
        if ctx.volets and os_.volet != volet:
            volet = os_.volet
            volet_heading(ctx, volet)
        ctx.item(os_marker(i), os_.title, closing, min_before=2)
        if toc is not None:
            toc.append((1, f"{os_marker(i)}{os_.title}{closing}"))
        exp_os = ExpOS(str(i), os_.title, volet=volet if ctx.volets else None)
        for j, oo in enumerate(os_.oos, 1):
            ctx.item(oo_marker(i, j), oo.title, closing, min_before=1)
            if toc is not None:
                toc.append((2, f"{oo_marker(i, j)}{oo.title}{closing}"))
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            for k, action in enumerate(oo.actions, 1):
                ctx.item(action_marker(i, j, k), action.title)
                code = f"{i}.{j}.{k}" if action_codes else None
                exp_oo.actions.append(ExpAction(code, action.title))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    return tree


def body_guillemets(ctx: Ctx, toc: TocSink = None) -> list[ExpOS]:
    """Objectif stratégique N°1 – « title » / Objectif opérationnel 1.1 – « title » /
    Action 1.1.1 : title."""
    numero = ctx.rng.choice(("N°", "N° "))
    dash = ctx.rng.choice((" – ", " - "))
    return numbered_body(
        ctx,
        lambda i: f"Objectif stratégique {numero}{i}{dash}« ",
        lambda i, j: f"Objectif opérationnel {i}.{j}{dash}« ",
        lambda i, j, k: f"Action {i}.{j}.{k} : ",
        closing=" »",
        toc=toc,
    )


def style_guillemets(ctx: Ctx) -> list[ExpOS]:
    """Objectif stratégique N°1 – « title » / Objectif opérationnel 1.1 – « title » / Action
    1.1.1 : title."""
    front_matter(ctx)
    tree = body_guillemets(ctx)
    epilogue(ctx)
    return tree


def body_letter_codes(ctx: Ctx, toc: TocSink = None) -> list[ExpOS]:
    """OS 1 – title / OO 1.1 – title / A.1.1.1. title."""
    dash = ctx.rng.choice((" – ", " - ", " : "))
    return numbered_body(
        ctx,
        lambda i: f"OS {i}{dash}",
        lambda i, j: f"OO {i}.{j}{dash}",
        lambda i, j, k: f"A.{i}.{j}.{k}. ",
        toc=toc,
    )


def style_letter_codes(ctx: Ctx) -> list[ExpOS]:
    """OS 1 – title / OO 1.1 – title / A.1.1.1. title (volet headings in some seeds)."""
    ctx.volets = ctx.rng.random() < 0.5
    front_matter(ctx)
    tree = body_letter_codes(ctx)
    epilogue(ctx)
    return tree


def style_compact_os(ctx: Ctx) -> list[ExpOS]:
    """OS1 title / OO1.1 title / - action."""
    front_matter(ctx)
    tree = numbered_body(
        ctx,
        lambda i: f"OS{i} ",
        lambda i, j: f"OO{i}.{j} ",
        lambda i, j, k: "- ",
        action_codes=False,
    )
    epilogue(ctx)
    return tree


def style_ia_pst_report(ctx: Ctx) -> list[ExpOS]:
    """The Word report of iA.PST: unnumbered labelled blocks, each action with its fields."""
    rng = ctx.rng
    front_matter(ctx)
    ctx.fixed(
        rng.choice(("Rapport du programme stratégique transversal", "Détail du PST")),
        min_before=2,
    )
    ctx.fixed(f"Édité le 1{rng.randint(0, 9)}/0{rng.randint(1, 9)}/2021 à partir de iA.PST")
    ctx.not_items.extend(("Rapport du programme", "Détail du PST", "Édité le"))
    labels = [
        ("responsible", "Responsable"),
        ("deadline", "Échéance"),
        ("status", "État"),
        ("priority", "Priorité"),
        ("sdgs", "ODD"),
    ]
    if rng.random() < 0.5:
        labels.insert(0, ("description", "Description"))
    tree: list[ExpOS] = []
    for os_ in ctx.plan.oss:
        ctx.item(ctx.label("Objectif stratégique"), os_.title, min_before=2)
        exp_os = ExpOS(None, os_.title)
        for oo in os_.oos:
            ctx.item(ctx.label("Objectif opérationnel"), oo.title, min_before=1)
            exp_oo = ExpOO(None, oo.title)
            for action in oo.actions:
                ctx.item(ctx.label("Action"), action.title, min_before=1)
                fiche = render_fields(ctx, action.fiche, labels, present=0.85)
                exp_oo.actions.append(ExpAction(None, action.title, fiche))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def style_layout_table(ctx: Ctx) -> list[ExpOS]:
    """pdftotext -layout of a table OS | OO | Action | Responsable | Échéance | Budget."""
    rng = ctx.rng
    front_matter(ctx)
    widths = [
        rng.randint(24, 30),
        rng.randint(26, 32),
        rng.randint(34, 42),
        rng.randint(20, 24),
        rng.randint(14, 15),
        rng.randint(18, 20),
    ]
    gap = " " * rng.randint(2, 4)
    codes = rng.choice(("keyword", "number", "none"))

    def row(cells: list[str], keeps: tuple[int, ...] = (0,) * 6) -> list[str]:
        columns = [
            wrap(ctx.t(cell), width, keep=keep) if cell else []
            for cell, width, keep in zip(cells, widths, keeps, strict=True)
        ]
        height = max(len(c) for c in columns)
        lines = []
        for n in range(height):
            parts = [
                (column[n] if n < len(column) else "").ljust(width)
                for column, width in zip(columns, widths, strict=True)
            ]
            lines.append(gap.join(parts).rstrip())
        return lines

    headers = [
        "Objectif stratégique",
        "Objectif opérationnel",
        "Action",
        "Responsable",
        "Échéance",
        "Budget",
    ]
    header_lines = row(headers)
    ctx.tables["pst"] = header_lines
    ctx.not_items.extend(("Objectif stratégique Objectif", "Responsable Échéance"))
    ctx.add(Block("", wrap=False, lines=header_lines, together=True, keep_next=True, min_before=2))
    tree: list[ExpOS] = []
    for i, os_ in enumerate(ctx.plan.oss, 1):
        os_code = {"keyword": f"OS {i} : ", "number": f"{i}. ", "none": ""}[codes]
        exp_os = ExpOS(str(i) if codes != "none" else None, os_.title)
        for j, oo in enumerate(os_.oos, 1):
            oo_code = {"keyword": f"OO {i}.{j} : ", "number": f"{i}.{j} ", "none": ""}[codes]
            exp_oo = ExpOO(f"{i}.{j}" if codes != "none" else None, oo.title)
            actions = oo.actions or [None]
            for k, action in enumerate(actions):
                cells = [
                    os_code + os_.title if j == 1 and k == 0 else "",
                    oo_code + oo.title if k == 0 else "",
                    "",
                    "",
                    "",
                    "",
                ]
                if action is not None:
                    fiche = {}
                    cells[2] = action.title
                    for column, name in (
                        (3, "responsible"),
                        (4, "deadline"),
                        (5, "financial_means"),
                    ):
                        value = content_value(action.fiche, name)
                        if rng.random() < 0.85:
                            cells[column] = value
                            fiche[name] = value
                        else:
                            fiche[name] = None
                    exp_oo.actions.append(ExpAction(None, action.title, fiche))
                keeps = (
                    len(os_code) + len(os_.title.split(" ")[0]),
                    len(oo_code) + len(oo.title.split(" ")[0]),
                    0,
                    0,
                    0,
                    0,
                )
                ctx.add(
                    Block(
                        "",
                        wrap=False,
                        lines=row(cells, keeps),
                        together=True,
                        table="pst",
                        min_before=1,
                        max_before=1,
                    )
                )
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def body_keywords(ctx: Ctx, toc: TocSink = None) -> list[ExpOS]:
    """Objectif stratégique 1 : title / Objectif opérationnel 1.1 : title / Action 1.1.1 :."""
    return numbered_body(
        ctx,
        lambda i: f"Objectif stratégique {i} : ",
        lambda i, j: f"Objectif opérationnel {i}.{j} : ",
        lambda i, j, k: f"Action {i}.{j}.{k} : ",
        toc=toc,
    )


def style_toc_then_body(ctx: Ctx) -> list[ExpOS]:
    """A table of contents listing chapters and the OS/OO, numbered chapters around the body."""
    rng, plan = ctx.rng, ctx.plan
    body_kind = rng.choice(("dots", "guillemets", "letters", "keywords"))
    ctx.plan.extra["bullets"] = rng.random() < 0.5
    # The body first, into its own blocks, to know what the table of contents lists.
    entries: list[tuple[int, str]] = []
    saved, ctx.blocks = ctx.blocks, []
    if body_kind == "dots":
        tree = body_dots(ctx, global_oo=False, toc=entries)
    elif body_kind == "guillemets":
        tree = body_guillemets(ctx, toc=entries)
    elif body_kind == "letters":
        tree = body_letter_codes(ctx, toc=entries)
    else:
        tree = body_keywords(ctx, toc=entries)
    body, ctx.blocks = ctx.blocks, saved

    chapters: list[tuple[str, list[str]]] = [
        ("Introduction", []),
        ("Contexte", ["Gestion communale", "Diagnostic social"]),
    ]
    if plan.values:
        chapters.append(("Nos valeurs", []))
    body_title = rng.choice(
        ("Objectifs stratégiques et opérationnels", "Le programme", "Objectifs et actions")
    )
    chapters.append((body_title, []))
    body_number = len(chapters)  # its chapter number
    chapters.append(("Suivi et évaluation", []))

    cover(ctx)
    leader = rng.choice(("ellipsis", "dots", "page"))
    width = min(ctx.opt.width, 90)
    page = 3

    def toc_line(indent: str, label: str) -> None:
        nonlocal page
        label = ctx.t(label)
        number = str(page)
        tail = f" p.{number}" if leader == "page" else " " + number
        lines = wrap(label, width - 12)
        last = indent + lines[-1]
        fill = max(3, width - len(last) - len(tail) - 1)
        if leader == "ellipsis":
            glyph = ctx.t("…")  # "…", or "..." where the extraction spells it so
            dots = " " + glyph * max(1, fill // len(glyph))
        elif leader == "dots":
            dots = " " + "." * fill
        else:
            dots = ""
        physical = [indent + line for line in lines[:-1]] + [last + dots + tail]
        ctx.add(Block("", wrap=False, lines=physical, together=True))
        page += rng.randint(1, 3)

    ctx.fixed(
        rng.choice(("Table des matières", "TABLE DES MATIÈRES", "Sommaire")),
        min_before=2,
        min_after=1,
        page_break_before=True,
    )
    for n, (title, subs) in enumerate(chapters, 1):
        toc_line("", f"{n}. {title}")
        for m, sub in enumerate(subs, 1):
            toc_line("   ", f"{n}.{m}. {sub}")
        if n == body_number:
            for level, text in entries:
                toc_line("   " * level, text)
    ctx.not_items.extend(
        (
            "Table des matières",
            "Sommaire",
            "Gestion communale",
            "Diagnostic social",
            "Introduction",
            "Contexte",
        )
    )

    for n, (title, _subs) in enumerate(chapters, 1):
        heading = f"{n}. {title}"
        if title == "Suivi et évaluation":
            ctx.fixed(heading, min_before=2, min_after=1, page_break_before=True)
            for paragraph in plan.epilogue:
                ctx.para(paragraph, min_before=1)
            continue
        ctx.fixed(heading, min_before=2, min_after=1, page_break_before=True)
        if title == "Introduction":
            for paragraph in [plan.intro[0], legislature_sentence(ctx), *plan.intro[1:]]:
                ctx.para(paragraph, min_before=1)
        elif title == "Contexte":
            ctx.para(
                "Le CPAS travaille en étroite collaboration avec la Commune, avec laquelle il "
                "partage plusieurs services.",
                min_before=1,
            )
            ctx.fixed(f"{n}.1. Gestion communale", min_before=1)
            ctx.para(
                "La Commune compte une vingtaine d'agents ; le CPAS emploie une quarantaine "
                "de personnes, dont une quinzaine à la maison de repos.",
                min_before=1,
            )
            ctx.fixed(f"{n}.2. Diagnostic social", min_before=1)
            ctx.para(
                "Le nombre de bénéficiaires du revenu d'intégration a augmenté de vingt pour "
                "cent en cinq ans ; les familles monoparentales et les aînés isolés sont les "
                "publics les plus fragiles.",
                min_before=1,
            )
        elif title == "Nos valeurs":
            for value in plan.values:
                ctx.fixed(f"- {value}")
        else:
            ctx.blocks.extend(body)
    ctx.not_items.extend(
        (
            "Suivi et évaluation",
            "Objectifs stratégiques et opérationnels",
            "Le programme",
            "Objectifs et actions",
        )
    )
    return tree


def style_web_glued(ctx: Ctx) -> list[ExpOS]:
    """A web page copied: long paragraphs, headings glued on one line, several OS per line."""
    rng, plan = ctx.rng, ctx.plan
    if plan.cover_states_cpas:
        ctx.fixed(cpas_in_capitals(plan.town.name))
    ctx.fixed("Programme stratégique transversal 2019-2024", min_before=1)
    for paragraph in [plan.intro[0], legislature_sentence(ctx), *plan.intro[1:]]:
        ctx.fixed(paragraph, min_before=1)
    capital = rng.random() < 0.3
    os_word = "Objectif Stratégique" if capital else "Objectif stratégique"
    oo_word = "Objectif Opérationnel" if capital else "Objectif opérationnel"
    colon = rng.choice((" : ", ": "))
    tokens: list[tuple[str, str]] = []
    tree: list[ExpOS] = []
    for i, os_ in enumerate(plan.oss, 1):
        tokens.append(("os", f"{os_word} {i}{colon}{os_.title}"))
        exp_os = ExpOS(str(i), os_.title)
        for j, oo in enumerate(os_.oos, 1):
            tokens.append(("oo", f"{oo_word} {i}.{j}{colon}{oo.title}"))
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            for k, action in enumerate(oo.actions, 1):
                tokens.append(("action", f"Action {i}.{j}.{k}{colon}{action.title}"))
                exp_oo.actions.append(ExpAction(f"{i}.{j}.{k}", action.title))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    chance = {"os": 0.5, "oo": 0.3, "action": 0.12}
    current: list[str] = []
    for kind, text in tokens:
        if current and rng.random() < chance[kind]:
            ctx.fixed(" ".join(current), min_before=1 if kind == "os" else 0)
            current = []
        current.append(text)
    ctx.fixed(" ".join(current))
    ctx.fixed("Suivi et évaluation du PST", min_before=1)
    for paragraph in plan.epilogue:
        ctx.fixed(paragraph)
    ctx.not_items.extend(("Suivi et évaluation", "Le PST sera évalué"))
    return tree


def lower_first(title: str) -> str:
    return title[0].lower() + title[1:]


def style_dotted_codes(ctx: Ctx) -> list[ExpOS]:
    """Burdinne: VOLET INTERNE/EXTERNE, policy areas "1. …", O.S.1.1., O.O.1.1.1., "- " actions
    closed by " ;" (the last by "."), marks "Priorité élevée" / "Avancement en cours"."""
    rng, plan = ctx.rng, ctx.plan
    front_matter(ctx, heading="Définition d'un P.S.T.")
    areas: dict[str, int] = {}
    per_area: dict[str, int] = {}
    for os_ in plan.oss:
        per_area[os_.area] = per_area.get(os_.area, 0) + 1
    seen_in_area: dict[str, int] = {}
    tree: list[ExpOS] = []
    volet = None
    area = None
    for os_ in plan.oss:
        if os_.volet != volet:
            volet = os_.volet
            ctx.fixed(
                f"VOLET {volet.upper()}",
                min_before=2,
                min_after=1,
                page_break_before=rng.random() < 0.5,
            )
            ctx.not_items.append(f"VOLET {volet.upper()}")
            area = None
        if os_.area != area:
            area = os_.area
            number = areas.setdefault(area, len(areas) + 1)
            ctx.fixed(f"{number}. {area}", min_before=1, min_after=1)
            ctx.not_items.append(area)
        number = areas[area]
        seen_in_area[area] = seen_in_area.get(area, 0) + 1
        code = f"{number}.{seen_in_area[area]}" if per_area[area] > 1 else str(number)
        os_title = lower_first(os_.title)
        dot = rng.choice((".", ".", ""))
        gap = rng.choice((" ", " ", "  "))
        ctx.item(f"O.S.{code}{dot}{gap}", os_title, min_before=1, min_after=1)
        exp_os = ExpOS(code, os_title, volet=volet)
        for m, oo in enumerate(os_.oos, 1):
            oo_code = f"{code}.{m}"
            oo_title = lower_first(oo.title)
            dot = rng.choice((".", ".", ""))
            gap = rng.choice((" ", " ", "    "))
            ctx.item(f"O.O.{oo_code}{dot}{gap}", oo_title, min_before=1)
            exp_oo = ExpOO(oo_code, oo_title)
            for n, action in enumerate(oo.actions, 1):
                end = "." if n == len(oo.actions) else " ;"
                marks: list[str] = []
                fiche: dict = {"priority": None, "status": None}
                if rng.random() < 0.3:
                    fiche["priority"] = "élevée"
                    marks.append(rng.choice(("Priorité élevée", "priorité élevée")))
                    if rng.random() < 0.5:
                        status = rng.choice(("en cours", "à l'étude"))
                        fiche["status"] = status
                        marks.append(rng.choice(("Avancement ", "avancement ")) + status)
                if marks:
                    ctx.item("- ", action.title, max_before=1)
                    for position, mark in enumerate(marks):
                        last = position == len(marks) - 1
                        ctx.fixed(
                            mark + (end if last else ""), max_before=1, min_after=1 if last else 0
                        )
                else:
                    ctx.item("- ", action.title, end, max_before=1)
                exp_oo.actions.append(ExpAction(None, action.title, fiche))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def style_slide_deck(ctx: Ctx) -> list[ExpOS]:
    """The joint council deck: OS list, then slides "OS1" + title, "OO1" + title + unmarked
    action titles (wrapped lines continue in lower case), slide footers, "PST" headers."""
    rng, plan = ctx.rng, ctx.plan
    width = rng.randint(32, 50)
    council = rng.choice(("Conseil de l'Action Sociale", "Conseil conjoint Ville/CPAS"))
    footer = f"{council} - {plan.council_date}"
    ctx.not_items.append(council)
    slide = [1]
    lead = rng.choice(("", " "))
    form_feeds = rng.random() < 0.5
    pending = [""]

    def end_slide(always: bool = False) -> None:
        slide[0] += 1
        if always or rng.random() < 0.7:
            ctx.fixed(f"{footer} {slide[0]}", min_before=1)
        pending[0] = "\f" if form_feeds else ""
        if not form_feeds and rng.random() < 0.5:
            ctx.blocks.append(Block("", wrap=False, min_before=1, max_before=2))

    def start(text: str, **kw) -> None:
        """The first line of a slide (after a form feed where the extraction kept them)."""
        ctx.fixed(pending[0] + text, **kw)
        pending[0] = ""

    def title_lines(text: str, **kw) -> None:
        ctx.add(
            Block(
                ctx.t(text),
                width=width,
                starts=lowercase_start,
                blank_inside=True,
                keep=len(ctx.t(text).split(" ")[0]),
                **kw,
            )
        )

    if plan.cover_states_cpas:
        ctx.fixed(cpas_in_capitals(plan.town.name))
    ctx.fixed("Programme Stratégique", min_before=1)
    ctx.fixed("Transversal 2019 - 2024")
    end_slide()
    start("PST", min_before=1)
    for line in (
        "C'est quoi un PST ?",
        "Base : Le décret du 19 juillet 2018",
        "Contenu :",
        "objectifs stratégiques",
        "objectifs opérationnels",
        "projets et actions",
        "moyens humains et financiers",
        "Le PST est évolutif et évalué",
    ):
        ctx.fixed(line)
    ctx.not_items.extend(
        ("C'est quoi un PST", "Le décret du 19 juillet", "moyens humains", "Le PST est évolutif")
    )
    end_slide()
    if plan.values:
        start("PST")
        ctx.fixed("Nos valeurs")
        for value in plan.values:
            ctx.fixed(value, max_before=1)
        ctx.fixed("Les valeurs de l'institution", min_before=1)
        ctx.not_items.append("Les valeurs de l'institution")
        end_slide(always=True)
    start("PST")
    ctx.fixed("Les objectifs stratégiques :", min_before=1)
    for i, os_ in enumerate(plan.oss, 1):
        marker = rng.choice((f"OS{i} : ", f"OS{i}: "))
        ctx.add(
            Block(
                ctx.t(marker + os_.title),
                width=width + 10,
                starts=lowercase_start,
                keep=len(marker) + len(os_.title.split(" ")[0]),
                min_before=1,
            )
        )
    end_slide(always=True)

    tree: list[ExpOS] = []
    oo_number = 0
    for i, os_ in enumerate(plan.oss, 1):
        start(f"{lead}{rng.choice(('OS', 'OS', 'OS '))}{i}")
        title_lines(os_.title)
        end_slide()
        exp_os = ExpOS(str(i), os_.title)
        for oo in os_.oos:
            oo_number += 1
            start(f"{lead}{rng.choice(('OO', 'OO', 'OO '))}{oo_number}")
            title_lines(oo.title)
            exp_oo = ExpOO(str(oo_number), oo.title)
            for action in oo.actions:
                title_lines(action.title)
                exp_oo.actions.append(ExpAction(None, action.title))
            exp_os.oos.append(exp_oo)
            end_slide()
        tree.append(exp_os)
    start("PST", min_before=1)
    ctx.fixed("Suivi et évaluation")
    for paragraph in plan.epilogue:
        ctx.add(Block(ctx.t(paragraph), width=width + 20, blank_inside=True))
    end_slide(always=True)
    ctx.not_items.extend(("Suivi et évaluation", "Le PST sera évalué"))
    return tree


def style_three_lists(ctx: Ctx) -> list[ExpOS]:
    """Dinant: "1. Objectifs stratégiques :" (1. …), "2. Objectifs opérationnels :" (OS again,
    1.1. …), "3. Actions :" (OS and OO again, 1.1.1. … or bullets)."""
    rng, plan = ctx.rng, ctx.plan
    lead = rng.choice(("", " "))
    ctx.fixed(" PST Version finale")
    if plan.cover_states_cpas:
        ctx.fixed(f"Programme Stratégique Transversal du CPAS de {plan.town.name.upper()} (2019)")
        ctx.not_items.append(plan.town.name.upper())
    else:
        ctx.fixed("Programme Stratégique Transversal (2019)")
    front_matter(ctx, heading="Préface :", with_cover=False)
    etre = rng.random() < 0.5

    def os_title(title: str) -> str:
        return "Etre" + title[len("Être") :] if etre and title.startswith("Être") else title

    oo_dot = rng.choice((".", ""))
    action_dot = rng.choice((".", ""))
    part3 = rng.choice(("3. Actions :", "3. Projets et actions :"))
    ctx.not_items.extend(("Objectifs stratégiques :", "Objectifs opérationnels :", part3[3:]))
    ctx.fixed(f"{lead}1. Objectifs stratégiques :", min_before=2, min_after=1)
    for i, os_ in enumerate(plan.oss, 1):
        ctx.item(f"{i}. ", os_title(os_.title), min_before=1)
    ctx.fixed(
        f"{lead}2. Objectifs opérationnels :",
        min_before=2,
        min_after=1,
        page_break_before=rng.random() < 0.5,
    )
    for i, os_ in enumerate(plan.oss, 1):
        ctx.item(f"{i}. ", os_title(os_.title), min_before=1)
        for j, oo in enumerate(os_.oos, 1):
            ctx.item(f"{i}.{j}{oo_dot} ", oo.title)
    ctx.fixed(f"{lead}{part3}", min_before=2, min_after=1, page_break_before=True)
    bullet = rng.choice(("•", "-"))
    tree: list[ExpOS] = []
    for i, os_ in enumerate(plan.oss, 1):
        ctx.item(f"{i}. ", os_title(os_.title), min_before=1)
        exp_os = ExpOS(str(i), os_title(os_.title))
        for j, oo in enumerate(os_.oos, 1):
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            exp_os.oos.append(exp_oo)
            if not oo.actions and rng.random() < 0.5:
                continue  # only in part 2, as Dinant's OO 2.3
            ctx.item(f"{i}.{j}{oo_dot} ", oo.title, min_before=1)
            bullets = rng.random() < 0.2
            for k, action in enumerate(oo.actions, 1):
                if bullets:
                    ctx.item(f"{bullet} ", action.title)
                    exp_oo.actions.append(ExpAction(None, action.title))
                else:
                    ctx.item(f"{i}.{j}.{k}{action_dot} ", action.title)
                    exp_oo.actions.append(ExpAction(f"{i}.{j}.{k}", action.title))
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def style_markdown(ctx: Ctx) -> list[ExpOS]:
    """A Markdown copy-paste: "## Objectif stratégique 1 : …", "### Objectif opérationnel 1.1
    : …", "- action" (list items wrapped with a two-space indent)."""
    rng, plan = ctx.rng, ctx.plan
    if plan.cover_states_cpas:
        ctx.fixed(f"# {cpas_in_capitals(plan.town.name)}")
    ctx.fixed("# Programme stratégique transversal 2019-2024", min_before=1)
    ctx.fixed("## Introduction", min_before=1, min_after=1)
    for paragraph in [plan.intro[0], legislature_sentence(ctx), *plan.intro[1:]]:
        ctx.para(paragraph, min_before=1, min_after=1)
    if plan.values:
        ctx.fixed("## Nos valeurs", min_before=1, min_after=1)
        for value in plan.values:
            ctx.fixed(f"- {value}")
    ctx.not_items.extend(("Introduction", "Nos valeurs"))
    short = rng.random() < 0.5
    dash = rng.choice((" : ", " – ", " — "))
    bullet = rng.choice(("-", "*"))
    tree: list[ExpOS] = []
    for i, os_ in enumerate(plan.oss, 1):
        label = f"OS {i}" if short else f"Objectif stratégique {i}"
        ctx.fixed(f"## {label}{dash}{os_.title}", min_before=1, min_after=1)
        exp_os = ExpOS(str(i), os_.title)
        for j, oo in enumerate(os_.oos, 1):
            label = f"OO {i}.{j}" if short else f"Objectif opérationnel {i}.{j}"
            ctx.fixed(f"### {label}{dash}{oo.title}", min_before=1, min_after=1)
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            for action in oo.actions:
                ctx.item(f"{bullet} ", action.title, indent="  ", max_before=0, blank_inside=False)
                exp_oo.actions.append(ExpAction(None, action.title))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    ctx.fixed("## Suivi et évaluation du PST", min_before=1, min_after=1)
    for paragraph in plan.epilogue:
        ctx.para(paragraph, min_before=1)
    ctx.not_items.extend(("Suivi et évaluation", "Le PST sera évalué"))
    return tree


def style_projet_fiches(ctx: Ctx) -> list[ExpOS]:
    """Objectives by keyword, then "Projet 3 : title" fiches numbered across the plan."""
    rng = ctx.rng
    ctx.plan.extra["bullets"] = rng.random() < 0.5
    front_matter(ctx)
    labels = [
        ("description", "Description"),
        ("responsible", "Responsable"),
        ("deadline", "Échéance"),
        ("partners", "Partenaires"),
        ("financial_means", "Moyens financiers"),
        ("indicators", "Indicateur(s)"),
        ("status", "État d'avancement"),
        ("priority", "Priorité"),
    ]
    tree: list[ExpOS] = []
    number = 0
    for i, os_ in enumerate(ctx.plan.oss, 1):
        ctx.item(f"Objectif stratégique {i} : ", os_.title, min_before=2)
        exp_os = ExpOS(str(i), os_.title)
        for j, oo in enumerate(os_.oos, 1):
            ctx.item(f"Objectif opérationnel {i}.{j} : ", oo.title, min_before=1)
            exp_oo = ExpOO(f"{i}.{j}", oo.title)
            for action in oo.actions:
                number += 1
                ctx.item(f"Projet {number} : ", action.title, min_before=1)
                fiche = render_fields(ctx, action.fiche, labels)
                exp_oo.actions.append(ExpAction(str(number), action.title, fiche, kind="project"))
            exp_os.oos.append(exp_oo)
        tree.append(exp_os)
    epilogue(ctx)
    return tree


def no_guillemets(title: str) -> bool:
    return "«" not in title and "»" not in title


@dataclass(frozen=True)
class Style:
    name: str
    render: Callable[[Ctx], list[ExpOS]]
    codes: bool = True
    fiche_fields: tuple[str, ...] = ()
    page_styles: tuple[str, ...] = ("none", "running", "footer", "template")
    blanks: tuple[str, ...] = ("tight", "loose", "double")
    paginate: bool = True
    title_ok: Callable[[str], bool] = lambda title: True

    @property
    def summary(self) -> str:
        return (self.render.__doc__ or "").strip().splitlines()[0]


DOTS_FIELDS = (
    "description",
    "indicators",
    "deadline",
    "services",
    "responsible",
    "partners",
    "financial_means",
)

STYLES: dict[str, Style] = {
    style.name: style
    for style in (
        Style("os-oo-dots-action-dash", style_os_oo_dots, fiche_fields=DOTS_FIELDS),
        Style("os-oo-dots-global-oo", style_os_oo_dots_global, fiche_fields=DOTS_FIELDS),
        Style("os-numero-table-header", style_os_numero_table_header, fiche_fields=("indicators",)),
        Style("themes", style_themes, blanks=("tight", "loose")),
        Style("guillemets", style_guillemets, title_ok=no_guillemets),
        Style("letter-codes", style_letter_codes),
        Style("compact-os", style_compact_os),
        Style(
            "ia-pst-report",
            style_ia_pst_report,
            codes=False,
            fiche_fields=("description", "responsible", "deadline", "status", "priority", "sdgs"),
        ),
        Style(
            "layout-table",
            style_layout_table,
            fiche_fields=("responsible", "deadline", "financial_means"),
        ),
        Style(
            "toc-then-body", style_toc_then_body, fiche_fields=DOTS_FIELDS, title_ok=no_guillemets
        ),
        Style(
            "web-glued",
            style_web_glued,
            page_styles=("none",),
            blanks=("tight", "loose"),
            paginate=False,
        ),
        Style("dotted-codes", style_dotted_codes, fiche_fields=("priority", "status")),
        Style("slide-deck", style_slide_deck, page_styles=("none",), paginate=False),
        Style("three-lists", style_three_lists),
        Style(
            "markdown",
            style_markdown,
            page_styles=("none",),
            blanks=("tight", "loose"),
            paginate=False,
        ),
        Style(
            "projet-fiches",
            style_projet_fiches,
            fiche_fields=(
                "description",
                "responsible",
                "deadline",
                "partners",
                "financial_means",
                "indicators",
                "status",
                "priority",
            ),
        ),
    )
}
