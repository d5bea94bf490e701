"""Risk-based fee caps (司发通〔2021〕87号) and the checks on a risk arrangement."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.errors import RuleInputError
from rules.risk_fees import (
    BANNED_CAUSES,
    CAUSE_LABELS,
    capped_success_fee,
    check_risk_arrangement,
    risk_fee_allowed,
    risk_fee_cap,
)

D = Decimal


def test_examples_of_rules_md():
    assert risk_fee_cap(D("500000")).cap == D("90000.00")
    # 1,000,000 × 18% + 2,000,000 × 15%
    result = risk_fee_cap(D("3000000"))
    assert result.cap == D("480000.00")
    assert [(piece.rate, piece.base, piece.amount) for piece in result.slices] == [
        (D("0.18"), D("1000000.00"), D("180000.00")),
        (D("0.15"), D("2000000.00"), D("300000.00")),
    ]


# C(1M) = 180,000; C(5M) = 780,000; C(10M) = 1,380,000; C(50M) = 4,980,000.
@pytest.mark.parametrize(
    ("amount", "cap"),
    [
        ("0", "0.00"),
        ("0.01", "0.00"),  # 0.0018 → 0.00
        ("999999", "179999.82"),
        ("999999.99", "180000.00"),  # 179,999.9982
        ("1000000", "180000.00"),
        ("1000000.01", "180000.00"),
        ("1000001", "180000.15"),
        ("4999999", "779999.85"),
        ("4999999.99", "780000.00"),
        ("5000000", "780000.00"),
        ("5000000.01", "780000.00"),
        ("5000001", "780000.12"),
        ("9999999", "1379999.88"),
        ("9999999.99", "1380000.00"),
        ("10000000", "1380000.00"),
        ("10000000.01", "1380000.00"),
        ("10000001", "1380000.09"),
        ("49999999", "4979999.91"),
        ("49999999.99", "4980000.00"),
        ("50000000", "4980000.00"),
        ("50000000.01", "4980000.00"),
        ("50000001", "4980000.06"),
        ("60000000", "5580000.00"),
    ],
)
def test_cap_at_every_slice_edge(amount, cap):
    result = risk_fee_cap(D(amount))
    assert result.cap == D(cap)
    assert sum(piece.amount for piece in result.slices) == result.cap


@given(st.decimals(min_value=0, max_value=D("999999999999.99"), places=2))
def test_cap_never_above_18_percent(amount):
    cap = risk_fee_cap(amount).cap
    # the cap is rounded half up like every amount, so compare with 18% rounded the same way
    assert cap <= (amount * D("0.18")).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert cap <= amount * D("0.18") + D("0.005")


@given(
    st.decimals(min_value=0, max_value=D("100000000"), places=2),
    st.decimals(min_value=0, max_value=D("100000000"), places=2),
)
def test_cap_grows_with_the_amount(first, second):
    low, high = sorted((first, second))
    assert risk_fee_cap(low).cap <= risk_fee_cap(high).cap
    # marginal, so never more than 18% of the increase (plus rounding)
    assert risk_fee_cap(high).cap - risk_fee_cap(low).cap <= (high - low) * D("0.18") + D("0.01")


def test_allowed_and_banned_causes():
    assert risk_fee_allowed("sale") == (True, None)
    assert risk_fee_allowed("loan") == (True, None)
    for cause in (
        "criminal",
        "administrative",
        "state_compensation",
        "group_litigation",
        "marriage_inheritance",
        "social_insurance",
        "minimum_living",
        "maintenance",
        "pension",
        "relief",
        "work_injury",
        "labour_pay",
    ):
        allowed, reason = risk_fee_allowed(cause)
        assert not allowed
        assert CAUSE_LABELS[cause] in reason
        assert cause in BANNED_CAUSES
    assert set(CAUSE_LABELS) == BANNED_CAUSES | {"sale", "loan", "construction", "lease", "service", "other"}
    with pytest.raises(RuleInputError) as caught:
        risk_fee_allowed("divorce")
    assert caught.value.code == "unknown_cause"


def test_seed_arrangement_is_fine_for_an_ordinary_debt():
    # 5% + 10% = 15% of 3,000,000 = 450,000 ≤ cap 480,000
    assert (
        check_risk_arrangement(
            upfront_rate=D("0.05"), success_rate=D("0.10"), placed_amount=D("3000000"), cause="sale"
        )
        == []
    )


def test_seed_arrangement_breaks_the_cap_on_a_large_debt():
    # 60,000,000: cap 5,580,000 (9.3%); 5% + 10% = 9,000,000
    problems = check_risk_arrangement(
        upfront_rate=D("0.05"), success_rate=D("0.10"), placed_amount=D("60000000"), cause="loan"
    )
    assert len(problems) == 1
    assert "9,000,000.00" in problems[0] and "5,580,000.00" in problems[0]
    # 2% + 10% = 7,200,000 still above 5,580,000
    assert check_risk_arrangement(
        upfront_rate=D("0.02"), success_rate=D("0.10"), placed_amount=D("60000000"), cause="loan"
    )


def test_arrangement_problems():
    problems = check_risk_arrangement(
        upfront_rate=D("0.06"), success_rate=D("0.20"), placed_amount=D("100000"), cause="labour_pay"
    )
    assert len(problems) == 4  # banned cause, upfront above 5%, success above 18%, total above cap
    assert any("劳动报酬" in problem for problem in problems)
    assert any("6%" in problem for problem in problems)
    assert any("20%" in problem for problem in problems)
    assert check_risk_arrangement(
        upfront_rate=D("0.01"), success_rate=D("0.10"), placed_amount=D("100000"), cause="sale"
    ) == ["前期费用比例1%不在本所标准方案2%–5%的范围内。"]
    # the edges 2% and 5% are inside the range
    assert (
        check_risk_arrangement(
            upfront_rate=D("0.02"), success_rate=D("0.16"), placed_amount=D("100000"), cause="sale"
        )
        == []
    )
    # 18% itself is allowed; only the total is a problem: 23% of 100,000 > 18,000
    problems = check_risk_arrangement(
        upfront_rate=D("0.05"), success_rate=D("0.18"), placed_amount=D("100000"), cause="sale"
    )
    assert len(problems) == 1 and "23,000.00" in problems[0]


def test_rates_are_fractions():
    with pytest.raises(RuleInputError) as caught:
        check_risk_arrangement(upfront_rate=D("5"), success_rate=D("0.1"), placed_amount=D("1"), cause="sale")
    assert caught.value.code == "rate_too_large"
    with pytest.raises(RuleInputError) as caught:
        check_risk_arrangement(
            upfront_rate=D("-0.01"), success_rate=D("0.1"), placed_amount=D("1"), cause="sale"
        )
    assert caught.value.code == "negative_rate"


def test_capped_success_fee_single_stage():
    # 10% of 500,000 = 50,000; cap 90,000; 20,000 upfront already charged → 50,000 fits
    assert capped_success_fee(
        recovered_total=D("500000"), success_rate=D("0.10"), fees_already_charged=D("20000")
    ) == D("50000.00")
    # 50,000 upfront: only 40,000 of room left under the cap
    assert capped_success_fee(
        recovered_total=D("500000"), success_rate=D("0.10"), fees_already_charged=D("50000")
    ) == D("40000.00")
    # small recovery: cap 18% of 100,000 = 18,000, already 25,000 charged → nothing, never negative
    assert capped_success_fee(
        recovered_total=D("100000"), success_rate=D("0.10"), fees_already_charged=D("25000")
    ) == D("0.00")


def test_capped_success_fee_over_stages():
    # stage 1: recovered 1,000,000, upfront 150,000 charged; 10% = 100,000 but cap 180,000 leaves 30,000
    stage_one = capped_success_fee(
        recovered_total=D("1000000"), success_rate=D("0.10"), fees_already_charged=D("150000")
    )
    assert stage_one == D("30000.00")
    # stage 2: cumulative 3,000,000 → cap 480,000; entitled 300,000 − 30,000 = 270,000; room 480,000 − 180,000
    stage_two = capped_success_fee(
        recovered_total=D("3000000"),
        success_rate=D("0.10"),
        fees_already_charged=D("180000"),
        success_fees_already_charged=stage_one,
    )
    assert stage_two == D("270000.00")
    assert D("180000") + stage_two <= risk_fee_cap(D("3000000")).cap
    with pytest.raises(RuleInputError) as caught:
        capped_success_fee(
            recovered_total=D("1"),
            success_rate=D("0.1"),
            fees_already_charged=D("1"),
            success_fees_already_charged=D("2"),
        )
    assert caught.value.code == "inconsistent"


@given(
    recovered=st.decimals(min_value=0, max_value=D("100000000"), places=2),
    rate=st.decimals(min_value=0, max_value=1, places=3),
    charged=st.decimals(min_value=0, max_value=D("10000000"), places=2),
)
def test_capped_success_fee_keeps_everything_within_the_cap(recovered, rate, charged):
    fee = capped_success_fee(recovered_total=recovered, success_rate=rate, fees_already_charged=charged)
    assert fee >= 0
    assert fee <= (recovered * rate).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    if fee > 0:
        assert charged + fee <= risk_fee_cap(recovered).cap
