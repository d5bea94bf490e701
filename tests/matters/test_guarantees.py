"""Guarantees: each guarantor of a matter with the kind and period of the guarantee, through the services, the
API and the pages; the guarantee period and the guarantee's own limitation as deadlines."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from matters import selectors, services
from matters.models import Guarantee
from tests.matters.helpers import make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db


def post(browser, url, data):
    return browser.post(url, data, content_type="application/json")


def deadlines_of(matter, today):
    return selectors.deadlines_for_matters(type(matter).objects.filter(pk=matter.pk), today=today)


def only(items, kind):
    found = [item for item in items if item.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- services and deadlines -------------------------------------------------------------------------------------


def test_a_guarantor_given_by_id_is_a_general_guarantee_with_the_statutory_period(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="赵五担保有限公司")
        matter = make_matter(alpha.partner, guarantors=[guarantor], due_date=date(2025, 1, 15))
        guarantee = Guarantee.objects.get(matter=matter)
        assert (guarantee.debtor, guarantee.kind, guarantee.period_ends_on) == (guarantor, "general", None)
        deadline = only(deadlines_of(matter, date(2025, 3, 1)), "guarantee_period")
        assert deadline.due_date == date(2025, 7, 15)
        assert deadline.label == "保证期间届满（赵五担保有限公司）"
        assert not deadline.done and deadline.warn_from == date(2025, 6, 15)


def test_a_general_guarantee_is_kept_alive_by_suing_the_debtor_within_the_period(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, guarantees=[{"debtor": make_debtor(alpha.partner)}],
                             due_date=date(2025, 1, 15))
        released = only(deadlines_of(matter, date(2025, 8, 1)), "guarantee_period")
        assert released.overdue and "不再承担保证责任" in released.note
        services.lawsuit_create(actor=alpha.partner, matter=matter, court="杭州市西湖区人民法院",
                                filed_on=date(2025, 7, 15))
        items = deadlines_of(matter, date(2025, 8, 1))
        assert only(items, "guarantee_period").done
        assert not [item for item in items if item.kind == "guarantee_limitation"]


def test_a_letter_delivered_to_a_joint_guarantor_in_time_keeps_the_guarantee_and_starts_its_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="连保公司")
        matter = make_matter(alpha.partner, due_date=date(2025, 1, 15), guarantees=[
            {"debtor": guarantor, "kind": "joint", "period_ends_on": date(2026, 1, 15)}])
        services.demand_letter_create(actor=alpha.partner, matter=matter, recipient=guarantor,
                                      sent_on=date(2025, 3, 1), delivered_on=date(2025, 3, 3))
        items = deadlines_of(matter, date(2025, 6, 1))
        period = only(items, "guarantee_period")
        assert period.done and period.due_date == date(2026, 1, 15)
        limitation = only(items, "guarantee_limitation")
        assert limitation.due_date == date(2028, 3, 3)
        assert limitation.label == "保证债务诉讼时效届满（连保公司）"
        assert limitation.legal_basis == "《民法典》第六百九十四条"
        # A demand on the guarantor is no demand on the debtor: the debt's own limitation runs from the due date.
        assert only(items, "limitation").due_date == date(2028, 1, 17)


def test_a_letter_to_a_joint_guarantor_after_the_period_comes_too_late(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner)
        matter = make_matter(alpha.partner, due_date=date(2025, 1, 15),
                             guarantees=[{"debtor": guarantor, "kind": "joint"}])
        services.demand_letter_create(actor=alpha.partner, matter=matter, recipient=guarantor,
                                      sent_on=date(2025, 7, 10), delivered_on=date(2025, 7, 16))
        period = only(deadlines_of(matter, date(2025, 8, 1)), "guarantee_period")
        assert period.overdue and period.due_date == date(2025, 7, 15)


def test_a_letter_cannot_go_to_someone_who_is_no_party_of_the_matter(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.demand_letter_create(actor=alpha.partner, matter=matter, recipient=make_debtor(alpha.partner),
                                          sent_on=date(2025, 3, 1))
        assert "recipient" in error.value.message_dict


def test_the_deadline_lists_warn_of_a_guarantee_period_thirty_days_ahead(alpha):
    with schema_context(alpha.firm.schema_name):
        make_matter(alpha.partner, lawyer=alpha.lawyer, due_date=date(2026, 5, 1),
                    guarantees=[{"debtor": make_debtor(alpha.partner), "period_ends_on": date(2026, 11, 20)}])
        kinds = [item.kind for item in selectors.upcoming_deadlines_for_user(alpha.lawyer, days=7,
                                                                             today=date(2026, 10, 25))]
        assert "guarantee_period" in kinds
        early = [item.kind for item in selectors.upcoming_deadlines_for_user(alpha.lawyer, days=7,
                                                                             today=date(2026, 10, 20))]
        assert "guarantee_period" not in early


def test_updating_the_guarantors_by_id_keeps_the_terms_of_those_who_stay(alpha):
    with schema_context(alpha.firm.schema_name):
        stays, leaves, joins = (make_debtor(alpha.partner) for _ in range(3))
        matter = make_matter(alpha.partner, guarantees=[{"debtor": stays, "kind": "joint"}, {"debtor": leaves}])
        services.matter_update(actor=alpha.partner, matter=matter, guarantors=[stays, joins])
        assert dict(Guarantee.objects.filter(matter=matter).values_list("debtor", "kind")) == {
            stays.pk: "joint", joins.pk: "general"}


@pytest.mark.parametrize("entry, field", [
    ({"kind": "solidary"}, "guarantees"),
    ({"contract": "other matter"}, "guarantees"),
])
def test_bad_guarantee_terms_are_refused_by_the_service(alpha, media_root, entry, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.matters.helpers import PDF_BYTES

    with schema_context(alpha.firm.schema_name):
        other = make_matter(alpha.partner)
        if entry.get("contract"):
            entry = {"contract": services.evidence_upload(actor=alpha.partner, matter=other, category="guarantee",
                                                          file=SimpleUploadedFile("保证合同.pdf", PDF_BYTES))}
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.matter_update(actor=alpha.partner, matter=matter,
                                   guarantees=[{"debtor": make_debtor(alpha.partner), **entry}])
        assert field in error.value.message_dict


# --- API ---------------------------------------------------------------------------------------------------------


def matter_body(alpha, **extra):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        debtor = make_debtor(alpha.partner)
    return {"mandate": mandate.pk, "debtor": debtor.pk, "principal": "50000.00", "due_date": "2025-01-15",
            "opened_on": "2026-03-01", **extra}


def test_api_accepts_guarantor_ids_with_defaults(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="默认保证人")
    response = post(alpha.client(alpha.lawyer), "/api/v1/matters/", matter_body(alpha, guarantors=[guarantor.pk]))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["guarantors"] == [guarantor.pk]
    (guarantee,) = body["guarantees"]
    assert guarantee["debtor"] == guarantor.pk and guarantee["debtor_name"] == "默认保证人"
    assert (guarantee["kind"], guarantee["kind_label"]) == ("general", "一般保证")
    assert (guarantee["period_ends_on"], guarantee["period_end"], guarantee["period_agreed"]) == (
        None, "2025-07-15", False)


def test_api_accepts_guarantees_with_their_terms_and_lists_their_deadlines(alpha):
    with schema_context(alpha.firm.schema_name):
        joint, general = make_debtor(alpha.partner), make_debtor(alpha.partner)
    api = alpha.client(alpha.lawyer)
    response = post(api, "/api/v1/matters/", matter_body(alpha, guarantees=[
        {"debtor": joint.pk, "kind": "joint", "period_ends_on": "2027-01-15"}, {"debtor": general.pk}]))
    assert response.status_code == 201, response.json()
    terms = {g["debtor"]: (g["kind"], g["period_end"], g["period_agreed"]) for g in response.json()["guarantees"]}
    assert terms == {joint.pk: ("joint", "2027-01-15", True), general.pk: ("general", "2025-07-15", False)}
    deadlines = api.get(f"/api/v1/matters/{response.json()['id']}/deadlines/").json()
    periods = sorted((d["due_date"], d["warn_from"]) for d in deadlines if d["kind"] == "guarantee_period")
    assert periods == [("2025-07-15", "2025-06-15"), ("2027-01-15", "2026-12-16")]


def test_api_refuses_bad_guarantees_with_a_clear_error(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner)
    api = alpha.client(alpha.lawyer)
    body = matter_body(alpha)
    cases = [
        {"guarantees": [{"debtor": guarantor.pk, "kind": "solidary"}]},
        {"guarantees": [{"debtor": body["debtor"]}]},
        {"guarantors": [body["debtor"]]},
        {"guarantees": [{"debtor": 987654}]},
        {"guarantees": [{"debtor": guarantor.pk}, {"debtor": guarantor.pk}]},
        {"guarantees": [{"debtor": guarantor.pk, "period_ends_on": "2026-02-30"}]},
    ]
    for extra in cases:
        response = post(api, "/api/v1/matters/", {**body, **extra})
        assert response.status_code == 400, (extra, response.status_code)
        assert response.json()["message"], extra


def test_another_firms_debtor_cannot_be_a_guarantor_nor_its_guarantee_reached(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        alpha_guarantor = make_debtor(alpha.partner)
        matter = make_matter(alpha.partner, guarantors=[alpha_guarantor])
        guarantee = Guarantee.objects.get(matter=matter)
    response = post(beta.client(beta.partner), "/api/v1/matters/",
                    matter_body(beta, guarantees=[{"debtor": alpha_guarantor.pk, "kind": "joint"}]))
    assert response.status_code == 400
    assert "guarantees" in response.json()["fields"]
    browser = beta.client(beta.partner)
    assert browser.get(f"/matters/{matter.pk}/guarantees/{guarantee.pk}/edit/").status_code == 404
    assert browser.get(f"/api/v1/matters/{matter.pk}/").status_code == 404


def test_a_client_portal_user_cannot_edit_a_guarantee(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, guarantors=[make_debtor(alpha.partner)])
        guarantee = Guarantee.objects.get(matter=matter)
    response = alpha.client(alpha.client_a).get(f"/matters/{matter.pk}/guarantees/{guarantee.pk}/edit/")
    assert response.status_code in (403, 404)


# --- pages -------------------------------------------------------------------------------------------------------


def test_the_matter_page_shows_each_guarantee_and_a_lawyer_sets_its_terms(alpha, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.matters.helpers import PDF_BYTES

    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="页面保证人")
        matter = make_matter(alpha.partner, guarantors=[guarantor], due_date=date(2025, 1, 15),
                             principal=Decimal("1000.00"))
        contract = services.evidence_upload(actor=alpha.partner, matter=matter, category="guarantee",
                                            title="保证合同（页面）", file=SimpleUploadedFile("c.pdf", PDF_BYTES))
        guarantee = Guarantee.objects.get(matter=matter)
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "页面保证人" in page and "一般保证" in page and "2025-07-15" in page
    response = browser.post(f"/matters/{matter.pk}/guarantees/{guarantee.pk}/edit/", {
        "kind": "joint", "period_ends_on": "2026-01-15", "contract": contract.pk, "demanded_on": "2025-03-03"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        guarantee.refresh_from_db()
        assert (guarantee.kind, guarantee.period_ends_on, guarantee.contract, guarantee.demanded_on) == (
            "joint", date(2026, 1, 15), contract, date(2025, 3, 3))
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "连带责任保证" in page and "2026-01-15" in page and "保证合同（页面）" in page
    assert "已向保证人主张（2025-03-03" in page
    bad = browser.post(f"/matters/{matter.pk}/guarantees/{guarantee.pk}/edit/", {"kind": "solidary"})
    assert bad.status_code == 200 and "solidary" in bad.content.decode()
