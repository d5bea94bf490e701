"""Legal dates through the API: absurd years are refused with a field error in Chinese (never a 500), events
cannot lie in the future, the dates of one record must agree, and every date inside the bounds computes."""

from datetime import date

import pytest
import time_machine
from django_tenants.utils import schema_context

from matters import services
from matters.models import DemandLetter, Lawsuit, Matter, Payment, RepaymentAgreement
from tests.matters.helpers import make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
RANGE_MESSAGE = "日期应在 1949-10-01 至 2100-12-31 之间"


@pytest.fixture(autouse=True)
def pinned_today():
    # 10:00 in Shanghai; "today" is Shanghai's.
    with time_machine.travel("2026-11-22 02:00:00+00:00", tick=False):
        yield


def post(api, url, data):
    return api.post(url, data, content_type="application/json")


def patch(api, url, data):
    return api.patch(url, data, content_type="application/json")


def refused(response, field, message):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert any(message in text for text in body["fields"][field]), body
    return body


@pytest.fixture
def api(alpha):
    client = alpha.client(alpha.lawyer)
    client.raise_request_exception = False  # a 500 must show as a status, not as the test's exception
    return client


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_matter(alpha.partner, lawyer=alpha.lawyer, due_date=date(2024, 1, 1))


def count(alpha, model, **filters):
    with schema_context(alpha.firm.schema_name):
        return model.objects.filter(**filters).count()


@pytest.mark.parametrize("due_date", ["9999-12-31", "9980-01-01", "3415-06-01", "2101-01-01", "1791-08-30",
                                      "0583-01-01", "1949-09-30"])
def test_matter_with_an_absurd_due_date_is_refused(alpha, api, due_date):
    with schema_context(alpha.firm.schema_name):
        mandate, debtor = make_mandate(alpha.partner), make_debtor(alpha.partner)
    response = post(api, "/api/v1/matters/", {"mandate": mandate.pk, "debtor": debtor.pk, "principal": "1000.00",
                                              "due_date": due_date})
    body = refused(response, "due_date", RANGE_MESSAGE)
    assert due_date in body["message"]
    assert count(alpha, Matter, mandate=mandate) == 0


def test_due_date_changed_to_year_9999_is_refused_and_nothing_changes(alpha, api, matter):
    response = patch(api, f"/api/v1/matters/{matter.pk}/", {"due_date": "9999-12-31"})
    refused(response, "due_date", RANGE_MESSAGE)
    with schema_context(alpha.firm.schema_name):
        kept = Matter.objects.get(pk=matter.pk)
    assert kept.due_date == date(2024, 1, 1) and kept.version == matter.version


def test_lawsuit_served_in_year_9999_is_refused(alpha, api, matter):
    response = post(api, f"/api/v1/matters/{matter.pk}/lawsuits/", {
        "court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-01-10", "served_on": "9999-12-25"})
    refused(response, "served_on", RANGE_MESSAGE)
    assert count(alpha, Lawsuit, matter=matter) == 0


@pytest.mark.parametrize(("url", "data", "field"), [
    ("letters", {"sent_on": "2026-11-23", "method": "ems"}, "sent_on"),
    ("lawsuits", {"court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-11-01",
                  "served_on": "2026-11-23"}, "served_on"),
    ("lawsuits", {"court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2027-01-01"}, "decided_on"),
])
def test_an_event_cannot_have_happened_tomorrow(alpha, api, matter, url, data, field):
    response = post(api, f"/api/v1/matters/{matter.pk}/{url}/", data)
    refused(response, field, f"日期不能晚于今天（今天是 2026-11-22，收到：{data[field]}）")
    assert count(alpha, DemandLetter, matter=matter) == count(alpha, Lawsuit, matter=matter) == 0


def test_a_payment_cannot_be_received_tomorrow(alpha, matter):
    api = alpha.client(alpha.finance)
    response = post(api, "/api/v1/payments/", {"matter": matter.pk, "received_on": "2026-11-23", "amount": "100"})
    refused(response, "received_on", "日期不能晚于今天")
    response = post(api, "/api/v1/payments/", {"matter": matter.pk, "received_on": "2026-11-22", "amount": "100"})
    assert response.status_code == 201, response.content


def test_today_is_the_day_in_shanghai(alpha, matter):
    """At 23:30 UTC on the 22nd it is already the 23rd in Shanghai: a payment of the 23rd has happened."""
    api = alpha.client(alpha.finance)
    with time_machine.travel("2026-11-22 23:30:00+00:00", tick=False):
        response = post(api, "/api/v1/payments/", {"matter": matter.pk, "received_on": "2026-11-23",
                                                   "amount": "100"})
    assert response.status_code == 201, response.content


def test_judgment_served_before_it_was_decided_is_refused(alpha, api, matter):
    response = post(api, f"/api/v1/matters/{matter.pk}/lawsuits/", {
        "court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-05-10", "served_on": "2026-05-09"})
    refused(response, "served_on", "送达日期不能早于裁判日期")
    assert count(alpha, Lawsuit, matter=matter) == 0


def test_performance_deadline_before_service_is_refused(alpha, api, matter):
    response = post(api, f"/api/v1/matters/{matter.pk}/lawsuits/", {
        "court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-05-10", "served_on": "2026-05-20",
        "performance_due_on": "2026-05-15"})
    refused(response, "performance_due_on", "履行期限最后一日不能早于送达日期")
    assert count(alpha, Lawsuit, matter=matter) == 0


def test_performance_deadline_edited_to_before_service_is_refused(alpha, api, matter):
    with schema_context(alpha.firm.schema_name):
        suit = services.lawsuit_create(actor=alpha.partner, matter=matter, court="杭州市西湖区人民法院",
                                       decision="judgment", decided_on=date(2026, 5, 10), served_on=date(2026, 5, 20))
    response = patch(api, f"/api/v1/matters/{matter.pk}/lawsuits/{suit.pk}/", {"performance_due_on": "2026-05-19"})
    refused(response, "performance_due_on", "履行期限最后一日不能早于送达日期")
    with schema_context(alpha.firm.schema_name):
        assert Lawsuit.objects.get(pk=suit.pk).performance_due_on is None


def test_payment_before_the_debt_fell_due_is_refused(alpha, matter):
    response = post(alpha.client(alpha.finance), "/api/v1/payments/", {
        "matter": matter.pk, "received_on": "2023-12-31", "amount": "100"})
    refused(response, "received_on", "回款日期 2023-12-31 早于债务的履行期限届满日 2024-01-01")
    assert count(alpha, Payment, matter=matter) == 0


def test_due_date_moved_after_a_payment_is_refused(alpha, api, matter):
    with schema_context(alpha.firm.schema_name):
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2024, 3, 1),
                                amount="100.00")
    response = patch(api, f"/api/v1/matters/{matter.pk}/", {"due_date": "2024-06-30"})
    refused(response, "due_date", "回款日期 2024-03-01 早于债务的履行期限届满日 2024-06-30")
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).due_date == date(2024, 1, 1)


def test_transition_dates_are_checked(alpha, api, matter):
    response = post(api, f"/api/v1/matters/{matter.pk}/transition/", {
        "version": matter.version, "to_stage": "litigation", "court": "杭州市西湖区人民法院",
        "filed_on": "9999-01-01"})
    refused(response, "filed_on", RANGE_MESSAGE)
    response = post(api, f"/api/v1/matters/{matter.pk}/transition/", {
        "version": matter.version, "outcome": "recovered", "on_date": "2027-01-01"})
    refused(response, "on_date", "日期不能晚于今天")
    with schema_context(alpha.firm.schema_name):
        kept = Matter.objects.get(pk=matter.pk)
    assert (kept.stage, kept.outcome, kept.version) == (matter.stage, matter.outcome, matter.version)
    assert count(alpha, Lawsuit, matter=matter) == 0


def test_instalment_in_year_9999_is_refused(alpha, api, matter):
    response = post(api, f"/api/v1/matters/{matter.pk}/repayment-agreements/", {
        "signed_on": "2026-01-10", "compromise_amount": "5000.00",
        "instalments": [{"due_on": "9999-03-31", "amount": "5000.00"}]})
    assert response.status_code == 400, response.content
    assert RANGE_MESSAGE in response.json()["message"]
    assert count(alpha, RepaymentAgreement, matter=matter) == 0


def test_balance_as_of_an_absurd_date_is_refused(api, matter):
    response = api.get(f"/api/v1/matters/{matter.pk}/balance/?as_of=9999-12-31")
    assert response.status_code == 400, response.content
    assert RANGE_MESSAGE in response.json()["message"]


@pytest.mark.parametrize("due_date", ["2100-12-31", "1949-10-01"])
@pytest.mark.parametrize("interest", [{"interest_type": "none"}, {"interest_type": "fixed", "interest_rate": "6"},
                                      {"interest_type": "lpr", "lpr_multiplier": "1.5",
                                       "lpr_fixed_on": "2100-12-31"}])
def test_every_date_inside_the_bounds_computes(alpha, api, due_date, interest):
    """At the edges, periods run past the holiday data and past 2100: the deadlines still compute."""
    with schema_context(alpha.firm.schema_name):
        mandate, debtor = make_mandate(alpha.partner, cause="construction"), make_debtor(alpha.partner)
    response = post(api, "/api/v1/matters/", {"mandate": mandate.pk, "debtor": debtor.pk, "principal": "1000.00",
                                              "due_date": due_date, "cause": "construction", **interest})
    assert response.status_code == 201, response.content
    matter_id = response.json()["id"]
    edge = "1949-10-01"
    for url, data in (
        ("lawsuits", {"court": "杭州市西湖区人民法院", "filed_on": edge, "decision": "judgment", "decided_on": edge,
                      "served_on": edge, "performance_due_on": "2100-12-31"}),
        ("preservations", {"court": "杭州市西湖区人民法院", "pre_suit": True, "ruling_on": edge}),
        ("repayment-agreements", {"signed_on": edge, "compromise_amount": "10",
                                  "instalments": [{"due_on": "2100-12-31", "amount": "10"}]}),
        ("hearings", None),
    ):
        if url == "hearings":
            lawsuit = api.get(f"/api/v1/matters/{matter_id}/lawsuits/").json()
            suit_id = (lawsuit["results"] if isinstance(lawsuit, dict) else lawsuit)[0]["id"]
            data = {"lawsuit": suit_id, "held_on": "2100-12-31"}
        created = post(api, f"/api/v1/matters/{matter_id}/{url}/", data)
        assert created.status_code == 201, (url, created.content)
    for path in ("", "deadlines/", "balance/", "timeline/"):
        assert api.get(f"/api/v1/matters/{matter_id}/{path}").status_code == 200, path
    assert api.get(f"/matters/{matter_id}/").status_code == 200
