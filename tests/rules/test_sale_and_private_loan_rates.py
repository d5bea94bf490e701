"""The late-payment loss of a sale with no agreed penalty (买卖合同解释第十八条第四款), the 4 × LPR cap of private
loans (民间借贷规定第二十五条) and what a 居民身份证号码 says of its holder."""

from datetime import date
from decimal import Decimal

import pytest

from rules.errors import RuleInputError
from rules.identifiers import resident_id_particulars
from rules.interest import calculate_interest
from rules.lpr_seed import LPR_SEED
from rules.rates import LprRate, LprTable, private_lending_cap, sale_late_payment_rate

D = Decimal
SEED = LprTable(LPR_SEED)


def test_sale_loss_is_the_lpr_of_the_breach_date_plus_the_markup_fixed_for_the_whole_period():
    rate = sale_late_payment_rate(D("30"), date(2025, 1, 2))  # LPR 3.10% in force since 2024-10-21
    assert rate == LprRate(multiplier=D("1.30"), fixed_on=date(2025, 1, 2))
    # A year on 100,000 at 3.10% × 1.3 = 4.03%, although the LPR fell to 3.00% on 2025-05-20.
    result = calculate_interest(principal=D("100000.00"), start=date(2025, 1, 2), end=date(2026, 1, 2), rate=rate,
                                lpr_table=SEED)
    assert result.interest == D("4030.00")
    assert {segment.annual_rate for segment in result.segments} == {D("4.0300")}


@pytest.mark.parametrize(("markup", "multiplier"), [(D("30"), D("1.3")), (D("50"), D("1.5")), (D("40.5"), D("1.405"))])
def test_markup_edges_30_and_50_are_accepted(markup, multiplier):
    assert sale_late_payment_rate(markup, date(2025, 1, 2)).multiplier == multiplier


@pytest.mark.parametrize("markup", [D("29"), D("29.99"), D("50.01"), D("51"), D("0"), D("-30")])
def test_markup_outside_30_to_50_is_refused(markup):
    with pytest.raises(RuleInputError) as caught:
        sale_late_payment_rate(markup, date(2025, 1, 2))
    assert caught.value.code == "bad_markup"
    assert "30%至50%" in caught.value.message


def test_lpr_at_the_breach_date_follows_the_table_changes():
    # The LPR in force on the breach date, changes taking effect on their own day.
    on_change = sale_late_payment_rate(D("50"), date(2024, 10, 21))
    before_change = sale_late_payment_rate(D("50"), date(2024, 10, 20))
    assert SEED.rate_on(on_change.fixed_on) * on_change.multiplier == D("4.6500")
    assert SEED.rate_on(before_change.fixed_on) * before_change.multiplier == D("5.0250")


def test_breach_before_the_lpr_existed_is_refused_with_the_benchmark_rule():
    assert sale_late_payment_rate(D("30"), date(2019, 8, 20)).fixed_on == date(2019, 8, 20)
    with pytest.raises(RuleInputError) as caught:
        sale_late_payment_rate(D("30"), date(2019, 8, 19))
    assert caught.value.code == "breach_before_lpr"
    assert "基准利率" in caught.value.message


def test_private_loan_rate_above_four_times_the_lpr_at_contract_time_is_flagged():
    # Contract on 2025-06-01: LPR 3.00%, cap 12%.
    at_cap = private_lending_cap(D("12"), date(2025, 6, 1), SEED)
    assert at_cap.cap == D("12.00") and not at_cap.exceeded and at_cap.warning == ""
    above = private_lending_cap(D("12.01"), date(2025, 6, 1), SEED)
    assert above.exceeded
    assert "超过部分不予支持" in above.warning and "第二十五条" in above.warning and "12%" in above.warning
    # The same rate under a contract of 2020-01-01 (LPR 4.15%, cap 16.6%) is within the cap.
    assert not private_lending_cap(D("15.4"), date(2020, 1, 1), SEED).exceeded


def test_resident_id_gives_birth_date_and_sex():
    particulars = resident_id_particulars("11010519491231002X")
    assert particulars.birth_date == date(1949, 12, 31)
    assert particulars.gender == "female"  # the 17th digit, 2, is even
    assert resident_id_particulars("110105194912310011").gender == "male"
    assert resident_id_particulars("110105194912310010") is None  # wrong check digit
