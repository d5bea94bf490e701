"""Every page carries the Content-Security-Policy, no template needs inline script, hosts match whatever their
case, and a host that is no firm's gets the product's own 404 page, also under DEBUG."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from accounts.services import token_for
from tests.matters.helpers import build_world

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _assert_policy(response, path):
    policy = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("default-src") == ["'self'"], (path, policy)
    # Scripts and style sheets come only from the site itself: nothing inline, nothing evaluated.
    assert "script-src" not in directives and "style-src" not in directives, (path, policy)
    assert "'unsafe-inline'" not in policy.replace("style-src-attr 'unsafe-inline'", ""), (path, policy)
    assert "'unsafe-eval'" not in policy, (path, policy)


def test_every_main_page_of_a_firm_carries_the_policy(alpha, media_root):
    world = build_world(alpha)
    browser = alpha.client(alpha.partner)
    paths = ["/dashboard/", "/matters/", f"/matters/{world.matter}/", "/clients/", f"/clients/{world.client}/",
             "/board/", "/people/", "/audit/", "/settings/", "/calculators/", "/api/v1/docs/",
             "/api/v1/docs/?script=", "/api/v1/me/"]
    for path in paths:
        response = browser.get(path)
        assert response.status_code == 200, (path, response.status_code)
        _assert_policy(response, path)
    _assert_policy(alpha.client().get("/login/"), "/login/")
    _assert_policy(browser.get("/no-such-page/"), "404")


def test_the_client_portal_and_the_platform_carry_the_policy(alpha, platform_client):
    _assert_policy(alpha.client(alpha.client_a).get("/", follow=True), "portal")
    for path in ("/", "/signup/", "/calculators/", "/admin/login/", "/api/v1/docs/"):
        _assert_policy(platform_client.get(path, follow=True), path)


def test_an_unknown_firms_404_carries_the_policy():
    _assert_policy(Client(HTTP_HOST="nosuchfirm.localhost").get("/"), "unknown firm")


def _page_templates():
    return [path for path in TEMPLATES.rglob("*.html") if "pdf" not in path.relative_to(TEMPLATES).parts]


def test_no_template_has_inline_script_handlers_or_style_elements():
    # PDFs (templates/pdf/) are drawn by WeasyPrint, never served as pages: their <style> is theirs.
    templates = _page_templates()
    assert len(templates) > 50
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"  # a script element without src
                        r"|<style[\s>]"  # a style element
                        r"|\son[a-z]+\s*="  # onclick=, onsubmit= …
                        r"|\shx-on[:-]"  # htmx handlers, which run through eval
                        r"|javascript:", re.IGNORECASE)
    offenders = [f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
                 for path in templates for match in inline.finditer(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_host_matching_ignores_case(alpha):
    with schema_context(alpha.firm.schema_name):
        token = token_for(alpha.lawyer)
    for host in ("ALPHA.localhost", "Alpha.LocalHost", "alpha.LOCALHOST:8000"):
        response = Client(HTTP_HOST=host).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 200, host
        assert response.json()["email"] == alpha.lawyer.email


def test_domains_are_stored_in_lower_case(alpha):
    domain = alpha.firm.domains.first()
    domain.domain = domain.domain.upper()
    domain.save()
    domain.refresh_from_db()
    assert domain.domain == alpha.host


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_firm_gets_the_products_own_404_page(settings, debug):
    settings.DEBUG = debug
    response = Client(HTTP_HOST="nosuchfirm.localhost:8000").get("/matters/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "您访问的页面或律所不存在" in page
    assert 'href="http://localhost:8000/"' in page  # back to the platform site
    assert "Django" not in page and "Using the URLconf" not in page
