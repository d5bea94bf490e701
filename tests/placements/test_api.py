"""/api/v1/imports/: upload → preview, get, confirm; errors as {"code", "message"}; roles and isolation."""

import pytest
from django_tenants.utils import schema_context

from matters.models import Matter
from tests.placements.helpers import csv_bytes, row, rows, upload, xlsx_bytes

URL = "/api/v1/imports/"


def post(browser, mandate, content, name="debts.xlsx"):
    return browser.post(URL, {"mandate": mandate.pk, "file": upload(content, name)})


def test_upload_preview_get_and_confirm(alpha, alpha_mandate):
    browser = alpha.client(alpha.lawyer)
    response = post(browser, alpha_mandate, xlsx_bytes([*rows(3), row(principal="12,3x")]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["import_status"] == "previewed"
    assert body["counts"] == {"total": 4, "valid": 3, "errors": 1, "imported": 0, "created": 0}
    bad = body["rows"][3]
    assert bad["line"] == 5 and bad["row_status"] == "error"
    assert bad["errors"] == [{"field": "principal", "code": "amount_invalid", "message": "欠款本金“12,3x”不是有效的数字。"}]

    assert browser.get(f"{URL}{body['id']}/").json()["counts"]["valid"] == 3
    listed = browser.get(URL).json()
    items = listed["results"] if isinstance(listed, dict) else listed
    assert [item["id"] for item in items] == [body["id"]] and "rows" not in items[0]

    response = browser.post(f"{URL}{body['id']}/confirm/")
    assert response.status_code == 200
    confirmed = response.json()
    assert confirmed["import_status"] == "confirmed" and confirmed["counts"]["created"] == 3
    assert all(r["matter_reference"].startswith("QS-") for r in confirmed["rows"][:3])
    assert browser.post(f"{URL}{body['id']}/confirm/").json()["counts"]["created"] == 3
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.filter(mandate=alpha_mandate).count() == 3


def test_reimport_through_the_api_creates_nothing(alpha, alpha_mandate):
    browser = alpha.client(alpha.paralegal)
    content = csv_bytes(rows(2))
    first = post(browser, alpha_mandate, content, "a.csv").json()
    browser.post(f"{URL}{first['id']}/confirm/")
    again = post(browser, alpha_mandate, content, "a.csv").json()
    assert again["counts"] == {"total": 2, "valid": 0, "errors": 0, "imported": 2, "created": 0}
    assert again["rows"][0]["row_status"] == "imported"


@pytest.mark.parametrize("content, code", [
    (b"\x00not a spreadsheet at all" * 50, "not_spreadsheet"),
    (xlsx_bytes([], headers=None), "empty_sheet"),
    (csv_bytes([["甲"]], headers=["债务人名称", "客户经理"]), "unknown_columns"),
])
def test_broken_file_is_400_with_a_code(alpha, alpha_mandate, content, code):
    response = post(alpha.client(alpha.lawyer), alpha_mandate, content)
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["message"]


def test_missing_mandate_is_a_field_error(alpha):
    response = alpha.client(alpha.lawyer).post(URL, {"file": upload(csv_bytes(rows(1)))})
    assert response.status_code == 400 and "mandate" in response.json()["fields"]


@pytest.mark.parametrize("role", ["finance", "client_a"])
def test_finance_and_clients_get_403(alpha, alpha_mandate, role):
    browser = alpha.client(getattr(alpha, role))
    assert browser.get(URL).status_code == 403
    assert post(browser, alpha_mandate, csv_bytes(rows(1))).status_code == 403


def test_other_firm_gets_404_and_cannot_use_a_foreign_mandate(alpha, beta, alpha_mandate):
    created = post(alpha.client(alpha.lawyer), alpha_mandate, csv_bytes(rows(2))).json()
    beta_browser = beta.client(beta.partner)
    with schema_context(beta.firm.schema_name):
        before = Matter.objects.count()
    # beta has no import and no mandate in this test: alpha's ids mean nothing there.
    response = beta_browser.get(f"{URL}{created['id']}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert beta_browser.post(f"{URL}{created['id']}/confirm/").status_code == 404
    assert beta_browser.get(URL).json() in ([], {"count": 0, "next": None, "previous": None, "results": []})
    response = post(beta_browser, alpha_mandate, csv_bytes(rows(1)))
    assert response.status_code == 400 and "mandate" in response.json()["fields"]
    with schema_context(beta.firm.schema_name):
        assert Matter.objects.count() == before
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.filter(mandate=alpha_mandate).count() == 0
