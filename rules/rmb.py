"""Amounts in figures and in uppercase RMB (人民币大写), as written in contracts and court papers.

The writing rules are those of 中国人民银行《支付结算办法》附一《正确填写票据和结算凭证的基本规定》:
- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元角分; 10 is 壹拾;
- an amount in whole yuan ends in 整 after 元; an amount with 分 has no 整; after 角 整 is optional and is
  not written here;
- every run of zeros between non-zero digits of the yuan part is written as one 零, across the 万 and 亿
  sections too (1,000,010 → 壹佰万零壹拾元整; 107,000.53 → 壹拾万零柒仟元伍角叁分; 100,001,000 → 壹亿零壹仟元整);
  zeros at the end of the yuan part are not written;
- when the 角 digit is zero and 分 is not, 零 follows 元 (16,409.02 → 壹万陆仟肆佰零玖元零贰分); when only
  the units digit of the yuan is zero before a 角 (1,680.32) the optional 零 is not written (壹仟陆佰捌拾元叁角贰分).
These choices reproduce every example of that regulation (1,409.50; 6,007.14; 1,680.32; 107,000.53; 16,409.02;
325.04).

``cn2an.an2cn(value, "rmb")`` (cn2an 0.5.24) agrees except in one case: it writes no 零 when the zeros run
across a 万 or 亿 boundary and the next digit is a 仟 (107,000.53 → 壹拾万柒仟元伍角叁分, 100,001,000 →
壹亿壹仟元整). The regulation's third rule tolerates that, but its example for 107,000.53 keeps one 零 and the
product's rule is "inner zeros become one 零", so the text is built here from the digits; the tests check
that cn2an differs only by such a 零.
"""

from __future__ import annotations

from decimal import Decimal

from rules.errors import require_money

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACE_UNITS = ("", "拾", "佰", "仟")
SECTION_UNITS = ("", "万", "亿")


def _yuan_text(yuan: int) -> str:
    """Uppercase text of a whole number of yuan (without 元); 0 → "零"."""
    if yuan == 0:
        return DIGITS[0]
    digits = str(yuan)
    parts: list[str] = []
    zero_pending = False
    section_has_digit = False
    for index, char in enumerate(digits):
        position = len(digits) - 1 - index
        digit = int(char)
        if digit == 0:
            # One 零 stands for a run of zeros, and only if a non-zero digit follows it.
            zero_pending = bool(parts)
        else:
            if zero_pending:
                parts.append(DIGITS[0])
                zero_pending = False
            parts.append(DIGITS[digit] + PLACE_UNITS[position % 4])
            section_has_digit = True
        if position % 4 == 0:
            if section_has_digit and position > 0:
                parts.append(SECTION_UNITS[position // 4])
            section_has_digit = False
    return "".join(parts)


def rmb_uppercase(amount: Decimal) -> str:
    """Uppercase RMB text for 0 ≤ amount ≤ 999,999,999,999.99, e.g. 325.04 → 叁佰贰拾伍元零肆分."""
    value = require_money(amount, "金额")
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if yuan == 0 and jiao == 0 and fen == 0:
        return "零元整"
    text = _yuan_text(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += DIGITS[0]
    if fen:
        text += DIGITS[fen] + "分"
    return text


def format_cny(amount: Decimal) -> str:
    """Figures with thousands separators and two decimals: 16409.02 → "16,409.02" (negatives allowed)."""
    value = require_money(amount, "金额", allow_negative=True)
    return f"{value:,.2f}"
