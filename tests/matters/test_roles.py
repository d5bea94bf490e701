"""Decisions a law firm keeps to its partners: fee terms (a mandate's, a matter's principal) and closing a matter
as written off (核销). Refused in the services, so the API and the pages refuse alike, with a clear message."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from accounts.models import Role
from accounts.services import user_create
from matters import services
from matters.models import Mandate, Matter, TimelineKind, WriteOff
from tests.matters.helpers import make_mandate, make_matter

pytestmark = pytest.mark.django_db


def patch(browser, url, data):
    return browser.patch(url, data, content_type="application/json")


def post(browser, url, data):
    return browser.post(url, data, content_type="application/json")


def second_partner():
    return user_create(email="partner2@alpha.test", name="alpha 第二合伙人", role=Role.PARTNER, password=None)


# --- fee terms ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [
    {"fee_type": "risk", "upfront_rate": Decimal("0.03")},
    {"fixed_rate": Decimal("0.08")},
    {"placed_amount": Decimal("900000.00")},
])
def test_lawyers_and_paralegals_cannot_change_fee_terms(alpha, change):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        for person in (alpha.paralegal, alpha.lawyer):
            with pytest.raises(PermissionDenied) as refusal:
                services.mandate_update(actor=person, mandate=mandate, notes="改", **change)
            assert "负责合伙人或本所合伙人" in str(refusal.value)
        stored = Mandate.objects.get(pk=mandate.pk)
        assert (stored.fee_type, stored.fixed_rate, stored.placed_amount, stored.notes) == (
            "fixed", Decimal("0.0500"), Decimal("0.00"), "")


def test_paralegals_edit_the_rest_of_a_mandate_even_with_its_fee_terms_sent_back_unchanged(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.03"),
                               placed_amount=Decimal("500000"))
        # A form posts every field: the same terms, written differently, are no change.
        saved = services.mandate_update(actor=alpha.paralegal, mandate=mandate, notes="补充合同附件",
                                        contract_number="HT-2026-9", fee_type="risk", upfront_rate="0.030",
                                        success_rate=Decimal("0.1"), fixed_rate=None,
                                        placed_amount=Decimal("500000.00"), team=[alpha.paralegal])
    assert saved.notes == "补充合同附件" and saved.contract_number == "HT-2026-9"


def test_the_responsible_partner_and_any_other_partner_change_fee_terms(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        services.mandate_update(actor=alpha.partner, mandate=mandate, fixed_rate=Decimal("0.06"))
        other = second_partner()
        saved = services.mandate_update(actor=other, mandate=mandate, fee_type="risk",
                                        upfront_rate=Decimal("0.04"))
    assert saved.fee_type == "risk" and saved.upfront_rate == Decimal("0.04")


def test_only_partners_change_a_matters_principal(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("100000.00"))
        with pytest.raises(PermissionDenied) as refusal:
            services.matter_update(actor=alpha.paralegal, matter=matter, principal=Decimal("90000.00"))
        assert "本金" in str(refusal.value)
        # The rest of the claim stays theirs, and the unchanged principal may be sent back.
        services.matter_update(actor=alpha.paralegal, matter=matter, principal=Decimal("100000"),
                               costs=Decimal("1200.00"))
        saved = services.matter_update(actor=alpha.partner, matter=matter, principal=Decimal("90000.00"))
        event = saved.timeline_events.filter(kind=TimelineKind.MATTER_UPDATED).first()
    assert saved.principal == Decimal("90000.00") and saved.costs == Decimal("1200.00")
    assert event.detail["principal"] == {"old": "100000", "new": "90000"}


def test_api_refuses_fee_terms_and_principal_to_a_paralegal_with_the_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        matter = make_matter(alpha.partner, mandate=mandate)
    api = alpha.client(alpha.paralegal)
    response = patch(api, f"/api/v1/mandates/{mandate.pk}/", {"fixed_rate": "0.09"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "负责合伙人或本所合伙人" in response.json()["message"]
    response = patch(api, f"/api/v1/matters/{matter.pk}/", {"principal": "1.00"})
    assert response.status_code == 403 and "本金" in response.json()["message"]
    assert patch(api, f"/api/v1/mandates/{mandate.pk}/", {"notes": "已寄送"}).status_code == 200
    assert patch(alpha.client(alpha.partner), f"/api/v1/mandates/{mandate.pk}/",
                 {"fixed_rate": "0.09"}).json()["fixed_rate"] == "0.0900"
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).principal == Decimal("100000.00")


# --- the risk-fee cap on every change of terms --------------------------------------------------------------------


def test_changing_only_the_rates_rechecks_the_cap_against_every_matter(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.02"))
        make_matter(alpha.partner, mandate=mandate, principal=Decimal("10000000.00"))
        with pytest.raises(ValidationError) as error:
            services.mandate_update(actor=alpha.partner, mandate=mandate, upfront_rate=Decimal("0.05"))
        assert "风险代理收费上限" in " ".join(error.value.message_dict["mandate"])
        assert Mandate.objects.get(pk=mandate.pk).upfront_rate == Decimal("0.0200")
        # Within the cap the same kind of change goes through.
        saved = services.mandate_update(actor=alpha.partner, mandate=mandate, upfront_rate=Decimal("0.03"))
    assert saved.upfront_rate == Decimal("0.03")


# --- LPR exists from 2019-08-20; interest starts the day after the due date -----------------------------------


def test_lpr_interest_may_start_on_the_first_lpr_day_the_day_after_the_due_date(alpha):
    with schema_context(alpha.firm.schema_name):
        lpr = {"interest_type": "lpr", "lpr_multiplier": Decimal("1.5")}
        matter = make_matter(alpha.partner, due_date=date(2019, 8, 19), **lpr)
        assert matter.interest_type == "lpr"
        with pytest.raises(ValidationError) as error:
            make_matter(alpha.partner, due_date=date(2019, 8, 18), **lpr)
        assert "2019年8月20日之前没有 LPR" in error.value.message_dict["interest_type"][0]
        # An explicit start of interest counts from that day itself.
        with pytest.raises(ValidationError):
            make_matter(alpha.partner, due_date=date(2019, 8, 1), interest_from=date(2019, 8, 19), **lpr)
        assert make_matter(alpha.partner, due_date=date(2019, 8, 1), interest_from=date(2019, 8, 20), **lpr)


# --- closing as written off -----------------------------------------------------------------------------------


def in_write_off_stage(people, **fields):
    matter = make_matter(people.partner, **fields)
    return services.matter_transition(actor=people.paralegal, matter=matter, version=matter.version,
                                      to_stage="write_off",
                                      record={"basis": "termination_ruling", "basis_date": date(2026, 5, 6),
                                              "document_number": "（2026）浙0106执100号之一"})


def test_a_paralegal_prepares_a_write_off_but_cannot_close_it(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = in_write_off_stage(alpha)
        for person in (alpha.paralegal, alpha.lawyer):
            with pytest.raises(PermissionDenied) as refusal:
                services.matter_transition(actor=person, matter=matter, version=matter.version,
                                           outcome="written_off")
            assert "只有合伙人可以批准" in str(refusal.value)
        assert Matter.objects.get(pk=matter.pk).outcome == "open"
        # Every other way of ending a matter stays theirs.
        closed = services.matter_transition(actor=alpha.paralegal, matter=matter, version=matter.version,
                                            outcome="withdrawn")
    assert closed.outcome == "withdrawn"


def test_no_one_closes_as_written_off_without_the_stage_and_its_basis(alpha):
    with schema_context(alpha.firm.schema_name):
        fresh = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.matter_transition(actor=alpha.partner, matter=fresh, version=fresh.version,
                                       outcome="written_off")
        assert "核销依据”阶段" in error.value.message_dict["outcome"][0]
        matter = in_write_off_stage(alpha)
        services.stage_record_delete(actor=alpha.paralegal, record=matter.write_offs.get())
        matter = Matter.objects.get(pk=matter.pk)
        with pytest.raises(ValidationError) as error:
            services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                       outcome="written_off")
        assert "至少一份核销依据记录" in error.value.message_dict["outcome"][0]
        assert Matter.objects.get(pk=matter.pk).outcome == "open"


def test_a_partners_closing_is_the_approval_and_names_them_and_the_basis(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = in_write_off_stage(alpha)
        basis = matter.write_offs.get()
        closed = services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                            outcome="written_off", reason="穷尽执行措施无果")
        event = closed.timeline_events.get(kind=TimelineKind.OUTCOME_SET)
        assert closed.outcome == "written_off"
        assert event.actor_id == alpha.partner.pk
        assert f"经合伙人{alpha.partner.name}批准" in event.summary and "（2026）浙0106执100号之一" in event.summary
        assert event.detail == {"outcome": "written_off", "approved_by": alpha.partner.pk,
                                "approved_by_name": alpha.partner.name, "write_offs": [basis.pk]}
        # The approved basis stays as approved until the matter is reopened.
        for attempt in (lambda: services.stage_record_delete(actor=alpha.partner, record=basis),
                        lambda: services.stage_record_update(actor=alpha.partner, record=basis, basis="other")):
            with pytest.raises(ValidationError):
                attempt()
        assert WriteOff.objects.get(pk=basis.pk).basis == "termination_ruling"
        reopened = services.matter_transition(actor=alpha.partner, matter=closed, version=closed.version,
                                              outcome="open", reason="发现新的财产线索")
        services.stage_record_update(actor=alpha.paralegal, record=basis, note="已补充")
    assert reopened.outcome == "open"


def test_api_refuses_a_paralegals_write_off_with_the_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = in_write_off_stage(alpha)
    url = f"/api/v1/matters/{matter.pk}/transition/"
    response = post(alpha.client(alpha.paralegal), url, {"outcome": "written_off", "version": matter.version})
    assert response.status_code == 403 and "只有合伙人可以批准" in response.json()["message"]
    response = post(alpha.client(alpha.partner), url, {"outcome": "written_off", "version": matter.version})
    assert response.status_code == 200 and response.json()["outcome"] == "written_off"
