"""The records of each stage of a matter: asset leads, demand letters, negotiations, repayment agreements and
their instalments, preservations and frozen assets, lawsuits and hearings, enforcement, write-off bases.
matters/records.py is their registry."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.models.amounts import MONEY, ZERO
from matters.models.matters import Matter
from matters.models.work import EvidenceFile


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
    # Blank while the letter is generated but not yet sent: only a letter sent (and delivered) counts.
    sent_on = models.DateField(_("发出日期"), null=True, blank=True, validators=[validate_past_date])
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
                                              | Q(sent_on__isnull=False, delivered_on__gte=models.F("sent_on")),
                                              name="letter_delivered_after_sent")]

    def __str__(self):
        return f"律师函 {self.letter_number or self.sent_on or ''}".strip()

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None


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
    # What the creditor accepts in full settlement when it is less than the debt confirmed at signing; the
    # rest is waived on full and timely performance.
    compromise_amount = models.DecimalField(_("和解金额"), null=True, blank=True, help_text=_(
        "委托人同意减免部分欠款时填写：债务人按期足额支付该金额即视为清偿，其余部分予以减免。"), **MONEY)
    acceleration = models.BooleanField(_("逾期一期即全部到期"), default=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("还款协议")
        verbose_name_plural = _("还款协议")
        constraints = [
            models.CheckConstraint(condition=Q(total_amount__gt=0), name="agreement_total_positive"),
            models.CheckConstraint(condition=Q(compromise_amount__isnull=True) | Q(compromise_amount__gt=0),
                                   name="agreement_compromise_positive"),
        ]

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
