"""Reference data that every firm shares: the LPR table and the official holiday calendar.

Both are data, not code: seeded by a migration and edited by platform staff in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LprRate(models.Model):
    """The 1-year Loan Prime Rate in force from a date (percent per year)."""

    effective_from = models.DateField(_("生效日期"), unique=True)
    rate = models.DecimalField(_("一年期 LPR（%）"), max_digits=5, decimal_places=2)
    # Kept for reference (mortgage-type debts); interest in the product runs on the 1-year rate.
    rate_five_year = models.DecimalField(_("五年期以上 LPR（%）"), max_digits=5, decimal_places=2, null=True,
                                         blank=True)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("LPR 报价")
        verbose_name_plural = _("LPR 报价")
        constraints = [models.CheckConstraint(condition=models.Q(rate__gt=0, rate__lt=100), name="lpr_rate_range")]

    def __str__(self):
        return f"{self.effective_from}: {self.rate}%"


class HolidayYear(models.Model):
    """A year whose official holidays and make-up working days are all entered.

    Deadline counting trusts the calendar only for these years; for any other year it falls back to
    weekends and says so.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("例如国务院办公厅通知的文号。"))

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日（休息）")
        WORKDAY = "workday", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=["holiday", "workday"]),
                                              name="calendar_day_kind_valid")]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"
