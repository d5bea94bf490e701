"""Services of the matters app: numbering, transitions, fee rules, identifiers, payments and balance."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_tenants.utils import schema_context

from matters import balances, services
from matters.models import Lawsuit, Matter, TimelineEvent, TimelineKind
from matters.stages import StageConflict
from tests.matters.helpers import (
    make_client,
    make_debtor,
    make_mandate,
    make_matter,
    valid_resident_id,
    valid_uscc,
)

pytestmark = pytest.mark.django_db


# --- reference numbers -------------------------------------------------------------------------------------


def test_reference_numbers_are_consecutive_within_a_year_and_restart_each_year(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        first = make_matter(alpha.partner, mandate=mandate, opened_on=date(2031, 2, 1))
        second = make_matter(alpha.partner, mandate=mandate, opened_on=date(2031, 5, 1))
        other_year = make_matter(alpha.partner, mandate=mandate, opened_on=date(2032, 1, 3))
    assert first.reference == "QS-2031-000001"
    assert second.reference == "QS-2031-000002"
    assert other_year.reference == "QS-2032-000001"


def test_a_failed_creation_gives_its_number_back(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        debtor = make_debtor(alpha.partner)
        with pytest.raises(RuntimeError), transaction.atomic():
            make_matter(alpha.partner, mandate=mandate, debtor=debtor, opened_on=date(2033, 1, 1))
            raise RuntimeError("rolled back after the number was taken")
        matter = make_matter(alpha.partner, mandate=mandate, debtor=debtor, opened_on=date(2033, 1, 1))
    assert matter.reference == "QS-2033-000001"


def test_invalid_matter_takes_no_number(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        with pytest.raises(ValidationError) as error:
            make_matter(alpha.partner, mandate=mandate, principal=Decimal("-1"), opened_on=date(2034, 1, 1))
        assert "principal" in error.value.message_dict
        assert make_matter(alpha.partner, mandate=mandate, opened_on=date(2034, 1, 1)).reference == "QS-2034-000001"


# --- transitions ---------------------------------------------------------------------------------------------


def test_forward_moves_may_skip_stages_and_are_timeline_events(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, lawyer=alpha.lawyer)
        moved = services.matter_transition(actor=alpha.lawyer, matter=matter, version=matter.version,
                                           to_stage="negotiation", reason="债务人主动联系")
        event = TimelineEvent.objects.filter(matter=matter, kind=TimelineKind.STAGE_CHANGED).get()
    assert moved.stage == "negotiation"
    assert moved.version == matter.version + 1
    assert (event.actor_id, event.from_stage, event.to_stage, event.reason) == (
        alpha.lawyer.pk, "due_diligence", "negotiation", "债务人主动联系")
    assert event.created_at is not None


def test_backward_move_needs_a_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, stage="negotiation")
        with pytest.raises(ValidationError) as error:
            services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                       to_stage="demand_letter")
        assert "reason" in error.value.message_dict
        assert "理由" in error.value.message_dict["reason"][0]
        assert Matter.objects.get(pk=matter.pk).stage == "negotiation"
        moved = services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                           to_stage="demand_letter", reason="谈判破裂，重新发函")
    assert moved.stage == "demand_letter"


def test_stale_version_is_a_conflict_and_writes_nothing(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        seen = matter.version
        services.matter_transition(actor=alpha.lawyer, matter=matter, version=seen, to_stage="demand_letter")
        with pytest.raises(StageConflict) as conflict:
            services.matter_transition(actor=alpha.paralegal, matter=matter, version=seen, to_stage="negotiation")
        assert conflict.value.current_stage == "demand_letter"
        assert conflict.value.current_version == seen + 1
        assert Matter.objects.get(pk=matter.pk).stage == "demand_letter"
        assert TimelineEvent.objects.filter(matter=matter, kind=TimelineKind.STAGE_CHANGED).count() == 1


def test_transition_to_litigation_requires_court_and_creates_the_lawsuit(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError) as error:
            services.matter_transition(actor=alpha.partner, matter=matter, version=1, to_stage="litigation")
        assert "court" in error.value.message_dict
        moved = services.matter_transition(
            actor=alpha.partner, matter=matter, version=1, to_stage="litigation",
            record={"court": "上海市浦东新区人民法院", "case_number": "（2026）沪0115民初1234号",
                    "filed_on": date(2026, 3, 2)})
        suit = Lawsuit.objects.get(matter=matter)
    assert moved.stage == "litigation"
    assert suit.court == "上海市浦东新区人民法院"
    assert suit.filed_on == date(2026, 3, 2)


def test_outcome_ends_the_matter_from_any_stage_and_reopening_needs_a_reason(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, stage="preservation")
        closed = services.matter_transition(actor=alpha.partner, matter=matter, version=1, outcome="settled",
                                            on_date=date(2026, 4, 1))
        assert (closed.outcome, closed.closed_on, closed.stage) == ("settled", date(2026, 4, 1), "preservation")
        with pytest.raises(ValidationError) as error:
            services.matter_transition(actor=alpha.partner, matter=matter, version=closed.version,
                                       to_stage="litigation", record={"court": "某法院"})
        assert "已结案" in error.value.message_dict["to_stage"][0]
        with pytest.raises(ValidationError):
            services.matter_transition(actor=alpha.partner, matter=matter, version=closed.version, outcome="open")
        reopened = services.matter_transition(actor=alpha.partner, matter=matter, version=closed.version,
                                              outcome="open", reason="和解协议未履行")
    assert reopened.outcome == "open" and reopened.closed_on is None


def test_finance_cannot_move_matters(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(PermissionDenied):
            services.matter_transition(actor=alpha.finance, matter=matter, version=1, to_stage="negotiation")


# --- mandates and fees ---------------------------------------------------------------------------------------


def test_standard_risk_arrangement_is_accepted_with_default_success_rate(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.03"),
                               placed_amount=Decimal("500000"))
    assert mandate.success_rate == Decimal("0.10")
    assert mandate.fixed_rate is None


def test_fixed_fee_defaults_to_five_percent(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
    assert mandate.fee_type == "fixed" and mandate.fixed_rate == Decimal("0.05")


def test_risk_arrangement_refused_for_a_banned_cause(alpha):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.03"), cause="labour_pay")
    assert "禁止实行" in " ".join(error.value.message_dict["fee_type"])


def test_risk_arrangement_refused_when_success_rate_can_only_break_the_cap(alpha):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.02"),
                         success_rate=Decimal("0.20"))
    assert "高于18%" in " ".join(error.value.message_dict["fee_type"])


def test_risk_mandate_refuses_a_matter_whose_full_recovery_would_break_the_cap(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.05"))
        make_matter(alpha.partner, mandate=mandate, principal=Decimal("800000"))
        with pytest.raises(ValidationError) as error:
            make_matter(alpha.partner, mandate=mandate, principal=Decimal("20000000"))
    assert "风险代理收费上限" in " ".join(error.value.message_dict["mandate"])


def test_special_authority_must_name_its_powers(alpha):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            make_mandate(alpha.partner, authority="special", special_powers=[])
        assert "逐项列明" in error.value.message_dict["special_powers"][0]
        mandate = make_mandate(alpha.partner, authority="special", special_powers=["settle", "appeal"])
    assert mandate.special_powers == ["settle", "appeal"]


def test_responsible_partner_must_be_a_partner(alpha):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            make_mandate(alpha.partner, partner=alpha.lawyer)
    assert "responsible_partner" in error.value.message_dict


# --- identifiers -----------------------------------------------------------------------------------------------


def test_client_with_a_wrong_uscc_check_digit_is_refused_in_chinese(alpha):
    good = valid_uscc()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            make_client(alpha.partner, uscc=bad)
    assert "校验位" in error.value.message_dict["uscc"][0]


def test_duplicate_client_uscc_names_the_existing_client(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner, name="上海甲方贸易有限公司")
        with pytest.raises(ValidationError) as error:
            make_client(alpha.partner, uscc=client.uscc.lower())
    assert "已存在" in error.value.message_dict["uscc"][0]


def test_person_debtor_needs_a_valid_resident_id(alpha):
    with schema_context(alpha.firm.schema_name):
        debtor = make_debtor(alpha.partner, kind="person", name="张三", id_number=valid_resident_id())
        assert debtor.kind == "person"
        with pytest.raises(ValidationError) as error:
            make_debtor(alpha.partner, kind="person", name="李四", id_number=valid_uscc())
    assert "身份证" in error.value.message_dict["id_number"][0]


def test_guarantor_cannot_be_the_debtor_and_client_contacts_are_kept(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner, contacts=[{"name": "财务刘经理", "phone": "13800000000"}])
        assert [c.name for c in client.contacts.all()] == ["财务刘经理"]
        debtor = make_debtor(alpha.partner)
        with pytest.raises(ValidationError) as error:
            make_matter(alpha.partner, debtor=debtor, guarantors=[debtor])
    assert "guarantors" in error.value.message_dict


# --- payments and balance ------------------------------------------------------------------------------------------


def test_payment_is_applied_to_costs_then_interest_then_principal(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("100000.00"), costs=Decimal("1000.00"),
                             interest_type="fixed", interest_rate=Decimal("10"), due_date=date(2024, 1, 1))
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2024, 4, 1),
                                amount=Decimal("5000.00"))
        balance = balances.matter_balance(Matter.objects.get(pk=matter.pk), as_of=date(2024, 4, 1))
    # Interest from 2024-01-02 to 2024-03-31: 90 days at 10% on 100,000 (365-day basis) = 2,465.75.
    (applied,) = balance.applications
    assert applied.to_costs == Decimal("1000.00")
    assert applied.to_interest == Decimal("2465.75")
    assert applied.to_principal == Decimal("1534.25")
    assert balance.recovered == Decimal("5000.00")
    assert balance.claimed == Decimal("103465.75")
    assert balance.outstanding == Decimal("98465.75")
    assert balance.principal_outstanding == Decimal("98465.75")


def test_balance_with_per_period_lpr_splits_at_rate_changes(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("100000.00"), interest_type="lpr",
                             lpr_multiplier=Decimal("1"), due_date=date(2024, 7, 1))
        balance = balances.matter_balance(matter, as_of=date(2024, 11, 1))
    assert {segment.annual_rate for segment in balance.segments} >= {Decimal("3.45"), Decimal("3.35"),
                                                                       Decimal("3.10")}
    assert balance.outstanding == balance.claimed


def test_guarantor_payment_needs_a_guarantor_of_the_matter(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner)
        matter = make_matter(alpha.partner, guarantors=[guarantor])
        stranger = make_debtor(alpha.partner)
        with pytest.raises(ValidationError):
            services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 1, 5),
                                    amount=Decimal("10"), payer_kind="guarantor", payer=stranger)
        payment = services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 1, 5),
                                          amount=Decimal("10"), payer_kind="guarantor", payer=guarantor)
        assert TimelineEvent.objects.filter(matter=matter, kind="payment", record_id=payment.pk).exists()


def test_lawyers_do_not_record_payments(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(PermissionDenied):
            services.payment_record(actor=alpha.lawyer, matter=matter, received_on=date(2026, 1, 5),
                                    amount=Decimal("10"))


def test_malformed_amount_is_a_validation_error(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        for amount in ("12.345", "abc", "0", Decimal("-5")):
            with pytest.raises(ValidationError):
                services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 1, 5),
                                        amount=amount)
        assert not matter.payments.exists()
