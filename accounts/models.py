from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTNER = "partner", _("合伙人")
    LAWYER = "lawyer", _("律师")
    PARALEGAL = "paralegal", _("律师助理")
    FINANCE = "finance", _("财务")
    CLIENT = "client", _("委托方用户")


FIRM_STAFF_ROLES = frozenset({Role.PARTNER, Role.LAWYER, Role.PARALEGAL, Role.FINANCE})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. In a firm's schema: the firm's people and its client users.
    In the public schema: the platform's own staff."""

    # Stored lower-cased (see save), so a plain unique constraint is case-insensitive in practice.
    email = models.EmailField(_("电子邮箱"), unique=True)
    name = models.CharField(_("姓名"), max_length=100)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    is_staff = models.BooleanField(_("平台管理员"), default=False)
    date_joined = models.DateTimeField(_("加入时间"), default=timezone.now)
    # 律师执业证号: printed on the power of attorney that names this lawyer as agent.
    practice_certificate_number = models.CharField(_("执业证号"), max_length=17, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[*Role.values, ""]), name="user_role_valid"
            ),
        ]

    def __str__(self):
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_firm_staff(self) -> bool:
        return self.role in FIRM_STAFF_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER


class Invitation(models.Model):
    """An e-mailed link that lets someone join the firm with a given role until it expires."""

    email = models.EmailField(_("电子邮箱"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    # Only a hash is stored: a leaked database does not leak usable invitation links.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(role__in=Role.values), name="invitation_role_valid")]

    def __str__(self):
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class AuditAction(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKED_OUT = "locked_out", _("账户锁定")
    LOGOUT = "logout", _("退出")
    INVITATION_SENT = "invitation_sent", _("发出邀请")
    INVITATION_ACCEPTED = "invitation_accepted", _("接受邀请")
    INVITATION_REVOKED = "invitation_revoked", _("撤回邀请")
    ROLE_CHANGED = "role_changed", _("变更角色")
    PERSON_DEACTIVATED = "person_deactivated", _("停用人员")
    PERSON_REACTIVATED = "person_reactivated", _("恢复人员")
    PRACTICE_CERTIFICATE_CHANGED = "practice_certificate_changed", _("修改执业证号")
    PASSWORD_RESET = "password_reset", _("重置密码")
    FIRM_SETTINGS_CHANGED = "firm_settings_changed", _("修改律所设置")
    FIRM_CREATED = "firm_created", _("创建律所")
    CLIENT_USER_LINKED = "client_user_linked", _("委托方用户关联")
    CLIENT_CHANGED = "client_changed", _("修改委托人")
    DEBTOR_CHANGED = "debtor_changed", _("修改债务人")
    MANDATE_CHANGED = "mandate_changed", _("修改委托")
    PAYMENT_REVERSED = "payment_reversed", _("冲销回款")
    DOCUMENT_SHARED = "document_shared", _("与委托人共享文书")
    DOCUMENT_UNSHARED = "document_unshared", _("取消共享文书")
    TEMPLATE_ACTIVATED = "template_activated", _("启用文书模板")


class AuditEvent(models.Model):
    """Who did what to whom, and when. Written in the same transaction as the change it records."""

    action = models.CharField(_("操作"), max_length=40, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text as well, so the record survives and still reads right if the person is later removed.
    actor_email = models.CharField(_("操作人"), max_length=254, blank=True)
    target = models.CharField(_("对象"), max_length=254, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"
