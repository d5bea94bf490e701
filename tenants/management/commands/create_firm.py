from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.services import firm_provision


class Command(BaseCommand):
    help = "Provisions a law firm at <slug>.<BASE_DOMAIN> with its first partner."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--owner-email", required=True)
        parser.add_argument("--owner-password", required=True)
        parser.add_argument("--owner-name", default="")

    def handle(self, *args, slug, name, owner_email, owner_password, owner_name, **options):
        try:
            firm, owner = firm_provision(
                slug=slug, name=name, owner_name=owner_name or owner_email.split("@")[0],
                owner_email=owner_email, owner_password=owner_password,
            )
        except ValidationError as exc:
            lines = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()] \
                if hasattr(exc, "error_dict") else exc.messages
            raise CommandError("Firm not created. " + "; ".join(lines)) from None
        self.stdout.write(self.style.SUCCESS(f"Created {firm.name} at {firm.domain_name} (owner {owner.email})."))
