from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent, Invitation, Role, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _audit(firm, action):
    with schema_context(firm.schema_name):
        return list(AuditEvent.objects.filter(action=action))


@pytest.mark.parametrize("role_key", ["lawyer", "paralegal", "finance", "client_a"])
def test_only_partners_manage_people_and_settings(alpha, role_key):
    browser = alpha.client(getattr(alpha, role_key))
    for url in ("/people/", "/settings/", "/audit/"):
        assert browser.get(url).status_code == 403, url
    person = alpha.lawyer if role_key != "lawyer" else alpha.paralegal
    for url, data in (
        ("/people/invite/", {"email": "x@alpha.test", "role": "partner"}),
        (f"/people/{person.pk}/role/", {"role": "partner"}),
        (f"/people/{person.pk}/deactivate/", {}),
    ):
        assert browser.post(url, data).status_code == 403, url
    with schema_context(alpha.firm.schema_name):
        assert User.objects.get(pk=person.pk).role != Role.PARTNER
        assert User.objects.get(pk=person.pk).is_active
        assert not Invitation.objects.exists()


def test_anonymous_is_sent_to_login(alpha):
    response = alpha.client().get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_client_user_sees_no_firm_sections(alpha):
    browser = alpha.client(alpha.client_a)
    assert browser.get("/matters/").status_code == 403
    assert "委托方" in browser.get("/").content.decode()


def test_partner_invites_and_invitee_joins_with_role(alpha, django_capture_on_commit_callbacks):
    browser = alpha.client(alpha.partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/people/invite/", {"email": "new.lawyer@alpha.test", "role": "lawyer"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invite/" in line).strip()
    assert link.startswith("http://alpha.localhost/invite/")

    path = link.removeprefix("http://alpha.localhost")
    newcomer = Client(HTTP_HOST=alpha.host)
    assert newcomer.get(path).status_code == 200
    response = newcomer.post(path, {"name": "新律师", "password": PASSWORD, "password_confirm": PASSWORD})
    assert response.status_code == 302
    assert newcomer.get("/matters/").status_code == 200
    with schema_context(alpha.firm.schema_name):
        user = User.objects.get(email="new.lawyer@alpha.test")
        assert user.role == Role.LAWYER
    assert _audit(alpha.firm, AuditAction.INVITATION_SENT)[0].actor_id == alpha.partner.pk
    assert _audit(alpha.firm, AuditAction.INVITATION_ACCEPTED)[0].target == "new.lawyer@alpha.test"
    # The link is spent.
    assert Client(HTTP_HOST=alpha.host).get(path).status_code == 404


def test_expired_invitation_is_refused(alpha, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alpha.client(alpha.partner).post("/people/invite/", {"email": "late@alpha.test", "role": "finance"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invite/" in line).strip()
    with schema_context(alpha.firm.schema_name):
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client(HTTP_HOST=alpha.host).post(
        link.removeprefix("http://alpha.localhost"),
        {"name": "迟到", "password": PASSWORD, "password_confirm": PASSWORD},
    )
    assert response.status_code == 404
    with schema_context(alpha.firm.schema_name):
        assert not User.objects.filter(email="late@alpha.test").exists()


def test_invitation_link_of_alpha_is_unknown_on_beta(alpha, beta, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alpha.client(alpha.partner).post("/people/invite/", {"email": "x@alpha.test", "role": "lawyer"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invite/" in line).strip()
    assert beta.client().get(link.removeprefix("http://alpha.localhost")).status_code == 404


def test_partner_changes_role_and_it_is_audited(alpha):
    response = alpha.client(alpha.partner).post(f"/people/{alpha.paralegal.pk}/role/", {"role": "lawyer"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert User.objects.get(pk=alpha.paralegal.pk).role == Role.LAWYER
    event = _audit(alpha.firm, AuditAction.ROLE_CHANGED)[0]
    assert event.detail == {"from": "paralegal", "to": "lawyer"}
    assert event.actor_email == alpha.partner.email


def test_last_partner_cannot_be_demoted_or_deactivated(alpha):
    browser = alpha.client(alpha.partner)
    browser.post(f"/people/{alpha.partner.pk}/role/", {"role": "lawyer"})
    with schema_context(alpha.firm.schema_name):
        assert User.objects.get(pk=alpha.partner.pk).role == Role.PARTNER


def test_deactivated_person_is_locked_out(alpha):
    lawyer_browser = alpha.client(alpha.lawyer)
    assert lawyer_browser.get("/matters/").status_code == 200
    alpha.client(alpha.partner).post(f"/people/{alpha.lawyer.pk}/deactivate/")
    assert lawyer_browser.get("/matters/").status_code == 302
    response = alpha.client().post("/login/", {"username": alpha.lawyer.email, "password": PASSWORD})
    assert response.status_code == 200
    assert _audit(alpha.firm, AuditAction.PERSON_DEACTIVATED)[0].target == alpha.lawyer.email


def test_partner_cannot_manage_people_of_another_firm(alpha, beta):
    browser = alpha.client(alpha.partner)
    assert browser.post(f"/people/{beta.lawyer.pk + 1000}/deactivate/").status_code == 404
    # Ids are per schema; whatever alpha's partner touches by id stays inside alpha.
    browser.post(f"/people/{beta.lawyer.pk}/role/", {"role": "finance"})
    with schema_context(beta.firm.schema_name):
        assert User.objects.get(pk=beta.lawyer.pk).role == Role.LAWYER


def test_logins_and_failures_are_audited(alpha):
    alpha.client().post("/login/", {"username": alpha.finance.email, "password": "wrong-password"})
    alpha.client().post("/login/", {"username": alpha.finance.email, "password": PASSWORD})
    assert _audit(alpha.firm, AuditAction.LOGIN_FAILED)[0].target == alpha.finance.email
    assert _audit(alpha.firm, AuditAction.LOGIN)[0].actor_id == alpha.finance.pk
    page = alpha.client(alpha.partner).get("/audit/").content.decode()
    assert "登录失败" in page and alpha.finance.email in page


def test_five_failures_lock_the_account_for_that_address(alpha):
    for _ in range(5):
        alpha.client().post("/login/", {"username": alpha.finance.email, "password": "wrong-password"},
                            REMOTE_ADDR="10.1.1.1")
    locked = alpha.client().post("/login/", {"username": alpha.finance.email, "password": PASSWORD},
                                 REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == 429
    assert "15 分钟" in locked.content.decode()
    # The same account from another address, and another account from this address, still get in.
    assert alpha.client().post("/login/", {"username": alpha.finance.email, "password": PASSWORD},
                               REMOTE_ADDR="10.2.2.2").status_code == 302
    assert alpha.client().post("/login/", {"username": alpha.lawyer.email, "password": PASSWORD},
                               REMOTE_ADDR="10.1.1.1").status_code == 302


def test_password_reset_by_email(alpha):
    response = alpha.client().post("/password-reset/", {"email": alpha.lawyer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "alpha.localhost/password-reset/" in mail.outbox[0].body


def test_firm_settings_validate_uscc(alpha):
    browser = alpha.client(alpha.partner)
    data = {"name": "甲律师事务所", "uscc": "91350100M000100Y44", "address": "北京市"}
    response = browser.post("/settings/", data)
    assert response.status_code == 200
    assert "校验位" in response.content.decode()
    response = browser.post("/settings/", {**data, "uscc": "91350100M000100Y43"})
    assert response.status_code == 302
    alpha.firm.refresh_from_db()
    assert alpha.firm.uscc == "91350100M000100Y43"
    assert alpha.firm.address == "北京市"


def test_english_switch(alpha):
    browser = alpha.client(alpha.partner)
    browser.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = browser.get("/people/").content.decode()
    assert "People and roles" in page


def test_chinese_first_even_for_an_english_browser(alpha):
    page = alpha.client(alpha.partner).get("/people/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "人员与角色" in page.content.decode()
