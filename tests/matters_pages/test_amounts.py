"""The page forms read amounts as every other entry point does (the shared table of tests/core/helpers.py)."""

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from matters.models import Payment
from tests.core.helpers import ACCEPTED_AMOUNTS, REFUSED_AMOUNTS
from tests.matters.helpers import make_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_matter(alpha.partner, principal=Decimal("250000.00"))


def pay(alpha, matter, amount):
    return alpha.client(alpha.finance).post(f"/matters/{matter.pk}/payments/", {
        "received_on": "2026-02-01", "amount": amount, "payer_kind": "debtor", "method": "cash"})


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_AMOUNTS)
def test_accepted_amounts_are_stored_as_ascii(alpha, matter, text, expected):
    assert pay(alpha, matter, text).status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Payment.objects.get(matter=matter).amount == expected


@pytest.mark.parametrize("text", REFUSED_AMOUNTS)
def test_refused_amounts_get_a_chinese_field_error(alpha, matter, text):
    response = pay(alpha, matter, text)
    assert response.status_code == 400
    assert "金额（元）" in response.content.decode() and "is-invalid" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not Payment.objects.filter(matter=matter).exists()
