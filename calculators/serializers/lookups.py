"""The lookups (a statutory period, an identifier, an amount in words): their query parameters and the
documented shape of their answers (built by :mod:`calculators.presenters.lookups`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calculators.forms import choose_period, kind_choices
from calculators.serializers.common import IsoDateField, MoneyField, drf_error
from rules.deadlines import DEADLINE_KINDS


class AmountQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="金额", help_text="金额（元），最多两位小数。")


class IdentifierQuerySerializer(serializers.Serializer):
    value = serializers.CharField(
        max_length=64,
        help_text="统一社会信用代码或18位居民身份证号码。",
        error_messages={
            "required": gettext_lazy("请填写证件号码。"),
            "blank": gettext_lazy("请填写证件号码。"),
            "max_length": gettext_lazy("证件号码过长（最多{max_length}个字符）。"),
        },
    )


@extend_schema_field({"type": "integer", "minimum": 1})
class CountField(serializers.CharField):
    """A whole number of days, months or years; parsed (with the others) by ``choose_period``."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, **kwargs)  # "days=" counts as not given


@extend_schema_field({"type": "string", "enum": list(DEADLINE_KINDS)})
class KindField(serializers.CharField):
    """A named statutory period; checked by ``choose_period`` so that an unknown one lists the known ones."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, **kwargs)


class DeadlineQuerySerializer(serializers.Serializer):
    start = IsoDateField(label="起算日", help_text="事件发生日（例如送达日），YYYY-MM-DD；当日不计入期间。")
    days = CountField(help_text="期间天数（与 months、years、kind 四选一）。")
    months = CountField(help_text="期间月数（四选一）。")
    years = CountField(help_text="期间年数（四选一）。")
    kind = KindField(
        help_text="法定期间类型（四选一）：" + "；".join(f"{code}＝{label}" for code, label in kind_choices()),
    )

    def validate(self, attrs):
        try:
            attrs["period"] = choose_period({name: attrs.get(name) for name in ("days", "months", "years", "kind")})
        except DjangoValidationError as error:
            raise drf_error(error) from error
        return attrs


class DeadlinePeriodSerializer(serializers.Serializer):
    kind = serializers.CharField(allow_null=True)
    kind_label = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_null=True)
    days = serializers.IntegerField()
    months = serializers.IntegerField()
    years = serializers.IntegerField()


class DeadlineResponseSerializer(serializers.Serializer):
    """For the freeze kinds (freeze_*) ``deadline`` is the working day to apply for renewal by, and the answer
    also has ``expires_on``, ``renew_by`` and ``rolled_back``."""

    start = serializers.DateField()
    deadline = serializers.DateField(help_text="顺延法定休假日后的期间届满日；冻结/查封类型为应申请续行的工作日"
                                               "（届满前七日，逢休息日提前）。")
    nominal_deadline = serializers.DateField(help_text="未顺延的期间最后一日；冻结/查封类型为届满前第七日。")
    deadline_display = serializers.CharField()
    nominal_deadline_display = serializers.CharField()
    deadline_weekday = serializers.CharField()
    nominal_deadline_weekday = serializers.CharField()
    rolled_over = serializers.BooleanField()
    holiday_data = serializers.BooleanField(help_text="false：该年份没有节假日数据，仅按周末判断，需人工核对。")
    holiday_years = serializers.ListField(child=serializers.IntegerField())
    period = DeadlinePeriodSerializer()
    note = serializers.CharField()
    rule = serializers.CharField()
    expires_on = serializers.DateField(required=False, help_text="仅冻结/查封类型：期限届满日（含起始日，不顺延）。")
    expires_on_display = serializers.CharField(required=False)
    renew_by = serializers.DateField(required=False, help_text="仅冻结/查封类型：届满日前七日，申请续行的法定最晚日。")
    renew_by_display = serializers.CharField(required=False)
    rolled_back = serializers.BooleanField(required=False, help_text="仅冻结/查封类型：renew_by 为休息日，已提前到工作日。")


class IdentifierResponseSerializer(serializers.Serializer):
    value = serializers.CharField()
    valid = serializers.BooleanField()
    kind = serializers.ChoiceField(choices=["uscc", "resident_id"], allow_null=True)
    kind_label = serializers.CharField(allow_null=True)
    reason_code = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_null=True)
    normalized = serializers.CharField(allow_null=True)
    source = serializers.CharField()


class RmbResponseSerializer(serializers.Serializer):
    amount = serializers.CharField()
    figures = serializers.CharField()
    text = serializers.CharField()
    source = serializers.CharField()
