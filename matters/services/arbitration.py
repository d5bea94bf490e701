"""The firm's arbitration-fee schedules (one per commission): saving one with its tiers, removing one. A
partner keeps them, as the firm's other settings, and every change is in the audit log."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import AuditAction, User
from accounts.services import audit_record
from matters.models import ArbitrationFeeScale, ArbitrationFeeTier
from matters.services._common import _invalid, _money, _require
from rules.arbitration_fees import FeeTier, tier_problems


def _tiers(rows) -> list[FeeTier]:
    tiers = []
    for number, row in enumerate(rows, start=1):
        rate = row.get("rate")
        if rate is None:
            raise _invalid("tiers", _("第%(n)d档缺少费率（没有按比例收取的部分请填 0）。") % {"n": number})
        try:
            rate = Decimal(str(rate))
        except ArithmeticError:
            raise _invalid("tiers", _("第%(n)d档的费率格式不正确。") % {"n": number}) from None
        if not rate.is_finite() or rate != rate.quantize(Decimal("0.0001")):
            raise _invalid("tiers", _("第%(n)d档的费率最多精确到0.01%%。") % {"n": number})
        tiers.append(FeeTier(from_amount=_money(row.get("from_amount"), "tiers"),
                             fixed_fee=_money(row.get("fixed_fee"), "tiers"), rate=rate))
    problems = tier_problems(tiers)
    if problems:
        raise _invalid("tiers", "；".join(message for _index, message in problems))
    return tiers


@transaction.atomic
def arbitration_fee_scale_save(*, actor: User, commission: str, tiers, source: str = "",
                               scale: ArbitrationFeeScale | None = None, request=None) -> ArbitrationFeeScale:
    """Creates a commission's schedule, or (``scale``) replaces one's name, source and tiers. The tiers are
    rows of ``from_amount``, ``fixed_fee`` and ``rate`` (a fraction), in ascending order from 0."""
    _require(roles.can_manage_firm(actor))
    commission = (commission or "").strip()
    if not commission:
        raise _invalid("commission", _("请填写仲裁委员会名称。"))
    if len(commission) > ArbitrationFeeScale._meta.get_field("commission").max_length:
        raise _invalid("commission", _("仲裁委员会名称过长。"))
    taken = ArbitrationFeeScale.objects.filter(commission=commission)
    if scale is not None:
        taken = taken.exclude(pk=scale.pk)
    if taken.exists():
        raise _invalid("commission", _("“%(name)s”的收费标准已存在，请直接修改它。") % {"name": commission})
    checked = _tiers(list(tiers or []))
    if scale is None:
        scale = ArbitrationFeeScale(commission=commission, source=(source or "").strip()[:300])
        action = "created"
    else:
        scale = ArbitrationFeeScale.objects.select_for_update().get(pk=scale.pk)
        scale.commission, scale.source = commission, (source or "").strip()[:300]
        action = "changed"
    scale.save()
    scale.tiers.all().delete()
    ArbitrationFeeTier.objects.bulk_create(
        ArbitrationFeeTier(scale=scale, from_amount=tier.from_amount, fixed_fee=tier.fixed_fee, rate=tier.rate)
        for tier in checked)
    audit_record(action=AuditAction.FIRM_SETTINGS_CHANGED, actor=actor, target=f"仲裁收费标准：{commission}",
                 detail={"arbitration_fee_scale": scale.pk, "action": action,
                         "tiers": [[f"{t.from_amount:.2f}", f"{t.fixed_fee:.2f}", f"{t.rate:f}"] for t in checked]},
                 request=request)
    return scale


@transaction.atomic
def arbitration_fee_scale_delete(*, actor: User, scale: ArbitrationFeeScale, request=None) -> None:
    _require(roles.can_manage_firm(actor))
    commission = scale.commission
    ArbitrationFeeScale.objects.filter(pk=scale.pk).delete()
    audit_record(action=AuditAction.FIRM_SETTINGS_CHANGED, actor=actor, target=f"仲裁收费标准：{commission}",
                 detail={"arbitration_fee_scale": scale.pk, "action": "deleted"}, request=request)
