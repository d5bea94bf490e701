"""No spreadsheet the product writes carries a live formula: names typed through the API or imported from a
client's file stay readable text in the ledger and the ageing report, on the pages and through the API."""

from datetime import date
from io import BytesIO

import pytest
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from tests.matters.helpers import make_mandate, valid_uscc
from tests.placements.helpers import csv_bytes, row, upload

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/","点我")'
CLIENT = "=1+1委托人"
IMPORTED = ['=HYPERLINK("http://evil.example/","点我")', "@SUM(1+1)债务人", "+86 某某", "-1+1 某某"]
EXPORTS = ["/reports/ledger.xlsx", "/api/v1/ledger/xlsx/", "/reports/ageing.xlsx", "/api/v1/ageing/xlsx/"]


def post(api, url, data):
    response = api.post(url, data, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def hostile_names(alpha):
    """A client and a debtor created through the API, and debtors imported from a client's CSV file."""
    api = alpha.client(alpha.lawyer)
    client = post(api, "/api/v1/clients/", {"name": CLIENT, "uscc": valid_uscc()})
    debtor = post(api, "/api/v1/debtors/", {"kind": "company", "name": LINK})
    mandate = post(api, "/api/v1/mandates/", {"client": client["id"], "contract_date": "2025-01-10",
                                              "responsible_partner": alpha.partner.pk})
    post(api, "/api/v1/matters/", {"mandate": mandate["id"], "debtor": debtor["id"], "principal": "1000.00",
                                   "due_date": "2025-06-30"})
    with schema_context(alpha.firm.schema_name):
        import_mandate = make_mandate(alpha.partner, contract_date=date(2025, 2, 1))
    content = csv_bytes([row(name=name, contract=f"HT-{n}") for n, name in enumerate(IMPORTED)])
    preview = api.post("/api/v1/imports/", {"mandate": import_mandate.pk, "file": upload(content, "d.csv")}).json()
    assert preview["counts"]["valid"] == len(IMPORTED), preview
    assert api.post(f"/api/v1/imports/{preview['id']}/confirm/").json()["counts"]["created"] == len(IMPORTED)


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_hold_names_as_text_never_as_formulas(alpha, hostile_names, url):
    response = alpha.client(alpha.finance).get(url)
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert "'" + CLIENT in texts
    if "ledger" in url:
        assert {"'" + name for name in IMPORTED} <= texts
        names = [cell.value for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
        assert names and all(name == "'" + LINK for name in names)
