"""Every matters endpoint: another firm's people get 404 (by URL, by guessed id) or 401 (with this firm's
credentials on their own domain), client-portal users get 403, anonymous callers 401."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from accounts.services import token_for
from matters import access, services
from tests.matters.helpers import World, build_world, make_matter

pytestmark = pytest.mark.django_db

LISTS = ["clients", "debtors", "mandates", "matters", "payments", "worklog", "evidence", "deadlines"]
RECORD_PREFIXES = ["asset-leads", "letters", "negotiations", "repayment-agreements", "preservations", "freezes",
                   "lawsuits", "hearings", "enforcements", "write-offs"]


def object_urls(world: World) -> list[str]:
    m = world.matter
    urls = [
        f"/api/v1/clients/{world.client}/",
        f"/api/v1/debtors/{world.debtor}/",
        f"/api/v1/debtors/{world.guarantor}/",
        f"/api/v1/mandates/{world.mandate}/",
        f"/api/v1/matters/{m}/",
        f"/api/v1/matters/{m}/timeline/",
        f"/api/v1/matters/{m}/balance/",
        f"/api/v1/matters/{m}/deadlines/",
        f"/api/v1/payments/{world.payment}/",
        f"/api/v1/worklog/{world.worklog}/",
        f"/api/v1/evidence/{world.evidence}/",
        f"/api/v1/evidence/{world.evidence}/download/",
    ]
    for prefix in RECORD_PREFIXES:
        urls.append(f"/api/v1/matters/{m}/{prefix}/")
        urls.append(f"/api/v1/matters/{m}/{prefix}/{world.records[prefix]}/")
    return urls


def write_requests(world: World) -> list[tuple[str, str, dict]]:
    m = world.matter
    requests = [
        ("post", f"/api/v1/matters/{m}/transition/", {"to_stage": "negotiation", "version": 1}),
        ("patch", f"/api/v1/matters/{m}/", {"description": "改"}),
        ("patch", f"/api/v1/clients/{world.client}/", {"name": "改名"}),
        ("patch", f"/api/v1/debtors/{world.debtor}/", {"notes": "改"}),
        ("patch", f"/api/v1/mandates/{world.mandate}/", {"notes": "改"}),
        ("patch", f"/api/v1/worklog/{world.worklog}/", {"summary": "改"}),
    ]
    for prefix in RECORD_PREFIXES:
        requests.append(("post", f"/api/v1/matters/{m}/{prefix}/", {}))
        requests.append(("delete", f"/api/v1/matters/{m}/{prefix}/{world.records[prefix]}/", {}))
    return requests


def call(browser, method, url, data=None, **extra):
    if method == "get":
        return browser.get(url, **extra)
    return getattr(browser, method)(url, data or {}, content_type="application/json", **extra)


def test_owner_firm_reaches_every_url(alpha, alpha_world):
    browser = alpha.client(alpha.partner)
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert browser.get(url).status_code == 200, url


def test_other_firm_gets_404_for_every_object_and_write(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for url in object_urls(alpha_world):
        response = browser.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found", url
    for method, url, data in write_requests(alpha_world):
        assert call(browser, method, url, data).status_code == 404, (method, url)


def test_other_firm_guessing_neighbouring_ids_gets_404(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for offset in range(-2, 3):
        for path in ("matters", "clients", "debtors", "mandates", "payments", "worklog", "evidence"):
            identifier = getattr(alpha_world, {"matters": "matter", "clients": "client", "debtors": "debtor",
                                               "mandates": "mandate", "payments": "payment",
                                               "worklog": "worklog", "evidence": "evidence"}[path]) + offset
            assert browser.get(f"/api/v1/{path}/{identifier}/").status_code == 404


def test_other_firm_lists_show_nothing_of_alpha(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for name in LISTS:
        body = browser.get(f"/api/v1/{name}/").json()
        assert body["count"] == 0, name


def test_alpha_token_and_session_mean_nothing_on_the_other_domain(alpha, beta, alpha_world):
    with schema_context(alpha.firm.schema_name):
        token = token_for(alpha.partner)
    on_beta = Client(HTTP_HOST=beta.host, HTTP_AUTHORIZATION=f"Token {token}")
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert on_beta.get(url).status_code == 401, url
    beta_session_on_alpha = beta.client(beta.partner)
    for url in object_urls(alpha_world):
        assert beta_session_on_alpha.get(url, HTTP_HOST=alpha.host).status_code == 401, url


def test_client_portal_users_get_403_everywhere(alpha, alpha_world):
    for user in (alpha.client_a, alpha.client_b):
        browser = alpha.client(user)
        for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
            response = browser.get(url)
            assert response.status_code == 403, url
            assert response.json()["code"] == "permission_denied"
        for method, url, data in write_requests(alpha_world):
            assert call(browser, method, url, data).status_code == 403, (method, url)
        for name in LISTS:
            assert call(browser, "post", f"/api/v1/{name}/", {}).status_code in (403, 405), name


def test_anonymous_gets_401(alpha, alpha_world):
    browser = alpha.client()
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert browser.get(url).status_code == 401, url


def test_each_firm_sees_only_its_own_matters(alpha, beta, media_root):
    alpha_world = build_world(alpha)
    beta_world = build_world(beta)
    alpha_body = alpha.client(alpha.partner).get(f"/api/v1/matters/{alpha_world.matter}/").json()
    beta_body = beta.client(beta.partner).get(f"/api/v1/matters/{beta_world.matter}/").json()
    assert alpha_body["client_name"] == beta_body["client_name"] == "上海申江贸易有限公司"
    # Each firm numbers its own matters: the same reference may exist in both, each seeing only its own.
    assert alpha.client(alpha.partner).get("/api/v1/matters/").json()["count"] == 1
    assert beta.client(beta.partner).get("/api/v1/matters/").json()["count"] == 1
    download = beta.client(beta.partner).get(f"/api/v1/evidence/{beta_world.evidence}/download/")
    assert download.status_code == 200


def test_client_user_sees_only_their_company_through_the_access_helper(alpha):
    with schema_context(alpha.firm.schema_name):
        mine = make_matter(alpha.partner)
        theirs = make_matter(alpha.partner)
        services.client_member_add(actor=alpha.partner, client=mine.mandate.client, user=alpha.client_a)
        visible = set(access.visible_matters(alpha.client_a).values_list("pk", flat=True))
        assert visible == {mine.pk}
        assert theirs.pk not in visible
        assert not access.visible_matters(alpha.client_b).exists()
        assert not access.visible_worklog(alpha.client_a).exists()
