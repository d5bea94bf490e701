from celery import shared_task

from matters.services import figures_refresh_all, figures_refresh_stale


@shared_task
def refresh_matter_figures(everything: bool = False) -> int:
    """In one firm's schema: the stored figures of its matters, those not of today (daily, see
    CELERY_BEAT_SCHEDULE) or all of them (after an edit of the LPR table or the holiday calendar)."""
    return figures_refresh_all() if everything else figures_refresh_stale()
