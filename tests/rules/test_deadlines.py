"""Time limits: counting, holiday roll-over, calendar coverage, limitation."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.deadlines import (
    DEADLINE_KINDS,
    HolidayCalendar,
    add_period,
    deadline_for,
    holiday_calendar_from_package,
    limitation_deadline,
)
from rules.errors import RuleInputError

CALENDAR = holiday_calendar_from_package()
WEEKENDS = HolidayCalendar.weekends_only()


def test_appeal_example_of_rules_md():
    # served 2024-09-20; the 15th day 2024-10-05 is in the National Day holiday (10-01..10-07)
    result = deadline_for("appeal_judgment", date(2024, 9, 20), CALENDAR)
    assert result.nominal_deadline == date(2024, 10, 5)
    assert result.deadline == date(2024, 10, 8)
    assert result.rolled_over and result.holiday_data
    assert "第一百七十一条" in result.note


def test_make_up_working_day_is_a_working_day():
    # 2024-10-12 (Saturday) was an official working day
    assert CALENDAR.is_working_day(date(2024, 10, 12))
    result = add_period(date(2024, 10, 2), days=10, calendar=CALENDAR)
    assert result.deadline == date(2024, 10, 12)
    assert not result.rolled_over
    # the weekends-only calendar moves it to Monday and says the data were missing
    fallback = add_period(date(2024, 10, 2), days=10, calendar=WEEKENDS)
    assert fallback.deadline == date(2024, 10, 14)
    assert not fallback.holiday_data


def test_weekend_rolls_to_monday():
    # 2024-06-08 is a Saturday (not a holiday); Monday 06-10 is the Dragon Boat Festival → Tuesday
    result = add_period(date(2024, 5, 24), days=15, calendar=CALENDAR)
    assert result.nominal_deadline == date(2024, 6, 8)
    assert result.deadline == date(2024, 6, 11)


def test_months_take_the_last_day_of_a_short_month():
    result = add_period(date(2024, 1, 31), months=1, calendar=CALENDAR)
    assert result.nominal_deadline == date(2024, 2, 29)
    # 2023-08-31 + 18 months → 2025-02-28 (a Friday)
    construction = deadline_for("construction_priority", date(2023, 8, 31), CALENDAR)
    assert construction.nominal_deadline == date(2025, 2, 28)
    assert construction.deadline == date(2025, 2, 28)
    # a leap day plus a year → 28 February
    assert add_period(date(2024, 2, 29), years=1, calendar=WEEKENDS).nominal_deadline == date(2025, 2, 28)


def test_uncovered_year_falls_back_to_weekends_without_raising():
    # chinese_calendar raises for 2027; the calendar must not
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))
    result = deadline_for("enforcement_application", date(2025, 12, 20), CALENDAR)
    assert result.nominal_deadline == date(2027, 12, 20)
    assert not result.holiday_data
    assert "缺少" in result.note
    # 2027-01-02 is a Saturday → Monday 01-04
    late = add_period(date(2026, 12, 18), days=15, calendar=CALENDAR)
    assert late.deadline == date(2027, 1, 4)
    assert not late.holiday_data


def test_covered_years_come_from_the_package():
    assert 2024 in CALENDAR.years and 2026 in CALENDAR.years
    assert 2027 not in CALENDAR.years
    assert CALENDAR.covers(date(2026, 12, 31)) and not CALENDAR.covers(date(2027, 1, 1))


@pytest.mark.parametrize(
    ("code", "days", "months", "years"),
    [
        ("appeal_judgment", 15, 0, 0),
        ("appeal_ruling", 10, 0, 0),
        ("defence", 15, 0, 0),
        ("suit_after_preservation", 30, 0, 0),
        ("enforcement_application", 0, 0, 2),
        ("limitation", 0, 0, 3),
        ("freeze_bank_deposit", 0, 0, 1),
        ("freeze_movable", 0, 0, 2),
        ("freeze_real_estate", 0, 0, 3),
        ("construction_priority", 0, 18, 0),
    ],
)
def test_deadline_kinds(code, days, months, years):
    kind = DEADLINE_KINDS[code]
    assert (kind.code, kind.days, kind.months, kind.years) == (code, days, months, years)
    assert kind.label and kind.source


def test_appeal_ruling_ten_days():
    # 2024-09-25 + 10 = 2024-10-05 (holiday) → 2024-10-08
    assert deadline_for("appeal_ruling", date(2024, 9, 25), CALENDAR).deadline == date(2024, 10, 8)
    # freeze of a bank deposit from 2024-02-10 (Spring Festival) ends 2025-02-10, a Monday
    assert deadline_for("freeze_bank_deposit", date(2024, 2, 10), CALENDAR).deadline == date(2025, 2, 10)


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"days": 1, "months": 1},
        {"days": -1},
        {"days": 0, "months": 0, "years": 0},
        {"days": 1.5},
        {"days": True},
        {"years": 101},
    ],
)
def test_add_period_rejects_bad_lengths(arguments):
    with pytest.raises(RuleInputError):
        add_period(date(2024, 1, 1), calendar=CALENDAR, **arguments)


def test_unknown_kind():
    with pytest.raises(RuleInputError) as caught:
        deadline_for("appeal", date(2024, 1, 1), CALENDAR)
    assert caught.value.code == "unknown_kind"


def test_limitation_without_interruption():
    # due 2021-03-15 → 2024-03-15, a Friday
    result = limitation_deadline(due_date=date(2021, 3, 15), interruptions=[], calendar=CALENDAR)
    assert result.deadline == date(2024, 3, 15)


def test_limitation_restarts_from_the_latest_interruption():
    # due 2020-01-15; demand 2021-06-01; repayment agreement 2023-05-01 → 2026-05-01 (Labour Day holiday
    # 2026-05-01..05-05) → 2026-05-06
    result = limitation_deadline(
        due_date=date(2020, 1, 15),
        interruptions=[date(2023, 5, 1), date(2021, 6, 1)],
        calendar=CALENDAR,
    )
    assert result.start == date(2023, 5, 1)
    assert result.nominal_deadline == date(2026, 5, 1)
    assert result.deadline == date(2026, 5, 6)
    assert "2021-06-01" in result.note and "2023-05-01" in result.note


def test_interruptions_before_due_date_or_after_expiry_do_not_count():
    result = limitation_deadline(
        due_date=date(2020, 1, 15),
        interruptions=[date(2019, 12, 1), date(2023, 6, 1)],  # before due; after 2023-01-16 expiry
        calendar=CALENDAR,
    )
    # 2023-01-15 is a Sunday → Monday 2023-01-16
    assert result.deadline == date(2023, 1, 16)
    assert "2019-12-01" in result.note and "2023-06-01" in result.note


def test_limitation_never_beyond_twenty_years():
    interruptions = [date(2000 + 3 * step, 1, 10) for step in range(8)]  # 2000, 2003, …, 2021
    result = limitation_deadline(due_date=date(2000, 1, 10), interruptions=interruptions, calendar=CALENDAR)
    # 2021-01-10 + 3 years would be 2024; 20 years from 2000-01-10 is 2020-01-10 (a Friday)
    assert result.nominal_deadline == date(2020, 1, 10)
    assert result.deadline == date(2020, 1, 10)
    assert "二十年" in result.note


@given(
    st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)),
    st.one_of(
        st.fixed_dictionaries({"days": st.integers(min_value=1, max_value=400)}),
        st.fixed_dictionaries({"months": st.integers(min_value=1, max_value=36)}),
        st.fixed_dictionaries({"years": st.integers(min_value=1, max_value=3)}),
    ),
)
def test_deadline_is_never_a_holiday_or_weekend_unless_a_make_up_day(start, length):
    result = add_period(start, calendar=CALENDAR, **length)
    deadline = result.deadline
    assert result.nominal_deadline <= deadline <= result.nominal_deadline + timedelta(days=12)
    assert CALENDAR.is_working_day(deadline)
    if deadline.year <= 2026:
        # an independent check against the package itself, for covered years only
        assert chinese_calendar.is_workday(deadline)
        day = result.nominal_deadline
        while day < deadline:
            assert not chinese_calendar.is_workday(day)
            day += timedelta(days=1)
        assert result.holiday_data
    else:
        assert deadline.weekday() < 5
        assert not result.holiday_data
    assert result.rolled_over == (deadline != result.nominal_deadline)
