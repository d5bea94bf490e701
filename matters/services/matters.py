"""Matters (案件): opening one with its reference, editing the claim, moving it between stages or closing and
reopening it, each with its timeline event; and the timeline events other apps write on a matter."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import User
from core.counters import take_numbers
from core.formatting import money_text
from matters import records
from matters.balances import breach_date_of, interest_start_of
from matters.models import (
    Cause,
    Debtor,
    Forum,
    Guarantee,
    InterestType,
    Mandate,
    Matter,
    ReferenceCounter,
    TimelineEvent,
    TimelineKind,
)
from matters.services._common import _audit_text, _clean, _event, _invalid, _money, _require, _timeline_event
from matters.services.figures import _refresh_figures
from matters.services.mandates import _check_matter_risk, check_mandate_active
from matters.services.records import stage_record_create
from matters.stages import WRITE_OFF_OUTCOMES, Outcome, Stage, StageConflict, transition_problems
from rules.errors import RuleInputError
from rules.guarantees import guarantee_kind
from rules.rates import FIRST_LPR_DAY, SALE_MARKUP_MAX, SALE_MARKUP_MIN, LprRate

REFERENCE_PREFIX = "QS"
MATTER_FIELDS = ("debtor", "cause", "description", "principal", "costs", "interest_type", "interest_rate",
                 "lpr_multiplier", "lpr_markup", "lpr_fixed_on", "interest_from", "due_date", "jurisdiction_clause",
                 "lawyer", "recovery_plan", "dispute_resolution", "arbitration_commission")
# A sale whose contract agrees no late-payment penalty runs at the LPR of the breach plus this markup (the
# lower end of the 30–50% that 买卖合同解释第十八条第四款 allows), unless the person chooses otherwise.
DEFAULT_SALE_MARKUP = SALE_MARKUP_MIN
FIRST_LPR = FIRST_LPR_DAY
ONE_DAY = timedelta(days=1)
# What a guarantee entry of matter_create/matter_update may set besides its guarantor ("debtor").
GUARANTEE_FIELDS = ("kind", "period_ends_on", "contract", "demanded_on")


def timeline_document_added(*, matter: Matter, actor: User | None, title: str, detail: dict) -> TimelineEvent:
    """Records on the matter's timeline that a document was generated or uploaded (documents app)."""
    return _event(matter=matter, kind=TimelineKind.DOCUMENT, actor=actor, summary=title,
                  on_date=timezone.localdate(), detail=detail)


def principal_refusal() -> str:
    return _("只有该委托的负责合伙人或本所合伙人可以修改案件本金。")


def write_off_refusal() -> str:
    return _("只有合伙人可以批准以“核销”结案；律师和律师助理可先进入“核销依据”阶段并登记依据，再由合伙人结案。")


# --- opening (one matter here, many at once in batch.py) ----------------------------------------------------


def _references(year: int, count: int = 1) -> list[str]:
    """The next firm-wide references of ``year`` (QS-2026-000123), gapless (core.counters): the counter row
    stays locked until the creating transaction ends."""
    return [f"{REFERENCE_PREFIX}-{year}-{number:06d}" for number in take_numbers(ReferenceCounter, year, count)]


def _check_opening(actor: User, mandate: Mandate, stage: str) -> None:
    """May ``actor`` open matters under ``mandate``, in ``stage``."""
    _require(roles.can_work_matters(actor))
    check_mandate_active(mandate)
    if stage not in Stage.values:
        raise _invalid("stage", _("未知的阶段。"))


def _opened_event(matter: Matter, actor: User, detail: dict | None = None) -> TimelineEvent:
    """The 立案 event of a new matter (not saved yet)."""
    return _timeline_event(matter=matter, kind=TimelineKind.MATTER_CREATED, actor=actor, on_date=matter.opened_on,
                           summary=_("立案：%(ref)s，债务人 %(debtor)s，本金 %(principal)s 元")
                           % {"ref": matter.reference, "debtor": matter.debtor.name,
                              "principal": money_text(matter.principal)},
                           to_stage=matter.stage, detail=detail)


def _paid_before_due_message(received_on: date, due_date: date) -> str:
    return _("回款日期 %(paid)s 早于债务的履行期限届满日 %(due)s：债务到期前的付款不属于本案回款，"
             "请先核对到期日或从本金中扣除。") % {"paid": received_on.isoformat(), "due": due_date.isoformat()}


def markup_range_message() -> str:
    return _("LPR 上浮比例应在 30%–50% 之间（《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条第四款）。")


def _check_interest(matter: Matter) -> None:
    if matter.interest_type != InterestType.SALE_LPR_MARKUP:
        matter.lpr_markup = None
    if matter.interest_type == InterestType.NONE:
        matter.interest_rate = matter.lpr_multiplier = matter.lpr_fixed_on = None
    elif matter.interest_type == InterestType.SALE_LPR_MARKUP:
        # The rate is the LPR of the breach date: nothing else of the other bases applies.
        matter.interest_rate = matter.lpr_multiplier = matter.lpr_fixed_on = None
        if matter.cause != Cause.SALE:
            raise _invalid("interest_type", _("“LPR加计30%–50%”只适用于买卖合同纠纷（买卖合同解释第十八条）。"))
        if matter.lpr_markup in (None, ""):
            raise _invalid("lpr_markup", _("请填写 LPR 上浮比例（30–50，例如 30 表示上浮30%）。"))
        try:
            markup = Decimal(str(matter.lpr_markup))
        except InvalidOperation:
            raise _invalid("lpr_markup", markup_range_message()) from None
        if not markup.is_finite() or not SALE_MARKUP_MIN <= markup <= SALE_MARKUP_MAX:
            raise _invalid("lpr_markup", markup_range_message())
        matter.lpr_markup = markup
        if breach_date_of(matter) < FIRST_LPR:
            raise _invalid("interest_type", _("违约行为发生在2019年8月20日之前，应按中国人民银行同期同类贷款基准利率计算，"
                                              "请改用固定年利率。"))
    elif matter.interest_type == InterestType.FIXED:
        matter.lpr_multiplier = matter.lpr_fixed_on = None
        if matter.interest_rate in (None, ""):
            raise _invalid("interest_rate", _("请填写约定的年利率（%）。"))
        if Decimal(str(matter.interest_rate)) < 0 or Decimal(str(matter.interest_rate)) > 100:
            raise _invalid("interest_rate", _("年利率应在 0–100（%）之间。"))
    elif matter.interest_type == InterestType.LPR:
        matter.interest_rate = None
        if matter.lpr_multiplier in (None, ""):
            raise _invalid("lpr_multiplier", _("请填写 LPR 的倍数（例如 1.5）。"))
        try:
            LprRate(multiplier=Decimal(str(matter.lpr_multiplier)), fixed_on=matter.lpr_fixed_on)
        except (RuleInputError, InvalidOperation) as error:
            raise _invalid("lpr_multiplier", getattr(error, "message", _("LPR 倍数格式不正确。"))) from None
        if (matter.lpr_fixed_on or interest_start_of(matter)) < FIRST_LPR:
            raise _invalid("interest_type", _("2019年8月20日之前没有 LPR，请改用固定年利率。"))
    else:
        raise _invalid("interest_type", _("未知的计息方式。"))


def _check_dispute_resolution(matter: Matter) -> None:
    """An arbitration clause names its commission (仲裁法 第十六条); a matter for the courts names none."""
    matter.arbitration_commission = (matter.arbitration_commission or "").strip()
    if matter.dispute_resolution == Forum.ARBITRATION:
        if not matter.arbitration_commission:
            raise _invalid("arbitration_commission", _("约定仲裁的，请填写合同约定的仲裁委员会。"))
    elif matter.dispute_resolution == Forum.COURT:
        matter.arbitration_commission = ""
    else:
        raise _invalid("dispute_resolution", _("未知的争议解决方式。"))


def default_interest_terms(*, cause: str, due_date: date | None, interest_from: date | None = None) -> dict:
    """The interest terms of a matter opened without any: for a sale, the late-payment loss of
    买卖合同解释第十八条第四款 (the LPR of the breach plus 30%); otherwise, and for a breach before the LPR
    existed, none."""
    if cause == Cause.SALE and isinstance(due_date, date):
        breach = interest_from or due_date + ONE_DAY
        if breach >= FIRST_LPR:
            return {"interest_type": InterestType.SALE_LPR_MARKUP, "lpr_markup": DEFAULT_SALE_MARKUP}
    return {"interest_type": InterestType.NONE}


def _check_matter(matter: Matter, guarantors: list[Debtor]) -> None:
    matter.principal = _money(matter.principal, "principal", positive=True)
    matter.costs = _money(matter.costs or 0, "costs")
    if matter.lawyer_id is not None and not roles.is_assignable_lawyer(matter.lawyer):
        raise _invalid("lawyer", _("承办律师必须是本所在职律师或合伙人。"))
    if any(guarantor.pk == matter.debtor_id for guarantor in guarantors):
        raise _invalid("guarantors", _("债务人本人不能同时是本案的担保人。"))
    _check_interest(matter)
    _check_dispute_resolution(matter)
    if matter.interest_from and matter.interest_from < matter.due_date:
        raise _invalid("interest_from", _("计息起算日不能早于履行期限届满日。"))
    first_payment = matter.payments.order_by("received_on").first() if matter.pk else None
    if first_payment is not None and isinstance(matter.due_date, date) and first_payment.received_on < matter.due_date:
        raise _invalid("due_date", _paid_before_due_message(first_payment.received_on, matter.due_date))
    _check_matter_risk(matter.mandate, matter.cause, matter.principal)
    _clean(matter, exclude=["reference"])


# --- guarantees ------------------------------------------------------------------------------------------


def _guarantee_entries(guarantors: Iterable[Debtor] | None, guarantees: Iterable[dict] | None) -> list[dict] | None:
    """The guarantees a create or an update asks for, one dict per guarantor (``debtor`` and any of
    GUARANTEE_FIELDS), from either shape of the input; None when it asks for no change."""
    if guarantees is None:
        return None if guarantors is None else [{"debtor": debtor} for debtor in guarantors]
    entries = [dict(entry) for entry in guarantees]
    for entry in entries:
        if not isinstance(entry.get("debtor"), Debtor):
            raise _invalid("guarantees", _("每项保证须指明保证人（debtor）。"))
        unknown = set(entry) - {"debtor", *GUARANTEE_FIELDS}
        if unknown:
            raise _invalid("guarantees", _("保证不能填写以下字段：%(fields)s。") % {"fields": "、".join(sorted(unknown))})
    if guarantors is not None and {d.pk for d in guarantors} != {entry["debtor"].pk for entry in entries}:
        raise _invalid("guarantees", _("guarantors 与 guarantees 列出的担保人不一致，请只提交其中一项。"))
    seen = set()
    for entry in entries:
        if entry["debtor"].pk in seen:
            raise _invalid("guarantees", _("同一担保人“%(name)s”重复列出。") % {"name": entry["debtor"].name})
        seen.add(entry["debtor"].pk)
    return entries


def _check_guarantee(guarantee: Guarantee, matter: Matter) -> None:
    try:
        guarantee.kind = guarantee_kind(guarantee.kind)
    except RuleInputError:
        raise _invalid("kind", _("保证方式只能是一般保证（general）或连带责任保证（joint）。")) from None
    if guarantee.debtor_id == matter.debtor_id:
        raise _invalid("guarantors", _("债务人本人不能同时是本案的担保人。"))
    if guarantee.contract_id is not None and guarantee.contract.matter_id != matter.pk:
        raise _invalid("contract", _("保证合同须是本案的证据文件。"))
    _clean(guarantee, exclude=["matter", "debtor"])


def _store_guarantees(matter: Matter, entries: list[dict]) -> None:
    """Makes the matter's guarantees those of ``entries``: a guarantor already on the matter keeps the terms
    the entry does not give, a new one starts as a general guarantee with the statutory period (686, 692)."""
    existing = {guarantee.debtor_id: guarantee for guarantee in matter.guarantees.all()}
    for entry in entries:
        guarantee = existing.get(entry["debtor"].pk) or Guarantee(matter=matter, debtor=entry["debtor"])
        for name in GUARANTEE_FIELDS:
            if name in entry:
                setattr(guarantee, name, entry[name])
        try:
            _check_guarantee(guarantee, matter)
        except ValidationError as error:
            # The entry's own field names mean little beside the matter's: name the guarantor.
            raise _invalid("guarantees", f"{entry['debtor'].name}：{'；'.join(error.messages)}") from None
        guarantee.save()
    matter.guarantees.exclude(debtor_id__in=[entry["debtor"].pk for entry in entries]).delete()


@transaction.atomic
def guarantee_update(*, actor: User, guarantee: Guarantee, **fields) -> Guarantee:
    """Sets the kind, agreed period end, contract or claim date of one guarantee of a matter."""
    _require(roles.can_work_matters(actor))
    guarantee = Guarantee.objects.select_for_update().select_related("matter", "debtor").get(pk=guarantee.pk)
    for name in fields:
        if name not in GUARANTEE_FIELDS:
            raise _invalid(name, _("该字段不能修改。"))
    changed = [name for name, value in fields.items() if getattr(guarantee, name) != value]
    for name, value in fields.items():
        setattr(guarantee, name, value)
    _check_guarantee(guarantee, guarantee.matter)
    guarantee.save()
    if changed:
        labels = "、".join(str(Guarantee._meta.get_field(name).verbose_name) for name in changed)
        _event(matter=guarantee.matter, kind=TimelineKind.MATTER_UPDATED, actor=actor,
               summary=_("修改保证（%(name)s）：%(fields)s") % {"name": guarantee.debtor.name, "fields": labels},
               detail={"guarantee": guarantee.pk, "fields": changed,
                       "kind": guarantee.kind, "period_ends_on": _audit_text(guarantee.period_ends_on)})
    _refresh_figures(guarantee.matter)
    return guarantee


@transaction.atomic
def matter_create(*, actor: User, mandate: Mandate, debtor: Debtor, principal, due_date: date,
                  cause: str = "sale", guarantors: Iterable[Debtor] | None = None,
                  guarantees: Iterable[dict] | None = None, costs=Decimal("0"),
                  interest_type: str = InterestType.NONE, interest_rate=None, lpr_multiplier=None,
                  lpr_markup=None, lpr_fixed_on: date | None = None, interest_from: date | None = None,
                  lawyer: User | None = None, description: str = "", recovery_plan: str = "",
                  jurisdiction_clause: str = "", opened_on: date | None = None,
                  stage: str = Stage.DUE_DILIGENCE, dispute_resolution: str = Forum.COURT,
                  arbitration_commission: str = "") -> Matter:
    """Opens a matter and gives it the next reference of its opening year (QS-2026-000123). Its guarantors come
    as ``guarantors`` (general guarantees with the statutory period) or as ``guarantees`` with their terms."""
    _check_opening(actor, mandate, stage)
    entries = _guarantee_entries(guarantors, guarantees) or []
    guarantors = [entry["debtor"] for entry in entries]
    matter = Matter(mandate=mandate, debtor=debtor, principal=principal, due_date=due_date, cause=cause,
                    costs=costs, interest_type=interest_type, interest_rate=interest_rate,
                    lpr_multiplier=lpr_multiplier, lpr_markup=lpr_markup, lpr_fixed_on=lpr_fixed_on,
                    interest_from=interest_from, lawyer=lawyer, description=description,
                    recovery_plan=recovery_plan, jurisdiction_clause=jurisdiction_clause,
                    opened_on=opened_on or timezone.localdate(), stage=stage, created_by=actor,
                    dispute_resolution=dispute_resolution, arbitration_commission=arbitration_commission)
    _check_matter(matter, guarantors)
    (matter.reference,) = _references(matter.opened_on.year)
    matter.save()
    _store_guarantees(matter, entries)
    _opened_event(matter, actor).save(force_insert=True)
    _refresh_figures(matter)
    return matter


# --- editing -----------------------------------------------------------------------------------------------


def _locked_matter(matter: Matter, version: int | None) -> Matter:
    locked = Matter.objects.select_for_update().select_related("mandate").get(pk=matter.pk)
    if version is not None and locked.version != version:
        raise StageConflict(current_version=locked.version, current_stage=locked.stage,
                            current_outcome=locked.outcome)
    return locked


@transaction.atomic
def matter_update(*, actor: User, matter: Matter, version: int | None = None,
                  guarantors: Iterable[Debtor] | None = None, guarantees: Iterable[dict] | None = None,
                  **fields) -> Matter:
    """Edits the claim and the assignment (never the stage: see matter_transition). With ``version`` the edit
    only applies to the version the editor saw (StageConflict otherwise). ``guarantors`` or ``guarantees``
    (see matter_create) replace the guarantors; one that stays keeps the terms not given anew."""
    _require(roles.can_work_matters(actor))
    entries = _guarantee_entries(guarantors, guarantees)
    guarantors = None if entries is None else [entry["debtor"] for entry in entries]
    matter = _locked_matter(matter, version)
    principal_before = matter.principal
    changed = []
    for name, value in fields.items():
        if name not in MATTER_FIELDS:
            raise _invalid(name, _("该字段不能在此修改。"))
        if getattr(matter, name) != value:
            changed.append(name)
        setattr(matter, name, value)
    guarantor_list = list(guarantors) if guarantors is not None else list(matter.guarantors.all())
    _check_matter(matter, guarantor_list)
    if matter.principal != principal_before and not roles.can_change_fee_terms(actor, matter.mandate):
        raise PermissionDenied(principal_refusal())
    matter.version += 1
    matter.save()
    if entries is not None:
        _store_guarantees(matter, entries)
        changed.append("guarantors")
    if changed:
        labels = "、".join(str(Matter._meta.get_field(name).verbose_name) for name in changed)
        detail: dict = {"fields": changed}
        if matter.principal != principal_before:
            detail["principal"] = {"old": _audit_text(principal_before), "new": _audit_text(matter.principal)}
        _event(matter=matter, kind=TimelineKind.MATTER_UPDATED, actor=actor,
               summary=_("修改案件信息：%(fields)s") % {"fields": labels}, detail=detail)
    _refresh_figures(matter)
    return matter


# --- moving and closing ------------------------------------------------------------------------------------


def _create_entry_record(*, actor: User, matter: Matter, to_stage: str, record: dict) -> None:
    """The record that entering ``to_stage`` creates from the fields the move carries, if any."""
    registered = records.created_on_entering(to_stage)
    if registered is None:
        return
    data = {name: record[name] for name in registered.entry_fields if record.get(name) not in (None, "")}
    if registered.name == "demand_letter" and "sent_on" not in data:
        return  # a letter is on record once it is sent
    if not data:
        return
    try:
        stage_record_create(actor=actor, matter=matter, record_type=registered.name, **data)
    except ValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict") else
                              {"record": error.messages}) from None


def _moved_event(*, actor: User, before: Matter, moved: Matter, to_stage: str | None, outcome: str | None,
                 reason: str, on_date: date, write_offs: list) -> None:
    if to_stage is not None:
        _event(matter=moved, kind=TimelineKind.STAGE_CHANGED, actor=actor, on_date=on_date,
               from_stage=before.stage, to_stage=to_stage, reason=reason,
               summary=_("阶段变更：%(from)s → %(to)s") % {"from": Stage(before.stage).label,
                                                         "to": Stage(to_stage).label})
    elif outcome == Outcome.OPEN:
        _event(matter=moved, kind=TimelineKind.REOPENED, actor=actor, on_date=on_date, reason=reason,
               summary=_("重新打开案件（原结果：%(outcome)s）") % {"outcome": Outcome(before.outcome).label},
               detail={"from_outcome": before.outcome})
    elif outcome in WRITE_OFF_OUTCOMES:
        # The partner's closing is the approval: the event names them and the basis they approved.
        _event(matter=moved, kind=TimelineKind.OUTCOME_SET, actor=actor, on_date=on_date, reason=reason,
               from_stage=before.stage, to_stage=before.stage,
               summary=_("结案：%(outcome)s，经合伙人%(partner)s批准（依据：%(basis)s）")
               % {"outcome": Outcome(outcome).label, "partner": actor.name,
                  "basis": "；".join(str(item) for item in write_offs)},
               detail={"outcome": outcome, "approved_by": actor.pk, "approved_by_name": actor.name,
                       "write_offs": [item.pk for item in write_offs]})
    else:
        _event(matter=moved, kind=TimelineKind.OUTCOME_SET, actor=actor, on_date=on_date, reason=reason,
               from_stage=before.stage, to_stage=before.stage,
               summary=_("结案：%(outcome)s（%(stage)s阶段）") % {"outcome": Outcome(outcome).label,
                                                              "stage": Stage(before.stage).label},
               detail={"outcome": outcome})


@transaction.atomic
def matter_transition(*, actor: User, matter: Matter, version: int, to_stage: str | None = None,
                      outcome: str | None = None, reason: str = "", on_date: date | None = None,
                      record: dict | None = None) -> Matter:
    """Moves a matter to another stage, or ends (or reopens) it with an outcome.

    Optimistic locking: ``version`` is the version the person saw. The row is updated only where the version
    is still that one; otherwise (someone else moved or edited it first) StageConflict is raised and nothing
    is written. Entering preservation, litigation, enforcement or write-off creates that stage's record from
    ``record`` (a demand letter too, when ``record`` has its ``sent_on``; see records.created_on_entering).
    """
    _require(roles.can_work_matters(actor))
    if outcome in WRITE_OFF_OUTCOMES and not roles.can_approve_write_off(actor):
        raise PermissionDenied(write_off_refusal())
    record = dict(record or {})
    current = Matter.objects.select_related("mandate").get(pk=matter.pk)
    if current.version != version:
        raise StageConflict(current_version=current.version, current_stage=current.stage,
                            current_outcome=current.outcome)
    # Locked, so that the basis cannot be removed between this check and the commit.
    write_offs = (list(current.write_offs.select_for_update().order_by("id")) if outcome in WRITE_OFF_OUTCOMES
                  else [])
    recovered_any = outcome == Outcome.PARTIAL_WRITE_OFF and current.payments.exists()
    problems = transition_problems(stage=current.stage, outcome=current.outcome, to_stage=to_stage,
                                   to_outcome=outcome, reason=reason, fields=record,
                                   write_off_records=len(write_offs), recovered_any=recovered_any)
    if problems:
        raise ValidationError(problems)
    reason = (reason or "").strip()
    on_date = on_date or timezone.localdate()
    changes: dict = {"version": F("version") + 1, "updated_at": timezone.now()}
    if to_stage is not None:
        changes["stage"] = to_stage
    elif outcome == Outcome.OPEN:
        changes.update(outcome=Outcome.OPEN, closed_on=None)
    else:
        changes.update(outcome=outcome, closed_on=on_date)
    # The compare-and-set: a concurrent mover that committed first has bumped the version, so this
    # matches no row (READ COMMITTED re-checks the condition after waiting for the row lock).
    if Matter.objects.filter(pk=current.pk, version=version).update(**changes) != 1:
        latest = Matter.objects.get(pk=current.pk)
        raise StageConflict(current_version=latest.version, current_stage=latest.stage,
                            current_outcome=latest.outcome)
    moved = Matter.objects.select_related("mandate__client", "debtor", "lawyer").get(pk=current.pk)
    _moved_event(actor=actor, before=current, moved=moved, to_stage=to_stage, outcome=outcome, reason=reason,
                 on_date=on_date, write_offs=write_offs)
    if to_stage is not None:
        _create_entry_record(actor=actor, matter=moved, to_stage=to_stage, record=record)
    else:
        # Ending or reopening a matter changes its deadlines; a stage move alone does not, and the record it
        # may create has refreshed them already.
        _refresh_figures(moved)
    return moved
