"""Mandates (委托): the contract under which a client hands debts to the firm, with its fee terms, the risk-fee
cap those terms must keep for every matter, and the scope of the authority. Every edit is audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import AuditAction, User
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS, Authority, Client, FeeType, Mandate
from matters.services._common import (
    _audit_change,
    _audit_values,
    _clean,
    _invalid,
    _locked,
    _money,
    _people_text,
    _require,
    _with_changes,
)
from rules.errors import RuleInputError
from rules.risk_fees import check_risk_arrangement

DEFAULT_FIXED_RATE = Decimal("0.05")
DEFAULT_SUCCESS_RATE = Decimal("0.10")
MANDATE_FIELDS = ("contract_date", "responsible_partner", "cause", "placed_amount", "fee_type", "fixed_rate",
                  "upfront_rate", "success_rate", "authority", "special_powers", "scope", "contract_number",
                  "notes", "status")
# What sets the fee: the way of charging, its rates, and the amount they apply to.
FEE_TERMS = ("fee_type", "fixed_rate", "upfront_rate", "success_rate", "placed_amount")


def fee_terms_refusal() -> str:
    return _("只有该委托的负责合伙人或本所合伙人可以修改收费条款（收费方式、收费比例、委托债权总额）。")


def check_mandate_active(mandate: Mandate) -> None:
    """Only an active mandate takes new matters (by hand or by a bulk import)."""
    if mandate.status != Mandate.Status.ACTIVE:
        raise _invalid("mandate", _("该委托已%(status)s，不能再新增案件。") % {"status": mandate.get_status_display()})


def risk_fee_problems(mandate: Mandate, *, cause: str, principal: Decimal) -> list[str]:
    """What the risk-fee rules object to in taking a claim of ``principal`` for ``cause`` under the mandate's
    terms (nothing under a fixed fee). RuleInputError when the terms cannot be read."""
    if mandate.fee_type != FeeType.RISK:
        return []
    return check_risk_arrangement(upfront_rate=mandate.upfront_rate, success_rate=mandate.success_rate,
                                  placed_amount=principal, cause=cause)


def _check_matter_risk(mandate: Mandate, cause: str, principal: Decimal) -> None:
    try:
        problems = risk_fee_problems(mandate, cause=cause, principal=principal)
    except RuleInputError as error:
        raise _invalid("cause", error.message) from None
    if problems:
        raise ValidationError({"mandate": [_("该委托的风险代理安排不适用于本案：") + "".join(problems)]})


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


def _check_fee_terms(mandate: Mandate) -> None:
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
            problems = risk_fee_problems(mandate, cause=mandate.cause, principal=mandate.placed_amount)
        except RuleInputError as error:
            raise _invalid("fee_type", error.message) from None
        if problems:
            raise ValidationError({"fee_type": problems})
    else:
        raise _invalid("fee_type", _("未知的收费方式。"))


def _check_authority(mandate: Mandate) -> None:
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


def _check_scope(mandate: Mandate) -> None:
    """The proceedings the power of attorney covers: at least one, each known, kept in the order of a case."""
    chosen = mandate.scope if mandate.scope not in (None, "") else ["first_instance"]
    if isinstance(chosen, str) or not isinstance(chosen, list | tuple):
        raise _invalid("scope", _("代理阶段格式不正确。"))
    unknown = [item for item in chosen if item not in MANDATE_SCOPES]
    if unknown:
        raise _invalid("scope", _("未知的代理阶段：%(items)s") % {"items": "、".join(map(str, unknown))})
    if not chosen:
        raise _invalid("scope", _("请至少选择一个代理阶段（一审、二审或执行）。"))
    mandate.scope = [code for code in MANDATE_SCOPES if code in chosen]


def _check_mandate(mandate: Mandate, team: Iterable[User] | None) -> None:
    partner = mandate.responsible_partner if mandate.responsible_partner_id is not None else None
    if not roles.is_responsible_partner_role(partner):
        raise _invalid("responsible_partner", _("负责合伙人必须是本所在职合伙人。"))
    for member in team or ():
        if not roles.can_work_matters(member):
            raise _invalid("team", _("%(name)s 不是本所承办人员（合伙人、律师或律师助理）。") % {"name": member})
    mandate.placed_amount = _money(mandate.placed_amount, "placed_amount")
    _check_fee_terms(mandate)
    _check_authority(mandate)
    _check_scope(mandate)
    _clean(mandate)


@transaction.atomic
def mandate_create(*, actor: User, client: Client, contract_date: date, responsible_partner: User,
                   team: Iterable[User] = (), cause: str = "sale", placed_amount=Decimal("0"),
                   fee_type: str = FeeType.FIXED, fixed_rate=None, upfront_rate=None, success_rate=None,
                   authority: str = Authority.GENERAL, special_powers: Iterable[str] = (),
                   scope: Iterable[str] | None = None, contract_number: str = "", notes: str = "") -> Mandate:
    _require(roles.can_work_matters(actor))
    team = list(team or [])
    mandate = Mandate(client=client, contract_date=contract_date, responsible_partner=responsible_partner,
                      cause=cause, placed_amount=placed_amount, fee_type=fee_type, fixed_rate=fixed_rate,
                      upfront_rate=upfront_rate, success_rate=success_rate, authority=authority,
                      special_powers=list(special_powers or []),
                      scope=list(scope) if scope is not None else ["first_instance"],
                      contract_number=contract_number, notes=notes)
    _check_mandate(mandate, team)
    mandate.save()
    mandate.team.set(team)
    return mandate


@transaction.atomic
def mandate_update(*, actor: User, mandate: Mandate, team: Iterable[User] | None = None, **fields) -> Mandate:
    """Edits a mandate. Its fee terms (FEE_TERMS) change only by its responsible partner or a partner; every
    change is audited (old → new)."""
    _require(roles.can_work_matters(actor))
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
