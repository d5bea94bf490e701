"""Clients, debtors, mandates, matters and everything recorded in a matter.

Invariants that the database can hold are constraints here; the rest is checked by the services
(``matters/services.py``), which are the only writers. Money is Decimal(14, 2) in yuan; rates of fees are
fractions (0.05 is 5%), rates of interest are percent per year (6 is 6%), as in the rules library.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.stages import Outcome, Stage
from matters.validators import validate_uscc
from rules.risk_fees import CAUSE_LABELS

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class Cause(models.TextChoices):
    """Causes of action of a debt matter (codes as in rules.risk_fees.CAUSE_LABELS)."""

    SALE = "sale", _("买卖合同纠纷")
    LOAN = "loan", _("借款合同纠纷")
    CONSTRUCTION = "construction", _("建设工程合同纠纷")
    LEASE = "lease", _("租赁合同纠纷")
    SERVICE = "service", _("服务合同纠纷")
    OTHER = "other", _("其他纠纷")


# A mandate may concern any subject the risk-fee rules know, so that a banned one can be named and refused.
MANDATE_CAUSE_CHOICES = [(code, label) for code, label in CAUSE_LABELS.items()]


# --- Parties ---------------------------------------------------------------------------------------------


class Client(models.Model):
    """委托人: a company that hands its receivables to the firm."""

    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    address = models.CharField(_("住所"), max_length=300, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("委托人")
        verbose_name_plural = _("委托人")

    def __str__(self):
        return self.name


class ClientContact(models.Model):
    """A person at the client company whom the firm deals with (not necessarily a portal user)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("姓名"), max_length=100)
    position = models.CharField(_("职务"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("委托人联系人")
        verbose_name_plural = _("委托人联系人")

    def __str__(self):
        return self.name


class ClientMembership(models.Model):
    """Links a client-portal user (role "client") to the one client company they belong to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_membership")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="members")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("委托方用户")
        verbose_name_plural = _("委托方用户")

    def __str__(self):
        return f"{self.user} → {self.client}"


class Debtor(models.Model):
    """债务人 (or 担保人): a company or a person. The same debtor can appear in several matters."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("企业")
        PERSON = "person", _("自然人")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(_("名称/姓名"), max_length=200)
    # 统一社会信用代码 for a company, 居民身份证号 for a person; validated by the service by kind.
    id_number = models.CharField(_("证件号码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    addresses = models.JSONField(_("送达地址"), default=list, blank=True)
    phones = models.JSONField(_("电话"), default=list, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("债务人")
        verbose_name_plural = _("债务人")
        constraints = [
            models.UniqueConstraint(fields=["id_number"], condition=~Q(id_number=""), name="debtor_id_number_unique"),
            models.CheckConstraint(condition=Q(kind__in=["company", "person"]), name="debtor_kind_valid"),
        ]

    def __str__(self):
        return self.name


# --- Mandate ---------------------------------------------------------------------------------------------


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
}


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


# --- Matter ----------------------------------------------------------------------------------------------


class ReferenceCounter(models.Model):
    """The last matter number used in a year; locked with SELECT … FOR UPDATE by the creating transaction,
    so numbers are unique and have no gaps (a rolled-back creation gives its number back)."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class InterestType(models.TextChoices):
    NONE = "none", _("不计利息")
    FIXED = "fixed", _("固定年利率")
    LPR = "lpr", _("LPR 倍数")


class Matter(models.Model):
    """案件: the recovery of one debt from one debtor (and its guarantors)."""

    reference = models.CharField(_("案件编号"), max_length=20, unique=True)
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="matters", verbose_name=_("委托"))
    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="matters", verbose_name=_("债务人"))
    guarantors = models.ManyToManyField(Debtor, blank=True, related_name="guaranteed_matters",
                                        verbose_name=_("担保人"))
    cause = models.CharField(_("案由"), max_length=20, choices=Cause.choices, default=Cause.SALE)
    description = models.TextField(_("案情摘要"), blank=True)
    # The claim.
    principal = models.DecimalField(_("本金"), **MONEY)
    costs = models.DecimalField(_("费用"), default=ZERO, **MONEY)
    interest_type = models.CharField(_("利息/违约金"), max_length=10, choices=InterestType.choices,
                                     default=InterestType.NONE)
    interest_rate = models.DecimalField(_("年利率（%）"), max_digits=7, decimal_places=4, null=True, blank=True)
    lpr_multiplier = models.DecimalField(_("LPR 倍数"), max_digits=6, decimal_places=3, null=True, blank=True)
    # Null: 同期 LPR (each period at the rate then in force); a date: the LPR of that date for the whole period.
    lpr_fixed_on = models.DateField(_("LPR 确定日"), null=True, blank=True, validators=[validate_legal_date])
    interest_from = models.DateField(_("计息起算日"), null=True, blank=True, validators=[validate_legal_date])
    due_date = models.DateField(_("履行期限届满日"), validators=[validate_legal_date])
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="assigned_matters", verbose_name=_("承办律师"))
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.DUE_DILIGENCE)
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    recovery_plan = models.TextField(_("清收方案"), blank=True)
    opened_on = models.DateField(_("立案日期"), default=timezone.localdate, validators=[validate_legal_date])
    closed_on = models.DateField(_("结案日期"), null=True, blank=True, validators=[validate_past_date])
    # Optimistic locking: every change bumps it; a writer that saw an older version gets StageConflict.
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Figures derived from the records, stored so that lists can show, filter and sort by them in SQL. Only
    # services.figures_refresh writes them: in the same transaction as every change to the records, and daily
    # (the balance accrues interest). matters/figures.py says what they are and what "fresh" means.
    recovered = models.DecimalField(_("已回款"), default=ZERO, **MONEY)
    claimed = models.DecimalField(_("应收合计"), default=ZERO, **MONEY)
    outstanding = models.DecimalField(_("未清偿"), default=ZERO, **MONEY)
    balance_as_of = models.DateField(_("余额计算日"), null=True, blank=True)
    balance_error = models.CharField(max_length=200, blank=True)
    next_deadline_on = models.DateField(_("最近的待办期限"), null=True, blank=True)
    pending_deadlines = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        constraints = [
            models.CheckConstraint(condition=Q(principal__gte=0), name="matter_principal_non_negative"),
            models.CheckConstraint(condition=Q(costs__gte=0), name="matter_costs_non_negative"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="matter_stage_valid"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="matter_outcome_valid"),
            models.CheckConstraint(condition=Q(interest_type="none")
                                   | Q(interest_type="fixed", interest_rate__isnull=False)
                                   | Q(interest_type="lpr", lpr_multiplier__isnull=False),
                                   name="matter_interest_terms_complete"),
        ]
        indexes = [models.Index(fields=["stage", "outcome"]), models.Index(fields=["lawyer", "outcome"]),
                   models.Index(fields=["next_deadline_on"]), models.Index(fields=["due_date"]),
                   models.Index(fields=["outstanding"]), models.Index(fields=["recovered"])]

    def __str__(self):
        return f"{self.reference} {self.debtor.name}" if self.debtor_id else self.reference

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.OPEN


# --- Things recorded in a matter ---------------------------------------------------------------------------


class EvidenceCategory(models.TextChoices):
    CONTRACT = "contract", _("合同")
    IOU = "iou", _("欠条")
    STATEMENT = "statement", _("对账单")
    TRANSFER = "transfer", _("转账凭证")
    DELIVERY = "delivery", _("送货单")
    GUARANTEE = "guarantee", _("担保合同")
    JUDGMENT = "judgment", _("判决/裁定")
    OTHER = "other", _("其他")


def evidence_upload_to(instance, filename):
    # The stored name never comes from the uploader: a random name with the extension of the detected type.
    return f"evidence/{instance.matter_id}/{filename}"


class EvidenceFile(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="evidence_files")
    category = models.CharField(_("类别"), max_length=20, choices=EvidenceCategory.choices,
                                default=EvidenceCategory.OTHER)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    file = models.FileField(_("文件"), upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=120)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("证据文件")
        verbose_name_plural = _("证据文件")

    def __str__(self):
        return self.title or self.original_name


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
    on read from all payments (selectors.matter_balance), so a back-dated entry re-applies later ones.

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


class WorkLogEntry(models.Model):
    """催收记录: one contact with the debtor side."""

    class Kind(models.TextChoices):
        CALL = "call", _("电话")
        VISIT = "visit", _("上门走访")
        LETTER = "letter", _("信函")
        EMAIL = "email", _("电子邮件")
        MESSAGE = "message", _("短信/微信")
        OTHER = "other", _("其他")

    class InterruptionBasis(models.TextChoices):
        DEMAND_DELIVERED = "demand_delivered", _("催收主张已送达债务人")
        ACKNOWLEDGEMENT = "acknowledgement", _("债务人书面确认债务")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="worklog_entries")
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    occurred_on = models.DateField(_("日期"), validators=[validate_past_date])
    contact_person = models.CharField(_("联系对象"), max_length=100, blank=True)
    summary = models.TextField(_("内容"))
    outcome = models.CharField(_("结果"), max_length=300, blank=True)
    promised_amount = models.DecimalField(_("承诺还款金额"), null=True, blank=True, **MONEY)
    promised_on = models.DateField(_("承诺还款日期"), null=True, blank=True, validators=[validate_legal_date])
    interrupts_limitation = models.BooleanField(_("中断诉讼时效"), default=False)
    interruption_basis = models.CharField(_("中断事由"), max_length=20, choices=InterruptionBasis.choices, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("催收记录")
        verbose_name_plural = _("催收记录")
        constraints = [
            models.CheckConstraint(condition=Q(interrupts_limitation=False) | ~Q(interruption_basis=""),
                                   name="worklog_interruption_has_basis"),
        ]

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"


# --- Stage records -------------------------------------------------------------------------------------------


class AssetLead(models.Model):
    """尽职调查: a lead to the debtor's property."""

    class Kind(models.TextChoices):
        REAL_ESTATE = "real_estate", _("不动产")
        VEHICLE = "vehicle", _("车辆")
        BANK_ACCOUNT = "bank_account", _("银行账户")
        EQUITY = "equity", _("股权")
        IP = "ip", _("知识产权")
        RECEIVABLE = "receivable", _("对第三人的债权")
        OTHER = "other", _("其他")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="asset_leads")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("描述"), max_length=300)
    source = models.CharField(_("线索来源"), max_length=200, blank=True)
    estimated_value = models.DecimalField(_("估计价值"), null=True, blank=True, **MONEY)
    found_on = models.DateField(_("发现日期"), null=True, blank=True, validators=[validate_past_date])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("财产线索")
        verbose_name_plural = _("财产线索")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.description}"


class DemandLetter(models.Model):
    """律师函: sent, and (when proof of delivery exists) delivered — delivery interrupts limitation."""

    class Method(models.TextChoices):
        EMS = "ems", _("EMS")
        COURIER = "courier", _("快递")
        REGISTERED_MAIL = "registered_mail", _("挂号信")
        BY_HAND = "by_hand", _("当面送达")
        EMAIL = "email", _("电子邮件")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="demand_letters")
    letter_number = models.CharField(_("函号"), max_length=60, blank=True)
    sent_on = models.DateField(_("发出日期"), validators=[validate_past_date])
    method = models.CharField(_("寄送方式"), max_length=20, choices=Method.choices, default=Method.EMS)
    tracking_number = models.CharField(_("EMS/快递单号"), max_length=40, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True, validators=[validate_past_date])
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = _("律师函")
        verbose_name_plural = _("律师函")
        constraints = [models.CheckConstraint(condition=Q(delivered_on__isnull=True)
                                              | Q(delivered_on__gte=models.F("sent_on")),
                                              name="letter_delivered_after_sent")]

    def __str__(self):
        return f"律师函 {self.letter_number or self.sent_on}"


class Negotiation(models.Model):
    """谈判: a meeting, call or offer."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("会谈")
        DEBTOR_OFFER = "debtor_offer", _("债务人方案")
        CLIENT_OFFER = "client_offer", _("委托人方案")
        OTHER = "other", _("其他")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="negotiations")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    occurred_on = models.DateField(_("日期"), validators=[validate_past_date])
    participants = models.CharField(_("参加人"), max_length=300, blank=True)
    summary = models.TextField(_("内容"))
    offered_amount = models.DecimalField(_("方案金额"), null=True, blank=True, **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("谈判记录")
        verbose_name_plural = _("谈判记录")

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"


class RepaymentAgreement(models.Model):
    """还款协议: signing is the debtor agreeing to pay, so it interrupts limitation."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="repayment_agreements")
    signed_on = models.DateField(_("签订日期"), validators=[validate_past_date])
    total_amount = models.DecimalField(_("协议还款总额"), **MONEY)
    acceleration = models.BooleanField(_("逾期一期即全部到期"), default=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("还款协议")
        verbose_name_plural = _("还款协议")
        constraints = [models.CheckConstraint(condition=Q(total_amount__gt=0), name="agreement_total_positive")]

    def __str__(self):
        return f"还款协议 {self.signed_on}"


class Instalment(models.Model):
    agreement = models.ForeignKey(RepaymentAgreement, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("期数"))
    due_on = models.DateField(_("应还日期"), validators=[validate_legal_date])
    amount = models.DecimalField(_("金额"), **MONEY)

    class Meta:
        ordering = ["agreement_id", "number"]
        verbose_name = _("分期")
        verbose_name_plural = _("分期")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="instalment_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_amount_positive"),
        ]

    def __str__(self):
        return f"第{self.number}期 {self.due_on} {self.amount}"


class Preservation(models.Model):
    """保全: a court's preservation ruling; after a pre-suit one, suit must be filed within 30 days."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="preservations")
    court = models.CharField(_("法院"), max_length=100)
    ruling_number = models.CharField(_("裁定书案号"), max_length=60, blank=True)
    pre_suit = models.BooleanField(_("诉前保全"), default=False)
    applied_on = models.DateField(_("申请日期"), null=True, blank=True, validators=[validate_past_date])
    ruling_on = models.DateField(_("裁定/采取措施日期"), null=True, blank=True, validators=[validate_past_date])
    amount = models.DecimalField(_("申请保全金额"), null=True, blank=True, **MONEY)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("保全")
        verbose_name_plural = _("保全")

    def __str__(self):
        return f"{self.court} {self.ruling_number}".strip()


class FrozenAsset(models.Model):
    """A frozen or seized asset. The expiry (renewal deadline) follows from the kind: 1/2/3 years."""

    class Kind(models.TextChoices):
        BANK_DEPOSIT = "bank_deposit", _("银行存款")
        MOVABLE = "movable", _("动产")
        REAL_ESTATE = "real_estate", _("不动产及其他财产权")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="frozen_assets")
    preservation = models.ForeignKey(Preservation, on_delete=models.CASCADE, related_name="frozen_assets",
                                     verbose_name=_("保全"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("财产"), max_length=300)
    amount = models.DecimalField(_("金额/价值"), null=True, blank=True, **MONEY)
    frozen_on = models.DateField(_("冻结/查封日期"), validators=[validate_past_date])
    # A renewal (续行冻结/查封) starts a new period of the same length from this day.
    renewed_on = models.DateField(_("续封日期"), null=True, blank=True, validators=[validate_past_date])
    released_on = models.DateField(_("解除日期"), null=True, blank=True, validators=[validate_past_date])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["frozen_on", "id"]
        verbose_name = _("冻结/查封财产")
        verbose_name_plural = _("冻结/查封财产")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.description}"


class Lawsuit(models.Model):
    """诉讼: filing interrupts limitation; a served judgment starts the appeal period, its performance date
    the enforcement application period."""

    class Instance(models.TextChoices):
        FIRST = "first", _("一审")
        SECOND = "second", _("二审")
        RETRIAL = "retrial", _("再审")

    class Decision(models.TextChoices):
        NONE = "", _("尚未结案")
        JUDGMENT = "judgment", _("判决")
        MEDIATION = "mediation", _("调解")
        RULING = "ruling", _("裁定")
        WITHDRAWN = "withdrawn", _("撤诉")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="lawsuits")
    instance = models.CharField(_("审级"), max_length=10, choices=Instance.choices, default=Instance.FIRST)
    court = models.CharField(_("法院"), max_length=100)
    case_number = models.CharField(_("案号"), max_length=60, blank=True)
    filed_on = models.DateField(_("立案/起诉日期"), null=True, blank=True, validators=[validate_past_date])
    claimed_amount = models.DecimalField(_("诉讼请求金额"), null=True, blank=True, **MONEY)
    decision = models.CharField(_("结案方式"), max_length=12, choices=Decision.choices, blank=True, default="")
    decided_on = models.DateField(_("裁判/调解日期"), null=True, blank=True, validators=[validate_past_date])
    awarded_amount = models.DecimalField(_("判决/调解金额"), null=True, blank=True, **MONEY)
    served_on = models.DateField(_("送达日期"), null=True, blank=True, validators=[validate_past_date])
    performance_due_on = models.DateField(_("履行期限最后一日"), null=True, blank=True,
                                          validators=[validate_legal_date])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("诉讼")
        verbose_name_plural = _("诉讼")

    def __str__(self):
        return f"{self.court} {self.case_number}".strip()


class Hearing(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="hearings")
    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("诉讼"))
    held_on = models.DateField(_("开庭日期"), validators=[validate_legal_date])
    time = models.TimeField(_("时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")

    def __str__(self):
        return f"开庭 {self.held_on}"


class Enforcement(models.Model):
    """执行: the application must be made within 2 years of the judgment's last day of performance."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="enforcements")
    court = models.CharField(_("执行法院"), max_length=100)
    case_number = models.CharField(_("执行案号"), max_length=60, blank=True)
    applied_on = models.DateField(_("申请执行日期"), null=True, blank=True, validators=[validate_past_date])
    amount_applied = models.DecimalField(_("申请执行金额"), null=True, blank=True, **MONEY)
    amount_enforced = models.DecimalField(_("已执行到位金额"), default=ZERO, **MONEY)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("执行")
        verbose_name_plural = _("执行")

    def __str__(self):
        return f"{self.court} {self.case_number}".strip()


class WriteOff(models.Model):
    """核销依据: the legal documents that prove the debt uncollectable."""

    class Basis(models.TextChoices):
        TERMINATION_RULING = "termination_ruling", _("终结本次执行程序裁定")
        BANKRUPTCY = "bankruptcy", _("破产裁定")
        DEREGISTRATION = "deregistration", _("注销登记")
        OTHER = "other", _("其他")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="write_offs")
    basis = models.CharField(_("依据类型"), max_length=20, choices=Basis.choices)
    basis_date = models.DateField(_("依据日期"), null=True, blank=True, validators=[validate_past_date])
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    documents = models.ManyToManyField(EvidenceFile, blank=True, related_name="+", verbose_name=_("文件"))
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("核销依据")
        verbose_name_plural = _("核销依据")

    def __str__(self):
        return f"{self.get_basis_display()} {self.document_number}".strip()


# --- Timeline ---------------------------------------------------------------------------------------------


class TimelineKind(models.TextChoices):
    MATTER_CREATED = "matter_created", _("立案")
    MATTER_UPDATED = "matter_updated", _("修改案件")
    STAGE_CHANGED = "stage_changed", _("变更阶段")
    OUTCOME_SET = "outcome_set", _("结案")
    REOPENED = "reopened", _("重新打开")
    WORKLOG = "worklog", _("催收记录")
    PAYMENT = "payment", _("回款")
    EVIDENCE = "evidence", _("证据文件")
    DOCUMENT = "document", _("文书")
    RECORD_ADDED = "record_added", _("新增记录")
    RECORD_CHANGED = "record_changed", _("修改记录")
    RECORD_REMOVED = "record_removed", _("删除记录")


class TimelineEvent(models.Model):
    """One entry of a matter's history, written by the service in the same transaction as the change."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="timeline_events")
    kind = models.CharField(_("类型"), max_length=20, choices=TimelineKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    # The business date of what happened (the payment's date, the call's date …), when it has one.
    on_date = models.DateField(_("日期"), null=True, blank=True)
    summary = models.CharField(_("摘要"), max_length=300)
    from_stage = models.CharField(_("原阶段"), max_length=20, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=20, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    record_type = models.CharField(max_length=40, blank=True)
    record_id = models.BigIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("时间线事件")
        verbose_name_plural = _("时间线事件")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.summary}"


# --- Data version ---------------------------------------------------------------------------------------------


class DataVersion(models.Model):
    """One row per firm: a token that changes whenever a transaction that changed the firm's matters data
    (any ``matters_*`` table, or its people) commits. Database triggers change it (migration 0004), so no
    write can forget to, bulk and raw ones included; pages cache their rendering under it (matters/cache.py).
    """

    token = models.UUIDField()
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
