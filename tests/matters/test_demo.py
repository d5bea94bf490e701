"""The demo seed: about 60 matters over every stage and outcome, made through the services, once, with dates
relative to the day it runs and within the legal bounds."""

import pytest
from django.apps import apps
from django.db import models
from django_tenants.utils import schema_context

from core.dates import date_problem, validate_legal_date, validate_past_date
from matters import selectors
from matters.models import Client, Debtor, Matter, TimelineEvent
from matters.stages import Outcome, Stage
from rules.identifiers import check_resident_id, check_uscc
from workspace.demo_matters import demo_matters_seed

pytestmark = pytest.mark.django_db


def test_demo_seed_covers_every_stage_and_outcome_and_runs_once(alpha):
    with schema_context(alpha.firm.schema_name):
        created = demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer, paralegal=alpha.paralegal,
                                    finance=alpha.finance, client_user=alpha.client_a)
        assert created == Matter.objects.count() == 60
        assert set(Matter.objects.values_list("stage", flat=True)) == set(Stage.values)
        assert set(Matter.objects.values_list("outcome", flat=True)) == set(Outcome.values)
        assert all(check_uscc(uscc).valid for uscc in Client.objects.values_list("uscc", flat=True))
        for kind, number in Debtor.objects.values_list("kind", "id_number"):
            assert (check_uscc(number) if kind == "company" else check_resident_id(number)).valid
        assert TimelineEvent.objects.filter(kind="stage_changed").count() > 60
        recovered = Matter.objects.filter(outcome=Outcome.RECOVERED).first()
        assert selectors.matter_balance(recovered, as_of=recovered.closed_on).outstanding == 0
        assert selectors.deadlines_for_matters(Matter.objects.all())
        assert_dates_within_the_bounds()
        assert demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer) == 0
        assert Matter.objects.count() == 60



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
