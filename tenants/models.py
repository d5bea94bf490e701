from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django_tenants.clone import CloneSchema
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import get_creation_fakes_migrations, get_public_schema_name, schema_exists


class FirmQuerySet(models.QuerySet):
    def firms(self):
        """Real law firms: neither the platform's public schema nor the template that firms are cloned from."""
        return self.exclude(schema_name__in=[get_public_schema_name(), settings.TENANT_BASE_SCHEMA])


class Firm(TenantMixin):
    """A law firm: one tenant with its own PostgreSQL schema."""

    slug = models.SlugField(_("子域名"), max_length=30, unique=True)
    name = models.CharField(_("律所名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    bank_name = models.CharField(_("开户银行"), max_length=100, blank=True)
    bank_account_name = models.CharField(_("账户名称"), max_length=100, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=40, blank=True)
    letterhead_subtitle = models.CharField(
        _("信笺副标题"), max_length=100, blank=True, help_text=_("例如英文名称，印在文书抬头律所名称之下。")
    )
    letterhead_footer = models.CharField(
        _("信笺页脚"), max_length=200, blank=True, help_text=_("例如地址、电话和网址，印在每页底部。")
    )
    letter_number_prefix = models.CharField(
        _("律师函函号字样"), max_length=20, blank=True,
        help_text=_("例如“清律函字”，函号印作〔2026〕清律函字第0012号；不填则取律所名称的第一个字加“律函字”。"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    auto_create_schema = True
    # A firm deleted through the ORM takes its schema with it; provisioning relies on this to undo a failure.
    auto_drop_schema = True

    objects = FirmQuerySet.as_manager()

    class Meta:
        verbose_name = _("律师事务所")
        verbose_name_plural = _("律师事务所")

    def __str__(self):
        return self.name

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clones the template schema, migration records included, and stops there.

        django-tenants would then run `migrate_schemas --fake`, which costs a full migration-graph load
        per firm and, worse, would mark migrations missing from a stale template as applied without
        running them. Without it, a stale clone shows its unapplied migrations to the next migrate.
        """
        base_schema = self.get_base_schema() if get_creation_fakes_migrations() else None
        cloning = sync_schema and base_schema and base_schema != self.schema_name and schema_exists(base_schema)
        if not cloning:
            return super().create_schema(check_if_exists=check_if_exists, sync_schema=sync_schema,
                                         verbosity=verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        CloneSchema().clone_schema(base_schema, self.schema_name, self.clone_mode)
        connection.set_schema_to_public()
        return True

    @property
    def is_platform(self) -> bool:
        return self.schema_name == get_public_schema_name()

    @property
    def domain_name(self) -> str:
        return f"{self.slug}.{settings.BASE_DOMAIN}"


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("域名")
        verbose_name_plural = _("域名")

    def save(self, *args, **kwargs):
        # Host names are case-insensitive; the routing middleware looks them up in lower case.
        self.domain = self.domain.lower()
        super().save(*args, **kwargs)
