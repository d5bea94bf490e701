"""The demo seed: about 60 matters over every stage and outcome, made through the services, once, with dates
relative to the day it runs and within the legal bounds."""

import pytest
from django.apps import apps
from django.db import models
from django_tenants.utils import schema_context

from core.dates import date_problem, validate_legal_date, validate_past_date
from matters import balances, selectors
from matters.models import ArbitrationFeeScale, Client, Debtor, Matter, PaymentOrder, TimelineEvent
from matters.stages import Outcome, Stage
from rules.identifiers import check_resident_id, check_uscc
from workspace.demo_matters import demo_matters_seed

pytestmark = pytest.mark.django_db


def test_demo_seed_covers_every_stage_and_outcome_and_runs_once(alpha):
    with schema_context(alpha.firm.schema_name):
        created = demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer, paralegal=alpha.paralegal,
                                    finance=alpha.finance, client_user=alpha.client_a)
        assert created == Matter.objects.count() == 63
        assert set(Matter.objects.values_list("stage", flat=True)) == set(Stage.values)
        assert set(Matter.objects.values_list("outcome", flat=True)) == set(Outcome.values)
        assert all(check_uscc(uscc).valid for uscc in Client.objects.values_list("uscc", flat=True))
        for kind, number in Debtor.objects.values_list("kind", "id_number"):
            assert (check_uscc(number) if kind == "company" else check_resident_id(number)).valid
        assert TimelineEvent.objects.filter(kind="stage_changed").count() > 60
        recovered = Matter.objects.filter(outcome=Outcome.RECOVERED).first()
        assert balances.matter_balance(recovered, as_of=recovered.closed_on).outstanding == 0
        assert selectors.deadlines_for_matters(Matter.objects.all())
        # An open matter in enforcement carries a judgment (performance term, operative part, sums and fees) whose
        # performance period has passed: its balance follows the judgment, with doubled interest.
        judged = [matter for matter in Matter.objects.filter(stage=Stage.ENFORCEMENT, outcome=Outcome.OPEN)
                  .prefetch_related(*balances.BALANCE_PREFETCH)
                  if any(suit.performance_days is not None and suit.judgment_text and suit.awarded_costs
                         for suit in matter.lawsuits.all())]
        assert judged
        assert any(balances.matter_balance(matter).late_interest > 0 for matter in judged)
        partly = Matter.objects.get(outcome=Outcome.PARTIAL_WRITE_OFF)
        assert partly.write_offs.get().basis == "bankruptcy" and partly.bankruptcy_claims.get().final_distribution_on
        assert balances.matter_balance(partly, as_of=partly.closed_on).recovered > 0
        declared = Matter.objects.get(outcome=Outcome.OPEN, bankruptcy_claims__isnull=False)
        claim = declared.bankruptcy_claims.get()
        assert claim.declared_on and claim.declaration_deadline and claim.administrator_name
        assert [d.done for d in selectors.deadlines_for_matters(Matter.objects.filter(pk=declared.pk))
                if d.kind == "bankruptcy_declaration"] == [True]
        investigated = Matter.objects.get(credit_investigations__isnull=False)
        assert investigated.stage == Stage.DUE_DILIGENCE and investigated.credit_investigations.get().conclusion
        assert_guarantees_of_both_kinds()
        assert_dates_within_the_bounds()
        assert_other_roads_to_payment()
        assert demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer) == 0
        assert Matter.objects.count() == 63


def test_demo_shows_the_construction_priority_private_loan_and_sale_basis(alpha):
    with schema_context(alpha.firm.schema_name):
        demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer, paralegal=alpha.paralegal,
                          finance=alpha.finance, client_user=alpha.client_a)
        construction = Matter.objects.get(debtor__name="示例建设工程有限公司")
        assert construction.cause == "construction" and construction.jurisdiction_clause
        loan = Matter.objects.select_related("debtor", "mandate__client").get(cause="loan", interest_rate=18)
        assert loan.debtor.kind == "person" and loan.debtor.ethnicity == "汉族"
        assert not loan.mandate.client.is_financial_institution
        assert balances.private_lending_warning(loan, loan.mandate.client)
        sale = Matter.objects.get(debtor__name="示例商贸有限公司")
        assert (sale.interest_type, sale.lpr_markup) == ("sale_lpr_markup", 30)
        assert sale.preservations.get().policy_number



def assert_other_roads_to_payment():
    """One open matter on the payment-order road with the objection period running, one arbitration pending
    before its commission, whose fee schedule the firm has."""
    order = PaymentOrder.objects.get()
    assert order.matter.stage == Stage.LITIGATION and order.outcome == "pending" and order.served_on
    assert not order.matter.lawsuits.filter(filed_on__isnull=False).exists()
    (objection,) = [item for item in selectors.deadlines_for_matters(Matter.objects.filter(pk=order.matter_id))
                    if item.kind == "payment_order_objection"]
    assert not objection.done and not objection.overdue
    matter = Matter.objects.get(dispute_resolution="arbitration")
    assert matter.is_open and matter.arbitration_commission == "上海仲裁委员会"
    assert matter.lawsuits.get().forum == "arbitration" and not matter.lawsuits.get().decision
    assert ArbitrationFeeScale.objects.get(commission="上海仲裁委员会").tiers.count() == 7
    assert selectors.arbitration_fee_estimate(matter) is not None


def assert_guarantees_of_both_kinds():
    """A joint guarantee kept alive by a letter to the guarantor, and a general one whose period is running."""
    from django.utils import timezone

    from matters.models import Guarantee

    today = timezone.localdate()
    for kind, done in (("joint", True), ("general", False)):
        guarantee = Guarantee.objects.get(kind=kind, contract__isnull=False)
        (period,) = [d for d in selectors.deadlines_for_matters(Matter.objects.filter(pk=guarantee.matter_id))
                     if d.kind == "guarantee_period"]
        assert period.done is done and period.due_date > today, kind


def assert_dates_within_the_bounds():
    """Every legal date lies within the bounds of core.dates, and nothing that happened lies after today."""
    checked = 0
    for model in apps.get_app_config("matters").get_models():
        for field in model._meta.fields:
            past_only = validate_past_date in field.validators
            if not isinstance(field, models.DateField) or not past_only and validate_legal_date not in field.validators:
                continue
            values = [value for value in model.objects.values_list(field.name, flat=True) if value]
            assert all(date_problem(value, past_only=past_only) is None for value in values), (model, field.name)
            checked += len(values)
    assert checked > 500


def test_demo_agreements_add_up_and_demo_letters_keep_the_register_numbering(alpha, media_root):
    from documents import services as documents_services
    from matters.models import DemandLetter, RepaymentAgreement
    from matters.services import confirmed_debt
    from tests.documents.conftest import with_firm_details
    from tests.documents.helpers import docx_text

    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer, paralegal=alpha.paralegal,
                          finance=alpha.finance, client_user=alpha.client_a)
        agreements = list(RepaymentAgreement.objects.select_related("matter").prefetch_related("instalments"))
        assert agreements
        for agreement in agreements:
            scheduled = sum(i.amount for i in agreement.instalments.all())
            assert scheduled == agreement.total_amount
            assert scheduled == (agreement.compromise_amount or confirmed_debt(agreement.matter, agreement.signed_on))
        numbers = list(DemandLetter.objects.values_list("letter_number", flat=True))
        assert len(numbers) == len(set(numbers)) and all(n.startswith("〔") and "律函字第" in n for n in numbers)
        risk = Matter.objects.filter(mandate__fee_type="risk").first()
        document = documents_services.document_generate(actor=alpha.lawyer, matter=risk, kind="engagement_contract",
                                                        firm=alpha.firm)
        with document.file.open("rb") as handle:
            text = docx_text(handle.read())
    assert "不予退还" not in text and "前期费用计入上述收费上限" in text
