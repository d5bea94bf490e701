"""Cached pages: the ones people reload all day (the matter list, the board).

A page is stored under the firm's data version (``DataVersion``, changed by database triggers when any
transaction that changed the matters data or the people commits), today's date (overdue flags and balances
change at midnight), the language, the person (their name, role and permissions are on the page), the firm's
name and the query string. Any committed change gives a new version, so a stale page is never served; the
keys also carry the firm's schema (the tenant-aware cache key function), so one firm never reads another's.

Why this is correct without locks: a reader reads the version first, then the data. A page made from data
older than a commit is stored under a version read before that commit, which nobody reads once the commit
has changed it.

Pages are rendered with a placeholder where the CSRF token goes, and each request puts its own token there.
A request with flash messages to show is rendered afresh (the messages are shown once).
"""

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation

from matters.models import DataVersion

CSRF_PLACEHOLDER = "__csrf_token__"
TIMEOUT = 600  # seconds; a busy firm changes its version long before


def data_version() -> str:
    # A plain cursor: this runs on every cached request, and the ORM would double its cost.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {connection.ops.quote_name(DataVersion._meta.db_table)}")  # noqa: S608
        return str(cursor.fetchone()[0])


def cached_page(request, name: str, template: str, context: Callable[[], dict]) -> HttpResponse:
    """``template`` rendered with ``context()``, from the cache when nothing changed since it was made."""

    def render() -> str:
        return render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request=request)

    if len(get_messages(request)):
        html = render()
    else:
        query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
        parts = (data_version(), timezone.localdate().isoformat(), translation.get_language(), request.user.pk,
                 request.tenant.name, query)
        key = f"page:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
        html = cache.get(key)
        if html is None:
            html = render()
            cache.set(key, html, TIMEOUT)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
