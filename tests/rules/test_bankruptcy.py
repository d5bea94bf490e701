"""Claims in bankruptcy (企业破产法第四十五、四十六条): the declaration period's edges and interest stopping on
acceptance, derived by hand."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.bankruptcy import declaration_deadline_problem, declaration_window, interest_end
from rules.errors import RuleInputError
from rules.interest import Payment, calculate_interest
from rules.rates import FixedRate


def test_declaration_period_runs_from_30_days_to_3_months_after_the_notice():
    window = declaration_window(date(2026, 3, 10))
    assert window.earliest == date(2026, 4, 9)  # the notice day is not counted: 10 March + 30 days
    assert window.latest == date(2026, 6, 10)


@pytest.mark.parametrize(("deadline", "allowed"), [
    (date(2026, 4, 8), False),   # 29 days
    (date(2026, 4, 9), True),    # 30 days
    (date(2026, 6, 10), True),   # 3 months to the day
    (date(2026, 6, 11), False),  # 3 months and a day
])
def test_declaration_deadline_edges(deadline, allowed):
    problem = declaration_deadline_problem(deadline=deadline, notice_on=date(2026, 3, 10))
    assert (problem is None) is allowed
    if not allowed:
        assert "2026-04-09至2026-06-10" in problem and "第四十五条" in problem


def test_three_months_from_the_end_of_a_month_ends_on_the_last_day_of_a_shorter_month():
    # 30 November + 3 months: February has no 30th, so the period ends on its last day (民法典第二百零二条).
    assert declaration_window(date(2025, 11, 30)).latest == date(2026, 2, 28)
    assert declaration_deadline_problem(deadline=date(2026, 3, 1), notice_on=date(2025, 11, 30)) is not None


def test_without_a_notice_date_the_deadline_only_has_to_follow_acceptance():
    assert declaration_deadline_problem(deadline=date(2026, 5, 1), accepted_on=date(2026, 3, 1)) is None
    assert "应晚于破产申请受理日" in declaration_deadline_problem(deadline=date(2026, 3, 1),
                                                               accepted_on=date(2026, 3, 1))


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(RuleInputError):
        declaration_window("2026-03-10")


def test_interest_ends_on_the_acceptance_day_and_not_later():
    assert interest_end(as_of=date(2026, 11, 1), accepted_on=date(2026, 3, 1)) == date(2026, 3, 1)
    assert interest_end(as_of=date(2026, 2, 1), accepted_on=date(2026, 3, 1)) == date(2026, 2, 1)
    assert interest_end(as_of=date(2026, 11, 1), accepted_on=None) == date(2026, 11, 1)


def test_interest_stops_at_acceptance_hand_derived():
    # 100,000.00 at 3.65% a year from 2026-01-01; accepted 2026-03-01: 59 counted days (1 Jan – 28 Feb), the
    # acceptance day itself bears none. 100000 × 3.65% × 59 / 365 = 590.00.
    end = interest_end(as_of=date(2026, 11, 1), accepted_on=date(2026, 3, 1))
    result = calculate_interest(principal=Decimal("100000.00"), start=date(2026, 1, 1), end=end,
                                rate=FixedRate(Decimal("3.65")))
    assert result.interest == Decimal("590.00")
    assert result.segments[-1].end == date(2026, 2, 28)


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_interest_never_grows_after_acceptance(accepted_after, later_by):
    start = date(2025, 1, 1)
    accepted = date.fromordinal(start.toordinal() + accepted_after)
    as_of = date.fromordinal(accepted.toordinal() + later_by)

    def interest(on):
        return calculate_interest(principal=Decimal("50000.00"), start=start,
                                  end=interest_end(as_of=on, accepted_on=accepted), rate=FixedRate(Decimal("6")),
                                  payments=[Payment(start, Decimal("1.00"))]).interest

    assert interest(as_of) == interest(accepted)
