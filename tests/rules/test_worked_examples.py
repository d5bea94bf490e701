"""Every worked example of the rules the product follows, in the order the rules state them, so that one file
shows the figures a lawyer would check by hand. Each section's edges are tested in its own module."""

from datetime import date
from decimal import Decimal

import pytest

from rules.court_fees import (
    acceptance_fee,
    acceptance_fee_halved,
    execution_fee,
    payment_order_fee,
    preservation_fee,
)
from rules.deadlines import HolidayCalendar, deadline_for, holiday_calendar_from_package
from rules.freezes import freeze_expiry
from rules.guarantees import guarantee_kind, guarantee_period_end
from rules.identifiers import check_resident_id, check_uscc
from rules.judgments import late_performance_interest
from rules.rates import SEED_LPR_TABLE, sale_late_payment_rate
from rules.risk_fees import risk_fee_cap
from rules.rmb import rmb_uppercase

D = Decimal
CALENDAR = holiday_calendar_from_package()


@pytest.mark.parametrize(("claim", "acceptance", "halved", "preservation", "enforcement"), [
    ("8000", "50", "25", "100", "50"),
    ("50000", "1050", "525", "520", "650"),
    ("150000", "3300", "1650", "1270", "2150"),
    ("896000", "12760", "6380", "5000", "11360"),
])
def test_court_fees(claim, acceptance, halved, preservation, enforcement):
    amount = D(claim)
    assert acceptance_fee(amount).fee == D(acceptance)
    assert acceptance_fee_halved(amount).fee == D(halved)
    assert preservation_fee(amount).fee == D(preservation)
    assert execution_fee(amount).fee == D(enforcement)


def test_a_payment_order_costs_one_third_of_the_acceptance_fee():
    assert payment_order_fee(D("150000")).fee == D("1100.00")


@pytest.mark.parametrize(("recovered", "cap"), [("500000", "90000"), ("3000000", "480000")])
def test_risk_fee_caps(recovered, cap):
    assert risk_fee_cap(D(recovered)).cap == D(cap)


def test_identifiers():
    assert check_uscc("91350100M000100Y43").valid
    assert check_resident_id("11010519491231002X").valid


@pytest.mark.parametrize(("amount", "words"), [("16409.02", "壹万陆仟肆佰零玖元零贰分"), ("325.04", "叁佰贰拾伍元零肆分")])
def test_uppercase_rmb(amount, words):
    assert rmb_uppercase(D(amount)) == words


def test_an_appeal_period_ending_in_the_national_day_holiday_ends_on_the_first_working_day_after_it():
    assert deadline_for("appeal_judgment", date(2024, 9, 20), CALENDAR).deadline == date(2024, 10, 8)


def test_a_bank_deposit_freeze_from_2026_10_24():
    expiry = freeze_expiry("freeze_bank_deposit", date(2026, 10, 24), calendar=CALENDAR)
    assert expiry.expires_on == date(2027, 10, 23)
    assert expiry.renew_by == date(2027, 10, 16)
    # 2027-10-16 is a Saturday: the lawyer acts on the working day before it.
    assert expiry.deadline == date(2027, 10, 15)


def test_a_guarantee_unclear_about_its_kind_is_general_and_without_agreed_end_runs_six_months():
    assert guarantee_kind(None) == "general"
    period = guarantee_period_end(main_due_date=date(2025, 1, 1), calendar=HolidayCalendar.weekends_only())
    assert period.end == date(2025, 7, 1) and not period.agreed


def test_doubled_interest_runs_on_the_awarded_debt_at_one_point_seven_five_per_ten_thousand_a_day():
    result = late_performance_interest(principal=D("100000"), interest=D("5000"), costs=D("2300"),
                                       performance_due_on=date(2026, 4, 20), as_of=date(2026, 4, 30),
                                       payments=[], lpr_table=SEED_LPR_TABLE)
    # 107,300 × 0.0175% × 10 days.
    assert result.late_interest == D("187.78")


def test_a_sale_without_an_agreed_penalty_runs_at_the_lpr_of_the_breach_plus_the_markup():
    rate = sale_late_payment_rate(D("30"), date(2025, 1, 2))
    assert rate.fixed_on == date(2025, 1, 2) and rate.multiplier == D("1.3")
    assert SEED_LPR_TABLE.rate_on(date(2025, 1, 2)) == D("3.10")
