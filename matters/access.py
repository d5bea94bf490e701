"""What a person may see in the matters app, and one way to fetch an object they may see (or 404). Which role
may do what is decided in accounts/access.py.

- Firm staff (partner, lawyer, paralegal, finance) see every client, debtor, mandate and matter of their firm
  (a firm is one schema, so another firm's rows are not even reachable). Debt recovery is team work:
  hand-overs between staff are routine, and finance needs every matter to book payments.
- Partners, lawyers and paralegals work matters (WORK_MATTERS); partners and finance record payments
  (RECORD_PAYMENTS); finance otherwise reads.
- Client-portal users see only the matters of the client company they belong to (ClientMembership); the
  REST API of this app refuses them outright (403), the portal will use :func:`visible_matters`.
- Not found and not allowed look the same: :class:`~django.http.Http404`.
"""

from django.db.models import QuerySet

from accounts.access import FIRM_STAFF, has_role
from accounts.models import Role
from core.objects import object_or_404
from matters.models import Client, Debtor, EvidenceFile, Mandate, Matter, Payment, WorkLogEntry


def visible_matters(user):
    """The matters ``user`` may see (unfiltered, unoptimised; selectors add the joins)."""
    if has_role(user, FIRM_STAFF):
        return Matter.objects.all()
    if has_role(user, {Role.CLIENT}):
        return Matter.objects.filter(mandate__client__members__user=user)
    return Matter.objects.none()


def visible_clients(user):
    if has_role(user, FIRM_STAFF):
        return Client.objects.all()
    if has_role(user, {Role.CLIENT}):
        return Client.objects.filter(members__user=user)
    return Client.objects.none()


def visible_mandates(user):
    if has_role(user, FIRM_STAFF):
        return Mandate.objects.all()
    if has_role(user, {Role.CLIENT}):
        return Mandate.objects.filter(client__members__user=user)
    return Mandate.objects.none()


def visible_debtors(user):
    if has_role(user, FIRM_STAFF):
        return Debtor.objects.all()
    return Debtor.objects.none()


def visible_payments(user):
    """The payment ledger: reversed payments included (each with its reversal)."""
    return Payment.all_entries.filter(matter__in=visible_matters(user))


def visible_worklog(user):
    # Internal notes on contacts with the debtor: firm staff only, never the client portal.
    if has_role(user, FIRM_STAFF):
        return WorkLogEntry.objects.all()
    return WorkLogEntry.objects.none()


def visible_evidence(user):
    return EvidenceFile.objects.filter(matter__in=visible_matters(user))


def get_matter_for_user(user, matter_id, *, queryset: QuerySet[Matter] | None = None) -> Matter:
    """The matter if ``user`` may see it; Http404 otherwise (also for a malformed id)."""
    base = visible_matters(user) if queryset is None else queryset.filter(pk__in=visible_matters(user))
    return object_or_404(base, matter_id)


def get_evidence_for_user(user, evidence_id) -> EvidenceFile:
    return object_or_404(visible_evidence(user).select_related("matter"), evidence_id)
