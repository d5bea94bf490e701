"""The browser pages: template round trip, preview, confirm, broken files, roles and isolation."""

import io

import pytest
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from matters.models import Matter
from placements import services
from placements.models import PlacementImport
from tests.placements.helpers import csv_bytes, row, rows, total, upload, xlsx_bytes


def post_file(browser, mandate, content, name="debts.xlsx"):
    return browser.post("/imports/new/", {"mandate": mandate.pk, "file": upload(content, name)})


def latest_import(people):
    with schema_context(people.firm.schema_name):
        return PlacementImport.objects.latest("id")


def test_template_round_trip_creates_the_matters(alpha, alpha_mandate):
    browser = alpha.client(alpha.lawyer)
    response = browser.get("/imports/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    data = rows(5)
    for line, values in enumerate(data, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=line, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert headers[0] == "债务人名称" and "欠款本金" in headers

    response = post_file(browser, alpha_mandate, buffer.getvalue())
    assert response.status_code == 302
    imp = latest_import(alpha)
    assert (imp.total_rows, imp.valid_rows, imp.error_rows) == (5, 5, 0)
    page = browser.get(response["Location"])
    assert page.status_code == 200 and "确认导入 5 行" in page.content.decode()

    response = browser.post(f"/imports/{imp.pk}/confirm/")
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        created = Matter.objects.filter(mandate=alpha_mandate)
        assert created.count() == 5
        assert total(created.values_list("principal", flat=True)) == total(values[5] for values in data)
    page = browser.get(f"/imports/{imp.pk}/").content.decode()
    assert "已创建 5 件案件" in page and "QS-" in page


def test_csv_template_has_the_header_row_with_bom(alpha):
    response = alpha.client(alpha.paralegal).get("/imports/template.csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("债务人名称,债务人类型,")


def test_preview_page_shows_the_reason_of_each_bad_row(alpha, alpha_mandate):
    browser = alpha.client(alpha.partner)
    post_file(browser, alpha_mandate, xlsx_bytes([row(principal="12,3x"), row(due="2026-02-30"), row()]))
    imp = latest_import(alpha)
    page = browser.get(f"/imports/{imp.pk}/?show=errors").content.decode()
    assert "欠款本金“12,3x”不是有效的数字。" in page
    assert "到期日“2026-02-30”不存在。" in page
    assert page.count('class="table-danger"') == 2


def test_broken_file_gets_a_clear_message_and_nothing_is_saved(alpha, alpha_mandate):
    import random

    browser = alpha.client(alpha.lawyer)
    response = post_file(browser, alpha_mandate, random.Random(3).randbytes(5000), "debts.xlsx")
    assert response.status_code == 400
    assert "不是 Excel（.xlsx）或 CSV 表格" in response.content.decode()
    response = post_file(browser, alpha_mandate, xlsx_bytes([], headers=None))
    assert "表格是空的" in response.content.decode()
    response = post_file(browser, alpha_mandate, csv_bytes([["甲", "1"]], headers=["债务人名称", "客户经理"]), "a.csv")
    assert "无法识别的列：“客户经理”" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert PlacementImport.objects.count() == 0


def test_broken_file_message_in_english(alpha, alpha_mandate):
    browser = alpha.client(alpha.lawyer)
    browser.cookies["django_language"] = "en"
    response = post_file(browser, alpha_mandate, b"\x00\x01garbage" * 100, "debts.xlsx")
    assert response.status_code == 400
    assert "not an Excel (.xlsx) or CSV" in response.content.decode()


def test_gbk_csv_upload_works(alpha, alpha_mandate):
    browser = alpha.client(alpha.lawyer)
    response = post_file(browser, alpha_mandate, csv_bytes(rows(3), encoding="gbk"), "debts.csv")
    assert response.status_code == 302
    assert latest_import(alpha).valid_rows == 3


@pytest.mark.parametrize("role", ["finance", "client_a"])
@pytest.mark.parametrize("url", ["/imports/", "/imports/new/", "/imports/template.xlsx"])
def test_finance_and_clients_get_403(alpha, role, url):
    assert alpha.client(getattr(alpha, role)).get(url).status_code == 403


def test_finance_cannot_see_or_confirm_an_import(alpha, alpha_mandate):
    with schema_context(alpha.firm.schema_name):
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(rows(1))))
    browser = alpha.client(alpha.finance)
    assert browser.get(f"/imports/{imp.pk}/").status_code == 403
    assert browser.post(f"/imports/{imp.pk}/confirm/").status_code == 403


def test_anonymous_is_sent_to_log_in(alpha):
    response = alpha.client().get("/imports/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_other_firm_cannot_see_or_confirm_an_import(alpha, beta, alpha_mandate, beta_mandate):
    with schema_context(alpha.firm.schema_name):
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(rows(2))))
    with schema_context(beta.firm.schema_name):
        beta_matters = Matter.objects.count()
        # Make sure beta has an import with another id, so the guessed id cannot be beta's own.
        PlacementImport.objects.filter(pk=imp.pk).delete()
    browser = beta.client(beta.partner)
    assert browser.get(f"/imports/{imp.pk}/").status_code == 404
    assert browser.post(f"/imports/{imp.pk}/confirm/").status_code == 404
    assert imp.original_name not in browser.get("/imports/").content.decode()
    with schema_context(beta.firm.schema_name):
        assert Matter.objects.count() == beta_matters
    with schema_context(alpha.firm.schema_name):
        assert PlacementImport.objects.get(pk=imp.pk).status == PlacementImport.Status.PREVIEWED


def test_upload_form_lists_only_active_mandates(alpha, alpha_mandate):
    page = alpha.client(alpha.lawyer).get("/imports/new/").content.decode()
    assert "WT-2026-01" in page and "上海申江贸易有限公司" in page


def test_list_page_shows_past_imports(alpha, alpha_mandate):
    with schema_context(alpha.firm.schema_name):
        services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(rows(2)), "客户A.csv"))
    page = alpha.client(alpha.paralegal).get("/imports/").content.decode()
    assert "客户A.csv" in page
