"""Parsing and rendering for the matters API. Serializers validate shapes; the services own every rule and
every write (the views call them with ``validated_data``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Role, User
from calculators.selectors import holiday_calendar
from core.serializers import ModelSerializer, MoneyField, model_date_field
from matters import access, selectors
from matters.deadlines import FREEZE_RULE, INSTALMENT_STATUS_LABELS
from matters.models import (
    SPECIAL_POWERS,
    AssetLead,
    Client,
    ClientContact,
    Debtor,
    DemandLetter,
    Enforcement,
    EvidenceCategory,
    EvidenceFile,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Mandate,
    Matter,
    Negotiation,
    Payment,
    PaymentReversal,
    Preservation,
    RepaymentAgreement,
    TimelineEvent,
    WorkLogEntry,
    WriteOff,
)
from matters.stages import Outcome, Stage
from rules.deadlines import deadline_for


@extend_schema_field({"allOf": [{"$ref": "#/components/schemas/StageEnum"}]})
class StageChoiceField(serializers.ChoiceField):
    """A stage code; in the schema it reuses the StageEnum of Matter.stage (one name for one choice set)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Stage.choices, **kwargs)


def _request_user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


# --- parties -----------------------------------------------------------------------------------------------


class ClientContactSerializer(ModelSerializer):
    class Meta:
        model = ClientContact
        fields = ["id", "name", "position", "phone", "email"]
        read_only_fields = ["id"]


class ClientSerializer(ModelSerializer):
    contacts = ClientContactSerializer(many=True, required=False)

    class Meta:
        model = Client
        fields = ["id", "name", "uscc", "legal_representative", "address", "notes", "contacts", "created_at",
                  "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness is checked by the service, with a message naming the existing client.
        extra_kwargs = {"uscc": {"validators": []}}


class DebtorSerializer(ModelSerializer):
    addresses = serializers.ListField(child=serializers.CharField(max_length=300), required=False,
                                      help_text="送达地址（可多个）")
    phones = serializers.ListField(child=serializers.CharField(max_length=40), required=False)

    class Meta:
        model = Debtor
        fields = ["id", "kind", "name", "id_number", "legal_representative", "addresses", "phones", "notes",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        validators = []  # the service checks the number by kind and its uniqueness
        extra_kwargs = {"id_number": {"validators": []}}


class MandateSerializer(ModelSerializer):
    client_name = serializers.CharField(source="client.name", read_only=True)
    responsible_partner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.PARTNER, is_active=True))
    responsible_partner_name = serializers.CharField(source="responsible_partner.name", read_only=True)
    team = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                              queryset=User.objects.filter(is_active=True))
    special_powers = serializers.ListField(child=serializers.ChoiceField(choices=list(SPECIAL_POWERS.items())),
                                           required=False)

    class Meta:
        model = Mandate
        fields = ["id", "client", "client_name", "contract_number", "contract_date", "responsible_partner",
                  "responsible_partner_name", "team", "cause", "placed_amount", "fee_type", "fixed_rate",
                  "upfront_rate", "success_rate", "authority", "special_powers", "status", "notes", "created_at",
                  "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _request_user(self)
        if user is not None and "client" in self.fields:
            self.fields["client"].queryset = access.visible_clients(user)


# --- matters -----------------------------------------------------------------------------------------------


class BalanceSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    claimed = serializers.DecimalField(max_digits=16, decimal_places=2)
    recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)


class PaymentApplicationSerializer(serializers.Serializer):
    date = serializers.DateField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    to_costs = serializers.DecimalField(max_digits=16, decimal_places=2)
    to_interest = serializers.DecimalField(max_digits=16, decimal_places=2)
    to_principal = serializers.DecimalField(max_digits=16, decimal_places=2)
    unapplied = serializers.DecimalField(max_digits=16, decimal_places=2)


class BalanceSerializer(BalanceSummarySerializer):
    principal = serializers.DecimalField(max_digits=16, decimal_places=2)
    costs = serializers.DecimalField(max_digits=16, decimal_places=2)
    interest = serializers.DecimalField(max_digits=16, decimal_places=2)
    principal_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    interest_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    costs_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    overpaid = serializers.DecimalField(max_digits=16, decimal_places=2)
    applications = PaymentApplicationSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField()


class MatterSerializer(ModelSerializer):
    client = serializers.IntegerField(source="mandate.client_id", read_only=True)
    client_name = serializers.CharField(source="mandate.client.name", read_only=True)
    debtor_name = serializers.CharField(source="debtor.name", read_only=True)
    guarantors = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Debtor.objects.all())
    lawyer = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True,
        queryset=User.objects.filter(role__in=access.ASSIGNABLE_LAWYER_ROLES, is_active=True))
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True, default="")
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    cause_label = serializers.CharField(source="get_cause_display", read_only=True)
    version = serializers.IntegerField(required=False, min_value=1,
                                       help_text="修改时可提交所见版本号：版本已变化则返回 409。")
    balance = serializers.SerializerMethodField()

    class Meta:
        model = Matter
        fields = ["id", "reference", "mandate", "client", "client_name", "debtor", "debtor_name", "guarantors",
                  "cause", "cause_label", "description", "principal", "costs", "interest_type", "interest_rate",
                  "lpr_multiplier", "lpr_fixed_on", "interest_from", "due_date", "lawyer", "lawyer_name", "stage",
                  "stage_label", "outcome", "outcome_label", "recovery_plan", "opened_on", "closed_on", "version",
                  "balance", "created_at", "updated_at"]
        read_only_fields = ["id", "reference", "stage", "outcome", "closed_on", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _request_user(self)
        if user is not None:
            self.fields["mandate"].queryset = access.visible_mandates(user)
            self.fields["debtor"].queryset = access.visible_debtors(user)
            self.fields["guarantors"].child_relation.queryset = access.visible_debtors(user)
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            self.fields["mandate"].read_only = True

    @extend_schema_field(BalanceSummarySerializer)
    def get_balance(self, matter):
        balances = self.context.get("balances") or {}
        balance = balances.get(matter.pk) or selectors.balance_figures([matter])[matter.pk]
        return BalanceSummarySerializer(balance).data


class TransitionSerializer(serializers.Serializer):
    """Move to a stage (``to_stage``) or end/reopen the matter (``outcome``); ``version`` is the one you saw.
    Entering preservation, litigation or enforcement needs ``court``; write-off needs ``basis``."""

    to_stage = StageChoiceField(required=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    version = serializers.IntegerField(min_value=1)
    on_date = model_date_field(Matter, "closed_on", required=False, help_text="结案日期等，默认今天")
    # Fields of the record that entering the stage creates.
    court = serializers.CharField(required=False, allow_blank=True, max_length=100)
    case_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    filed_on = model_date_field(Lawsuit, "filed_on", required=False)
    claimed_amount = MoneyField(required=False)
    ruling_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    pre_suit = serializers.BooleanField(required=False)
    applied_on = model_date_field(Preservation, "applied_on", required=False)
    ruling_on = model_date_field(Preservation, "ruling_on", required=False)
    amount = MoneyField(required=False)
    amount_applied = MoneyField(required=False)
    basis = serializers.ChoiceField(choices=WriteOff.Basis.choices, required=False)
    basis_date = model_date_field(WriteOff, "basis_date", required=False)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    note = serializers.CharField(required=False, allow_blank=True)
    letter_number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    sent_on = model_date_field(DemandLetter, "sent_on", required=False)
    # Plain text in the schema (its values are DemandLetter's "method" enum), so that one choice set keeps
    # one name there; the service checks the value.
    letter_method = serializers.CharField(required=False, max_length=20, help_text="进入律师函阶段时：寄送方式（"
                                          + "、".join(DemandLetter.Method.values) + "）")
    tracking_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    delivered_on = model_date_field(DemandLetter, "delivered_on", required=False)

    def validate(self, attrs):
        if ("to_stage" in attrs) == ("outcome" in attrs):
            raise serializers.ValidationError({"to_stage": ["请指定目标阶段（to_stage）或结案结果（outcome），二者选一。"]})
        return attrs


class TimelineItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    at = serializers.DateField()
    summary = serializers.CharField()
    actor_name = serializers.CharField()
    created_at = serializers.DateTimeField(allow_null=True)
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    reason = serializers.CharField()
    record_type = serializers.CharField()
    record_id = serializers.IntegerField(allow_null=True)


class DeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    due_date = serializers.DateField()
    matter_id = serializers.IntegerField()
    matter_reference = serializers.CharField()
    debtor_name = serializers.CharField()
    lawyer_id = serializers.IntegerField(allow_null=True)
    lawyer_name = serializers.CharField()
    source = serializers.CharField()
    legal_basis = serializers.CharField()
    holiday_data = serializers.BooleanField(help_text="False：该年份缺少节假日数据，仅按周末推算，请人工核对")
    done = serializers.BooleanField()
    overdue = serializers.BooleanField()
    note = serializers.CharField()


# --- payments, work log, evidence ----------------------------------------------------------------------------


class MatterScopedMixin:
    """Limits the ``matter`` field to matters the requesting user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _request_user(self)
        if user is not None and "matter" in self.fields and not self.fields["matter"].read_only:
            self.fields["matter"].queryset = access.visible_matters(user)
        if self.instance is not None and hasattr(self.instance, "pk") and "matter" in self.fields:
            self.fields["matter"].read_only = True


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


class WorkLogEntrySerializer(MatterScopedMixin, ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True, default="")

    class Meta:
        model = WorkLogEntry
        fields = ["id", "matter", "kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount",
                  "promised_on", "interrupts_limitation", "interruption_basis", "author_name", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators = []


class EvidenceFileSerializer(MatterScopedMixin, ModelSerializer):
    file = serializers.FileField(write_only=True, help_text="按文件内容识别类型：PDF、PNG、JPEG、DOCX、XLSX")
    category = serializers.ChoiceField(choices=EvidenceCategory.choices, default=EvidenceCategory.OTHER)
    uploaded_by_name = serializers.CharField(source="uploaded_by.name", read_only=True, default="")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = ["id", "matter", "category", "title", "file", "original_name", "content_type", "size", "sha256",
                  "uploaded_by_name", "uploaded_at", "download_url"]
        read_only_fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]

    def get_download_url(self, evidence) -> str:
        return f"/api/v1/evidence/{evidence.pk}/download/"


# --- stage records -----------------------------------------------------------------------------------------


class RecordSerializer(ModelSerializer):
    """Base of the stage records: ``matter`` comes from the URL."""

    parent_fields: dict = {}

    class Meta:
        read_only_fields = ["id", "matter", "created_at"]

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
                             "read_only_fields": ["id", "matter", "created_at"]})


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


class TimelineEventSerializer(ModelSerializer):
    class Meta:
        model = TimelineEvent
        fields = ["id", "kind", "actor_name", "created_at", "on_date", "summary", "from_stage", "to_stage", "reason",
                  "record_type", "record_id"]
