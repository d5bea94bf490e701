"""core.money: the one reading of a typed amount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.money import ascii_text, parse_money, read_number
from tests.core.helpers import ACCEPTED_AMOUNTS, REFUSED_AMOUNTS


@pytest.mark.parametrize(("text", "expected"), ACCEPTED_AMOUNTS)
def test_accepted_amounts_read_as_ascii_decimals(text, expected):
    amount = parse_money(text, "金额")
    assert amount == expected and str(amount) == f"{expected:.2f}"


@pytest.mark.parametrize("text", REFUSED_AMOUNTS)
def test_refused_amounts_name_the_field_in_chinese(text):
    with pytest.raises(ValidationError) as caught:
        parse_money(text, "回款金额")
    assert caught.value.messages[0].startswith("回款金额")
    assert caught.value.code in {"not_a_number", "too_many_decimals", "negative_amount", "too_large"}


@pytest.mark.parametrize(("value", "code"), [
    ("", "required"), ("  ", "required"), ("　", "required"), (True, "not_a_number"), (None, "not_a_number"),
    ("1,2,3", "not_a_number"), ("1.234", "too_many_decimals"), ("-1", "negative_amount"),
    ("999999999999.991", "too_many_decimals"), ("1000000000000", "too_large"),
])
def test_each_refusal_has_its_code(value, code):
    with pytest.raises(ValidationError) as caught:
        parse_money(value, "金额")
    assert caught.value.code == code


def test_zero_only_where_allowed():
    assert parse_money("0", "金额") == Decimal("0.00")
    with pytest.raises(ValidationError) as caught:
        parse_money("０", "金额", allow_zero=False)
    assert caught.value.code == "out_of_range" and caught.value.messages == ["金额必须大于0。"]


@pytest.mark.parametrize(("value", "expected"), [
    (1234, Decimal("1234.00")), (0.1, Decimal("0.10")), (1e3, Decimal("1000.00")), (Decimal("5E+2"), Decimal("500.00")),
    ("999999999999.99", Decimal("999999999999.99")),
])
def test_numbers_from_json_and_spreadsheets(value, expected):
    assert parse_money(value, "金额") == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e16])
def test_non_finite_or_huge_floats_are_refused(value):
    with pytest.raises(ValidationError):
        parse_money(value, "金额")


def test_rates_read_full_width_digits_too():
    assert read_number("１．５", "LPR倍数") == Decimal("1.5")


def test_ascii_text_turns_full_width_forms_into_ascii():
    assert ascii_text("１２３４．５６，－＋　") == "1234.56,-+ "
