"""The other roads to payment in a matter: the payment order (its record, its 15-day objection period, the
enforcement period of an effective order, limitation) and arbitration (the forum of the claim, no court suit on
an arbitration matter, no appeal from an award)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from matters import selectors, services
from matters.models import Lawsuit, Matter, PaymentOrder
from tests.matters.helpers import make_matter

pytestmark = pytest.mark.django_db


def deadlines(matter, kind, today):
    items = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today)
    return [item for item in items if item.kind == kind]


def arbitration_matter(people, **fields):
    return make_matter(people.partner, dispute_resolution="arbitration", arbitration_commission="上海仲裁委员会",
                       **fields)


# --- payment orders -----------------------------------------------------------------------------------------


def test_objection_period_runs_15_days_from_service_and_rolls_over_the_holiday(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2024, 3, 1))
        order = services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院",
                                              case_number="（2024）浙0106民督12号", applied_on=date(2024, 9, 2),
                                              issued_on=date(2024, 9, 10), served_on=date(2024, 9, 20),
                                              amount=Decimal("100000.00"))
        (objection,) = deadlines(matter, "payment_order_objection", today=date(2024, 9, 25))
        assert objection.label == "支付令异议期届满：（2024）浙0106民督12号"
        assert objection.due_date == date(2024, 10, 8)  # the 15th day, 10-05, is in the National Day holiday
        assert not objection.done and not objection.overdue
        assert objection.source == f"payment_order:{order.pk}" and "第二百二十七条" in objection.legal_basis
        # No enforcement period while the debtor may still object.
        assert deadlines(matter, "enforcement_application", today=date(2024, 9, 25)) == []


def test_an_unopposed_order_is_enforceable_for_two_years_from_the_end_of_the_objection_period(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2024, 3, 1))
        services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院",
                                      applied_on=date(2024, 9, 2), served_on=date(2024, 9, 20))
        (objection,) = deadlines(matter, "payment_order_objection", today=date(2024, 10, 9))
        assert objection.done and not objection.overdue  # the period ran out: the order took effect
        (enforcement,) = deadlines(matter, "enforcement_application", today=date(2024, 10, 9))
        assert enforcement.due_date == date(2026, 10, 8)
        assert "支付令" in enforcement.label and not enforcement.done
        services.enforcement_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院",
                                    applied_on=date(2024, 11, 1))
        assert deadlines(matter, "enforcement_application", today=date(2024, 11, 2))[0].done


def test_an_objection_ends_the_order_without_an_enforcement_period(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2024, 3, 1))
        services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院",
                                      served_on=date(2024, 9, 20), outcome="objected",
                                      objected_on=date(2024, 9, 27))
        (objection,) = deadlines(matter, "payment_order_objection", today=date(2024, 9, 28))
        assert objection.done
        assert deadlines(matter, "enforcement_application", today=date(2025, 1, 1)) == []


def test_applying_for_a_payment_order_interrupts_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2022, 1, 10))
        (before,) = deadlines(matter, "limitation", today=date(2024, 1, 1))
        services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院",
                                      applied_on=date(2024, 6, 3))
        (after,) = deadlines(matter, "limitation", today=date(2024, 7, 1))
    assert before.due_date == date(2025, 1, 10)
    assert after.due_date == date(2027, 6, 3)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"outcome": "objected"}, "objected_on", "请填写异议日期"),
    ({"objected_on": date(2024, 9, 25)}, "objected_on", "只有结果为“债务人提出异议”时"),
    ({"outcome": "effective"}, "served_on", "请填写送达日期"),
    ({"applied_on": date(2024, 9, 10), "issued_on": date(2024, 9, 2)}, "issued_on", "不能早于申请日期"),
    ({"issued_on": date(2024, 9, 10), "served_on": date(2024, 9, 2)}, "served_on", "不能早于发出支付令日期"),
    ({"served_on": date(2024, 9, 20), "outcome": "objected", "objected_on": date(2024, 9, 19)}, "objected_on",
     "不能早于支付令送达日期"),
])
def test_payment_orders_with_dates_or_outcomes_that_cannot_be_are_refused(alpha, fields, field, message):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院", **fields)
        assert message in error.value.message_dict[field][0]
        assert not PaymentOrder.objects.filter(matter=matter).exists()


def test_payment_order_api_adds_reads_and_refuses_with_a_clear_error(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    browser = alpha.client(alpha.lawyer)
    url = f"/api/v1/matters/{matter.pk}/payment-orders/"
    response = browser.post(url, {"court": "杭州市西湖区人民法院", "applied_on": "2026-10-09",
                                  "served_on": "2026-10-20", "amount": "100000.00"}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["outcome"] == "pending" and body["amount"] == "100000.00"
    listing = browser.get(url).json()
    items = listing["results"] if isinstance(listing, dict) else listing
    assert [item["id"] for item in items] == [body["id"]]
    refused = browser.patch(f"{url}{body['id']}/", {"outcome": "objected"}, content_type="application/json")
    assert refused.status_code == 400
    assert "请填写异议日期" in refused.content.decode()
    deadlines_body = browser.get(f"/api/v1/matters/{matter.pk}/deadlines/").content.decode()
    assert "支付令异议期届满" in deadlines_body


def test_payment_order_page_adds_one(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{matter.pk}/records/payment-orders/new/")
    assert page.status_code == 200 and "支付令" in page.content.decode()
    response = browser.post(f"/matters/{matter.pk}/records/payment-orders/new/",
                            {"court": "杭州市西湖区人民法院", "applied_on": "2026-10-09", "outcome": "pending"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert PaymentOrder.objects.get(matter=matter).court == "杭州市西湖区人民法院"
    assert "支付令" in browser.get(f"/matters/{matter.pk}/").content.decode()


def test_another_firm_cannot_reach_a_payment_order_page(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        order = services.payment_order_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院")
    browser = beta.client(beta.partner)
    assert browser.get(f"/matters/{matter.pk}/records/payment-orders/{order.pk}/edit/").status_code == 404
    assert browser.get(f"/api/v1/matters/{matter.pk}/payment-orders/{order.pk}/").status_code == 404


# --- arbitration --------------------------------------------------------------------------------------------


def test_an_arbitration_matter_needs_its_commission(alpha):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError) as error:
        make_matter(alpha.partner, dispute_resolution="arbitration")
    assert "仲裁委员会" in error.value.message_dict["arbitration_commission"][0]


def test_a_court_suit_on_an_arbitration_matter_is_refused_citing_article_5(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha)
        with pytest.raises(ValidationError) as error:
            services.lawsuit_create(actor=alpha.lawyer, matter=matter, forum="court", court="杭州市西湖区人民法院")
        message = error.value.message_dict["forum"][0]
        assert "《仲裁法》第五条" in message and "上海仲裁委员会" in message
        assert not Lawsuit.objects.filter(matter=matter).exists()


def test_the_api_refuses_a_court_suit_on_an_arbitration_matter(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha)
    response = alpha.client(alpha.lawyer).post(f"/api/v1/matters/{matter.pk}/lawsuits/",
                                               {"forum": "court", "court": "杭州市西湖区人民法院"},
                                               content_type="application/json")
    assert response.status_code == 400
    assert "仲裁法" in response.content.decode()


def test_a_suit_without_a_forum_follows_the_matter_and_entering_litigation_starts_the_arbitration(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha)
        moved = services.matter_transition(actor=alpha.lawyer, matter=matter, version=matter.version,
                                           to_stage="litigation", record={"court": "上海仲裁委员会",
                                                                          "filed_on": date(2026, 3, 2)})
        suit = moved.lawsuits.get()
        assert suit.forum == "arbitration"
        court_matter = make_matter(alpha.partner)
        assert services.lawsuit_create(actor=alpha.lawyer, matter=court_matter, court="杭州市西湖区人民法院").forum == "court"


def test_an_award_has_no_appeal_deadline_but_a_judgment_has(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha, due_date=date(2024, 3, 1))
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="上海仲裁委员会", filed_on=date(2024, 5, 6),
                                decision="award", decided_on=date(2024, 9, 10), served_on=date(2024, 9, 20),
                                awarded_amount=Decimal("100000.00"), performance_due_on=date(2024, 9, 30))
        assert deadlines(matter, "appeal", today=date(2024, 9, 25)) == []
        # An award is enforced like a judgment: two years from its last day of performance.
        (enforcement,) = deadlines(matter, "enforcement_application", today=date(2024, 10, 1))
        assert enforcement.due_date == date(2026, 9, 30)
        court_matter = make_matter(alpha.partner, due_date=date(2024, 3, 1))
        services.lawsuit_create(actor=alpha.lawyer, matter=court_matter, court="杭州市西湖区人民法院",
                                decision="judgment", decided_on=date(2024, 9, 10), served_on=date(2024, 9, 20))
        assert len(deadlines(court_matter, "appeal", today=date(2024, 9, 25))) == 1


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"instance": "second"}, "instance", "一裁终局"),
    ({"decision": "judgment", "decided_on": date(2024, 9, 10)}, "decision", "请选择“裁决”"),
])
def test_arbitration_has_one_instance_and_awards_only(alpha, fields, field, message):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha)
        with pytest.raises(ValidationError) as error:
            services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="上海仲裁委员会", **fields)
        assert message in error.value.message_dict[field][0]


def test_a_court_cannot_make_an_award(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="杭州市西湖区人民法院", decision="award",
                                    decided_on=date(2024, 9, 10))
        assert "只用于仲裁" in error.value.message_dict["decision"][0]


def test_the_lawsuit_form_of_an_arbitration_matter_speaks_of_the_commission(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = arbitration_matter(alpha)
    html = alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/records/lawsuits/new/").content.decode()
    assert "仲裁委员会" in html and "仲裁案号" in html
    assert 'value="上海仲裁委员会"' in html
