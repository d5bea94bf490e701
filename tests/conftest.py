"""Shared fixtures: two firms, alpha and beta, each with a partner, a lawyer (associate), a paralegal,
a finance clerk, and two client-portal users. They are provisioned once per session through the same
service that sign-up uses; each test runs in a transaction that is rolled back."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection, connections
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import Role, User
from accounts.services import user_create
from calculators.selectors import forget_reference_data
from tenants.models import Firm
from tenants.services import firm_provision, platform_ensure
from tests.support import SUITE_NOW, session_database_url

PASSWORD = "Correct-Horse-42-battery"


@dataclass
class FirmPeople:
    firm: Firm
    partner: User
    lawyer: User
    paralegal: User
    finance: User
    client_a: User
    client_b: User

    @property
    def host(self) -> str:
        return self.firm.domain_name

    def client(self, user: User | None = None) -> Client:
        """A test browser on this firm's domain, logged in as `user` when given."""
        browser = Client(HTTP_HOST=self.host)
        if user is not None:
            with schema_context(self.firm.schema_name):
                browser.force_login(user)
        return browser


def _provision(slug: str, name: str) -> FirmPeople:
    firm, partner = firm_provision(slug=slug, name=name, owner_name=f"{slug} 合伙人",
                                   owner_email=f"partner@{slug}.test", owner_password=PASSWORD)
    with schema_context(firm.schema_name):
        people = {
            role_key: user_create(email=f"{role_key}@{slug}.test", name=f"{slug} {role_key}", role=role,
                                  password=PASSWORD)
            for role_key, role in (
                ("lawyer", Role.LAWYER), ("paralegal", Role.PARALEGAL), ("finance", Role.FINANCE),
                ("client_a", Role.CLIENT), ("client_b", Role.CLIENT),
            )
        }
    return FirmPeople(firm=firm, partner=partner, **people)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """Always creates the test database. (pytest-django's own fixture creates it only when some collected
    test is marked for the database, so a run of just the browser tests would otherwise reach the
    development database.)"""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        db_cfg = setup_databases(verbosity=verbosity, interactive=False, aliases={"default"})
        platform_ensure()
        _provision("alpha", "甲律师事务所")
        _provision("beta", "乙律师事务所")
    yield
    with django_db_blocker.unblock():
        _end_other_sessions_of_the_test_database()
        teardown_databases(db_cfg, verbosity=verbosity)


def _end_other_sessions_of_the_test_database():
    """Dropping the test database needs it to have no other session. Django closes its own pool first, but
    psycopg's pool leaves a connection open while a thread still holds it, and the threads of the concurrency
    tests and the pool's own refill workers may be mid-hand-back when the session ends."""
    connections.close_all()
    with psycopg.connect(session_database_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")


def _load(slug: str) -> FirmPeople:
    firm = Firm.objects.get(slug=slug)
    with schema_context(firm.schema_name):
        users = {u.email.split("@")[0]: u for u in User.objects.all()}
    return FirmPeople(firm=firm, **{key: users[key] for key in
                                    ("partner", "lawyer", "paralegal", "finance", "client_a", "client_b")})


@pytest.fixture
def alpha(db) -> FirmPeople:
    return _load("alpha")


@pytest.fixture
def beta(db) -> FirmPeople:
    return _load("beta")


@pytest.fixture
def platform_client() -> Client:
    return Client(HTTP_HOST="localhost")


def _forget_media_root():
    # django-tenants' TenantFileSystemStorage caches MEDIA_ROOT in `relative_media_root` and does not reset it
    # when MEDIA_ROOT changes (its setting_changed handler only reacts to MULTITENANT_RELATIVE_MEDIA_ROOT).
    storages["default"].__dict__.pop("relative_media_root", None)


@pytest.fixture
def media_root(settings, tmp_path):
    """Files written by this test go to a fresh folder (still one sub-folder per firm)."""
    settings.MEDIA_ROOT = tmp_path
    _forget_media_root()
    yield tmp_path
    _forget_media_root()


@pytest.fixture(autouse=True)
def _suite_clock(request):
    """Every test runs at SUITE_NOW (the clock ticks on from there), whatever the real date, so that an
    expected value never depends on the day the suite runs. A test marked ``real_clock`` shares the clock
    with another process (a web server, a worker, a browser) and keeps the real one."""
    if request.node.get_closest_marker("real_clock"):
        yield
        return
    with time_machine.travel(SUITE_NOW, tick=True):
        yield


@pytest.fixture(scope="session", autouse=True)
def _media_outside_the_checkout():
    """Test settings put uploaded and generated files in a folder of this run (QINGSHOU_TEST_MEDIA_ROOT, so
    that servers and workers the tests start write there too); it goes when the run ends."""
    yield
    if Path(settings.MEDIA_ROOT).exists():
        shutil.rmtree(settings.MEDIA_ROOT)


@pytest.fixture(autouse=True)
def _back_to_public_schema():
    """Requests leave the connection in the last firm's schema; every test starts and ends in public."""
    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _forget_caches():
    """The LPR table, the calendar and cached pages live outside the database: a test that changes them (its
    transaction is rolled back) must not leave its copy to the next one."""
    yield
    forget_reference_data()
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _data_version_changes_at_each_statement(request):
    """The firm's data version changes when a writing transaction commits (matters migration 0004), and a
    test's transaction never commits: within tests its triggers fire at the end of each statement instead."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
