"""The Celery app. Tasks run in the schema of whoever queued them (tenant-schemas-celery)."""

import os

from celery.signals import worker_process_init
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = CeleryApp("qingshou")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Connection pools a prefork child inherits from the worker's parent process: kept referenced, never used.
_INHERITED_POOLS: list = []


@worker_process_init.connect
def _use_own_connection_pool(**kwargs):
    """A child of the prefork pool opens its own connection pool.

    One inherited from the parent shares the parent's sockets. Closing it, or letting it be collected, would
    end the parent's connections, so it is set aside and the child's first query opens a fresh pool.
    """
    from django.db import connections

    for wrapper in connections.all():
        pools = getattr(wrapper, "_connection_pools", {})
        _INHERITED_POOLS.extend(pools.values())
        pools.clear()
