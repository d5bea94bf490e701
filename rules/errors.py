"""Input errors raised by the legal-rules library, and the checks that raise them.

Every calculator validates what it is given and raises :class:`RuleInputError` with a machine-readable
``code`` (for the API and tests) and a Chinese ``message`` (for the person who typed the value). Money is
``Decimal`` in yuan with at most two places; a float is refused because it cannot hold 0.1 exactly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# The largest amount the product handles: the largest that uppercase RMB text can express (9,999亿...).
MAX_AMOUNT = Decimal("999999999999.99")


class RuleInputError(ValueError):
    """An input a rule cannot be applied to; ``code`` is stable, ``message`` is Chinese text for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def to_cents(value: Decimal) -> Decimal:
    """Round a computed amount to the fen, half up (the rounding used for every amount in the product)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def require_decimal(value: object, field: str) -> Decimal:
    """Return ``value`` as a finite Decimal; ints are exact and accepted, floats and bools are not."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise RuleInputError("not_decimal", f"{field}必须是Decimal数值（不接受浮点数），收到：{value!r}")
    number = Decimal(value)
    if not number.is_finite():
        raise RuleInputError("not_finite", f"{field}不是有限数值：{value!r}")
    return number


def require_money(value: object, field: str = "金额", *, allow_negative: bool = False) -> Decimal:
    """Validate an amount in yuan: finite, at most two decimals, not negative, not above MAX_AMOUNT."""
    amount = require_decimal(value, field)
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise RuleInputError("too_many_decimals", f"{field}最多保留两位小数（到分），收到：{amount}")
    if amount < 0 and not allow_negative:
        raise RuleInputError("negative_amount", f"{field}不能为负数，收到：{amount}")
    if abs(amount) > MAX_AMOUNT:
        raise RuleInputError("too_large", f"{field}超过系统支持的上限{MAX_AMOUNT:,}元，收到：{amount}")
    # Normalise the exponent so that 5000 and 5000.00 print and compare the same way downstream.
    return amount.quantize(CENT)


def require_rate(value: object, field: str, *, maximum: Decimal) -> Decimal:
    """Validate a non-negative rate not above ``maximum`` (fractions or percents, as the caller documents)."""
    rate = require_decimal(value, field)
    if rate < 0:
        raise RuleInputError("negative_rate", f"{field}不能为负数，收到：{rate}")
    if rate > maximum:
        raise RuleInputError("rate_too_large", f"{field}不能超过{maximum}，收到：{rate}")
    return rate


def require_date(value: object, field: str) -> date:
    """Validate a calendar date; a datetime is refused because its time part would be silently dropped."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise RuleInputError("not_date", f"{field}必须是日期（datetime.date），收到：{value!r}")
    return value
