"""API input (query parameters and the interest body) and the documented shape of every answer.

Input fields parse through the same functions as the pages (``core.money`` for amounts, ``calculators.forms``
for the rest), so a value is refused with the same Chinese message and code on both. The response serializers
only describe the answers for the OpenAPI schema: the answers themselves are built by
:mod:`calculators.presenters`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calculators.forms import (
    MAX_PAYMENT_ROWS,
    choose_period,
    kind_choices,
    parse_date,
    parse_decimal,
)
from core import serializers as serializers_core
from rules.deadlines import DEADLINE_KINDS
from rules.interest import DAY_BASES
from rules.rates import MAX_ANNUAL_RATE


def _drf_error(error: DjangoValidationError) -> serializers.ValidationError:
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
            raise _drf_error(error) from error

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
    target_class = "calculators.serializers.MoneyField"

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "pattern": r"^\d+(\.\d{1,2})?$", "example": "1234567.89"}


class _NumberFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "calculators.serializers.NumberField"

    def map_serializer_field(self, auto_schema, direction):
        return {**build_basic_type(OpenApiTypes.STR), "example": "1.5"}


class _DateFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "calculators.serializers.IsoDateField"

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.DATE)


# ---------------------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------------------


class CourtFeesQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="诉讼请求金额", help_text="诉讼请求金额（元），最多两位小数。")
    preservation_amount = MoneyField(label="保全财产数额", required=False,
                                     help_text="保全财产数额（元）；不填则等于 amount。")
    execution_amount = MoneyField(label="申请执行金额", required=False,
                                  help_text="申请执行金额（元）；不填则等于 amount。")


class AmountQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="金额", help_text="金额（元），最多两位小数。")


class RiskFeeCapQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="实现债权金额", help_text="最终实现债权或减免债务的金额（元），各阶段合计。")


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
            raise _drf_error(error) from error
        return attrs


class RateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=(("lpr", "一年期LPR的倍数"), ("fixed", "固定年利率")),
        help_text="lpr：一年期LPR×倍数；fixed：约定或法定的固定年利率。",
        error_messages={"invalid_choice": gettext_lazy("未知的利率类型“{input}”，应为 lpr 或 fixed。"),
                        "required": gettext_lazy("请填写利率类型 kind（lpr 或 fixed）。")},
    )
    multiplier = NumberField(label="LPR倍数", minimum=Decimal("0"), maximum=MAX_ANNUAL_RATE,
                             exclusive_minimum=True, required=False,
                             help_text="kind=lpr 时的倍数，例如 \"1.5\"；不填为1。")
    fixed_on = IsoDateField(label="LPR确定日", required=False, allow_null=True,
                            help_text="kind=lpr 时可选：全期按该日施行的LPR；不填则按同期LPR分段。")
    annual_rate = NumberField(label="年利率", minimum=Decimal("0"), maximum=MAX_ANNUAL_RATE, required=False,
                              help_text="kind=fixed 时的年利率（百分数），例如 \"6.0\" 表示6%。")

    def validate(self, attrs):
        if attrs["kind"] == "fixed" and attrs.get("annual_rate") is None:
            raise serializers.ValidationError({"annual_rate": [serializers.ErrorDetail(
                _("利率类型为 fixed 时请填写年利率 annual_rate。"), code="required")]})
        return attrs


class PaymentSerializer(serializers.Serializer):
    date = IsoDateField(label="还款日")
    amount = MoneyField(label="还款金额", allow_zero=False)


class InterestRequestSerializer(serializers.Serializer):
    principal = MoneyField(label="本金")
    start = IsoDateField(label="起算日")
    end = IsoDateField(label="截止日")
    rate = RateSerializer(error_messages={"required": gettext_lazy("请填写利率 rate。")})
    day_basis = serializers.ChoiceField(
        choices=DAY_BASES, default=365, help_text="年计息天数：365 或 360。",
        error_messages={"invalid_choice": gettext_lazy("年计息天数只能是365或360，收到：{input}。")})
    count_start_day = serializers.BooleanField(
        default=True, help_text="是否计入起算日（默认是）。",
        error_messages={"invalid": gettext_lazy("count_start_day 应为 true 或 false。")})
    count_end_day = serializers.BooleanField(
        default=False, help_text="是否计入截止日（默认否：算头不算尾）。",
        error_messages={"invalid": gettext_lazy("count_end_day 应为 true 或 false。")})
    payments = PaymentSerializer(
        many=True, required=False, default=list, max_length=MAX_PAYMENT_ROWS,
        help_text="债务人的还款：先抵充费用，再抵充利息，最后抵充本金（民法典第五百六十一条）。",
        error_messages={"max_length": gettext_lazy("还款记录最多{max_length}笔。"),
                        "not_a_list": gettext_lazy("payments 应为列表，每一项含 date 和 amount。")})
    costs = MoneyField(label="实现债权的费用", required=False, help_text="实现债权的费用（不计息，还款先抵充）。")
    late_performance_from = IsoDateField(label="加倍部分债务利息起算日", required=False, allow_null=True,
                                         help_text="判决确定的履行期间届满次日；不填则不计加倍部分债务利息。")

    def validate(self, attrs):
        start, end = attrs["start"], attrs["end"]
        if end < start:
            raise serializers.ValidationError({"end": [serializers.ErrorDetail(
                _("截止日%(end)s早于起算日%(start)s。") % {"end": end, "start": start}, code="end_before_start")]})
        for number, payment in enumerate(attrs.get("payments") or [], start=1):
            if not start <= payment["date"] <= end:
                raise serializers.ValidationError({"payments": [serializers.ErrorDetail(
                    _("第%(n)s笔还款的日期%(date)s不在计息期间%(start)s至%(end)s内。")
                    % {"n": number, "date": payment["date"], "start": start, "end": end},
                    code="payment_outside_period")]})
        late = attrs.get("late_performance_from")
        if late is not None and late < start:
            raise serializers.ValidationError({"late_performance_from": [serializers.ErrorDetail(
                _("加倍部分债务利息起算日不能早于计息起算日。"), code="late_before_start")]})
        return attrs


# ---------------------------------------------------------------------------------------------------------
# Output (documentation only)
# ---------------------------------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="供程序判断的错误代码，例如 negative_amount、invalid_date。")
    message = serializers.CharField(help_text="给人看的中文说明。")


# "fields" cannot be a class attribute of a serializer (it would hide Serializer.fields).
ErrorSerializer._declared_fields["fields"] = serializers.DictField(
    child=serializers.ListField(child=serializers.CharField()), required=False,
    help_text="出错的字段及其错误，例如 {\"amount\": [\"诉讼请求金额不能为负数…\"]}。")


class FeeLineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["flat", "bracket", "cap", "reduction"])
    label = serializers.CharField()
    lower = serializers.CharField()
    upper = serializers.CharField(allow_null=True)
    rate_percent = serializers.CharField(allow_null=True, help_text="该段费率（百分数），例如 \"2.5\"。")
    flat = serializers.CharField(allow_null=True)
    base = serializers.CharField(help_text="该段计费基数。")
    amount = serializers.CharField(help_text="该段金额；减半、封顶行为负数。")


class FeeBreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    articles = serializers.CharField(help_text="适用条文。")
    basis = serializers.CharField(allow_null=True)
    fee = serializers.CharField()
    fee_uppercase = serializers.CharField()
    note = serializers.CharField()
    lines = FeeLineSerializer(many=True)


class CourtFeeBreakdownsSerializer(serializers.Serializer):
    acceptance_fee = FeeBreakdownSerializer()
    acceptance_fee_halved = FeeBreakdownSerializer()
    payment_order_fee = FeeBreakdownSerializer()
    preservation_fee = FeeBreakdownSerializer()
    execution_fee = FeeBreakdownSerializer()


class CourtFeesResponseSerializer(serializers.Serializer):
    amount = serializers.CharField()
    preservation_amount = serializers.CharField()
    execution_amount = serializers.CharField()
    acceptance_fee = serializers.CharField(help_text="案件受理费（第十三条(一)）。")
    acceptance_fee_halved = serializers.CharField(help_text="减半交纳的案件受理费（第十五条、第十六条）。")
    payment_order_fee = serializers.CharField(help_text="支付令申请费（第十四条(三)）。")
    preservation_fee = serializers.CharField(help_text="财产保全申请费（第十四条(二)）。")
    execution_fee = serializers.CharField(help_text="申请执行费（第十四条(一)）。")
    source = serializers.CharField()
    breakdowns = CourtFeeBreakdownsSerializer()


class CapSliceSerializer(serializers.Serializer):
    label = serializers.CharField()
    lower = serializers.CharField()
    upper = serializers.CharField(allow_null=True)
    rate_percent = serializers.CharField()
    base = serializers.CharField()
    amount = serializers.CharField()


class RiskFeeCapResponseSerializer(serializers.Serializer):
    amount = serializers.CharField()
    cap = serializers.CharField()
    cap_uppercase = serializers.CharField()
    effective_rate_percent = serializers.CharField(allow_null=True)
    slices = CapSliceSerializer(many=True)
    source = serializers.CharField()
    note = serializers.CharField()


class SegmentSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="本段第一个计息日（含）。")
    end = serializers.DateField(help_text="本段最后一个计息日（含）。")
    days = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["interest", "late_performance"])
    kind_label = serializers.CharField()
    principal = serializers.CharField()
    annual_rate = serializers.CharField(help_text="年利率（百分数）。")
    daily_rate = serializers.CharField(allow_null=True, help_text="加倍部分债务利息的日利率（百分数）。")
    amount = serializers.CharField()


class PaymentAppliedSerializer(serializers.Serializer):
    date = serializers.DateField()
    amount = serializers.CharField()
    to_costs = serializers.CharField()
    to_interest = serializers.CharField()
    to_principal = serializers.CharField()
    to_late_performance = serializers.CharField()
    unapplied = serializers.CharField()


class InterestRateUsedSerializer(serializers.Serializer):
    kind = serializers.CharField()
    multiplier = serializers.CharField(allow_null=True)
    fixed_on = serializers.DateField(allow_null=True)
    annual_rate = serializers.CharField(allow_null=True)


class InterestSettingsSerializer(serializers.Serializer):
    rate = InterestRateUsedSerializer()
    day_basis = serializers.IntegerField()
    count_start_day = serializers.BooleanField()
    count_end_day = serializers.BooleanField()
    convention = serializers.CharField()
    costs = serializers.CharField()
    late_performance_from = serializers.DateField(allow_null=True)
    lpr_table_last_date = serializers.DateField(allow_null=True)


class InterestResponseSerializer(serializers.Serializer):
    principal = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    interest = serializers.CharField()
    late_performance_interest = serializers.CharField()
    interest_outstanding = serializers.CharField()
    late_performance_outstanding = serializers.CharField()
    principal_outstanding = serializers.CharField()
    costs_outstanding = serializers.CharField()
    total_outstanding = serializers.CharField()
    overpaid = serializers.CharField()
    segments = SegmentSerializer(many=True)
    payments_applied = PaymentAppliedSerializer(many=True)
    settings = InterestSettingsSerializer()
    lpr_beyond_table = serializers.BooleanField(help_text="期间超出LPR表已知日期、沿用最后已知利率时为 true。")
    notes = serializers.ListField(child=serializers.CharField())


class DeadlinePeriodSerializer(serializers.Serializer):
    kind = serializers.CharField(allow_null=True)
    kind_label = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_null=True)
    days = serializers.IntegerField()
    months = serializers.IntegerField()
    years = serializers.IntegerField()


class DeadlineResponseSerializer(serializers.Serializer):
    start = serializers.DateField()
    deadline = serializers.DateField(help_text="顺延法定休假日后的期间届满日。")
    nominal_deadline = serializers.DateField(help_text="未顺延的期间最后一日。")
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
