from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import platform_ensure


class Command(BaseCommand):
    help = (
        "Brings the database up to date: migrates the public schema, creates the platform's tenant and the "
        "template firm when missing, then migrates every firm (the template included)."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0))
        platform_ensure()
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write("Platform, template firm and every firm are migrated.")
