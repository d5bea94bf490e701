"""The one reading of an amount that a person typed, for the page forms, the API, the calculators and the bulk
import alike, so that a value accepted in one place is accepted in all of them.

Accepted: ``1234.5``, ``1,234.50`` and ``1 234.50`` (separators only between groups of three digits, so that
``1,2,3`` is not silently read as 123), a leading ``¥``/``￥`` or a trailing ``元``, and the same written with
full-width characters (``１２３４．５６``, ``１，２３４``), as Chinese input methods produce them; the result is
an ASCII ``Decimal``. Refused, with a message naming the field and a stable ``code``:

- ``required``: nothing entered;
- ``not_a_number``: not a plain decimal number (``abc``, ``1e5``, ``NaN``, ``Infinity``, ``1,2,3``);
- ``too_many_decimals``: more than two decimals (below the fen);
- ``negative_amount`` / ``out_of_range`` / ``too_large``: below zero, zero where it is not allowed, above
  :data:`MAX_AMOUNT`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rules.errors import MAX_AMOUNT

CENT = Decimal("0.01")

# Full-width forms (U+FF01–U+FF5E) are ASCII shifted by 0xFEE0; U+3000 is the ideographic space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: ord(" "), 0xFFE5: ord("¥")}
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$", re.ASCII)
_GROUPED_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", re.ASCII)


def ascii_text(text: str) -> str:
    """``text`` with full-width digits, signs and punctuation turned into their ASCII forms."""
    return text.translate(_FULL_WIDTH)


def _plain_text(value: object, label: str) -> str:
    """The text of ``value`` as a plain decimal (``1234.50``), or ValidationError."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValidationError(_("%(label)s必须是数字，例如 1234567.89。") % {"label": label}, code="not_a_number")
    if isinstance(value, Decimal | float):
        if isinstance(value, float):
            value = Decimal(repr(value))  # the shortest text that reads back as the same float: 0.1 → "0.1"
        return format(value, "f") if value.is_finite() else "NaN"
    text = ascii_text(str(value)).strip()
    if not text:
        raise ValidationError(_("请填写%(label)s。") % {"label": label}, code="required")
    text = text.removesuffix("元").strip()
    sign = text[:1] if text[:1] in "+-" else ""
    text = sign + text[len(sign):].removeprefix("¥").strip()
    grouped = _SPACES.sub(",", text)  # a space between digit groups is a separator, as a comma is
    if _GROUPED_NUMBER.match(grouped):
        return grouped.replace(",", "")
    return text


def read_number(value: object, label: str) -> Decimal:
    """A finite Decimal from text (or an int, float or Decimal), refusing exponents, NaN and Infinity."""
    text = _plain_text(value, label)
    if not _PLAIN_NUMBER.match(text):
        raise ValidationError(
            _("%(label)s必须是数字，例如 1234567.89（收到：%(value)s）。") % {"label": label, "value": value},
            code="not_a_number",
        )
    try:
        return Decimal(text)
    except InvalidOperation as error:  # the pattern above makes this unreachable; kept as a safety net
        raise ValidationError(_("%(label)s必须是数字。") % {"label": label}, code="not_a_number") from error


def parse_money(value: object, label: str, *, allow_zero: bool = True) -> Decimal:
    """An amount in yuan: at most two decimals, not negative, at most 999,999,999,999.99; returned to the fen."""
    amount = read_number(value, label)
    if amount < 0:
        raise ValidationError(_("%(label)s不能为负数（收到：%(value)s）。") % {"label": label, "value": amount},
                              code="negative_amount")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(
            _("%(label)s最多保留两位小数（到分），收到：%(value)s。") % {"label": label, "value": amount},
            code="too_many_decimals",
        )
    if amount > MAX_AMOUNT:
        raise ValidationError(
            _("%(label)s超过系统支持的上限 %(max)s 元。") % {"label": label, "max": f"{MAX_AMOUNT:,}"},
            code="too_large",
        )
    if not allow_zero and amount == 0:
        raise ValidationError(_("%(label)s必须大于0。") % {"label": label}, code="out_of_range")
    return amount.quantize(CENT)
