from django.core.management.base import BaseCommand

from tenants.services import platform_ensure


class Command(BaseCommand):
    help = "Creates the platform site's tenant and the template firm schema when they are missing."

    def handle(self, *args, **options):
        platform_ensure()
        self.stdout.write("Platform and template firm are in place.")
