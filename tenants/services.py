"""Provisioning firms and editing their settings."""

import re

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from accounts.models import AuditAction, Role, User
from accounts.services import audit_record, user_create
from core.identifiers import uscc_error
from tenants.models import Domain, Firm

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SLUG_MAX_LENGTH = 30
FIRM_NAME_MAX_LENGTH = 100
# Subdomains that would be mistaken for the platform's own services.
RESERVED_SLUGS = frozenset({
    "www", "api", "admin", "static", "media", "public", "mail", "smtp", "imap", "pop", "ftp", "demo",
    "app", "portal", "help", "support", "docs", "status", "blog", "dev", "test", "staging", "root",
    "template", "firm-template", "localhost", "healthz", "signup", "login",
})


def schema_name_for(slug: str) -> str:
    # PostgreSQL identifiers take no hyphens unquoted; slugs take no underscores, so this cannot collide.
    return slug.replace("-", "_")


def validate_firm_slug(slug: str, *, allow_reserved: bool = False) -> None:
    if not slug:
        raise ValidationError({"slug": [_("请填写子域名。")]})
    if len(slug) > SLUG_MAX_LENGTH or len(slug) < 2:
        raise ValidationError({"slug": [_("子域名须为 2 至 %(max)d 个字符。") % {"max": SLUG_MAX_LENGTH}]})
    if not SLUG_PATTERN.match(slug):
        raise ValidationError({"slug": [_(
            "子域名只能使用小写英文字母、数字和连字符，须以字母开头，不能以连字符结尾，不能有空格或中文。"
        )]})
    if slug in RESERVED_SLUGS and not allow_reserved:
        raise ValidationError({"slug": [_("“%(slug)s”为系统保留名称，请换一个。") % {"slug": slug}]})
    if Firm.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        raise ValidationError({"slug": [_("子域名“%(slug)s”已被使用。") % {"slug": slug}]})


def _validate_firm_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("请填写律所名称。")]})
    if len(name) > FIRM_NAME_MAX_LENGTH:
        raise ValidationError({"name": [_("律所名称不能超过 %(max)d 个字符。") % {"max": FIRM_NAME_MAX_LENGTH}]})
    return name


@transaction.atomic
def firm_provision(*, slug: str, name: str, owner_name: str, owner_email: str, owner_password: str,
                   allow_reserved: bool = False) -> tuple[Firm, User]:
    """Creates a firm with its schema, its domain and its first partner, or nothing at all.

    The schema is cloned from the migrated template (TENANT_BASE_SCHEMA). PostgreSQL DDL is
    transactional, so a failure at any step rolls back the schema along with the rows.
    """
    validate_firm_slug(slug, allow_reserved=allow_reserved)
    name = _validate_firm_name(name)
    try:
        validate_password(owner_password, user=User(email=owner_email, name=owner_name))
    except ValidationError as exc:
        raise ValidationError({"owner_password": exc.messages}) from None

    firm = Firm(schema_name=schema_name_for(slug), slug=slug, name=name)
    firm.save(verbosity=0)
    Domain.objects.create(domain=firm.domain_name, tenant=firm, is_primary=True)
    with schema_context(firm.schema_name):
        try:
            owner = user_create(email=owner_email, name=owner_name, role=Role.PARTNER, password=owner_password)
        except ValidationError as exc:
            raise ValidationError({f"owner_{field}": messages for field, messages in exc.message_dict.items()}) \
                from None
        audit_record(action=AuditAction.FIRM_CREATED, actor=owner, target=firm.slug, detail={"name": name})
    return firm, owner


FIRM_SETTINGS_FIELDS = (
    "name", "address", "uscc", "phone", "email", "bank_name", "bank_account_name", "bank_account",
    "letterhead_subtitle", "letterhead_footer", "letter_number_prefix",
)
LETTER_PREFIX_MAX = 20
# The year sits in 〔〕 and the number follows 第…号: the prefix itself carries neither brackets nor breaks.
LETTER_PREFIX_FORBIDDEN = re.compile(r"[\s()（）〔〕\[\]【】{}<>《》第号]")


def _validate_letter_prefix(value: str) -> str:
    value = (value or "").strip()
    if len(value) > LETTER_PREFIX_MAX:
        raise ValidationError({"letter_number_prefix": [_("函号字样不能超过 %(n)d 个字。") % {"n": LETTER_PREFIX_MAX}]})
    if LETTER_PREFIX_FORBIDDEN.search(value):
        raise ValidationError({"letter_number_prefix": [
            _("函号字样只填写如“清律函字”的字样，不含括号、空格、换行及“第”“号”；年份括号〔〕由系统加上。")]})
    return value


@transaction.atomic
def firm_update_settings(*, firm: Firm, actor: User, request=None, **values) -> Firm:
    unknown = set(values) - set(FIRM_SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Unknown firm settings: {sorted(unknown)}")
    if "name" in values:
        values["name"] = _validate_firm_name(values["name"])
    if "letter_number_prefix" in values:
        values["letter_number_prefix"] = _validate_letter_prefix(values["letter_number_prefix"])
    if values.get("uscc"):
        values["uscc"] = values["uscc"].strip().upper()
        error = uscc_error(values["uscc"])
        if error:
            raise ValidationError({"uscc": [error]})
    changed = {field: value for field, value in values.items() if getattr(firm, field) != value}
    for field, value in changed.items():
        setattr(firm, field, value)
    if changed:
        firm.save(update_fields=list(changed))
        audit_record(action=AuditAction.FIRM_SETTINGS_CHANGED, actor=actor, target=firm.slug,
                     detail={"fields": sorted(changed)}, request=request)
    return firm


@transaction.atomic
def platform_ensure() -> None:
    """Creates the platform's own tenant and the template that firms are cloned from, when missing."""
    public, _created = Firm.objects.get_or_create(
        schema_name=get_public_schema_name(), defaults={"slug": "public", "name": "清收云"}
    )
    Domain.objects.get_or_create(domain=settings.BASE_DOMAIN, defaults={"tenant": public, "is_primary": True})
    if not Firm.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).exists():
        Firm(schema_name=settings.TENANT_BASE_SCHEMA, slug="firm-template", name="template").save(verbosity=0)
