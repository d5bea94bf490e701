"""The firm site in a real headless Chromium: login on a phone-sized screen, and nothing loaded from outside."""

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import PASSWORD
from tests.support import CHROMIUM_ARGS, require_chromium, web_server

pytestmark = pytest.mark.real_clock  # the web server is another process, on the real clock


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), web_server() as port:
        yield port


def test_partner_logs_in_on_a_phone_and_reaches_people(server):
    outside_requests = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
        page.on("request", lambda r: outside_requests.append(r.url)
                if "localhost" not in r.url and "127.0.0.1" not in r.url else None)
        page.goto(f"http://alpha.localhost:{server}/people/")
        assert "/login/" in page.url
        page.fill("input[name=username]", "partner@alpha.test")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"http://alpha.localhost:{server}/people/")
        assert page.locator("h1").inner_text() == "人员与角色"

        # On a phone the navigation folds behind the toggler and opens on a tap.
        nav_link = page.get_by_role("link", name="律所设置")
        assert not nav_link.is_visible()
        page.click(".navbar-toggler")
        nav_link.wait_for(state="visible")
        nav_link.click()
        page.wait_for_url(f"http://alpha.localhost:{server}/settings/")
        # Nothing overflows the screen sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        browser.close()
    assert outside_requests == []
