"""The stage records in the matters API, one ``<Model>Serializer`` per record type (the registry,
:mod:`matters.records`, finds each by that name). ``matter`` comes from the URL."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calculators.selectors import holiday_calendar
from core.serializers import ModelSerializer, MoneyField, model_date_field
from matters import selectors
from matters.deadlines import FREEZE_RULE, INSTALMENT_STATUS_LABELS
from matters.models import (
    AssetLead,
    DemandLetter,
    Enforcement,
    EvidenceFile,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Negotiation,
    Preservation,
    RepaymentAgreement,
    WriteOff,
)
from rules.deadlines import deadline_for

RECORD_READ_ONLY_FIELDS = ["id", "matter", "created_at"]


class RecordSerializer(ModelSerializer):
    """Base of the stage records: ``matter`` comes from the URL."""

    parent_fields: dict = {}

    class Meta:
        read_only_fields = RECORD_READ_ONLY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matter = self.context.get("matter")
        for name, model in self.parent_fields.items():
            if name in self.fields and matter is not None:
                field = self.fields[name]
                (field.child_relation if hasattr(field, "child_relation") else field).queryset = (
                    model.objects.filter(matter=matter))


def _record_meta(model_cls, extra=()):
    fields = [f.name for f in model_cls._meta.fields] + [f.name for f in model_cls._meta.many_to_many]
    return type("Meta", (), {"model": model_cls, "fields": [*fields, *extra],
                             "read_only_fields": RECORD_READ_ONLY_FIELDS})


class AssetLeadSerializer(RecordSerializer):
    Meta = _record_meta(AssetLead)


class DemandLetterSerializer(RecordSerializer):
    Meta = _record_meta(DemandLetter)


class NegotiationSerializer(RecordSerializer):
    Meta = _record_meta(Negotiation)


class InstalmentSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    due_on = model_date_field(Instalment, "due_on")
    amount = MoneyField(allow_zero=False)
    status = serializers.CharField(read_only=True, help_text="upcoming / paid / paid_late / missed（到期次日起未足额即为 missed）")
    status_label = serializers.CharField(read_only=True)
    missed = serializers.BooleanField(read_only=True)


class RepaymentAgreementSerializer(RecordSerializer):
    instalments = InstalmentSerializer(many=True)
    total_amount = MoneyField(required=False, help_text="省略时取各期合计")
    compromise_amount = MoneyField(required=False, allow_null=True, allow_zero=False,
                                   help_text="委托人同意减免时的和解金额；省略则各期合计须等于签订日确认的欠款")

    Meta = _record_meta(RepaymentAgreement, extra=("instalments",))

    def to_representation(self, agreement):
        data = super().to_representation(agreement)
        statuses = selectors.agreement_instalment_statuses(agreement)
        data["instalments"] = [
            {"number": s.number, "due_on": s.due_on.isoformat(), "amount": f"{s.amount:.2f}", "status": s.status,
             "status_label": INSTALMENT_STATUS_LABELS[s.status], "missed": s.missed}
            for s in statuses
        ]
        return data


class PreservationSerializer(RecordSerializer):
    Meta = _record_meta(Preservation)


class FrozenAssetSerializer(RecordSerializer):
    parent_fields = {"preservation": Preservation}
    expires_on = serializers.SerializerMethodField(help_text="按财产类型计算的期限届满日（续封申请截止日）")
    expiry_holiday_data = serializers.SerializerMethodField()

    Meta = _record_meta(FrozenAsset, extra=("expires_on", "expiry_holiday_data"))

    def _expiry(self, asset):
        cache = self.context.setdefault("_expiry", {})
        if asset.pk not in cache:
            cache[asset.pk] = deadline_for(FREEZE_RULE[asset.kind], asset.renewed_on or asset.frozen_on,
                                           holiday_calendar())
        return cache[asset.pk]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_expires_on(self, asset):
        return self._expiry(asset).deadline.isoformat()

    def get_expiry_holiday_data(self, asset) -> bool:
        return self._expiry(asset).holiday_data


class LawsuitSerializer(RecordSerializer):
    Meta = _record_meta(Lawsuit)


class HearingSerializer(RecordSerializer):
    parent_fields = {"lawsuit": Lawsuit}
    Meta = _record_meta(Hearing)


class EnforcementSerializer(RecordSerializer):
    Meta = _record_meta(Enforcement)


class WriteOffSerializer(RecordSerializer):
    parent_fields = {"documents": EvidenceFile}
    documents = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=EvidenceFile.objects.none())
    Meta = _record_meta(WriteOff)
