"""Creating and editing clients, debtors and mandates in the browser: saved through the services, and every
refusal shown on the form in Chinese, with nothing saved."""

from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from matters.models import Client, Debtor, Mandate
from tests.matters.helpers import make_client, make_mandate, valid_resident_id, valid_uscc

pytestmark = pytest.mark.django_db

CONTACTS_EMPTY = {"contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "0", "contacts-MIN_NUM_FORMS": "0",
                  "contacts-MAX_NUM_FORMS": "50"}


def test_client_created_with_contacts_then_edited(alpha):
    browser = alpha.client(alpha.lawyer)
    uscc = valid_uscc()
    response = browser.post("/clients/new/", {
        "name": "上海申江贸易有限公司", "uscc": uscc.lower(), "legal_representative": "王总", **CONTACTS_EMPTY,
        "contacts-0-name": "李会计", "contacts-0-phone": "021-5555 0101", "contacts-1-name": "",
    })
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        client = Client.objects.get(uscc=uscc)
        assert [c.name for c in client.contacts.all()] == ["李会计"]
    assert response["Location"] == f"/clients/{client.pk}/"
    page = browser.get(response["Location"]).content.decode()
    assert "上海申江贸易有限公司" in page and "李会计" in page and uscc in page

    form = browser.get(f"/clients/{client.pk}/edit/").content.decode()
    assert 'value="李会计"' in form
    response = browser.post(f"/clients/{client.pk}/edit/", {
        "name": "上海申江贸易（集团）有限公司", "uscc": uscc, **CONTACTS_EMPTY, "contacts-TOTAL_FORMS": "3",
        "contacts-0-name": "李会计", "contacts-1-name": "张法务", "contacts-1-email": "zhang@shenjiang.test",
    })
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        client.refresh_from_db()
        assert client.name == "上海申江贸易（集团）有限公司"
        assert [c.name for c in client.contacts.all()] == ["李会计", "张法务"]


def test_wrong_uscc_is_shown_on_its_field_and_nothing_is_saved(alpha):
    browser = alpha.client(alpha.partner)
    wrong = valid_uscc()[:-1] + ("0" if valid_uscc()[-1] != "0" else "1")
    response = browser.post("/clients/new/", {"name": "某公司", "uscc": wrong, **CONTACTS_EMPTY})
    assert response.status_code == 200
    page = response.content.decode()
    assert "统一社会信用代码校验位不正确" in page
    assert 'class="form-control form-control-sm is-invalid"' in page
    with schema_context(alpha.firm.schema_name):
        assert not Client.objects.filter(name="某公司").exists()


def test_contact_without_name_is_refused(alpha):
    browser = alpha.client(alpha.partner)
    response = browser.post("/clients/new/", {"name": "某公司", "uscc": valid_uscc(), **CONTACTS_EMPTY,
                                              "contacts-0-phone": "123"})
    assert response.status_code == 200
    assert "请填写联系人姓名" in response.content.decode()


def test_client_search_by_name_or_code(alpha):
    with schema_context(alpha.firm.schema_name):
        found = make_client(alpha.partner, name="宁波港联物流有限公司")
        make_client(alpha.partner, name="苏州工业园区某公司")
    browser = alpha.client(alpha.finance)
    page = browser.get("/clients/", {"q": "港联"}).content.decode()
    assert "宁波港联物流有限公司" in page and "苏州工业园区某公司" not in page
    page = browser.get("/clients/", {"q": found.uscc}).content.decode()
    assert "宁波港联物流有限公司" in page and "苏州工业园区某公司" not in page


def test_debtor_company_and_person_with_addresses_and_phones(alpha):
    browser = alpha.client(alpha.paralegal)
    uscc = valid_uscc()
    response = browser.post("/debtors/new/", {
        "kind": "company", "name": "杭州钱塘建材有限公司", "id_number": uscc, "legal_representative": "赵某",
        "addresses": "浙江省杭州市西湖区文三路1号\n\n浙江省杭州市滨江区江南大道2号", "phones": "0571-8888 0000",
        "notes": "注册地与经营地不一致",
    })
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        debtor = Debtor.objects.get(id_number=uscc)
        assert debtor.addresses == ["浙江省杭州市西湖区文三路1号", "浙江省杭州市滨江区江南大道2号"]
        assert debtor.phones == ["0571-8888 0000"]
    page = browser.get(f"/debtors/{debtor.pk}/").content.decode()
    assert "浙江省杭州市滨江区江南大道2号" in page
    listed = browser.get("/debtors/", {"q": uscc}).content.decode()
    assert "浙江省杭州市西湖区文三路1号" in listed and "等另 1 处" in listed

    person_id = valid_resident_id()
    response = browser.post("/debtors/new/", {"kind": "person", "name": "周某", "id_number": person_id})
    assert response.status_code == 302

    # A company's code typed for a person is refused by kind.
    response = browser.post(f"/debtors/{debtor.pk}/edit/", {"kind": "person", "name": "杭州钱塘建材有限公司",
                                                             "id_number": uscc})
    assert response.status_code == 200
    assert "居民身份证号" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        debtor.refresh_from_db()
        assert debtor.kind == "company"

    response = browser.post(f"/debtors/{debtor.pk}/edit/", {"kind": "company", "name": "杭州钱塘建材股份有限公司",
                                                             "id_number": uscc, "addresses": "新地址"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        debtor.refresh_from_db()
        assert debtor.name == "杭州钱塘建材股份有限公司" and debtor.addresses == ["新地址"]


def test_duplicate_debtor_number_names_the_existing_debtor(alpha):
    browser = alpha.client(alpha.partner)
    uscc = valid_uscc()
    assert browser.post("/debtors/new/", {"kind": "company", "name": "甲公司", "id_number": uscc}).status_code == 302
    response = browser.post("/debtors/new/", {"kind": "company", "name": "乙公司", "id_number": uscc})
    assert response.status_code == 200
    assert "已登记为债务人“甲公司”" in response.content.decode()


def _mandate_data(client, partner, **extra):
    data = {"client": client.pk, "contract_number": "沪申律委字〔2025〕第8号", "contract_date": "2025-01-05",
            "responsible_partner": partner.pk, "cause": "sale", "placed_amount": "1,000,000.00",
            "fee_type": "fixed", "fixed_rate": "5", "authority": "general", "notes": ""}
    data.update(extra)
    return data


def test_mandate_fixed_fee_with_team_and_special_powers(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    browser = alpha.client(alpha.lawyer)
    response = browser.post("/mandates/new/", _mandate_data(
        client, alpha.partner, team=[alpha.lawyer.pk, alpha.paralegal.pk], authority="special",
        special_powers=["settle", "apply_enforcement"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    with schema_context(alpha.firm.schema_name):
        mandate = Mandate.objects.get(client=client)
        assert mandate.fixed_rate == Decimal("0.0500")
        assert mandate.placed_amount == Decimal("1000000.00")
        assert set(mandate.team.all()) == {alpha.lawyer, alpha.paralegal}
        assert mandate.special_powers == ["settle", "apply_enforcement"]
    page = browser.get(f"/mandates/{mandate.pk}/").content.decode()
    assert "固定收费 5%" in page and "进行和解、申请执行" in page and "1,000,000.00" in page


def test_special_authority_without_named_powers_is_refused(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    response = alpha.client(alpha.partner).post("/mandates/new/", _mandate_data(client, alpha.partner,
                                                                                authority="special"))
    assert response.status_code == 200
    assert "特别授权须逐项列明授权事项" in response.content.decode()


def test_risk_arrangement_refused_with_its_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    browser = alpha.client(alpha.partner)
    # A banned subject: risk fees are not allowed at all.
    response = browser.post("/mandates/new/", _mandate_data(client, alpha.partner, cause="marriage_inheritance",
                                                            fee_type="risk", upfront_rate="3", success_rate="10"))
    assert response.status_code == 200
    assert "禁止实行或者变相实行风险代理收费" in response.content.decode()
    # Risk without the upfront rate.
    response = browser.post("/mandates/new/", _mandate_data(client, alpha.partner, fee_type="risk", fixed_rate=""))
    assert "风险代理需要填写前期费用比例" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not Mandate.objects.filter(client=client).exists()
    # An allowed one is saved, in percent on the page and as a fraction in the database.
    response = browser.post("/mandates/new/", _mandate_data(client, alpha.partner, fee_type="risk",
                                                            upfront_rate="3", success_rate="10"))
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        mandate = Mandate.objects.get(client=client)
        assert (mandate.upfront_rate, mandate.success_rate) == (Decimal("0.0300"), Decimal("0.1000"))
    assert "前期 3% ＋ 回款 10%" in browser.get(f"/mandates/{mandate.pk}/").content.decode()


def test_mandate_edit_keeps_percent_and_can_end_the_mandate(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="fixed", fixed_rate=Decimal("0.04"))
    browser = alpha.client(alpha.partner)
    form = browser.get(f"/mandates/{mandate.pk}/edit/").content.decode()
    assert 'name="fixed_rate" value="4"' in form
    data = _mandate_data(mandate.client, alpha.partner, fixed_rate="4.5", status="completed")
    del data["client"]
    response = browser.post(f"/mandates/{mandate.pk}/edit/", data)
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        mandate.refresh_from_db()
        assert mandate.fixed_rate == Decimal("0.0450") and mandate.status == "completed"
        assert mandate.client_id == data.get("client", mandate.client_id)
