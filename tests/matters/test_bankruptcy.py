"""The debtor's bankruptcy in a matter: the claim record (API and checks), its declaration deadline, limitation,
the balance that stops interest on acceptance, and closing with part recovered and the rest written off."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from matters import balances, selectors, services
from matters.models import Matter, TimelineEvent
from tests.matters.helpers import make_matter, valid_uscc

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def post(browser, url, data):
    return browser.post(url, data, content_type="application/json")


def patch(browser, url, data):
    return browser.patch(url, data, content_type="application/json")


def interest_matter(people, **fields):
    fields.setdefault("principal", Decimal("100000.00"))
    fields.setdefault("due_date", date(2025, 12, 31))
    return make_matter(people.partner, interest_type="fixed", interest_rate=Decimal("3.65"), lawyer=people.lawyer,
                       **fields)


def deadlines(matter, kind, today=TODAY):
    return [item for item in selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today)
            if item.kind == kind]


def test_bankruptcy_claim_is_recorded_through_the_api_with_its_declaration_period_checked(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
    api = alpha.client(alpha.lawyer)
    base = f"/api/v1/matters/{matter.pk}/bankruptcy-claims/"
    claim = {"court": "杭州市中级人民法院", "case_number": "（2026）浙01破5号", "accepted_on": "2026-03-01",
             "notice_on": "2026-03-10", "administrator_name": "浙江某某律师事务所"}
    too_short = post(api, base, {**claim, "declaration_deadline": "2026-04-08"})
    assert too_short.status_code == 400
    assert "declaration_deadline" in too_short.json()["fields"]
    assert "第四十五条" in too_short.json()["message"]
    too_long = post(api, base, {**claim, "declaration_deadline": "2026-06-11"})
    assert too_long.status_code == 400
    created = post(api, base, {**claim, "declaration_deadline": "2026-06-10"})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["declaration_deadline"] == "2026-06-10" and body["secured"] is False
    assert body["distributions_received"] == "0.00"
    early = patch(api, f"{base}{body['id']}/", {"declared_on": "2026-02-20"})
    assert early.status_code == 400 and "declared_on" in early.json()["fields"]
    declared = patch(api, f"{base}{body['id']}/", {"declared_on": "2026-04-20", "declared_amount": "100590.00"})
    assert declared.status_code == 200 and declared.json()["declared_amount"] == "100590.00"
    with schema_context(alpha.firm.schema_name):
        assert TimelineEvent.objects.filter(matter=matter, record_type="bankruptcy_claim").count() == 2


def test_finance_clerks_read_claims_but_do_not_write_them(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                         accepted_on=date(2026, 3, 1))
    api = alpha.client(alpha.finance)
    base = f"/api/v1/matters/{matter.pk}/bankruptcy-claims/"
    listed = api.get(base)
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert post(api, base, {"court": "某法院", "accepted_on": "2026-03-01"}).status_code == 403


def test_declaration_deadline_is_a_deadline_of_the_matter_done_once_declared(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        claim = services.bankruptcy_claim_create(
            actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院", accepted_on=date(2026, 3, 1),
            notice_on=date(2026, 3, 10), declaration_deadline=date(2026, 6, 10),
            administrator_name="浙江某某律师事务所")
        (deadline,) = deadlines(matter, "bankruptcy_declaration", today=date(2026, 5, 1))
        assert deadline.due_date == date(2026, 6, 10)
        assert deadline.label == "破产债权申报期限届满（浙江某某律师事务所）"
        assert not deadline.done and not deadline.overdue
        assert "第四十五条" in deadline.legal_basis and "第五十六条" in deadline.note
        (late,) = deadlines(matter, "bankruptcy_declaration", today=date(2026, 6, 11))
        assert late.overdue  # still to be declared: a late claim can be declared before the final distribution
        services.stage_record_update(actor=alpha.lawyer, record=claim, declared_on=date(2026, 6, 1))
        (declared,) = deadlines(matter, "bankruptcy_declaration", today=date(2026, 6, 11))
        assert declared.done and not declared.overdue


def test_declaring_a_claim_interrupts_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha, due_date=date(2023, 6, 30))
        (before,) = deadlines(matter, "limitation")
        assert before.due_date == date(2026, 6, 30)
        services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                         accepted_on=date(2026, 3, 1), declared_on=date(2026, 4, 20))
        (after,) = deadlines(matter, "limitation")
    # Three years from the declaration: 2029-04-20 is a Friday.
    assert after.due_date == date(2029, 4, 20)
    assert "2026-04-20" in after.note


def test_balance_accrues_no_interest_after_the_acceptance_date(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        before_bankruptcy = balances.matter_balance(matter, as_of=date(2026, 11, 20))
        services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                         accepted_on=date(2026, 3, 1))
        matter = Matter.objects.get(pk=matter.pk)
        at_acceptance = balances.matter_balance(matter, as_of=date(2026, 3, 1))
        months_later = balances.matter_balance(matter, as_of=date(2026, 11, 20))
        not_yet = balances.matter_balance(matter, as_of=date(2026, 2, 1))
    # 100,000.00 × 3.65% × 59 days (1 January – 28 February) / 365 = 590.00; nothing on or after 1 March.
    assert at_acceptance.interest == months_later.interest == Decimal("590.00")
    assert months_later.outstanding == Decimal("100590.00")
    assert months_later.segments[-1].end == date(2026, 2, 28)
    assert any("第四十六条" in note for note in months_later.notes)
    assert before_bankruptcy.interest > Decimal("3000.00")  # without the bankruptcy it runs on to November
    # Before acceptance the balance is as it always was: 31 days of January = 310.00.
    assert not_yet.interest == Decimal("310.00")
    assert not any("第四十六条" in note for note in not_yet.notes)


def test_a_distribution_after_acceptance_pays_interest_then_principal(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                         accepted_on=date(2026, 3, 1))
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 10, 1),
                                amount=Decimal("10000.00"), payer_kind="other")
        balance = balances.matter_balance(Matter.objects.get(pk=matter.pk), as_of=date(2026, 11, 20))
    assert balance.error == ""
    assert balance.interest == Decimal("590.00")
    assert balance.interest_outstanding == Decimal("0.00")
    assert balance.principal_outstanding == Decimal("90590.00")
    assert balance.outstanding == Decimal("90590.00")
    (application,) = balance.applications
    assert (application.to_interest, application.to_principal) == (Decimal("590.00"), Decimal("9410.00"))


def test_a_bankruptcy_before_interest_starts_leaves_no_interest(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha, due_date=date(2026, 5, 31))  # not yet due at acceptance: due then
        services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                         accepted_on=date(2026, 3, 1))
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 9, 1),
                                amount=Decimal("1000.00"), payer_kind="other")
        balance = balances.matter_balance(Matter.objects.get(pk=matter.pk), as_of=date(2026, 11, 20))
    assert balance.interest == Decimal("0.00") and balance.error == ""
    assert balance.outstanding == Decimal("99000.00")


def _in_write_off_stage(people, matter):
    services.bankruptcy_claim_create(actor=people.lawyer, matter=matter, court="杭州市中级人民法院",
                                     accepted_on=date(2026, 3, 1), declared_on=date(2026, 4, 20),
                                     final_distribution_on=date(2026, 10, 1),
                                     distributions_received=Decimal("10000.00"))
    return services.matter_transition(
        actor=people.lawyer, matter=matter, version=Matter.objects.get(pk=matter.pk).version, to_stage="write_off",
        record={"basis": "bankruptcy", "basis_date": date(2026, 10, 20), "document_number": "（2026）浙01破5号之三"})


def test_closing_as_partly_recovered_and_written_off_needs_a_partner_the_basis_and_money_recovered(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = _in_write_off_stage(alpha, interest_matter(alpha))
        with pytest.raises(PermissionDenied):
            services.matter_transition(actor=alpha.lawyer, matter=matter, version=matter.version,
                                       outcome="partial_write_off")
        with pytest.raises(ValidationError) as nothing_recovered:
            services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                       outcome="partial_write_off")
        assert "尚未登记任何回款" in str(nothing_recovered.value)
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 10, 1),
                                amount=Decimal("10000.00"), payer_kind="other")
        matter = Matter.objects.get(pk=matter.pk)
        closed = services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                            outcome="partial_write_off", reason="破产财产最后分配完毕，余额核销",
                                            on_date=date(2026, 11, 20))
        assert closed.outcome == "partial_write_off" and closed.closed_on == date(2026, 11, 20)
        event = TimelineEvent.objects.filter(matter=matter, kind="outcome_set").get()
        assert "部分回收并核销" in event.summary and alpha.partner.name in event.summary
        assert "破产裁定" in event.summary
        # The approved basis stays as approved while the matter is closed so.
        basis = matter.write_offs.get()
        with pytest.raises(ValidationError):
            services.stage_record_delete(actor=alpha.partner, record=basis)


def test_closing_as_partly_written_off_outside_the_write_off_stage_is_refused(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 10, 1),
                                amount=Decimal("10000.00"))
        matter = Matter.objects.get(pk=matter.pk)
        with pytest.raises(ValidationError) as refused:
            services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                       outcome="partial_write_off")
    assert "核销依据" in str(refused.value)


def test_closing_form_offers_partial_write_off_to_partners_only(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
    partner_page = alpha.client(alpha.partner).get(f"/matters/{matter.pk}/").content.decode()
    lawyer_page = alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/").content.decode()
    assert 'value="partial_write_off"' in partner_page
    assert 'value="partial_write_off"' not in lawyer_page


def test_another_firm_cannot_reach_a_bankruptcy_claim(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
        claim = services.bankruptcy_claim_create(actor=alpha.lawyer, matter=matter, court="杭州市中级人民法院",
                                                 accepted_on=date(2026, 3, 1))
    browser = beta.client(beta.partner)
    base = f"/api/v1/matters/{matter.pk}/bankruptcy-claims/"
    assert browser.get(base).status_code == 404
    assert browser.get(f"{base}{claim.pk}/").status_code == 404
    assert patch(browser, f"{base}{claim.pk}/", {"declared_on": "2026-04-01"}).status_code == 404
    assert browser.get(f"/matters/{matter.pk}/records/bankruptcy-claims/{claim.pk}/edit/").status_code == 404
    for user in (alpha.client_a, alpha.client_b):
        portal = alpha.client(user)
        assert portal.get(f"{base}{claim.pk}/").status_code == 403
        assert portal.get(f"/matters/{matter.pk}/records/bankruptcy-claims/{claim.pk}/edit/").status_code == 403
    with schema_context(alpha.firm.schema_name):
        claim.refresh_from_db()
        assert claim.declared_on is None


def test_credit_investigation_is_recorded_through_the_page_form(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = interest_matter(alpha)
    browser = alpha.client(alpha.lawyer)
    url = f"/matters/{matter.pk}/records/credit-investigations/new/"
    assert browser.get(url).status_code == 200
    wrong = browser.post(url, {"investigated_on": "2026-11-01", "established_on": "2026-11-10",
                               "registration_status": "active"})
    assert "成立日期不能晚于调查日期" in wrong.content.decode()
    response = browser.post(url, {"investigated_on": "2026-11-01", "established_on": "2015-04-01",
                                  "registration_status": "revoked", "registered_capital": "5,000,000",
                                  "registration_source": "国家企业信用信息公示系统", "litigation_count": "12",
                                  "dishonest_debtor": "on", "litigation_source": "中国执行信息公开网",
                                  "conclusion": "债务人已被吊销营业执照，无可供执行财产", "recommended_road": "write_off"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert matter.credit_investigations.count() == 1  # the refused one left nothing behind
        investigation = matter.credit_investigations.get()
    assert investigation.registered_capital == Decimal("5000000.00") and investigation.dishonest_debtor
    assert investigation.get_registration_status_display() == "吊销"


def test_client_bank_account_is_kept_through_the_api(alpha):
    api = alpha.client(alpha.partner)
    created = post(api, "/api/v1/clients/", {"name": "上海收款贸易有限公司", "uscc": valid_uscc(),
                                             "bank_name": "中国银行上海黄浦支行", "bank_account": "456789012345"})
    assert created.status_code == 201, created.json()
    changed = patch(api, f"/api/v1/clients/{created.json()['id']}/", {"bank_account": "456789019999"})
    assert changed.json()["bank_name"] == "中国银行上海黄浦支行" and changed.json()["bank_account"] == "456789019999"
    page = api.get(f"/clients/{created.json()['id']}/").content.decode()
    assert "中国银行上海黄浦支行 456789019999" in page
