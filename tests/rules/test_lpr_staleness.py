"""The LPR table says when it is out of date: past the month after its last publication, the rate it gives is
an assumption, and every figure printed from it says so."""

from datetime import date
from decimal import Decimal

from rules.interest import calculate_interest
from rules.lpr_seed import LPR_SEED
from rules.rates import LprRate, LprTable, rate_text

TABLE = LprTable(LPR_SEED)  # ends with 2025-05-20 3.00%


def test_the_table_is_current_until_the_24th_of_the_month_after_its_last_publication():
    assert TABLE.newest == (date(2025, 5, 20), Decimal("3.00"))
    assert TABLE.stale_from == date(2025, 6, 25)
    assert TABLE.assumed_note(date(2025, 6, 24)) == ""
    assert TABLE.assumed_note(date(2025, 6, 25)) == "按2025年5月20日公布的LPR 3.0%暂计"
    december = LprTable(((date(2025, 12, 22), Decimal("2.95")),))
    assert december.stale_from == date(2026, 1, 25)
    assert december.assumed_note(date(2026, 12, 1)) == "按2025年12月22日公布的LPR 2.95%暂计"


def test_an_unchanged_publication_keeps_the_table_current_without_splitting_segments():
    confirmed = LprTable((*LPR_SEED, (date(2026, 11, 20), Decimal("3.00"))))
    assert confirmed.stale_from == date(2026, 12, 25)
    assert confirmed.assumed_note(date(2026, 12, 1)) == ""
    kwargs = dict(principal=Decimal("100000"), start=date(2025, 1, 1), end=date(2026, 12, 1), rate=LprRate())
    with_confirmation = calculate_interest(lpr_table=confirmed, **kwargs)
    without = calculate_interest(lpr_table=TABLE, **kwargs)
    assert with_confirmation.interest == without.interest
    assert len(with_confirmation.segments) == len(without.segments)
    assert with_confirmation.lpr_note == ""
    assert without.lpr_note == "按2025年5月20日公布的LPR 3.0%暂计"


def test_a_fixed_lpr_needs_the_note_only_when_its_date_is_past_the_table():
    early = calculate_interest(principal=Decimal("1000"), start=date(2025, 1, 1), end=date(2026, 12, 1),
                               rate=LprRate(multiplier=Decimal("1.5"), fixed_on=date(2024, 12, 31)), lpr_table=TABLE)
    assert early.lpr_note == ""
    late = calculate_interest(principal=Decimal("1000"), start=date(2026, 1, 1), end=date(2026, 12, 1),
                              rate=LprRate(multiplier=Decimal("1.5"), fixed_on=date(2025, 12, 31)), lpr_table=TABLE)
    assert late.lpr_note == "按2025年5月20日公布的LPR 3.0%暂计"


def test_rates_are_written_with_at_least_one_decimal():
    assert [rate_text(Decimal(value)) for value in ("3.00", "3.10", "3.45", "4")] == ["3.0", "3.1", "3.45", "4.0"]
