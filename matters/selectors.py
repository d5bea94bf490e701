"""Reads of the matters app. Every list comes with its joins, so that its query count does not grow with
its length (guarded by tests); computed figures (balance, deadlines, timeline) are built here too."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.models import Role, User
from calculators.selectors import holiday_calendar, lpr_table
from matters import access
from matters.deadlines import (
    DEADLINE_PREFETCH,
    DEADLINE_SELECT,
    LAPSING_KINDS,
    Deadline,
    compute_matter_deadlines,
    instalment_statuses,
)
from matters.models import Debtor, InterestType, Matter, Payment, TimelineEvent
from matters.stages import Outcome
from rules.errors import RuleInputError
from rules.interest import Payment as RulePayment
from rules.interest import PaymentApplication, calculate_interest
from rules.rates import FixedRate, LprRate
from rules.write_off import EvidenceItem, missing_write_off_evidence

ZERO = Decimal("0.00")
ONE_DAY = timedelta(days=1)
PAYMENTS_IN_ORDER = Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id"))


# --- Lists -----------------------------------------------------------------------------------------------


def client_list(*, user):
    return access.visible_clients(user).prefetch_related("contacts").order_by("name", "id")


def client_portal_users(client):
    return client.members.select_related("user").order_by("user__name", "user__email")


def portal_user_candidates():
    """Client-portal people of the firm who do not belong to a client yet."""
    return User.objects.filter(role=Role.CLIENT, is_active=True, client_membership__isnull=True).order_by("name")


def debtor_list(*, user):
    return access.visible_debtors(user).order_by("name", "id")


def mandate_list(*, user):
    return (access.visible_mandates(user).select_related("client", "responsible_partner")
            .prefetch_related("team").order_by("-contract_date", "-id"))


def matter_list(*, user):
    """Matters with what the list shows: parties, lawyer and guarantors (figures: see balance_figures)."""
    return (
        access.visible_matters(user)
        .select_related("mandate__client", "debtor", "lawyer")
        .prefetch_related("guarantors")
        .order_by("-id")
    )


# What the tables of matters show (the matter list, a client's, mandate's or debtor's matters).
ROW_FIELDS = ("reference", "stage", "outcome", "principal", "due_date", "recovered", "claimed", "outstanding",
              "balance_as_of", "balance_error", "mandate__client__name", "debtor__name", "lawyer__name")


def matter_rows(*, user):
    """Matters for a table: only the columns it shows, the guarantors' names in the same query."""
    guarantors = (Debtor.objects.filter(guaranteed_matters=OuterRef("pk")).order_by("name", "id")
                  .values_list("name", flat=True))
    return (access.visible_matters(user).select_related("mandate__client", "debtor", "lawyer").only(*ROW_FIELDS)
            .annotate(guarantor_names=ArraySubquery(guarantors)).order_by("-id"))


def matter_detail_queryset(*, user):
    """One matter as its page shows it, with the payments for its balance."""
    return (matter_list(user=user).select_related("mandate__responsible_partner", "created_by")
            .prefetch_related(PAYMENTS_IN_ORDER))


def payment_list(*, user):
    return (access.visible_payments(user).select_related("matter__debtor", "payer", "recorded_by", "reversal")
            .order_by("-received_on", "-id"))


def matter_payment_entries(matter):
    """A matter's payment ledger, newest first: reversed payments too, with their reversal."""
    return (Payment.all_entries.filter(matter=matter).select_related("payer", "reversal")
            .order_by("-received_on", "-id"))


def worklog_list(*, user):
    return access.visible_worklog(user).select_related("matter", "author").order_by("-occurred_on", "-id")


def evidence_list(*, user):
    return access.visible_evidence(user).select_related("matter", "uploaded_by").order_by("-uploaded_at", "-id")


# --- Balance -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Balance:
    """What the debtor side owes on ``as_of``: claimed (principal + costs + interest accrued), recovered
    (payments up to then) and outstanding, with each payment's application (costs → interest → principal,
    民法典第五百六十一条)."""

    as_of: date
    principal: Decimal
    costs: Decimal
    interest: Decimal
    claimed: Decimal
    recovered: Decimal
    principal_outstanding: Decimal
    interest_outstanding: Decimal
    costs_outstanding: Decimal
    outstanding: Decimal
    overpaid: Decimal
    applications: tuple[PaymentApplication, ...] = ()
    notes: tuple[str, ...] = ()
    error: str = ""
    segments: tuple = field(default=(), repr=False)


def interest_rate_of(matter):
    if matter.interest_type == InterestType.FIXED:
        return FixedRate(matter.interest_rate)
    if matter.interest_type == InterestType.LPR:
        return LprRate(multiplier=matter.lpr_multiplier, fixed_on=matter.lpr_fixed_on)
    return FixedRate(Decimal("0"))


def interest_start_of(matter) -> date:
    """Interest runs from ``interest_from``, or else from the day after the due date."""
    return matter.interest_from or matter.due_date + ONE_DAY


def matter_balance(matter, *, as_of: date | None = None, lpr=None) -> Balance:
    """The balance of one matter (reads ``matter.payments.all()``, prefetched by the list selectors)."""
    as_of = as_of or timezone.localdate()
    payments = sorted((p for p in matter.payments.all() if p.received_on <= as_of),
                      key=lambda p: (p.received_on, p.pk or 0))
    recovered = sum((p.amount for p in payments), ZERO)
    start = interest_start_of(matter)
    principal, costs = matter.principal, matter.costs
    applications: list[PaymentApplication] = []
    overpaid = ZERO

    # Payments before interest starts: costs first, then principal.
    later = []
    for payment in payments:
        if payment.received_on >= start:
            later.append(payment)
            continue
        to_costs = min(payment.amount, costs)
        to_principal = min(payment.amount - to_costs, principal)
        unapplied = payment.amount - to_costs - to_principal
        costs, principal, overpaid = costs - to_costs, principal - to_principal, overpaid + unapplied
        applications.append(PaymentApplication(date=payment.received_on, amount=payment.amount, to_costs=to_costs,
                                               to_interest=ZERO, to_principal=to_principal, unapplied=unapplied))

    def result(*, interest=ZERO, principal_out=principal, interest_out=ZERO, costs_out=costs, extra_overpaid=ZERO,
               notes=(), error="", segments=()):
        outstanding = principal_out + interest_out + costs_out
        return Balance(
            as_of=as_of, principal=matter.principal, costs=matter.costs, interest=interest,
            claimed=matter.principal + matter.costs + interest, recovered=recovered,
            principal_outstanding=principal_out, interest_outstanding=interest_out, costs_outstanding=costs_out,
            outstanding=outstanding, overpaid=overpaid + extra_overpaid, applications=tuple(applications),
            notes=tuple(notes), error=error, segments=tuple(segments),
        )

    if as_of < start:
        return result(notes=("计息起算日尚未到来。",))
    try:
        computed = calculate_interest(
            principal=principal, start=start, end=as_of, rate=interest_rate_of(matter),
            lpr_table=lpr if lpr is not None else lpr_table(),
            payments=[RulePayment(p.received_on, p.amount) for p in later], costs=costs,
        )
    except RuleInputError as error:
        # A read never fails: the balance without interest, and the reason.
        principal_out, costs_out = principal, costs
        for payment in later:
            to_costs = min(payment.amount, costs_out)
            to_principal = min(payment.amount - to_costs, principal_out)
            costs_out, principal_out = costs_out - to_costs, principal_out - to_principal
        return result(principal_out=principal_out, costs_out=costs_out, error=error.message)
    applications.extend(computed.payments_applied)
    return result(interest=computed.interest, principal_out=computed.principal_outstanding,
                  interest_out=computed.interest_outstanding, costs_out=computed.costs_outstanding,
                  extra_overpaid=computed.overpaid, notes=computed.notes, segments=computed.segments)


def matter_balances(matters, *, as_of: date | None = None) -> dict[int, Balance]:
    table = lpr_table()
    return {matter.pk: matter_balance(matter, as_of=as_of, lpr=table) for matter in matters}


@dataclass(frozen=True)
class BalanceFigures:
    """A list row's balance: today's, from what the matter stores or, if that is of an earlier day, computed."""

    as_of: date
    claimed: Decimal
    recovered: Decimal
    outstanding: Decimal
    error: str


def balance_figures(matters, *, today: date | None = None) -> dict[int, BalanceFigures]:
    """Today's balance of each matter: stored ones where fresh (matters/figures.py), the others computed with
    their payments fetched in one query."""
    today = today or timezone.localdate()
    matters = list(matters)
    stale = [matter.pk for matter in matters if matter.balance_as_of != today]
    figures = {matter.pk: BalanceFigures(as_of=today, claimed=matter.claimed, recovered=matter.recovered,
                                         outstanding=matter.outstanding, error=matter.balance_error)
               for matter in matters if matter.balance_as_of == today}
    if stale:
        table = lpr_table()
        # Read again whole (the rows may hold only the columns a table shows), with their payments.
        for matter in Matter.objects.filter(pk__in=stale).prefetch_related(PAYMENTS_IN_ORDER):
            balance = matter_balance(matter, as_of=today, lpr=table)
            figures[matter.pk] = BalanceFigures(as_of=today, claimed=balance.claimed, recovered=balance.recovered,
                                                outstanding=balance.outstanding, error=balance.error)
    return figures


# --- Deadlines --------------------------------------------------------------------------------------------


def with_deadline_data(queryset):
    return queryset.select_related(*DEADLINE_SELECT).prefetch_related(*DEADLINE_PREFETCH)


def pending_deadlines(matter, *, today: date | None = None) -> list[Deadline]:
    """The deadlines still to be met, from what the matter stores (matters/figures.py), soonest first. Reads
    the matter's debtor and lawyer (select them)."""
    today = today or timezone.localdate()
    lawyer = matter.lawyer
    items = []
    for entry in matter.pending_deadlines:
        due = date.fromisoformat(entry["on"])
        lapsing = entry["kind"] in LAPSING_KINDS
        if lapsing and due < today:
            continue
        items.append(Deadline(
            kind=entry["kind"], label=entry["label"], due_date=due, matter_id=matter.pk,
            matter_reference=matter.reference, debtor_name=matter.debtor.name,
            lawyer_id=lawyer.pk if lawyer else None, lawyer_name=lawyer.name if lawyer else "",
            source=entry["source"], legal_basis=entry["basis"], holiday_data=entry["holiday_data"], done=False,
            overdue=not lapsing and due < today, note=entry["note"]))
    return items


def deadlines_for_matters(queryset, *, today: date | None = None) -> list[Deadline]:
    """All deadlines of the matters in ``queryset``, sorted by date: a fixed number of queries."""
    today = today or timezone.localdate()
    calendar = holiday_calendar()
    items: list[Deadline] = []
    for matter in with_deadline_data(queryset):
        items.extend(compute_matter_deadlines(matter, calendar=calendar, today=today))
    items.sort(key=lambda item: (item.due_date, item.matter_id, item.kind))
    return items


def matters_of_person(user):
    """Open matters a person is responsible for: as assigned lawyer, responsible partner or team member."""
    return (access.visible_matters(user).filter(outcome=Outcome.OPEN)
            .filter(Q(lawyer=user) | Q(mandate__responsible_partner=user) | Q(mandate__team=user)).distinct())


def upcoming_deadlines_for_user(user, *, days: int = 30, today: date | None = None) -> list[Deadline]:
    """The person's overdue deadlines and those due within ``days`` days, not yet done."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    return [item for item in deadlines_for_matters(matters_of_person(user), today=today)
            if not item.done and (item.overdue or item.due_date <= horizon)]


def agreement_instalment_statuses(agreement, *, today: date | None = None):
    return instalment_statuses(agreement, agreement.matter.payments.all(), today or timezone.localdate())


# --- Timeline ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    """One row of the matter's stream: a recorded event, or a computed deadline."""

    kind: str
    label: str
    at: date
    summary: str
    actor_name: str = ""
    created_at: object = None
    from_stage: str = ""
    to_stage: str = ""
    reason: str = ""
    record_type: str = ""
    record_id: int | None = None
    deadline: Deadline | None = None


def timeline_events(matter):
    return TimelineEvent.objects.filter(matter=matter).select_related("actor").order_by("-created_at", "-id")


def matter_timeline(matter, *, include_deadlines: bool = True, today: date | None = None) -> list[TimelineItem]:
    """Stage changes, work log, payments, documents and records (stored events) merged with the matter's
    deadlines (computed), newest first."""
    items = [
        TimelineItem(kind=event.kind, label=event.get_kind_display(),
                     at=event.on_date or timezone.localdate(event.created_at), summary=event.summary,
                     actor_name=event.actor_name, created_at=event.created_at, from_stage=event.from_stage,
                     to_stage=event.to_stage, reason=event.reason, record_type=event.record_type,
                     record_id=event.record_id)
        for event in timeline_events(matter)
    ]
    if include_deadlines:
        for deadline in deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today):
            state = "已完成" if deadline.done else ("已逾期" if deadline.overdue else "未到期")
            items.append(TimelineItem(kind="deadline", label=deadline.label, at=deadline.due_date,
                                      summary=f"{deadline.label}：{deadline.due_date.isoformat()}（{state}）",
                                      record_type=deadline.source.split(":")[0], deadline=deadline))
    items.sort(key=lambda item: (item.at, item.created_at or timezone.now()), reverse=True)
    return items


@dataclass(frozen=True)
class WriteOffGap:
    """A write-off basis whose evidence 国家税务总局公告2011年第25号 第二十二条 finds incomplete."""

    write_off: object
    missing: tuple[str, ...]


def write_off_evidence_gaps(matter, write_offs=None, evidence=None) -> list[WriteOffGap]:
    """Each write-off record of ``matter`` that lacks a document its ground needs (rules.write_off), judged by
    the categories of the matter's evidence files and the files the record names as its basis."""
    write_offs = list(write_offs if write_offs is not None else matter.write_offs.prefetch_related("documents"))
    if not write_offs:
        return []
    files = list(evidence if evidence is not None else matter.evidence_files.all())
    gaps = []
    for write_off in write_offs:
        basis_ids = {document.pk for document in write_off.documents.all()}
        items = [EvidenceItem(category=file.category, is_basis=file.pk in basis_ids) for file in files]
        missing = missing_write_off_evidence(write_off.basis, items)
        if missing:
            gaps.append(WriteOffGap(write_off=write_off, missing=tuple(missing)))
    return gaps
