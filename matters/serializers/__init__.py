"""Parsing and rendering for the matters API. Serializers validate shapes; the services own every rule and
every write (the views call them with ``validated_data``)."""

from matters.serializers.matters import (
    BalanceSerializer,
    BalanceSummarySerializer,
    DeadlineSerializer,
    MatterSerializer,
    TimelineItemSerializer,
    TransitionSerializer,
)
from matters.serializers.parties import ClientSerializer, DebtorSerializer, MandateSerializer
from matters.serializers.payments import PaymentReverseSerializer, ReceivedPaymentSerializer
from matters.serializers.work import EvidenceFileSerializer, WorkLogEntrySerializer

__all__ = [
    "BalanceSerializer",
    "BalanceSummarySerializer",
    "ClientSerializer",
    "DeadlineSerializer",
    "DebtorSerializer",
    "EvidenceFileSerializer",
    "MandateSerializer",
    "MatterSerializer",
    "PaymentReverseSerializer",
    "ReceivedPaymentSerializer",
    "TimelineItemSerializer",
    "TransitionSerializer",
    "WorkLogEntrySerializer",
]
