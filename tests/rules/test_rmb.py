"""Uppercase RMB and figures."""

import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.errors import RuleInputError
from rules.rmb import format_cny, rmb_uppercase

D = Decimal


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        # rules.md
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("1005", "壹仟零伍元整"),
        # 《支付结算办法》附一 examples
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万零柒仟元伍角叁分"),
        # edge cases
        ("0", "零元整"),
        ("0.00", "零元整"),
        ("0.05", "伍分"),
        ("0.5", "伍角"),
        ("0.55", "伍角伍分"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("10.5", "壹拾元伍角"),
        ("10.05", "壹拾元零伍分"),
        ("100000000", "壹亿元整"),
        ("100000000.01", "壹亿元零壹分"),
        ("1000010", "壹佰万零壹拾元整"),
        ("100001000", "壹亿零壹仟元整"),  # cn2an 0.5.24 writes 壹亿壹仟元整
        ("10001000", "壹仟万零壹仟元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100000001", "壹亿零壹元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("20000000000", "贰佰亿元整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("100000000000", "壹仟亿元整"),
        ("101010101", "壹亿零壹佰零壹万零壹佰零壹元整"),
    ],
)
def test_uppercase(amount, text):
    assert rmb_uppercase(D(amount)) == text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (D("-1"), "negative_amount"),
        (D("0.001"), "too_many_decimals"),
        (D("1000000000000"), "too_large"),
        (D("999999999999.991"), "too_many_decimals"),
        (1.5, "not_decimal"),
        (D("Infinity"), "not_finite"),
    ],
)
def test_uppercase_rejects(value, code):
    with pytest.raises(RuleInputError) as caught:
        rmb_uppercase(value)
    assert caught.value.code == code


def test_trailing_zeros_in_the_decimal_are_fine():
    assert rmb_uppercase(D("12.300")) == "壹拾贰元叁角"


def _drop_section_zero(text: str) -> str:
    return re.sub("(?<=[万亿])零", "", text)


money = st.decimals(min_value=0, max_value=D("999999999999.99"), places=2)
sparse_money = st.builds(
    lambda digits, cents: D(int(digits)) + D(cents) / 100,
    st.text(alphabet="0001", min_size=1, max_size=12),
    st.integers(min_value=0, max_value=99),
)


@given(st.one_of(money, sparse_money))
def test_agrees_with_cn2an_except_the_zero_after_a_section(amount):
    ours = rmb_uppercase(amount)
    theirs = cn2an.an2cn(str(amount), "rmb")
    if ours != theirs:
        # the only difference allowed: a 零 right after 万 or 亿 that cn2an omits
        assert _drop_section_zero(ours) == _drop_section_zero(theirs)
        assert ours.count("零") > theirs.count("零")


@given(money)
def test_structure(amount):
    text = rmb_uppercase(amount)
    assert "零零" not in text
    assert text.endswith("整") == (amount == amount.to_integral_value())
    if text != "零元整":
        assert not text.startswith("零")
        assert not re.search("零[元万亿]", text)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("16409.02", "16,409.02"),
        ("0", "0.00"),
        ("1234567.5", "1,234,567.50"),
        ("-1000", "-1,000.00"),
        ("999999999999.99", "999,999,999,999.99"),
    ],
)
def test_format_cny(amount, text):
    assert format_cny(D(amount)) == text


def test_format_cny_rejects_more_than_two_decimals():
    with pytest.raises(RuleInputError):
        format_cny(D("1.234"))
