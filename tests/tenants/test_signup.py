import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context, schema_exists

from accounts.models import AuditAction, AuditEvent, Role, User
from tenants import services
from tenants.models import Domain, Firm

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "丙律师事务所",
    "slug": "gamma",
    "owner_name": "丙合伙人",
    "owner_email": "Owner@Gamma.test",
    "owner_password": "Stronger-Pass-2026",
}


def test_signup_provisions_firm_and_hands_owner_to_firm_domain(platform_client):
    response = platform_client.post("/signup/", GOOD)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("http://gamma.localhost/auth/handoff/")

    firm = Firm.objects.get(slug="gamma")
    assert firm.name == "丙律师事务所"
    assert Domain.objects.get(tenant=firm).domain == "gamma.localhost"
    assert schema_exists("gamma")
    with schema_context("gamma"):
        owner = User.objects.get()
        assert owner.email == "owner@gamma.test"
        assert owner.role == Role.PARTNER
        assert AuditEvent.objects.filter(action=AuditAction.FIRM_CREATED).exists()

    path = location.removeprefix("http://gamma.localhost")
    from django.test import Client

    browser = Client(HTTP_HOST="gamma.localhost")
    landed = browser.get(path)
    assert landed.status_code == 302 and landed["Location"] == "/"
    home = browser.get("/", follow=True)
    assert home.status_code == 200
    assert home.redirect_chain[-1][0] == "/dashboard/"
    # The link works once only.
    assert Client(HTTP_HOST="gamma.localhost").get(path).status_code == 404


def test_handoff_link_of_one_firm_is_refused_on_another(platform_client, beta):
    response = platform_client.post("/signup/", GOOD)
    path = response["Location"].removeprefix("http://gamma.localhost")
    assert beta.client().get(path).status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("alpha", "已被使用"),
        ("www", "保留"),
        ("api", "保留"),
        ("admin", "保留"),
        ("demo", "保留"),
        ("Gamma", "小写"),
        ("my firm", "小写"),
        ("律所", "小写"),
        ("-gamma", "小写"),
        ("gamma-", "小写"),
        ("g" * 31, "2 至 30"),
    ],
)
def test_signup_rejects_bad_subdomain_and_creates_nothing(platform_client, slug, message):
    firms_before = Firm.objects.count()
    response = platform_client.post("/signup/", {**GOOD, "slug": slug})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Firm.objects.count() == firms_before


def test_signup_rejects_weak_password_and_long_name(platform_client):
    response = platform_client.post("/signup/", {**GOOD, "owner_password": "12345678"})
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    response = platform_client.post("/signup/", {**GOOD, "name": "律" * 101})
    assert response.status_code == 200
    assert not Firm.objects.filter(slug="gamma").exists()
    assert not schema_exists("gamma")


def test_failure_halfway_leaves_no_firm_domain_or_schema(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the owner could not be created")

    monkeypatch.setattr(services, "user_create", fail)
    with pytest.raises(RuntimeError):
        services.firm_provision(**{**GOOD, "slug": "delta"})
    assert not Firm.objects.filter(slug="delta").exists()
    assert not Domain.objects.filter(domain="delta.localhost").exists()
    assert not schema_exists("delta")


def test_create_firm_command_and_taken_slug(capsys):
    call_command("create_firm", slug="epsilon", name="戊律师事务所", owner_email="owner@epsilon.test",
                 owner_password="Stronger-Pass-2026")
    assert "epsilon.localhost" in capsys.readouterr().out
    firm = Firm.objects.get(slug="epsilon")
    with pytest.raises(CommandError, match="已被使用"):
        call_command("create_firm", slug="epsilon", name="另一个", owner_email="x@epsilon.test",
                     owner_password="Stronger-Pass-2026")
    firm.refresh_from_db()
    assert firm.name == "戊律师事务所"
    assert Firm.objects.filter(slug="epsilon").count() == 1


def test_firm_created_after_a_migration_has_its_tables():
    """The template is a tenant row, so migrate_schemas brings it forward and clones inherit the change."""
    from django.conf import settings
    from django.db import connection

    def has_table(schema: str, table: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [f"{schema}.{table}"])
            return cursor.fetchone()[0] is not None

    template = settings.TENANT_BASE_SCHEMA
    call_command("migrate_schemas", "authtoken", "zero", schema_name=template, interactive=False, verbosity=0)
    assert not has_table(template, "authtoken_token")

    call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
    assert has_table(template, "authtoken_token")

    firm, _owner = services.firm_provision(**{**GOOD, "slug": "zeta"})
    assert has_table(firm.schema_name, "authtoken_token")


def test_setup_platform_is_idempotent(capsys):
    call_command("setup_platform")
    call_command("setup_platform")
    assert "migrated" in capsys.readouterr().out
    assert Firm.objects.filter(schema_name="public").count() == 1
    assert Firm.objects.firms().filter(slug__in=["alpha", "beta"]).count() == 2
