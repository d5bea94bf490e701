"""Preservation periods (expiry inclusive of the first day, renewal 7 days before, moved back to a working day)
and the interruptions of limitation, days and proceedings."""

from datetime import date

import pytest

from rules.deadlines import HolidayCalendar, Proceeding, holiday_calendar_from_package, limitation_deadline
from rules.errors import RuleInputError
from rules.freezes import freeze_expiry, freeze_period_end

CALENDAR = holiday_calendar_from_package()
# A calendar that knows 2028 has no extra holidays: only weekends are off, and the data counts as complete.
KNOWN_2028 = HolidayCalendar(holidays=frozenset(), workdays=frozenset(), years=frozenset({2028, 2029}))


def test_rules_md_example_bank_deposit_freeze_from_2026_10_24():
    result = freeze_expiry("freeze_bank_deposit", date(2026, 10, 24), calendar=CALENDAR)
    assert result.expires_on == date(2027, 10, 23)
    assert result.renew_by == date(2027, 10, 16)  # a Saturday
    assert result.deadline == date(2027, 10, 15)  # the Friday before
    assert result.rolled_back and not result.stated
    # 2027 has no holiday data in the package: weekends only, and the result says so
    assert not result.holiday_data
    assert "缺少法定节假日数据" in result.note
    assert "2027-10-23" in result.note and "第十八条" in result.note


def test_expiry_is_not_moved_over_holidays_and_counts_by_kind():
    # 2026-03-15 is a Sunday; the three kinds run 1, 2 and 3 years
    movable = freeze_expiry("freeze_movable", date(2024, 3, 16), calendar=CALENDAR)
    real_estate = freeze_expiry("freeze_real_estate", date(2023, 3, 16), calendar=CALENDAR)
    assert movable.expires_on == real_estate.expires_on == date(2026, 3, 15)
    # 2026-03-08 is a Sunday → Friday 2026-03-06
    assert movable.renew_by == date(2026, 3, 8) and movable.deadline == date(2026, 3, 6)
    assert movable.holiday_data


def test_month_ends_and_leap_days():
    assert freeze_period_end(date(2026, 3, 31), years=2) == date(2028, 3, 30)
    assert freeze_period_end(date(2026, 1, 1), years=1) == date(2026, 12, 31)
    # a year from 1 March 2027 ends on the leap day
    assert freeze_period_end(date(2027, 3, 1), years=1) == date(2028, 2, 29)
    # a year from the leap day ends on 28 February: the whole year, not a day short
    leap = freeze_expiry("freeze_bank_deposit", date(2028, 2, 29), calendar=KNOWN_2028)
    assert leap.expires_on == date(2029, 2, 28)
    assert leap.renew_by == date(2029, 2, 21) == leap.deadline  # a Wednesday
    assert leap.holiday_data and not leap.rolled_back
    assert freeze_period_end(date(2028, 2, 29), years=3) == date(2031, 2, 28)


def test_renewal_day_in_national_day_holiday_moves_back_before_it():
    # expiry 2026-10-10 → renew by 2026-10-03, inside the 2026 National Day holiday (10-01..10-07)
    result = freeze_expiry("freeze_bank_deposit", date(2025, 10, 11), calendar=CALENDAR)
    assert result.expires_on == date(2026, 10, 10)
    assert result.renew_by == date(2026, 10, 3)
    assert result.deadline == date(2026, 9, 30)
    assert result.holiday_data and result.rolled_back


def test_year_without_holiday_data_falls_back_to_weekends():
    result = freeze_expiry("freeze_movable", date(2026, 1, 20), calendar=HolidayCalendar.weekends_only())
    assert result.expires_on == date(2028, 1, 19)
    assert result.deadline == result.renew_by == date(2028, 1, 12)  # a Wednesday
    assert not result.holiday_data


def test_stated_expiry_is_used_and_checked():
    stated = freeze_expiry("freeze_bank_deposit", date(2026, 10, 24), calendar=CALENDAR,
                           stated_expiry=date(2027, 4, 23))
    assert stated.stated and stated.expires_on == date(2027, 4, 23)
    assert stated.renew_by == date(2027, 4, 16) == stated.deadline  # a Friday
    assert "法院通知书载明" in stated.note
    with pytest.raises(RuleInputError) as before:
        freeze_expiry("freeze_bank_deposit", date(2026, 10, 24), calendar=CALENDAR, stated_expiry=date(2026, 10, 23))
    assert before.value.code == "expiry_before_start"
    with pytest.raises(RuleInputError) as beyond:
        freeze_expiry("freeze_bank_deposit", date(2026, 10, 24), calendar=CALENDAR, stated_expiry=date(2027, 10, 24))
    assert beyond.value.code == "expiry_too_late"
    with pytest.raises(RuleInputError) as unknown:
        freeze_expiry("limitation", date(2026, 10, 24), calendar=CALENDAR)
    assert unknown.value.code == "unknown_kind"


def test_a_partial_payment_or_security_offered_interrupts_on_its_day():
    # due 2021-03-15; a payment on 2022-06-15 → 2025-06-15 (a Sunday) → 2025-06-16
    result = limitation_deadline(due_date=date(2021, 3, 15), interruptions=[date(2022, 6, 15)], calendar=CALENDAR)
    assert result.start == date(2022, 6, 15)
    assert result.deadline == date(2025, 6, 16)
    assert not result.suspended


def test_proceedings_restart_limitation_when_they_end():
    suit = Proceeding(date(2023, 3, 1), date(2023, 6, 20), "诉讼")
    result = limitation_deadline(due_date=date(2022, 1, 10), interruptions=[suit], calendar=CALENDAR)
    assert result.start == date(2023, 6, 20)
    # 2026-06-20 is a Saturday of the Dragon Boat holiday → Monday 2026-06-22
    assert result.deadline == date(2026, 6, 22)
    assert "2023-06-20终结" in result.note
    # a demand during the proceedings does not move the restart back
    with_demand = limitation_deadline(due_date=date(2022, 1, 10), interruptions=[suit, date(2023, 4, 1)],
                                      calendar=CALENDAR)
    assert with_demand.start == date(2023, 6, 20)
    # a payment after the proceedings ended restarts again
    later = limitation_deadline(due_date=date(2022, 1, 10), interruptions=[suit, date(2024, 2, 1)],
                                calendar=CALENDAR)
    assert later.start == date(2024, 2, 1)


def test_pending_proceedings_suspend_limitation():
    enforcement = Proceeding(date(2023, 3, 1), None, "强制执行")
    result = limitation_deadline(due_date=date(2022, 1, 10), interruptions=[date(2022, 5, 1), enforcement],
                                 calendar=CALENDAR)
    assert result.suspended
    assert "强制执行自2023-03-01起进行中" in result.note
    assert "不计算届满日" in result.note


def test_proceedings_after_expiry_do_not_revive_it():
    late_suit = Proceeding(date(2025, 3, 1), None, "诉讼")
    result = limitation_deadline(due_date=date(2022, 1, 10), interruptions=[late_suit], calendar=CALENDAR)
    assert not result.suspended
    assert result.deadline == date(2025, 1, 10)
    assert "诉讼（2025-03-01开始）发生时诉讼时效已于2025-01-10届满" in result.note


def test_proceedings_never_carry_limitation_beyond_twenty_years():
    steps = [Proceeding(date(2000 + 3 * step, 1, 10), date(2000 + 3 * step, 2, 10), "诉讼") for step in range(7)]
    result = limitation_deadline(due_date=date(2000, 1, 10), interruptions=steps, calendar=CALENDAR)
    assert result.deadline == date(2020, 1, 10)
    assert "二十年" in result.note


def test_a_proceeding_cannot_end_before_it_starts():
    with pytest.raises(RuleInputError) as caught:
        Proceeding(date(2023, 3, 1), date(2023, 2, 1))
    assert caught.value.code == "bad_proceeding"
