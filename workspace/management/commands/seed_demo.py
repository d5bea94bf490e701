from django.core.management.base import BaseCommand

from workspace.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Creates or refreshes the demo firm and prints its logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        firm, logins = demo_seed()
        self.stdout.write(self.style.SUCCESS(f"Demo firm: http://{firm.domain_name}:{port}/"))
        for login in logins:
            self.stdout.write(f"  {login.role_label:<8} {login.email:<24} {DEMO_PASSWORD}")
