"""The beat scheduler: sends each periodic task once per firm, in that firm's schema."""

import django
from django.apps import apps

if not apps.ready:  # beat may import its scheduler before Django is set up
    django.setup()

from tenant_schemas_celery.scheduler import TenantAwarePersistentScheduler  # noqa: E402

from tenants.models import Firm  # noqa: E402


class FirmScheduler(TenantAwarePersistentScheduler):
    """Never runs firm tasks in the public schema or in the template that new firms are cloned from."""

    @classmethod
    def get_queryset(cls):
        return Firm.objects.firms()
