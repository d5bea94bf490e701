"""The LPR table and the holiday calendar are data: an edit changes results without a code change."""

from datetime import date
from decimal import Decimal

import pytest

from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import forget_reference_data

pytestmark = pytest.mark.django_db

BODY = {"principal": "100000", "start": "2025-06-01", "end": "2025-07-01", "rate": {"kind": "lpr"}}


def interest(client) -> dict:
    response = client.post("/api/v1/calculators/interest/", BODY, content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_editing_an_lpr_rate_changes_the_interest(platform_client):
    before = interest(platform_client)
    assert before["segments"][0]["annual_rate"] == "3.00"
    assert before["interest"] == "246.58"  # 100,000 × 3.00% × 30 / 365

    LprRate.objects.filter(effective_from=date(2025, 5, 20)).update(rate=Decimal("2.90"))
    assert interest(platform_client)["interest"] == "246.58"  # still the cached table...
    forget_reference_data()  # ...until the cache is dropped, as the admin does on every save
    after = interest(platform_client)
    assert after["segments"][0]["annual_rate"] == "2.90"
    assert after["interest"] == "238.36"  # 100,000 × 2.90% × 30 / 365


def test_a_new_lpr_entry_splits_the_period(platform_client):
    LprRate.objects.create(effective_from=date(2025, 6, 20), rate=Decimal("2.80"))
    forget_reference_data()
    body = interest(platform_client)
    assert [(s["start"], s["annual_rate"]) for s in body["segments"]] == [
        ("2025-06-01", "3.00"), ("2025-06-20", "2.80")]
    assert body["settings"]["lpr_table_last_date"] == "2025-06-20"


def test_adding_holiday_data_for_2027_is_used(platform_client):
    url = "/api/v1/calculators/deadline/?start=2027-09-20&days=15"
    assert platform_client.get(url).json()["holiday_data"] is False
    HolidayYear.objects.create(year=2027, note="测试")
    for day in range(1, 8):
        CalendarDay.objects.create(date=date(2027, 10, day), kind=CalendarDay.Kind.HOLIDAY, name="国庆节")
    forget_reference_data()
    body = platform_client.get(url).json()
    assert body["holiday_data"] is True
    assert body["nominal_deadline"] == "2027-10-05"
    assert body["deadline"] == "2027-10-08"


def test_an_lpr_edit_on_the_platform_reaches_firm_sites_at_once(alpha):
    from django.db import connection

    browser = alpha.client(alpha.lawyer)
    assert interest(browser)["interest"] == "246.58"
    connection.set_schema_to_public()  # where the platform admin saves
    LprRate.objects.filter(effective_from=date(2025, 5, 20)).update(rate=Decimal("2.90"))
    forget_reference_data()
    assert interest(browser)["interest"] == "238.36"
