"""Reads of the matters app. Every list comes with its joins, so that its query count does not grow with
its length (guarded by tests); computed figures (deadlines, timeline) are built here too, the balance in
matters/balances.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.models import Role, User
from calculators.selectors import holiday_calendar
from matters import access
from matters.balances import BALANCE_PREFETCH
from matters.deadlines import (
    DEADLINE_PREFETCH,
    DEADLINE_SELECT,
    LAPSING_KINDS,
    Deadline,
    GuaranteeState,
    compute_matter_deadlines,
    guarantee_states,
    instalment_statuses,
)
from matters.models import (
    ArbitrationFeeScale,
    Debtor,
    Forum,
    Guarantee,
    Matter,
    Payment,
    TimelineEvent,
)
from matters.stages import Outcome
from rules.arbitration_fees import ArbitrationFee, FeeTier, arbitration_fee
from rules.errors import RuleInputError
from rules.write_off import EvidenceItem, missing_write_off_evidence

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
        .prefetch_related("guarantors", Prefetch("guarantees", queryset=Guarantee.objects.select_related("debtor")))
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
            .prefetch_related(*BALANCE_PREFETCH))


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
            overdue=not lapsing and due < today, note=entry["note"],
            warn_from=date.fromisoformat(entry["warn_from"]) if entry.get("warn_from") else None))
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


def matter_guarantee_states(matter, *, today: date | None = None) -> list[GuaranteeState]:
    """The matter's guarantees with their periods and whether each was kept alive."""
    loaded = with_deadline_data(Matter.objects.filter(pk=matter.pk)).get()
    return guarantee_states(loaded, calendar=holiday_calendar(), today=today or timezone.localdate())


def matters_of_person(user):
    """Open matters a person is responsible for: as assigned lawyer, responsible partner or team member."""
    return (access.visible_matters(user).filter(outcome=Outcome.OPEN)
            .filter(Q(lawyer=user) | Q(mandate__responsible_partner=user) | Q(mandate__team=user)).distinct())


def upcoming_deadlines_for_user(user, *, days: int = 30, today: date | None = None) -> list[Deadline]:
    """The person's overdue deadlines and those due within ``days`` days, not yet done; a deadline that warns
    earlier (``warn_from``, e.g. a guarantee period 30 days ahead) from that day on."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    return [item for item in deadlines_for_matters(matters_of_person(user), today=today)
            if not item.done and (item.overdue or item.due_date <= horizon
                                  or (item.warn_from is not None and item.warn_from <= today))]


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


# --- arbitration fees --------------------------------------------------------------------------------------


def arbitration_fee_scales():
    """The firm's arbitration-fee schedules with their tiers, by commission."""
    return ArbitrationFeeScale.objects.prefetch_related("tiers").order_by("commission", "id")


def fee_tiers(scale: ArbitrationFeeScale) -> list[FeeTier]:
    return [FeeTier(tier.from_amount, tier.fixed_fee, tier.rate) for tier in scale.tiers.all()]


def arbitration_fee_estimate(matter: Matter) -> ArbitrationFee | None:
    """The acceptance fee that the matter's commission would charge on what is still owed, by the firm's
    schedule for that commission; None for a court matter or a commission without a schedule."""
    if matter.dispute_resolution != Forum.ARBITRATION or not matter.arbitration_commission:
        return None
    scale = arbitration_fee_scales().filter(commission=matter.arbitration_commission).first()
    if scale is None:
        return None
    amount = matter.outstanding if matter.outstanding > 0 else matter.principal
    try:
        return arbitration_fee(amount, fee_tiers(scale), commission=scale.commission)
    except RuleInputError:
        return None


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
