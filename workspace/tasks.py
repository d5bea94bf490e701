from celery import shared_task
from django.db import connection

from workspace.services import deadline_digests_send


@shared_task
def send_deadline_digests() -> int:
    """Runs daily in every firm's schema (see CELERY_BEAT_SCHEDULE): each person's deadline digest."""
    domain = getattr(connection.tenant, "domain_name", "")
    return len(deadline_digests_send(site=domain))
