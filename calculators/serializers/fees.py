"""The court-fee and risk-fee-cap calculators: their query parameters and the documented shape of their
answers (built by :mod:`calculators.presenters.fees`)."""

from __future__ import annotations

from rest_framework import serializers

from calculators.serializers.common import MoneyField


class CourtFeesQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="诉讼请求金额", help_text="诉讼请求金额（元），最多两位小数。")
    preservation_amount = MoneyField(label="保全财产数额", required=False,
                                     help_text="保全财产数额（元）；不填则等于 amount。")
    execution_amount = MoneyField(label="申请执行金额", required=False,
                                  help_text="申请执行金额（元）；不填则等于 amount。")


class RiskFeeCapQuerySerializer(serializers.Serializer):
    amount = MoneyField(label="实现债权金额", help_text="最终实现债权或减免债务的金额（元），各阶段合计。")


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
