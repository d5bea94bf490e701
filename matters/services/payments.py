"""Money received on a matter: recording a payment, and reversing one recorded in error. The balance follows
from all payments (balances.matter_balance); each write stores the matter's figures anew."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import AuditAction, User
from accounts.services import audit_record
from core.formatting import money_text
from matters.models import Debtor, Matter, PayerKind, Payment, PaymentReversal, TimelineKind
from matters.services._common import _clean, _event, _invalid, _money, _require
from matters.services.figures import _refresh_figures
from matters.services.matters import _paid_before_due_message


def _payer_of(matter: Matter, payer_kind: str, payer: Debtor | None) -> Debtor | None:
    """The debtor who paid (None when a court or someone else did), checked against the matter."""
    if payer_kind == PayerKind.DEBTOR:
        payer = payer or matter.debtor
        if payer.pk != matter.debtor_id:
            raise _invalid("payer", _("付款人不是本案债务人。"))
        return payer
    if payer_kind == PayerKind.GUARANTOR:
        if payer is None or not matter.guarantors.filter(pk=payer.pk).exists():
            raise _invalid("payer", _("请选择本案的担保人作为付款人。"))
        return payer
    if payer_kind in (PayerKind.COURT, PayerKind.OTHER):
        return None
    raise _invalid("payer_kind", _("未知的付款方。"))


@transaction.atomic
def payment_record(*, actor: User, matter: Matter, received_on: date, amount, payer_kind: str = PayerKind.DEBTOR,
                   payer: Debtor | None = None, method: str = "bank_transfer", note: str = "") -> Payment:
    """Records money received. Its application (costs → interest → principal) is computed from all payments
    by balances.matter_balance."""
    _require(roles.can_record_payments(actor))
    amount = _money(amount, "amount", positive=True)
    if isinstance(received_on, date) and received_on < matter.due_date:
        raise _invalid("received_on", _paid_before_due_message(received_on, matter.due_date))
    payer = _payer_of(matter, payer_kind, payer)
    payment = Payment(matter=matter, received_on=received_on, amount=amount, payer_kind=payer_kind, payer=payer,
                      method=method, note=note, recorded_by=actor)
    _clean(payment)
    payment.save()
    who = payer.name if payer else payment.get_payer_kind_display()
    _event(matter=matter, kind=TimelineKind.PAYMENT, actor=actor, on_date=received_on, record=payment,
           summary=_("回款 %(amount)s 元（%(who)s，%(method)s）")
           % {"amount": money_text(amount), "who": who, "method": payment.get_method_display()})
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
    summary = _("冲销回款 %(amount)s 元（%(date)s 回款）") % {"amount": money_text(payment.amount),
                                                            "date": payment.received_on.isoformat()}
    _event(matter=matter, kind=TimelineKind.PAYMENT, actor=actor, on_date=reversal.reversed_on, record=payment,
           reason=reason, summary=summary, detail={"reversed_payment": payment.pk, "amount": str(payment.amount)})
    audit_record(action=AuditAction.PAYMENT_REVERSED, actor=actor, target=f"{matter.reference} {summary}"[:254],
                 detail={"payment": payment.pk, "matter": matter.pk, "amount": str(payment.amount),
                         "received_on": payment.received_on.isoformat(), "reason": reason})
    _refresh_figures(matter)
    return reversal
