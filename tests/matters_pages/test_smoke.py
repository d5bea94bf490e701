import pytest

pytestmark = pytest.mark.django_db


def test_matter_page_renders(alpha, world):
    browser = alpha.client(alpha.partner)
    for url in ["/matters/", f"/matters/{world.matter}/", "/clients/", f"/clients/{world.client}/", "/debtors/",
                f"/debtors/{world.debtor}/", "/mandates/", f"/mandates/{world.mandate}/", "/deadlines/",
                "/matters/new/", f"/matters/{world.matter}/edit/", "/clients/new/", "/debtors/new/",
                "/mandates/new/", f"/clients/{world.client}/edit/", f"/debtors/{world.debtor}/edit/",
                f"/mandates/{world.mandate}/edit/"] + [
                f"/matters/{world.matter}/records/{slug}/new/" for slug in world.records] + [
                f"/matters/{world.matter}/records/{slug}/{pk}/edit/" for slug, pk in world.records.items()]:
        response = browser.get(url)
        assert response.status_code == 200, (url, response.content[:3000])
