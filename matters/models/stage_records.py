"""The records of each stage of a matter: asset leads, demand letters, negotiations, repayment agreements and
their instalments, preservations and frozen assets, lawsuits (in court or in arbitration) and hearings,
enforcement, write-off bases; other_roads.py holds the rest. matters/records.py is their registry."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.models.amounts import MONEY, ZERO
from matters.models.matters import Forum, Matter
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
    # Blank: the debtor. A guarantor of the matter: a demand under the guarantee (a delivered one keeps a joint
    # guarantee alive, 民法典第六百九十三条) which does not interrupt limitation against the debtor.
    recipient = models.ForeignKey("matters.Debtor", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("收函人（担保人）"))
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
    # The security (诉讼财产保全责任保险): a pre-suit application must name it (民事诉讼法第一百零四条).
    insurer = models.CharField(_("担保保险公司"), max_length=100, blank=True)
    policy_number = models.CharField(_("保函/保单号"), max_length=60, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("保全")
        verbose_name_plural = _("保全")

    def __str__(self):
        return f"{self.court} {self.ruling_number}".strip()


class FrozenAsset(models.Model):
    """A frozen or seized asset. Its period ends on the day the court's notice states (``expires_on``), or,
    when that is not entered, 1/2/3 years by kind counting the first day; renewal must be applied for 7 days
    before (matters/deadlines.py)."""

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
    expires_on = models.DateField(_("期限届满日"), null=True, blank=True, validators=[validate_legal_date],
                                  help_text=_("按法院通知书载明的截止日填写；不填则按起始日推算。"))
    # A renewal (续行冻结/查封) starts a new period of the same length from this day.
    renewed_on = models.DateField(_("续封日期"), null=True, blank=True, validators=[validate_past_date])
    renewal_expires_on = models.DateField(_("续封期限届满日"), null=True, blank=True,
                                          validators=[validate_legal_date],
                                          help_text=_("按续行冻结/查封通知书载明的截止日填写；不填则按续封日期推算。"))
    released_on = models.DateField(_("解除日期"), null=True, blank=True, validators=[validate_past_date])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["frozen_on", "id"]
        verbose_name = _("冻结/查封财产")
        verbose_name_plural = _("冻结/查封财产")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.description}"


class Lawsuit(models.Model):
    """诉讼 or 仲裁: filing interrupts limitation; a served judgment starts the appeal period, its performance date
    the enforcement application period. In arbitration ``court`` holds the commission and ``case_number`` the
    arbitration case number; an award (裁决) is final when made (仲裁法 第九条、第五十七条), so it has no appeal
    period and only one instance."""

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
        AWARD = "award", _("裁决")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="lawsuits")
    forum = models.CharField(_("审理机构"), max_length=12, choices=Forum.choices, default=Forum.COURT)
    instance = models.CharField(_("审级"), max_length=10, choices=Instance.choices, default=Instance.FIRST)
    court = models.CharField(_("法院"), max_length=100)
    case_number = models.CharField(_("案号"), max_length=60, blank=True)
    filed_on = models.DateField(_("立案/起诉日期"), null=True, blank=True, validators=[validate_past_date])
    claimed_amount = models.DecimalField(_("诉讼请求金额"), null=True, blank=True, **MONEY)
    decision = models.CharField(_("结案方式"), max_length=12, choices=Decision.choices, blank=True, default="")
    decided_on = models.DateField(_("裁判/调解日期"), null=True, blank=True, validators=[validate_past_date])
    # The total the decision awards; when its parts below are entered it is their sum.
    awarded_amount = models.DecimalField(_("判决/调解金额"), null=True, blank=True, **MONEY,
                                         help_text=_("填写了判决本金、利息和费用时，为三者之和。"))
    judgment_text = models.TextField(_("判决主文"), blank=True,
                                     help_text=_("照录裁判文书的判决主文（“判决如下”之后的各项）。"))
    awarded_principal = models.DecimalField(_("判决本金"), null=True, blank=True, **MONEY)
    awarded_interest = models.DecimalField(_("判决利息"), null=True, blank=True, **MONEY,
                                           help_text=_("判决确定的、计至判决（或某一日期）的利息、违约金。"))
    interest_awarded_to = models.DateField(_("判决利息计至"), null=True, blank=True,
                                           validators=[validate_legal_date])
    interest_continues = models.BooleanField(
        _("判决支持利息计至实际清偿之日"), default=False,
        help_text=_("勾选后，判决利息计至日之后按合同约定的利率继续以未付本金为基数计息。"))
    awarded_costs = models.DecimalField(_("被告负担的诉讼费用"), null=True, blank=True, **MONEY,
                                        help_text=_("受理费、保全费等由被告负担的费用。"))
    served_on = models.DateField(_("送达日期"), null=True, blank=True, validators=[validate_past_date])
    performance_days = models.PositiveSmallIntegerField(
        _("履行期限（日）"), null=True, blank=True,
        help_text=_("按判决所写，如“本判决生效之日起十日内”填 10；立即履行填 0。"))
    effective_on = models.DateField(_("生效日期"), null=True, blank=True, validators=[validate_legal_date],
                                    help_text=_("不填则按送达日期和上诉期计算；调解书送达即生效。"))
    performance_due_on = models.DateField(_("履行期限最后一日"), null=True, blank=True,
                                          validators=[validate_legal_date],
                                          help_text=_("不填则按生效日期和履行期限计算。"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("诉讼")
        verbose_name_plural = _("诉讼")
        constraints = [
            models.CheckConstraint(condition=Q(decided_on__isnull=True) | Q(filed_on__isnull=True)
                                   | Q(decided_on__gte=models.F("filed_on")), name="lawsuit_decided_after_filed"),
            models.CheckConstraint(condition=Q(served_on__isnull=True) | Q(decided_on__isnull=True)
                                   | Q(served_on__gte=models.F("decided_on")), name="lawsuit_served_after_decided"),
            models.CheckConstraint(condition=Q(effective_on__isnull=True) | Q(served_on__isnull=True)
                                   | Q(effective_on__gte=models.F("served_on")),
                                   name="lawsuit_effective_after_served"),
            models.CheckConstraint(condition=Q(performance_due_on__isnull=True) | Q(effective_on__isnull=True)
                                   | Q(performance_due_on__gte=models.F("effective_on")),
                                   name="lawsuit_performance_after_effective"),
            models.CheckConstraint(condition=Q(awarded_principal__isnull=True) | Q(awarded_principal__gte=0),
                                   name="lawsuit_awarded_principal_not_negative"),
            models.CheckConstraint(condition=Q(awarded_interest__isnull=True) | Q(awarded_interest__gte=0),
                                   name="lawsuit_awarded_interest_not_negative"),
            models.CheckConstraint(condition=Q(awarded_costs__isnull=True) | Q(awarded_costs__gte=0),
                                   name="lawsuit_awarded_costs_not_negative"),
        ]

    def __str__(self):
        return f"{self.court} {self.case_number}".strip()

    @property
    def decides(self) -> bool:
        """Whether the record is a decision that can be performed and enforced (not a withdrawn suit)."""
        return self.decision in (self.Decision.JUDGMENT, self.Decision.RULING, self.Decision.MEDIATION,
                                 self.Decision.AWARD)

    @property
    def has_awarded_figures(self) -> bool:
        return self.awarded_principal is not None

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
    # The proceedings end (执行完毕、终结执行、终结本次执行程序): limitation, interrupted by the application,
    # restarts from this day (民法典第一百九十五条).
    ended_on = models.DateField(_("执行终结/终本日期"), null=True, blank=True, validators=[validate_past_date])
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
