"""One place that decides what each role may do. Views and API views ask here, never check roles inline."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.models import FIRM_STAFF_ROLES, Role

MANAGE_PEOPLE = frozenset({Role.PARTNER})
MANAGE_FIRM = frozenset({Role.PARTNER})
WORK_MATTERS = frozenset({Role.PARTNER, Role.LAWYER, Role.PARALEGAL})
RECORD_PAYMENTS = frozenset({Role.PARTNER, Role.FINANCE})
FIRM_STAFF = FIRM_STAFF_ROLES
# What sets a fee (a mandate's fee terms, a matter's principal) and closing a matter as written off (核销) are a
# partner's decisions; lawyers and paralegals prepare them.
SET_FEE_TERMS = frozenset({Role.PARTNER})
APPROVE_WRITE_OFFS = frozenset({Role.PARTNER})


def has_role(user, roles) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in roles)


def is_portal_user(user) -> bool:
    """A client company's person, who sees the portal rather than the firm's workspace."""
    return has_role(user, {Role.CLIENT})


def may_manage_people(user) -> bool:
    """Invite people, change their roles, deactivate and reactivate them."""
    return has_role(user, MANAGE_PEOPLE)


def can_manage_firm(user) -> bool:
    """Change the firm's settings and its document templates."""
    return has_role(user, MANAGE_FIRM)


def can_change_fee_terms(user, mandate) -> bool:
    """May ``user`` change the fee terms of ``mandate`` or the principal of its matters: its responsible
    partner, or any partner of the firm."""
    if not has_role(user, FIRM_STAFF):
        return False
    return user.role in SET_FEE_TERMS or getattr(mandate, "responsible_partner_id", None) == user.pk


def can_approve_write_off(user) -> bool:
    """May ``user`` close a matter as written off (核销): the closing is the partner's approval."""
    return has_role(user, APPROVE_WRITE_OFFS)


def can_reverse_payments(user) -> bool:
    """May ``user`` correct a recorded payment by a reversing entry: whoever may record payments."""
    return has_role(user, RECORD_PAYMENTS)


def role_required(roles):
    """View decorator: sends anonymous people to log in, and refuses (403) the wrong role."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def roles_permission(roles, name: str = "RolePermission"):
    """A DRF permission class that admits only the given roles."""

    class RolePermission(BasePermission):
        message = _("您的角色无权执行此操作。")

        def has_permission(self, request, view):
            return has_role(request.user, roles)

    RolePermission.__name__ = name
    return RolePermission


IsFirmStaff = roles_permission(FIRM_STAFF, "IsFirmStaff")
IsPartner = roles_permission(MANAGE_PEOPLE, "IsPartner")


# Sharing a document puts it in the client's portal: that is the matter lawyer's call, or a partner's.
SHARE_ANY_DOCUMENT = frozenset({Role.PARTNER})


def can_share_documents(user, matter) -> bool:
    """Whether ``user`` may share ``matter``'s documents with the client, or stop sharing them."""
    if has_role(user, SHARE_ANY_DOCUMENT):
        return True
    return has_role(user, WORK_MATTERS) and matter.lawyer_id is not None and matter.lawyer_id == user.pk


# Who may be the assigned lawyer of a matter, or the responsible partner of a mandate.
ASSIGNABLE_LAWYER_ROLES = frozenset({Role.PARTNER, Role.LAWYER})
RESPONSIBLE_PARTNER_ROLES = frozenset({Role.PARTNER})


def can_work_matters(user) -> bool:
    return has_role(user, WORK_MATTERS)


def can_record_payments(user) -> bool:
    return has_role(user, RECORD_PAYMENTS)


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
        message = _("您的角色无权执行此操作。")

        def has_permission(self, request, view):
            roles = read_roles if request.method in SAFE_METHODS else write_roles
            return has_role(request.user, roles)

    MethodRolePermission.__name__ = name
    return MethodRolePermission


StaffReadsWorkersWrite = roles_for_method(FIRM_STAFF, WORK_MATTERS, "StaffReadsWorkersWrite")
StaffReadsFinanceWrites = roles_for_method(FIRM_STAFF, RECORD_PAYMENTS, "StaffReadsFinanceWrites")
# The people API: the firm's staff read the list (to find the ids that matters need); partners invite, change
# roles and deactivate. Client-portal users get nothing: the firm's staff list is not theirs.
StaffReadPeoplePartnersManage = roles_for_method(FIRM_STAFF, MANAGE_PEOPLE, "StaffReadPeoplePartnersManage")
