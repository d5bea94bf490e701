"""Fetching one object by the id in a URL, among those a person may see."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404


def object_or_404[M: Model](queryset: QuerySet[M], pk: object) -> M:
    """The object ``pk`` of ``queryset`` (already limited to what the person may see); Http404 when it is not
    there, and for a malformed id too."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj
