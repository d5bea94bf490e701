"""The rules of the other roads to payment: the payment order's fee and objection period, and arbitration fees
on a commission's tiered schedule."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.arbitration_fees import FeeTier, arbitration_fee, tier_problems
from rules.court_fees import acceptance_fee, payment_order_fee
from rules.deadlines import deadline_for, holiday_calendar_from_package
from rules.errors import RuleInputError

D = Decimal
CALENDAR = holiday_calendar_from_package()


@pytest.mark.parametrize(
    ("amount", "acceptance", "third"),
    [
        ("10000", "50.00", "16.67"),  # the flat first bracket's edge
        ("10000.01", "50.00", "16.67"),  # 0.01 × 2.5% = 0.00025 rounds away
        ("100000", "2300.00", "766.67"),  # 50 + 90,000 × 2.5%
        ("200000", "4300.00", "1433.33"),
        ("500000", "8800.00", "2933.33"),
        ("1000000", "13800.00", "4600.00"),
        ("2000000", "22800.00", "7600.00"),
        ("5000000", "46800.00", "15600.00"),
        ("10000000", "81800.00", "27266.67"),
        ("20000000", "141800.00", "47266.67"),
        ("20000001", "141800.01", "47266.67"),  # 0.5% of 1 yuan: 0.005 rounds half up to 0.01
    ],
)
def test_payment_order_fee_is_one_third_of_the_acceptance_fee_at_every_bracket_edge(amount, acceptance, third):
    assert acceptance_fee(D(amount)).fee == D(acceptance)
    result = payment_order_fee(D(amount))
    assert result.fee == D(third)
    assert sum(line.amount for line in result.lines) == result.fee
    assert "第十四条(三)" in result.note


def test_objection_period_is_15_days_from_service_and_rolls_over_the_national_day_holiday():
    # Served 2024-09-20: the 15th day, 2024-10-05, falls in the National Day holiday; the first working day is
    # 2024-10-08 (民事诉讼法 第八十五条).
    result = deadline_for("payment_order_objection", date(2024, 9, 20), CALENDAR)
    assert result.nominal_deadline == date(2024, 10, 5)
    assert result.deadline == date(2024, 10, 8)
    assert result.rolled_over and result.holiday_data
    assert "第二百二十七条" in result.note


def test_objection_period_on_a_working_day_does_not_move():
    result = deadline_for("payment_order_objection", date(2026, 11, 2), CALENDAR)
    assert result.deadline == date(2026, 11, 17) and not result.rolled_over


# An example schedule: 100 yuan up to 1,000; then 100 + 5% above 1,000; from 50,000: 2,550 + 4% above …
TIERS = [FeeTier(D("0"), D("100"), D("0")), FeeTier(D("1000"), D("100"), D("0.05")),
         FeeTier(D("50000"), D("2550"), D("0.04")), FeeTier(D("100000"), D("4550"), D("0.03")),
         FeeTier(D("200000"), D("7550"), D("0.02")), FeeTier(D("500000"), D("13550"), D("0.01")),
         FeeTier(D("1000000"), D("18550"), D("0.005"))]


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        ("0", "100.00"),
        ("1000", "100.00"),  # the edge belongs to the lower tier
        ("1000.01", "100.00"),  # 0.01 × 5% rounds away
        ("1000.10", "100.01"),
        ("50000", "2550.00"),
        ("50000.50", "2550.02"),
        ("150000", "6050.00"),  # 4,550 + 50,000 × 3%
        ("896000", "17510.00"),  # 13,550 + 396,000 × 1%
        ("1000000", "18550.00"),
        ("3000000", "28550.00"),  # 18,550 + 2,000,000 × 0.5%
    ],
)
def test_arbitration_fee_from_tiers(amount, fee):
    result = arbitration_fee(D(amount), TIERS, commission="上海仲裁委员会")
    assert result.fee == D(fee)
    assert "上海仲裁委员会" in result.note


def test_a_tier_with_a_gap_at_its_start_is_charged_from_its_own_fixed_fee():
    tiers = [FeeTier(D("0"), D("50"), D("0.01")), FeeTier(D("10000"), D("500"), D("0.02"))]
    assert arbitration_fee(D("10000"), tiers).fee == D("150.00")  # the lower tier: 50 + 1% of 10,000
    assert arbitration_fee(D("10001"), tiers).fee == D("500.02")


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ([], "至少需要一个收费档次"),
        ([FeeTier(D("100"), D("10"), D("0"))], "第1档应从0元起"),
        ([FeeTier(D("0"), D("10"), D("0")), FeeTier(D("5000"), D("10"), D("0.01")),
          FeeTier(D("1000"), D("10"), D("0.01"))], "从小到大排列"),
        ([FeeTier(D("0"), D("10"), D("0")), FeeTier(D("0"), D("20"), D("0.01"))], "重复"),
        ([FeeTier(D("0"), D("10"), D("1"))], "费率应小于100%"),
        ([FeeTier(D("0"), D("-1"), D("0"))], "不能为负数"),
    ],
)
def test_bad_schedules_are_named_row_by_row(tiers, message):
    problems = tier_problems(tiers)
    assert problems and any(message in text for _row, text in problems)
    if tiers:
        with pytest.raises(RuleInputError) as error:
            arbitration_fee(D("1000"), tiers)
        assert message in error.value.message


def test_arbitration_fee_refuses_floats_and_negative_amounts():
    with pytest.raises(RuleInputError):
        arbitration_fee(1000.0, TIERS)  # type: ignore[arg-type]
    with pytest.raises(RuleInputError):
        arbitration_fee(D("-1"), TIERS)


@given(st.decimals(min_value=0, max_value=10 ** 9, places=2, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=0, max_value=10 ** 9, places=2, allow_nan=False, allow_infinity=False))
def test_arbitration_fee_never_falls_as_the_claim_grows(first, second):
    low, high = sorted((first, second))
    assert arbitration_fee(low, TIERS).fee <= arbitration_fee(high, TIERS).fee
