"""The firm's arbitration-fee schedules: each commission sets its own (仲裁委员会仲裁收费办法 leaves the rates to
it within a range), so the schedules are data the firm's partners keep, not law in rules/."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matters.models.amounts import MONEY


class ArbitrationFeeScale(models.Model):
    """One commission's schedule of the acceptance fee (案件受理费), as tiers on the amount claimed."""

    commission = models.CharField(_("仲裁委员会"), max_length=100, unique=True)
    source = models.CharField(_("收费标准来源"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commission", "id"]
        verbose_name = _("仲裁收费标准")
        verbose_name_plural = _("仲裁收费标准")

    def __str__(self):
        return self.commission


class ArbitrationFeeTier(models.Model):
    """From ``from_amount`` up to the next tier: ``fixed_fee`` plus ``rate`` (a fraction, 0.01 is 1%) of the part
    of the claim above ``from_amount``, the way the commissions publish their tables."""

    scale = models.ForeignKey(ArbitrationFeeScale, on_delete=models.CASCADE, related_name="tiers")
    from_amount = models.DecimalField(_("争议金额起点（元）"), **MONEY)
    fixed_fee = models.DecimalField(_("固定费用（元）"), **MONEY)
    rate = models.DecimalField(_("超过起点部分的费率"), max_digits=7, decimal_places=4)

    class Meta:
        ordering = ["scale_id", "from_amount"]
        verbose_name = _("收费档次")
        verbose_name_plural = _("收费档次")
        constraints = [
            models.UniqueConstraint(fields=["scale", "from_amount"], name="arbitration_tier_from_unique"),
            models.CheckConstraint(condition=Q(from_amount__gte=0) & Q(fixed_fee__gte=0) & Q(rate__gte=0)
                                   & Q(rate__lt=1), name="arbitration_tier_values_valid"),
        ]

    def __str__(self):
        return f"{self.scale_id}: {self.from_amount}"
