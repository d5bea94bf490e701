"""The pages show partners' decisions as read-only to everyone else: fee terms and the principal are disabled
fields (a posted change is ignored, the rest of the edit saved), and 核销 is not offered as an outcome."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from matters import services
from matters.models import Mandate, Matter
from tests.matters.helpers import make_mandate, make_matter

pytestmark = pytest.mark.django_db

FEE_FIELDS = ("fee_type", "fixed_rate", "upfront_rate", "success_rate", "placed_amount")


def disabled_fields(html: str) -> set[str]:
    return {name for tag in re.findall(r"<(?:input|select)[^>]*>", html) if " disabled" in tag
            for name in re.findall(r'name="([^"]+)"', tag)}


def mandate_post(mandate, **changes):
    data = {"contract_number": "", "contract_date": "2024-01-05", "responsible_partner": mandate.responsible_partner_id,
            "cause": "sale", "placed_amount": "0.00", "fee_type": "fixed", "fixed_rate": "5",
            "authority": "general", "status": "active", "notes": ""}
    data.update(changes)
    return data


def test_a_paralegal_sees_fee_terms_read_only_and_cannot_change_them_by_posting(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
    browser = alpha.client(alpha.paralegal)
    form = browser.get(f"/mandates/{mandate.pk}/edit/").content.decode()
    assert disabled_fields(form) >= set(FEE_FIELDS)
    assert "只有负责合伙人或合伙人可以修改收费条款" in form
    response = browser.post(f"/mandates/{mandate.pk}/edit/", mandate_post(
        mandate, fixed_rate="9", placed_amount="880000", notes="合同原件已归档"))
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        stored = Mandate.objects.get(pk=mandate.pk)
    assert (stored.fixed_rate, stored.placed_amount, stored.notes) == (Decimal("0.0500"), Decimal("0.00"),
                                                                       "合同原件已归档")


def test_a_partner_edits_fee_terms_on_the_page(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
    browser = alpha.client(alpha.partner)
    assert not disabled_fields(browser.get(f"/mandates/{mandate.pk}/edit/").content.decode()) & set(FEE_FIELDS)
    assert browser.post(f"/mandates/{mandate.pk}/edit/", mandate_post(mandate, fixed_rate="6")).status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Mandate.objects.get(pk=mandate.pk).fixed_rate == Decimal("0.0600")


def test_the_principal_is_read_only_for_lawyers_on_the_matter_form(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("250000.00"), lawyer=alpha.lawyer)
    browser = alpha.client(alpha.lawyer)
    form = browser.get(f"/matters/{matter.pk}/edit/").content.decode()
    assert "principal" in disabled_fields(form)
    data = {"debtor": matter.debtor_id, "cause": "sale", "principal": "1.00", "costs": "800",
            "interest_type": "none", "due_date": "2024-01-01", "lawyer": alpha.lawyer.pk, "version": "1"}
    assert browser.post(f"/matters/{matter.pk}/edit/", data).status_code == 302
    with schema_context(alpha.firm.schema_name):
        stored = Matter.objects.get(pk=matter.pk)
    assert (stored.principal, stored.costs) == (Decimal("250000.00"), Decimal("800.00"))
    assert "principal" not in disabled_fields(alpha.client(alpha.partner).get(f"/matters/{matter.pk}/edit/")
                                              .content.decode())


def test_written_off_is_offered_to_partners_only(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        matter = services.matter_transition(actor=alpha.paralegal, matter=matter, version=matter.version,
                                            to_stage="write_off", record={"basis": "bankruptcy",
                                                                          "basis_date": date(2026, 4, 1)})
    option = 'value="written_off"'
    paralegal_page = alpha.client(alpha.paralegal).get(f"/matters/{matter.pk}/").content.decode()
    assert option not in paralegal_page and "须由合伙人批准" in paralegal_page
    response = alpha.client(alpha.paralegal).post(f"/matters/{matter.pk}/transition/",
                                                  {"version": matter.version, "outcome": "written_off"})
    assert response.status_code == 400
    partner = alpha.client(alpha.partner)
    assert option in partner.get(f"/matters/{matter.pk}/").content.decode()
    response = partner.post(f"/matters/{matter.pk}/transition/", {"version": matter.version,
                                                                 "outcome": "written_off"})
    assert response.status_code == 302
    page = partner.get(f"/matters/{matter.pk}/").content.decode()
    assert f"经合伙人{alpha.partner.name}批准" in page
