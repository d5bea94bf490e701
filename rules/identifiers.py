"""Check digits of the identifiers a debt matter records for its parties.

- 统一社会信用代码 (GB 32100-2015): 18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (values 0–30);
  weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 for positions 1–17; check value
  = 31 − (Σ mod 31), where 31 becomes 0.
- 公民身份号码 (GB 11643-1999): 17 digits and a check character; weights 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
  5, 8, 4, 2; Σ mod 11 indexes ``10X98765432``. Positions 7–14 are the birth date (YYYYMMDD), which must be a
  real date not after today; old birth years are valid. A lowercase ``x`` is accepted as ``X``. The old
  15-digit numbers are not accepted (they have no check digit).

Only the structure and check digit are verified: a valid result does not prove that the code was issued.
Surrounding whitespace is ignored; ``IdentifierCheck.normalized`` is the value to store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARS = "10X98765432"
IDENTIFIER_LENGTH = 18

USCC = "uscc"
RESIDENT_ID = "resident_id"
KIND_LABELS = {USCC: "统一社会信用代码", RESIDENT_ID: "居民身份证号码"}


@dataclass(frozen=True)
class IdentifierCheck:
    """Outcome of a check. ``kind`` is set only when the value is valid; otherwise ``reason_code`` is one of
    "empty", "length", "character", "check_digit", "birth_date" and ``reason`` explains it in Chinese."""

    valid: bool
    kind: str | None
    reason_code: str | None
    reason: str | None
    normalized: str | None = None


def _invalid(code: str, reason: str, normalized: str | None = None) -> IdentifierCheck:
    return IdentifierCheck(valid=False, kind=None, reason_code=code, reason=reason, normalized=normalized)


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a 统一社会信用代码."""
    if len(first17) != IDENTIFIER_LENGTH - 1 or any(char not in USCC_ALPHABET for char in first17):
        raise ValueError("需要17个统一社会信用代码字符")
    total = sum(
        USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def resident_id_check_char(first17: str) -> str:
    """The check character for the first 17 digits of a 居民身份证号码."""
    if len(first17) != IDENTIFIER_LENGTH - 1 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("需要17位数字")
    total = sum(int(char) * weight for char, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARS[total % 11]


def _normalize(value: str) -> str:
    return value.strip().upper()


def _common_shape(value: str, label: str) -> IdentifierCheck | None:
    if not value:
        return _invalid("empty", f"未填写{label}。")
    if len(value) != IDENTIFIER_LENGTH:
        return _invalid("length", f"{label}应为18位，实际为{len(value)}位。", value)
    return None


def check_uscc(value: str) -> IdentifierCheck:
    """Validate a 统一社会信用代码 (GB 32100-2015)."""
    code = _normalize(value)
    problem = _common_shape(code, KIND_LABELS[USCC])
    if problem:
        return problem
    for position, char in enumerate(code, start=1):
        if char not in USCC_ALPHABET:
            return _invalid(
                "character",
                f"统一社会信用代码第{position}位“{char}”不是允许的字符（不使用I、O、Z、S、V）。",
                code,
            )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return _invalid("check_digit", f"统一社会信用代码校验位错误：第18位应为“{expected}”。", code)
    return IdentifierCheck(valid=True, kind=USCC, reason_code=None, reason=None, normalized=code)


def _birth_date(code: str) -> date | None:
    try:
        return date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return None


def check_resident_id(value: str, today: date | None = None) -> IdentifierCheck:
    """Validate an 18-digit 居民身份证号码 (GB 11643-1999), including its birth date."""
    code = _normalize(value)
    problem = _common_shape(code, KIND_LABELS[RESIDENT_ID])
    if problem:
        return problem
    for position, char in enumerate(code, start=1):
        is_digit = char.isascii() and char.isdigit()
        if not (is_digit or (position == IDENTIFIER_LENGTH and char == "X")):
            allowed = "数字或X" if position == IDENTIFIER_LENGTH else "数字"
            return _invalid("character", f"身份证号第{position}位“{char}”应为{allowed}。", code)
    born = _birth_date(code)
    if born is None:
        return _invalid("birth_date", f"身份证号中的出生日期{code[6:14]}不是有效日期。", code)
    if born > (today or date.today()):
        return _invalid("birth_date", f"身份证号中的出生日期{born.isoformat()}晚于今天。", code)
    expected = resident_id_check_char(code[:17])
    if code[17] != expected:
        return _invalid("check_digit", f"身份证号校验位错误：第18位应为“{expected}”。", code)
    return IdentifierCheck(valid=True, kind=RESIDENT_ID, reason_code=None, reason=None, normalized=code)


@dataclass(frozen=True)
class ResidentParticulars:
    """What a valid 居民身份证号码 says of its holder: the birth date (positions 7–14) and the sex (position 17,
    odd for men and even for women; GB 11643-1999 顺序码)."""

    birth_date: date
    gender: str  # "male" or "female"


def resident_id_particulars(value: str, today: date | None = None) -> ResidentParticulars | None:
    """The birth date and sex of a valid 居民身份证号码; None when the number is not valid."""
    check = check_resident_id(value, today)
    if not check.valid:
        return None
    code = check.normalized
    born = _birth_date(code)
    assert born is not None  # a valid number has a valid birth date
    return ResidentParticulars(birth_date=born, gender="male" if int(code[16]) % 2 else "female")


def identify(value: str, today: date | None = None) -> IdentifierCheck:
    """Decide whether ``value`` is a valid 统一社会信用代码 or 居民身份证号码, judging by its shape.

    17 digits followed by a digit or X fit both schemes: the 身份证号 is tried first (its birth date makes it
    the more specific check), then the 统一社会信用代码. If neither is valid the reason given is that of the
    scheme the value resembles most: the 身份证号 when positions 7–8 read 18, 19 or 20 (a birth year),
    otherwise the 信用代码.
    """
    code = _normalize(value)
    if not code:
        return _invalid("empty", "未填写证件号码。")
    if len(code) != IDENTIFIER_LENGTH:
        return _invalid(
            "length",
            f"统一社会信用代码和身份证号均为18位，实际为{len(code)}位"
            + ("（15位旧身份证号请换用18位号码）。" if len(code) == 15 else "。"),
            code,
        )
    looks_like_id = code[:17].isascii() and code[:17].isdigit() and (code[17] in "0123456789X")
    if looks_like_id:
        as_id = check_resident_id(code, today)
        if as_id.valid:
            return as_id
        as_uscc = check_uscc(code)
        if as_uscc.valid:
            return as_uscc
        # Birth years start with 18, 19 or 20; in an all-digit 信用代码 these positions are part of the
        # region code and rarely look like that.
        return as_id if code[6:8] in ("18", "19", "20") else as_uscc
    if all(char in USCC_ALPHABET for char in code):
        return check_uscc(code)
    return _invalid(
        "character",
        "既不是统一社会信用代码也不是身份证号：含有不允许的字符"
        + "“"
        + "".join(sorted({char for char in code if char not in USCC_ALPHABET}))
        + "”。",
        code,
    )
