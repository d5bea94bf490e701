"""Writes that change who may see what are audited in the same transaction as the write."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent
from matters import services
from matters.models import ClientMembership
from matters.services import parties
from tests.matters.helpers import make_client

pytestmark = pytest.mark.django_db


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_linking_a_portal_user_to_a_client_is_audited(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    response = alpha.client(alpha.partner).post(f"/clients/{client.pk}/portal-users/",
                                                {"user": alpha.client_a.pk})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert ClientMembership.objects.get(user=alpha.client_a).client == client
        (event,) = _events(AuditAction.CLIENT_USER_LINKED)
        assert (event.actor, event.target) == (alpha.partner, alpha.client_a.email)
        assert event.detail == {"client_id": client.pk, "client": client.name}


def test_a_link_that_changes_nothing_or_is_refused_leaves_no_audit_event(alpha):
    with schema_context(alpha.firm.schema_name):
        first, second = make_client(alpha.partner), make_client(alpha.partner)
        services.client_member_add(actor=alpha.partner, client=first, user=alpha.client_a)
        services.client_member_add(actor=alpha.partner, client=first, user=alpha.client_a)
        with pytest.raises(ValidationError):
            services.client_member_add(actor=alpha.partner, client=second, user=alpha.client_a)
        assert len(_events(AuditAction.CLIENT_USER_LINKED)) == 1


def test_a_link_whose_audit_event_fails_is_not_kept(alpha, monkeypatch):
    def failing_audit(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(parties, "audit_record", failing_audit)
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
        with pytest.raises(RuntimeError):
            services.client_member_add(actor=alpha.partner, client=client, user=alpha.client_a)
        assert not ClientMembership.objects.filter(user=alpha.client_a).exists()
