"""The interest calculator: its request body and the documented shape of its answer (built by
:mod:`calculators.presenters.interest`)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from calculators.forms import MAX_PAYMENT_ROWS
from calculators.serializers.common import IsoDateField, MoneyField, NumberField
from rules.interest import DAY_BASES
from rules.rates import MAX_ANNUAL_RATE


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
    lpr_note = serializers.CharField(help_text="LPR表已过期（最后一次公布后次月25日起）时的说明，例如"
                                              "“按2025年5月20日公布的LPR 3.0%暂计”；否则为空字符串。")
    notes = serializers.ListField(child=serializers.CharField())
