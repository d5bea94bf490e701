"""Matters (案件): the recovery of one debt, its number sequence, its claim terms and its timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.models.amounts import MONEY, ZERO
from matters.models.mandates import Mandate
from matters.models.parties import Debtor
from matters.stages import Outcome, Stage
from rules.rates import SALE_MARKUP_MAX, SALE_MARKUP_MIN


class Cause(models.TextChoices):
    """Causes of action of a debt matter (codes as in rules.risk_fees.CAUSE_LABELS)."""

    SALE = "sale", _("买卖合同纠纷")
    LOAN = "loan", _("借款合同纠纷")
    CONSTRUCTION = "construction", _("建设工程合同纠纷")
    LEASE = "lease", _("租赁合同纠纷")
    SERVICE = "service", _("服务合同纠纷")
    OTHER = "other", _("其他纠纷")


class Forum(models.TextChoices):
    """Where a claim is decided: a court, or the arbitration commission that the contract names (仲裁法 第五条)."""

    COURT = "court", _("法院")
    ARBITRATION = "arbitration", _("仲裁")


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
    # A sale with no agreed penalty: the LPR in force at the breach plus 30–50%, fixed (买卖合同解释第十八条第四款).
    SALE_LPR_MARKUP = "sale_lpr_markup", _("LPR加计30%–50%（买卖合同解释第十八条）")


class Matter(models.Model):
    """案件: the recovery of one debt from one debtor (and its guarantors)."""

    reference = models.CharField(_("案件编号"), max_length=20, unique=True)
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="matters", verbose_name=_("委托"))
    debtor = models.ForeignKey(Debtor, on_delete=models.PROTECT, related_name="matters", verbose_name=_("债务人"))
    # Each guarantor's terms (kind, period, contract) are on its Guarantee, the through row.
    guarantors = models.ManyToManyField(Debtor, blank=True, related_name="guaranteed_matters",
                                        through="Guarantee", verbose_name=_("担保人"))
    cause = models.CharField(_("案由"), max_length=20, choices=Cause.choices, default=Cause.SALE)
    description = models.TextField(_("案情摘要"), blank=True)
    # A valid arbitration agreement excludes the courts (仲裁法 第五条): such a matter is decided by the
    # commission that the contract names, and its filings are an arbitration application, not a complaint.
    dispute_resolution = models.CharField(_("争议解决方式"), max_length=12, choices=Forum.choices,
                                          default=Forum.COURT)
    arbitration_commission = models.CharField(_("仲裁委员会"), max_length=100, blank=True)
    # The claim.
    principal = models.DecimalField(_("本金"), **MONEY)
    costs = models.DecimalField(_("费用"), default=ZERO, **MONEY)
    interest_type = models.CharField(_("利息/违约金"), max_length=20, choices=InterestType.choices,
                                     default=InterestType.NONE)
    interest_rate = models.DecimalField(_("年利率（%）"), max_digits=7, decimal_places=4, null=True, blank=True)
    lpr_multiplier = models.DecimalField(_("LPR 倍数"), max_digits=6, decimal_places=3, null=True, blank=True)
    lpr_markup = models.DecimalField(_("LPR 上浮比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True)
    # Null: 同期 LPR (each period at the rate then in force); a date: the LPR of that date for the whole period.
    lpr_fixed_on = models.DateField(_("LPR 确定日"), null=True, blank=True, validators=[validate_legal_date])
    interest_from = models.DateField(_("计息起算日"), null=True, blank=True, validators=[validate_legal_date])
    due_date = models.DateField(_("履行期限届满日"), validators=[validate_legal_date])
    # The contract's dispute-resolution clause as the complaint states it; blank: the statutory jurisdiction.
    jurisdiction_clause = models.TextField(_("管辖约定"), blank=True)
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
            models.CheckConstraint(condition=Q(dispute_resolution__in=Forum.values),
                                   name="matter_dispute_resolution_valid"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="matter_outcome_valid"),
            models.CheckConstraint(condition=Q(interest_type="none")
                                   | Q(interest_type="fixed", interest_rate__isnull=False)
                                   | Q(interest_type="lpr", lpr_multiplier__isnull=False)
                                   | Q(interest_type="sale_lpr_markup", lpr_markup__isnull=False, lpr_markup__gte=SALE_MARKUP_MIN,
                                       lpr_markup__lte=SALE_MARKUP_MAX),
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


# --- Guarantees -------------------------------------------------------------------------------------------


class GuaranteeKind(models.TextChoices):
    """民法典第六百八十六条: a contract that does not say, or says unclearly, gives a general guarantee."""

    GENERAL = "general", _("一般保证")
    JOINT = "joint", _("连带责任保证")


class Guarantee(models.Model):
    """保证: one guarantor of a matter's debt, the kind and period of the guarantee, and when the creditor
    claimed under it. rules/guarantees.py says what follows (the period's end, whether it was kept alive)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="guarantees")
    debtor = models.ForeignKey(Debtor, on_delete=models.CASCADE, related_name="guarantees",
                               verbose_name=_("保证人"))
    kind = models.CharField(_("保证方式"), max_length=10, choices=GuaranteeKind.choices,
                            default=GuaranteeKind.GENERAL)
    contract = models.ForeignKey("matters.EvidenceFile", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("保证合同"))
    # Blank: six months from the main debt's due date (民法典第六百九十二条), as is an end no later than it.
    period_ends_on = models.DateField(_("约定的保证期间届满日"), null=True, blank=True,
                                      validators=[validate_legal_date])
    # The creditor's claim within the period, where the records do not show it: a demand on a joint guarantor
    # (by other means than a recorded letter, or a suit naming the guarantor), a suit or arbitration against the
    # debtor for a general one.
    demanded_on = models.DateField(_("主张保证责任日期"), null=True, blank=True, validators=[validate_past_date])

    class Meta:
        db_table = "matters_matter_guarantors"  # the table of the plain many-to-many it replaced
        ordering = ["id"]
        unique_together = [("matter", "debtor")]
        verbose_name = _("保证")
        verbose_name_plural = _("保证")
        constraints = [models.CheckConstraint(condition=Q(kind__in=["general", "joint"]),
                                              name="guarantee_kind_valid")]

    def __str__(self):
        return f"{self.debtor.name}（{self.get_kind_display()}）"

    @property
    def is_joint(self) -> bool:
        return self.kind == GuaranteeKind.JOINT


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
