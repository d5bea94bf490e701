"""The demo seed: about 60 matters over every stage and outcome, made through the services, once."""

import pytest
from django_tenants.utils import schema_context

from matters import selectors
from matters.demo import demo_matters_seed
from matters.models import Client, Debtor, Matter, TimelineEvent
from matters.rules.identifiers import check_resident_id, check_uscc
from matters.stages import Outcome, Stage

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
        assert demo_matters_seed(partner=alpha.partner, lawyer=alpha.lawyer) == 0
        assert Matter.objects.count() == 60
