"""Court fees (《诉讼费用交纳办法》): worked examples, every bracket edge, and properties.

Expected values are computed by hand in the comments; HALF_UP rounding is checked where a line ends in 5.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.court_fees import (
    acceptance_fee,
    acceptance_fee_halved,
    execution_fee,
    payment_order_fee,
    preservation_fee,
)
from rules.errors import RuleInputError

D = Decimal


@pytest.mark.parametrize(
    ("amount", "acceptance", "halved", "preservation", "execution"),
    [
        ("8000", "50.00", "25.00", "100.00", "50.00"),
        ("50000", "1050.00", "525.00", "520.00", "650.00"),
        ("150000", "3300.00", "1650.00", "1270.00", "2150.00"),
        ("896000", "12760.00", "6380.00", "5000.00", "11360.00"),
    ],
)
def test_worked_examples_of_rules_md(amount, acceptance, halved, preservation, execution):
    assert acceptance_fee(D(amount)).fee == D(acceptance)
    assert acceptance_fee_halved(D(amount)).fee == D(halved)
    assert preservation_fee(D(amount)).fee == D(preservation)
    assert execution_fee(D(amount)).fee == D(execution)


# 受理费 at each edge b: F(b) is 50, 2300, 4300, 8800, 13800, 22800, 46800, 81800, 141800.
ACCEPTANCE_EDGES = [
    # 10,000: flat 50 below; 1 yuan above is 0.025 → 0.03 (half up)
    ("9999", "50.00"),
    ("9999.99", "50.00"),
    ("10000", "50.00"),
    ("10000.01", "50.00"),
    ("10000.20", "50.01"),  # 0.20 × 2.5% = 0.005 → 0.01 half up (half-even would give 50.00)
    ("10001", "50.03"),
    # 100,000: 50 + 89,999 × 2.5% = 50 + 2249.975 → 2299.98
    ("99999", "2299.98"),
    ("99999.99", "2300.00"),
    ("100000", "2300.00"),
    ("100000.01", "2300.00"),
    ("100001", "2300.02"),
    # 200,000: 2300 + 99,999 × 2% = 4299.98
    ("199999", "4299.98"),
    ("199999.99", "4300.00"),
    ("200000", "4300.00"),
    ("200000.01", "4300.00"),
    ("200001", "4300.02"),  # 1 × 1.5% = 0.015 → 0.02
    # 500,000: 4300 + 299,999 × 1.5% = 4300 + 4499.985 → 8799.99
    ("499999", "8799.99"),
    ("499999.99", "8800.00"),
    ("500000", "8800.00"),
    ("500000.01", "8800.00"),
    ("500001", "8800.01"),
    # 1,000,000: 8800 + 499,999 × 1% = 13799.99
    ("999999", "13799.99"),
    ("999999.99", "13800.00"),
    ("1000000", "13800.00"),
    ("1000000.01", "13800.00"),
    ("1000001", "13800.01"),  # 0.009 → 0.01
    # 2,000,000: 13800 + 999,999 × 0.9% = 13800 + 8999.991 → 22799.99
    ("1999999", "22799.99"),
    ("1999999.99", "22800.00"),
    ("2000000", "22800.00"),
    ("2000000.01", "22800.00"),
    ("2000001", "22800.01"),
    # 5,000,000: 22800 + 2,999,999 × 0.8% = 22800 + 23999.992 → 46799.99
    ("4999999", "46799.99"),
    ("4999999.99", "46800.00"),
    ("5000000", "46800.00"),
    ("5000000.01", "46800.00"),
    ("5000001", "46800.01"),
    # 10,000,000: 46800 + 4,999,999 × 0.7% = 46800 + 34999.993 → 81799.99
    ("9999999", "81799.99"),
    ("9999999.99", "81800.00"),
    ("10000000", "81800.00"),
    ("10000000.01", "81800.00"),
    ("10000001", "81800.01"),
    # 20,000,000: 81800 + 9,999,999 × 0.6% = 81800 + 59999.994 → 141799.99
    ("19999999", "141799.99"),
    ("19999999.99", "141800.00"),
    ("20000000", "141800.00"),
    ("20000000.01", "141800.00"),
    ("20000001", "141800.01"),  # 0.005 → 0.01
    ("30000000", "191800.00"),  # 141800 + 10,000,000 × 0.5%
    ("0", "50.00"),
]


@pytest.mark.parametrize(("amount", "expected"), ACCEPTANCE_EDGES)
def test_acceptance_fee_bracket_edges(amount, expected):
    result = acceptance_fee(D(amount))
    assert result.fee == D(expected)
    assert sum(line.amount for line in result.lines) == result.fee


PRESERVATION_EDGES = [
    ("999", "30.00"),
    ("999.99", "30.00"),
    ("1000", "30.00"),
    ("1000.01", "30.00"),
    ("1001", "30.01"),
    # 100,000: 30 + 99,000 × 1% = 1020; 99,999 → 30 + 989.99
    ("99999", "1019.99"),
    ("99999.99", "1020.00"),
    ("100000", "1020.00"),
    ("100000.01", "1020.00"),
    ("100001", "1020.01"),  # 1 × 0.5% = 0.005 → 0.01
    # the cap is reached at 896,000: 30 + 990 + 796,000 × 0.5% = 5000
    ("895998", "4999.99"),  # 795,998 × 0.5% = 3979.99
    ("895999", "5000.00"),  # 795,999 × 0.5% = 3979.995 → 3980.00
    ("895999.99", "5000.00"),
    ("896000", "5000.00"),
    ("896000.01", "5000.00"),
    ("896001", "5000.00"),
    ("10000000", "5000.00"),
]


@pytest.mark.parametrize(("amount", "expected"), PRESERVATION_EDGES)
def test_preservation_fee_bracket_edges(amount, expected):
    result = preservation_fee(D(amount))
    assert result.fee == D(expected)
    assert sum(line.amount for line in result.lines) == result.fee


def test_preservation_fee_for_8000_keeps_the_30_yuan():
    # One online calculator drops the 30 yuan: 1% × 7,000 = 70 would be wrong.
    result = preservation_fee(D("8000"))
    assert result.fee == D("100.00")
    assert [line.amount for line in result.lines] == [D("30.00"), D("70.00")]


def test_preservation_cap_is_shown_as_a_line():
    result = preservation_fee(D("2000000"))
    # 30 + 990 + 1,900,000 × 0.5% = 10,520 uncapped
    assert [line.kind for line in result.lines] == ["flat", "bracket", "bracket", "cap"]
    cap = result.lines[-1]
    assert cap.base == D("10520.00")
    assert cap.flat == D("5000.00")
    assert cap.amount == D("-5520.00")
    assert result.fee == D("5000.00")
    assert "5,000" in result.note
    # exactly at the cap no cap line is needed
    assert all(line.kind != "cap" for line in preservation_fee(D("896000")).lines)
    # one yuan above, the uncapped total is 5000.01 and the cap line removes 0.01
    assert preservation_fee(D("896001")).lines[-1].amount == D("-0.01")


def test_preservation_fee_without_amount_is_30():
    result = preservation_fee(None)
    assert result.fee == D("30.00")
    assert result.amount is None
    assert "30" in result.note


EXECUTION_EDGES = [
    ("9999", "50.00"),
    ("9999.99", "50.00"),
    ("10000", "50.00"),
    ("10000.01", "50.00"),
    ("10001", "50.02"),  # 1 × 1.5% = 0.015 → 0.02
    # 500,000: 50 + 490,000 × 1.5% = 7400; 499,999 → 50 + 7349.985 → 7399.99
    ("499999", "7399.99"),
    ("499999.99", "7400.00"),
    ("500000", "7400.00"),
    ("500000.01", "7400.00"),
    ("500001", "7400.01"),
    # 5,000,000: 7400 + 4,500,000 × 1% = 52400
    ("4999999", "52399.99"),
    ("4999999.99", "52400.00"),
    ("5000000", "52400.00"),
    ("5000000.01", "52400.00"),
    ("5000001", "52400.01"),  # 0.005 → 0.01
    # 10,000,000: 52400 + 5,000,000 × 0.5% = 77400
    ("9999998", "77399.99"),
    ("9999999", "77400.00"),  # 4,999,999 × 0.5% = 24999.995 → 25000.00
    ("9999999.99", "77400.00"),
    ("10000000", "77400.00"),
    ("10000000.01", "77400.00"),
    ("10000001", "77400.00"),  # 1 × 0.1% = 0.001 → 0.00
    ("10000010", "77400.01"),
    # the 0.1% (not 1%) above 10,000,000: 77400 + 10,000,000 × 0.1%
    ("20000000", "87400.00"),
]


@pytest.mark.parametrize(("amount", "expected"), EXECUTION_EDGES)
def test_execution_fee_bracket_edges(amount, expected):
    result = execution_fee(D(amount))
    assert result.fee == D(expected)
    assert sum(line.amount for line in result.lines) == result.fee


def test_execution_fee_without_amount():
    result = execution_fee(None)
    assert result.fee == D("50.00")
    assert "50元至500元" in result.note
    assert execution_fee(None, fee_without_amount=D("300")).fee == D("300.00")
    with pytest.raises(RuleInputError) as caught:
        execution_fee(None, fee_without_amount=D("501"))
    assert caught.value.code == "out_of_range"


@pytest.mark.parametrize(
    ("amount", "halved", "third"),
    [
        ("8000", "25.00", "16.67"),  # 50 / 3 = 16.666… → 16.67
        ("50000", "525.00", "350.00"),
        ("150000", "1650.00", "1100.00"),
        ("896000", "6380.00", "4253.33"),  # 12760 / 3 = 4253.333…
        ("10000.20", "25.01", "16.67"),  # 50.01 / 2 = 25.005 → 25.01 half up
        ("10000.40", "25.01", "16.67"),  # 50 + 0.01 = 50.01
        ("10000.80", "25.01", "16.67"),  # 50.02 / 2 = 25.01; 50.02 / 3 = 16.673…
    ],
)
def test_halved_and_payment_order(amount, halved, third):
    halved_result = acceptance_fee_halved(D(amount))
    third_result = payment_order_fee(D(amount))
    assert halved_result.fee == D(halved)
    assert third_result.fee == D(third)
    # the reduction is its own line, so the printed lines still add up
    assert halved_result.lines[-1].kind == "reduction"
    assert sum(line.amount for line in halved_result.lines) == halved_result.fee
    assert sum(line.amount for line in third_result.lines) == third_result.fee
    assert "第十五条" in halved_result.note and "第十六条" in halved_result.note
    assert "第十四条(三)" in third_result.note


def test_lines_of_896000():
    result = acceptance_fee(D("896000"))
    assert [(line.lower, line.upper, line.rate, line.base, line.amount) for line in result.lines] == [
        (D("0"), D("10000"), None, D("10000.00"), D("50.00")),
        (D("10000"), D("100000"), D("0.025"), D("90000.00"), D("2250.00")),
        (D("100000"), D("200000"), D("0.02"), D("100000.00"), D("2000.00")),
        (D("200000"), D("500000"), D("0.015"), D("300000.00"), D("4500.00")),
        (D("500000"), D("1000000"), D("0.01"), D("396000.00"), D("3960.00")),
    ]
    assert "第十三条" in result.note


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (D("-0.01"), "negative_amount"),
        (D("1.005"), "too_many_decimals"),
        (D("1000000000000"), "too_large"),
        (1.5, "not_decimal"),
        ("100", "not_decimal"),
        (D("NaN"), "not_finite"),
    ],
)
def test_invalid_amounts(value, code):
    for calculator in (
        acceptance_fee,
        acceptance_fee_halved,
        payment_order_fee,
        preservation_fee,
        execution_fee,
    ):
        with pytest.raises(RuleInputError) as caught:
            calculator(value)
        assert caught.value.code == code
        assert caught.value.message


def test_int_amount_is_accepted():
    assert acceptance_fee(50000).fee == D("1050.00")


amounts = st.decimals(min_value=0, max_value=D("100000000"), places=2, allow_nan=False, allow_infinity=False)
CALCULATORS = (acceptance_fee, acceptance_fee_halved, payment_order_fee, preservation_fee, execution_fee)
EDGES = [
    D(edge)
    for edge in (
        "1000",
        "10000",
        "100000",
        "200000",
        "500000",
        "896000",
        "1000000",
        "2000000",
        "5000000",
        "10000000",
        "20000000",
    )
]


@given(amounts, amounts)
def test_fees_never_decrease(first, second):
    low, high = sorted((first, second))
    for calculator in CALCULATORS:
        assert calculator(low).fee <= calculator(high).fee


@given(amounts)
def test_one_fen_more_costs_at_most_one_fen(amount):
    # continuity: no bracket has a jump; the steepest rate (2.5%) of 0.01 rounds to at most 0.01
    for calculator in CALCULATORS:
        assert D("0") <= calculator(amount + D("0.01")).fee - calculator(amount).fee <= D("0.01")


@pytest.mark.parametrize("edge", EDGES)
def test_continuity_at_each_edge(edge):
    for calculator in CALCULATORS:
        below, at, above = (calculator(edge + delta).fee for delta in (D("-0.01"), D("0"), D("0.01")))
        assert at - below <= D("0.01")
        assert above - at <= D("0.01")


@given(st.decimals(min_value=0, max_value=D("999999999999.99"), places=2))
def test_preservation_fee_never_above_5000(amount):
    assert D("30") <= preservation_fee(amount).fee <= D("5000")


@given(amounts)
def test_lines_always_add_up(amount):
    for calculator in CALCULATORS:
        result = calculator(amount)
        assert sum(line.amount for line in result.lines) == result.fee
        assert result.fee == result.fee.quantize(D("0.01"))
