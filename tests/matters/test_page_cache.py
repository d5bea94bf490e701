"""Cached pages (matters/cache.py): the firm's data version changes with every committed write and only
then, every matters table carries the trigger that changes it, and a cached page never shows stale data,
another firm's data, or another person's CSRF token."""

import re
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django_tenants.utils import schema_context

from matters import services
from matters.cache import CSRF_PLACEHOLDER, data_version
from matters.models import Debtor, Mandate, Matter
from tenants.services import firm_update_settings
from tests.matters.helpers import make_debtor, make_matter
from tests.support import in_own_connection, run_threads

pytestmark = pytest.mark.django_db


def tables_without_trigger(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT tablename FROM pg_tables
            WHERE schemaname = %s AND (tablename LIKE 'matters\\_%%' OR tablename = 'accounts_user')
              AND tablename <> 'matters_dataversion'
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                              WHERE t.tgname = 'data_changed' AND c.relname = tablename
                                AND c.relnamespace = %s::regnamespace)""", [schema, schema])
        return {row[0] for row in cursor.fetchall()}


def test_every_matters_table_of_every_firm_has_the_trigger(alpha, beta):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tablename LIKE 'matters%%'",
                       [alpha.firm.schema_name])
        assert cursor.fetchone()[0] > 20
    for schema in (alpha.firm.schema_name, beta.firm.schema_name, "_firm_template"):
        assert tables_without_trigger(schema) == set(), schema


def test_the_version_changes_when_a_write_commits_and_not_before(alpha, committed):
    mandate_id, debtor_id = committed
    schema = alpha.firm.schema_name
    written, release = threading.Event(), threading.Event()

    def write():
        with transaction.atomic():
            services.matter_create(actor=alpha.partner, mandate=Mandate.objects.get(pk=mandate_id),
                                   debtor=Debtor.objects.get(pk=debtor_id), principal="1000.00",
                                   due_date=date(2040, 6, 1), opened_on=date(2041, 3, 4))
            written.set()
            release.wait(timeout=10)

    def watch():
        before = data_version()
        assert written.wait(timeout=10)
        during = data_version()  # written but not committed
        release.set()
        return before, during

    results = run_threads(schema, [write, watch])
    before, during = results[1]
    after = in_own_connection(schema, data_version)
    assert results[0] is None and before == during != after
    assert in_own_connection(schema, data_version) == after  # reading changes nothing

    def raw_update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE matters_matter SET balance_as_of = NULL WHERE mandate_id = %s", [mandate_id])

    in_own_connection(schema, raw_update)
    assert in_own_connection(schema, data_version) != after  # bulk and raw writes too


def test_the_cached_list_shows_each_change_at_once(alpha):
    browser = alpha.client(alpha.partner)
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, debtor=make_debtor(alpha.partner, name="缓存测试债务人"))
    assert "缓存测试债务人" in browser.get("/matters/").content.decode()
    with schema_context(alpha.firm.schema_name):
        services.debtor_update(actor=alpha.partner, debtor=matter.debtor, name="改名后的债务人")
    assert "改名后的债务人" in browser.get("/matters/").content.decode()
    with schema_context(alpha.firm.schema_name):
        services.payment_record(actor=alpha.partner, matter=matter, received_on=date(2026, 5, 1),
                                amount=Decimal("12345.67"))
    assert "12,345.67" in browser.get("/matters/").content.decode()
    with schema_context(alpha.firm.schema_name):
        Matter.objects.filter(pk=matter.pk).update(stage="negotiation")  # no service, no signal
    board = browser.get("/board/").content.decode()
    assert re.search(r'id="col-negotiation".*改名后的债务人', board, re.S)


def test_a_cached_page_is_never_another_firms(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        make_matter(alpha.partner, debtor=make_debtor(alpha.partner, name="甲所的债务人"))
    for url in ("/matters/", "/board/"):
        assert "甲所的债务人" in alpha.client(alpha.partner).get(url).content.decode()
        assert "甲所的债务人" not in beta.client(beta.partner).get(url).content.decode()


def test_each_person_gets_their_own_csrf_token_from_a_cached_board(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    alpha.client(alpha.partner).get("/board/")  # cached now, made for the partner
    browser = Client(HTTP_HOST=alpha.host, enforce_csrf_checks=True)
    with schema_context(alpha.firm.schema_name):
        browser.force_login(alpha.lawyer)
    page = browser.get("/board/").content.decode()
    assert CSRF_PLACEHOLDER not in page
    token = re.search(rf'action="/board/{matter.pk}/move/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
                      page, re.S).group(1)
    moved = browser.post(f"/board/{matter.pk}/move/", {"csrfmiddlewaretoken": token, "version": matter.version,
                                                        "to_stage": "demand_letter"})
    assert moved.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).stage == "demand_letter"


def test_a_cached_page_follows_the_person_the_language_the_firm_and_flash_messages(alpha):
    partner, lawyer = alpha.client(alpha.partner), alpha.client(alpha.lawyer)
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    assert alpha.partner.name in partner.get("/matters/").content.decode()
    page = lawyer.get("/matters/").content.decode()
    assert alpha.lawyer.name in page and alpha.partner.name not in page.split("</nav>")[0]

    partner.cookies["django_language"] = "en"
    assert "New matter" in partner.get("/matters/").content.decode()
    partner.cookies["django_language"] = "zh-hans"

    with schema_context(alpha.firm.schema_name):
        firm_update_settings(firm=alpha.firm, actor=alpha.partner, name="改名后的律师事务所")
    assert "改名后的律师事务所" in partner.get("/matters/").content.decode()

    partner.get("/board/")
    moved = partner.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "negotiation"})
    assert moved.status_code == 302
    assert "已移至" in partner.get("/board/").content.decode()  # the flash message, shown once
    assert "已移至" not in partner.get("/board/").content.decode()
