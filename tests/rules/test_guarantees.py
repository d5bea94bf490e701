"""Guarantees (民法典第六百八十六条至第六百九十四条): the kind by default, the guarantee period at its edges,
keeping the guarantee alive, and where its own limitation starts."""

from datetime import date

import pytest

from rules.deadlines import HolidayCalendar
from rules.errors import RuleInputError
from rules.guarantees import (
    general_defence_end,
    guarantee_kind,
    guarantee_limitation_deadline,
    guarantee_limitation_start,
    guarantee_period_end,
    is_released,
    kept_alive_on,
)

WEEKENDS = HolidayCalendar.weekends_only()


@pytest.mark.parametrize("given", [None, ""])
def test_a_contract_that_does_not_say_gives_a_general_guarantee(given):
    assert guarantee_kind(given) == "general"


def test_a_named_kind_stands_and_an_unknown_one_is_refused():
    assert guarantee_kind("joint") == "joint"
    with pytest.raises(RuleInputError) as error:
        guarantee_kind("solidary")
    assert error.value.code == "unknown_guarantee_kind"


def test_without_agreement_the_period_ends_six_months_after_the_due_date():
    period = guarantee_period_end(main_due_date=date(2025, 1, 15), calendar=WEEKENDS)
    assert period.end == date(2025, 7, 15)
    assert not period.agreed
    assert "六个月" in period.note


def test_six_months_from_the_last_day_of_a_month_end_on_the_last_day_of_the_shorter_month():
    assert guarantee_period_end(main_due_date=date(2024, 8, 31), calendar=WEEKENDS).end == date(2025, 2, 28)


@pytest.mark.parametrize("agreed", [date(2025, 1, 15), date(2024, 12, 31)])
def test_an_agreed_end_no_later_than_the_due_date_counts_as_no_agreement(agreed):
    period = guarantee_period_end(main_due_date=date(2025, 1, 15), agreed_end=agreed, calendar=WEEKENDS)
    assert period.end == date(2025, 7, 15)
    assert not period.agreed
    assert "视为没有约定" in period.note


def test_an_agreed_end_after_the_due_date_stands_even_on_a_holiday():
    period = guarantee_period_end(main_due_date=date(2025, 1, 15), agreed_end=date(2025, 1, 18), calendar=WEEKENDS)
    assert period.end == date(2025, 1, 18)  # a Saturday: the parties' own date, not a counted period
    assert period.agreed


def test_the_statutory_period_ending_in_a_holiday_moves_to_the_next_working_day():
    national_day = frozenset(date(2025, 10, day) for day in range(1, 9))
    calendar = HolidayCalendar(holidays=national_day, workdays=frozenset({date(2025, 10, 11)}),
                               years=frozenset({2025}))
    assert guarantee_period_end(main_due_date=date(2025, 4, 1), calendar=calendar).end == date(2025, 10, 9)


def test_a_claim_on_the_last_day_of_the_period_keeps_the_guarantee_alive_and_the_next_day_is_too_late():
    due, end = date(2025, 1, 15), date(2025, 7, 15)
    assert kept_alive_on(main_due_date=due, period_end=end, acts=[date(2025, 7, 15)]) == date(2025, 7, 15)
    assert kept_alive_on(main_due_date=due, period_end=end, acts=[date(2025, 7, 16)]) is None


def test_a_claim_before_the_debt_fell_due_does_not_count_and_the_first_in_time_does():
    due, end = date(2025, 1, 15), date(2025, 7, 15)
    acts = [date(2025, 1, 10), date(2025, 5, 1), date(2025, 3, 1), None]
    assert kept_alive_on(main_due_date=due, period_end=end, acts=acts) == date(2025, 3, 1)
    assert kept_alive_on(main_due_date=due, period_end=end, acts=[date(2025, 1, 15)]) == date(2025, 1, 15)


def test_the_guarantor_is_released_only_after_the_last_day_without_a_claim():
    end = date(2025, 7, 15)
    assert not is_released(kept_alive=None, period_end=end, today=end)
    assert is_released(kept_alive=None, period_end=end, today=date(2025, 7, 16))
    assert not is_released(kept_alive=date(2025, 3, 1), period_end=end, today=date(2030, 1, 1))


def test_a_joint_guarantees_limitation_runs_from_the_demand_on_the_guarantor():
    assert guarantee_limitation_start(kind="joint", kept_alive=date(2025, 3, 3)) == date(2025, 3, 3)
    result = guarantee_limitation_deadline(start=date(2025, 3, 3), calendar=WEEKENDS)
    assert result.deadline == date(2028, 3, 3)
    assert "第六百九十四条" in result.note


def test_a_later_demand_on_the_guarantor_restarts_its_limitation():
    result = guarantee_limitation_deadline(start=date(2025, 3, 3), interruptions=[date(2026, 6, 1)],
                                           calendar=WEEKENDS)
    assert result.deadline == date(2029, 6, 1)


def test_a_general_guarantees_limitation_waits_for_the_end_of_the_defence_of_prior_enforcement():
    assert guarantee_limitation_start(kind="general", kept_alive=date(2025, 3, 3)) is None
    assert guarantee_limitation_start(kind="general", kept_alive=date(2025, 3, 3),
                                      defence_ended_on=date(2026, 9, 1)) == date(2026, 9, 1)
    assert guarantee_limitation_start(kind="general", kept_alive=None, defence_ended_on=date(2026, 9, 1)) is None
    assert guarantee_limitation_start(kind="joint", kept_alive=None) is None


def test_the_defence_ends_with_the_ruling_ending_enforcement_or_a_year_after_the_application():
    assert general_defence_end(enforcement_applied_on=None) is None
    assert general_defence_end(enforcement_applied_on=date(2025, 5, 10),
                               termination_ruling_served_on=date(2025, 11, 2)) == date(2025, 11, 2)
    assert general_defence_end(enforcement_applied_on=date(2025, 5, 10),
                               termination_ruling_served_on=date(2026, 8, 1)) == date(2026, 5, 10)
    assert general_defence_end(enforcement_applied_on=date(2025, 5, 10)) == date(2026, 5, 10)
    assert general_defence_end(enforcement_applied_on=date(2024, 2, 29)) == date(2025, 2, 28)
