"""Two partners who demote or deactivate each other at the same moment, on separate connections (threads) with
real commits: one wins, the other gets a clear refusal, and the firm keeps an active partner.

The threads commit, so the second partner is committed on a connection of its own and removed afterwards."""

import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts import services
from accounts.models import AuditEvent, Role, User
from tests.conftest import PASSWORD
from tests.support import in_own_connection, run_threads

pytestmark = pytest.mark.django_db

SECOND_PARTNER_EMAIL = "second.partner@alpha.test"


@pytest.fixture
def two_partners(alpha):
    """alpha's partner and a second partner, both committed; alpha is put back as it was afterwards."""
    schema = alpha.firm.schema_name

    def setup():
        last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        second = services.user_create(email=SECOND_PARTNER_EMAIL, name="第二合伙人", role=Role.PARTNER,
                                      password=PASSWORD)
        return second, last_event

    second, last_event = in_own_connection(schema, setup)
    yield alpha.partner, second

    def cleanup():
        AuditEvent.objects.filter(pk__gt=last_event).delete()
        User.objects.filter(pk=second.pk).delete()
        User.objects.filter(pk=alpha.partner.pk).update(role=Role.PARTNER, is_active=True)

    in_own_connection(schema, cleanup)


def _demote(actor, user):
    return lambda: services.user_change_role(actor=actor, user=user, role=Role.LAWYER)


def _deactivate(actor, user):
    return lambda: services.user_deactivate(actor=actor, user=user)


def _holding_its_locks(change):
    def run():
        with transaction.atomic():
            changed = change()
            time.sleep(0.3)  # the other change reaches its locks while this one still holds them
            return changed
    return run


@pytest.mark.parametrize("first, second", [(_demote, _demote), (_deactivate, _deactivate),
                                           (_demote, _deactivate)], ids=["demote", "deactivate", "mixed"])
def test_partners_removing_each_other_at_once_leave_one_active_partner(alpha, two_partners, first, second):
    one, other = two_partners
    results = run_threads(alpha.firm.schema_name, [_holding_its_locks(first(one, other)),
                                                   _holding_its_locks(second(other, one))])

    winners = [r for r in results if isinstance(r, User)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(winners) == 1 and len(refusals) == 1, results
    assert refusals[0].messages == ["律所至少需要一位有效的合伙人。"]
    partners = in_own_connection(alpha.firm.schema_name, lambda: list(
        User.objects.filter(role=Role.PARTNER, is_active=True).values_list("pk", flat=True)))
    assert len(partners) == 1
    assert winners[0].pk not in partners  # the one removed is the winner's target; its actor remains


def test_a_partner_demoted_meanwhile_manages_nobody(alpha, two_partners):
    one, other = two_partners
    # `other` was loaded as a partner (as a request would have), then lost the role before acting.
    in_own_connection(alpha.firm.schema_name, _demote(one, other))
    with pytest.raises(PermissionDenied):
        in_own_connection(alpha.firm.schema_name, lambda: services.user_change_role(
            actor=other, user=alpha.lawyer, role=Role.FINANCE))
    with pytest.raises(PermissionDenied):
        in_own_connection(alpha.firm.schema_name, _deactivate(other, alpha.lawyer))
    assert in_own_connection(alpha.firm.schema_name, lambda: User.objects.values_list("role", "is_active").get(
        pk=alpha.lawyer.pk)) == (Role.LAWYER, True)
