"""The records of the stages (asset leads, letters, agreements, preservations, freezes, lawsuits, hearings,
enforcements, write-off bases; see matters/records.py): adding, editing and removing one, each with its timeline
event and the matter's figures stored anew."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import User
from core.formatting import money_text
from matters import records
from matters.models import (
    AssetLead,
    DemandLetter,
    Enforcement,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Matter,
    Negotiation,
    Preservation,
    RepaymentAgreement,
    TimelineKind,
    WriteOff,
)
from matters.records import RecordType
from matters.selectors import matter_balance
from matters.services._common import _clean, _event, _invalid, _money, _require, _timeline_event
from matters.services.figures import _refresh_figures
from matters.stages import Outcome

# The amounts a record may carry, read as every amount is read.
MONEY_FIELDS = ("estimated_value", "amount", "claimed_amount", "awarded_amount", "amount_applied",
                "amount_enforced", "offered_amount", "total_amount", "compromise_amount")


# --- checks ------------------------------------------------------------------------------------------------


def _check_instalments(agreement: RepaymentAgreement, instalments) -> list[Instalment]:
    rows = list(instalments or [])
    if not rows:
        raise _invalid("instalments", _("还款协议至少需要一期还款安排。"))
    built, previous = [], None
    due_on_field = Instalment._meta.get_field("due_on")
    for number, row in enumerate(rows, start=1):
        due_on, amount = row.get("due_on"), _money(row.get("amount"), "instalments", positive=True)
        if not isinstance(due_on, date):
            raise _invalid("instalments", _("第%(n)d期缺少应还日期。") % {"n": number})
        try:
            due_on_field.run_validators(due_on)
        except ValidationError as error:
            raise _invalid("instalments", _("第%(n)d期：%(message)s") % {"n": number,
                                                                      "message": error.messages[0]}) from None
        if agreement.signed_on and due_on < agreement.signed_on:
            raise _invalid("instalments", _("第%(n)d期的应还日期早于协议签订日期。") % {"n": number})
        if previous and due_on <= previous:
            raise _invalid("instalments", _("各期应还日期须按先后顺序排列且不重复（第%(n)d期）。") % {"n": number})
        previous = due_on
        built.append(Instalment(number=number, due_on=due_on, amount=amount))
    total = sum((item.amount for item in built), Decimal("0"))
    if agreement.total_amount in (None, ""):
        agreement.total_amount = total
    elif (stated := _money(agreement.total_amount, "total_amount", positive=True)) != total:
        raise _invalid("instalments", _("各期金额合计 %(sum)s 元与协议还款总额 %(total)s 元不一致。")
                       % {"sum": money_text(total), "total": money_text(stated)})
    _check_schedule_settles(agreement, total)
    return built


def confirmed_debt(matter: Matter, signed_on: date) -> Decimal:
    """What the debtor owes on the day an agreement is signed (principal, interest and costs outstanding then):
    the debt a repayment agreement confirms."""
    balance = matter_balance(matter, as_of=signed_on)
    return balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding


def _check_schedule_settles(agreement: RepaymentAgreement, total: Decimal) -> None:
    """A schedule pays off the debt confirmed at signing, or the compromise the client accepts instead (the
    rest waived): an agreement that confirms one amount and schedules another is not one the debtor can
    perform."""
    if not isinstance(agreement.signed_on, date):
        return  # the field check reports the missing date
    debt = confirmed_debt(agreement.matter, agreement.signed_on)
    texts = {"sum": money_text(total), "debt": money_text(debt), "date": agreement.signed_on.isoformat()}
    if agreement.compromise_amount in (None, ""):
        agreement.compromise_amount = None
        if total != debt:
            raise _invalid("instalments", _(
                "各期金额合计 %(sum)s 元，与签订日（%(date)s）确认的欠款 %(debt)s 元不一致。分期应还清确认的欠款；"
                "委托人同意减免部分欠款的，请填写和解金额。") % texts)
        return
    compromise = _money(agreement.compromise_amount, "compromise_amount", positive=True)
    agreement.compromise_amount = compromise
    if compromise >= debt:
        raise _invalid("compromise_amount", _(
            "和解金额应少于签订日（%(date)s）确认的欠款 %(debt)s 元；不减免欠款的，请不填和解金额。") % texts)
    if total != compromise:
        raise _invalid("instalments", _("各期金额合计 %(sum)s 元与和解金额 %(compromise)s 元不一致。")
                       % {**texts, "compromise": money_text(compromise)})


def _store_instalments(agreement: RepaymentAgreement, built: list[Instalment]) -> None:
    for instalment in built:
        instalment.agreement = agreement
    Instalment.objects.bulk_create(built)


def _check_demand_letter(letter: DemandLetter, matter: Matter) -> None:
    if letter.delivered_on and not letter.sent_on:
        raise _invalid("sent_on", _("填写送达日期前，请先填写律师函的发出日期。"))
    if letter.delivered_on and letter.sent_on and letter.delivered_on < letter.sent_on:
        raise _invalid("delivered_on", _("送达日期不能早于发出日期。"))


def _check_frozen_asset(frozen: FrozenAsset, matter: Matter) -> None:
    if frozen.preservation_id is None or frozen.preservation.matter_id != matter.pk:
        raise _invalid("preservation", _("请选择本案的保全记录。"))
    if frozen.released_on and frozen.released_on < frozen.frozen_on:
        raise _invalid("released_on", _("解除日期不能早于冻结日期。"))
    if frozen.renewed_on and frozen.renewed_on < frozen.frozen_on:
        raise _invalid("renewed_on", _("续封日期不能早于冻结日期。"))


def _check_lawsuit(lawsuit: Lawsuit, matter: Matter) -> None:
    if lawsuit.decided_on and not lawsuit.decision:
        raise _invalid("decision", _("填写了裁判日期时请选择结案方式。"))
    if lawsuit.served_on and lawsuit.decided_on and lawsuit.served_on < lawsuit.decided_on:
        raise _invalid("served_on", _("送达日期不能早于裁判日期。"))
    if lawsuit.filed_on and lawsuit.decided_on and lawsuit.decided_on < lawsuit.filed_on:
        raise _invalid("decided_on", _("裁判日期不能早于立案日期。"))
    if lawsuit.performance_due_on and lawsuit.served_on and lawsuit.performance_due_on < lawsuit.served_on:
        raise _invalid("performance_due_on", _("履行期限最后一日不能早于送达日期。"))
    if lawsuit.performance_due_on and lawsuit.decided_on and lawsuit.performance_due_on < lawsuit.decided_on:
        raise _invalid("performance_due_on", _("履行期限最后一日不能早于裁判日期。"))


def _check_hearing(hearing: Hearing, matter: Matter) -> None:
    if hearing.lawsuit_id is None or hearing.lawsuit.matter_id != matter.pk:
        raise _invalid("lawsuit", _("请选择本案的诉讼记录。"))


# What each type checks beyond its model's own validation, by record type name.
TYPE_CHECKS = {
    "demand_letter": _check_demand_letter,
    "frozen_asset": _check_frozen_asset,
    "lawsuit": _check_lawsuit,
    "hearing": _check_hearing,
}


def _check_record(record_type: RecordType, record, matter: Matter) -> None:
    check = TYPE_CHECKS.get(record_type.name)
    if check is not None:
        check(record, matter)
    for name in MONEY_FIELDS:
        if hasattr(record, name) and getattr(record, name) not in (None, ""):
            setattr(record, name, _money(getattr(record, name), name))
    _clean(record, exclude=["matter"])


def _registered(record) -> RecordType:
    record_type = records.BY_MODEL.get(type(record))
    if record_type is None:
        raise _invalid("record_type", _("未知的记录类型。"))
    return record_type


def _keep_approved_write_off(record) -> None:
    """The basis a partner approved stays as approved while the matter is closed as written off."""
    if isinstance(record, WriteOff) and Matter.objects.filter(pk=record.matter_id,
                                                              outcome=Outcome.WRITTEN_OFF).exists():
        raise _invalid("record_type", _("案件已按此核销依据核销结案，不能修改或删除该依据；如需更正，请先重新打开案件。"))


def _set_documents(record, matter: Matter, documents) -> None:
    documents = list(documents)
    if any(document.matter_id != matter.pk for document in documents):
        raise _invalid("documents", _("只能选择本案的证据文件。"))
    record.documents.set(documents)


# --- writes ------------------------------------------------------------------------------------------------


@transaction.atomic
def stage_record_create(*, actor: User, matter: Matter, record_type: str, documents=None, instalments=None,
                        **fields):
    """Adds a record of a stage (``record_type`` names it, see matters/records.py) to a matter, with its
    timeline event."""
    _require(roles.can_work_matters(actor))
    registered = records.BY_NAME.get(record_type)
    if registered is None:
        raise _invalid("record_type", _("未知的记录类型。"))
    for name in fields:
        if name in records.READ_ONLY_FIELDS:
            raise _invalid(name, _("该字段不能设置。"))
    record = registered.model(matter=matter, **fields)
    built = _check_instalments(record, instalments) if registered.model is RepaymentAgreement else None
    _check_record(registered, record, matter)
    record.save()
    if built is not None:
        _store_instalments(record, built)
    if documents is not None:
        _set_documents(record, matter, documents)
    _event(matter=matter, kind=TimelineKind.RECORD_ADDED, actor=actor, record=record,
           on_date=registered.date_of(record), summary=_("新增%(summary)s") % {"summary": registered.summary(record)})
    _refresh_figures(matter)
    return record


@transaction.atomic
def stage_record_update(*, actor: User, record, documents=None, instalments=None, **fields):
    _require(roles.can_work_matters(actor))
    registered = _registered(record)
    record = type(record).objects.select_for_update().select_related("matter").get(pk=record.pk)
    _keep_approved_write_off(record)
    for name, value in fields.items():
        if name in records.READ_ONLY_FIELDS:
            raise _invalid(name, _("该字段不能修改。"))
        setattr(record, name, value)
    built = None
    if registered.model is RepaymentAgreement and instalments is not None:
        if "total_amount" not in fields:
            record.total_amount = None
        built = _check_instalments(record, instalments)
    elif registered.model is RepaymentAgreement and {"signed_on", "compromise_amount", "total_amount"} & set(fields):
        # The same schedule must still settle the debt as confirmed on the (new) date, or the (new) compromise.
        _check_schedule_settles(record, sum((i.amount for i in record.instalments.all()), Decimal("0")))
    _check_record(registered, record, record.matter)
    record.save()
    if built is not None:
        record.instalments.all().delete()
        _store_instalments(record, built)
    if documents is not None:
        _set_documents(record, record.matter, documents)
    _event(matter=record.matter, kind=TimelineKind.RECORD_CHANGED, actor=actor, record=record,
           on_date=registered.date_of(record), summary=_("修改%(summary)s") % {"summary": registered.summary(record)})
    _refresh_figures(record.matter)
    return record


@transaction.atomic
def stage_record_delete(*, actor: User, record) -> None:
    _require(roles.can_work_matters(actor))
    registered = _registered(record)
    record = type(record).objects.select_for_update(of=("self",)).select_related("matter").get(pk=record.pk)
    _keep_approved_write_off(record)
    matter = record.matter
    # Built before the deletion, which forgets the record's id.
    event = _timeline_event(matter=matter, kind=TimelineKind.RECORD_REMOVED, actor=actor, record=record,
                            summary=_("删除%(summary)s") % {"summary": registered.summary(record)})
    record.delete()
    event.save(force_insert=True)
    _refresh_figures(matter)


def asset_lead_create(*, actor: User, matter: Matter, **fields) -> AssetLead:
    return stage_record_create(actor=actor, matter=matter, record_type="asset_lead", **fields)


def demand_letter_create(*, actor: User, matter: Matter, **fields) -> DemandLetter:
    return stage_record_create(actor=actor, matter=matter, record_type="demand_letter", **fields)


def negotiation_create(*, actor: User, matter: Matter, **fields) -> Negotiation:
    return stage_record_create(actor=actor, matter=matter, record_type="negotiation", **fields)


def repayment_agreement_create(*, actor: User, matter: Matter, instalments, **fields) -> RepaymentAgreement:
    return stage_record_create(actor=actor, matter=matter, record_type="repayment_agreement",
                               instalments=instalments, **fields)


def preservation_create(*, actor: User, matter: Matter, **fields) -> Preservation:
    return stage_record_create(actor=actor, matter=matter, record_type="preservation", **fields)


def frozen_asset_create(*, actor: User, matter: Matter, **fields) -> FrozenAsset:
    return stage_record_create(actor=actor, matter=matter, record_type="frozen_asset", **fields)


def lawsuit_create(*, actor: User, matter: Matter, **fields) -> Lawsuit:
    return stage_record_create(actor=actor, matter=matter, record_type="lawsuit", **fields)


def hearing_create(*, actor: User, matter: Matter, **fields) -> Hearing:
    return stage_record_create(actor=actor, matter=matter, record_type="hearing", **fields)


def enforcement_create(*, actor: User, matter: Matter, **fields) -> Enforcement:
    return stage_record_create(actor=actor, matter=matter, record_type="enforcement", **fields)


def write_off_create(*, actor: User, matter: Matter, **fields) -> WriteOff:
    return stage_record_create(actor=actor, matter=matter, record_type="write_off", **fields)
