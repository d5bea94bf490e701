"""Changes to clients, debtors and mandates are in the audit log, with what changed (old → new), written in the
same transaction as the change: a change that fails leaves no entry, an edit that changes nothing none."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent
from matters import services
from rules.identifiers import resident_id_particulars
from tests.matters.helpers import make_client, make_debtor, make_mandate, valid_resident_id

pytestmark = pytest.mark.django_db


def audited(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_a_client_change_is_audited_with_old_and_new_values(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.lawyer, name="上海申江贸易有限公司", contacts=[{"name": "李会计"}])
        services.client_update(actor=alpha.paralegal, client=client, name="上海申江贸易（集团）有限公司",
                               address="上海市黄浦区南京东路1号", contacts=[{"name": "李会计"}, {"name": "张法务", "position": "法务",
                                                                     "email": "zhang@shenjiang.test"}])
        (event,) = audited(AuditAction.CLIENT_CHANGED)
    assert event.actor_id == alpha.paralegal.pk and event.actor_email == alpha.paralegal.email
    assert event.detail["id"] == client.pk and "上海申江贸易（集团）有限公司" in event.target
    assert event.detail["changes"] == {
        "name": {"old": "上海申江贸易有限公司", "new": "上海申江贸易（集团）有限公司"},
        "address": {"old": "", "new": "上海市黄浦区南京东路1号"},
        "contacts": {"old": ["李会计"], "new": ["李会计", "张法务 / 法务 / zhang@shenjiang.test"]},
    }


def test_a_debtor_change_is_audited_and_a_refused_one_leaves_nothing(alpha):
    with schema_context(alpha.firm.schema_name):
        debtor = make_debtor(alpha.lawyer, phones=["0571-88886666"])
        with pytest.raises(ValidationError):
            services.debtor_update(actor=alpha.lawyer, debtor=debtor, kind="person", id_number="123")
        assert audited(AuditAction.DEBTOR_CHANGED) == []
        number = valid_resident_id()
        services.debtor_update(actor=alpha.lawyer, debtor=debtor, kind="person", id_number=number,
                               phones=["0571-88886666", "13800000000"])
        (event,) = audited(AuditAction.DEBTOR_CHANGED)
    assert event.detail["changes"] == {
        "kind": {"old": "company", "new": "person"},
        "id_number": {"old": debtor.id_number, "new": number},
        "phones": {"old": ["0571-88886666"], "new": ["0571-88886666", "13800000000"]},
        # A person's birth date and sex, read from the number, are part of the change.
        "birth_date": {"old": None, "new": resident_id_particulars(number).birth_date.isoformat()},
        "gender": {"old": "", "new": resident_id_particulars(number).gender},
    }


def test_a_mandate_change_is_audited_fee_terms_and_team_included(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, placed_amount=Decimal("100000"))
        services.mandate_update(actor=alpha.partner, mandate=mandate, fee_type="risk", upfront_rate=Decimal("0.03"),
                                placed_amount=Decimal("120000.50"), team=[alpha.lawyer])
        (event,) = audited(AuditAction.MANDATE_CHANGED)
    assert event.detail["changes"] == {
        "fee_type": {"old": "fixed", "new": "risk"},
        "fixed_rate": {"old": "0.05", "new": None},
        "upfront_rate": {"old": None, "new": "0.03"},
        "success_rate": {"old": None, "new": "0.1"},
        "placed_amount": {"old": "100000", "new": "120000.5"},
        "team": {"old": [], "new": [f"{alpha.lawyer.name} (#{alpha.lawyer.pk})"]},
    }


def test_unchanged_or_refused_mandate_edits_write_no_audit_entry(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        services.mandate_update(actor=alpha.lawyer, mandate=mandate, fee_type="fixed", fixed_rate=Decimal("0.0500"))
        with pytest.raises(PermissionDenied):
            services.mandate_update(actor=alpha.lawyer, mandate=mandate, fixed_rate=Decimal("0.07"), notes="改")
        assert audited(AuditAction.MANDATE_CHANGED) == []
        services.mandate_update(actor=alpha.lawyer, mandate=mandate, notes="已盖章")
        (event,) = audited(AuditAction.MANDATE_CHANGED)
    assert event.detail["changes"] == {"notes": {"old": "", "new": "已盖章"}}


def test_audit_entries_of_changes_made_through_the_api(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    response = alpha.client(alpha.lawyer).patch(f"/api/v1/clients/{client.pk}/", {"notes": "重要客户"},
                                                content_type="application/json")
    assert response.status_code == 200
    with schema_context(alpha.firm.schema_name):
        (event,) = audited(AuditAction.CLIENT_CHANGED)
    assert event.actor_id == alpha.lawyer.pk and event.detail["changes"] == {"notes": {"old": "", "new": "重要客户"}}
