"""Legal dates through the web forms: absurd years, events in the future and dates of one record that
disagree are refused on the field, in Chinese, with nothing saved (never a 500)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django_tenants.utils import schema_context

from matters import services
from matters.models import Lawsuit, Matter, Payment, RepaymentAgreement
from tests.matters.helpers import make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "日期应在 1949-10-01 至 2100-12-31 之间"


@pytest.fixture(autouse=True)
def pinned_today():
    with time_machine.travel("2026-11-22 02:00:00+00:00", tick=False):
        yield


@pytest.fixture
def browser(alpha):
    client = alpha.client(alpha.lawyer)
    client.raise_request_exception = False
    return client


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_matter(alpha.partner, lawyer=alpha.lawyer, due_date=date(2024, 1, 1),
                           principal=Decimal("50000.00"))


def shows(response, *texts, status=200):
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    for text in texts:
        assert text in html, text
    assert "is-invalid" in html


@pytest.mark.parametrize("due_date", ["9999-12-31", "9980-01-01", "1791-08-30", "0583-01-01", "3415-01-01"])
def test_new_matter_with_an_absurd_due_date_is_refused(alpha, browser, due_date):
    with schema_context(alpha.firm.schema_name):
        mandate, debtor = make_mandate(alpha.partner), make_debtor(alpha.partner)
    response = browser.post("/matters/new/", {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale",
                                              "principal": "1000", "interest_type": "none", "due_date": due_date})
    shows(response, RANGE_MESSAGE, f"收到：{due_date}")
    with schema_context(alpha.firm.schema_name):
        assert not Matter.objects.filter(debtor=debtor).exists()


def test_matter_edited_to_year_9999_is_refused(alpha, browser, matter):
    response = browser.post(f"/matters/{matter.pk}/edit/", {
        "debtor": matter.debtor_id, "cause": "sale", "principal": "50000", "interest_type": "none",
        "due_date": "9999-12-31", "lawyer": alpha.lawyer.pk, "version": matter.version})
    shows(response, RANGE_MESSAGE)
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).due_date == date(2024, 1, 1)


LAWSUIT = {"instance": "first", "court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-05-10"}


@pytest.mark.parametrize(("data", "message"), [
    ({"served_on": "9999-12-25"}, RANGE_MESSAGE),
    ({"served_on": "2026-11-23"}, "日期不能晚于今天（今天是 2026-11-22，收到：2026-11-23）"),
    ({"served_on": "2026-05-09"}, "送达日期不能早于裁判日期"),
    ({"served_on": "2026-05-20", "performance_due_on": "2026-05-15"}, "履行期限最后一日不能早于送达日期"),
    ({"performance_due_on": "2026-05-01"}, "履行期限最后一日不能早于裁判日期"),
])
def test_lawsuit_with_dates_that_cannot_be_is_refused(alpha, browser, matter, data, message):
    response = browser.post(f"/matters/{matter.pk}/records/lawsuits/new/", {**LAWSUIT, **data})
    shows(response, message)
    with schema_context(alpha.firm.schema_name):
        assert not Lawsuit.objects.filter(matter=matter).exists()


def test_lawsuit_with_consistent_dates_is_saved(alpha, browser, matter):
    response = browser.post(f"/matters/{matter.pk}/records/lawsuits/new/", {
        **LAWSUIT, "served_on": "2026-05-20", "performance_due_on": "2026-06-05"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Lawsuit.objects.get(matter=matter).performance_due_on == date(2026, 6, 5)


def test_payment_before_the_debt_fell_due_is_refused(alpha, matter):
    browser = alpha.client(alpha.finance)
    response = browser.post(f"/matters/{matter.pk}/payments/", {
        "received_on": "2023-12-31", "amount": "100", "payer_kind": "debtor", "method": "cash"})
    shows(response, "回款日期 2023-12-31 早于债务的履行期限届满日 2024-01-01", status=400)
    with schema_context(alpha.firm.schema_name):
        assert not Payment.objects.filter(matter=matter).exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"outcome": "recovered", "on_date": "2027-01-01"}, "日期不能晚于今天"),
    ({"to_stage": "litigation", "court": "杭州市西湖区人民法院", "filed_on": "0583-01-01"}, RANGE_MESSAGE),
    ({"to_stage": "demand_letter", "sent_on": "1791-08-30"}, RANGE_MESSAGE),
])
def test_transition_with_an_impossible_date_is_refused(alpha, browser, matter, data, message):
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": matter.version, **data})
    shows(response, message, status=400)
    with schema_context(alpha.firm.schema_name):
        kept = Matter.objects.get(pk=matter.pk)
    assert (kept.stage, kept.outcome, kept.version) == (matter.stage, matter.outcome, matter.version)


def test_instalment_in_year_9999_is_refused(alpha, browser, matter):
    response = browser.post(f"/matters/{matter.pk}/records/repayment-agreements/new/", {
        "signed_on": "2026-01-10", "total_amount": "", "acceleration": "on",
        "instalments": "2026-03-31 5000.00\n9999-04-30 5000.00"})
    shows(response, "第2行：", RANGE_MESSAGE)
    with schema_context(alpha.firm.schema_name):
        assert not RepaymentAgreement.objects.filter(matter=matter).exists()


def test_instalments_may_be_written_with_separators_and_full_width_digits(alpha, browser, matter):
    response = browser.post(f"/matters/{matter.pk}/records/repayment-agreements/new/", {
        "signed_on": "2026-01-10", "total_amount": "10,000.00", "compromise_amount": "10,000.00",
        "instalments": "2026-03-31 5,000.00\n2026-04-30，５０００．００"})
    assert response.status_code == 302, response.content.decode()[:500]
    with schema_context(alpha.firm.schema_name):
        agreement = RepaymentAgreement.objects.get(matter=matter)
        assert [item.amount for item in agreement.instalments.order_by("number")] == [Decimal("5000.00")] * 2


def test_edge_dates_compute_on_the_matter_page(alpha, browser):
    with schema_context(alpha.firm.schema_name):
        late = make_matter(alpha.partner, due_date=date(2100, 12, 31), interest_type="fixed", interest_rate="6")
        early = make_matter(alpha.partner, due_date=date(1949, 10, 1), interest_type="fixed", interest_rate="6")
        services.lawsuit_create(actor=alpha.partner, matter=early, court="杭州市西湖区人民法院",
                                filed_on=date(1949, 10, 1), decision="judgment", decided_on=date(1949, 10, 1),
                                served_on=date(1949, 10, 1), performance_due_on=date(2100, 12, 31))
    for matter in (late, early):
        assert browser.get(f"/matters/{matter.pk}/").status_code == 200
    assert browser.get("/matters/").status_code == 200
