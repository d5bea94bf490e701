"""The judgment on a lawsuit record: its performance term and figures, the dates computed from them, the order
of its dates, the enforcement period, and the balance that follows it once its performance period is over."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from matters import balances, selectors, services
from matters.models import Lawsuit, Matter
from tests.matters.helpers import make_matter

pytestmark = pytest.mark.django_db

D = Decimal
JUDGMENT = {"court": "杭州市西湖区人民法院", "case_number": "（2026）浙0106民初100号", "filed_on": date(2026, 9, 1),
            "decision": "judgment", "decided_on": date(2026, 11, 2), "served_on": date(2026, 11, 7),
            "performance_days": 10, "judgment_text": "一、被告于本判决生效之日起十日内支付原告货款100,000元及利息5,000元。",
            "awarded_principal": D("100000.00"), "awarded_interest": D("5000.00"),
            "interest_awarded_to": date(2026, 11, 2), "awarded_costs": D("2300.00")}


@pytest.fixture(autouse=True)
def pinned_today():
    with time_machine.travel("2026-11-22 02:00:00+00:00", tick=False):
        yield


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_matter(alpha.partner, lawyer=alpha.lawyer, due_date=date(2026, 1, 1), principal=D("120000.00"),
                           interest_type="fixed", interest_rate=D("6"))


def api_json(response, status):
    assert response.status_code == status, response.content
    return response.json()


def test_api_takes_the_judgment_and_returns_its_computed_dates(alpha, matter):
    api = alpha.client(alpha.lawyer)
    body = {**{k: (v.isoformat() if isinstance(v, date) else str(v)) for k, v in JUDGMENT.items()}}
    created = api_json(api.post(f"/api/v1/matters/{matter.pk}/lawsuits/", body, content_type="application/json"), 201)
    assert created["performance_days"] == 10 and created["judgment_text"].startswith("一、被告")
    assert created["awarded_amount"] == "107300.00"  # principal + interest + costs
    assert created["computed_effective_on"] == "2026-11-23"  # 15th day 11-22 is a Sunday
    assert created["computed_performance_due_on"] == "2026-12-03"
    assert created["effective_on"] is None and created["performance_due_on"] is None
    # The total alone is still accepted, as before.
    patched = api_json(api.patch(f"/api/v1/matters/{matter.pk}/lawsuits/{created['id']}/",
                                 {"awarded_principal": "90000"}, content_type="application/json"), 200)
    assert patched["awarded_amount"] == "97300.00"


def test_another_firm_cannot_read_or_change_the_judgment(alpha, beta, matter):
    with schema_context(alpha.firm.schema_name):
        suit = services.lawsuit_create(actor=alpha.lawyer, matter=matter, **JUDGMENT)
    other = beta.client(beta.partner)
    url = f"/api/v1/matters/{matter.pk}/lawsuits/{suit.pk}/"
    assert other.get(url).status_code == 404
    assert other.patch(url, {"performance_days": 1}, content_type="application/json").status_code == 404
    with schema_context(alpha.firm.schema_name):
        assert Lawsuit.objects.get(pk=suit.pk).performance_days == 10


def test_client_portal_user_cannot_reach_the_judgment(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        suit = services.lawsuit_create(actor=alpha.lawyer, matter=matter, **JUDGMENT)
    portal = alpha.client(alpha.client_a)
    response = portal.patch(f"/api/v1/matters/{matter.pk}/lawsuits/{suit.pk}/", {"performance_days": 1},
                            content_type="application/json")
    assert response.status_code in (403, 404)
    with schema_context(alpha.firm.schema_name):
        assert Lawsuit.objects.get(pk=suit.pk).performance_days == 10


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"effective_on": date(2026, 11, 6)}, "effective_on", "生效日期不能早于送达日期"),
    ({"effective_on": date(2026, 11, 23), "performance_due_on": date(2026, 11, 20)}, "performance_due_on",
     "履行期限最后一日不能早于生效日期"),
    ({"decided_on": date(2026, 8, 1)}, "decided_on", "裁判日期不能早于立案日期"),
    ({"awarded_principal": D("-1")}, "awarded_principal", ""),
    ({"awarded_costs": D("1.234")}, "awarded_costs", ""),
    ({"awarded_amount": D("1.00")}, "awarded_amount", "不一致"),
    ({"awarded_principal": None}, "awarded_principal", "请先填写判决本金"),
    ({"decision": "withdrawn"}, "awarded_principal", "撤诉或尚未结案"),
    ({"interest_continues": True, "interest_awarded_to": None}, "interest_awarded_to", "判决利息计至"),
])
def test_judgment_that_cannot_be_is_refused_and_nothing_is_saved(alpha, matter, changes, field, message):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as caught:
            services.lawsuit_create(actor=alpha.lawyer, matter=matter, **{**JUDGMENT, **changes})
        assert not Lawsuit.objects.filter(matter=matter).exists()
    errors = caught.value.message_dict
    assert field in errors and message in " ".join(errors[field]), errors


def test_form_refuses_a_bad_amount_with_a_clear_error(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/records/lawsuits/new/", {
        "instance": "first", "court": "杭州市西湖区人民法院", "decision": "judgment", "decided_on": "2026-11-02",
        "awarded_principal": "十万元", "performance_days": "10"})
    assert response.status_code in (200, 400)
    assert "金额" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not Lawsuit.objects.filter(matter=matter).exists()


def test_database_refuses_a_performance_deadline_before_the_effective_date(alpha, matter):
    from django.db import IntegrityError, transaction

    with schema_context(alpha.firm.schema_name):
        with pytest.raises(IntegrityError), transaction.atomic():
            Lawsuit.objects.create(matter=matter, court="某法院", decision="judgment", effective_on=date(2026, 5, 2),
                                   performance_due_on=date(2026, 5, 1))


def enforcement_deadlines(matter, today=date(2026, 11, 22)):
    items = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today)
    return [item for item in items if item.kind == "enforcement_application"]


def test_enforcement_period_runs_two_years_from_the_computed_performance_deadline(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        suit = services.lawsuit_create(actor=alpha.lawyer, matter=matter, **JUDGMENT)
        (deadline,) = enforcement_deadlines(matter)
        # Performance due 2026-12-03 (computed); two years later 2028-12-03 is a Sunday → 2028-12-04.
        assert deadline.due_date == date(2028, 12, 4)
        assert deadline.source == f"lawsuit:{suit.pk}"
        assert "2026-12-03" in deadline.note
        # A later withdrawn suit is no enforcement basis: the judgment still counts.
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", decision="withdrawn")
        (deadline,) = enforcement_deadlines(matter)
        assert deadline.source == f"lawsuit:{suit.pk}"


def test_withdrawn_suit_alone_starts_no_enforcement_period(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2026, 9, 1),
                                decision="withdrawn", decided_on=date(2026, 10, 1))
        assert enforcement_deadlines(matter) == []


def balance(matter, as_of):
    return balances.matter_balance(Matter.objects.prefetch_related(*balances.BALANCE_PREFETCH).get(pk=matter.pk),
                                    as_of=as_of)


def test_balance_follows_the_judgment_with_doubled_interest_only_after_the_deadline(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, **JUDGMENT)
        on_deadline = balance(matter, date(2026, 12, 3))
        after = balance(matter, date(2026, 12, 13))
    assert not on_deadline.follows_judgment and on_deadline.late_interest == D("0.00")
    assert on_deadline.principal == D("120000.00")  # the contract basis until then
    assert after.follows_judgment
    assert (after.principal, after.interest, after.costs) == (D("100000.00"), D("5000.00"), D("2300.00"))
    # 107,300 × 0.0175% × 10 days (12-04 … 12-13) = 187.775 → 187.78.
    assert after.late_interest == D("187.78") and after.late_from == date(2026, 12, 4)
    assert after.outstanding == D("107487.78")


def test_payments_after_the_judgment_reduce_the_base_earlier_ones_are_in_its_figures(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 10, 1),
                                amount=D("20000.00"))
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, **JUDGMENT)
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 11, 20),
                                amount=D("7300.00"))
        after = balance(matter, date(2026, 12, 13))
    assert after.recovered == D("7300.00")  # paid after the judgment
    assert after.costs_outstanding == D("0.00") and after.interest_outstanding == D("0.00")
    assert after.late_interest == D("175.00")  # 100,000 × 0.0175% × 10
    assert after.outstanding == D("100175.00")


def test_continuing_interest_on_unpaid_principal_when_the_judgment_awards_it(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, **{**JUDGMENT, "interest_continues": True})
        after = balance(matter, date(2026, 12, 13))
    # 6% a year on 100,000 from 2026-11-03 to 2026-12-13 inclusive: 41 days → 673.97.
    assert after.interest == D("5673.97")
    assert after.late_interest == D("187.78")  # the continuing interest is not in the base


def test_matter_page_shows_the_doubled_interest_line_after_the_deadline(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, **{
            **JUDGMENT, "filed_on": date(2026, 2, 20), "decided_on": date(2026, 3, 20), "served_on": date(2026, 3, 25)})
    page = alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/").content.decode()
    assert "迟延履行期间加倍部分债务利息（自 2026-04-21 起）" in page
    assert "4,055.94" in page  # 107,300 × 0.0175% × 216 days
