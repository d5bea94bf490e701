from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from matters.services import figures_refresh_stale
from tenants.models import Firm
from tenants.services import platform_ensure


class Command(BaseCommand):
    help = (
        "Brings the database up to date: migrates the public schema, creates the platform's tenant and the "
        "template firm when missing, migrates every firm (the template included), then brings the figures "
        "every firm's matters store up to today (as the daily task does)."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0))
        platform_ensure()
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=max(verbosity - 1, 0))
        refreshed = 0
        for schema_name in Firm.objects.firms().values_list("schema_name", flat=True):
            with schema_context(schema_name):
                refreshed += figures_refresh_stale()
        self.stdout.write(f"Platform, template firm and every firm are migrated; {refreshed} matters' figures "
                          "brought up to today.")
