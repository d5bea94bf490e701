"""Every write of the matters app. Each function is atomic and writes the matter's timeline event in the same
transaction; invalid input raises django ValidationError (by field, in Chinese) and leaves nothing behind.
Views, the API, the demo seed and tests all call these functions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from accounts import access as roles
from accounts.access import WORK_MATTERS, has_role
from accounts.models import AuditAction, Role, User
from accounts.services import audit_record
from calculators.selectors import holiday_calendar, lpr_table
from core.money import parse_money
from matters import access
from matters.figures import STORED_FIELDS, apply_figures
from matters.files import check_evidence_file, uploaded_file_name
from matters.models import (
    SPECIAL_POWERS,
    AssetLead,
    Authority,
    Client,
    ClientContact,
    ClientMembership,
    Debtor,
    DemandLetter,
    Enforcement,
    EvidenceFile,
    FeeType,
    FrozenAsset,
    Hearing,
    Instalment,
    InterestType,
    Lawsuit,
    Mandate,
    Matter,
    Negotiation,
    PayerKind,
    Payment,
    PaymentReversal,
    Preservation,
    ReferenceCounter,
    RepaymentAgreement,
    TimelineEvent,
    TimelineKind,
    WorkLogEntry,
    WriteOff,
)
from matters.selectors import interest_start_of, with_deadline_data
from matters.stages import Outcome, Stage, StageConflict, transition_problems
from matters.validators import resident_id_error, uscc_error
from rules.errors import RuleInputError
from rules.rates import LprRate
from rules.risk_fees import check_risk_arrangement
from tenants.models import Firm

DEFAULT_FIXED_RATE = Decimal("0.05")
DEFAULT_SUCCESS_RATE = Decimal("0.10")
REFERENCE_PREFIX = "QS"


# --- helpers ---------------------------------------------------------------------------------------------


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您的角色无权执行此操作。"))


def _money(value, field: str, *, positive: bool = False, allow_none: bool = False) -> Decimal | None:
    """An amount read as the forms, the API and the bulk import read it (``core.money``); errors on ``field``."""
    if value is None or value == "":
        if allow_none:
            return None
        value = ""
    try:
        return parse_money(value, _("金额"), allow_zero=not positive)
    except ValidationError as error:
        raise _invalid(field, error.messages[0]) from None


def _clean(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude))


def _locked(obj):
    """``obj`` re-read under a row lock."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _with_changes(obj, fields: dict, editable: Iterable[str]):
    """``obj`` with ``fields`` applied; a field outside ``editable`` is refused."""
    for name, value in fields.items():
        if name not in editable:
            raise _invalid(name, _("该字段不能修改。"))
        setattr(obj, name, value)
    return obj


def _locked_with_changes(obj, fields: dict, editable: Iterable[str]):
    return _with_changes(_locked(obj), fields, editable)


# --- audit of the parties and mandates ---------------------------------------------------------------------


def _audit_text(value):
    """A value as the audit log keeps it: JSON, and equal exactly when the values are (0.05 and 0.0500 too)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_audit_text(item) for item in value]
    if hasattr(value, "pk"):  # a person or another row: named, and told apart by id
        return f"{value} (#{value.pk})"
    return str(value)


def _audit_values(obj, names: Iterable[str]) -> dict:
    return {name: _audit_text(getattr(obj, name)) for name in names}


def _audit_changes(before: dict, after: dict) -> dict:
    return {name: {"old": before[name], "new": after[name]} for name in before if before[name] != after[name]}


def _audit_change(*, action: str, actor: User, obj, before: dict, after: dict) -> dict:
    """Writes what changed (old → new) to the audit log, in the caller's transaction; returns the changes."""
    changes = _audit_changes(before, after)
    if changes:
        audit_record(action=action, actor=actor, target=f"{obj._meta.verbose_name} {obj} (#{obj.pk})"[:254],
                     detail={"id": obj.pk, "changes": changes})
    return changes


def _people_text(people: Iterable[User]) -> list[str]:
    return sorted(_audit_text(person) for person in people)


def _contacts_text(contacts: Iterable) -> list[str]:
    def field(contact, name):
        return (contact.get(name) if isinstance(contact, dict) else getattr(contact, name)) or ""

    parts = [[str(field(contact, name)).strip() for name in ("name", "position", "phone", "email")]
             for contact in contacts]
    return [" / ".join(part for part in contact if part) for contact in parts if contact[0]]


def _event(*, matter: Matter, kind: str, actor: User | None, summary: str, on_date: date | None = None,
           from_stage: str = "", to_stage: str = "", reason: str = "", record=None,
           detail: dict | None = None) -> TimelineEvent:
    return TimelineEvent.objects.create(
        matter=matter, kind=kind, actor=actor, actor_name=actor.name if actor else "", on_date=on_date,
        summary=summary[:300], from_stage=from_stage, to_stage=to_stage, reason=reason,
        record_type=RECORD_TYPE_OF.get(type(record), "") if record is not None else "",
        record_id=record.pk if record is not None else None, detail=detail or {},
    )


def timeline_document_added(*, matter: Matter, actor: User | None, title: str, detail: dict) -> TimelineEvent:
    """Records on the matter's timeline that a document was generated or uploaded (documents app)."""
    return _event(matter=matter, kind=TimelineKind.DOCUMENT, actor=actor, summary=title,
                  on_date=timezone.localdate(), detail=detail)


# --- clients -----------------------------------------------------------------------------------------------


def _set_contacts(client: Client, contacts: Iterable[dict]) -> None:
    client.contacts.all().delete()
    for index, data in enumerate(contacts):
        contact = ClientContact(client=client, name=(data.get("name") or "").strip(),
                                position=data.get("position", ""), phone=data.get("phone", ""),
                                email=data.get("email", ""))
        try:
            _clean(contact, exclude=["client"])
        except ValidationError as error:
            raise ValidationError({"contacts": [_("第%(n)d位联系人：%(msg)s") % {
                "n": index + 1, "msg": "；".join(m for ms in error.message_dict.values() for m in ms)}]}) from None
        contact.save()


def _check_client(client: Client) -> None:
    client.name = (client.name or "").strip()
    client.uscc = (client.uscc or "").strip().upper()
    error = uscc_error(client.uscc)
    if error:
        raise _invalid("uscc", error)
    if Client.objects.filter(uscc=client.uscc).exclude(pk=client.pk).exists():
        raise _invalid("uscc", _("统一社会信用代码为 %(uscc)s 的委托人已存在。") % {"uscc": client.uscc})
    _clean(client)


@transaction.atomic
def client_create(*, actor: User, name: str, uscc: str, legal_representative: str = "", address: str = "",
                  notes: str = "", contacts: Iterable[dict] = ()) -> Client:
    _require(access.can_work_matters(actor))
    client = Client(name=name, uscc=uscc, legal_representative=legal_representative, address=address, notes=notes)
    _check_client(client)
    client.save()
    _set_contacts(client, contacts)
    return client


CLIENT_FIELDS = ("name", "uscc", "legal_representative", "address", "notes")


@transaction.atomic
def client_update(*, actor: User, client: Client, contacts: Iterable[dict] | None = None, **fields) -> Client:
    _require(access.can_work_matters(actor))
    client = _locked(client)
    before = {**_audit_values(client, CLIENT_FIELDS), "contacts": _contacts_text(client.contacts.all())}
    _with_changes(client, fields, CLIENT_FIELDS)
    _check_client(client)
    client.save()
    if contacts is not None:
        contacts = list(contacts)
        _set_contacts(client, contacts)
    after = {**_audit_values(client, CLIENT_FIELDS),
             "contacts": _contacts_text(contacts) if contacts is not None else before["contacts"]}
    _audit_change(action=AuditAction.CLIENT_CHANGED, actor=actor, obj=client, before=before, after=after)
    return client


@transaction.atomic
def client_member_add(*, actor: User, client: Client, user: User) -> ClientMembership:
    """Makes a client-portal user a member of ``client`` (each such user belongs to exactly one client)."""
    _require(has_role(actor, {Role.PARTNER}))
    if user.role != Role.CLIENT:
        raise _invalid("user", _("只有委托方用户可以关联到委托人。"))
    if ClientMembership.objects.filter(user=user).exclude(client=client).exists():
        raise _invalid("user", _("该用户已关联到其他委托人。"))
    membership, created = ClientMembership.objects.get_or_create(user=user, defaults={"client": client})
    if created:
        # The link decides which company's matters and documents this person sees in the portal.
        audit_record(action=AuditAction.CLIENT_USER_LINKED, actor=actor, target=user.email,
                     detail={"client_id": client.pk, "client": client.name})
    return membership


# --- debtors -----------------------------------------------------------------------------------------------


def _string_list(values, field: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise _invalid(field, _("应为文本列表。"))
    cleaned = []
    for value in values:
        if not isinstance(value, str):
            raise _invalid(field, _("应为文本列表。"))
        if value.strip():
            if len(value) > 300:
                raise _invalid(field, _("每项不能超过 300 个字符。"))
            cleaned.append(value.strip())
    return cleaned


def _check_debtor(debtor: Debtor) -> None:
    debtor.name = (debtor.name or "").strip()
    debtor.id_number = (debtor.id_number or "").strip().upper()
    debtor.addresses = _string_list(debtor.addresses, "addresses")
    debtor.phones = _string_list(debtor.phones, "phones")
    if debtor.kind not in Debtor.Kind.values:
        raise _invalid("kind", _("债务人类型只能是企业或自然人。"))
    if debtor.id_number:
        error = uscc_error(debtor.id_number) if debtor.kind == Debtor.Kind.COMPANY else resident_id_error(
            debtor.id_number)
        if error:
            raise _invalid("id_number", error)
        existing = Debtor.objects.filter(id_number=debtor.id_number).exclude(pk=debtor.pk).first()
        if existing:
            raise _invalid("id_number", _("证件号码 %(number)s 已登记为债务人“%(name)s”。")
                           % {"number": debtor.id_number, "name": existing.name})
    _clean(debtor)


@transaction.atomic
def debtor_create(*, actor: User, name: str, kind: str = Debtor.Kind.COMPANY, id_number: str = "",
                  legal_representative: str = "", addresses: Iterable[str] = (), phones: Iterable[str] = (),
                  notes: str = "") -> Debtor:
    _require(access.can_work_matters(actor))
    debtor = Debtor(kind=kind, name=name, id_number=id_number, legal_representative=legal_representative,
                    addresses=list(addresses or []), phones=list(phones or []), notes=notes)
    _check_debtor(debtor)
    debtor.save()
    return debtor


DEBTOR_FIELDS = ("kind", "name", "id_number", "legal_representative", "addresses", "phones", "notes")


@transaction.atomic
def debtor_update(*, actor: User, debtor: Debtor, **fields) -> Debtor:
    _require(access.can_work_matters(actor))
    debtor = _locked(debtor)
    before = _audit_values(debtor, DEBTOR_FIELDS)
    _with_changes(debtor, fields, DEBTOR_FIELDS)
    _check_debtor(debtor)
    debtor.save()
    _audit_change(action=AuditAction.DEBTOR_CHANGED, actor=actor, obj=debtor, before=before,
                  after=_audit_values(debtor, DEBTOR_FIELDS))
    return debtor


# --- mandates ----------------------------------------------------------------------------------------------


def _rate(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        raise _invalid(field, _("比例格式不正确。")) from None
    if not rate.is_finite() or rate < 0 or rate > 1:
        raise _invalid(field, _("比例应在 0 与 1 之间（例如 0.05 表示 5%）。"))
    return rate


def _check_mandate(mandate: Mandate, team: Iterable[User] | None) -> None:
    if mandate.responsible_partner_id is None or mandate.responsible_partner.role != Role.PARTNER \
            or not mandate.responsible_partner.is_active:
        raise _invalid("responsible_partner", _("负责合伙人必须是本所在职合伙人。"))
    for member in team or ():
        if not has_role(member, WORK_MATTERS):
            raise _invalid("team", _("%(name)s 不是本所承办人员（合伙人、律师或律师助理）。") % {"name": member})
    mandate.placed_amount = _money(mandate.placed_amount, "placed_amount")
    if mandate.fee_type == FeeType.FIXED:
        mandate.fixed_rate = _rate(mandate.fixed_rate, "fixed_rate")
        if mandate.fixed_rate is None:
            mandate.fixed_rate = DEFAULT_FIXED_RATE
        if mandate.fixed_rate <= 0:
            raise _invalid("fixed_rate", _("固定收费比例必须大于 0。"))
        mandate.upfront_rate = mandate.success_rate = None
    elif mandate.fee_type == FeeType.RISK:
        mandate.fixed_rate = None
        mandate.upfront_rate = _rate(mandate.upfront_rate, "upfront_rate")
        mandate.success_rate = _rate(mandate.success_rate, "success_rate")
        if mandate.upfront_rate is None:
            raise _invalid("upfront_rate", _("风险代理需要填写前期费用比例（2%–5%）。"))
        if mandate.success_rate is None:
            mandate.success_rate = DEFAULT_SUCCESS_RATE
        try:
            problems = check_risk_arrangement(upfront_rate=mandate.upfront_rate, success_rate=mandate.success_rate,
                                              placed_amount=mandate.placed_amount, cause=mandate.cause)
        except RuleInputError as error:
            raise _invalid("fee_type", error.message) from None
        if problems:
            raise ValidationError({"fee_type": problems})
    else:
        raise _invalid("fee_type", _("未知的收费方式。"))
    if mandate.authority == Authority.GENERAL:
        mandate.special_powers = []
    elif mandate.authority == Authority.SPECIAL:
        powers = list(dict.fromkeys(mandate.special_powers or []))
        unknown = [power for power in powers if power not in SPECIAL_POWERS]
        if unknown:
            raise _invalid("special_powers", _("未知的特别授权事项：%(items)s") % {"items": "、".join(map(str, unknown))})
        if not powers:
            raise _invalid("special_powers", _("特别授权须逐项列明授权事项（“全权代理”不包括任何特别授权）。"))
        mandate.special_powers = powers
    else:
        raise _invalid("authority", _("未知的授权范围。"))
    _clean(mandate)


@transaction.atomic
def mandate_create(*, actor: User, client: Client, contract_date: date, responsible_partner: User,
                   team: Iterable[User] = (), cause: str = "sale", placed_amount=Decimal("0"),
                   fee_type: str = FeeType.FIXED, fixed_rate=None, upfront_rate=None, success_rate=None,
                   authority: str = Authority.GENERAL, special_powers: Iterable[str] = (),
                   contract_number: str = "", notes: str = "") -> Mandate:
    _require(access.can_work_matters(actor))
    team = list(team or [])
    mandate = Mandate(client=client, contract_date=contract_date, responsible_partner=responsible_partner,
                      cause=cause, placed_amount=placed_amount, fee_type=fee_type, fixed_rate=fixed_rate,
                      upfront_rate=upfront_rate, success_rate=success_rate, authority=authority,
                      special_powers=list(special_powers or []), contract_number=contract_number, notes=notes)
    _check_mandate(mandate, team)
    mandate.save()
    mandate.team.set(team)
    return mandate


MANDATE_FIELDS = ("contract_date", "responsible_partner", "cause", "placed_amount", "fee_type", "fixed_rate",
                  "upfront_rate", "success_rate", "authority", "special_powers", "contract_number", "notes",
                  "status")
# What sets the fee: the way of charging, its rates, and the amount they apply to.
FEE_TERMS = ("fee_type", "fixed_rate", "upfront_rate", "success_rate", "placed_amount")


def fee_terms_refusal() -> str:
    return _("只有该委托的负责合伙人或本所合伙人可以修改收费条款（收费方式、收费比例、委托债权总额）。")


@transaction.atomic
def mandate_update(*, actor: User, mandate: Mandate, team: Iterable[User] | None = None, **fields) -> Mandate:
    """Edits a mandate. Its fee terms (FEE_TERMS) change only by its responsible partner or a partner; every
    change is audited (old → new)."""
    _require(access.can_work_matters(actor))
    mandate = _locked(mandate)
    may_set_fees = roles.can_change_fee_terms(actor, mandate)  # as the mandate stands before this edit
    before = {**_audit_values(mandate, MANDATE_FIELDS), "team": _people_text(mandate.team.all())}
    _with_changes(mandate, fields, MANDATE_FIELDS)
    team = list(team) if team is not None else None
    _check_mandate(mandate, team)
    after = {**_audit_values(mandate, MANDATE_FIELDS),
             "team": _people_text(team) if team is not None else before["team"]}
    # Compared after _check_mandate has normalised the terms, so a form that sends them back unchanged passes.
    if not may_set_fees and any(before[name] != after[name] for name in FEE_TERMS):
        raise PermissionDenied(fee_terms_refusal())
    if mandate.fee_type == FeeType.RISK:
        # New rates must keep every matter of the mandate within the risk-fee cap, whichever term changed.
        for cause, principal in mandate.matters.values_list("cause", "principal"):
            _check_matter_risk(mandate, cause, principal)
    mandate.save()
    if team is not None:
        mandate.team.set(team)
    _audit_change(action=AuditAction.MANDATE_CHANGED, actor=actor, obj=mandate, before=before, after=after)
    return mandate


# --- matters -----------------------------------------------------------------------------------------------


def _next_reference(year: int) -> str:
    """The next firm-wide number of ``year``, without gaps: the counter row is locked until the creating
    transaction ends, so a concurrent creation waits, and a rollback gives the number back."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year, last_number=0)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:06d}"


def _check_matter_risk(mandate: Mandate, cause: str, principal: Decimal) -> None:
    if mandate.fee_type != FeeType.RISK:
        return
    try:
        problems = check_risk_arrangement(upfront_rate=mandate.upfront_rate, success_rate=mandate.success_rate,
                                          placed_amount=principal, cause=cause)
    except RuleInputError as error:
        raise _invalid("cause", error.message) from None
    if problems:
        raise ValidationError({"mandate": [_("该委托的风险代理安排不适用于本案：") + "".join(problems)]})


def _paid_before_due_message(received_on: date, due_date: date) -> str:
    return _("回款日期 %(paid)s 早于债务的履行期限届满日 %(due)s：债务到期前的付款不属于本案回款，"
             "请先核对到期日或从本金中扣除。") % {"paid": received_on.isoformat(), "due": due_date.isoformat()}


def _check_matter(matter: Matter, guarantors: list[Debtor]) -> None:
    matter.principal = _money(matter.principal, "principal", positive=True)
    matter.costs = _money(matter.costs or 0, "costs")
    if matter.lawyer_id is not None and (matter.lawyer.role not in access.ASSIGNABLE_LAWYER_ROLES
                                         or not matter.lawyer.is_active):
        raise _invalid("lawyer", _("承办律师必须是本所在职律师或合伙人。"))
    if any(guarantor.pk == matter.debtor_id for guarantor in guarantors):
        raise _invalid("guarantors", _("债务人本人不能同时是本案的担保人。"))
    if matter.interest_type == InterestType.NONE:
        matter.interest_rate = matter.lpr_multiplier = matter.lpr_fixed_on = None
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
        first_lpr = date(2019, 8, 20)
        if (matter.lpr_fixed_on or interest_start_of(matter)) < first_lpr:
            raise _invalid("interest_type", _("2019年8月20日之前没有 LPR，请改用固定年利率。"))
    else:
        raise _invalid("interest_type", _("未知的计息方式。"))
    if matter.interest_from and matter.interest_from < matter.due_date:
        raise _invalid("interest_from", _("计息起算日不能早于履行期限届满日。"))
    first_payment = matter.payments.order_by("received_on").first() if matter.pk else None
    if first_payment is not None and isinstance(matter.due_date, date) and first_payment.received_on < matter.due_date:
        raise _invalid("due_date", _paid_before_due_message(first_payment.received_on, matter.due_date))
    _check_matter_risk(matter.mandate, matter.cause, matter.principal)
    _clean(matter, exclude=["reference"])


@transaction.atomic
def matter_create(*, actor: User, mandate: Mandate, debtor: Debtor, principal, due_date: date,
                  cause: str = "sale", guarantors: Iterable[Debtor] = (), costs=Decimal("0"),
                  interest_type: str = InterestType.NONE, interest_rate=None, lpr_multiplier=None,
                  lpr_fixed_on: date | None = None, interest_from: date | None = None, lawyer: User | None = None,
                  description: str = "", recovery_plan: str = "", opened_on: date | None = None,
                  stage: str = Stage.DUE_DILIGENCE) -> Matter:
    """Opens a matter and gives it the next reference of its opening year (QS-2026-000123)."""
    _require(access.can_work_matters(actor))
    if mandate.status != Mandate.Status.ACTIVE:
        raise _invalid("mandate", _("该委托已%(status)s，不能再新增案件。") % {"status": mandate.get_status_display()})
    if stage not in Stage.values:
        raise _invalid("stage", _("未知的阶段。"))
    guarantors = list(guarantors or [])
    matter = Matter(mandate=mandate, debtor=debtor, principal=principal, due_date=due_date, cause=cause,
                    costs=costs, interest_type=interest_type, interest_rate=interest_rate,
                    lpr_multiplier=lpr_multiplier, lpr_fixed_on=lpr_fixed_on, interest_from=interest_from,
                    lawyer=lawyer, description=description, recovery_plan=recovery_plan,
                    opened_on=opened_on or timezone.localdate(), stage=stage, created_by=actor)
    _check_matter(matter, guarantors)
    matter.reference = _next_reference(matter.opened_on.year)
    matter.save()
    matter.guarantors.set(guarantors)
    _event(matter=matter, kind=TimelineKind.MATTER_CREATED, actor=actor, on_date=matter.opened_on,
           summary=_("立案：%(ref)s，债务人 %(debtor)s，本金 %(principal)s 元")
           % {"ref": matter.reference, "debtor": debtor.name, "principal": f"{matter.principal:,}"},
           to_stage=matter.stage)
    _refresh_figures(matter)
    return matter


def principal_refusal() -> str:
    return _("只有该委托的负责合伙人或本所合伙人可以修改案件本金。")


MATTER_FIELDS = ("debtor", "cause", "description", "principal", "costs", "interest_type", "interest_rate",
                 "lpr_multiplier", "lpr_fixed_on", "interest_from", "due_date", "lawyer", "recovery_plan")


def _locked_matter(matter: Matter, version: int | None) -> Matter:
    locked = Matter.objects.select_for_update().select_related("mandate").get(pk=matter.pk)
    if version is not None and locked.version != version:
        raise StageConflict(current_version=locked.version, current_stage=locked.stage,
                            current_outcome=locked.outcome)
    return locked


@transaction.atomic
def matter_update(*, actor: User, matter: Matter, version: int | None = None,
                  guarantors: Iterable[Debtor] | None = None, **fields) -> Matter:
    """Edits the claim and the assignment (never the stage: see matter_transition). With ``version`` the edit
    only applies to the version the editor saw (StageConflict otherwise)."""
    _require(access.can_work_matters(actor))
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
    if guarantors is not None:
        matter.guarantors.set(guarantor_list)
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


def write_off_refusal() -> str:
    return _("只有合伙人可以批准以“核销”结案；律师和律师助理可先进入“核销依据”阶段并登记依据，再由合伙人结案。")


def _keep_approved_write_off(record) -> None:
    """The basis a partner approved stays as approved while the matter is closed as written off."""
    if isinstance(record, WriteOff) and Matter.objects.filter(pk=record.matter_id,
                                                              outcome=Outcome.WRITTEN_OFF).exists():
        raise _invalid("record_type", _("案件已按此核销依据核销结案，不能修改或删除该依据；如需更正，请先重新打开案件。"))


# Fields a transition may carry for the record that entering a stage creates.
TRANSITION_RECORD_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    Stage.DEMAND_LETTER: ("demand_letter", ("letter_number", "sent_on", "method", "tracking_number",
                                            "delivered_on")),
    Stage.PRESERVATION: ("preservation", ("court", "ruling_number", "pre_suit", "applied_on", "ruling_on",
                                          "amount")),
    Stage.LITIGATION: ("lawsuit", ("court", "case_number", "filed_on", "claimed_amount")),
    Stage.ENFORCEMENT: ("enforcement", ("court", "case_number", "applied_on", "amount_applied")),
    Stage.WRITE_OFF: ("write_off", ("basis", "basis_date", "document_number", "note")),
}


@transaction.atomic
def matter_transition(*, actor: User, matter: Matter, version: int, to_stage: str | None = None,
                      outcome: str | None = None, reason: str = "", on_date: date | None = None,
                      record: dict | None = None) -> Matter:
    """Moves a matter to another stage, or ends (or reopens) it with an outcome.

    Optimistic locking: ``version`` is the version the person saw. The row is updated only where the version
    is still that one; otherwise (someone else moved or edited it first) StageConflict is raised and nothing
    is written. Entering preservation, litigation, enforcement or write-off creates that stage's record from
    ``record`` (a demand letter too, when ``record`` has its ``sent_on``).
    """
    _require(access.can_work_matters(actor))
    if outcome == Outcome.WRITTEN_OFF and not roles.can_approve_write_off(actor):
        raise PermissionDenied(write_off_refusal())
    record = dict(record or {})
    current = Matter.objects.select_related("mandate").get(pk=matter.pk)
    if current.version != version:
        raise StageConflict(current_version=current.version, current_stage=current.stage,
                            current_outcome=current.outcome)
    # Locked, so that the basis cannot be removed between this check and the commit.
    write_offs = (list(current.write_offs.select_for_update().order_by("id")) if outcome == Outcome.WRITTEN_OFF
                  else [])
    problems = transition_problems(stage=current.stage, outcome=current.outcome, to_stage=to_stage,
                                   to_outcome=outcome, reason=reason, fields=record,
                                   write_off_records=len(write_offs))
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

    if to_stage is not None:
        _event(matter=moved, kind=TimelineKind.STAGE_CHANGED, actor=actor, on_date=on_date,
               from_stage=current.stage, to_stage=to_stage, reason=reason,
               summary=_("阶段变更：%(from)s → %(to)s") % {"from": Stage(current.stage).label,
                                                         "to": Stage(to_stage).label})
        record_type, allowed = TRANSITION_RECORD_FIELDS.get(to_stage, ("", ()))
        data = {name: record[name] for name in allowed if record.get(name) not in (None, "")}
        if record_type == "demand_letter" and "sent_on" not in data:
            data = {}
        if data:
            try:
                stage_record_create(actor=actor, matter=moved, record_type=record_type, **data)
            except ValidationError as error:
                raise ValidationError(error.message_dict if hasattr(error, "error_dict") else
                                      {"record": error.messages}) from None
    elif outcome == Outcome.OPEN:
        _event(matter=moved, kind=TimelineKind.REOPENED, actor=actor, on_date=on_date, reason=reason,
               summary=_("重新打开案件（原结果：%(outcome)s）") % {"outcome": Outcome(current.outcome).label},
               detail={"from_outcome": current.outcome})
    elif outcome == Outcome.WRITTEN_OFF:
        # The partner's closing is the approval: the event names them and the basis they approved.
        _event(matter=moved, kind=TimelineKind.OUTCOME_SET, actor=actor, on_date=on_date, reason=reason,
               from_stage=current.stage, to_stage=current.stage,
               summary=_("结案：核销，经合伙人%(partner)s批准（依据：%(basis)s）")
               % {"partner": actor.name, "basis": "；".join(str(item) for item in write_offs)},
               detail={"outcome": outcome, "approved_by": actor.pk, "approved_by_name": actor.name,
                       "write_offs": [item.pk for item in write_offs]})
    else:
        _event(matter=moved, kind=TimelineKind.OUTCOME_SET, actor=actor, on_date=on_date, reason=reason,
               from_stage=current.stage, to_stage=current.stage,
               summary=_("结案：%(outcome)s（%(stage)s阶段）") % {"outcome": Outcome(outcome).label,
                                                              "stage": Stage(current.stage).label},
               detail={"outcome": outcome})
    if to_stage is None:
        # Ending or reopening a matter changes its deadlines; a stage move alone does not, and the record it
        # may create has refreshed them already.
        _refresh_figures(moved)
    return moved


# --- payments, work log, evidence ----------------------------------------------------------------------------


@transaction.atomic
def payment_record(*, actor: User, matter: Matter, received_on: date, amount, payer_kind: str = PayerKind.DEBTOR,
                   payer: Debtor | None = None, method: str = "bank_transfer", note: str = "") -> Payment:
    """Records money received. Its application (costs → interest → principal) is computed from all payments
    by selectors.matter_balance."""
    _require(access.can_record_payments(actor))
    amount = _money(amount, "amount", positive=True)
    if isinstance(received_on, date) and received_on < matter.due_date:
        raise _invalid("received_on", _paid_before_due_message(received_on, matter.due_date))
    if payer_kind == PayerKind.DEBTOR:
        payer = payer or matter.debtor
        if payer.pk != matter.debtor_id:
            raise _invalid("payer", _("付款人不是本案债务人。"))
    elif payer_kind == PayerKind.GUARANTOR:
        if payer is None or not matter.guarantors.filter(pk=payer.pk).exists():
            raise _invalid("payer", _("请选择本案的担保人作为付款人。"))
    elif payer_kind in (PayerKind.COURT, PayerKind.OTHER):
        payer = None
    else:
        raise _invalid("payer_kind", _("未知的付款方。"))
    payment = Payment(matter=matter, received_on=received_on, amount=amount, payer_kind=payer_kind, payer=payer,
                      method=method, note=note, recorded_by=actor)
    _clean(payment)
    payment.save()
    who = payer.name if payer else payment.get_payer_kind_display()
    _event(matter=matter, kind=TimelineKind.PAYMENT, actor=actor, on_date=received_on, record=payment,
           summary=_("回款 %(amount)s 元（%(who)s，%(method)s）")
           % {"amount": f"{amount:,}", "who": who, "method": payment.get_method_display()})
    _refresh_figures(matter)
    return payment


@transaction.atomic
def payment_reverse(*, actor: User, payment: Payment, reason: str) -> PaymentReversal:
    """Corrects a payment recorded in error by a reversing entry with its reason (never an edit or a deletion):
    the payment stays on record and counts no more, the balance and the stored figures follow, the matter's
    timeline and the audit log say who reversed it and why. The right payment, if any, is then recorded anew."""
    _require(roles.can_reverse_payments(actor))
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("冲销回款必须说明理由。"))
    if len(reason) > 2000:
        raise _invalid("reason", _("理由不能超过 2000 个字符。"))
    # Locked, so that two people reversing the same payment at once get one reversal and one refusal.
    payment = Payment.all_entries.select_for_update(of=("self",)).select_related("matter").get(pk=payment.pk)
    if PaymentReversal.objects.filter(payment=payment).exists():
        raise _invalid("payment", _("该笔回款已冲销。"))
    reversal = PaymentReversal.objects.create(payment=payment, reason=reason, reversed_on=timezone.localdate(),
                                              reversed_by=actor, reversed_by_name=actor.name)
    matter = payment.matter
    summary = _("冲销回款 %(amount)s 元（%(date)s 回款）") % {"amount": f"{payment.amount:,}",
                                                            "date": payment.received_on.isoformat()}
    _event(matter=matter, kind=TimelineKind.PAYMENT, actor=actor, on_date=reversal.reversed_on, record=payment,
           reason=reason, summary=summary, detail={"reversed_payment": payment.pk, "amount": str(payment.amount)})
    audit_record(action=AuditAction.PAYMENT_REVERSED, actor=actor, target=f"{matter.reference} {summary}"[:254],
                 detail={"payment": payment.pk, "matter": matter.pk, "amount": str(payment.amount),
                         "received_on": payment.received_on.isoformat(), "reason": reason})
    _refresh_figures(matter)
    return reversal


WORKLOG_FIELDS = ("kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount", "promised_on",
                  "interrupts_limitation", "interruption_basis")


def _check_worklog(entry: WorkLogEntry) -> None:
    entry.promised_amount = _money(entry.promised_amount, "promised_amount", positive=True, allow_none=True)
    if entry.promised_amount is not None and entry.promised_on is None:
        raise _invalid("promised_on", _("有承诺还款金额时请填写承诺还款日期。"))
    if entry.promised_on and entry.occurred_on and entry.promised_on < entry.occurred_on:
        raise _invalid("promised_on", _("承诺还款日期不能早于记录日期。"))
    if entry.interrupts_limitation and not entry.interruption_basis:
        raise _invalid("interruption_basis", _("标记为中断诉讼时效时，请选择中断事由（催收送达或债务人书面确认）。"))
    if not entry.interrupts_limitation:
        entry.interruption_basis = ""
    _clean(entry)


@transaction.atomic
def worklog_create(*, actor: User, matter: Matter, kind: str, occurred_on: date, summary: str,
                   contact_person: str = "", outcome: str = "", promised_amount=None, promised_on: date | None = None,
                   interrupts_limitation: bool = False, interruption_basis: str = "") -> WorkLogEntry:
    _require(access.can_work_matters(actor))
    entry = WorkLogEntry(matter=matter, kind=kind, occurred_on=occurred_on, summary=summary,
                         contact_person=contact_person, outcome=outcome, promised_amount=promised_amount,
                         promised_on=promised_on, interrupts_limitation=interrupts_limitation,
                         interruption_basis=interruption_basis, author=actor)
    _check_worklog(entry)
    entry.save()
    summary_text = _("%(kind)s：%(summary)s") % {"kind": entry.get_kind_display(), "summary": summary[:200]}
    if interrupts_limitation:
        summary_text += _("（中断诉讼时效）")
    _event(matter=matter, kind=TimelineKind.WORKLOG, actor=actor, on_date=occurred_on, record=entry,
           summary=summary_text)
    _refresh_figures(matter)
    return entry


@transaction.atomic
def worklog_update(*, actor: User, entry: WorkLogEntry, **fields) -> WorkLogEntry:
    _require(access.can_work_matters(actor))
    entry = _locked_with_changes(entry, fields, WORKLOG_FIELDS)
    _check_worklog(entry)
    entry.save()
    _event(matter=entry.matter, kind=TimelineKind.RECORD_CHANGED, actor=actor, on_date=entry.occurred_on,
           record=entry, summary=_("修改催收记录：%(date)s") % {"date": entry.occurred_on})
    _refresh_figures(entry.matter)
    return entry


@transaction.atomic
def evidence_upload(*, actor: User, matter: Matter, file, category: str = "other", title: str = "") -> EvidenceFile:
    """Stores an evidence file after checking its content (not its name); see matters/files.py."""
    _require(access.can_work_matters(actor))
    checked = check_evidence_file(file)
    original_name = uploaded_file_name(file, fallback=f"evidence.{checked.kind.extension}")
    evidence = EvidenceFile(matter=matter, category=category, title=title or original_name,
                            original_name=original_name, content_type=checked.kind.content_type, size=checked.size,
                            sha256=checked.sha256, uploaded_by=actor)
    _clean(evidence, exclude=["file"])
    file.seek(0)
    evidence.file.save(f"{uuid.uuid4().hex}.{checked.kind.extension}", File(file), save=False)
    try:
        evidence.save()
        _event(matter=matter, kind=TimelineKind.EVIDENCE, actor=actor, record=evidence,
               summary=_("上传证据：%(title)s（%(category)s）") % {"title": evidence.title,
                                                              "category": evidence.get_category_display()})
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


# --- stage records -----------------------------------------------------------------------------------------


RECORD_MODELS = {
    "asset_lead": AssetLead,
    "demand_letter": DemandLetter,
    "negotiation": Negotiation,
    "repayment_agreement": RepaymentAgreement,
    "preservation": Preservation,
    "frozen_asset": FrozenAsset,
    "lawsuit": Lawsuit,
    "hearing": Hearing,
    "enforcement": Enforcement,
    "write_off": WriteOff,
}
RECORD_TYPE_OF = {model: name for name, model in RECORD_MODELS.items()} | {
    Payment: "payment", WorkLogEntry: "worklog", EvidenceFile: "evidence"}
RECORD_DATE_FIELD = {
    "asset_lead": "found_on", "demand_letter": "sent_on", "negotiation": "occurred_on",
    "repayment_agreement": "signed_on", "preservation": "ruling_on", "frozen_asset": "frozen_on",
    "lawsuit": "filed_on", "hearing": "held_on", "enforcement": "applied_on", "write_off": "basis_date",
}
# When a record's own date is not known yet, its event is dated by the next best one.
RECORD_FALLBACK_DATE_FIELD = {"preservation": "applied_on", "lawsuit": "decided_on"}


def _record_date(record_type: str, record) -> date | None:
    for name in (RECORD_DATE_FIELD.get(record_type), RECORD_FALLBACK_DATE_FIELD.get(record_type)):
        if name and getattr(record, name, None):
            return getattr(record, name)
    return None


RECORD_READONLY = {"id", "matter", "matter_id", "created_at"}


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
    elif _money(agreement.total_amount, "total_amount", positive=True) != total:
        raise _invalid("instalments", _("各期金额合计 %(sum)s 元与协议还款总额 %(total)s 元不一致。")
                       % {"sum": f"{total:,}", "total": f"{Decimal(str(agreement.total_amount)):,}"})
    return built


def _check_record(record_type: str, record, matter: Matter) -> None:
    if record_type == "frozen_asset":
        if record.preservation_id is None or record.preservation.matter_id != matter.pk:
            raise _invalid("preservation", _("请选择本案的保全记录。"))
    if record_type == "hearing":
        if record.lawsuit_id is None or record.lawsuit.matter_id != matter.pk:
            raise _invalid("lawsuit", _("请选择本案的诉讼记录。"))
    if record_type == "demand_letter" and record.delivered_on and record.sent_on \
            and record.delivered_on < record.sent_on:
        raise _invalid("delivered_on", _("送达日期不能早于发出日期。"))
    if record_type == "lawsuit":
        if record.decided_on and not record.decision:
            raise _invalid("decision", _("填写了裁判日期时请选择结案方式。"))
        if record.served_on and record.decided_on and record.served_on < record.decided_on:
            raise _invalid("served_on", _("送达日期不能早于裁判日期。"))
        if record.filed_on and record.decided_on and record.decided_on < record.filed_on:
            raise _invalid("decided_on", _("裁判日期不能早于立案日期。"))
        if record.performance_due_on and record.served_on and record.performance_due_on < record.served_on:
            raise _invalid("performance_due_on", _("履行期限最后一日不能早于送达日期。"))
        if record.performance_due_on and record.decided_on and record.performance_due_on < record.decided_on:
            raise _invalid("performance_due_on", _("履行期限最后一日不能早于裁判日期。"))
    if record_type == "frozen_asset":
        if record.released_on and record.released_on < record.frozen_on:
            raise _invalid("released_on", _("解除日期不能早于冻结日期。"))
        if record.renewed_on and record.renewed_on < record.frozen_on:
            raise _invalid("renewed_on", _("续封日期不能早于冻结日期。"))
    for name in ("estimated_value", "amount", "claimed_amount", "awarded_amount", "amount_applied",
                 "amount_enforced", "offered_amount", "total_amount"):
        if hasattr(record, name) and getattr(record, name) not in (None, ""):
            setattr(record, name, _money(getattr(record, name), name))
    _clean(record, exclude=["matter"])


def _record_summary(record_type: str, record) -> str:
    label = record._meta.verbose_name
    return f"{label}：{record}"


@transaction.atomic
def stage_record_create(*, actor: User, matter: Matter, record_type: str, documents=None, instalments=None,
                        **fields):
    """Adds a record of a stage (asset lead, letter, agreement, preservation, freeze, lawsuit, hearing,
    enforcement, write-off basis) to a matter, with its timeline event."""
    _require(access.can_work_matters(actor))
    model = RECORD_MODELS.get(record_type)
    if model is None:
        raise _invalid("record_type", _("未知的记录类型。"))
    for name in fields:
        if name in RECORD_READONLY:
            raise _invalid(name, _("该字段不能设置。"))
    record = model(matter=matter, **fields)
    built = _check_instalments(record, instalments) if record_type == "repayment_agreement" else None
    _check_record(record_type, record, matter)
    record.save()
    if built is not None:
        for instalment in built:
            instalment.agreement = record
        Instalment.objects.bulk_create(built)
    if documents is not None:
        _set_documents(record, matter, documents)
    _event(matter=matter, kind=TimelineKind.RECORD_ADDED, actor=actor, record=record,
           on_date=_record_date(record_type, record),
           summary=_("新增%(summary)s") % {"summary": _record_summary(record_type, record)})
    _refresh_figures(matter)
    return record


def _set_documents(record, matter: Matter, documents) -> None:
    documents = list(documents)
    if any(document.matter_id != matter.pk for document in documents):
        raise _invalid("documents", _("只能选择本案的证据文件。"))
    record.documents.set(documents)


@transaction.atomic
def stage_record_update(*, actor: User, record, documents=None, instalments=None, **fields):
    _require(access.can_work_matters(actor))
    record_type = RECORD_TYPE_OF.get(type(record))
    if record_type not in RECORD_MODELS:
        raise _invalid("record_type", _("未知的记录类型。"))
    record = type(record).objects.select_for_update().select_related("matter").get(pk=record.pk)
    _keep_approved_write_off(record)
    for name, value in fields.items():
        if name in RECORD_READONLY:
            raise _invalid(name, _("该字段不能修改。"))
        setattr(record, name, value)
    built = None
    if record_type == "repayment_agreement" and instalments is not None:
        if "total_amount" not in fields:
            record.total_amount = None
        built = _check_instalments(record, instalments)
    _check_record(record_type, record, record.matter)
    record.save()
    if built is not None:
        record.instalments.all().delete()
        for instalment in built:
            instalment.agreement = record
        Instalment.objects.bulk_create(built)
    if documents is not None:
        _set_documents(record, record.matter, documents)
    _event(matter=record.matter, kind=TimelineKind.RECORD_CHANGED, actor=actor, record=record,
           on_date=_record_date(record_type, record),
           summary=_("修改%(summary)s") % {"summary": _record_summary(record_type, record)})
    _refresh_figures(record.matter)
    return record


@transaction.atomic
def stage_record_delete(*, actor: User, record) -> None:
    _require(access.can_work_matters(actor))
    record_type = RECORD_TYPE_OF.get(type(record))
    if record_type not in RECORD_MODELS:
        raise _invalid("record_type", _("未知的记录类型。"))
    record = type(record).objects.select_for_update(of=("self",)).select_related("matter").get(pk=record.pk)
    _keep_approved_write_off(record)
    matter = record.matter
    summary = _("删除%(summary)s") % {"summary": _record_summary(record_type, record)}
    record_id = record.pk
    record.delete()
    TimelineEvent.objects.create(matter=matter, kind=TimelineKind.RECORD_REMOVED, actor=actor,
                                 actor_name=actor.name, summary=summary[:300], record_type=record_type,
                                 record_id=record_id)
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


# --- stored figures (what lists show; see matters/figures.py) -------------------------------------------------

FIGURES_CHUNK = 500  # matters locked, computed and written together


def _refresh_figures(matter: Matter) -> None:
    """Stores the matter's figures after a change to what they depend on."""
    figures_refresh([matter.pk])
    matter.refresh_from_db(fields=STORED_FIELDS)


def figures_refresh(matter_ids: Iterable[int], *, today: date | None = None) -> int:
    """Recomputes and stores the figures of these matters; returns how many were written."""
    today = today or timezone.localdate()
    calendar, lpr = holiday_calendar(), lpr_table()
    ids = sorted(set(matter_ids))  # one locking order for every writer
    written = 0
    for start in range(0, len(ids), FIGURES_CHUNK):
        with transaction.atomic():
            matters = list(with_deadline_data(
                Matter.objects.filter(pk__in=ids[start:start + FIGURES_CHUNK]).select_for_update(of=("self",))
                .order_by("pk")))
            for matter in matters:
                apply_figures(matter, calendar=calendar, lpr=lpr, today=today)
            _store_figures(matters)
            written += len(matters)
    return written


def _store_figures(matters: list[Matter]) -> None:
    """One UPDATE per matter, pipelined: QuerySet.bulk_update builds a CASE per field and row, which costs
    more than computing the figures."""
    fields = [Matter._meta.get_field(name) for name in STORED_FIELDS]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    sql = f"UPDATE {connection.ops.quote_name(Matter._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [[field.get_db_prep_save(getattr(matter, field.attname), connection) for field in fields] + [matter.pk]
            for matter in matters]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def figures_refresh_stale(*, today: date | None = None) -> int:
    """The daily refresh: every matter of the current firm whose balance is not of ``today``."""
    today = today or timezone.localdate()
    stale = Matter.objects.filter(Q(balance_as_of__isnull=True) | Q(balance_as_of__lt=today))
    return figures_refresh(stale.values_list("pk", flat=True), today=today)


def figures_refresh_all() -> int:
    return figures_refresh(Matter.objects.values_list("pk", flat=True))


def figures_refresh_everywhere() -> None:
    """After an edit of the LPR table or the holiday calendar: every matter of every firm, by a task per firm
    once the edit is committed."""
    from matters.tasks import refresh_matter_figures  # the task module imports this one

    def queue():
        for schema_name in Firm.objects.firms().values_list("schema_name", flat=True):
            with schema_context(schema_name):
                refresh_matter_figures.delay(everything=True)

    transaction.on_commit(queue)
