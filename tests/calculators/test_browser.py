"""The platform's calculators in a real headless Chromium on a phone-sized screen: htmx swaps the result in."""

import pytest
from playwright.sync_api import sync_playwright

from tests.support import CHROMIUM_ARGS, require_chromium, web_server

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.real_clock  # the web server is another process, on the real clock


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), web_server() as port:
        yield port


def test_calculators_on_a_phone(server, tmp_path):
    outside_requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, locale="zh-CN")
        page.on("request", lambda r: outside_requests.append(r.url)
                if "localhost" not in r.url and "127.0.0.1" not in r.url else None)
        page.goto(f"http://localhost:{server}/calculators/")
        assert page.locator("h1").inner_text() == "法律计算器"

        # Court fees: the result replaces the panel without a page load.
        page.fill("#id_court_fees_amount", "896000")
        page.click("#panel-court_fees button[type=submit]")
        page.locator("#panel-court_fees .calculator-result").wait_for()
        result = page.locator("#panel-court_fees .calculator-result").inner_text()
        assert "12,760.00" in result and "11,360.00" in result
        assert page.url.endswith("/calculators/")  # htmx, not a page load
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "court_fees.png"), full_page=True)

        # A wrong amount shows the message next to the field.
        page.fill("#id_court_fees_amount", "-5")
        page.click("#panel-court_fees button[type=submit]")
        page.locator("#panel-court_fees .invalid-feedback").wait_for()
        assert "不能为负数" in page.locator("#panel-court_fees .invalid-feedback").inner_text()

        # Interest: a tab, an extra payment row fetched by htmx, and the segments table.
        page.click("#tab-interest")
        page.locator("#pane-interest").wait_for(state="visible")
        page.fill("#id_interest_principal", "100000")
        page.fill("#id_interest_start", "2024-01-01")
        page.fill("#id_interest_end", "2024-12-31")
        page.select_option("#id_interest_rate_kind", "fixed")
        page.fill("#id_interest_annual_rate", "6")
        page.click("text=添加一笔还款")
        page.locator("#payment-rows .payment-row").nth(1).wait_for()
        page.locator("input[name=payment_date]").nth(0).fill("2024-07-01")
        page.locator("input[name=payment_amount]").nth(0).fill("20000")
        page.click("#panel-interest button[type=submit]")
        page.locator("#panel-interest .calculator-result").wait_for()
        assert "5,488.35" in page.locator("#panel-interest .calculator-result").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "interest.png"), full_page=True)
        browser.close()
    assert outside_requests == []
