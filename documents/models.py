"""The document store, the firm's own templates, and the demand-letter number sequence.

- :class:`GeneratedDocument`: every document of a matter, generated from a template or uploaded by a person,
  with kind, version (per matter and kind), author, time, the template version it came from, and whether it is
  shared with the client. Files sit in the tenant's storage and are only ever streamed by access-checked views.
- :class:`DocumentTemplate`: a firm's edited version of a built-in template (docxtpl/Jinja placeholders). Only
  templates that passed validation are stored; the newest active one of a kind overrides the built-in one.
- :class:`LetterCounter`: the last 律师函 number of a year, locked (SELECT … FOR UPDATE) by the generating
  transaction, so numbers have no gaps.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    DEMAND_LETTER = "demand_letter", _("律师函")
    COMPLAINT = "complaint", _("民事起诉状")
    PRESERVATION_APPLICATION = "preservation_application", _("财产保全申请书")
    ENFORCEMENT_APPLICATION = "enforcement_application", _("强制执行申请书")
    PAYMENT_ORDER_APPLICATION = "payment_order_application", _("支付令申请书")
    ARBITRATION_APPLICATION = "arbitration_application", _("仲裁申请书")
    POWER_OF_ATTORNEY = "power_of_attorney", _("授权委托书")
    REPAYMENT_AGREEMENT = "repayment_agreement", _("还款协议")
    ENGAGEMENT_CONTRACT = "engagement_contract", _("委托代理合同")
    BANKRUPTCY_CLAIM = "bankruptcy_claim", _("债权申报书")
    RISK_AGENCY_CONTRACT = "risk_agency_contract", _("风险代理合同")
    MATTER_SUMMARY = "matter_summary", _("案件摘要")
    WRITE_OFF_DOSSIER = "write_off_dossier", _("核销依据材料包")
    CREDIT_REPORT = "credit_report", _("资信调查报告")
    UPLOADED = "uploaded", _("上传文件")


# The kinds generated from .docx templates (built-in or firm-edited).
TEMPLATE_KINDS: tuple[str, ...] = (
    DocumentKind.DEMAND_LETTER, DocumentKind.COMPLAINT, DocumentKind.PRESERVATION_APPLICATION,
    DocumentKind.ENFORCEMENT_APPLICATION, DocumentKind.POWER_OF_ATTORNEY, DocumentKind.REPAYMENT_AGREEMENT,
    DocumentKind.ENGAGEMENT_CONTRACT, DocumentKind.RISK_AGENCY_CONTRACT, DocumentKind.PAYMENT_ORDER_APPLICATION,
    DocumentKind.ARBITRATION_APPLICATION, DocumentKind.BANKRUPTCY_CLAIM,
)
TEMPLATE_KIND_CHOICES = [(kind, DocumentKind(kind).label) for kind in TEMPLATE_KINDS]
# What a person can have generated for a matter: the template kinds, the summary and credit report PDFs and the
# dossier ZIP.
GENERATABLE: tuple[str, ...] = (*TEMPLATE_KINDS, DocumentKind.MATTER_SUMMARY, DocumentKind.CREDIT_REPORT,
                                DocumentKind.WRITE_OFF_DOSSIER)


def document_upload_to(instance, filename):
    # Never the uploader's name: the service passes a generated one.
    return f"documents/{instance.matter_id}/{filename}"


def template_upload_to(instance, filename):
    return f"document-templates/{instance.kind}/{filename}"


class DocumentTemplate(models.Model):
    """A firm's version of a template kind. Stored only after it passed validation."""

    kind = models.CharField(_("文书类型"), max_length=30, choices=TEMPLATE_KIND_CHOICES)
    version = models.PositiveIntegerField(_("版本"))
    file = models.FileField(_("模板文件"), upload_to=template_upload_to, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    variables = models.JSONField(_("使用的变量"), default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="document_template_version_unique"),
            models.UniqueConstraint(fields=["kind"], condition=Q(is_active=True),
                                    name="document_template_one_active_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def label(self) -> str:
        return f"firm:{self.kind}@v{self.version}"


class GeneratedDocument(models.Model):
    """A document of a matter: generated (from a template, or a PDF/ZIP built here) or uploaded."""

    class Source(models.TextChoices):
        GENERATED = "generated", _("系统生成")
        UPLOADED = "uploaded", _("上传")

    matter = models.ForeignKey("matters.Matter", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书类型"), max_length=30, choices=DocumentKind.choices)
    version = models.PositiveIntegerField(_("版本"))
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.GENERATED)
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    file = models.FileField(_("文件"), upload_to=document_upload_to, max_length=300)
    filename = models.CharField(_("下载文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=120)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    # Where a generated document came from: "builtin:<kind>@<n>" or "firm:<kind>@v<n>" (and the row).
    template_version = models.CharField(_("模板版本"), max_length=80, blank=True)
    template = models.ForeignKey(DocumentTemplate, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="documents")
    shared_with_client = models.BooleanField(_("与委托人共享"), default=False)
    # A generated 律师函 and its entry in the matter's letters register: the letter on record is this file.
    demand_letter = models.OneToOneField("matters.DemandLetter", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="document", verbose_name=_("律师函登记"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(_("制作人"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        constraints = [
            models.UniqueConstraint(fields=["matter", "kind", "version"], name="document_version_unique"),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"


class LetterCounter(models.Model):
    """The last 律师函 number used in a year (per firm: the table lives in the firm's schema)."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"
