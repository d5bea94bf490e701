"""What the calculators' answers are made of: amounts as :class:`Money`, rates and percents as text.

Amounts are :class:`Money`: a ``str`` with two decimals ("1234567.89"), so that JSON gets a string, which also
carries ``.figures`` ("1,234,567.89") and ``.uppercase`` (壹佰贰拾叁万…) for templates. The text comes from
:mod:`core.formatting`; the helpers here keep None as None, because the calculators' JSON answers null where
the pages print nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.formatting import money_text, money_uppercase, percent_number
from rules.errors import to_cents

HUNDRED = Decimal("100")
WEEKDAYS = "一二三四五六日"


class Money(str):
    """An amount as a string with two decimals; ``.figures`` and ``.uppercase`` for people."""

    value: Decimal

    def __new__(cls, value: Decimal) -> Money:
        amount = to_cents(value)
        text = super().__new__(cls, f"{amount:.2f}")
        text.value = amount
        return text

    @property
    def figures(self) -> str:
        return money_text(self.value)

    @property
    def uppercase(self) -> str:
        return money_uppercase(self.value)


def money(value: Decimal | None) -> Money | None:
    return None if value is None else Money(value)


def rate_text(value: Decimal | None) -> str | None:
    """A percent value as text with at least two decimals and no trailing noise: 3.1 → "3.10", 4.485 → "4.485"."""
    if value is None:
        return None
    normalized = value.normalize()
    if -normalized.as_tuple().exponent <= 2:
        return f"{value.quantize(Decimal('0.01')):f}"
    return f"{normalized:f}"


def percent(fraction: Decimal | None) -> str | None:
    """A fraction as the number of percent: 0.025 → "2.5"."""
    return None if fraction is None else percent_number(fraction)


def weekday_text(value: date) -> str:
    return f"星期{WEEKDAYS[value.weekday()]}"
