import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_token_then_me(alpha):
    api = Client(HTTP_HOST=alpha.host)
    response = api.post("/api/v1/auth/token/", {"email": alpha.lawyer.email, "password": PASSWORD},
                        content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json() == {
        "id": alpha.lawyer.pk,
        "email": alpha.lawyer.email,
        "name": alpha.lawyer.name,
        "role": "lawyer",
        "role_label": "律师",
        "firm": {"slug": "alpha", "name": "甲律师事务所"},
    }


def test_wrong_password_gets_json_error(alpha):
    response = Client(HTTP_HOST=alpha.host).post(
        "/api/v1/auth/token/", {"email": alpha.lawyer.email, "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_credentials", "message": "邮箱或密码不正确。"}


def test_malformed_token_request_names_the_field(alpha):
    response = Client(HTTP_HOST=alpha.host).post(
        "/api/v1/auth/token/", {"email": "not-an-email"}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"email", "password"}
    assert body["message"]


def test_password_of_beta_person_is_unknown_on_alpha_api(alpha, beta):
    response = Client(HTTP_HOST=alpha.host).post(
        "/api/v1/auth/token/", {"email": beta.lawyer.email, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 401


def test_me_without_credentials_is_401_json(alpha):
    response = Client(HTTP_HOST=alpha.host).get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_api_lockout_after_five_failures(alpha):
    api = Client(HTTP_HOST=alpha.host)
    for _ in range(5):
        api.post("/api/v1/auth/token/", {"email": alpha.finance.email, "password": "wrong"},
                 content_type="application/json")
    response = api.post("/api/v1/auth/token/", {"email": alpha.finance.email, "password": PASSWORD},
                        content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


def test_openapi_schema_and_docs_page(alpha):
    api = Client(HTTP_HOST=alpha.host)
    schema = api.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert "/api/v1/me/" in schema.content.decode()
    assert api.get("/api/v1/docs/").status_code == 200


def test_docs_page_loads_nothing_from_outside(alpha):
    page = Client(HTTP_HOST=alpha.host).get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "https://" not in page
