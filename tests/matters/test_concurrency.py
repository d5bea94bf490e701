"""Two people at once, on separate database connections (threads), with real commits.

The test's own transaction cannot see or roll back what the threads commit, so the threads create their own
data and a final thread removes it again (including the counter row of a year no other test uses)."""

import time
from datetime import date

import pytest
from django.db import transaction

from matters import services
from matters.models import Debtor, Mandate, Matter
from matters.stages import StageConflict
from tests.matters.conftest import COMMITTED_YEAR as YEAR
from tests.support import in_own_connection, run_threads

pytestmark = pytest.mark.django_db


def test_concurrent_creations_get_unique_gapless_numbers(alpha, committed):
    mandate_id, debtor_id = committed

    def create(fail=False):
        def run():
            with transaction.atomic():
                matter = services.matter_create(
                    actor=alpha.partner, mandate=Mandate.objects.get(pk=mandate_id),
                    debtor=Debtor.objects.get(pk=debtor_id), principal="1000.00", due_date=date(2040, 6, 1),
                    opened_on=date(YEAR, 3, 1))
                time.sleep(0.2)  # hold the counter lock so that the others queue behind it
                if fail:
                    raise RuntimeError("this creation is rolled back")
                return matter.reference
        return run

    results = run_threads(alpha.firm.schema_name, [create(), create(), create(fail=True), create(), create()])
    references = [r for r in results if isinstance(r, str)]
    assert sum(isinstance(r, RuntimeError) for r in results) == 1
    assert sorted(references) == [f"QS-{YEAR}-{n:06d}" for n in range(1, 5)]


def test_two_people_moving_the_same_matter_one_wins_one_gets_a_conflict(alpha, committed):
    mandate_id, debtor_id = committed
    schema = alpha.firm.schema_name
    matter_id = in_own_connection(schema, lambda: services.matter_create(
        actor=alpha.partner, mandate=Mandate.objects.get(pk=mandate_id), debtor=Debtor.objects.get(pk=debtor_id),
        principal="1000.00", due_date=date(2040, 6, 1), opened_on=date(YEAR, 3, 2)).pk)

    def move(actor, to_stage):
        def run():
            with transaction.atomic():
                moved = services.matter_transition(actor=actor, matter=Matter.objects.get(pk=matter_id), version=1,
                                                   to_stage=to_stage)
                time.sleep(0.2)  # the other mover waits on the row, then finds the version changed
                return moved.stage
        return run

    results = run_threads(schema, [move(alpha.lawyer, "negotiation"), move(alpha.paralegal, "demand_letter")])
    winners = [r for r in results if isinstance(r, str)]
    conflicts = [r for r in results if isinstance(r, StageConflict)]
    assert len(winners) == 1 and len(conflicts) == 1, results
    final = in_own_connection(schema, lambda: Matter.objects.values_list("stage", "version").get(pk=matter_id))
    assert final == (winners[0], 2)
    assert conflicts[0].current_stage == winners[0]
