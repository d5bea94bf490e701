"""Who may import placements: partners, lawyers and paralegals (the people who work matters). Finance staff and
client-portal users may not (403). An import belongs to its firm's schema, so another firm's import is not even
reachable; a guessed id gives the same 404 as a missing one."""

from accounts.access import WORK_MATTERS, has_role, roles_permission
from core.objects import object_or_404
from matters import access as matters_access
from matters.models import Mandate
from placements.models import PlacementImport

IMPORT_ROLES = WORK_MATTERS
CanImport = roles_permission(IMPORT_ROLES, "CanImportPlacements")


def can_import(user) -> bool:
    return has_role(user, IMPORT_ROLES)


def visible_imports(user):
    if can_import(user):
        return PlacementImport.objects.all()
    return PlacementImport.objects.none()


def importable_mandates(user):
    """The mandates ``user`` may import into: visible to them and still active."""
    if not can_import(user):
        return Mandate.objects.none()
    return matters_access.visible_mandates(user).filter(status=Mandate.Status.ACTIVE)


def get_import_for_user(user, import_id, *, queryset=None) -> PlacementImport:
    base = visible_imports(user) if queryset is None else queryset.filter(pk__in=visible_imports(user))
    return object_or_404(base, import_id)
