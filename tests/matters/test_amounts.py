"""The API reads amounts as every other entry point does (the shared table of tests/core/helpers.py), and stores
them as ASCII decimals."""

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from matters.models import Matter, Payment
from tests.core.helpers import ACCEPTED_AMOUNTS, REFUSED_AMOUNTS
from tests.matters.helpers import make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_matter(alpha.partner)


def post(api, url, data):
    return api.post(url, data, content_type="application/json")


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_AMOUNTS)
def test_accepted_amounts_are_stored_as_ascii(alpha, matter, text, expected):
    response = post(alpha.client(alpha.finance), "/api/v1/payments/", {
        "matter": matter.pk, "received_on": "2026-02-01", "amount": text})
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == f"{expected:.2f}"
    with schema_context(alpha.firm.schema_name):
        assert Payment.objects.get(pk=response.json()["id"]).amount == expected


@pytest.mark.parametrize("text", REFUSED_AMOUNTS)
def test_refused_amounts_get_a_chinese_field_error(alpha, matter, text):
    response = post(alpha.client(alpha.finance), "/api/v1/payments/", {
        "matter": matter.pk, "received_on": "2026-02-01", "amount": text})
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["amount"][0].startswith("金额")
    with schema_context(alpha.firm.schema_name):
        assert not Payment.objects.filter(matter=matter).exists()


def test_a_matter_principal_in_full_width_digits(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate, debtor = make_mandate(alpha.partner), make_debtor(alpha.partner)
    api = alpha.client(alpha.lawyer)
    response = post(api, "/api/v1/matters/", {"mandate": mandate.pk, "debtor": debtor.pk,
                                              "principal": "８０，０００．００", "due_date": "2025-06-30"})
    assert response.status_code == 201, response.content
    assert response.json()["principal"] == "80000.00"
    refused = post(api, "/api/v1/matters/", {"mandate": mandate.pk, "debtor": debtor.pk, "principal": "8,00,000",
                                             "due_date": "2025-06-30"})
    assert refused.status_code == 400 and "本金必须是数字" in refused.json()["fields"]["principal"][0]
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(mandate=mandate).principal == Decimal("80000.00")


def test_a_transition_amount_is_read_the_same_way(alpha, matter):
    response = post(alpha.client(alpha.lawyer), f"/api/v1/matters/{matter.pk}/transition/", {
        "version": matter.version, "to_stage": "litigation", "court": "杭州市西湖区人民法院", "filed_on": "2026-02-20",
        "claimed_amount": "１２０，０００"})
    assert response.status_code == 200, response.content
    with schema_context(alpha.firm.schema_name):
        assert matter.lawsuits.get().claimed_amount == Decimal("120000.00")
