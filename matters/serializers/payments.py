"""Received payments and their reversals in the matters API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.serializers import ModelSerializer
from matters.models import Payment, PaymentReversal
from matters.serializers.base import MatterScopedMixin


class PaymentReversalSerializer(ModelSerializer):
    class Meta:
        model = PaymentReversal
        fields = ["reason", "reversed_on", "reversed_by_name", "created_at"]
        read_only_fields = fields


class PaymentReverseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="冲销理由（必填）")


class ReceivedPaymentSerializer(MatterScopedMixin, ModelSerializer):
    matter_reference = serializers.CharField(source="matter.reference", read_only=True)
    payer_name = serializers.SerializerMethodField()
    recorded_by_name = serializers.CharField(source="recorded_by.name", read_only=True, default="")
    reversal = serializers.SerializerMethodField(help_text="冲销记录；未冲销为 null（已冲销的回款不计入余额）")

    class Meta:
        model = Payment
        fields = ["id", "matter", "matter_reference", "received_on", "amount", "payer_kind", "payer", "payer_name",
                  "method", "note", "recorded_by_name", "created_at", "reversal"]
        read_only_fields = ["id", "created_at"]

    @extend_schema_field(PaymentReversalSerializer(allow_null=True))
    def get_reversal(self, payment):
        reversal = getattr(payment, "reversal", None)
        return PaymentReversalSerializer(reversal).data if reversal is not None else None

    def get_payer_name(self, payment) -> str:
        return payment.payer.name if payment.payer_id else payment.get_payer_kind_display()
