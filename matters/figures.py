"""The figures a matter stores for lists: its balance and a summary of its deadlines.

The truth is computed from the records (``selectors.matter_balance``, ``deadlines.compute_matter_deadlines``)
and the matter page always computes it afresh. Lists cannot: computing interest and deadlines for every row
of every request is too slow for a firm with thousands of matters, and "has an overdue deadline" or "sort by
outstanding" must be answered in SQL. So each matter stores, through :func:`figures_refresh` only:

- ``recovered``: the payments received. Always exact: payments cannot be dated in the future.
- ``claimed`` and ``outstanding``: the balance on ``balance_as_of``. Interest accrues daily, so a balance of
  an earlier day is stale; readers compute stale rows live (``selectors.balance_figures``).
- ``next_deadline_on``: the earliest deadline still to be met, leaving out those that lapse by themselves
  (a hearing, an appeal period: over once past, never overdue). The matter has an overdue deadline exactly
  when this is before today, whatever day it was computed on: whether a deadline is met depends on the
  records, not on the day.
- ``pending_deadlines``: every deadline still to be met, for the board's cards (readers drop the lapsing
  ones that have passed since).

Kept in step by: every service that changes what these depend on, in its own transaction (the refresh locks
the matter row before reading its records, so two concurrent writers cannot store figures that miss each
other's record); a daily task per firm for the balances (:func:`figures_refresh_stale`); and an edit of the
LPR table or of the holiday calendar, which refreshes every matter of every firm
(:func:`figures_refresh_everywhere`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import schema_context

from calculators.selectors import holiday_calendar, lpr_table
from matters.deadlines import LAPSING_KINDS, compute_matter_deadlines
from matters.models import Matter
from matters.selectors import matter_balance, with_deadline_data
from tenants.models import Firm

STORED_FIELDS = ("recovered", "claimed", "outstanding", "balance_as_of", "balance_error", "next_deadline_on",
                 "pending_deadlines")
CHUNK = 500  # matters locked, computed and written together


def _apply_figures(matter: Matter, *, calendar, lpr, today: date) -> None:
    """Sets the stored figures of ``matter`` (loaded with the deadline data) from its records."""
    balance = matter_balance(matter, as_of=today, lpr=lpr)
    pending = [item for item in compute_matter_deadlines(matter, calendar=calendar, today=today) if not item.done]
    matter.recovered = balance.recovered
    matter.claimed = balance.claimed
    matter.outstanding = balance.outstanding
    matter.balance_as_of = today
    matter.balance_error = balance.error[:200]
    matter.next_deadline_on = min((item.due_date for item in pending if item.kind not in LAPSING_KINDS),
                                  default=None)
    matter.pending_deadlines = [
        {"on": item.due_date.isoformat(), "kind": item.kind, "label": item.label, "source": item.source,
         "basis": item.legal_basis, "holiday_data": item.holiday_data, "note": item.note}
        for item in pending]


def figures_refresh(matter_ids: Iterable[int], *, today: date | None = None) -> int:
    """Recomputes and stores the figures of these matters; returns how many were written."""
    today = today or timezone.localdate()
    calendar, lpr = holiday_calendar(), lpr_table()
    ids = sorted(set(matter_ids))  # one locking order for every writer
    written = 0
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            matters = list(with_deadline_data(
                Matter.objects.filter(pk__in=ids[start:start + CHUNK]).select_for_update(of=("self",))
                .order_by("pk")))
            for matter in matters:
                _apply_figures(matter, calendar=calendar, lpr=lpr, today=today)
            _store(matters)
            written += len(matters)
    return written


def _store(matters: list[Matter]) -> None:
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


def figures_refresh_everywhere() -> None:
    """After an edit of the LPR table or the holiday calendar: every matter of every firm, by a task per firm
    once the edit is committed."""
    from matters.tasks import refresh_matter_figures  # the task module imports this one

    def queue():
        for schema_name in Firm.objects.firms().values_list("schema_name", flat=True):
            with schema_context(schema_name):
                refresh_matter_figures.delay(everything=True)

    transaction.on_commit(queue)
