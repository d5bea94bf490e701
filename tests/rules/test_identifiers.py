"""统一社会信用代码 and 居民身份证号码 check digits."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.identifiers import (
    USCC_ALPHABET,
    check_resident_id,
    check_uscc,
    identify,
    resident_id_check_char,
    uscc_check_char,
)

TODAY = date(2025, 6, 1)


def test_valid_examples():
    uscc = check_uscc("91350100M000100Y43")
    assert (uscc.valid, uscc.kind, uscc.reason_code) == (True, "uscc", None)
    resident = check_resident_id("11010519491231002X", today=TODAY)
    assert (resident.valid, resident.kind, resident.reason_code) == (True, "resident_id", None)
    assert identify("91350100M000100Y43").kind == "uscc"
    assert identify("11010519491231002X", today=TODAY).kind == "resident_id"


def test_check_chars_by_hand():
    # 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 × weights: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
    # 1640 mod 31 = 28; 31 − 28 = 3
    assert uscc_check_char("91350100M000100Y4") == "3"
    # 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
    assert resident_id_check_char("11010519491231002") == "X"


def test_whitespace_and_lowercase():
    assert check_resident_id("  11010519491231002x\n", today=TODAY).valid
    result = identify(" 11010519491231002x ", today=TODAY)
    assert result.valid and result.normalized == "11010519491231002X"
    assert check_uscc(" 91350100m000100y43 ").normalized == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100M00010OY43", "character"),  # O is not in the alphabet
        ("91350100I000100Y43", "character"),
        ("9135010０M000100Y43", "character"),  # a full-width digit
        ("91350100M000100Y44", "check_digit"),
        ("91350100M000100Y33", "check_digit"),
    ],
)
def test_invalid_uscc(value, code):
    result = check_uscc(value)
    assert not result.valid
    assert result.kind is None
    assert result.reason_code == code
    assert result.reason


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "empty"),
        ("110105194912310", "length"),  # old 15-digit numbers are not accepted
        ("1101051949123100X2", "character"),  # X only in the last position
        ("11010519491231002Y", "character"),
        ("110105194912310021", "check_digit"),
        ("110105194902300021", "birth_date"),  # 30 February
        ("110105202506020021", "birth_date"),  # after TODAY
    ],
)
def test_invalid_resident_id(value, code):
    result = check_resident_id(value, today=TODAY)
    assert not result.valid
    assert result.reason_code == code
    assert result.reason


def test_old_birth_years_are_valid():
    first17 = "11010518800101001"
    assert check_resident_id(first17 + resident_id_check_char(first17), today=TODAY).valid
    # a real date in the far past is still a date
    first17 = "11010509000101001"
    assert check_resident_id(first17 + resident_id_check_char(first17), today=TODAY).valid


def test_future_birth_date_depends_on_today():
    first17 = "11010520250602001"
    number = first17 + resident_id_check_char(first17)
    assert not check_resident_id(number, today=date(2025, 6, 1)).valid
    assert check_resident_id(number, today=date(2025, 6, 2)).valid


def test_identify_reasons():
    assert identify("").reason_code == "empty"
    assert identify("12345").reason_code == "length"
    assert "15位" in identify("110105491231002").reason
    invalid = identify("91350100M000100Y44")
    assert (invalid.valid, invalid.kind, invalid.reason_code) == (False, None, "check_digit")
    assert "信用代码" in invalid.reason
    # all digits with a birth year: judged as an ID number
    wrong_id = identify("110105194912310021", today=TODAY)
    assert (wrong_id.kind, wrong_id.reason_code) == (None, "check_digit")
    assert "身份证" in wrong_id.reason
    assert identify("11010519491231002!").reason_code == "character"


def test_identify_all_digit_uscc():
    first17 = "91110000100000000"
    code = first17 + uscc_check_char(first17)
    assert identify(code, today=TODAY).kind == "uscc"


# Generators of valid numbers, for the property tests and for test data.
uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)
resident_bodies = st.builds(
    lambda region, born, sequence: f"{region:06d}{born:%Y%m%d}{sequence:03d}",
    st.integers(min_value=110000, max_value=820000),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


@given(uscc_bodies, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=30))
def test_generated_uscc_valid_and_any_change_invalidates(body, position, shift):
    code = body + uscc_check_char(body)
    assert check_uscc(code).valid
    replaced = USCC_ALPHABET[(USCC_ALPHABET.index(code[position]) + shift) % 31]
    changed = code[:position] + replaced + code[position + 1 :]
    assert changed != code
    assert not check_uscc(changed).valid


@given(resident_bodies, st.integers(min_value=0, max_value=17), st.integers(min_value=0, max_value=9))
def test_generated_resident_id_valid_and_any_change_invalidates(body, position, shift):
    number = body + resident_id_check_char(body)
    assert check_resident_id(number, today=TODAY).valid
    alphabet = "0123456789X" if position == 17 else "0123456789"
    current = alphabet.index(number[position])
    replaced = alphabet[(current + 1 + shift % (len(alphabet) - 1)) % len(alphabet)]
    changed = number[:position] + replaced + number[position + 1 :]
    assert changed != number
    assert not check_resident_id(changed, today=TODAY).valid
