"""The background work of the matters app: storing the figures of each firm's matters, daily and after an edit
of the shared reference data (LPR table, holiday calendar)."""

from celery import shared_task
from django.db import transaction
from django_tenants.utils import schema_context

from matters.services.figures import figures_refresh_all, figures_refresh_stale
from tenants.models import Firm


@shared_task
def refresh_matter_figures(everything: bool = False) -> int:
    """In one firm's schema: the stored figures of its matters, those not of today (daily, see
    CELERY_BEAT_SCHEDULE) or all of them (after an edit of the LPR table or the holiday calendar)."""
    return figures_refresh_all() if everything else figures_refresh_stale()


def figures_refresh_everywhere() -> None:
    """After an edit of the LPR table or the holiday calendar: every matter of every firm, by a task per firm
    once the edit is committed."""

    def queue():
        for schema_name in Firm.objects.firms().values_list("schema_name", flat=True):
            with schema_context(schema_name):
                refresh_matter_figures.delay(everything=True)

    transaction.on_commit(queue)
