"""Who sees and works what in the matters app: decided here only.

- Firm staff (partner, lawyer, paralegal, finance) see every client, debtor, mandate and matter of their firm
  (a firm is one schema, so another firm's rows are not even reachable). Debt recovery is team work:
  hand-overs between staff are routine, and finance needs every matter to book payments.
- Partners, lawyers and paralegals work matters (WORK_MATTERS); partners and finance record payments
  (RECORD_PAYMENTS); finance otherwise reads.
- Client-portal users see only the matters of the client company they belong to (ClientMembership); the
  REST API of this app refuses them outright (403), the portal will use :func:`visible_matters`.
- Not found and not allowed look the same: :class:`~django.http.Http404`.
"""

from django.db.models import Model, QuerySet
from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.access import FIRM_STAFF, MANAGE_PEOPLE, RECORD_PAYMENTS, WORK_MATTERS, has_role
from accounts.models import Role
from matters.models import Client, Debtor, EvidenceFile, Mandate, Matter, Payment, WorkLogEntry

# Who may be the assigned lawyer of a matter, or the responsible partner of a mandate.
ASSIGNABLE_LAWYER_ROLES = frozenset({Role.PARTNER, Role.LAWYER})
RESPONSIBLE_PARTNER_ROLES = frozenset({Role.PARTNER})


def can_read(user) -> bool:
    return has_role(user, FIRM_STAFF)


def can_work_matters(user) -> bool:
    return has_role(user, WORK_MATTERS)


def can_record_payments(user) -> bool:
    return has_role(user, RECORD_PAYMENTS)


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


def object_or_404[M: Model](queryset: QuerySet[M], pk: object) -> M:
    """The object ``pk`` of ``queryset`` (already limited to what the person may see); Http404 when it is not
    there, and for a malformed id too."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_matter_for_user(user, matter_id, *, queryset: QuerySet[Matter] | None = None) -> Matter:
    """The matter if ``user`` may see it; Http404 otherwise (also for a malformed id)."""
    base = visible_matters(user) if queryset is None else queryset.filter(pk__in=visible_matters(user))
    return object_or_404(base, matter_id)


def get_evidence_for_user(user, evidence_id) -> EvidenceFile:
    return object_or_404(visible_evidence(user).select_related("matter"), evidence_id)


def may_pick_deadline_person(user) -> bool:
    """Partners may look at anyone's deadlines (to share out the work); the others see their own."""
    return has_role(user, MANAGE_PEOPLE)


def may_link_portal_users(user) -> bool:
    """Who lets a client-portal person see a client's matters: those who manage the firm's people."""
    return has_role(user, MANAGE_PEOPLE)


def is_assignable_lawyer(user) -> bool:
    return has_role(user, ASSIGNABLE_LAWYER_ROLES)


def is_responsible_partner_role(user) -> bool:
    return has_role(user, RESPONSIBLE_PARTNER_ROLES)


def roles_for_method(read_roles, write_roles, name: str):
    """A DRF permission: safe methods need ``read_roles``, anything else ``write_roles``."""

    class MethodRolePermission(BasePermission):
        message = "您的角色无权执行此操作。"

        def has_permission(self, request, view):
            roles = read_roles if request.method in SAFE_METHODS else write_roles
            return has_role(request.user, roles)

    MethodRolePermission.__name__ = name
    return MethodRolePermission


StaffReadsWorkersWrite = roles_for_method(FIRM_STAFF, WORK_MATTERS, "StaffReadsWorkersWrite")
StaffReadsFinanceWrites = roles_for_method(FIRM_STAFF, RECORD_PAYMENTS, "StaffReadsFinanceWrites")
