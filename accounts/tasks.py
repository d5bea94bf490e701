from celery import shared_task

from accounts.services import invitations_purge_expired


@shared_task
def purge_expired_invitations() -> list[str]:
    """Runs daily in every firm's schema (see CELERY_BEAT_SCHEDULE)."""
    return invitations_purge_expired()
