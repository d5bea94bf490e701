"""The firm's people in the API: listed for its staff, managed by partners under the rules of the people page."""

import pytest
from django.core import mail
from django.test import Client
from django_tenants.utils import schema_context
from rest_framework.authtoken.models import Token

from accounts.models import AuditAction, AuditEvent, Invitation, Role, User
from accounts.services import token_for

pytestmark = pytest.mark.django_db

STAFF = ["partner", "lawyer", "paralegal", "finance"]


def api(people, user) -> Client:
    with schema_context(people.firm.schema_name):
        token = token_for(user)
    return Client(HTTP_HOST=people.host, HTTP_AUTHORIZATION=f"Token {token}")


def _stored(people, user) -> tuple[str, bool]:
    with schema_context(people.firm.schema_name):
        return User.objects.values_list("role", "is_active").get(pk=user.pk)


def test_me_gives_the_persons_id(alpha):
    assert api(alpha, alpha.paralegal).get("/api/v1/me/").json()["id"] == alpha.paralegal.pk


@pytest.mark.parametrize("role_key", STAFF)
def test_every_member_of_staff_lists_the_firms_people(alpha, role_key):
    response = api(alpha, getattr(alpha, role_key)).get("/api/v1/people/")
    assert response.status_code == 200
    rows = {row["email"]: row for row in response.json()["results"]}
    assert rows[alpha.partner.email] == {"id": alpha.partner.pk, "name": alpha.partner.name,
                                         "email": alpha.partner.email, "role": "partner", "role_label": "合伙人",
                                         "is_active": True}
    assert {alpha.lawyer.email, alpha.paralegal.email, alpha.finance.email} <= set(rows)


def test_people_filter_by_role(alpha):
    response = api(alpha, alpha.lawyer).get("/api/v1/people/?role=partner")
    assert [row["id"] for row in response.json()["results"]] == [alpha.partner.pk]


def test_client_portal_users_do_not_see_the_firms_people(alpha):
    browser = api(alpha, alpha.client_a)
    for path in ("/api/v1/people/", f"/api/v1/people/{alpha.partner.pk}/", "/api/v1/invitations/"):
        response = browser.get(path)
        assert response.status_code == 403, path
        assert response.json()["code"] == "permission_denied"


def test_a_beta_token_never_lists_alpha_people(alpha, beta):
    emails = {row["email"] for row in api(beta, beta.lawyer).get("/api/v1/people/").json()["results"]}
    assert beta.partner.email in emails
    assert not any(email.endswith("@alpha.test") for email in emails)
    # The same token on alpha's domain is simply unknown there.
    with schema_context(beta.firm.schema_name):
        token = token_for(beta.lawyer)
    response = Client(HTTP_HOST=alpha.host, HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/people/")
    assert response.status_code == 401


def test_a_beta_partner_acting_on_an_alpha_id_touches_only_beta(alpha, beta):
    # Ids are per firm: alpha's lawyer and beta's lawyer share one.
    assert alpha.lawyer.pk == beta.lawyer.pk
    response = api(beta, beta.partner).post(f"/api/v1/people/{alpha.lawyer.pk}/role/", {"role": "finance"},
                                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["email"] == beta.lawyer.email
    assert _stored(alpha, alpha.lawyer) == (Role.LAWYER, True)
    assert api(beta, beta.partner).get(f"/api/v1/people/{alpha.lawyer.pk + 1000}/").status_code == 404


@pytest.mark.parametrize("role_key", ["lawyer", "paralegal", "finance", "client_a"])
def test_only_partners_invite_change_roles_and_deactivate(alpha, role_key):
    browser = api(alpha, getattr(alpha, role_key))
    target = alpha.paralegal if role_key != "paralegal" else alpha.lawyer
    before = _stored(alpha, target)
    for path, data in (
        ("/api/v1/invitations/", {"email": "x@alpha.test", "role": "partner"}),
        (f"/api/v1/people/{target.pk}/role/", {"role": "partner"}),
        (f"/api/v1/people/{target.pk}/deactivate/", {}),
        (f"/api/v1/people/{target.pk}/reactivate/", {}),
    ):
        response = browser.post(path, data, content_type="application/json")
        assert response.status_code == 403, path
        assert response.json()["code"] == "permission_denied"
    assert _stored(alpha, target) == before
    with schema_context(alpha.firm.schema_name):
        assert not Invitation.objects.exists()


def test_partner_invites_through_the_api(alpha, django_capture_on_commit_callbacks):
    browser = api(alpha, alpha.partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/api/v1/invitations/", {"email": "New.Lawyer@alpha.test", "role": "lawyer"},
                                content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["role"]) == ("new.lawyer@alpha.test", "lawyer")
    assert "token" not in body and "url" not in body  # the link goes to the invitee's mailbox only
    assert len(mail.outbox) == 1 and "http://alpha.localhost/invite/" in mail.outbox[0].body
    assert [row["id"] for row in browser.get("/api/v1/invitations/").json()["results"]] == [body["id"]]

    assert browser.delete(f"/api/v1/invitations/{body['id']}/").status_code == 204
    with schema_context(alpha.firm.schema_name):
        assert Invitation.objects.get(pk=body["id"]).revoked_at is not None
        actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.INVITATION_SENT, AuditAction.INVITATION_REVOKED} <= actions


def test_inviting_an_existing_address_is_refused_with_the_pages_message(alpha):
    response = api(alpha, alpha.partner).post("/api/v1/invitations/", {"email": alpha.lawyer.email,
                                                                       "role": "lawyer"},
                                              content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "该邮箱已有账户。",
                               "fields": {"email": ["该邮箱已有账户。"]}}


def test_partner_changes_a_role_and_it_is_audited(alpha):
    response = api(alpha, alpha.partner).post(f"/api/v1/people/{alpha.paralegal.pk}/role/", {"role": "lawyer"},
                                              content_type="application/json")
    assert response.status_code == 200
    assert response.json()["role"] == "lawyer"
    assert _stored(alpha, alpha.paralegal) == (Role.LAWYER, True)
    with schema_context(alpha.firm.schema_name):
        event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert (event.actor_id, event.detail) == (alpha.partner.pk, {"from": "paralegal", "to": "lawyer"})


def test_an_unknown_role_is_a_field_error(alpha):
    response = api(alpha, alpha.partner).post(f"/api/v1/people/{alpha.paralegal.pk}/role/", {"role": "boss"},
                                              content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"role"}


def test_the_last_partner_cannot_be_demoted_through_the_api(alpha):
    response = api(alpha, alpha.partner).post(f"/api/v1/people/{alpha.partner.pk}/role/", {"role": "lawyer"},
                                              content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "律所至少需要一位有效的合伙人。"}
    assert _stored(alpha, alpha.partner) == (Role.PARTNER, True)


def test_partner_deactivates_and_reactivates_through_the_api(alpha):
    lawyer_api = api(alpha, alpha.lawyer)
    browser = api(alpha, alpha.partner)
    response = browser.post(f"/api/v1/people/{alpha.lawyer.pk}/deactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert lawyer_api.get("/api/v1/me/").status_code == 401  # the token went with the account
    with schema_context(alpha.firm.schema_name):
        assert not Token.objects.filter(user=alpha.lawyer).exists()
    assert browser.post(f"/api/v1/people/{alpha.lawyer.pk}/reactivate/").json()["is_active"] is True
    assert _stored(alpha, alpha.lawyer) == (Role.LAWYER, True)


def test_a_partner_cannot_deactivate_themselves(alpha):
    response = api(alpha, alpha.partner).post(f"/api/v1/people/{alpha.partner.pk}/deactivate/")
    assert response.status_code == 400
    assert response.json()["message"] == "不能停用自己的账户。"


def test_a_non_numeric_id_is_not_found(alpha):
    assert api(alpha, alpha.partner).post("/api/v1/people/abc/deactivate/").status_code == 404
