from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, User


def people_list():
    return User.objects.exclude(role="").order_by("-is_active", "name", "email")


def open_invitations():
    return (
        Invitation.objects.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at")
    )


def audit_events(limit: int = 200):
    return AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")[:limit]


def person_for_partner(person_id: int) -> User:
    """A person of this firm, as a partner managing people sees them. 404 when not found."""
    return get_object_or_404(people_list(), pk=person_id)
