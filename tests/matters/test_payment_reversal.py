"""A payment recorded in error is corrected by a reversing entry with its reason, never edited or deleted: it
stays in the ledger, counts nowhere (balance, stored figures, dashboard), and the timeline and audit log say
who reversed it and why. Through the service, the API and the matter page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent
from matters import balances, services
from matters.models import Matter, Payment, PaymentReversal, TimelineKind
from tests.matters.helpers import make_matter
from tests.support import in_own_connection, run_threads

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def post(browser, url, data):
    return browser.post(url, data, content_type="application/json")


def matter_with_payments(people):
    matter = make_matter(people.partner, principal=Decimal("100000.00"), due_date=date(2026, 1, 1))
    wrong = services.payment_record(actor=people.finance, matter=matter, received_on=date(2026, 2, 1),
                                    amount=Decimal("50000.00"))
    right = services.payment_record(actor=people.finance, matter=matter, received_on=date(2026, 2, 2),
                                    amount=Decimal("5000.00"))
    return matter, wrong, right


def test_a_reversed_payment_stays_on_record_and_no_longer_counts(alpha):
    with schema_context(alpha.firm.schema_name):
        matter, wrong, _right = matter_with_payments(alpha)
        assert Matter.objects.get(pk=matter.pk).recovered == Decimal("55000.00")
        reversal = services.payment_reverse(actor=alpha.finance, payment=wrong, reason="金额录入错误，应为 5,000 元")
        stored = Matter.objects.get(pk=matter.pk)
        balance = balances.matter_balance(stored)
        assert reversal.reversed_on == timezone.localdate() and reversal.reversed_by_id == alpha.finance.pk
        assert stored.recovered == balance.recovered == Decimal("5000.00")  # stored figures follow
        assert list(stored.payments.all()) == [_right]
        assert Payment.all_entries.filter(pk=wrong.pk).exists()  # never deleted
        event = stored.timeline_events.filter(kind=TimelineKind.PAYMENT).first()
        assert event.reason == "金额录入错误，应为 5,000 元" and "冲销回款 50,000.00 元" in event.summary
        assert event.actor_id == alpha.finance.pk and event.record_id == wrong.pk
        audit = AuditEvent.objects.get(action=AuditAction.PAYMENT_REVERSED)
        assert audit.detail["payment"] == wrong.pk and audit.detail["reason"] == "金额录入错误，应为 5,000 元"


def test_a_reversal_needs_a_reason_the_right_role_and_happens_once(alpha):
    with schema_context(alpha.firm.schema_name):
        _matter, wrong, _right = matter_with_payments(alpha)
        with pytest.raises(ValidationError) as error:
            services.payment_reverse(actor=alpha.finance, payment=wrong, reason="  ")
        assert "必须说明理由" in error.value.message_dict["reason"][0]
        for person in (alpha.lawyer, alpha.paralegal, alpha.client_a):
            with pytest.raises(PermissionDenied):
                services.payment_reverse(actor=person, payment=wrong, reason="误录")
        assert not PaymentReversal.objects.exists()
        services.payment_reverse(actor=alpha.partner, payment=wrong, reason="误录")
        with pytest.raises(ValidationError) as error:
            services.payment_reverse(actor=alpha.finance, payment=wrong, reason="再次冲销")
        assert "已冲销" in error.value.message_dict["payment"][0]
        assert PaymentReversal.objects.count() == 1


def test_two_people_reversing_the_same_payment_at_once_make_one_reversal(alpha, committed):
    mandate_id, debtor_id = committed
    schema = alpha.firm.schema_name

    def setup():
        from matters.models import Debtor, Mandate

        matter = services.matter_create(actor=alpha.partner, mandate=Mandate.objects.get(pk=mandate_id),
                                        debtor=Debtor.objects.get(pk=debtor_id), principal=Decimal("1000.00"),
                                        due_date=date(2025, 1, 1), opened_on=date(2041, 1, 2))
        return services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 1, 2),
                                       amount=Decimal("10.00"))

    payment = in_own_connection(schema, setup)
    try:
        results = run_threads(schema, [
            lambda: services.payment_reverse(actor=alpha.finance, payment=payment, reason="重复录入"),
            lambda: services.payment_reverse(actor=alpha.partner, payment=payment, reason="重复录入"),
        ])
        assert sum(isinstance(result, PaymentReversal) for result in results) == 1
        assert sum(isinstance(result, ValidationError) for result in results) == 1
    finally:
        def cleanup():
            PaymentReversal.objects.filter(payment_id=payment.pk).delete()
            AuditEvent.objects.filter(action=AuditAction.PAYMENT_REVERSED, detail__payment=payment.pk).delete()

        run_threads(schema, [cleanup])


def test_payments_api_lists_the_reversal_and_reverses_by_post_only(alpha):
    with schema_context(alpha.firm.schema_name):
        matter, wrong, right = matter_with_payments(alpha)
    api = alpha.client(alpha.finance)
    url = f"/api/v1/payments/{wrong.pk}/"
    # No silent edit or delete.
    assert api.patch(url, {"amount": "5000.00"}, content_type="application/json").status_code == 405
    assert api.put(url, {"amount": "5000.00"}, content_type="application/json").status_code == 405
    assert api.delete(url).status_code == 405
    response = post(alpha.client(alpha.lawyer), f"{url}reverse/", {"reason": "误录"})
    assert response.status_code == 403
    response = post(api, f"{url}reverse/", {})
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    response = post(api, f"{url}reverse/", {"reason": "付款人录错"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["id"] == wrong.pk and body["reversal"]["reason"] == "付款人录错"
    assert body["reversal"]["reversed_by_name"] == alpha.finance.name
    assert post(api, f"{url}reverse/", {"reason": "再来"}).status_code == 400
    listed = {row["id"]: row["reversal"] for row in api.get("/api/v1/payments/").json()["results"]}
    assert listed[right.pk] is None and listed[wrong.pk]["reason"] == "付款人录错"
    balance = api.get(f"/api/v1/matters/{matter.pk}/balance/").json()
    assert balance["recovered"] == "5000.00"


def test_finance_reverses_a_payment_on_the_matter_page(alpha):
    with schema_context(alpha.firm.schema_name):
        matter, wrong, _right = matter_with_payments(alpha)
    browser = alpha.client(alpha.finance)
    url = f"/matters/{matter.pk}/payments/{wrong.pk}/reverse/"
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert url in page
    assert url not in alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/").content.decode()
    assert alpha.client(alpha.lawyer).post(url, {"reason": "误录"}).status_code == 403
    response = browser.post(url, {"reason": ""}, **HX)  # htmx swaps only a 2xx answer
    assert response.status_code == 200 and "冲销回款必须说明理由" in response.content.decode()
    response = browser.post(url, {"reason": "金额录入错误"}, **HX)
    assert response.status_code == 200
    section = response.content.decode()
    assert "已冲销" in section and "金额录入错误" in section and url not in section
    assert 'id="balance-card"' in section  # the balance is redrawn alongside
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).recovered == Decimal("5000.00")
    # Without htmx: a redirect back, and a reversed payment cannot be reversed again.
    response = browser.post(url, {"reason": "再来"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert PaymentReversal.objects.filter(payment=wrong).count() == 1


def test_another_firm_cannot_reverse_a_payment(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        _matter, wrong, _right = matter_with_payments(alpha)
    response = post(beta.client(beta.finance), f"/api/v1/payments/{wrong.pk}/reverse/", {"reason": "误录"})
    assert response.status_code == 404
    with schema_context(alpha.firm.schema_name):
        assert not PaymentReversal.objects.exists()
