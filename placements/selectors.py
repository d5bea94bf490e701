"""Reads of the placements app, with their joins."""

from django.db.models import QuerySet

from placements.access import visible_imports
from placements.models import PlacementImport, PlacementRow


def import_list(*, user) -> QuerySet[PlacementImport]:
    return visible_imports(user).select_related("mandate__client", "uploaded_by", "confirmed_by")


def import_rows(*, placement_import: PlacementImport, status: str | None = None) -> QuerySet[PlacementRow]:
    rows = placement_import.rows.select_related("matter").order_by("line")
    if status:
        rows = rows.filter(status=status)
    return rows
