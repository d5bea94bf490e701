"""Who may open which page: firm staff read, workers write, partners and finance record payments, client
users get 403 everywhere; another firm's object (or a guessed id) is a 404, never a 500 or a leak."""

import pytest

from tests.matters.helpers import PDF_BYTES, World

pytestmark = pytest.mark.django_db

READ_LISTS = ["/matters/", "/clients/", "/debtors/", "/mandates/", "/deadlines/"]
CREATE_PAGES = ["/matters/new/", "/clients/new/", "/debtors/new/", "/mandates/new/"]


def read_urls(w: World) -> list[str]:
    return [f"/matters/{w.matter}/", f"/clients/{w.client}/", f"/debtors/{w.debtor}/", f"/debtors/{w.guarantor}/",
            f"/mandates/{w.mandate}/", f"/matters/{w.matter}/evidence/{w.evidence}/download/"]


def work_urls(w: World) -> list[str]:
    return [f"/matters/{w.matter}/edit/", f"/clients/{w.client}/edit/", f"/debtors/{w.debtor}/edit/",
            f"/mandates/{w.mandate}/edit/",
            *[f"/matters/{w.matter}/records/{slug}/new/" for slug in w.records],
            *[f"/matters/{w.matter}/records/{slug}/{pk}/edit/" for slug, pk in w.records.items()]]


def post_requests(w: World) -> list[tuple[str, dict]]:
    m = w.matter
    return [
        (f"/matters/{m}/transition/", {"version": 1, "to_stage": "negotiation"}),
        (f"/matters/{m}/payments/", {"received_on": "2026-02-01", "amount": "100", "payer_kind": "debtor",
                                     "method": "bank_transfer"}),
        (f"/matters/{m}/worklog/", {"kind": "call", "occurred_on": "2026-02-01", "summary": "电话"}),
        (f"/matters/{m}/evidence/", {"category": "other"}),
        (f"/matters/{m}/edit/", {"principal": "1"}),
        (f"/clients/{w.client}/edit/", {"name": "改名"}),
        (f"/debtors/{w.debtor}/edit/", {"name": "改名"}),
        (f"/mandates/{w.mandate}/edit/", {"notes": "改"}),
        *[(f"/matters/{m}/records/{slug}/{pk}/delete/", {}) for slug, pk in w.records.items()],
        *[(f"/matters/{m}/records/{slug}/{pk}/edit/", {}) for slug, pk in w.records.items()],
    ]


@pytest.mark.parametrize("role", ["partner", "lawyer", "paralegal", "finance"])
def test_every_read_page_renders_for_firm_staff(alpha, world, role):
    browser = alpha.client(getattr(alpha, role))
    for url in READ_LISTS + read_urls(world):
        response = browser.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("role", ["partner", "lawyer", "paralegal"])
def test_every_form_page_renders_for_those_who_work_matters(alpha, world, role):
    browser = alpha.client(getattr(alpha, role))
    for url in CREATE_PAGES + work_urls(world):
        response = browser.get(url)
        assert response.status_code == 200, url
        assert b'name="csrfmiddlewaretoken"' in response.content


def test_finance_reads_but_cannot_open_work_forms(alpha, world):
    browser = alpha.client(alpha.finance)
    for url in CREATE_PAGES + work_urls(world):
        assert browser.get(url).status_code == 403, url
    page = browser.get(f"/matters/{world.matter}/").content.decode()
    assert "记录回款" in page  # finance records payments
    assert "新增催收记录" not in page and "变更阶段 / 结案" not in page


def test_lawyer_sees_no_payment_form_and_cannot_post_one(alpha, world):
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{world.matter}/").content.decode()
    assert "新增催收记录" in page and f'action="/matters/{world.matter}/payments/"' not in page
    response = browser.post(f"/matters/{world.matter}/payments/", {"received_on": "2026-02-01", "amount": "100",
                                                                   "payer_kind": "debtor", "method": "cash"})
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["client_a", "client_b"])
def test_client_users_get_403_on_every_page(alpha, world, who):
    browser = alpha.client(getattr(alpha, who))
    for url in READ_LISTS + CREATE_PAGES + read_urls(world) + work_urls(world):
        assert browser.get(url).status_code == 403, url
    for url, data in post_requests(world):
        assert browser.post(url, data).status_code == 403, url


def test_anonymous_people_are_sent_to_log_in(alpha, world):
    browser = alpha.client()
    for url in READ_LISTS + read_urls(world)[:2]:
        response = browser.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_another_firms_partner_gets_404_for_every_object_page(alpha, beta, world):
    browser = beta.client(beta.partner)
    for url in read_urls(world) + work_urls(world):
        assert browser.get(url).status_code == 404, url
    for url, data in post_requests(world):
        assert browser.post(url, data).status_code == 404, url


def test_guessed_and_malformed_ids_are_404(alpha, world):
    browser = alpha.client(alpha.partner)
    for url in [f"/matters/{world.matter + 999}/", f"/matters/{world.matter}/evidence/{world.evidence + 9}/download/",
                f"/clients/{world.client + 999}/", f"/matters/{world.matter}/records/unknown-kind/new/",
                f"/matters/{world.matter}/records/letters/{world.records['letters'] + 999}/edit/"]:
        assert browser.get(url).status_code == 404, url


def test_evidence_download_streams_the_bytes_only_through_its_own_matter(alpha, world):
    browser = alpha.client(alpha.finance)
    response = browser.get(f"/matters/{world.matter}/evidence/{world.evidence}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # The same evidence id under another matter of the firm is not found.
    from django_tenants.utils import schema_context

    from tests.matters.helpers import make_matter
    with schema_context(alpha.firm.schema_name):
        other = make_matter(alpha.partner)
    assert browser.get(f"/matters/{other.pk}/evidence/{world.evidence}/download/").status_code == 404
