"""Cached renderings of the pages people reload all day (the matter list, the board).

A rendering is stored under the firm's data version (``DataVersion``, changed by database triggers when any
transaction that changed the matters data or the people commits), today's date (overdue flags and balances
change at midnight), the language, what the person's role changes on the page, and the query string. Any
committed change gives a new version, so a stale rendering is never served; the keys also carry the firm's
schema (the tenant-aware cache key function), so one firm never reads another's.

Why this is correct without locks: a reader reads the version first, then the data. A rendering made from
data older than a commit is stored under a version read before that commit, which nobody reads once the
commit has changed it.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

CSRF_PLACEHOLDER = "__csrf_token__"
TIMEOUT = 600  # seconds; a busy firm changes its version long before


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM matters_dataversion")
        return str(cursor.fetchone()[0])


def cached_rendering(request, name: str, render: Callable[[], str], *, vary: tuple = ()) -> str:
    """``render()``'s HTML for this request, from the cache when nothing changed since it was made. A page
    with forms renders ``CSRF_PLACEHOLDER`` where the token goes: each person gets their own token back."""
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    parts = (data_version(), timezone.localdate().isoformat(), translation.get_language(), *vary, query)
    key = f"page:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there
