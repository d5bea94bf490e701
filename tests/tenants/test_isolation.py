"""One firm never reaches another: not by login, not by session cookie, not by API token."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from accounts.services import token_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_person_of_alpha_cannot_log_in_on_beta(alpha, beta):
    response = beta.client().post("/login/", {"username": alpha.partner.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "邮箱或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_person_logs_in_on_own_firm(alpha):
    response = alpha.client().post("/login/", {"username": alpha.partner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_alpha_session_cookie_means_nothing_on_beta(alpha, beta):
    browser = alpha.client(alpha.partner)
    assert browser.get("/people/").status_code == 200
    # Same cookie jar, other firm's host: the session key is unknown in beta's schema.
    response = browser.get("/people/", HTTP_HOST=beta.host)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_alpha_api_token_is_refused_on_beta(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        token = token_for(alpha.lawyer)
    ok = Client(HTTP_HOST=alpha.host).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert ok.status_code == 200
    refused = Client(HTTP_HOST=beta.host).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"


def test_platform_admin_is_not_served_on_firm_domains(alpha, platform_client):
    assert alpha.client().get("/admin/").status_code == 404
    assert platform_client.get("/admin/").status_code == 302  # to the admin login


def test_unknown_subdomain_gets_404_page(db):
    response = Client(HTTP_HOST="nosuchfirm.localhost").get("/")
    assert response.status_code == 404


def test_healthz_answers_on_any_host(db):
    for host in ("localhost", "alpha.localhost", "nosuchfirm.localhost", "unknown.example.org"):
        response = Client(HTTP_HOST=host).get("/healthz")
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok", "database": "ok"}
