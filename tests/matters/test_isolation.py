"""Every matters endpoint: another firm's people get 404 (by URL, by guessed id) or 401 (with this firm's
credentials on their own domain), and where their firm has rows with the very same ids they reach only their
own; client-portal users get 403, and the access helpers give them their own company's matters only, even
next to another company's with ids that exist; anonymous callers 401."""

import pytest
from django.http import Http404
from django.test import Client
from django_tenants.utils import schema_context

from accounts.services import token_for
from matters import access, selectors, services
from matters.models import (
    AssetLead,
    BankruptcyClaim,
    CreditInvestigation,
    Debtor,
    DemandLetter,
    Enforcement,
    EvidenceFile,
    FrozenAsset,
    Hearing,
    Lawsuit,
    Mandate,
    Matter,
    Negotiation,
    Payment,
    PaymentOrder,
    Preservation,
    RepaymentAgreement,
    WorkLogEntry,
    WriteOff,
)
from matters.models import Client as ClientModel
from tests.matters.helpers import World, build_world, make_matter
from tests.support import align_next_ids

pytestmark = pytest.mark.django_db

WORLD_MODELS = [ClientModel, Debtor, Mandate, Matter, Payment, WorkLogEntry, EvidenceFile, AssetLead, DemandLetter,
                Negotiation, RepaymentAgreement, Preservation, FrozenAsset, Lawsuit, Hearing, Enforcement, WriteOff,
                PaymentOrder, CreditInvestigation, BankruptcyClaim]

LISTS = ["clients", "debtors", "mandates", "matters", "payments", "worklog", "evidence", "deadlines"]
RECORD_PREFIXES = ["asset-leads", "letters", "negotiations", "repayment-agreements", "preservations", "freezes",
                   "lawsuits", "hearings", "enforcements", "write-offs", "payment-orders", "credit-investigations",
                   "bankruptcy-claims"]


def object_urls(world: World) -> list[str]:
    m = world.matter
    urls = [
        f"/api/v1/clients/{world.client}/",
        f"/api/v1/debtors/{world.debtor}/",
        f"/api/v1/debtors/{world.guarantor}/",
        f"/api/v1/mandates/{world.mandate}/",
        f"/api/v1/matters/{m}/",
        f"/api/v1/matters/{m}/timeline/",
        f"/api/v1/matters/{m}/balance/",
        f"/api/v1/matters/{m}/deadlines/",
        f"/api/v1/payments/{world.payment}/",
        f"/api/v1/worklog/{world.worklog}/",
        f"/api/v1/evidence/{world.evidence}/",
        f"/api/v1/evidence/{world.evidence}/download/",
    ]
    for prefix in RECORD_PREFIXES:
        urls.append(f"/api/v1/matters/{m}/{prefix}/")
        urls.append(f"/api/v1/matters/{m}/{prefix}/{world.records[prefix]}/")
    return urls


def write_requests(world: World) -> list[tuple[str, str, dict]]:
    m = world.matter
    requests = [
        ("post", f"/api/v1/matters/{m}/transition/", {"to_stage": "negotiation", "version": 1}),
        ("patch", f"/api/v1/matters/{m}/", {"description": "改"}),
        ("patch", f"/api/v1/clients/{world.client}/", {"name": "改名"}),
        ("patch", f"/api/v1/debtors/{world.debtor}/", {"notes": "改"}),
        ("patch", f"/api/v1/mandates/{world.mandate}/", {"notes": "改"}),
        ("patch", f"/api/v1/worklog/{world.worklog}/", {"summary": "改"}),
    ]
    for prefix in RECORD_PREFIXES:
        requests.append(("post", f"/api/v1/matters/{m}/{prefix}/", {}))
        requests.append(("delete", f"/api/v1/matters/{m}/{prefix}/{world.records[prefix]}/", {}))
    return requests


def call(browser, method, url, data=None, **extra):
    if method == "get":
        return browser.get(url, **extra)
    return getattr(browser, method)(url, data or {}, content_type="application/json", **extra)


def test_owner_firm_reaches_every_url(alpha, alpha_world):
    browser = alpha.client(alpha.partner)
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert browser.get(url).status_code == 200, url


def test_other_firm_gets_404_for_every_object_and_write(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for url in object_urls(alpha_world):
        response = browser.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found", url
    for method, url, data in write_requests(alpha_world):
        assert call(browser, method, url, data).status_code == 404, (method, url)


@pytest.fixture
def twin_worlds(alpha, beta, media_root) -> World:
    """The same world in both firms, under the same ids: beta's people asking for alpha's ids find rows."""
    align_next_ids(WORLD_MODELS, [alpha.firm.schema_name, beta.firm.schema_name])
    alpha_world = build_world(alpha, prefix="甲所")
    beta_world = build_world(beta, prefix="乙所")
    assert alpha_world == beta_world  # every id, records included
    return alpha_world


NAMED = ("/clients/", "/debtors/", "/mandates/", "/payments/")  # bodies that carry a party's name


def test_the_same_ids_in_another_firm_reach_that_firms_own_objects_only(alpha, beta, twin_worlds):
    browser = beta.client(beta.partner)
    for url in object_urls(twin_worlds):
        response = browser.get(url)
        assert response.status_code == 200, url
        if response.streaming:  # the evidence file: the same bytes in both worlds
            continue
        body = response.content.decode()
        assert "甲所" not in body, url
        if any(part in url for part in NAMED) or url.endswith(f"/matters/{twin_worlds.matter}/"):
            assert "乙所" in body, url
    # The move first (it carries version 1), then children's records before their parents' (a removed
    # preservation takes its freezes with it).
    move, *others = write_requests(twin_worlds)
    for method, url, data in [move, *reversed(others)]:
        assert call(browser, method, url, data).status_code in (200, 201, 204, 400), (method, url)
    # Every write changed beta's rows; alpha's are as they were.
    with schema_context(alpha.firm.schema_name):
        matter = Matter.objects.get(pk=twin_worlds.matter)
        assert (matter.stage, matter.description) == ("due_diligence", "")
        assert ClientModel.objects.get(pk=twin_worlds.client).name == "甲所上海申江贸易有限公司"
        assert Debtor.objects.get(pk=twin_worlds.debtor).notes == ""
        assert Mandate.objects.get(pk=twin_worlds.mandate).notes == ""
        assert WorkLogEntry.objects.get(pk=twin_worlds.worklog).summary == "电话催收，对方称月底付款"
        for prefix, model in zip(RECORD_PREFIXES, RECORD_MODELS, strict=True):
            assert model.objects.filter(pk=twin_worlds.records[prefix]).exists(), prefix
    with schema_context(beta.firm.schema_name):
        assert Matter.objects.get(pk=twin_worlds.matter).stage == "negotiation"
        assert ClientModel.objects.get(pk=twin_worlds.client).name == "改名"


RECORD_MODELS = [AssetLead, DemandLetter, Negotiation, RepaymentAgreement, Preservation, FrozenAsset, Lawsuit,
                 Hearing, Enforcement, WriteOff, PaymentOrder, CreditInvestigation, BankruptcyClaim]


def test_other_firm_guessing_neighbouring_ids_gets_404(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for offset in range(-2, 3):
        for path in ("matters", "clients", "debtors", "mandates", "payments", "worklog", "evidence"):
            identifier = getattr(alpha_world, {"matters": "matter", "clients": "client", "debtors": "debtor",
                                               "mandates": "mandate", "payments": "payment",
                                               "worklog": "worklog", "evidence": "evidence"}[path]) + offset
            assert browser.get(f"/api/v1/{path}/{identifier}/").status_code == 404


def test_other_firm_lists_show_nothing_of_alpha(alpha, beta, alpha_world):
    browser = beta.client(beta.partner)
    for name in LISTS:
        body = browser.get(f"/api/v1/{name}/").json()
        assert body["count"] == 0, name


def test_alpha_token_and_session_mean_nothing_on_the_other_domain(alpha, beta, alpha_world):
    with schema_context(alpha.firm.schema_name):
        token = token_for(alpha.partner)
    on_beta = Client(HTTP_HOST=beta.host, HTTP_AUTHORIZATION=f"Token {token}")
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert on_beta.get(url).status_code == 401, url
    beta_session_on_alpha = beta.client(beta.partner)
    for url in object_urls(alpha_world):
        assert beta_session_on_alpha.get(url, HTTP_HOST=alpha.host).status_code == 401, url


def test_client_portal_users_get_403_everywhere(alpha, alpha_world):
    # Even a member of the world's own client: this API is for the firm's staff only.
    with schema_context(alpha.firm.schema_name):
        services.client_member_add(actor=alpha.partner, client=ClientModel.objects.get(pk=alpha_world.client),
                                   user=alpha.client_a)
    for user in (alpha.client_a, alpha.client_b):
        browser = alpha.client(user)
        for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
            response = browser.get(url)
            assert response.status_code == 403, url
            assert response.json()["code"] == "permission_denied"
        for method, url, data in write_requests(alpha_world):
            assert call(browser, method, url, data).status_code == 403, (method, url)
        for name in LISTS:
            assert call(browser, "post", f"/api/v1/{name}/", {}).status_code in (403, 405), name


def test_anonymous_gets_401(alpha, alpha_world):
    browser = alpha.client()
    for url in object_urls(alpha_world) + [f"/api/v1/{name}/" for name in LISTS]:
        assert browser.get(url).status_code == 401, url


def test_each_firm_sees_only_its_own_matters(alpha, beta, media_root):
    alpha_world = build_world(alpha)
    beta_world = build_world(beta)
    alpha_body = alpha.client(alpha.partner).get(f"/api/v1/matters/{alpha_world.matter}/").json()
    beta_body = beta.client(beta.partner).get(f"/api/v1/matters/{beta_world.matter}/").json()
    assert alpha_body["client_name"] == beta_body["client_name"] == "上海申江贸易有限公司"
    # Each firm numbers its own matters: the same reference may exist in both, each seeing only its own.
    assert alpha.client(alpha.partner).get("/api/v1/matters/").json()["count"] == 1
    assert beta.client(beta.partner).get("/api/v1/matters/").json()["count"] == 1
    download = beta.client(beta.partner).get(f"/api/v1/evidence/{beta_world.evidence}/download/")
    assert download.status_code == 200


def test_client_user_sees_only_their_company_through_the_access_helper(alpha):
    with schema_context(alpha.firm.schema_name):
        mine = make_matter(alpha.partner)
        theirs = make_matter(alpha.partner)
        services.client_member_add(actor=alpha.partner, client=mine.mandate.client, user=alpha.client_a)
        visible = set(access.visible_matters(alpha.client_a).values_list("pk", flat=True))
        assert visible == {mine.pk}
        assert theirs.pk not in visible
        assert not access.visible_matters(alpha.client_b).exists()
        assert not access.visible_worklog(alpha.client_a).exists()


def test_a_portal_user_of_client_a_cannot_reach_client_bs_matter_whose_ids_exist(alpha, media_root):
    company_a = build_world(alpha, prefix="A公司")
    company_b = build_world(alpha, prefix="B公司")
    with schema_context(alpha.firm.schema_name):
        for world, user in ((company_a, alpha.client_a), (company_b, alpha.client_b)):
            services.client_member_add(actor=alpha.partner, client=ClientModel.objects.get(pk=world.client),
                                       user=user)
        user = alpha.client_a
        # Their own company's matter is reachable through the helpers, the other company's is not found.
        assert access.get_matter_for_user(user, company_a.matter).pk == company_a.matter
        with pytest.raises(Http404):
            access.get_matter_for_user(user, company_b.matter)
        with pytest.raises(Http404):
            access.get_evidence_for_user(user, company_b.evidence)
        assert access.get_evidence_for_user(user, company_a.evidence).pk == company_a.evidence
        assert set(access.visible_matters(user).values_list("pk", flat=True)) == {company_a.matter}
        assert set(access.visible_clients(user).values_list("pk", flat=True)) == {company_a.client}
        assert set(access.visible_mandates(user).values_list("pk", flat=True)) == {company_a.mandate}
        assert set(access.visible_payments(user).values_list("pk", flat=True)) == {company_a.payment}
        assert not access.visible_debtors(user).exists() and not access.visible_worklog(user).exists()
        assert [row.pk for row in selectors.matter_rows(user=user)] == [company_a.matter]
    # Over HTTP the API and the pages refuse portal users outright, and never show company B's data.
    browser = alpha.client(user)
    pages = [f"/matters/{company_b.matter}/", f"/clients/{company_b.client}/", f"/mandates/{company_b.mandate}/",
             f"/matters/{company_b.matter}/evidence/{company_b.evidence}/download/", "/matters/"]
    for url in object_urls(company_b) + pages:
        response = browser.get(url)
        assert response.status_code in (403, 404), url
        assert "B公司" not in response.content.decode(), url
    for method, url, data in write_requests(company_b):
        assert call(browser, method, url, data).status_code in (403, 404), (method, url)
    with schema_context(alpha.firm.schema_name):
        matter = Matter.objects.get(pk=company_b.matter)
        assert (matter.stage, matter.description) == ("due_diligence", "")
