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
from matters.balances import matter_balance
from matters.deadlines import FREEZE_RULE
from matters.models import (
    AssetLead,
    BankruptcyClaim,
    CreditInvestigation,
    DemandLetter,
    Enforcement,
    Forum,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Matter,
    Negotiation,
    PaymentOrder,
    Preservation,
    RepaymentAgreement,
    TimelineKind,
    WriteOff,
)
from matters.records import RecordType
from matters.services._common import _clean, _event, _invalid, _money, _require, _timeline_event
from matters.services.figures import _refresh_figures
from matters.stages import WRITE_OFF_OUTCOMES
from rules.bankruptcy import declaration_deadline_problem
from rules.deadlines import DEADLINE_KINDS
from rules.freezes import freeze_period_end

# The amounts a record may carry, read as every amount is read.
MONEY_FIELDS = ("estimated_value", "amount", "claimed_amount", "awarded_amount", "amount_applied",
                "amount_enforced", "offered_amount", "total_amount", "awarded_principal", "awarded_interest",
                "awarded_costs", "declared_amount", "confirmed_amount", "distributions_received", "registered_capital",
                "compromise_amount")
# The parts of what a judgment awards; awarded_amount is their sum once the principal is entered.
AWARDED_PARTS = ("awarded_principal", "awarded_interest", "awarded_costs")


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
    if letter.recipient_id is not None and letter.recipient_id != matter.debtor_id \
            and not matter.guarantees.filter(debtor_id=letter.recipient_id).exists():
        raise _invalid("recipient", _("收函人须是本案的债务人或担保人。"))
    if letter.recipient_id == matter.debtor_id:
        letter.recipient = None  # the debtor is the letter's recipient by default
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
    if frozen.renewal_expires_on and not frozen.renewed_on:
        raise _invalid("renewal_expires_on", _("填写续封期限届满日时请同时填写续封日期。"))
    kind = FREEZE_RULE.get(frozen.kind)
    for start, expiry, field in ((frozen.frozen_on, frozen.expires_on, "expires_on"),
                                 (frozen.renewed_on, frozen.renewal_expires_on, "renewal_expires_on")):
        if not (start and expiry and kind):
            continue
        if expiry < start:
            raise _invalid(field, _("期限届满日不能早于冻结/查封（续封）日期。"))
        years = DEADLINE_KINDS[kind].years
        if expiry > freeze_period_end(start, years=years):
            raise _invalid(field, _("期限届满日超过法定最长期限（%(years)d年，含起始日）。") % {"years": years})


def _check_enforcement(enforcement: Enforcement, matter: Matter) -> None:
    if enforcement.ended_on and not enforcement.applied_on:
        raise _invalid("applied_on", _("填写执行终结/终本日期时请同时填写申请执行日期。"))
    if enforcement.ended_on and enforcement.ended_on < enforcement.applied_on:
        raise _invalid("ended_on", _("执行终结/终本日期不能早于申请执行日期。"))


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
    if lawsuit.effective_on and lawsuit.served_on and lawsuit.effective_on < lawsuit.served_on:
        raise _invalid("effective_on", _("生效日期不能早于送达日期。"))
    if lawsuit.effective_on and lawsuit.decided_on and lawsuit.effective_on < lawsuit.decided_on:
        raise _invalid("effective_on", _("生效日期不能早于裁判日期。"))
    if lawsuit.performance_due_on and lawsuit.effective_on and lawsuit.performance_due_on < lawsuit.effective_on:
        raise _invalid("performance_due_on", _("履行期限最后一日不能早于生效日期。"))
    _check_forum(lawsuit, matter)
    _check_awarded_figures(lawsuit, matter)


def _check_awarded_figures(lawsuit: Lawsuit, matter: Matter) -> None:
    """The judgment's own figures: only on a decision that can be enforced, the principal first; the total
    (awarded_amount) is their sum, and one given with them must agree."""
    for name in AWARDED_PARTS:
        setattr(lawsuit, name, _money(getattr(lawsuit, name), name, allow_none=True))
    entered = [name for name in (*AWARDED_PARTS, "judgment_text", "performance_days", "effective_on")
               if getattr(lawsuit, name) not in (None, "")]
    if (entered or lawsuit.interest_continues) and not lawsuit.decides:
        field = entered[0] if entered else "interest_continues"
        raise _invalid(field, _("撤诉或尚未结案的诉讼没有可供履行的裁判内容；请先选择结案方式（判决、裁定或调解）。"))
    if lawsuit.awarded_principal is None:
        if lawsuit.awarded_interest is not None or lawsuit.awarded_costs is not None:
            raise _invalid("awarded_principal", _("请先填写判决本金（没有判决本金的，填 0）。"))
        if lawsuit.interest_continues:
            raise _invalid("awarded_principal", _("判决支持利息计至实际清偿之日时，请填写判决本金。"))
        return
    if lawsuit.interest_continues:
        if matter.interest_type == "none":
            raise _invalid("interest_continues", _("本案未约定利息，无法在判决后按合同继续计息。"))
        if lawsuit.interest_awarded_to is None:
            raise _invalid("interest_awarded_to", _("判决支持利息计至实际清偿之日时，请填写判决利息计至的日期。"))
    total = sum((getattr(lawsuit, name) or Decimal("0") for name in AWARDED_PARTS), Decimal("0"))
    stated = _money(lawsuit.awarded_amount, "awarded_amount", allow_none=True)
    # A total left as it was stored (a form sends it back unchanged) follows the parts; one typed anew must agree.
    if stated is not None and stated != total and stated != getattr(lawsuit, "_stored_awarded_amount", None):
        raise _invalid("awarded_amount", _("判决/调解金额 %(stated)s 元与判决本金、利息、费用之和 %(total)s 元不一致。")
                       % {"stated": money_text(stated), "total": money_text(total)})
    lawsuit.awarded_amount = total


def _check_forum(lawsuit: Lawsuit, matter: Matter) -> None:
    """A matter whose contract sends disputes to arbitration goes there, not to court (仲裁法 第五条); an award is
    final (一裁终局), so arbitration has neither a second instance nor a judgment."""
    if lawsuit.forum == Forum.COURT and matter.dispute_resolution == Forum.ARBITRATION:
        raise _invalid("forum", _("本案约定以仲裁解决争议（%(commission)s），依《仲裁法》第五条，有效的仲裁协议排除法院"
                                  "管辖，不能登记向法院提起的诉讼；请登记为仲裁，或先修改案件的争议解决方式。")
                       % {"commission": matter.arbitration_commission or _("仲裁委员会")})
    if lawsuit.forum == Forum.ARBITRATION:
        if lawsuit.instance != Lawsuit.Instance.FIRST:
            raise _invalid("instance", _("仲裁实行一裁终局，没有二审或再审；请将审级选为“一审”。"))
        if lawsuit.decision == Lawsuit.Decision.JUDGMENT:
            raise _invalid("decision", _("仲裁庭作出的是裁决，不是判决；请选择“裁决”。"))
    elif lawsuit.decision == Lawsuit.Decision.AWARD:
        raise _invalid("decision", _("法院作出的是判决或裁定，“裁决”只用于仲裁。"))


def _check_payment_order(order: PaymentOrder, matter: Matter) -> None:
    if order.issued_on and order.applied_on and order.issued_on < order.applied_on:
        raise _invalid("issued_on", _("发出支付令日期不能早于申请日期。"))
    if order.served_on and order.issued_on and order.served_on < order.issued_on:
        raise _invalid("served_on", _("送达日期不能早于发出支付令日期。"))
    if order.outcome == PaymentOrder.Outcome.OBJECTED:
        if not order.objected_on:
            raise _invalid("objected_on", _("债务人提出异议的，请填写异议日期。"))
        if order.served_on and order.objected_on < order.served_on:
            raise _invalid("objected_on", _("异议日期不能早于支付令送达日期。"))
    elif order.objected_on:
        raise _invalid("objected_on", _("只有结果为“债务人提出异议”时才填写异议日期。"))
    if order.outcome == PaymentOrder.Outcome.EFFECTIVE and not order.served_on:
        raise _invalid("served_on", _("支付令自送达之日起15日内无异议才生效，请填写送达日期。"))


def _check_hearing(hearing: Hearing, matter: Matter) -> None:
    if hearing.lawsuit_id is None or hearing.lawsuit.matter_id != matter.pk:
        raise _invalid("lawsuit", _("请选择本案的诉讼记录。"))


def _check_bankruptcy_claim(claim: BankruptcyClaim, matter: Matter) -> None:
    accepted = claim.accepted_on
    if claim.notice_on and accepted and claim.notice_on < accepted:
        raise _invalid("notice_on", _("受理公告日期不能早于破产申请受理日。"))
    if claim.declaration_deadline:
        problem = declaration_deadline_problem(deadline=claim.declaration_deadline, notice_on=claim.notice_on,
                                               accepted_on=accepted)
        if problem:
            raise _invalid("declaration_deadline", problem)
    if claim.declared_on and accepted and claim.declared_on < accepted:
        raise _invalid("declared_on", _("申报日期不能早于破产申请受理日。"))
    if claim.final_distribution_on and accepted and claim.final_distribution_on < accepted:
        raise _invalid("final_distribution_on", _("最后分配日期不能早于破产申请受理日。"))
    if claim.confirmed_amount not in (None, "") and not claim.declared_on:
        raise _invalid("confirmed_amount", _("管理人确认债权前须先登记申报日期。"))


def _check_credit_investigation(investigation: CreditInvestigation, matter: Matter) -> None:
    if (investigation.established_on and investigation.investigated_on
            and investigation.established_on > investigation.investigated_on):
        raise _invalid("established_on", _("成立日期不能晚于调查日期。"))


# What each type checks beyond its model's own validation, by record type name.
TYPE_CHECKS = {
    "demand_letter": _check_demand_letter,
    "frozen_asset": _check_frozen_asset,
    "enforcement": _check_enforcement,
    "lawsuit": _check_lawsuit,
    "hearing": _check_hearing,
    "payment_order": _check_payment_order,
    "bankruptcy_claim": _check_bankruptcy_claim,
    "credit_investigation": _check_credit_investigation,
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
                                                              outcome__in=WRITE_OFF_OUTCOMES).exists():
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
    if registered.model is Lawsuit and not fields.get("forum"):
        # A suit entered with the move into litigation, or through the API without a forum, goes where the
        # matter's dispute resolution sends it.
        fields["forum"] = matter.dispute_resolution
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
    if isinstance(record, Lawsuit):
        record._stored_awarded_amount = record.awarded_amount
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


def payment_order_create(*, actor: User, matter: Matter, **fields) -> PaymentOrder:
    return stage_record_create(actor=actor, matter=matter, record_type="payment_order", **fields)


def enforcement_create(*, actor: User, matter: Matter, **fields) -> Enforcement:
    return stage_record_create(actor=actor, matter=matter, record_type="enforcement", **fields)


def write_off_create(*, actor: User, matter: Matter, **fields) -> WriteOff:
    return stage_record_create(actor=actor, matter=matter, record_type="write_off", **fields)


def credit_investigation_create(*, actor: User, matter: Matter, **fields) -> CreditInvestigation:
    return stage_record_create(actor=actor, matter=matter, record_type="credit_investigation", **fields)


def bankruptcy_claim_create(*, actor: User, matter: Matter, **fields) -> BankruptcyClaim:
    return stage_record_create(actor=actor, matter=matter, record_type="bankruptcy_claim", **fields)
