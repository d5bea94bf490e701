"""The matters REST API: CRUD, roles, transitions with conflicts, records, evidence, errors, query counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from matters import services
from matters.models import Client as ClientModel
from matters.models import EvidenceFile, Matter
from tests.matters.helpers import (
    PDF_BYTES,
    make_debtor,
    make_mandate,
    make_matter,
    valid_resident_id,
    valid_uscc,
)

pytestmark = pytest.mark.django_db


def post(browser, url, data):
    return browser.post(url, data, content_type="application/json")


def patch(browser, url, data):
    return browser.patch(url, data, content_type="application/json")


# --- CRUD ------------------------------------------------------------------------------------------------------


def test_full_flow_client_debtor_mandate_matter(alpha):
    api = alpha.client(alpha.lawyer)
    client = post(api, "/api/v1/clients/", {
        "name": "上海申江贸易有限公司", "uscc": valid_uscc(), "legal_representative": "陈总",
        "contacts": [{"name": "刘会计", "phone": "13900000000", "email": "liu@example.com"}]})
    assert client.status_code == 201, client.json()
    assert client.json()["contacts"][0]["name"] == "刘会计"
    debtor = post(api, "/api/v1/debtors/", {"kind": "person", "name": "张三", "id_number": valid_resident_id(),
                                            "addresses": ["北京市朝阳区建国路1号"], "phones": ["13700000000"]})
    assert debtor.status_code == 201, debtor.json()
    mandate = post(api, "/api/v1/mandates/", {
        "client": client.json()["id"], "contract_date": "2026-01-10", "responsible_partner": alpha.partner.pk,
        "team": [alpha.lawyer.pk, alpha.paralegal.pk], "fee_type": "risk", "upfront_rate": "0.03",
        "authority": "special", "special_powers": ["settle", "receive_enforcement_money"]})
    assert mandate.status_code == 201, mandate.json()
    assert mandate.json()["success_rate"] == "0.1000"
    matter = post(api, "/api/v1/matters/", {
        "mandate": mandate.json()["id"], "debtor": debtor.json()["id"], "cause": "loan", "principal": "80000.00",
        "due_date": "2025-06-30", "interest_type": "lpr", "lpr_multiplier": "1.5", "lawyer": alpha.lawyer.pk})
    assert matter.status_code == 201, matter.json()
    body = matter.json()
    assert body["reference"].startswith(f"QS-{timezone.localdate().year}-")
    assert body["stage"] == "due_diligence" and body["outcome"] == "open" and body["version"] == 1
    assert body["client_name"] == "上海申江贸易有限公司"
    assert Decimal(body["balance"]["outstanding"]) > Decimal("80000.00")

    changed = patch(api, f"/api/v1/matters/{body['id']}/", {"description": "借款到期未还", "version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = patch(api, f"/api/v1/matters/{body['id']}/", {"description": "又改", "version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stage_conflict"

    detail = api.get(f"/api/v1/matters/{body['id']}/").json()
    assert detail["description"] == "借款到期未还"
    assert api.get(f"/api/v1/clients/{client.json()['id']}/").json()["uscc"] == client.json()["uscc"]


def test_wrong_uscc_is_a_400_with_a_chinese_message_and_nothing_saved(alpha):
    good = valid_uscc()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = post(alpha.client(alpha.partner), "/api/v1/clients/", {"name": "某公司", "uscc": bad})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "校验位" in body["message"]
    assert "uscc" in body["fields"]
    with schema_context(alpha.firm.schema_name):
        assert not ClientModel.objects.filter(name="某公司").exists()


def test_malformed_amounts_are_400_not_500(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    api = alpha.client(alpha.finance)
    for amount in ("12,3a", "1.234", "-5", "", "1e400"):
        response = post(api, "/api/v1/payments/", {"matter": matter.pk, "received_on": "2026-01-02",
                                                   "amount": amount})
        assert response.status_code == 400, amount
        assert response.json()["message"]
    mandate_response = post(alpha.client(alpha.partner), "/api/v1/matters/", {
        "mandate": matter.mandate_id, "debtor": matter.debtor_id, "principal": "abc", "due_date": "2025-13-01"})
    assert mandate_response.status_code == 400
    assert set(mandate_response.json()["fields"]) >= {"principal", "due_date"}


def test_risk_arrangement_refusal_reaches_the_api_with_its_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        client_id = services.client_create(actor=alpha.partner, name="甲公司", uscc=valid_uscc()).pk
    response = post(alpha.client(alpha.partner), "/api/v1/mandates/", {
        "client": client_id, "contract_date": "2026-01-10", "responsible_partner": alpha.partner.pk,
        "fee_type": "risk", "upfront_rate": "0.03", "success_rate": "0.25"})
    assert response.status_code == 400
    assert "18%" in response.json()["message"]


def test_duplicate_debtor_number_names_the_existing_debtor(alpha):
    number = valid_uscc()
    api = alpha.client(alpha.partner)
    assert post(api, "/api/v1/debtors/", {"name": "乙公司", "id_number": number}).status_code == 201
    again = post(api, "/api/v1/debtors/", {"name": "乙公司二", "id_number": number})
    assert again.status_code == 400
    assert "乙公司" in again.json()["message"]


# --- roles -----------------------------------------------------------------------------------------------------


def test_roles_payments_by_finance_and_partner_matters_by_workers(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    payment = {"matter": matter.pk, "received_on": "2026-01-02", "amount": "100.00"}
    assert post(alpha.client(alpha.finance), "/api/v1/payments/", payment).status_code == 201
    assert post(alpha.client(alpha.partner), "/api/v1/payments/", payment).status_code == 201
    assert post(alpha.client(alpha.lawyer), "/api/v1/payments/", payment).status_code == 403
    assert post(alpha.client(alpha.paralegal), "/api/v1/payments/", payment).status_code == 403
    assert alpha.client(alpha.lawyer).get("/api/v1/payments/").json()["count"] == 2

    entry = {"matter": matter.pk, "kind": "call", "occurred_on": "2026-01-03", "summary": "电话催收"}
    assert post(alpha.client(alpha.paralegal), "/api/v1/worklog/", entry).status_code == 201
    assert post(alpha.client(alpha.finance), "/api/v1/worklog/", entry).status_code == 403
    assert alpha.client(alpha.finance).get(f"/api/v1/matters/{matter.pk}/").status_code == 200
    move = {"to_stage": "demand_letter", "version": 1}
    assert post(alpha.client(alpha.finance), f"/api/v1/matters/{matter.pk}/transition/", move).status_code == 403
    assert post(alpha.client(alpha.paralegal), f"/api/v1/matters/{matter.pk}/transition/", move).status_code == 200


# --- transitions -----------------------------------------------------------------------------------------------


def test_transition_api_conflict_backward_and_record_fields(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, lawyer=alpha.lawyer)
    url = f"/api/v1/matters/{matter.pk}/transition/"
    first, second = alpha.client(alpha.lawyer), alpha.client(alpha.paralegal)

    needs_court = post(first, url, {"to_stage": "litigation", "version": 1})
    assert needs_court.status_code == 400 and "court" in needs_court.json()["fields"]

    won = post(first, url, {"to_stage": "litigation", "version": 1, "court": "上海市浦东新区人民法院",
                            "case_number": "（2026）沪0115民初88号", "filed_on": "2026-03-05"})
    assert won.status_code == 200, won.json()
    assert won.json()["stage"] == "litigation" and won.json()["version"] == 2
    lost = post(second, url, {"to_stage": "negotiation", "version": 1, "reason": "和谈"})
    assert lost.status_code == 409
    assert lost.json()["code"] == "stage_conflict"
    assert lost.json()["fields"]["current_stage"] == "litigation"
    assert "刷新" in lost.json()["message"]

    backward = post(second, url, {"to_stage": "negotiation", "version": 2})
    assert backward.status_code == 400 and "reason" in backward.json()["fields"]
    assert post(second, url, {"to_stage": "negotiation", "version": 2, "reason": "庭外和解"}).status_code == 200

    neither = post(first, url, {"version": 3})
    assert neither.status_code == 400
    closed = post(first, url, {"outcome": "recovered", "version": 3})
    assert closed.status_code == 200 and closed.json()["outcome"] == "recovered"

    timeline = first.get(f"/api/v1/matters/{matter.pk}/timeline/?deadlines=false").json()
    kinds = [item["kind"] for item in timeline]
    assert kinds.count("stage_changed") == 2 and "outcome_set" in kinds and "matter_created" in kinds
    backward_event = next(item for item in timeline if item["kind"] == "stage_changed" and item["to_stage"] == "negotiation")
    assert backward_event["reason"] == "庭外和解" and backward_event["actor_name"] == alpha.paralegal.name
    assert first.get(f"/api/v1/matters/{matter.pk}/lawsuits/").json()["results"][0]["case_number"] == \
        "（2026）沪0115民初88号"


# --- stage records ---------------------------------------------------------------------------------------------


def test_stage_records_as_sub_resources(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        other = make_matter(alpha.partner)
        other_preservation = services.preservation_create(actor=alpha.partner, matter=other, court="某法院")
    api = alpha.client(alpha.lawyer)
    base = f"/api/v1/matters/{matter.pk}"
    lead = post(api, f"{base}/asset-leads/", {"kind": "equity", "description": "持有某公司30%股权",
                                              "source": "企查查", "estimated_value": "300000.00"})
    assert lead.status_code == 201, lead.json()
    letter = post(api, f"{base}/letters/", {"sent_on": "2026-01-05", "method": "ems",
                                            "tracking_number": "EA123456789CN", "delivered_on": "2026-01-04"})
    assert letter.status_code == 400 and "delivered_on" in letter.json()["fields"]
    preservation = post(api, f"{base}/preservations/", {"court": "上海市黄浦区人民法院", "pre_suit": True,
                                                        "ruling_number": "（2026）沪0101财保1号",
                                                        "ruling_on": "2026-02-02"})
    assert preservation.status_code == 201
    wrong_parent = post(api, f"{base}/freezes/", {"preservation": other_preservation.pk, "kind": "movable",
                                                  "description": "车辆", "frozen_on": "2026-02-03"})
    assert wrong_parent.status_code == 400
    freeze = post(api, f"{base}/freezes/", {"preservation": preservation.json()["id"], "kind": "bank_deposit",
                                            "description": "建设银行账户", "amount": "52000.00",
                                            "frozen_on": "2024-03-15"})
    assert freeze.status_code == 201, freeze.json()
    # the period counts its first day and is not moved over holidays; renewal 7 days before, on a working day
    assert freeze.json()["expires_on"] is None  # the notice's date was not entered
    assert freeze.json()["period_ends_on"] == "2025-03-14"
    assert freeze.json()["renew_by"] == freeze.json()["renewal_deadline"] == "2025-03-07"
    stated = post(api, f"{base}/freezes/", {"preservation": preservation.json()["id"], "kind": "bank_deposit",
                                            "description": "工商银行账户", "frozen_on": "2024-03-16",
                                            "expires_on": "2025-03-15"})
    assert stated.status_code == 201, stated.json()
    # 2025-03-08 is a Saturday: apply by Friday 2025-03-07
    assert (stated.json()["period_ends_on"], stated.json()["renew_by"], stated.json()["renewal_deadline"]) == (
        "2025-03-15", "2025-03-08", "2025-03-07")
    too_early = post(api, f"{base}/freezes/", {"preservation": preservation.json()["id"], "kind": "bank_deposit",
                                               "description": "账户", "frozen_on": "2024-03-16",
                                               "expires_on": "2024-03-01"})
    assert too_early.status_code == 400 and "expires_on" in str(too_early.json())
    agreement = post(api, f"{base}/repayment-agreements/", {
        "signed_on": "2026-01-10", "compromise_amount": "2000.00",
        "instalments": [{"due_on": "2026-02-10", "amount": "1000.00"},
                                                   {"due_on": "2026-03-10", "amount": "1000.00"}]})
    assert agreement.status_code == 201, agreement.json()
    assert agreement.json()["total_amount"] == "2000.00"
    assert [row["status"] for row in agreement.json()["instalments"]] == ["missed", "missed"]
    record_id = lead.json()["id"]
    assert patch(api, f"{base}/asset-leads/{record_id}/", {"source": "法院网络查控"}).json()["source"] == "法院网络查控"
    assert api.delete(f"{base}/asset-leads/{record_id}/").status_code == 204
    with schema_context(alpha.firm.schema_name):
        kinds = list(matter.timeline_events.values_list("kind", flat=True))
    assert {"record_added", "record_changed", "record_removed"} <= set(kinds)


# --- evidence --------------------------------------------------------------------------------------------------


def test_evidence_upload_and_download_through_the_api(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    api = alpha.client(alpha.lawyer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploaded = api.post("/api/v1/evidence/", {"matter": matter.pk, "category": "iou",
                                              "file": SimpleUploadedFile("欠条.pdf", PDF_BYTES)})
    assert uploaded.status_code == 201, uploaded.json()
    body = uploaded.json()
    assert body["content_type"] == "application/pdf" and body["original_name"] == "欠条.pdf"
    download = api.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "attachment" in download["Content-Disposition"]

    fake = api.post("/api/v1/evidence/", {"matter": matter.pk, "file": SimpleUploadedFile(
        "合同.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows program")})
    assert fake.status_code == 400
    assert "文件内容" in fake.json()["message"]
    with schema_context(alpha.firm.schema_name):
        assert EvidenceFile.objects.filter(matter=matter).count() == 1
    # Stored under the firm's own folder, with a name of our choosing.
    stored = list(media_root.rglob("*.pdf"))
    assert len(stored) == 1 and alpha.firm.schema_name in str(stored[0]) and "欠条" not in stored[0].name


# --- lists, filters, deadlines ---------------------------------------------------------------------------------


def test_matter_list_filters_and_search(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        debtor = make_debtor(alpha.partner, name="苏州金鼎机械制造有限公司")
        first = make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="sale", lawyer=alpha.lawyer)
        second = make_matter(alpha.partner, cause="loan", stage="litigation")
        services.lawsuit_create(actor=alpha.partner, matter=second, court="某法院",
                                case_number="（2026）苏0505民初777号")
        third = make_matter(alpha.partner, cause="lease")
        services.matter_transition(actor=alpha.partner, matter=third, version=1, outcome="withdrawn")
    api = alpha.client(alpha.paralegal)

    def ids(**params):
        return {row["id"] for row in api.get("/api/v1/matters/", params).json()["results"]}

    assert ids(search="金鼎") == {first.pk}
    assert ids(search=debtor.id_number) == {first.pk}
    assert ids(search=first.reference) == {first.pk}
    assert ids(search="苏0505民初777") == {second.pk}
    assert ids(stage="litigation") == {second.pk}
    assert ids(outcome="withdrawn") == {third.pk}
    assert ids(cause="loan") == {second.pk}
    assert ids(lawyer=alpha.lawyer.pk) == {first.pk}
    assert ids(client=mandate.client_id) == {first.pk}
    assert ids(mandate=mandate.pk) == {first.pk}
    assert api.get("/api/v1/matters/", {"stage": "nonsense"}).status_code == 400


def test_matter_list_query_count_does_not_grow(alpha, django_assert_max_num_queries):
    api = alpha.client(alpha.partner)

    def make(count):
        with schema_context(alpha.firm.schema_name):
            mandate = make_mandate(alpha.partner)
            for _index in range(count):
                matter = make_matter(alpha.partner, mandate=mandate, lawyer=alpha.lawyer,
                                     guarantors=[make_debtor(alpha.partner)], interest_type="fixed",
                                     interest_rate=Decimal("6"))
                services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 1, 2),
                                        amount=Decimal("100.00"))

    def measure():
        api.get("/api/v1/matters/")  # warm caches (reference data)
        with CaptureQueriesContext(connection) as queries:
            response = api.get("/api/v1/matters/")
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    make(3)
    few, count_few = measure()
    make(27)
    many, count_many = measure()
    assert (count_few, count_many) == (3, 30)
    assert many == few
    with django_assert_max_num_queries(few):
        api.get("/api/v1/matters/")


def test_deadlines_endpoint_shows_the_persons_upcoming_and_overdue(alpha):
    today = timezone.localdate()
    with schema_context(alpha.firm.schema_name):
        mine = make_matter(alpha.partner, lawyer=alpha.lawyer)
        suit = services.lawsuit_create(actor=alpha.partner, matter=mine, court="某法院", case_number="A1",
                                       filed_on=today - timedelta(days=40))
        services.hearing_create(actor=alpha.partner, matter=mine, lawsuit=suit, held_on=today + timedelta(days=5))
        services.preservation_create(actor=alpha.partner, matter=mine, court="某法院", pre_suit=True,
                                     ruling_on=today - timedelta(days=100))
        other = make_matter(alpha.partner, lawyer=alpha.partner)
        services.repayment_agreement_create(actor=alpha.partner, matter=other, signed_on=today - timedelta(days=20),
                                            compromise_amount=Decimal("500.00"), instalments=[{"due_on": today - timedelta(days=3),
                                                          "amount": Decimal("500.00")}])
    lawyer_items = alpha.client(alpha.lawyer).get("/api/v1/deadlines/").json()["results"]
    assert {item["kind"] for item in lawyer_items} == {"hearing"}
    assert lawyer_items[0]["matter_reference"] == mine.reference
    partner_items = alpha.client(alpha.partner).get("/api/v1/deadlines/", {"overdue": "true"}).json()["results"]
    # The partner is responsible partner of both mandates (made by make_mandate) and lawyer of the other.
    assert any(item["kind"] == "instalment" and item["overdue"] for item in partner_items)
    assert all(item["overdue"] for item in partner_items)
    all_of_matter = alpha.client(alpha.lawyer).get(f"/api/v1/matters/{mine.pk}/deadlines/").json()
    kinds = {item["kind"] for item in all_of_matter}
    assert {"limitation", "hearing", "suit_after_preservation"} <= kinds
    assert alpha.client(alpha.lawyer).get("/api/v1/deadlines/", {"days": "x"}).status_code == 400


def test_balance_endpoint(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("100000.00"), costs=Decimal("1000.00"),
                             interest_type="fixed", interest_rate=Decimal("10"), due_date=date(2024, 1, 1))
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2024, 4, 1),
                                amount=Decimal("5000.00"))
    api = alpha.client(alpha.finance)
    body = api.get(f"/api/v1/matters/{matter.pk}/balance/", {"as_of": "2024-04-01"}).json()
    assert body["outstanding"] == "98465.75"
    assert body["applications"][0]["to_interest"] == "2465.75"
    assert api.get(f"/api/v1/matters/{matter.pk}/balance/", {"as_of": "bad"}).status_code == 400


def test_openapi_schema_lists_the_matters_api(alpha):
    schema = alpha.client().get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/matters/{id}/transition/", "/api/v1/evidence/{id}/download/", "/api/v1/deadlines/",
                 "/api/v1/matters/{matter_pk}/freezes/", "/api/v1/payments/", "/api/v1/worklog/"):
        assert path in schema, path


def test_matter_count_is_per_firm(alpha):
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.count() == 0


def test_entering_demand_letter_stage_records_the_letter_and_delivery_restarts_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2023, 4, 3))
    api = alpha.client(alpha.lawyer)
    moved = post(api, f"/api/v1/matters/{matter.pk}/transition/", {
        "to_stage": "demand_letter", "version": 1, "sent_on": "2024-03-01", "letter_method": "courier",
        "tracking_number": "SF1234567890", "delivered_on": "2024-03-04"})
    assert moved.status_code == 200, moved.json()
    (letter,) = api.get(f"/api/v1/matters/{matter.pk}/letters/").json()["results"]
    assert (letter["method"], letter["delivered_on"]) == ("courier", "2024-03-04")
    limitation = next(item for item in api.get(f"/api/v1/matters/{matter.pk}/deadlines/").json()
                      if item["kind"] == "limitation")
    assert limitation["due_date"] == "2027-03-04"
    bad = post(api, f"/api/v1/matters/{matter.pk}/transition/", {
        "to_stage": "negotiation", "version": 2, "letter_method": "pigeon"})
    assert bad.status_code == 200  # letter fields only matter when entering the demand-letter stage


def test_interrupting_work_log_entry_through_the_api_needs_its_basis(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
    api = alpha.client(alpha.paralegal)
    entry = {"matter": matter.pk, "kind": "visit", "occurred_on": "2022-06-15", "summary": "债务人签字确认欠款",
             "interrupts_limitation": True}
    missing = post(api, "/api/v1/worklog/", entry)
    assert missing.status_code == 400 and "interruption_basis" in missing.json()["fields"]
    assert post(api, "/api/v1/worklog/", {**entry, "interruption_basis": "acknowledgement"}).status_code == 201
    limitation = next(item for item in api.get(f"/api/v1/matters/{matter.pk}/deadlines/").json()
                      if item["kind"] == "limitation")
    assert limitation["due_date"] == "2025-06-16"
    future = post(api, "/api/v1/worklog/", {**entry, "occurred_on": "2099-01-01", "interrupts_limitation": False})
    assert future.status_code == 400


def test_records_of_one_matter_are_not_reachable_under_another(alpha):
    with schema_context(alpha.firm.schema_name):
        first = make_matter(alpha.partner)
        second = make_matter(alpha.partner)
        lead = services.asset_lead_create(actor=alpha.partner, matter=first, kind="vehicle", description="车辆")
    api = alpha.client(alpha.lawyer)
    assert api.get(f"/api/v1/matters/{first.pk}/asset-leads/{lead.pk}/").status_code == 200
    assert api.get(f"/api/v1/matters/{second.pk}/asset-leads/{lead.pk}/").status_code == 404
    assert patch(api, f"/api/v1/matters/{second.pk}/asset-leads/{lead.pk}/", {"description": "x"}).status_code == 404
    assert api.get("/api/v1/matters/abc/asset-leads/").status_code == 404
