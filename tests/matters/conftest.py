"""Fixtures of the matters tests: one of everything in a firm, made through the services."""

from datetime import date

import pytest

from matters import services
from matters.models import Client, Debtor, Mandate, Matter, Payment, ReferenceCounter, TimelineEvent
from tests.matters.helpers import World, build_world, make_client, make_debtor
from tests.support import in_own_connection

# The opening year of the matters that committed-data tests create (no other test uses it).
COMMITTED_YEAR = 2041


@pytest.fixture
def alpha_world(alpha, media_root) -> World:
    return build_world(alpha)


@pytest.fixture
def committed(alpha):
    """A mandate and a debtor committed on a connection of their own, for tests whose threads commit (the
    test's transaction cannot see those rows); removed again afterwards with whatever the threads made."""
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
        Payment.objects.filter(matter__in=matters).delete()
        matters.delete()
        client_id = Mandate.objects.get(pk=mandate_id).client_id
        Mandate.objects.filter(pk=mandate_id).delete()
        Client.objects.filter(pk=client_id).delete()
        Debtor.objects.filter(pk=debtor_id).delete()
        ReferenceCounter.objects.filter(year=COMMITTED_YEAR).delete()

    in_own_connection(schema, cleanup)
