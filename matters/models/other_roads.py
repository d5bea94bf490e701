"""The records of the roads to payment besides suit and its enforcement: the payment order (督促程序), the
credit investigation behind the 资信调查报告 at 尽职调查, and the claim in the debtor's bankruptcy. Registered in
matters/records.py like the other stage records."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.models.amounts import MONEY, ZERO
from matters.models.matters import Matter


class PaymentOrder(models.Model):
    """支付令 (督促程序, 民诉法 第二百二十五至二百二十八条): a court orders the debtor to pay a due money debt; the
    debtor pays or objects in writing within 15 days of service, otherwise the order is effective and enforceable.

    It belongs to the litigation stage: it is a court procedure, applied for instead of a suit, and a valid
    objection ends it and sends the claim to suit (第二百二十八条), so the lawsuit that may follow sits beside it.
    Applying interrupts limitation (诉讼时效规定 第十一条)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("待定")
        PAID = "paid", _("已清偿")
        OBJECTED = "objected", _("债务人提出异议")
        EFFECTIVE = "effective", _("已生效")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="payment_orders")
    court = models.CharField(_("法院"), max_length=100)
    case_number = models.CharField(_("案号"), max_length=60, blank=True)
    applied_on = models.DateField(_("申请日期"), null=True, blank=True, validators=[validate_past_date])
    issued_on = models.DateField(_("发出支付令日期"), null=True, blank=True, validators=[validate_past_date])
    served_on = models.DateField(_("送达债务人日期"), null=True, blank=True, validators=[validate_past_date])
    amount = models.DecimalField(_("支付令金额"), null=True, blank=True, **MONEY)
    outcome = models.CharField(_("结果"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    objected_on = models.DateField(_("异议日期"), null=True, blank=True, validators=[validate_past_date])
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("支付令")
        verbose_name_plural = _("支付令")
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=["pending", "paid", "objected", "effective"]),
                                   name="payment_order_outcome_valid"),
            models.CheckConstraint(condition=Q(objected_on__isnull=True) | Q(outcome="objected"),
                                   name="payment_order_objection_date_only_when_objected"),
        ]

    def __str__(self):
        return f"{self.court} {self.case_number}".strip()


# The API schema names this choice set by a module-level path (settings: ENUM_NAME_OVERRIDES).
PAYMENT_ORDER_OUTCOMES = PaymentOrder.Outcome


class CreditInvestigation(models.Model):
    """资信调查: what the lawyer found out about the debtor before choosing a road, with the source of each fact.

    The debtor's name, identifier, legal representative and addresses stay on the debtor; this record holds what
    the registers and court databases show at the time of the investigation. The 资信调查报告 is printed from it,
    the debtor and the matter's asset leads."""

    class RegistrationStatus(models.TextChoices):
        ACTIVE = "active", _("存续（在营）")
        REVOKED = "revoked", _("吊销")
        DEREGISTERED = "deregistered", _("注销")
        LIQUIDATING = "liquidating", _("清算/破产")
        UNKNOWN = "unknown", _("未查明")

    class Road(models.TextChoices):
        DEMAND_LETTER = "demand_letter", _("发送律师函催收")
        NEGOTIATION = "negotiation", _("协商还款")
        PRESERVATION = "preservation", _("申请财产保全后起诉")
        LITIGATION = "litigation", _("提起诉讼")
        PAYMENT_ORDER = "payment_order", _("申请支付令")
        BANKRUPTCY = "bankruptcy", _("申报破产债权")
        WRITE_OFF = "write_off", _("收集核销依据")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="credit_investigations")
    investigated_on = models.DateField(_("调查日期"), validators=[validate_past_date])
    registered_capital = models.DecimalField(_("注册资本（元）"), null=True, blank=True, **MONEY)
    established_on = models.DateField(_("成立日期"), null=True, blank=True, validators=[validate_past_date])
    registration_status = models.CharField(_("登记状态"), max_length=20, choices=RegistrationStatus.choices,
                                           default=RegistrationStatus.ACTIVE)
    business_scope = models.TextField(_("经营范围"), blank=True)
    shareholders = models.TextField(_("股东及出资"), blank=True)
    registration_source = models.CharField(_("登记信息来源"), max_length=200, blank=True,
                                           default="国家企业信用信息公示系统")
    litigation_count = models.PositiveIntegerField(_("涉诉案件数"), null=True, blank=True)
    litigation_summary = models.TextField(_("涉诉及被执行情况"), blank=True)
    dishonest_debtor = models.BooleanField(_("失信被执行人"), default=False)
    consumption_restricted = models.BooleanField(_("限制高消费"), default=False)
    litigation_source = models.CharField(_("涉诉信息来源"), max_length=200, blank=True,
                                         default="中国裁判文书网、中国执行信息公开网")
    conclusion = models.TextField(_("调查结论"), blank=True)
    recommended_road = models.CharField(_("建议清收路径"), max_length=20, choices=Road.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["investigated_on", "id"]
        verbose_name = _("资信调查")
        verbose_name_plural = _("资信调查")

    def __str__(self):
        return f"资信调查 {self.investigated_on}"


class BankruptcyClaim(models.Model):
    """破产债权申报: the debtor's bankruptcy, and the claim declared in it.

    It belongs to the enforcement stage: once a court accepts a bankruptcy application, enforcement against the
    debtor is suspended (企业破产法第十九条) and what can still be recovered comes by the administrator's
    distributions, the road the enforcement stage otherwise takes through the enforcement court. Acceptance stops
    interest (第四十六条, see matters.balances.matter_balance); declaring interrupts limitation (诉讼时效规定第十一条).
    Distributions received are also recorded as payments, which is what the balance counts."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="bankruptcy_claims")
    court = models.CharField(_("受理法院"), max_length=100)
    case_number = models.CharField(_("破产案号"), max_length=60, blank=True)
    accepted_on = models.DateField(_("破产申请受理日"), validators=[validate_past_date])
    notice_on = models.DateField(_("受理公告日期"), null=True, blank=True, validators=[validate_past_date])
    declaration_deadline = models.DateField(_("债权申报期限"), null=True, blank=True,
                                            validators=[validate_legal_date])
    administrator_name = models.CharField(_("管理人"), max_length=200, blank=True)
    administrator_contact = models.CharField(_("管理人联系人及电话"), max_length=200, blank=True)
    administrator_address = models.CharField(_("管理人地址"), max_length=300, blank=True)
    declared_on = models.DateField(_("申报日期"), null=True, blank=True, validators=[validate_past_date])
    declared_amount = models.DecimalField(_("申报金额"), null=True, blank=True, **MONEY)
    secured = models.BooleanField(_("有财产担保"), default=False)
    confirmed_amount = models.DecimalField(_("管理人确认金额"), null=True, blank=True, **MONEY)
    distributions_received = models.DecimalField(_("已获分配金额"), default=ZERO, **MONEY)
    final_distribution_on = models.DateField(_("最后分配日期"), null=True, blank=True,
                                             validators=[validate_past_date])
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["accepted_on", "id"]
        verbose_name = _("破产债权申报")
        verbose_name_plural = _("破产债权申报")
        constraints = [
            models.CheckConstraint(condition=Q(declared_on__isnull=True) | Q(declared_on__gte=models.F("accepted_on")),
                                   name="bankruptcy_declared_after_acceptance"),
            models.CheckConstraint(condition=Q(distributions_received__gte=0),
                                   name="bankruptcy_distributions_not_negative"),
        ]

    def __str__(self):
        return f"{self.court} {self.case_number}".strip()
