"""A sale with no agreed penalty runs at the LPR of the breach plus 30–50% (买卖合同解释第十八条第四款): the basis
is offered, is the default of a sale, and a markup outside 30–50 is refused everywhere with a clear message. A
private loan's rate above 4 × the LPR is warned of on the matter page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_tenants.utils import schema_context

from matters import services
from matters.balances import matter_balance
from matters.models import Matter
from tests.matters.helpers import make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db
MARKUP_MESSAGE = "LPR 上浮比例应在 30%–50% 之间"


def post(api, data):
    return api.post("/api/v1/matters/", data, content_type="application/json")


@pytest.fixture
def parties(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_mandate(alpha.partner), make_debtor(alpha.partner)


def test_sale_matter_without_interest_terms_gets_the_statutory_basis_through_the_api(alpha, parties):
    mandate, debtor = parties
    response = post(alpha.client(alpha.lawyer), {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale",
                                                 "principal": "100000.00", "due_date": "2025-01-01"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["interest_type"] == "sale_lpr_markup" and Decimal(body["lpr_markup"]) == Decimal("30")
    with schema_context(alpha.firm.schema_name):
        matter = Matter.objects.get(pk=body["id"])
        balance = matter_balance(matter, as_of=date(2026, 1, 2))
    # LPR of 2025-01-02 (3.10%) × 1.3 = 4.03% for the year, although the LPR fell in May 2025.
    assert balance.interest == Decimal("4030.00")


def test_other_causes_and_an_explicit_none_get_no_interest(alpha, parties):
    mandate, debtor = parties
    api = alpha.client(alpha.lawyer)
    loan = post(api, {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "loan", "principal": "1000.00",
                      "due_date": "2025-01-01"})
    assert loan.status_code == 201 and loan.json()["interest_type"] == "none"
    chosen = post(api, {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale", "principal": "1000.00",
                        "due_date": "2025-01-01", "interest_type": "none"})
    assert chosen.status_code == 201 and chosen.json()["interest_type"] == "none"
    # A breach before the LPR existed gets no default basis (the benchmark rate applies then).
    old = post(api, {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale", "principal": "1000.00",
                     "due_date": "2019-06-30"})
    assert old.status_code == 201 and old.json()["interest_type"] == "none"


@pytest.mark.parametrize("markup", ["29", "51"])
def test_markup_outside_the_range_is_refused_by_the_api(alpha, parties, markup):
    mandate, debtor = parties
    response = post(alpha.client(alpha.lawyer), {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale",
                                                 "principal": "1000.00", "due_date": "2025-01-01",
                                                 "interest_type": "sale_lpr_markup", "lpr_markup": markup})
    assert response.status_code == 400
    assert MARKUP_MESSAGE in str(response.json())
    with schema_context(alpha.firm.schema_name):
        assert not Matter.objects.filter(debtor=debtor).exists()


@pytest.mark.parametrize(("markup", "accepted"), [("29", False), ("30", True), ("50", True), ("51", False)])
def test_markup_range_on_the_form(alpha, parties, markup, accepted):
    mandate, debtor = parties
    browser = alpha.client(alpha.lawyer)
    response = browser.post("/matters/new/", {
        "mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale", "principal": "1000", "costs": "",
        "interest_type": "sale_lpr_markup", "lpr_markup": markup, "due_date": "2025-06-30"})
    with schema_context(alpha.firm.schema_name):
        created = Matter.objects.filter(debtor=debtor).first()
    if accepted:
        assert response.status_code == 302
        assert created.lpr_markup == Decimal(markup)
    else:
        assert response.status_code == 200
        assert MARKUP_MESSAGE in response.content.decode()
        assert created is None


def test_new_matter_form_preselects_the_statutory_sale_basis(alpha):
    page = alpha.client(alpha.lawyer).get("/matters/new/").content.decode()
    assert '<option value="sale_lpr_markup" selected>' in page
    assert 'name="lpr_markup" value="30.00"' in page


def test_basis_is_for_sales_only_and_needs_a_markup(alpha, parties):
    mandate, debtor = parties
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as caught:
            make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="loan", interest_type="sale_lpr_markup",
                        lpr_markup=Decimal("30"))
        assert "只适用于买卖合同纠纷" in str(caught.value)
        with pytest.raises(ValidationError) as caught:
            make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="sale", interest_type="sale_lpr_markup")
        assert "请填写 LPR 上浮比例" in str(caught.value)


def test_database_refuses_a_markup_outside_the_range(alpha, parties):
    mandate, debtor = parties
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="sale",
                             interest_type="sale_lpr_markup", lpr_markup=Decimal("30"), due_date=date(2025, 1, 1))
        with pytest.raises(IntegrityError), transaction.atomic():
            Matter.objects.filter(pk=matter.pk).update(lpr_markup=Decimal("51"))
        with pytest.raises(IntegrityError), transaction.atomic():
            Matter.objects.filter(pk=matter.pk).update(lpr_markup=None)


def test_bulk_opening_gives_sales_the_statutory_basis(alpha, parties):
    mandate, debtor = parties
    with schema_context(alpha.firm.schema_name):
        sale, loan = services.matters_create_batch(actor=alpha.partner, mandate=mandate, new_matters=[
            services.NewMatter(debtor=debtor, principal=Decimal("1000.00"), due_date=date(2025, 1, 1), cause="sale"),
            services.NewMatter(debtor=debtor, principal=Decimal("1000.00"), due_date=date(2025, 1, 1), cause="loan"),
        ], opened_on=date(2026, 3, 1))
        sale.refresh_from_db()
        loan.refresh_from_db()
    assert (sale.interest_type, sale.lpr_markup) == ("sale_lpr_markup", Decimal("30.00"))
    assert (loan.interest_type, loan.lpr_markup) == ("none", None)


def test_matter_page_warns_of_a_private_loan_rate_above_four_times_the_lpr(alpha, beta, parties):
    mandate, debtor = parties  # the client is no financial institution: its loans are private lending
    with schema_context(alpha.firm.schema_name):
        usurious = make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="loan", interest_type="fixed",
                               interest_rate=Decimal("18"), due_date=date(2025, 6, 30))
        modest = make_matter(alpha.partner, mandate=mandate, debtor=debtor, cause="loan", interest_type="fixed",
                             interest_rate=Decimal("6"), due_date=date(2025, 6, 30))
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{usurious.pk}/").content.decode()
    assert 'id="rate-warning"' in page and "超过部分不予支持" in page
    assert 'id="rate-warning"' not in browser.get(f"/matters/{modest.pk}/").content.decode()
    assert beta.client(beta.partner).get(f"/matters/{usurious.pk}/").status_code == 404
