"""The everyday work on a matter: its evidence files and the log of contacts with the debtor side."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import validate_legal_date, validate_past_date
from matters.models.amounts import MONEY
from matters.models.matters import Matter


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
    # What the evidence list of a filing says of it; blank purpose: the category's usual purpose.
    source = models.CharField(_("证据来源"), max_length=100, blank=True)
    purpose = models.CharField(_("证明目的"), max_length=300, blank=True)
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
        # 诉讼时效规定第十四条: the debtor agreeing to perform, in any of these forms.
        SECURITY_OFFERED = "security_offered", _("债务人提供担保")
        EXTENSION_REQUESTED = "extension_requested", _("债务人请求延期履行")

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
