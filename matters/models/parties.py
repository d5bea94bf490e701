"""The parties: clients (委托人) with their contacts and portal users, and debtors (债务人, also 担保人)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from matters.validators import validate_uscc


class Client(models.Model):
    """委托人: a company that hands its receivables to the firm."""

    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    legal_representative_title = models.CharField(_("法定代表人职务"), max_length=50, blank=True)
    # 持牌金融机构: its loans are 金融借款合同纠纷; any other lender's are 民间借贷纠纷 (民事案件案由规定).
    is_financial_institution = models.BooleanField(_("持牌金融机构"), default=False)
    address = models.CharField(_("住所"), max_length=300, blank=True)
    # The creditor's own account, printed on a bankruptcy claim for the administrator's distributions.
    bank_name = models.CharField(_("开户银行"), max_length=100, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=40, blank=True)
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

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(_("名称/姓名"), max_length=200)
    # 统一社会信用代码 for a company, 居民身份证号 for a person; validated by the service by kind.
    id_number = models.CharField(_("证件号码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=100, blank=True)
    # A person's particulars as a complaint states them; derived from a valid 居民身份证号 when left blank.
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True)
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
