"""Reads of the lawyer's workspace: the board, the dashboard figures, the ledger (应收账款台账), the ageing
report (账龄分析) and notifications.

Every function starts from ``matters.access.visible_matters(user)`` (a firm is a schema, so another firm's rows
are not reachable; client-portal users are refused by the views before they get here) and keeps a fixed number
of queries whatever the number of matters: aggregates are done in SQL; per-matter balances and deadlines are
those the matters store (matters/figures.py), except the personal deadline lists, which are computed afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from documents.charts import MonthPoint, add_months, monthly_series
from matters import access, balances
from matters import selectors as matter_selectors
from matters.deadlines import Deadline
from matters.models import Matter, Payment, WorkLogEntry
from matters.stages import STAGE_ORDER, Outcome, Stage
from workspace.models import Notification

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=16, decimal_places=2)
BOARD_CAP = 15  # cards per column; the rest behind a "more" link to the filtered list
CHUNK = 1000  # matters per round of prefetching in the exports


# --- Board ---------------------------------------------------------------------------------------------------


@dataclass
class BoardCard:
    matter: Matter
    next_deadline: Deadline | None
    overdue: int  # how many of its deadlines are overdue


@dataclass
class BoardColumn:
    stage: str
    label: str
    count: int
    cards: list[BoardCard] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.count - len(self.cards)


def _card(matter: Matter, today: date) -> BoardCard:
    pending = matter_selectors.pending_deadlines(matter, today=today)
    return BoardCard(matter=matter, next_deadline=pending[0] if pending else None,
                     overdue=sum(1 for item in pending if item.overdue))


BOARD_ORDER = (F("next_deadline_on").asc(nulls_last=True), F("due_date").asc(), F("id").asc())
CARD_FIELDS = ("reference", "stage", "outcome", "principal", "due_date", "version", "next_deadline_on",
               "pending_deadlines", "mandate__client__name", "debtor__name", "lawyer__name")


def board_columns(*, user, queryset=None, cap: int = BOARD_CAP, today: date | None = None) -> list[BoardColumn]:
    """Open matters in the seven stage columns, most urgent first (an overdue deadline, then the soonest
    deadline, then the oldest debt), at most ``cap`` cards per column. Three queries: the counts, the ids of
    each column's first cards (one indexed LIMIT per stage, in a UNION), and those cards with their stored
    deadlines."""
    today = today or timezone.localdate()
    base = (access.visible_matters(user) if queryset is None else queryset).filter(outcome=Outcome.OPEN)
    # COUNT(*), not COUNT(id): the (stage, outcome) index alone answers it.
    counts = dict(base.order_by().values_list("stage").annotate(n=Count("*")).values_list("stage", "n"))
    firsts = [base.filter(stage=stage).order_by(*BOARD_ORDER).values_list("id", flat=True)[:cap]
              for stage in STAGE_ORDER if counts.get(stage)]
    ids = list(firsts[0].union(*firsts[1:], all=True)) if firsts else []
    columns = {stage: BoardColumn(stage=stage, label=Stage(stage).label, count=counts.get(stage, 0))
               for stage in STAGE_ORDER}
    cards = (Matter.objects.filter(pk__in=ids).select_related("mandate__client", "debtor", "lawyer")
             .only(*CARD_FIELDS))
    for matter in cards:
        columns[matter.stage].cards.append(_card(matter, today))
    for column in columns.values():
        column.cards.sort(key=lambda card: (-card.overdue, card.next_deadline.due_date if card.next_deadline
                                            else date.max, card.matter.due_date))
    return list(columns.values())


def board_card(*, user, matter_id, today: date | None = None) -> BoardCard:
    """One card (after a refused move, to redraw it)."""
    matter = access.get_matter_for_user(user, matter_id, queryset=Matter.objects.select_related(
        "mandate__client", "debtor", "lawyer"))
    return _card(matter, today or timezone.localdate())


# --- Dashboard -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientRate:
    client_id: int
    name: str
    matters: int
    claimed: Decimal
    recovered: Decimal

    @property
    def rate(self) -> Decimal:
        return (self.recovered / self.claimed * 100).quantize(Decimal("0.1")) if self.claimed else Decimal("0.0")


@dataclass(frozen=True)
class Dashboard:
    today: date
    overdue: list[Deadline]
    upcoming: list[Deadline]
    stages: list[tuple[str, str, int]]  # (stage, label, open matters)
    open_matters: int
    month_recovered: Decimal
    month_payments: int
    claimed: Decimal  # principal + costs of the open matters (interest excluded: it is computed per matter)
    recovered_total: Decimal  # everything received on the open matters
    months: list[MonthPoint]
    clients: list[ClientRate]

    @property
    def recovered_rate(self) -> Decimal:
        return (self.recovered_total / self.claimed * 100).quantize(Decimal("0.1")) if self.claimed else ZERO


def deadlines_digest(user, *, today: date, days: int = 7) -> tuple[list[Deadline], list[Deadline]]:
    """(overdue, due within ``days``) of the person's open matters."""
    items = matter_selectors.upcoming_deadlines_for_user(user, days=days, today=today)
    return [i for i in items if i.overdue], [i for i in items if not i.overdue]


def client_recovery_rates(*, user, limit: int | None = 10) -> list[ClientRate]:
    """Per client: matters, amounts claimed (principal + costs) and recovered, largest claims first."""
    matters = access.visible_matters(user)
    recovered = (Payment.objects.filter(matter__in=matters, matter__mandate__client_id=OuterRef("pk")).order_by()
                 .values("matter__mandate__client_id").annotate(total=Sum("amount")).values("total"))
    claimed = (matters.filter(mandate__client_id=OuterRef("pk")).order_by().values("mandate__client_id")
               .annotate(total=Sum(F("principal") + F("costs")), n=Count("id")))
    rows = (access.visible_clients(user)
            .annotate(claimed=Coalesce(Subquery(claimed.values("total")), Value(ZERO), output_field=MONEY),
                      n=Coalesce(Subquery(claimed.values("n")), Value(0)),
                      recovered=Coalesce(Subquery(recovered), Value(ZERO), output_field=MONEY))
            .filter(n__gt=0).order_by("-claimed", "name", "id"))
    if limit:
        rows = rows[:limit]
    return [ClientRate(client_id=c.pk, name=c.name, matters=c.n, claimed=c.claimed, recovered=c.recovered)
            for c in rows]


def dashboard(*, user, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    matters = access.visible_matters(user)
    open_matters = matters.filter(outcome=Outcome.OPEN)
    counts = dict(open_matters.order_by().values_list("stage").annotate(n=Count("*")).values_list("stage", "n"))
    first = today.replace(day=1)
    payments = Payment.objects.filter(matter__in=matters)
    month = payments.filter(received_on__gte=first, received_on__lte=today).aggregate(
        total=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY), n=Count("id"))
    totals = open_matters.aggregate(claimed=Coalesce(Sum(F("principal") + F("costs")), Value(ZERO),
                                                     output_field=MONEY))
    recovered_total = payments.filter(matter__outcome=Outcome.OPEN, received_on__lte=today).aggregate(
        total=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY))["total"]
    by_month = (payments.filter(received_on__gte=add_months(first, -11), received_on__lte=today).order_by()
                .values_list("received_on").annotate(total=Sum("amount")).values_list("received_on", "total"))
    overdue, upcoming = deadlines_digest(user, today=today)
    return Dashboard(
        today=today, overdue=overdue, upcoming=upcoming,
        stages=[(stage, Stage(stage).label, counts.get(stage, 0)) for stage in STAGE_ORDER],
        open_matters=sum(counts.values()), month_recovered=month["total"], month_payments=month["n"],
        claimed=totals["claimed"], recovered_total=recovered_total,
        months=monthly_series(by_month, last_month=today, months=12),
        clients=client_recovery_rates(user=user),
    )


# --- Ledger and ageing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    matter: Matter
    claimed: Decimal
    recovered: Decimal
    outstanding: Decimal
    days_overdue: int
    last_contact: date | None
    next_deadline: Deadline | None
    balance_error: str = ""


def days_overdue(matter: Matter, outstanding: Decimal, today: date) -> int:
    """Days since the due date while something is still owed on an open matter; 0 otherwise."""
    if not matter.is_open or outstanding <= 0:
        return 0
    return max((today - matter.due_date).days, 0)


def _chunks(queryset, size: int = CHUNK) -> Iterator[list[int]]:
    ids = list(queryset.order_by().values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def ledger_queryset(*, user, queryset=None):
    """The matters of the ledger, in the order of its rows (client, then reference)."""
    base = access.visible_matters(user) if queryset is None else queryset
    return base.order_by("mandate__client__name", "reference", "id")


def ledger_rows(matters, *, today: date | None = None) -> Iterator[LedgerRow]:
    """One row per matter of ``matters`` (already limited to what the person may see), in its order, with the
    figures the matters store (matters/figures.py). Fetched in chunks of CHUNK matters, so the number of
    queries grows with chunks (one or two per 1,000 matters), never with rows."""
    today = today or timezone.localdate()
    last_contact = (WorkLogEntry.objects.filter(matter_id=OuterRef("pk")).order_by()
                    .values("matter_id").annotate(last=Max("occurred_on")).values("last"))
    order = matters.query.order_by or ("id",)
    for ids in _chunks(matters):
        rows = list(Matter.objects.filter(pk__in=ids).order_by(*order)
                    .select_related("mandate__client", "debtor", "lawyer")
                    .annotate(last_contact=Subquery(last_contact)))
        figures = balances.balance_figures(rows, today=today)
        for matter in rows:
            balance = figures[matter.pk]
            pending = matter_selectors.pending_deadlines(matter, today=today)
            yield LedgerRow(matter=matter, claimed=balance.claimed, recovered=balance.recovered,
                            outstanding=balance.outstanding,
                            days_overdue=days_overdue(matter, balance.outstanding, today),
                            last_contact=matter.last_contact, next_deadline=pending[0] if pending else None,
                            balance_error=balance.error)


AGEING_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("d0_90", "0–90天", 0, 90),
    ("d91_180", "91–180天", 91, 180),
    ("d181_365", "181–365天", 181, 365),
    ("y1_2", "1–2年", 366, 730),
    ("y2_3", "2–3年", 731, 1095),
    ("y3_plus", "3年以上", 1096, None),
)


def ageing_bucket(days: int) -> str:
    """The bucket of a debt ``days`` past its due date (not yet due counts as 0)."""
    days = max(days, 0)
    for key, _label, low, high in AGEING_BUCKETS:
        if days >= low and (high is None or days <= high):
            return key
    raise AssertionError(days)  # pragma: no cover


@dataclass
class AgeingCell:
    amount: Decimal = ZERO
    count: int = 0


@dataclass
class AgeingLine:
    client_id: int | None
    name: str
    cells: dict[str, AgeingCell]

    @property
    def total(self) -> AgeingCell:
        return AgeingCell(sum((c.amount for c in self.cells.values()), ZERO),
                          sum(c.count for c in self.cells.values()))

    def ordered(self) -> list[AgeingCell]:
        return [self.cells[key] for key, *_ in AGEING_BUCKETS]


@dataclass(frozen=True)
class Ageing:
    as_of: date
    lines: list[AgeingLine]
    total: AgeingLine


def ageing(*, user, queryset=None, today: date | None = None) -> Ageing:
    """Outstanding amounts (principal, interest and costs still owed, as on the matter page) and counts of the
    open matters by client and by time since the due date."""
    today = today or timezone.localdate()
    matters = ledger_queryset(user=user, queryset=queryset).filter(outcome=Outcome.OPEN)
    lines: dict[int, AgeingLine] = {}
    total = AgeingLine(None, "合计", {key: AgeingCell() for key, *_ in AGEING_BUCKETS})
    for row in ledger_rows(matters, today=today):
        if row.outstanding <= 0:
            continue
        client = row.matter.mandate.client
        line = lines.setdefault(client.pk, AgeingLine(client.pk, client.name,
                                                      {key: AgeingCell() for key, *_ in AGEING_BUCKETS}))
        key = ageing_bucket((today - row.matter.due_date).days)
        for target in (line.cells[key], total.cells[key]):
            target.amount += row.outstanding
            target.count += 1
    ordered = sorted(lines.values(), key=lambda line: (-line.total.amount, line.name))
    return Ageing(as_of=today, lines=ordered, total=total)


# --- Notifications -------------------------------------------------------------------------------------------


def notifications_for(user):
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
