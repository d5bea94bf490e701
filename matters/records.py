"""The records of the stages (asset leads, letters, agreements, preservations, lawsuits, …), named once.

Each record type is one `RecordType`: its model, the stage it belongs to, its URL slug (pages and API), the
date that dates its timeline event, the columns of the matter page's table, the fields of its form, its form
and serializer (``matters.forms.records.<Model>Form``, ``matters.serializers.records.<Model>Serializer``), the
related rows its lists load, and the fields that a move into its stage may carry to create it. The services,
forms, pages and API read this registry instead of listing the types themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from matters.models import (
    AssetLead,
    BankruptcyClaim,
    CreditInvestigation,
    DemandLetter,
    Enforcement,
    FrozenAsset,
    Hearing,
    Lawsuit,
    Negotiation,
    PaymentOrder,
    Preservation,
    RepaymentAgreement,
    WriteOff,
)
from matters.stages import Stage

# Fields a service never takes from its caller: the URL or the database sets them.
READ_ONLY_FIELDS = frozenset({"id", "matter", "matter_id", "created_at"})


@dataclass(frozen=True)
class RecordType:
    name: str  # "asset_lead": the API's record_type and the timeline's
    slug: str  # "asset-leads": the URL of its pages and API
    model: type[models.Model]
    stage: str
    title: str
    date_field: str
    columns: tuple[str, ...]  # what the matter page's table shows
    form_fields: tuple[str, ...]
    api_doc: str
    # When the record's own date is not known yet, its timeline event is dated by this one.
    fallback_date_field: str = ""
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # Fields a move into ``stage`` may carry to create this record (see services.matter_transition).
    entry_fields: tuple[str, ...] = ()
    template: str = "matters/form_page.html"  # the page that adds or edits one

    @property
    def class_name(self) -> str:
        return self.model.__name__

    def date_of(self, record) -> date | None:
        for name in (self.date_field, self.fallback_date_field):
            if name and getattr(record, name, None):
                return getattr(record, name)
        return None

    def summary(self, record) -> str:
        return f"{self.model._meta.verbose_name}：{record}"

    def queryset(self, matter) -> models.QuerySet:
        """The matter's records of this type, oldest first, with what their tables and serializers read."""
        queryset = self.model.objects.filter(matter=matter).order_by("id")
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    # The form and the serializer live in the layers above this registry, so they are found by name.
    @cached_property
    def form_class(self):
        return import_string(f"matters.forms.records.{self.class_name}Form")

    @cached_property
    def serializer_class(self):
        return import_string(f"matters.serializers.records.{self.class_name}Serializer")


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        "asset_lead", "asset-leads", AssetLead, Stage.DUE_DILIGENCE, _("财产线索"), "found_on",
        columns=("kind", "description", "source", "estimated_value", "found_on"),
        form_fields=("kind", "description", "source", "estimated_value", "found_on"),
        api_doc="尽职调查：财产线索（类型、来源、估值）。"),
    RecordType(
        "credit_investigation", "credit-investigations", CreditInvestigation, Stage.DUE_DILIGENCE, _("资信调查"),
        "investigated_on",
        columns=("investigated_on", "registration_status", "litigation_count", "dishonest_debtor",
                 "consumption_restricted", "recommended_road"),
        form_fields=("investigated_on", "registered_capital", "established_on", "registration_status",
                     "business_scope", "shareholders", "registration_source", "litigation_count",
                     "litigation_summary", "dishonest_debtor", "consumption_restricted", "litigation_source",
                     "conclusion", "recommended_road"),
        api_doc="尽职调查：资信调查（登记信息、涉诉及被执行、失信与限高、结论与建议路径，各注明来源），"
                "据以生成资信调查报告。"),
    RecordType(
        "demand_letter", "letters", DemandLetter, Stage.DEMAND_LETTER, _("律师函"), "sent_on",
        columns=("letter_number", "recipient", "sent_on", "method", "tracking_number", "delivered_on", "note"),
        form_fields=("letter_number", "recipient", "sent_on", "method", "tracking_number", "delivered_on", "note"),
        entry_fields=("letter_number", "sent_on", "method", "tracking_number", "delivered_on"),
        # The generated file of a letter (documents.GeneratedDocument.demand_letter) is shown in its row.
        select_related=("recipient", "document"),
        api_doc="律师函：函号、发出、EMS 单号、送达（送达债务人中断诉讼时效）；recipient 为本案担保人时是向保证人主张保证责任"
                "（送达连带责任保证人即在保证期间内主张）。生成律师函即登记一封“已生成、未发出”的律师函。"),
    RecordType(
        "negotiation", "negotiations", Negotiation, Stage.NEGOTIATION, _("谈判记录"), "occurred_on",
        columns=("occurred_on", "kind", "participants", "summary", "offered_amount"),
        form_fields=("kind", "occurred_on", "participants", "summary", "offered_amount"),
        api_doc="谈判：会谈与还款方案。"),
    RecordType(
        "repayment_agreement", "repayment-agreements", RepaymentAgreement, Stage.NEGOTIATION, _("还款协议"),
        "signed_on",
        columns=("signed_on", "total_amount", "compromise_amount", "acceleration", "note"),
        form_fields=("signed_on", "total_amount", "compromise_amount", "acceleration", "instalments", "note"),
        select_related=("matter",), prefetch_related=("instalments", "matter__payments"),
        api_doc="还款协议及分期（签订中断诉讼时效；到期次日未足额支付的分期标记为 missed）。"),
    RecordType(
        "preservation", "preservations", Preservation, Stage.PRESERVATION, _("保全"), "ruling_on",
        fallback_date_field="applied_on",
        columns=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount", "insurer",
                 "policy_number"),
        form_fields=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount", "insurer",
                     "policy_number", "note"),
        entry_fields=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount", "insurer",
                      "policy_number"),
        api_doc="保全：法院、裁定书案号、是否诉前（诉前保全后 30 日内须起诉）、担保的保险公司与保函/保单号"
                "（诉前保全申请书必须写明）。"),
    RecordType(
        "frozen_asset", "freezes", FrozenAsset, Stage.PRESERVATION, _("冻结/查封财产"), "frozen_on",
        columns=("preservation", "kind", "description", "amount", "frozen_on", "expires_on", "renewed_on",
                 "renewal_expires_on", "released_on"),
        form_fields=("preservation", "kind", "description", "amount", "frozen_on", "expires_on", "renewed_on",
                     "renewal_expires_on", "released_on"),
        select_related=("preservation",),
        api_doc="冻结/查封的财产：期限届满日按法院通知书填写，未填写时按类型推算（存款 1 年、动产 2 年、不动产 3 年，"
                "含起始日）；届满前七日为续封申请最晚日（法释〔2016〕22号第十八条）。"),
    RecordType(
        "lawsuit", "lawsuits", Lawsuit, Stage.LITIGATION, _("诉讼"), "filed_on", fallback_date_field="decided_on",
        columns=("forum", "instance", "court", "case_number", "filed_on", "claimed_amount", "decision", "decided_on",
                 "awarded_amount", "served_on", "performance_days", "performance_due_on"),
        form_fields=("forum", "instance", "court", "case_number", "filed_on", "claimed_amount", "decision",
                     "decided_on", "judgment_text", "awarded_principal", "awarded_interest", "interest_awarded_to",
                     "interest_continues", "awarded_costs", "awarded_amount", "served_on", "performance_days",
                     "effective_on", "performance_due_on"),
        entry_fields=("court", "case_number", "filed_on", "claimed_amount"),
        api_doc="诉讼或仲裁：forum 为 court（法院）或 arbitration（仲裁，court 填仲裁委员会，裁决一裁终局、无上诉期）；"
                "案号、立案日期（中断时效）、判决/调解/裁决、送达日期（上诉期）、判决主文与判决金额（本金、利息、被告负担的费用）、"
                "履行期限天数（生效日期与履行期限最后一日不填则自动计算，computed_* 为计算结果）、申请执行期。"
                "案件约定仲裁的，不能登记法院诉讼（《仲裁法》第五条）。"),
    RecordType(
        "payment_order", "payment-orders", PaymentOrder, Stage.LITIGATION, _("支付令"), "applied_on",
        fallback_date_field="issued_on",
        columns=("court", "case_number", "applied_on", "issued_on", "served_on", "amount", "outcome", "objected_on"),
        form_fields=("court", "case_number", "applied_on", "issued_on", "served_on", "amount", "outcome",
                     "objected_on", "note"),
        api_doc="支付令（督促程序）：法院、案号、申请日期（中断时效）、发出与送达日期（送达后15日异议期）、金额、"
                "结果 pending / paid / objected / effective、异议日期。"),
    RecordType(
        "hearing", "hearings", Hearing, Stage.LITIGATION, _("开庭"), "held_on",
        columns=("lawsuit", "held_on", "time", "place", "note"),
        form_fields=("lawsuit", "held_on", "time", "place", "note"),
        select_related=("lawsuit",),
        api_doc="开庭。"),
    RecordType(
        "enforcement", "enforcements", Enforcement, Stage.ENFORCEMENT, _("执行"), "applied_on",
        columns=("court", "case_number", "applied_on", "amount_applied", "amount_enforced", "ended_on", "note"),
        form_fields=("court", "case_number", "applied_on", "amount_applied", "amount_enforced", "ended_on",
                     "note"),
        entry_fields=("court", "case_number", "applied_on", "amount_applied"),
        api_doc="执行：法院、执行案号、申请日期（中断时效）、执行到位金额、终结/终本日期（时效自此重新计算）。"),
    RecordType(
        "bankruptcy_claim", "bankruptcy-claims", BankruptcyClaim, Stage.ENFORCEMENT, _("破产债权申报"), "declared_on",
        fallback_date_field="accepted_on",
        columns=("court", "case_number", "accepted_on", "declaration_deadline", "administrator_name", "declared_on",
                 "declared_amount", "secured", "confirmed_amount", "distributions_received"),
        form_fields=("court", "case_number", "accepted_on", "notice_on", "declaration_deadline",
                     "administrator_name", "administrator_contact", "administrator_address", "declared_on",
                     "declared_amount", "secured", "confirmed_amount", "distributions_received",
                     "final_distribution_on", "note"),
        api_doc="破产债权申报：受理法院与案号、受理日（停止计息）、公告日与申报期限（公告之日起30日至3个月）、"
                "管理人、申报日期（中断诉讼时效）与金额、有无财产担保、管理人确认金额、已获分配。"),
    RecordType(
        "write_off", "write-offs", WriteOff, Stage.WRITE_OFF, _("核销依据"), "basis_date",
        columns=("basis", "basis_date", "document_number", "documents", "note"),
        form_fields=("basis", "basis_date", "document_number", "documents", "note"),
        prefetch_related=("documents",),
        entry_fields=("basis", "basis_date", "document_number", "note"),
        api_doc="核销依据：终本裁定、破产裁定、注销记录等。"),
)

BY_NAME: dict[str, RecordType] = {record_type.name: record_type for record_type in RECORD_TYPES}
BY_SLUG: dict[str, RecordType] = {record_type.slug: record_type for record_type in RECORD_TYPES}
BY_MODEL: dict[type[models.Model], RecordType] = {record_type.model: record_type for record_type in RECORD_TYPES}


def created_on_entering(stage: str) -> RecordType | None:
    """The record that a move into ``stage`` creates from the fields it carries (None: no record)."""
    return next((record_type for record_type in RECORD_TYPES
                 if record_type.stage == stage and record_type.entry_fields), None)
