"""``/docs``: the API's documentation (Swagger UI), served from the app so it works offline.

FastAPI's own ``/docs`` loads Swagger UI from a CDN: without internet the page stays blank.
The files of swagger-ui-dist are bundled in ``static/swagger/`` (see its LICENSE for where
they come from) and this route points Swagger UI at them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

SWAGGER_STATIC = "/static/swagger"


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, every asset from this service."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} — documentation de l'API",
        swagger_js_url=f"{SWAGGER_STATIC}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_STATIC}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_STATIC}/favicon-32x32.png",
        # The online validator's badge would call validator.swagger.io from a served host.
        swagger_ui_parameters={"validatorUrl": None},
    )
