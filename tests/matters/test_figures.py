"""The figures a matter stores (matters/figures.py) stay equal to what its records say: after every kind of
change, after a day passes, after an edit of the holiday calendar, and with two writers at once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django_tenants.utils import schema_context

from accounts.models import User
from matters import balances, selectors, services
from matters.filters import with_overdue_deadline
from matters.models import Debtor, Mandate, Matter
from matters.tasks import refresh_matter_figures
from tests.matters.helpers import make_matter
from tests.support import in_own_connection, run_threads
from tests.workspace.conftest import today

pytestmark = pytest.mark.django_db


def assert_figures_match_records(matter_id: int) -> Matter:
    """The stored figures equal a fresh computation from the records."""
    matter = selectors.with_deadline_data(Matter.objects.filter(pk=matter_id)).get()
    balance = balances.matter_balance(matter)
    live = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter_id))
    assert (matter.recovered, matter.claimed, matter.outstanding, matter.balance_as_of) == (
        balance.recovered, balance.claimed, balance.outstanding, today())
    stored = selectors.pending_deadlines(matter)
    assert [(d.kind, d.due_date, d.label, d.source, d.overdue) for d in stored] == [
        (d.kind, d.due_date, d.label, d.source, d.overdue) for d in live if not d.done]
    overdue = with_overdue_deadline(Matter.objects.filter(pk=matter_id)).exists()
    assert overdue == any(d.overdue for d in live)
    return matter


def test_every_change_to_the_records_updates_the_figures(alpha):
    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(p, principal=Decimal("100000.00"), due_date=today() - timedelta(days=200),
                             interest_type="fixed", interest_rate=Decimal("6"))
        fresh = assert_figures_match_records(matter.pk)
        assert fresh.outstanding > Decimal("100000.00")  # 200 days of interest
        assert fresh.next_deadline_on > today()  # limitation, three years on

        services.payment_record(actor=p, matter=matter, received_on=today() - timedelta(days=3),
                                amount=Decimal("30000.00"))
        assert assert_figures_match_records(matter.pk).recovered == Decimal("30000.00")

        agreement = services.repayment_agreement_create(
            actor=p, matter=matter, signed_on=today() - timedelta(days=40), compromise_amount=Decimal("70000.00"),
            instalments=[{"due_on": today() - timedelta(days=10), "amount": Decimal("50000.00")},
                         {"due_on": today() + timedelta(days=20), "amount": Decimal("20000.00")}])
        assert assert_figures_match_records(matter.pk).next_deadline_on == today() - timedelta(days=10)

        suit = services.lawsuit_create(actor=p, matter=matter, court="杭州市西湖区人民法院")  # not filed yet
        services.hearing_create(actor=p, matter=matter, lawsuit=suit, held_on=today() + timedelta(days=5),
                                place="第一法庭")
        assert "hearing" in [d.kind for d in selectors.pending_deadlines(assert_figures_match_records(matter.pk))]

        services.stage_record_delete(actor=p, record=agreement)
        assert assert_figures_match_records(matter.pk).next_deadline_on > today()

        matter = Matter.objects.get(pk=matter.pk)
        services.matter_update(actor=p, matter=matter, principal=Decimal("120000.00"))
        assert assert_figures_match_records(matter.pk).claimed > Decimal("120000.00")

        matter = Matter.objects.get(pk=matter.pk)
        services.matter_transition(actor=p, matter=matter, version=matter.version, outcome="settled")
        closed = assert_figures_match_records(matter.pk)
        assert closed.next_deadline_on is None and closed.pending_deadlines == []


def test_a_hearing_that_has_passed_leaves_the_card_without_refresh(alpha):
    """Lapsing deadlines are dropped when read: the stored list need not be recomputed the next day."""
    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(p, due_date=today() - timedelta(days=10))
        suit = services.lawsuit_create(actor=p, matter=matter, court="杭州市西湖区人民法院")
        services.hearing_create(actor=p, matter=matter, lawsuit=suit, held_on=today() + timedelta(days=1),
                                place="第二法庭")
        matter = Matter.objects.select_related("debtor", "lawyer").get(pk=matter.pk)
        assert selectors.pending_deadlines(matter)[0].kind == "hearing"
        later = [d.kind for d in selectors.pending_deadlines(matter, today=today() + timedelta(days=2))]
        assert later == ["limitation"]


def test_a_balance_of_an_earlier_day_is_computed_live_and_refreshed_daily(alpha, beta):
    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(p, principal=Decimal("100000.00"), due_date=today() - timedelta(days=100),
                             interest_type="fixed", interest_rate=Decimal("10"))
        expected = balances.matter_balance(Matter.objects.get(pk=matter.pk)).outstanding
        Matter.objects.filter(pk=matter.pk).update(balance_as_of=today() - timedelta(days=1),
                                                   outstanding=Decimal("1.00"))
    page = alpha.client(p).get("/matters/").content.decode()
    assert f"{expected:,.2f}" in page and ">1.00<" not in page
    api = alpha.client(p).get(f"/api/v1/matters/{matter.pk}/").json()
    assert api["balance"]["outstanding"] == str(expected)

    with schema_context(beta.firm.schema_name):
        assert refresh_matter_figures.apply().get() == 0  # beta's own (empty) matters only
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).outstanding == Decimal("1.00")
        assert refresh_matter_figures.apply().get() >= 1
        assert_figures_match_records(matter.pk)
        assert services.figures_refresh_stale() == 0  # nothing left of an earlier day


def test_a_holiday_added_in_the_admin_moves_stored_deadlines_in_every_firm(alpha, beta,
                                                                          django_capture_on_commit_callbacks):
    # Three years from 2024-01-10 is Sunday 2027-01-10; with no 2027 holiday data it rolls to Monday the 11th.
    matters = {}
    for people in (alpha, beta):
        with schema_context(people.firm.schema_name):
            matters[people.firm.schema_name] = make_matter(people.partner, due_date=date(2024, 1, 10)).pk
            assert Matter.objects.get(pk=matters[people.firm.schema_name]).next_deadline_on == date(2027, 1, 11)

    connection.set_schema_to_public()
    admin = User.objects.create_superuser("root@platform.test", "Root-Password-2026")
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/admin/calculators/holidayyear/add/", {"year": 2027, "note": "测试"})
        assert response.status_code == 302
        response = browser.post("/admin/calculators/calendarday/add/",
                                {"date": "2027-01-11", "kind": "holiday", "name": "测试假日"})
        assert response.status_code == 302

    for people in (alpha, beta):
        with schema_context(people.firm.schema_name):
            assert Matter.objects.get(pk=matters[people.firm.schema_name]).next_deadline_on == date(2027, 1, 12)


def test_two_payments_at_once_are_both_counted(alpha, committed):
    mandate_id, debtor_id = committed
    schema = alpha.firm.schema_name
    matter_id = in_own_connection(schema, lambda: services.matter_create(
        actor=alpha.partner, mandate=Mandate.objects.get(pk=mandate_id), debtor=Debtor.objects.get(pk=debtor_id),
        principal="10000.00", due_date=date(2020, 6, 1), opened_on=date(2041, 3, 3)).pk)

    def pay(amount):
        def run():
            with transaction.atomic():
                services.payment_record(actor=alpha.finance, matter=Matter.objects.get(pk=matter_id),
                                        received_on=today(), amount=amount)
                connection.cursor().execute("SELECT pg_sleep(0.2)")  # the other payer commits meanwhile
        return run

    results = run_threads(schema, [pay(Decimal("100.00")), pay(Decimal("200.00"))])
    assert results == [None, None]
    stored = in_own_connection(schema, lambda: Matter.objects.values_list("recovered", flat=True).get(pk=matter_id))
    assert stored == Decimal("300.00")
