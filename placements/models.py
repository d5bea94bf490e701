"""Bulk placement imports: one uploaded file of debts for one mandate, its rows, and the matters they created.

A row that created a matter keeps its fingerprint (mandate, debtor identifier, contract number or principal and
due date); the database allows each fingerprint on at most one such row, so importing the same debt again can
never create a second matter, even from two imports confirmed at the same moment.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matters.models import Mandate, Matter


class PlacementImport(models.Model):
    """One uploaded file: previewed on upload, then confirmed (which creates the matters of its valid rows)."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("待确认")
        CONFIRMED = "confirmed", _("已导入")

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="placement_imports",
                                verbose_name=_("委托"))
    original_name = models.CharField(_("文件名"), max_length=255)
    file_kind = models.CharField(_("文件类型"), max_length=10)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.PositiveBigIntegerField(_("大小（字节）"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PREVIEWED)
    total_rows = models.PositiveIntegerField(_("数据行"), default=0)
    valid_rows = models.PositiveIntegerField(_("可导入"), default=0)
    error_rows = models.PositiveIntegerField(_("有错误"), default=0)
    imported_rows = models.PositiveIntegerField(_("此前已导入"), default=0)
    created_rows = models.PositiveIntegerField(_("已创建案件"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("上传人"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("确认人"))
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("批量导入")
        verbose_name_plural = _("批量导入")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["previewed", "confirmed"]),
                                   name="placement_import_status_valid"),
            models.CheckConstraint(condition=Q(status="previewed") | Q(confirmed_at__isnull=False),
                                   name="placement_import_confirmed_has_time"),
        ]

    def __str__(self):
        return f"{self.original_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.original_name


class PlacementRow(models.Model):
    """One data row of an import, with its problems; ``matter`` once the row created one."""

    class Status(models.TextChoices):
        VALID = "valid", _("可导入")
        ERROR = "error", _("有错误")
        IMPORTED = "imported", _("已导入")
        CREATED = "created", _("已创建")

    placement_import = models.ForeignKey(PlacementImport, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("行号"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    values = models.JSONField(_("原始内容"), default=dict)  # {column key: the cell as text}
    cleaned = models.JSONField(default=dict)  # normalised values (see placements.rows.clean_row)
    problems = models.JSONField(default=list)  # [{"field", "code", "params"}], blocking
    notices = models.JSONField(default=list)  # same shape, informative only
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    matter = models.ForeignKey(Matter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("案件"))

    class Meta:
        ordering = ["placement_import", "line"]
        verbose_name = _("导入行")
        verbose_name_plural = _("导入行")
        constraints = [
            models.UniqueConstraint(fields=["placement_import", "line"], name="placement_row_line_unique"),
            # The idempotency ledger: one created matter per fingerprint, ever.
            models.UniqueConstraint(fields=["fingerprint"], condition=Q(matter__isnull=False),
                                    name="placement_row_fingerprint_created_once"),
            models.CheckConstraint(condition=Q(status__in=["valid", "error", "imported", "created"]),
                                   name="placement_row_status_valid"),
        ]

    def __str__(self):
        return f"{self.placement_import_id}:{self.line}"
