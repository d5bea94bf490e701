"""The stage records in the matters API, one ``<Model>Serializer`` per record type (the registry,
:mod:`matters.records`, finds each by that name). ``matter`` comes from the URL."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calculators.selectors import holiday_calendar
from core.serializers import ModelSerializer, MoneyField, model_date_field
from matters import selectors
from matters.deadlines import INSTALMENT_STATUS_LABELS, frozen_asset_expiry
from matters.judgments import lawsuit_dates
from matters.models import (
    AssetLead,
    BankruptcyClaim,
    CreditInvestigation,
    DemandLetter,
    Enforcement,
    EvidenceFile,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Negotiation,
    PaymentOrder,
    Preservation,
    RepaymentAgreement,
    WriteOff,
)

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
    """``recipient``: empty for the debtor, or one of the matter's guarantors."""

    Meta = _record_meta(DemandLetter)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matter = self.context.get("matter")
        if matter is not None and "recipient" in self.fields:
            self.fields["recipient"].queryset = matter.guarantors.all()


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
    """``expires_on`` / ``renewal_expires_on`` are the expiry dates as the court's notices state them (optional);
    ``period_ends_on`` is the current period's last day (stated, or computed by kind counting the first day),
    ``renew_by`` expiry − 7 days (法释〔2016〕22号第十八条), ``renewal_deadline`` the working day to apply by."""

    parent_fields = {"preservation": Preservation}
    period_ends_on = serializers.SerializerMethodField(help_text="本期冻结/查封期限届满日（含起始日计算；不顺延）")
    renew_by = serializers.SerializerMethodField(help_text="届满日前七日：申请续行冻结/查封的法定最晚日")
    renewal_deadline = serializers.SerializerMethodField(help_text="应提交续封申请的工作日（逢休息日提前）")
    expiry_holiday_data = serializers.SerializerMethodField()

    Meta = _record_meta(FrozenAsset, extra=("period_ends_on", "renew_by", "renewal_deadline",
                                            "expiry_holiday_data"))

    def _expiry(self, asset):
        cache = self.context.setdefault("_expiry", {})
        if asset.pk not in cache:
            cache[asset.pk] = frozen_asset_expiry(asset, holiday_calendar())
        return cache[asset.pk]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_period_ends_on(self, asset):
        return self._expiry(asset).expires_on.isoformat()

    @extend_schema_field(OpenApiTypes.DATE)
    def get_renew_by(self, asset):
        return self._expiry(asset).renew_by.isoformat()

    @extend_schema_field(OpenApiTypes.DATE)
    def get_renewal_deadline(self, asset):
        return self._expiry(asset).deadline.isoformat()

    def get_expiry_holiday_data(self, asset) -> bool:
        return self._expiry(asset).holiday_data


class LawsuitSerializer(RecordSerializer):
    computed_effective_on = serializers.SerializerMethodField(
        help_text="生效日期：填写的，或按送达日期与上诉期（判决15日、裁定10日，遇节假日顺延）计算；调解书送达即生效")
    computed_performance_due_on = serializers.SerializerMethodField(
        help_text="履行期限最后一日：填写的，或生效日期起算 performance_days 日（不含生效当日）")
    dates_holiday_data = serializers.SerializerMethodField()

    Meta = _record_meta(Lawsuit, extra=("computed_effective_on", "computed_performance_due_on",
                                        "dates_holiday_data"))

    def _dates(self, suit):
        cache = self.context.setdefault("_judgment_dates", {})
        if suit.pk not in cache:
            siblings = self.context.get("_lawsuits")
            if siblings is None or suit.matter_id not in siblings:
                siblings = self.context["_lawsuits"] = {suit.matter_id: list(Lawsuit.objects.filter(
                    matter_id=suit.matter_id).order_by("id"))}
            cache[suit.pk] = lawsuit_dates(suit, siblings[suit.matter_id], holiday_calendar())
        return cache[suit.pk]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_computed_effective_on(self, suit):
        day = self._dates(suit).effective_on
        return day.isoformat() if day else None

    @extend_schema_field(OpenApiTypes.DATE)
    def get_computed_performance_due_on(self, suit):
        day = self._dates(suit).performance_due_on
        return day.isoformat() if day else None

    def get_dates_holiday_data(self, suit) -> bool:
        return self._dates(suit).holiday_data


class PaymentOrderSerializer(RecordSerializer):
    Meta = _record_meta(PaymentOrder)


class HearingSerializer(RecordSerializer):
    parent_fields = {"lawsuit": Lawsuit}
    Meta = _record_meta(Hearing)


class EnforcementSerializer(RecordSerializer):
    Meta = _record_meta(Enforcement)


class CreditInvestigationSerializer(RecordSerializer):
    Meta = _record_meta(CreditInvestigation)


class BankruptcyClaimSerializer(RecordSerializer):
    Meta = _record_meta(BankruptcyClaim)


class WriteOffSerializer(RecordSerializer):
    parent_fields = {"documents": EvidenceFile}
    documents = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=EvidenceFile.objects.none())
    Meta = _record_meta(WriteOff)
