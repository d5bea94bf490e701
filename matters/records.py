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
    DemandLetter,
    Enforcement,
    FrozenAsset,
    Hearing,
    Lawsuit,
    Negotiation,
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
        "demand_letter", "letters", DemandLetter, Stage.DEMAND_LETTER, _("律师函"), "sent_on",
        columns=("letter_number", "sent_on", "method", "tracking_number", "delivered_on", "note"),
        form_fields=("letter_number", "sent_on", "method", "tracking_number", "delivered_on", "note"),
        entry_fields=("letter_number", "sent_on", "method", "tracking_number", "delivered_on"),
        # The generated file of a letter (documents.GeneratedDocument.demand_letter), shown in its row.
        select_related=("document",),
        api_doc="律师函：函号、发出、EMS 单号、送达（送达中断诉讼时效）。生成律师函即登记一封“已生成、未发出”的律师函。"),
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
        columns=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount"),
        form_fields=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount", "note"),
        entry_fields=("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount"),
        api_doc="保全：法院、裁定书案号、是否诉前（诉前保全后 30 日内须起诉）。"),
    RecordType(
        "frozen_asset", "freezes", FrozenAsset, Stage.PRESERVATION, _("冻结/查封财产"), "frozen_on",
        columns=("preservation", "kind", "description", "amount", "frozen_on", "renewed_on", "released_on"),
        form_fields=("preservation", "kind", "description", "amount", "frozen_on", "renewed_on", "released_on"),
        select_related=("preservation",),
        api_doc="冻结/查封的财产：按类型计算期限届满日（存款 1 年、动产 2 年、不动产 3 年）。"),
    RecordType(
        "lawsuit", "lawsuits", Lawsuit, Stage.LITIGATION, _("诉讼"), "filed_on", fallback_date_field="decided_on",
        columns=("instance", "court", "case_number", "filed_on", "claimed_amount", "decision", "decided_on",
                 "awarded_amount", "served_on", "performance_due_on"),
        form_fields=("instance", "court", "case_number", "filed_on", "claimed_amount", "decision", "decided_on",
                     "awarded_amount", "served_on", "performance_due_on"),
        entry_fields=("court", "case_number", "filed_on", "claimed_amount"),
        api_doc="诉讼：法院、案号、立案日期（中断时效）、判决/调解、送达日期（上诉期）、履行期限（申请执行期）。"),
    RecordType(
        "hearing", "hearings", Hearing, Stage.LITIGATION, _("开庭"), "held_on",
        columns=("lawsuit", "held_on", "time", "place", "note"),
        form_fields=("lawsuit", "held_on", "time", "place", "note"),
        select_related=("lawsuit",),
        api_doc="开庭。"),
    RecordType(
        "enforcement", "enforcements", Enforcement, Stage.ENFORCEMENT, _("执行"), "applied_on",
        columns=("court", "case_number", "applied_on", "amount_applied", "amount_enforced", "note"),
        form_fields=("court", "case_number", "applied_on", "amount_applied", "amount_enforced", "note"),
        entry_fields=("court", "case_number", "applied_on", "amount_applied"),
        api_doc="执行：法院、执行案号、申请日期、执行到位金额。"),
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
