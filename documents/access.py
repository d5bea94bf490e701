"""What a person may see of the documents: those of the matters they may see (matters.access)."""

from __future__ import annotations

from core.objects import object_or_404
from documents.models import GeneratedDocument
from matters import access as matters_access


def visible_documents(user):
    return GeneratedDocument.objects.filter(matter__in=matters_access.visible_matters(user))


def get_document_for_user(user, document_id) -> GeneratedDocument:
    """The document if ``user`` may see its matter; Http404 otherwise (also for a malformed id)."""
    return object_or_404(visible_documents(user), document_id)
