"""Storing the figures that lists show (balance, deadlines; see matters/figures.py): after each write that
changes what they depend on, and daily for the matters whose balance is not of today."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from calculators.selectors import holiday_calendar, lpr_table
from matters.figures import STORED_FIELDS, apply_figures
from matters.models import Matter
from matters.selectors import with_deadline_data

FIGURES_CHUNK = 500  # matters locked, computed and written together


def _refresh_figures(matter: Matter) -> None:
    """Stores the matter's figures after a change to what they depend on."""
    figures_refresh([matter.pk])
    matter.refresh_from_db(fields=STORED_FIELDS)


def figures_refresh(matter_ids: Iterable[int], *, today: date | None = None) -> int:
    """Recomputes and stores the figures of these matters; returns how many were written."""
    today = today or timezone.localdate()
    calendar, lpr = holiday_calendar(), lpr_table()
    ids = sorted(set(matter_ids))  # one locking order for every writer
    written = 0
    for start in range(0, len(ids), FIGURES_CHUNK):
        with transaction.atomic():
            matters = list(with_deadline_data(
                Matter.objects.filter(pk__in=ids[start:start + FIGURES_CHUNK]).select_for_update(of=("self",))
                .order_by("pk")))
            for matter in matters:
                apply_figures(matter, calendar=calendar, lpr=lpr, today=today)
            _store_figures(matters)
            written += len(matters)
    return written


def _store_figures(matters: list[Matter]) -> None:
    """One UPDATE per matter, pipelined: QuerySet.bulk_update builds a CASE per field and row, which costs
    more than computing the figures."""
    fields = [Matter._meta.get_field(name) for name in STORED_FIELDS]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    sql = f"UPDATE {connection.ops.quote_name(Matter._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [[field.get_db_prep_save(getattr(matter, field.attname), connection) for field in fields] + [matter.pk]
            for matter in matters]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def figures_refresh_stale(*, today: date | None = None) -> int:
    """The daily refresh: every matter of the current firm whose balance is not of ``today``."""
    today = today or timezone.localdate()
    stale = Matter.objects.filter(Q(balance_as_of__isnull=True) | Q(balance_as_of__lt=today))
    return figures_refresh(stale.values_list("pk", flat=True), today=today)


def figures_refresh_all() -> int:
    return figures_refresh(Matter.objects.values_list("pk", flat=True))
