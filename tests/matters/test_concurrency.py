"""Two people at once, on separate database connections (threads), with real commits.

The test's own transaction cannot see or roll back what the threads commit, so the threads create their own
data and a final thread removes it again (including the counter row of a year no other test uses)."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction
from django_tenants.utils import schema_context

from matters import services
from matters.models import Client, Debtor, Mandate, Matter, ReferenceCounter, TimelineEvent
from matters.stages import StageConflict
from tests.matters.helpers import make_client, make_debtor

pytestmark = pytest.mark.django_db

YEAR = 2041


def run_threads(schema, functions):
    """Run each function in its own thread and connection, started together; return results or exceptions."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            with schema_context(schema):
                barrier.wait(timeout=10)
                results[index] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_own_connection(schema, function):
    (result,) = run_threads(schema, [function])
    if isinstance(result, BaseException):
        raise result
    return result


@pytest.fixture
def committed(alpha):
    schema = alpha.firm.schema_name

    def setup():
        client = make_client(alpha.partner)
        mandate = services.mandate_create(actor=alpha.partner, client=client, contract_date=date(2040, 1, 1),
                                          responsible_partner=alpha.partner)
        return mandate.pk, make_debtor(alpha.partner).pk

    mandate_id, debtor_id = in_own_connection(schema, setup)
    yield mandate_id, debtor_id

    def cleanup():
        matters = Matter.objects.filter(mandate_id=mandate_id)
        TimelineEvent.objects.filter(matter__in=matters).delete()
        matters.delete()
        client_id = Mandate.objects.get(pk=mandate_id).client_id
        Mandate.objects.filter(pk=mandate_id).delete()
        Client.objects.filter(pk=client_id).delete()
        Debtor.objects.filter(pk=debtor_id).delete()
        ReferenceCounter.objects.filter(year=YEAR).delete()

    in_own_connection(schema, cleanup)


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
