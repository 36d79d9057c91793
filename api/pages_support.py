"""Rendering the French pages: the Jinja2 environment and the filters the templates use."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pstkg.api.identifiers import local_path, plan_key
from pstkg.display import finalize_for_display
from pstkg.output import short

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["short"] = short
templates.env.filters["local"] = lambda iri: local_path(iri) or str(iri)
templates.env.filters["plan_key"] = plan_key
# Every text a page prints is shortened past a length (one bad plan's title of millions of
# characters), set before any template is compiled.
templates.env.finalize = finalize_for_display


def render_page(
    request: Request, template: str, status_code: int = 200, **context: object
) -> HTMLResponse:
    """A page from ``templates/`` with ``context``."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def with_site_header(request: Request, document: str) -> str:
    """A standalone HTML document (the validation report ``pst validate`` writes) with the
    pages' header on top: their sections and search box, styled by their own sheet."""
    header = templates.get_template("site_header.html").render(request=request)
    stylesheet = '<link rel="stylesheet" href="/static/site_header.css">\n'
    return document.replace("</head>", stylesheet + "</head>", 1).replace(
        "<body>", "<body>\n" + header, 1
    )
