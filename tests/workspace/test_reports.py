"""Ledger (应收账款台账) and ageing (账龄分析): Excel with numeric money cells, JSON, isolation, dashboard."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.matters.helpers import add_matters
from tests.support import count_queries
from tests.workspace.conftest import today
from workspace.selectors import ageing_bucket

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes):
    book = load_workbook(BytesIO(content))
    return list(book.active.iter_rows())


def test_ledger_xlsx_has_one_row_per_matter_with_numeric_money(alpha, firm_data):
    response = alpha.client(alpha.finance).get("/reports/ledger.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response.content)
    header = [cell.value for cell in rows[1]]
    assert header[:4] == ["案件编号", "委托人", "委托人统一社会信用代码", "债务人"]
    assert {"本金", "主张金额", "已回款", "未清偿", "逾期天数", "最近联系日期", "下一期限"} <= set(header)
    data = {row[3].value: row for row in rows[2:]}
    assert set(data) == {"逾期分期债务人", "正常债务人", "已收回债务人", "诉讼中债务人"}
    clean = data["正常债务人"]
    principal = clean[header.index("本金")]
    assert principal.value == 50000 and principal.number_format == "#,##0.00"
    assert clean[header.index("已回款")].value == 20000
    assert clean[header.index("未清偿")].data_type == "n"
    assert clean[header.index("逾期天数")].value == 800
    assert data["已收回债务人"][header.index("逾期天数")].value == 0
    assert data["逾期分期债务人"][header.index("下一期限事项")].value.endswith("（已逾期）")
    assert clean[header.index("履行期限届满日")].is_date


def test_ledger_follows_the_list_filters(alpha, firm_data):
    rows = sheet_rows(alpha.client(alpha.partner).get("/reports/ledger.xlsx", {"overdue": "on"}).content)
    assert [row[3].value for row in rows[2:]] == ["逾期分期债务人"]


def test_ageing_buckets_by_client():
    assert [ageing_bucket(d) for d in (-5, 0, 90, 91, 180, 181, 365, 366, 730, 731, 1095, 1096)] == [
        "d0_90", "d0_90", "d0_90", "d91_180", "d91_180", "d181_365", "d181_365", "y1_2", "y1_2", "y2_3",
        "y2_3", "y3_plus"]


def test_ageing_report_on_screen_in_json_and_in_excel(alpha, firm_data):
    browser = alpha.client(alpha.finance)
    data = browser.get("/api/v1/ageing/").json()
    lines = {line["name"]: line for line in data["lines"]}
    a = lines["上海甲方贸易有限公司"]["buckets"]
    assert a["d91_180"]["count"] == 1 and Decimal(a["d91_180"]["amount"]) >= Decimal("300000.00")
    assert a["y2_3"]["count"] == 1  # 800 days: 30,000 principal left plus interest, if any
    b = lines["苏州乙方实业有限公司"]["buckets"]
    assert b["y3_plus"]["count"] == 1  # the sued one (1,200 days); the recovered one is closed
    assert data["total"]["total"]["count"] == 3
    page = browser.get("/reports/ageing/").content.decode()
    assert "上海甲方贸易有限公司" in page and "3年以上" in page
    rows = sheet_rows(browser.get("/reports/ageing.xlsx").content)
    assert rows[3][0].value == "上海甲方贸易有限公司" or rows[3][0].value == "苏州乙方实业有限公司"
    assert rows[-1][0].value == "合计" and rows[-1][-1].value == 3
    assert rows[-1][-2].number_format == "#,##0.00"


def test_reports_and_dashboard_of_one_firm_never_show_another(alpha, beta, firm_data):
    add_matters(beta, 2)
    browser = beta.client(beta.partner)
    for url in ("/reports/ledger.xlsx", "/api/v1/ledger/xlsx/"):
        rows = sheet_rows(browser.get(url).content)
        assert len(rows) == 2 + 2 and "逾期分期债务人" not in {row[3].value for row in rows}
    assert browser.get("/api/v1/ledger/").json()["count"] == 2
    assert ">上海甲方贸易有限公司<" not in browser.get("/reports/ageing/").content.decode()
    dashboard = browser.get("/api/v1/dashboard/").json()
    assert dashboard["open_matters"] == 2
    assert "上海甲方贸易有限公司" not in {c["name"] for c in dashboard["clients"]}
    assert "逾期分期债务人" not in browser.get("/dashboard/").content.decode()


def test_ledger_api_is_paginated_in_constant_queries(alpha):
    browser = alpha.client(alpha.partner)
    add_matters(alpha, 3, with_overdue_instalment=True)
    browser.get("/api/v1/ledger/")
    response, three = count_queries(lambda: browser.get("/api/v1/ledger/"))
    add_matters(alpha, 27, with_overdue_instalment=True)
    response, thirty = count_queries(lambda: browser.get("/api/v1/ledger/"))
    assert response.json()["count"] == 30 and len(thirty) == len(three)
    row = response.json()["results"][0]
    assert row["next_deadline"]["overdue"] is True and row["days_overdue"] == 200


def test_dashboard_figures(alpha, firm_data):
    browser = alpha.client(alpha.lawyer)
    page = browser.get("/dashboard/").content.decode()
    assert "<svg" in page and "各委托人回款率" in page
    assert "逾期分期债务人" in page  # the lawyer's overdue instalment
    data = browser.get("/api/v1/dashboard/").json()
    assert data["open_matters"] == 3
    assert [s["count"] for s in data["stages"]] == [2, 0, 0, 0, 1, 0, 0]
    assert Decimal(data["claimed"]) == Decimal("430000.00")
    assert Decimal(data["month_recovered"]) >= Decimal("20000.00")
    assert [d["matter_reference"] for d in data["overdue"]] == [firm_data["overdue"].reference]
    assert any(d["due_date"] == (today() + timedelta(days=3)).isoformat() for d in data["upcoming"])
    rates = {c["name"]: c for c in data["clients"]}
    assert Decimal(rates["苏州乙方实业有限公司"]["rate"]) == Decimal("11.1")  # 10,000 of 90,000
