"""The figures a matter stores for lists: its balance and a summary of its deadlines.

The truth is computed from the records (``balances.matter_balance``, ``deadlines.compute_matter_deadlines``)
and the matter page always computes it afresh. Lists cannot: computing interest and deadlines for every row
of every request is too slow for a firm with thousands of matters, and "has an overdue deadline" or "sort by
outstanding" must be answered in SQL. So each matter stores, written only by
``services.figures_refresh`` from :func:`apply_figures`:

- ``recovered``: the payments received. Always exact: payments cannot be dated in the future.
- ``claimed`` and ``outstanding``: the balance on ``balance_as_of``. Interest accrues daily, so a balance of
  an earlier day is stale; readers compute stale rows live (``balances.balance_figures``).
- ``next_deadline_on``: the earliest deadline still to be met, leaving out those that lapse by themselves
  (a hearing, an appeal period: over once past, never overdue). The matter has an overdue deadline exactly
  when this is before today, whatever day it was computed on: whether a deadline is met depends on the
  records, not on the day.
- ``pending_deadlines``: every deadline still to be met, for the board's cards (readers drop the lapsing
  ones that have passed since).

Kept in step by: every service that changes what these depend on, in its own transaction (the refresh locks
the matter row before reading its records, so two concurrent writers cannot store figures that miss each
other's record); a daily task per firm for the balances (``services.figures_refresh_stale``); and an edit of the
LPR table or of the holiday calendar, which refreshes every matter of every firm
(``tasks.figures_refresh_everywhere``).
"""

from __future__ import annotations

from datetime import date

from matters.balances import matter_balance
from matters.deadlines import LAPSING_KINDS, compute_matter_deadlines
from matters.models import Matter

STORED_FIELDS = ("recovered", "claimed", "outstanding", "balance_as_of", "balance_error", "next_deadline_on",
                 "pending_deadlines")


def apply_figures(matter: Matter, *, calendar, lpr, today: date) -> None:
    """Sets the stored figures of ``matter`` (loaded with the deadline data) from its records."""
    balance = matter_balance(matter, as_of=today, lpr=lpr, calendar=calendar)
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
         "basis": item.legal_basis, "holiday_data": item.holiday_data, "note": item.note,
         "warn_from": item.warn_from.isoformat() if item.warn_from else None}
        for item in pending]
