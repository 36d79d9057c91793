"""The query service of issue #6: a SPARQL 1.1 endpoint, the named queries as a REST API,
the plans as resources, and server-rendered pages in French (``pst serve``)."""

from pstkg.api.app import create_app
from pstkg.api.settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]
