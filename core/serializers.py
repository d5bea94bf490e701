"""Serializer fields every app's API shares: amounts read as the pages read them, and date fields that carry
their model field's validators."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext as _
from rest_framework import serializers

from core.money import parse_money


class MoneyField(serializers.DecimalField):
    """An amount in yuan: the text (or JSON number) is read by :func:`core.money.parse_money`, exactly as a page
    form or the bulk import reads it, before DecimalField's own checks. Rendered as "1234.50"."""

    def __init__(self, *, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    @property
    def _label(self) -> str:
        return str(self.label or _("金额"))

    def to_internal_value(self, data):
        try:
            amount = parse_money(data, self._label, allow_zero=self.allow_zero)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages[0], code=error.code) from None
        return super().to_internal_value(amount)


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose money fields (decimals of two places) are :class:`MoneyField`. Date fields keep
    the validators of their model fields (``core.dates``), as every ModelSerializer field does."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.DecimalField and kwargs.get("decimal_places") == 2:
            field_class = MoneyField
        return field_class, kwargs


def model_date_field(model: type[models.Model], name: str, **kwargs) -> serializers.DateField:
    """A DateField for a serializer that is not built from ``model`` (an action's body), with the validators of
    ``model``'s field, so that the date is checked as it is where the model's own serializer takes it."""
    return serializers.DateField(validators=list(model._meta.get_field(name).validators), **kwargs)
