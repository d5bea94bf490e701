"""Mandates (委托): the engagement contract with a client, its fee terms and the power of attorney."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date
from matters.models.amounts import MONEY, ZERO
from matters.models.parties import Client
from rules.risk_fees import CAUSE_LABELS

# A mandate may concern any subject the risk-fee rules know, so that a banned one can be named and refused.
MANDATE_CAUSE_CHOICES = [(code, label) for code, label in CAUSE_LABELS.items()]


class FeeType(models.TextChoices):
    FIXED = "fixed", _("固定收费")
    RISK = "risk", _("固定收费＋风险代理")


class Authority(models.TextChoices):
    GENERAL = "general", _("一般授权")
    SPECIAL = "special", _("特别授权")


SPECIAL_POWERS: dict[str, str] = {
    "admit_claims": "承认诉讼请求",
    "waive_claims": "放弃诉讼请求",
    "change_claims": "变更诉讼请求",
    "settle": "进行和解",
    "counterclaim": "提起反诉",
    "appeal": "提起上诉",
    "apply_enforcement": "申请执行",
    "receive_enforcement_money": "代为收取执行款",
    "mediate": "代为调解",
    "withdraw": "申请撤诉",
}

# The proceedings a power of attorney covers (授权委托书的代理阶段).
MANDATE_SCOPES: dict[str, str] = {
    "first_instance": "一审",
    "second_instance": "二审",
    "enforcement": "执行",
}


def default_scope() -> list[str]:
    return ["first_instance"]


class Mandate(models.Model):
    """委托: the 委托代理合同 with a client, its fee arrangement and the power of attorney."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("履行中")
        COMPLETED = "completed", _("已完成")
        TERMINATED = "terminated", _("已解除")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("委托人"))
    contract_number = models.CharField(_("合同编号"), max_length=60, blank=True)
    contract_date = models.DateField(_("签约日期"), validators=[validate_legal_date])
    responsible_partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                            verbose_name=_("负责合伙人"))
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mandate_teams",
                                  verbose_name=_("承办团队"))
    cause = models.CharField(_("委托事项"), max_length=30, choices=MANDATE_CAUSE_CHOICES, default="sale")
    placed_amount = models.DecimalField(_("委托债权总额"), default=ZERO, **MONEY)
    fee_type = models.CharField(_("收费方式"), max_length=10, choices=FeeType.choices, default=FeeType.FIXED)
    fixed_rate = models.DecimalField(_("固定收费比例"), max_digits=5, decimal_places=4, null=True, blank=True)
    upfront_rate = models.DecimalField(_("前期费用比例"), max_digits=5, decimal_places=4, null=True, blank=True)
    success_rate = models.DecimalField(_("回款提成比例"), max_digits=5, decimal_places=4, null=True, blank=True)
    authority = models.CharField(_("授权范围"), max_length=10, choices=Authority.choices, default=Authority.GENERAL)
    special_powers = models.JSONField(_("特别授权事项"), default=list, blank=True)
    scope = models.JSONField(_("代理阶段"), default=default_scope, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-contract_date", "-id"]
        verbose_name = _("委托")
        verbose_name_plural = _("委托")
        constraints = [
            models.CheckConstraint(condition=Q(fee_type="fixed", fixed_rate__isnull=False)
                                   | Q(fee_type="risk", upfront_rate__isnull=False, success_rate__isnull=False),
                                   name="mandate_fee_terms_complete"),
            models.CheckConstraint(condition=Q(placed_amount__gte=0), name="mandate_placed_amount_non_negative"),
            models.CheckConstraint(condition=Q(status__in=["active", "completed", "terminated"]),
                                   name="mandate_status_valid"),
        ]

    def __str__(self):
        return f"{self.client} {self.contract_number or self.contract_date}"
