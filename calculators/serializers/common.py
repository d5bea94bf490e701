"""What the calculators' serializers share: input fields that parse as the pages parse (``core.money`` for
amounts, ``calculators.forms`` for the rest, so that a value is refused with the same Chinese message and code
on both), their description in the OpenAPI schema, and the shape of an error answer."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers

from calculators.forms import parse_date, parse_decimal
from core import serializers as serializers_core


def drf_error(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(
            {name: [serializers.ErrorDetail(_message(item), code=item.code) for item in items]
             for name, items in error.error_dict.items()}
        )
    first = error.error_list[0]
    return serializers.ValidationError(_message(first), code=first.code)


def _message(error: DjangoValidationError) -> str:
    return str(error.message % error.params) if error.params else str(error.message)


class _ParsedField(serializers.Field):
    """A field whose value is parsed by one of the shared ``parse_*`` functions."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = _("请填写%(label)s。") % {"label": label}
        self.error_messages["null"] = _("请填写%(label)s。") % {"label": label}

    def parse(self, data):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def to_internal_value(self, data):
        try:
            return self.parse(data)
        except DjangoValidationError as error:
            raise drf_error(error) from error

    def to_representation(self, value):
        return str(value)


class MoneyField(serializers_core.MoneyField):
    """An amount in yuan, as a string ("1234567.89"; a JSON number is accepted too), read as everywhere in the
    product; a missing one is named in the message, as the calculators' other fields name theirs."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = _("请填写%(label)s。") % {"label": label}
        self.error_messages["null"] = _("请填写%(label)s。") % {"label": label}


class NumberField(_ParsedField):
    def __init__(self, *, minimum: Decimal, maximum: Decimal, exclusive_minimum: bool = False, **kwargs):
        self.minimum, self.maximum, self.exclusive_minimum = minimum, maximum, exclusive_minimum
        super().__init__(**kwargs)

    def parse(self, data):
        return parse_decimal(data, str(self.label), minimum=self.minimum, maximum=self.maximum,
                             exclusive_minimum=self.exclusive_minimum)


class IsoDateField(_ParsedField):
    def parse(self, data):
        return parse_date(data, str(self.label))

    def to_representation(self, value):
        return value.isoformat()


# drf-spectacular: document the custom fields as the strings they are.
class _MoneyFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "calculators.serializers.common.MoneyField"

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "pattern": r"^\d+(\.\d{1,2})?$", "example": "1234567.89"}


class _NumberFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "calculators.serializers.common.NumberField"

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "example": "1.5"}


class _DateFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "calculators.serializers.common.IsoDateField"

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.DATE)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="供程序判断的错误代码，例如 negative_amount、invalid_date。")
    message = serializers.CharField(help_text="给人看的中文说明。")


# "fields" cannot be a class attribute of a serializer (it would hide Serializer.fields).
ErrorSerializer._declared_fields["fields"] = serializers.DictField(
    child=serializers.ListField(child=serializers.CharField()), required=False,
    help_text="出错的字段及其错误，例如 {\"amount\": [\"诉讼请求金额不能为负数…\"]}。")
