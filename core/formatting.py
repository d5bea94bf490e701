"""How amounts, rates and dates are written, for the pages, the filings and the PDFs alike.

Each function takes None (a value not known) and gives "", so templates and documents print nothing there;
the JSON of the calculators keeps None as null and calls these only for values it has.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rules.rmb import format_cny, rmb_uppercase

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def money_text(value: Decimal | int | str | None) -> str:
    """Figures with thousands separators and two decimals: 16409.2 → "16,409.20"."""
    return "" if value is None else format_cny(Decimal(value).quantize(CENT))


def money_uppercase(value: Decimal | None) -> str:
    """大写金额 as on a cheque or a filing: 16409.02 → "壹万陆仟肆佰零玖元零贰分"; negatives are written 负…."""
    if value is None:
        return ""
    return rmb_uppercase(value) if value >= 0 else "负" + rmb_uppercase(-value)


def percent_number(fraction: Decimal | None) -> str:
    """A fraction as the number of percent, without trailing zeros: 0.025 → "2.5" (filings write 百分之…)."""
    return "" if fraction is None else f"{(fraction * HUNDRED).normalize():f}"


def percent_text(fraction: Decimal | None) -> str:
    """A fraction as percent with its sign, as the pages show it: 0.05 → "5%"."""
    return "" if fraction is None else f"{percent_number(fraction)}%"


def cn_date(value: date | None) -> str:
    """2026年11月22日 (no leading zeros): how dates are written in court papers and the PDFs."""
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


OPENING_BRACKETS = ("（", "(", "〔", "[", "【")


def with_aside(text: str, aside: str) -> str:
    """``text`` followed by ``aside`` in brackets: 上诉期限届满（杭州市西湖区人民法院）. An aside that opens with
    a bracket of its own, as a case number does (（2026）浙0106民初9号), follows a colon instead, so that
    no bracket is ever doubled: 上诉期限届满：（2026）浙0106民初9号."""
    if not aside:
        return text
    if aside.startswith(OPENING_BRACKETS):
        return f"{text}：{aside}"
    return f"{text}（{aside}）"
