"""The bulk import reads amounts as every other entry point does (the shared table of tests/core/helpers.py),
and stores them as ASCII decimals."""

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from matters.models import Matter
from placements.rows import parse_amount
from tests.core.helpers import ACCEPTED_AMOUNTS, REFUSED_AMOUNTS
from tests.placements.helpers import csv_bytes, row, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_AMOUNTS)
def test_accepted_amounts(text, expected):
    assert parse_amount(text) == (expected, None)


@pytest.mark.parametrize("text", REFUSED_AMOUNTS)
def test_refused_amounts(text):
    amount, problem = parse_amount(text)
    assert amount is None and problem["code"] in {"amount_invalid", "amount_decimals", "amount_not_positive",
                                                   "amount_too_large"}


def test_full_width_and_grouped_principals_are_imported_as_ascii(alpha, alpha_mandate):
    browser = alpha.client(alpha.lawyer)
    content = csv_bytes([row(principal="１２５，０００．５０", contract="HT-1"), row(principal="1,000", contract="HT-2"),
                         row(principal="1,2,3", contract="HT-3")])
    body = browser.post("/api/v1/imports/", {"mandate": alpha_mandate.pk, "file": upload(content, "d.csv")}).json()
    assert body["counts"]["valid"] == 2 and body["rows"][2]["errors"][0]["code"] == "amount_invalid"
    assert browser.post(f"/api/v1/imports/{body['id']}/confirm/").status_code == 200
    with schema_context(alpha.firm.schema_name):
        principals = sorted(Matter.objects.filter(mandate=alpha_mandate).values_list("principal", flat=True))
    assert principals == [Decimal("1000.00"), Decimal("125000.50")]
