"""The daily deadline digest (Celery task, once per firm), in-app notifications, marking read, the badge."""

import logging

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from tests.workspace import mail as test_mail
from workspace import tasks
from workspace.models import Notification

pytestmark = pytest.mark.django_db


def run_digest(people, capture):
    with schema_context(people.firm.schema_name), capture(execute=True):
        return tasks.send_deadline_digests.apply().get()


def test_digest_reaches_each_person_with_deadlines_by_mail_and_in_app(alpha, firm_data,
                                                                      django_capture_on_commit_callbacks):
    sent = run_digest(alpha, django_capture_on_commit_callbacks)
    # The lawyer (assigned) and the partner (responsible for every mandate) have the missed instalment.
    assert sent == 2
    assert {m.to[0] for m in mail.outbox} == {alpha.lawyer.email, alpha.partner.email}
    message = next(m for m in mail.outbox if m.to == [alpha.lawyer.email])
    assert "已逾期" in message.subject and firm_data["overdue"].reference in message.body
    assert "【7 日内到期】" in message.body  # the next instalment, in 3 days
    with schema_context(alpha.firm.schema_name):
        assert Notification.objects.filter(recipient=alpha.lawyer, read_at__isnull=True).count() == 1
        assert not Notification.objects.filter(recipient=alpha.finance).exists()
    # Running again the same day sends nothing more.
    assert run_digest(alpha, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


@pytest.fixture
def refused_recipients(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.workspace.mail.RefusesSomeRecipients"}}
    yield test_mail.REFUSED
    test_mail.REFUSED.clear()


def test_one_refused_digest_email_does_not_stop_the_others(alpha, firm_data, refused_recipients, caplog,
                                                           django_capture_on_commit_callbacks):
    # The partner comes first (lowest id): their mailbox refuses, the lawyer's e-mail still leaves.
    refused_recipients.add(alpha.partner.email)
    with caplog.at_level(logging.ERROR):
        assert run_digest(alpha, django_capture_on_commit_callbacks) == 2
    assert [m.to for m in mail.outbox] == [[alpha.lawyer.email]]
    assert any(alpha.partner.email in record.getMessage() for record in caplog.records)
    with schema_context(alpha.firm.schema_name):
        # The refused person still has the digest in the app.
        assert Notification.objects.filter(recipient=alpha.partner).count() == 1


def test_digest_marks_a_deadline_counted_without_holiday_data(alpha, django_capture_on_commit_callbacks):
    from datetime import date

    from django.db import connection

    from calculators.models import HolidayYear
    from calculators.selectors import forget_reference_data
    from tests.matters.helpers import make_matter

    connection.set_schema_to_public()
    HolidayYear.objects.filter(year=2026).delete()  # as if 2026's notice were not entered
    forget_reference_data()
    try:
        with schema_context(alpha.firm.schema_name):
            make_matter(alpha.partner, lawyer=alpha.lawyer, due_date=date(2023, 11, 25))  # limitation 2026-11-25
        run_digest(alpha, django_capture_on_commit_callbacks)
        message = next(m for m in mail.outbox if m.to == [alpha.lawyer.email])
        assert "诉讼时效届满（2026年节假日安排尚未公布，仅按周末推算）" in message.body
    finally:
        forget_reference_data()  # the cached calendar must not outlive the rolled-back deletion


def test_digest_runs_in_one_firm_only(alpha, beta, firm_data, django_capture_on_commit_callbacks):
    assert run_digest(beta, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_notifications_page_mark_read_and_mark_all(alpha, firm_data, django_capture_on_commit_callbacks):
    run_digest(alpha, django_capture_on_commit_callbacks)
    browser = alpha.client(alpha.lawyer)
    badge = browser.get("/notifications/badge/").content.decode()
    assert 'data-unread="1"' in badge
    with schema_context(alpha.firm.schema_name):
        mine = Notification.objects.get(recipient=alpha.lawyer)
        partners = Notification.objects.get(recipient=alpha.partner)
    assert "期限提醒" in browser.get("/notifications/").content.decode()
    response = browser.post(f"/notifications/{mine.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "标为已读" not in response.content.decode()
    assert "data-unread" not in browser.get("/notifications/badge/").content.decode()
    # Someone else's notification is not found.
    assert browser.post(f"/notifications/{partners.pk}/read/").status_code == 404
    partner = alpha.client(alpha.partner)
    assert partner.post("/notifications/read-all/").status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_notifications_api(alpha, beta, firm_data, django_capture_on_commit_callbacks):
    run_digest(alpha, django_capture_on_commit_callbacks)
    api = alpha.client(alpha.lawyer)
    listed = api.get("/api/v1/notifications/").json()
    assert listed["count"] == 1 and listed["results"][0]["is_read"] is False
    pk = listed["results"][0]["id"]
    assert api.post(f"/api/v1/notifications/{pk}/read/").json()["is_read"] is True
    assert alpha.client(alpha.partner).post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert alpha.client(alpha.finance).post(f"/api/v1/notifications/{pk}/read/").status_code == 404
    assert beta.client(beta.partner).get("/api/v1/notifications/").json()["count"] == 0
