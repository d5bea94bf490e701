"""What the matters do when something below them changes: an edit of the reference data (LPR table, holiday
calendar) makes every firm's matters recompute the balances and deadlines they store."""

from django.dispatch import receiver

from calculators.signals import reference_data_changed
from matters.tasks import figures_refresh_everywhere


@receiver(reference_data_changed, dispatch_uid="matters-figures-after-reference-data")
def figures_after_reference_data_change(sender, **kwargs) -> None:
    figures_refresh_everywhere()
