"""The token that says whether a firm's matters data changed, for the page caches."""

from django.db import models


class DataVersion(models.Model):
    """One row per firm: a token that changes whenever a transaction that changed the firm's matters data
    (any ``matters_*`` table, or its people) commits. Database triggers change it (migration 0004), so no
    write can forget to, bulk and raw ones included; pages cache their rendering under it (matters/cache.py).
    """

    token = models.UUIDField()
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
