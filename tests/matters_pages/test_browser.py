"""The matter pages in a real headless Chromium, on a desktop and on a phone: the work-log form adds its entry
with htmx (no page load), and nothing overflows the phone's screen sideways.

The data lives in a firm of its own ("pages"), committed, because the web server is a second process."""

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django_tenants.utils import schema_context
from playwright.sync_api import sync_playwright

from accounts.models import Role
from accounts.services import user_create
from matters import services
from tenants.services import firm_provision
from tests.conftest import PASSWORD
from tests.matters.helpers import make_debtor, make_mandate, make_matter
from tests.support import CHROMIUM_ARGS, require_chromium, web_server

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("MATTERS_PAGES_SHOTS", "")) if os.environ.get("MATTERS_PAGES_SHOTS") else None

pytestmark = pytest.mark.real_clock  # the web server is another process, on the real clock


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        firm, partner = firm_provision(slug="pages", name="丙律师事务所", owner_name="丙 合伙人",
                                       owner_email="partner@pages.test", owner_password=PASSWORD)
        with schema_context(firm.schema_name):
            lawyer = user_create(email="lawyer@pages.test", name="丙 律师", role=Role.LAWYER, password=PASSWORD)
            guarantor = make_debtor(partner, name="杭州担保投资有限公司")
            matter = make_matter(partner, mandate=make_mandate(partner, fee_type="risk", upfront_rate="0.03"),
                                 debtor=make_debtor(partner, name="杭州钱塘建材有限公司"), guarantors=[guarantor],
                                 lawyer=lawyer, principal=Decimal("1234567.80"), interest_type="fixed",
                                 interest_rate=Decimal("6"))
            services.payment_record(actor=partner, matter=matter, received_on=date(2026, 2, 1),
                                    amount=Decimal("20000"))
            matter = services.matter_transition(actor=partner, matter=matter, version=matter.version,
                                                to_stage="litigation", record={"court": "杭州市西湖区人民法院",
                                                                               "filed_on": date(2026, 2, 20)})
            services.worklog_create(actor=lawyer, matter=matter, kind="call", occurred_on=date(2026, 1, 20),
                                    summary="电话催收，对方称月底付款", promised_amount=Decimal("5000"),
                                    promised_on=date(2026, 1, 31))
            for _ in range(3):
                make_matter(partner)
            matter_id = matter.pk
        with web_server() as port:
            yield {"port": port, "matter": matter_id}


def _login(page, port, path):
    page.goto(f"http://pages.localhost:{port}{path}")
    page.fill("input[name=username]", "partner@pages.test")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"http://pages.localhost:{port}{path}")


def _shot(page, name):
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_matter_pages_in_chromium(site, viewport):
    port, matter = site["port"], site["matter"]
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=viewport, locale="zh-CN")
        page.on("request", lambda r: outside.append(r.url)
                if "localhost" not in r.url and "127.0.0.1" not in r.url else None)
        _login(page, port, "/matters/")
        # The unpaid balance shows on desktop and on the phone (where secondary columns fold away).
        assert "100,000.00" in page.locator("table").first.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        _shot(page, f"list_{viewport['width']}")

        page.goto(f"http://pages.localhost:{port}/matters/{matter}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert "20,000.00" in page.locator("#balance-card").inner_text()
        _shot(page, f"detail_{viewport['width']}")

        # The work-log form adds its entry without a page load.
        page.select_option("#worklog select[name=kind]", "visit")
        page.fill("#worklog textarea[name=summary]", "上门走访，财务负责人承诺下周付款")
        page.click("#worklog button[type=submit]")
        page.locator("#worklog .alert-success").wait_for()
        assert "上门走访，财务负责人承诺下周付款" in page.locator("#worklog table").inner_text()
        assert "上门走访" in page.locator("#timeline").inner_text()
        assert page.url.endswith(f"/matters/{matter}/")

        # A wrong amount is shown on the payment form's field.
        page.fill("#payments input[name=amount]", "12,3x")
        page.click("#payment-form button[type=submit]")
        page.locator("#payments .invalid-feedback").first.wait_for()
        assert "金额" in page.locator("#payments .invalid-feedback").first.inner_text()

        for path, name in (("/deadlines/", "deadlines"), ("/mandates/new/", "mandate_form"),
                           (f"/matters/{matter}/records/repayment-agreements/new/", "agreement_form")):
            page.goto(f"http://pages.localhost:{port}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
            _shot(page, f"{name}_{viewport['width']}")
        browser.close()
    assert outside == []
