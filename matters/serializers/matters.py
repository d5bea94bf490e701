"""A matter in the matters API: the matter itself, its balance, a move between stages, its timeline and its
deadlines."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import access as roles
from accounts.models import User
from core.serializers import ModelSerializer, MoneyField, model_date_field
from matters import access, selectors, stages
from matters.models import Debtor, DemandLetter, Lawsuit, Matter, Preservation, WriteOff
from matters.serializers.base import request_user
from matters.stages import Outcome, Stage


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
    lpr_note = serializers.CharField(help_text="利息所用LPR超出已公布数据时的说明，例如“按2025年5月20日公布的LPR 3.0%暂计”；"
                                              "否则为空字符串。")


class MatterSerializer(ModelSerializer):
    client = serializers.IntegerField(source="mandate.client_id", read_only=True)
    client_name = serializers.CharField(source="mandate.client.name", read_only=True)
    debtor_name = serializers.CharField(source="debtor.name", read_only=True)
    guarantors = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Debtor.objects.all())
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
                  "cause", "cause_label", "description", "principal", "costs", "interest_type", "interest_rate",
                  "lpr_multiplier", "lpr_fixed_on", "interest_from", "due_date", "lawyer", "lawyer_name", "stage",
                  "stage_label", "outcome", "outcome_label", "recovery_plan", "opened_on", "closed_on", "version",
                  "balance", "created_at", "updated_at"]
        read_only_fields = ["id", "reference", "stage", "outcome", "closed_on", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = request_user(self)
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
