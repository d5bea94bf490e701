"""A matter in the matters API: the matter itself, its balance, a move between stages, its timeline and its
deadlines."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import access as roles
from accounts.models import User
from calculators.selectors import holiday_calendar
from core.serializers import ModelSerializer, MoneyField, model_date_field
from matters import access, balances, stages
from matters.models import (
    Debtor,
    DemandLetter,
    EvidenceFile,
    Guarantee,
    GuaranteeKind,
    Lawsuit,
    Matter,
    Preservation,
    WriteOff,
)
from matters.serializers.base import request_user
from matters.stages import Outcome, Stage
from rules.guarantees import guarantee_period_end


@extend_schema_field({"allOf": [{"$ref": "#/components/schemas/StageEnum"}]})
class StageChoiceField(serializers.ChoiceField):
    """A stage code; in the schema it reuses the StageEnum of Matter.stage (one name for one choice set)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Stage.choices, **kwargs)


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
    to_late_performance = serializers.DecimalField(max_digits=16, decimal_places=2)
    unapplied = serializers.DecimalField(max_digits=16, decimal_places=2)


class BalanceSerializer(BalanceSummarySerializer):
    principal = serializers.DecimalField(max_digits=16, decimal_places=2)
    costs = serializers.DecimalField(max_digits=16, decimal_places=2)
    interest = serializers.DecimalField(max_digits=16, decimal_places=2)
    principal_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    interest_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    costs_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    overpaid = serializers.DecimalField(max_digits=16, decimal_places=2)
    follows_judgment = serializers.BooleanField(help_text="履行期限届满后，余额按判决确定的金额计算")
    late_interest = serializers.DecimalField(max_digits=16, decimal_places=2,
                                             help_text="迟延履行期间的加倍部分债务利息（累计）")
    late_interest_outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    late_from = serializers.DateField(allow_null=True, help_text="加倍部分债务利息起算日（履行期限届满次日）")
    applications = PaymentApplicationSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField()
    lpr_note = serializers.CharField(help_text="利息所用LPR超出已公布数据时的说明，例如“按2025年5月20日公布的LPR 3.0%暂计”；"
                                              "否则为空字符串。")


class GuaranteeSerializer(serializers.Serializer):
    """One guarantor of the matter with the terms of the guarantee. Written: ``debtor`` and any of ``kind``
    (default general, 民法典第六百八十六条), ``period_ends_on`` (blank: six months from the due date, 第六百九十二条),
    ``contract`` (an evidence file of the matter) and ``demanded_on``; a guarantor already on the matter keeps the
    terms not sent. Read: also the period's end as it applies (``period_end``, ``period_agreed``)."""

    id = serializers.IntegerField(read_only=True)
    debtor = serializers.PrimaryKeyRelatedField(queryset=Debtor.objects.all())
    debtor_name = serializers.CharField(source="debtor.name", read_only=True)
    kind = serializers.ChoiceField(choices=GuaranteeKind.choices, required=False)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    period_ends_on = model_date_field(Guarantee, "period_ends_on", required=False, allow_null=True)
    contract = serializers.PrimaryKeyRelatedField(queryset=EvidenceFile.objects.none(), required=False,
                                                  allow_null=True)
    demanded_on = model_date_field(Guarantee, "demanded_on", required=False, allow_null=True)
    period_end = serializers.SerializerMethodField()
    period_agreed = serializers.SerializerMethodField()

    def _period(self, guarantee):
        return guarantee_period_end(main_due_date=guarantee.matter.due_date, agreed_end=guarantee.period_ends_on,
                                    calendar=holiday_calendar())

    @extend_schema_field(serializers.DateField())
    def get_period_end(self, guarantee):
        return self._period(guarantee).end.isoformat()

    @extend_schema_field(serializers.BooleanField())
    def get_period_agreed(self, guarantee) -> bool:
        return self._period(guarantee).agreed


class MatterSerializer(ModelSerializer):
    client = serializers.IntegerField(source="mandate.client_id", read_only=True)
    client_name = serializers.CharField(source="mandate.client.name", read_only=True)
    debtor_name = serializers.CharField(source="debtor.name", read_only=True)
    guarantors = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Debtor.objects.all(),
                                                    help_text="担保人 id 列表（一般保证、法定保证期间）；"
                                                              "或改用 guarantees 同时提交保证方式与期间")
    guarantees = GuaranteeSerializer(many=True, required=False)
    lawyer = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True,
        queryset=User.objects.filter(role__in=roles.ASSIGNABLE_LAWYER_ROLES, is_active=True))
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
                  "guarantees", "cause", "cause_label", "description", "principal", "costs", "interest_type",
                  "interest_rate", "lpr_multiplier", "lpr_markup", "lpr_fixed_on", "interest_from", "due_date",
                  "jurisdiction_clause", "lawyer", "lawyer_name", "stage", "stage_label", "outcome", "outcome_label",
                  "recovery_plan", "dispute_resolution", "arbitration_commission", "opened_on", "closed_on", "version",
                  "balance", "created_at", "updated_at"]
        read_only_fields = ["id", "reference", "stage", "outcome", "closed_on", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = request_user(self)
        if user is not None:
            self.fields["mandate"].queryset = access.visible_mandates(user)
            self.fields["debtor"].queryset = access.visible_debtors(user)
            self.fields["guarantors"].child_relation.queryset = access.visible_debtors(user)
            guarantee_fields = self.fields["guarantees"].child.fields
            guarantee_fields["debtor"].queryset = access.visible_debtors(user)
            if self.instance is not None and hasattr(self.instance, "pk") and self.instance.pk:
                # A guarantee contract is an evidence file of this matter, which exists once the matter does.
                guarantee_fields["contract"].queryset = EvidenceFile.objects.filter(matter=self.instance)
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            self.fields["mandate"].read_only = True

    @extend_schema_field(BalanceSummarySerializer)
    def get_balance(self, matter):
        known = self.context.get("balances") or {}
        balance = known.get(matter.pk) or balances.balance_figures([matter])[matter.pk]
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
    letter_method = serializers.CharField(source="method", required=False, max_length=20, help_text="进入律师函阶段时：寄送方式（"
                                          + "、".join(DemandLetter.Method.values) + "）")
    tracking_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    delivered_on = model_date_field(DemandLetter, "delivered_on", required=False)

    def validate(self, attrs):
        problem = stages.target_problem(attrs.get("to_stage"), attrs.get("outcome"))
        if problem:
            raise serializers.ValidationError({"to_stage": [problem]})
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
    warn_from = serializers.DateField(allow_null=True, help_text="提前提醒的起始日（如保证期间届满前30日）；为空时按列表的期限范围")
