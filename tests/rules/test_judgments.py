"""After a judgment: its effective date and last day for performance, and the doubled interest for late
performance (法释〔2014〕8号), hand-derived at the edges."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.deadlines import holiday_calendar_from_package
from rules.errors import RuleInputError
from rules.interest import Payment
from rules.judgments import judgment_dates, late_performance_interest
from rules.rates import FixedRate

CALENDAR = holiday_calendar_from_package()
D = Decimal


def test_judgment_takes_effect_when_its_appeal_period_ends_rolled_past_the_national_day():
    # rules.md: served 2024-09-20, the 15th day is 2024-10-05 (holiday), so the appeal period ends 2024-10-08.
    dates = judgment_dates(decision="judgment", served_on=date(2024, 9, 20), performance_days=10, calendar=CALENDAR)
    assert dates.effective_on == date(2024, 10, 8)
    assert dates.performance_due_on == date(2024, 10, 18)  # the effective day not counted
    assert dates.late_from == date(2024, 10, 19)
    assert dates.holiday_data and not dates.effective_entered and not dates.performance_entered


def test_judgment_served_on_7_november_is_due_ten_days_after_its_appeal_period():
    # 2026-11-22 (the 15th day) is a Sunday: effective 2026-11-23, performance due 2026-12-03.
    dates = judgment_dates(decision="judgment", served_on=date(2026, 11, 7), performance_days=10, calendar=CALENDAR)
    assert (dates.effective_on, dates.performance_due_on) == (date(2026, 11, 23), date(2026, 12, 3))


def test_ruling_appeal_period_is_ten_days_and_mediation_takes_effect_on_service():
    ruling = judgment_dates(decision="ruling", served_on=date(2026, 3, 2), performance_days=5, calendar=CALENDAR)
    assert ruling.effective_on == date(2026, 3, 12)
    assert ruling.performance_due_on == date(2026, 3, 17)
    mediation = judgment_dates(decision="mediation", served_on=date(2026, 3, 2), performance_days=None,
                               calendar=CALENDAR)
    assert mediation.effective_on == date(2026, 3, 2) and mediation.performance_due_on is None


def test_final_judgment_takes_effect_on_service_and_zero_days_means_at_once():
    dates = judgment_dates(decision="judgment", served_on=date(2026, 3, 2), performance_days=0, final=True,
                           calendar=CALENDAR)
    assert dates.effective_on == dates.performance_due_on == date(2026, 3, 2)


def test_performance_deadline_on_a_holiday_rolls_to_the_next_working_day():
    # Effective 2026-09-21 (a Monday) + 10 days = 2026-10-01, National Day: due on the first working day after.
    dates = judgment_dates(decision="judgment", served_on=date(2026, 9, 6), performance_days=10, calendar=CALENDAR)
    assert dates.effective_on == date(2026, 9, 21)
    assert dates.performance_due_on == date(2026, 10, 8)
    assert any("顺延" in note for note in dates.notes)


def test_dates_entered_by_hand_win_over_the_computed_ones():
    dates = judgment_dates(decision="judgment", served_on=date(2026, 3, 2), performance_days=10,
                           effective_on=date(2026, 3, 10), calendar=CALENDAR)
    assert dates.effective_on == date(2026, 3, 10) and dates.effective_entered
    assert dates.performance_due_on == date(2026, 3, 20)
    entered = judgment_dates(decision="judgment", served_on=date(2026, 3, 2), performance_days=10,
                             performance_due_on=date(2026, 4, 1), calendar=CALENDAR)
    assert entered.performance_due_on == date(2026, 4, 1) and entered.performance_entered


def test_withdrawn_suit_has_no_dates():
    dates = judgment_dates(decision="withdrawn", served_on=date(2026, 3, 2), performance_days=10, calendar=CALENDAR)
    assert dates.effective_on is None and dates.performance_due_on is None


@pytest.mark.parametrize("days", [-1, 1.5, True, 99999])
def test_bad_performance_term_is_refused(days):
    with pytest.raises(RuleInputError) as caught:
        judgment_dates(decision="judgment", served_on=date(2026, 3, 2), performance_days=days, calendar=CALENDAR)
    assert "履行期限天数" in caught.value.message


def test_deadline_day_itself_accrues_nothing():
    result = late_performance_interest(principal=D("100000.00"), performance_due_on=date(2026, 1, 10),
                                       as_of=date(2026, 1, 10))
    assert result.late_interest == D("0.00") and result.segments == ()
    assert result.total_outstanding == D("100000.00")


def test_doubled_interest_base_is_principal_awarded_interest_and_costs():
    # (100,000 + 5,000 + 2,300) × 0.0175% × 10 days = 187.775 → 187.78 (half up).
    result = late_performance_interest(principal=D("100000.00"), interest=D("5000.00"), costs=D("2300.00"),
                                       performance_due_on=date(2026, 1, 10), as_of=date(2026, 1, 20))
    (segment,) = result.segments
    assert (segment.start, segment.end, segment.days, segment.base) == (
        date(2026, 1, 11), date(2026, 1, 20), 10, D("107300.00"))
    assert segment.amount == D("187.78") and segment.daily_rate == D("0.0175")
    assert result.total_outstanding == D("107487.78")


def test_payment_on_a_day_counts_that_day_late_then_lowers_the_base():
    # Paid 7,300 on 01-15: costs 2,300 then interest 5,000 (民法典561). 01-11..01-15 on 107,300 (93.8875 → 93.89),
    # 01-16..01-20 on 100,000 (87.50).
    result = late_performance_interest(principal=D("100000.00"), interest=D("5000.00"), costs=D("2300.00"),
                                       performance_due_on=date(2026, 1, 10), as_of=date(2026, 1, 20),
                                       payments=[Payment(date(2026, 1, 15), D("7300.00"))])
    assert [(s.start, s.end, s.base, s.amount) for s in result.segments] == [
        (date(2026, 1, 11), date(2026, 1, 15), D("107300.00"), D("93.89")),
        (date(2026, 1, 16), date(2026, 1, 20), D("100000.00"), D("87.50"))]
    (applied,) = result.payments_applied
    assert (applied.to_costs, applied.to_interest, applied.to_principal) == (D("2300.00"), D("5000.00"), D("0"))
    assert result.late_interest == D("181.39")


def test_full_payment_stops_it_and_pays_the_debt_before_the_doubled_interest():
    # 50,000 due 01-10; paid 50,100 on 01-20: 10 days × 8.75 = 87.50; the debt first, then 100 of the 87.50.
    result = late_performance_interest(principal=D("50000.00"), performance_due_on=date(2026, 1, 10),
                                       as_of=date(2026, 3, 1), payments=[Payment(date(2026, 1, 20), D("50100.00"))])
    (segment,) = result.segments
    assert segment.days == 10 and segment.amount == D("87.50")
    (applied,) = result.payments_applied
    assert applied.to_principal == D("50000.00") and applied.to_late_performance == D("87.50")
    assert applied.unapplied == D("12.50") and result.overpaid == D("12.50")
    assert result.total_outstanding == D("0.00")


def test_payment_before_the_deadline_lowers_the_base_from_the_start():
    result = late_performance_interest(principal=D("10000.00"), performance_due_on=date(2026, 1, 10),
                                       as_of=date(2026, 1, 11), payments=[Payment(date(2026, 1, 5), D("4000.00"))])
    (segment,) = result.segments
    assert segment.base == D("6000.00") and segment.days == 1 and segment.amount == D("1.05")


def test_continuing_ordinary_interest_stays_out_of_the_base():
    # Interest 3.65% a year on 100,000 from 01-01 (10 a day), doubled interest from 01-11 on 100,000 only.
    result = late_performance_interest(principal=D("100000.00"), performance_due_on=date(2026, 1, 10),
                                       as_of=date(2026, 1, 20), continuing_rate=FixedRate(D("3.65")),
                                       continuing_from=date(2026, 1, 1))
    assert result.continuing_interest == D("200.00")
    assert result.late_interest == D("175.00")
    assert all(s.base == D("100000.00") for s in result.segments)
    assert result.total_outstanding == D("100375.00")


def test_payments_after_the_as_of_day_are_ignored_and_bad_amounts_refused():
    result = late_performance_interest(principal=D("100.00"), performance_due_on=date(2026, 1, 10),
                                       as_of=date(2026, 1, 11), payments=[Payment(date(2026, 2, 1), D("100.00"))])
    assert result.payments_applied == ()
    with pytest.raises(RuleInputError):
        late_performance_interest(principal=D("100.001"), performance_due_on=date(2026, 1, 10), as_of=date(2026, 1, 11))
    with pytest.raises(RuleInputError):
        late_performance_interest(principal=100.0, performance_due_on=date(2026, 1, 10), as_of=date(2026, 1, 11))


@settings(max_examples=60, deadline=None)
@given(principal=st.integers(min_value=1, max_value=10_000_000), days=st.integers(min_value=0, max_value=800),
       paid=st.integers(min_value=1, max_value=10_000_000), paid_after=st.integers(min_value=0, max_value=800))
def test_doubled_interest_never_negative_and_payments_fully_accounted(principal, days, paid, paid_after):
    due = date(2025, 1, 10)
    as_of = date.fromordinal(due.toordinal() + days)
    pay_on = date.fromordinal(due.toordinal() + min(paid_after, days))
    result = late_performance_interest(principal=D(principal), performance_due_on=due, as_of=as_of,
                                       payments=[Payment(pay_on, D(paid))])
    assert result.late_interest >= 0
    (applied,) = result.payments_applied
    assert applied.to_costs + applied.to_interest + applied.to_principal + applied.to_late_performance \
        + applied.unapplied == D(paid)
    assert result.total_outstanding == result.principal_outstanding + result.late_interest_outstanding
