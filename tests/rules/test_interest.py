"""Interest: per-period LPR, payments (costs → interest → principal), late performance, conventions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.errors import RuleInputError
from rules.interest import Payment, calculate_interest
from rules.lpr_seed import LPR_SEED
from rules.rates import FixedRate, LprRate, LprTable

D = Decimal
SEED = LprTable(LPR_SEED)


def test_lpr_table_lookup():
    assert SEED.rate_on(date(2019, 8, 20)) == D("4.25")
    assert SEED.rate_on(date(2024, 10, 20)) == D("3.35")
    assert SEED.rate_on(date(2024, 10, 21)) == D("3.10")
    assert SEED.rate_on(date(2030, 1, 1)) == D("3.00")
    assert SEED.last_date == date(2025, 5, 20)
    assert SEED.change_dates_between(date(2024, 7, 22), date(2024, 10, 21)) == (date(2024, 10, 21),)
    assert SEED.change_dates_between(date(2024, 7, 21), date(2024, 10, 20)) == (date(2024, 7, 22),)
    with pytest.raises(RuleInputError) as caught:
        SEED.rate_on(date(2019, 8, 19))
    assert caught.value.code == "before_lpr_table"
    # the table is data: any order in, sorted out; duplicates refused
    shuffled = LprTable(tuple(reversed(LPR_SEED)))
    assert shuffled.entries == SEED.entries
    with pytest.raises(RuleInputError):
        LprTable(((date(2020, 1, 1), D("4")), (date(2020, 1, 1), D("3"))))


def test_per_period_lpr_across_rate_changes():
    # 100,000 from 2024-07-01 to 2024-11-01, 算头不算尾, 365:
    #   07-01..07-21  21 days × 3.45% = 198.4931… → 198.49
    #   07-22..10-20  91 days × 3.35% = 835.2055… → 835.21
    #   10-21..10-31  11 days × 3.10% =  93.4247… →  93.42
    result = calculate_interest(
        principal=D("100000"), start=date(2024, 7, 1), end=date(2024, 11, 1), rate=LprRate(), lpr_table=SEED
    )
    assert [(s.start, s.end, s.days, s.annual_rate, s.amount) for s in result.segments] == [
        (date(2024, 7, 1), date(2024, 7, 21), 21, D("3.45"), D("198.49")),
        (date(2024, 7, 22), date(2024, 10, 20), 91, D("3.35"), D("835.21")),
        (date(2024, 10, 21), date(2024, 10, 31), 11, D("3.10"), D("93.42")),
    ]
    assert result.interest == D("1127.12")
    assert result.total_outstanding == D("101127.12")
    assert not result.lpr_beyond_table
    assert (result.day_basis, result.count_start_day, result.count_end_day) == (365, True, False)
    assert any("算头不算尾" in note for note in result.notes)


def test_lpr_fixed_on_breach_date_times_multiplier():
    # 买卖合同: LPR on the breach date 2024-07-01 (3.45%) + 50% = 5.175% for all 123 days
    # 100,000 × 5.175% × 123 / 365 = 1743.904… → 1743.90
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 7, 1),
        end=date(2024, 11, 1),
        rate=LprRate(multiplier=D("1.5"), fixed_on=date(2024, 7, 1)),
        lpr_table=SEED,
    )
    assert len(result.segments) == 1
    assert result.segments[0].annual_rate == D("5.175")
    assert result.interest == D("1743.90")


def test_payment_goes_to_costs_then_interest_then_principal():
    # 100,000 at 6%, 2024-01-01 → 2024-12-31, costs 500, 10,000 paid on 2024-07-01.
    #   01-01..06-30  182 days: 6000 × 182 / 365 = 2991.7808 → 2991.78
    #   payment: 500 costs, 2991.78 interest, 6508.22 principal → principal 93,491.78
    #   07-01..12-30  183 days: 93,491.78 × 6% × 183 / 365 = 2812.4376 → 2812.44
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        rate=FixedRate(D("6")),
        costs=D("500"),
        payments=[Payment(date(2024, 7, 1), D("10000"))],
    )
    (applied,) = result.payments_applied
    assert (applied.to_costs, applied.to_interest, applied.to_principal) == (
        D("500.00"),
        D("2991.78"),
        D("6508.22"),
    )
    assert [(s.days, s.principal, s.amount) for s in result.segments] == [
        (182, D("100000.00"), D("2991.78")),
        (183, D("93491.78"), D("2812.44")),
    ]
    assert result.interest == D("5804.22")
    assert result.interest_outstanding == D("2812.44")
    assert result.principal_outstanding == D("93491.78")
    assert result.costs_outstanding == D("0.00")
    assert result.total_outstanding == D("96304.22")
    assert any("第五百六十一条" in note for note in result.notes)


def test_small_payment_leaves_principal_untouched():
    # 2,000 paid: 500 costs, 1,500 of the 2,991.78 interest; principal stays 100,000
    # second half: 6000 × 183 / 365 = 3008.2192 → 3008.22
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        rate=FixedRate(D("6")),
        costs=D("500"),
        payments=[Payment(date(2024, 7, 1), D("2000"))],
    )
    applied = result.payments_applied[0]
    assert (applied.to_costs, applied.to_interest, applied.to_principal) == (
        D("500.00"),
        D("1500.00"),
        D("0.00"),
    )
    assert result.principal_outstanding == D("100000.00")
    assert result.interest_outstanding == D("1491.78") + D("3008.22")


def test_late_performance_interest_with_payment():
    # Judgment: 100,000 at 3.45% from 2024-01-01; doubled interest from 2024-02-01; 50,000 paid 2024-02-15.
    #   ordinary 01-01..02-14 45 days: 3450 × 45 / 365 = 425.342 → 425.34
    #   late     02-01..02-14 14 days: 100,000 × 0.0175% × 14 = 245.00
    #   payment 50,000: 425.34 interest, 49,574.66 principal → 50,425.34 (doubled interest is paid last)
    #   ordinary 02-15..02-29 15 days: 50,425.34 × 3.45% × 15 / 365 = 71.4934 → 71.49
    #   late     02-15..02-29 15 days: 50,425.34 × 0.0175% × 15 = 132.3665 → 132.37
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 3, 1),
        rate=FixedRate(D("3.45")),
        payments=[Payment(date(2024, 2, 15), D("50000"))],
        late_performance_from=date(2024, 2, 1),
    )
    assert [(s.kind, s.start, s.end, s.days, s.principal, s.amount) for s in result.segments] == [
        ("interest", date(2024, 1, 1), date(2024, 2, 14), 45, D("100000.00"), D("425.34")),
        ("late_performance", date(2024, 2, 1), date(2024, 2, 14), 14, D("100000.00"), D("245.00")),
        ("interest", date(2024, 2, 15), date(2024, 2, 29), 15, D("50425.34"), D("71.49")),
        ("late_performance", date(2024, 2, 15), date(2024, 2, 29), 15, D("50425.34"), D("132.37")),
    ]
    assert result.segments[1].daily_rate == D("0.0175")
    applied = result.payments_applied[0]
    assert (applied.to_interest, applied.to_principal, applied.to_late_performance) == (
        D("425.34"),
        D("49574.66"),
        D("0.00"),
    )
    assert result.interest == D("496.83")
    assert result.late_performance_interest == D("377.37")
    assert result.late_performance_outstanding == D("377.37")
    assert result.total_outstanding == D("50425.34") + D("71.49") + D("377.37")
    assert any("法释〔2014〕8号" in note for note in result.notes)


def test_late_performance_without_payment_and_overpayment():
    # ordinary 60 days: 3450 × 60 / 365 = 567.1233 → 567.12; late 29 days × 17.50 = 507.50
    plain = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 3, 1),
        rate=FixedRate(D("3.45")),
        late_performance_from=date(2024, 2, 1),
    )
    assert (plain.interest, plain.late_performance_interest) == (D("567.12"), D("507.50"))
    assert plain.total_outstanding == D("101074.62")
    # paying 101,100 on the end day (not counted) pays everything, doubled interest last, 25.38 over
    paid = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 3, 1),
        rate=FixedRate(D("3.45")),
        late_performance_from=date(2024, 2, 1),
        payments=[Payment(date(2024, 3, 1), D("101100"))],
    )
    applied = paid.payments_applied[0]
    assert (applied.to_interest, applied.to_principal, applied.to_late_performance, applied.unapplied) == (
        D("567.12"),
        D("100000.00"),
        D("507.50"),
        D("25.38"),
    )
    assert paid.total_outstanding == D("0.00")
    assert paid.overpaid == D("25.38")


def test_day_basis_360_and_365():
    # 100,000 at 6% for 91 days (2024-01-01 → 2024-04-01)
    common = {
        "principal": D("100000"),
        "start": date(2024, 1, 1),
        "end": date(2024, 4, 1),
        "rate": FixedRate(D("6")),
    }
    assert calculate_interest(**common).interest == D("1495.89")  # 6000 × 91 / 365 = 1495.8904
    result_360 = calculate_interest(**common, day_basis=360)
    assert result_360.interest == D("1516.67")  # 6000 × 91 / 360 = 1516.6667
    assert result_360.day_basis == 360
    assert any("360" in note for note in result_360.notes)


@pytest.mark.parametrize(
    ("count_start_day", "count_end_day", "days"),
    [(True, False, 30), (True, True, 31), (False, True, 30), (False, False, 29)],
)
def test_day_counting_conventions(count_start_day, count_end_day, days):
    # 36.5% on 100,000 is 100 yuan a day
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 1, 31),
        rate=FixedRate(D("36.5")),
        count_start_day=count_start_day,
        count_end_day=count_end_day,
    )
    assert sum(s.days for s in result.segments) == days
    assert result.interest == D(100 * days).quantize(D("0.01"))
    assert (result.count_start_day, result.count_end_day) == (count_start_day, count_end_day)


def test_payment_day_under_both_conventions():
    # 100 yuan a day; 11,100 paid on 2024-01-11.
    # 算头算尾: 01-01..01-11 (11 days, 1,100) on 100,000; then 90,000 for 01-12..01-31 (20 days × 90)
    both = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 1, 31),
        rate=FixedRate(D("36.5")),
        count_end_day=True,
        payments=[Payment(date(2024, 1, 11), D("11100"))],
    )
    assert [(s.start, s.end, s.days, s.amount) for s in both.segments] == [
        (date(2024, 1, 1), date(2024, 1, 11), 11, D("1100.00")),
        (date(2024, 1, 12), date(2024, 1, 31), 20, D("1800.00")),
    ]
    # 算头不算尾: 01-01..01-10 (10 days, 1,000); 10,100 to principal → 89,900 for 01-11..01-30 (20 × 89.90)
    default = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 1, 31),
        rate=FixedRate(D("36.5")),
        payments=[Payment(date(2024, 1, 11), D("11100"))],
    )
    assert [(s.start, s.end, s.days, s.amount) for s in default.segments] == [
        (date(2024, 1, 1), date(2024, 1, 10), 10, D("1000.00")),
        (date(2024, 1, 11), date(2024, 1, 30), 20, D("1798.00")),
    ]


def test_past_the_table_uses_last_rate_and_says_so():
    # 2025-01-01..05-19 139 days × 3.10% = 1180.5479 → 1180.55; 05-20..12-30 225 days × 3.00% = 1849.3151 → 1849.32
    result = calculate_interest(
        principal=D("100000"), start=date(2025, 1, 1), end=date(2025, 12, 31), rate=LprRate(), lpr_table=SEED
    )
    assert [(s.days, s.annual_rate, s.amount) for s in result.segments] == [
        (139, D("3.10"), D("1180.55")),
        (225, D("3.00"), D("1849.32")),
    ]
    assert result.interest == D("3029.87")
    assert result.lpr_beyond_table
    assert any("2025-05-20" in note and "2025-05-21" in note and "3.00%" in note for note in result.notes)
    # once the table is known to be complete to the end of the period, no warning
    confirmed = LprTable(LPR_SEED, known_until=date(2025, 12, 31))
    result = calculate_interest(
        principal=D("100000"),
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        rate=LprRate(),
        lpr_table=confirmed,
    )
    assert not result.lpr_beyond_table
    # a fixing date past the table is flagged too
    fixed = calculate_interest(
        principal=D("100000"),
        start=date(2025, 6, 1),
        end=date(2025, 7, 1),
        rate=LprRate(fixed_on=date(2025, 6, 1)),
        lpr_table=SEED,
    )
    assert fixed.lpr_beyond_table


def test_default_table_is_the_seed():
    result = calculate_interest(
        principal=D("1000"), start=date(2024, 1, 1), end=date(2024, 2, 1), rate=LprRate()
    )
    assert result.segments[0].annual_rate == D("3.45")
    assert any("内置" in note for note in result.notes)


def test_multiplier_above_four_warns_but_computes():
    result = calculate_interest(
        principal=D("100000"),
        start=date(2024, 1, 1),
        end=date(2024, 1, 2),
        rate=LprRate(multiplier=D("5"), fixed_on=date(2024, 1, 1)),
        lpr_table=SEED,
    )
    # 3.45 × 5 = 17.25% for one day: 17250 / 365 = 47.2603 → 47.26
    assert result.interest == D("47.26")
    assert any("四倍" in note for note in result.notes)
    assert not any(
        "四倍" in note
        for note in calculate_interest(
            principal=D("1"), start=date(2024, 1, 1), end=date(2024, 1, 2), rate=LprRate(multiplier=D("4"))
        ).notes
    )


def _call(**overrides):
    arguments = {
        "principal": D("1000"),
        "start": date(2024, 1, 1),
        "end": date(2024, 2, 1),
        "rate": FixedRate(D("6")),
    }
    arguments.update(overrides)
    return calculate_interest(**arguments)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"principal": D("-1")}, "negative_amount"),
        ({"principal": 1000.0}, "not_decimal"),
        ({"end": date(2023, 12, 31)}, "end_before_start"),
        ({"day_basis": 366}, "bad_day_basis"),
        ({"payments": [Payment(date(2024, 2, 2), D("1"))]}, "payment_outside_period"),
        ({"payments": [Payment(date(2023, 12, 31), D("1"))]}, "payment_outside_period"),
        ({"payments": [Payment(date(2024, 1, 5), D("0"))]}, "non_positive_payment"),
        ({"costs": D("-5")}, "negative_amount"),
        ({"late_performance_from": date(2023, 12, 1)}, "late_before_start"),
        ({"rate": LprRate(), "start": date(2019, 1, 1)}, "before_lpr_table"),
        ({"rate": LprRate(fixed_on=date(2019, 1, 1))}, "before_lpr_table"),
        ({"count_end_day": 1}, "not_bool"),
    ],
)
def test_invalid_inputs(overrides, code):
    with pytest.raises(RuleInputError) as caught:
        _call(**overrides)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("factory", "code"),
    [
        (lambda: LprRate(multiplier=D("0")), "bad_multiplier"),
        (lambda: LprRate(multiplier=D("-1")), "bad_multiplier"),
        (lambda: FixedRate(D("-1")), "negative_rate"),
        (lambda: FixedRate(D("101")), "rate_too_large"),
    ],
)
def test_invalid_rates(factory, code):
    with pytest.raises(RuleInputError) as caught:
        factory()
    assert caught.value.code == code


def test_zero_length_period():
    result = _call(end=date(2024, 1, 1), payments=[Payment(date(2024, 1, 1), D("100"))])
    assert result.interest == D("0.00")
    assert result.principal_outstanding == D("900.00")


# Properties. The additivity of interest over adjacent periods is exact in days under 算头不算尾 (start day
# counted, end day not): a→b counts a..b-1 and b→c counts b..c-1, together a..c-1. Only rounding differs:
# at most half a fen per printed segment.
dates_in_lpr_era = st.dates(min_value=date(2019, 8, 20), max_value=date(2026, 12, 31))
principals = st.decimals(min_value=0, max_value=D("100000000"), places=2)
rates = st.one_of(
    st.builds(FixedRate, st.decimals(min_value=0, max_value=24, places=2)),
    st.builds(LprRate, st.sampled_from([D("1"), D("1.3"), D("1.5"), D("4")]), st.none()),
    st.builds(LprRate, st.sampled_from([D("1"), D("1.5")]), dates_in_lpr_era),
)


@settings(max_examples=200)
@given(principals, st.lists(dates_in_lpr_era, min_size=3, max_size=3), rates)
def test_interest_is_additive_over_adjacent_periods(principal, three_dates, rate):
    a, b, c = sorted(three_dates)
    whole = calculate_interest(principal=principal, start=a, end=c, rate=rate, lpr_table=SEED)
    first = calculate_interest(principal=principal, start=a, end=b, rate=rate, lpr_table=SEED)
    second = calculate_interest(principal=principal, start=b, end=c, rate=rate, lpr_table=SEED)
    segment_count = len(whole.segments) + len(first.segments) + len(second.segments)
    assert abs(first.interest + second.interest - whole.interest) <= D("0.005") * segment_count
    assert sum(s.days for s in first.segments + second.segments) == sum(s.days for s in whole.segments)


@settings(max_examples=200)
@given(
    principals,
    dates_in_lpr_era,
    st.integers(min_value=0, max_value=2000),
    st.lists(st.tuples(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=10**6))),
    st.booleans(),
    st.booleans(),
    st.sampled_from([360, 365]),
)
def test_split_points_neither_drop_nor_double_count_days(
    principal, start, length, raw_payments, count_start_day, count_end_day, day_basis
):
    end = start + timedelta(days=length)
    payments = [
        Payment(start + timedelta(days=offset % (length + 1)), D(amount)) for offset, amount in raw_payments
    ]
    result = calculate_interest(
        principal=principal,
        start=start,
        end=end,
        rate=LprRate(),
        lpr_table=SEED,
        payments=payments,
        count_start_day=count_start_day,
        count_end_day=count_end_day,
        day_basis=day_basis,
    )
    expected_days = max(0, length - 1 + int(count_start_day) + int(count_end_day))
    ordinary = [s for s in result.segments if s.kind == "interest"]
    # segments stop once the principal is paid off, so compare only while principal remains
    if result.principal_outstanding > 0:
        assert sum(s.days for s in ordinary) == expected_days
    for earlier, later in zip(ordinary, ordinary[1:], strict=False):
        assert later.start == earlier.end + timedelta(days=1)
    for segment in ordinary:
        assert segment.days == (segment.end - segment.start).days + 1
    assert result.interest == sum((s.amount for s in ordinary), D("0"))
    paid = sum((p.amount for p in payments), D("0"))
    applied = result.payments_applied
    assert paid == sum(
        (p.to_costs + p.to_interest + p.to_principal + p.to_late_performance + p.unapplied for p in applied),
        D("0"),
    )
    assert result.principal_outstanding == principal - sum((p.to_principal for p in applied), D("0"))
    assert result.total_outstanding >= 0
