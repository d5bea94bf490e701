"""Under the Content-Security-Policy the pages still work in a real Chromium, and the browser reports no
violation: htmx swaps, Bootstrap's navigation, the API documentation and the handlers of static/js/app.js."""

import re

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import PASSWORD
from tests.support import CHROMIUM_ARGS, require_chromium, web_server

pytestmark = pytest.mark.real_clock  # the web server is another process, on the real clock

FIRM_PAGES = ["/people/", "/dashboard/", "/board/", "/matters/", "/clients/", "/audit/", "/settings/",
              "/calculators/"]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), web_server() as port:
        yield port


def _watch(page, problems):
    """Collects policy violations, script errors and failed loads (the favicon, which no page has, aside)."""
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)


def test_firm_pages_run_under_the_policy_without_a_violation(server):
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        _watch(page, problems)
        page.goto(f"http://alpha.localhost:{server}/login/")
        page.fill("input[name=username]", "partner@alpha.test")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"http://alpha.localhost:{server}/dashboard/")
        for path in FIRM_PAGES:
            response = page.goto(f"http://alpha.localhost:{server}{path}")
            assert response.status == 200, path
            assert "default-src 'self'" in response.headers["content-security-policy"], path
        # The notification badge is fetched by htmx on load.
        page.goto(f"http://alpha.localhost:{server}/dashboard/")
        page.wait_for_load_state("networkidle")

        # <form data-confirm>: nothing is sent when the person says no, the form is sent when they say yes.
        page.evaluate("""() => {
            const form = document.createElement("form");
            form.method = "get"; form.action = "/matters/"; form.dataset.confirm = "确定？";
            form.innerHTML = '<button type="submit" id="confirm-probe">x</button>';
            document.querySelector("main").append(form);
        }""")
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.click("#confirm-probe")
        assert page.url.endswith("/dashboard/")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#confirm-probe")
        page.wait_for_url(re.compile(r"/matters/\??$"))

        # The API documentation page draws itself from its own files.
        page.goto(f"http://alpha.localhost:{server}/api/v1/docs/")
        page.locator(".swagger-ui .info").wait_for()
        browser.close()
    assert problems == []


def test_a_calculator_payment_row_is_added_and_removed_under_the_policy(server):
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        _watch(page, problems)
        page.goto(f"http://localhost:{server}/calculators/")
        page.click("#tab-interest")
        page.locator("#pane-interest").wait_for(state="visible")
        rows = page.locator("#payment-rows .payment-row")
        before = rows.count()
        page.click("text=添加一笔还款")
        rows.nth(before).wait_for()
        assert rows.count() == before + 1
        rows.nth(before).locator("button[data-remove-closest]").click()
        assert rows.count() == before
        browser.close()
    assert problems == []
