"""OpenAPI descriptions of the project's own API classes (drf-spectacular extensions).

Imported by the URL configurations, so that they are registered before any schema is generated."""

from drf_spectacular.authentication import SessionScheme


class ProjectSessionScheme(SessionScheme):
    """core.api.SessionAuthentication is DRF's session authentication with Chinese CSRF refusals."""

    target_class = "core.api.SessionAuthentication"
