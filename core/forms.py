"""Form fields every app's pages share."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from core.money import parse_money


class MoneyField(forms.CharField):
    """An amount in yuan, read by :func:`core.money.parse_money` (thousands separators and full-width digits
    allowed): at most two decimals, not negative."""

    def __init__(self, *args, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return f"{value:.2f}" if isinstance(value, Decimal) else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_money(value, str(self.label), allow_zero=self.allow_zero)
