"""core.dates: the bounds of every legal date, "not after today" in Shanghai, and the promise that no rule
raises on a date the check accepted (periods from the edges run past the holiday data and past 2100)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from core.dates import (
    EARLIEST_DATE,
    IN_FUTURE,
    LATEST_DATE,
    TOO_EARLY,
    TOO_LATE,
    date_problem,
    validate_legal_date,
    validate_past_date,
)
from rules.deadlines import (
    DEADLINE_KINDS,
    MAX_DAYS,
    MAX_MONTHS,
    MAX_YEARS,
    HolidayCalendar,
    add_period,
    deadline_for,
    holiday_calendar_from_package,
    limitation_deadline,
)
from rules.interest import Payment, calculate_interest
from rules.rates import SEED_LPR_TABLE, FixedRate, LprRate

legal_dates = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)
CALENDARS = [holiday_calendar_from_package(), HolidayCalendar.weekends_only()]


def test_the_bounds_are_inclusive():
    assert EARLIEST_DATE == date(1949, 10, 1) and LATEST_DATE == date(2100, 12, 31)
    validate_legal_date(EARLIEST_DATE)
    validate_legal_date(LATEST_DATE)
    assert date_problem(EARLIEST_DATE - timedelta(days=1)) == TOO_EARLY
    assert date_problem(LATEST_DATE + timedelta(days=1)) == TOO_LATE


@pytest.mark.parametrize("value", [date(9999, 12, 31), date(9980, 1, 1), date(3415, 1, 1), date(1791, 8, 30),
                                   date(583, 1, 1), date(1, 1, 1)])
def test_absurd_years_are_refused_with_the_bounds_in_the_message(value):
    with pytest.raises(ValidationError) as caught:
        validate_legal_date(value)
    assert caught.value.messages == [
        f"日期应在 1949-10-01 至 2100-12-31 之间，请核对年份（收到：{value.isoformat()}）。"]


def test_a_past_date_may_not_lie_after_today_in_shanghai():
    # 23:30 UTC on the 21st is 07:30 on the 22nd in Shanghai.
    with time_machine.travel("2026-11-21 23:30:00+00:00", tick=False):
        validate_past_date(date(2026, 11, 22))
        assert date_problem(date(2026, 11, 23), past_only=True) == IN_FUTURE
        with pytest.raises(ValidationError) as caught:
            validate_past_date(date(2026, 11, 23))
        assert caught.value.code == IN_FUTURE
        assert caught.value.messages == ["日期不能晚于今天（今天是 2026-11-22，收到：2026-11-23）。"]
        validate_legal_date(date(2026, 11, 23))  # a due date may lie ahead
        with pytest.raises(ValidationError):
            validate_past_date(date(1900, 1, 1))


def test_what_is_not_a_date_is_left_to_the_field_parsing():
    validate_legal_date("not a date")  # the DateField reports it; the bounds have nothing to add


@settings(max_examples=300, deadline=None)
@given(start=legal_dates, kind=st.sampled_from(sorted(DEADLINE_KINDS)), calendar=st.sampled_from(CALENDARS))
def test_every_named_period_computes_from_any_accepted_date(start, kind, calendar):
    result = deadline_for(kind, start, calendar)
    assert result.deadline >= result.nominal_deadline > start


@settings(max_examples=200, deadline=None)
@given(due=legal_dates, interruptions=st.lists(legal_dates, max_size=5), calendar=st.sampled_from(CALENDARS))
def test_limitation_computes_from_any_accepted_dates(due, interruptions, calendar):
    result = limitation_deadline(due_date=due, interruptions=interruptions, calendar=calendar)
    assert result.deadline > due


@pytest.mark.parametrize("start", [EARLIEST_DATE, LATEST_DATE])
@pytest.mark.parametrize("period", [{"days": MAX_DAYS}, {"months": MAX_MONTHS}, {"years": MAX_YEARS}])
def test_the_longest_period_from_either_edge_computes(start, period):
    result = add_period(start, calendar=CALENDARS[0], **period)
    assert result.deadline > start


@settings(max_examples=100, deadline=None)
@given(dates=st.lists(legal_dates, min_size=2, max_size=2), rate=st.sampled_from(["fixed", "lpr"]),
       paid=st.booleans())
def test_interest_computes_between_any_accepted_dates(dates, rate, paid):
    start, end = sorted(dates)
    if rate == "fixed":
        chosen = FixedRate(Decimal("6"))
    else:
        start = max(start, SEED_LPR_TABLE.first_date)  # the product refuses LPR interest before the first LPR
        end = max(end, start)
        chosen = LprRate(multiplier=Decimal("1.5"))
    payments = [Payment(end, Decimal("100.00"))] if paid else []
    result = calculate_interest(principal=Decimal("100000.00"), start=start, end=end, rate=chosen,
                                lpr_table=SEED_LPR_TABLE, payments=payments, late_performance_from=end)
    assert result.interest >= 0
