import pytest
from django_tenants.utils import schema_context

from matters.models import ClientMembership
from tests.matters.helpers import make_client

pytestmark = pytest.mark.django_db


def test_partner_links_a_client_user_to_a_client(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner, name="上海申江贸易有限公司")
    browser = alpha.client(alpha.partner)
    page = browser.get(f"/clients/{client.pk}/").content.decode()
    assert alpha.client_a.email in page  # offered in the list of people to link

    response = browser.post(f"/clients/{client.pk}/portal-users/", {"user": alpha.client_a.pk})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert ClientMembership.objects.get(user=alpha.client_a).client_id == client.pk
    page = browser.get(f"/clients/{client.pk}/").content.decode()
    assert f"&lt;{alpha.client_a.email}&gt;" in page


def test_only_client_users_can_be_linked_and_only_by_partners(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    assert alpha.client(alpha.lawyer).post(f"/clients/{client.pk}/portal-users/",
                                           {"user": alpha.client_a.pk}).status_code == 403
    alpha.client(alpha.partner).post(f"/clients/{client.pk}/portal-users/", {"user": alpha.lawyer.pk})
    with schema_context(alpha.firm.schema_name):
        assert not ClientMembership.objects.exists()


def test_beta_partner_cannot_link_to_alpha_client(alpha, beta):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    response = beta.client(beta.partner).post(f"/clients/{client.pk}/portal-users/", {"user": beta.client_a.pk})
    assert response.status_code == 404
