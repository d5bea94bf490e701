"""Payments received (回款) and the reversing entries that cancel one recorded in error."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_past_date
from matters.models.amounts import MONEY
from matters.models.matters import Matter
from matters.models.parties import Debtor


class PayerKind(models.TextChoices):
    DEBTOR = "debtor", _("债务人")
    GUARANTOR = "guarantor", _("担保人")
    COURT = "court", _("法院执行款账户")
    OTHER = "other", _("其他")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("银行转账")
    CASH = "cash", _("现金")
    BILL = "bill", _("票据")
    COURT_TRANSFER = "court_transfer", _("法院划转")
    IN_KIND = "in_kind", _("以物抵债")
    OTHER = "other", _("其他")


class CountedPaymentManager(models.Manager):
    """The payments that count as money received: all but the reversed ones. It is Payment's default manager,
    so every reader (balances, deadlines, reports, the dashboard) leaves a reversed payment out without
    having to remember to; ``Payment.all_entries`` is the ledger, reversed payments included."""

    def get_queryset(self):
        return super().get_queryset().filter(reversal__isnull=True)


class Payment(models.Model):
    """回款: money the debtor side actually paid. How it is applied (costs → interest → principal) is computed
    on read from all payments (balances.matter_balance), so a back-dated entry re-applies later ones.

    A payment is never edited or deleted: one recorded in error is cancelled by a reversing entry
    (:class:`PaymentReversal`, with its reason), and the right one recorded anew."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="payments")
    received_on = models.DateField(_("回款日期"), validators=[validate_past_date])
    amount = models.DecimalField(_("金额"), **MONEY)
    payer_kind = models.CharField(_("付款方"), max_length=12, choices=PayerKind.choices, default=PayerKind.DEBTOR)
    payer = models.ForeignKey(Debtor, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("付款人"))
    method = models.CharField(_("方式"), max_length=20, choices=PaymentMethod.choices,
                              default=PaymentMethod.BANK_TRANSFER)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CountedPaymentManager()
    all_entries = models.Manager()  # noqa: DJ012 - a manager, declared after the default one on purpose

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("回款")
        verbose_name_plural = _("回款")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self):
        return f"{self.received_on} {self.amount}"


class PaymentReversal(models.Model):
    """冲销: the entry that cancels a payment recorded in error (wrong amount, date, payer, or never received).
    The payment keeps its record; from then on it counts nowhere, as if never received, and the balance and
    its interest follow. One reversal per payment."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="reversal",
                                   verbose_name=_("回款"))
    reason = models.TextField(_("冲销理由"))
    reversed_on = models.DateField(_("冲销日期"))
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    reversed_by_name = models.CharField(_("冲销人"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("回款冲销")
        verbose_name_plural = _("回款冲销")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="payment_reversal_has_reason")]

    def __str__(self):
        return f"冲销 {self.payment}"
