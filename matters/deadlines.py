"""Deadlines of a matter: computed from its records, never typed in.

Design: a deadline is a pure function of the records (due date, letters, work log, agreements,
preservations, lawsuits, enforcements, payments) and of the holiday calendar, which platform staff may
correct at any time. :func:`compute_matter_deadlines` is plain Python over rows that the selectors fetch with
a fixed number of queries (:data:`DEADLINE_PREFETCH`), so 3 or 300 matters cost the same number of queries.
The matter page, personal deadline lists and digests compute afresh; lists of matters read the summary that
``matters/figures.py`` stores from this same function whenever a record or the calendar changes.

Counting (start day not counted, holiday roll-over, missing holiday data) is done by
``rules/deadlines.py``; every Deadline carries that rule's ``holiday_data`` flag and its note.

"done" means nothing remains to be done about the deadline: the matter is closed, the act was performed
(suit filed, enforcement applied for, instalment paid), or the date is an event that has passed (a hearing,
an appeal period that ran out — the judgment then simply took effect). "overdue" = not done and past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext

from core.formatting import money_text, with_aside
from matters.models import FrozenAsset, Lawsuit, PayerKind, WorkLogEntry
from rules.deadlines import (
    DEADLINE_KINDS,
    HolidayCalendar,
    Proceeding,
    deadline_for,
    freeze_expiry,
    limitation_deadline,
)
from rules.errors import RuleInputError

ZERO = Decimal("0.00")

KIND_LABELS: dict[str, str] = {
    "limitation": "诉讼时效届满",
    "appeal": "上诉期限届满",
    "suit_after_preservation": "诉前保全后起诉期限",
    "enforcement_application": "申请强制执行期限",
    "freeze_renewal": "申请续行冻结/查封",
    "instalment": "分期还款日",
    "hearing": "开庭",
    "promise_to_pay": "承诺还款日",
    "construction_priority": "建设工程价款优先受偿权行使期限",
}
# Deadlines that are over once their day has passed (the hearing was held, the judgment took effect): never
# overdue.
LAPSING_KINDS = frozenset({"appeal", "hearing"})
FREEZE_RULE = {
    FrozenAsset.Kind.BANK_DEPOSIT: "freeze_bank_deposit",
    FrozenAsset.Kind.MOVABLE: "freeze_movable",
    FrozenAsset.Kind.REAL_ESTATE: "freeze_real_estate",
}

# What compute_matter_deadlines reads; selectors apply it so that any number of matters costs a fixed
# number of queries.
DEADLINE_SELECT = ("lawyer", "debtor")
DEADLINE_PREFETCH = (
    "demand_letters",
    Prefetch("worklog_entries", queryset=WorkLogEntry.objects.filter(
        Q(interrupts_limitation=True) | Q(promised_on__isnull=False))),
    "repayment_agreements__instalments",
    "preservations",
    "frozen_assets",
    "lawsuits",
    "hearings",
    "enforcements",
    "payments",
)


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due_date: date
    matter_id: int
    matter_reference: str
    debtor_name: str
    lawyer_id: int | None
    lawyer_name: str
    source: str  # the record it follows from, e.g. "lawsuit:12"
    legal_basis: str
    holiday_data: bool
    done: bool
    overdue: bool
    note: str

    @property
    def holiday_warning(self) -> str:
        """What every list of deadlines prints next to one counted without holiday data, else ""."""
        if self.holiday_data:
            return ""
        return gettext("（%(year)d年节假日安排尚未公布，仅按周末推算）") % {"year": self.due_date.year}


@dataclass(frozen=True)
class InstalmentStatus:
    number: int
    due_on: date
    amount: Decimal
    status: str  # "upcoming", "paid", "paid_late", "missed"
    paid_towards: Decimal  # paid on or before the due date towards this and earlier instalments, capped

    @property
    def missed(self) -> bool:
        return self.status == "missed"


INSTALMENT_STATUS_LABELS = {"upcoming": "未到期", "paid": "已按期支付", "paid_late": "逾期后已补足", "missed": "逾期未付"}


def instalment_statuses(agreement, payments, today: date) -> list[InstalmentStatus]:
    """Each instalment's status from the payments received since the agreement was signed.

    Payments count towards instalments in order (cumulatively). An instalment is *missed* from the day after
    its due date while the payments up to then do not cover it and the earlier ones; it turns *paid_late*
    once later payments cover it.
    """
    received = sorted((p.received_on, p.amount) for p in payments if p.received_on >= agreement.signed_on)
    total_to_date = sum((amount for day, amount in received if day <= today), ZERO)
    statuses = []
    cumulative = ZERO
    for instalment in sorted(agreement.instalments.all(), key=lambda item: item.number):
        before = cumulative
        cumulative += instalment.amount
        paid_by_due = sum((amount for day, amount in received if day <= instalment.due_on), ZERO)
        if paid_by_due >= cumulative:
            status = "paid"
        elif today > instalment.due_on:
            status = "paid_late" if total_to_date >= cumulative else "missed"
        else:
            status = "paid" if total_to_date >= cumulative else "upcoming"
        towards = min(max(paid_by_due - before, ZERO), instalment.amount)
        statuses.append(InstalmentStatus(instalment.number, instalment.due_on, instalment.amount, status, towards))
    return statuses


# A decision that settles the debt: from then on the enforcement application period governs, not limitation.
SETTLING_DECISIONS = frozenset({Lawsuit.Decision.JUDGMENT, Lawsuit.Decision.MEDIATION})


def lawsuit_end(suit) -> date | None:
    """The day a suit's proceedings ended, for limitation: its decision date once decided (a withdrawal ends
    it on that day). While no decision is recorded the suit is pending."""
    if suit.decision and suit.decided_on:
        return suit.decided_on
    return None


def limitation_interruptions(matter) -> list[date | Proceeding]:
    """What interrupts limitation (民法典第一百九十五条; 诉讼时效规定第八、十一、十四条).

    Days: a demand letter delivered; a work-log entry marked as interrupting (demand delivered, written
    acknowledgement, security offered, more time asked for) or recording a promise to pay; a repayment
    agreement signed; a payment received from the debtor side (partial performance; a guarantor's payment is
    the guarantor's own performance and a reversed payment never happened); a preservation applied for.
    Proceedings, which restart the period when they end: lawsuits (filed → decided) and enforcement
    (applied → ended)."""
    items: list[date | Proceeding] = [
        letter.delivered_on for letter in matter.demand_letters.all() if letter.delivered_on]
    items += [entry.occurred_on for entry in matter.worklog_entries.all()
              if entry.interrupts_limitation or entry.promised_on]
    items += [agreement.signed_on for agreement in matter.repayment_agreements.all()]
    items += [payment.received_on for payment in matter.payments.all() if payment.payer_kind != PayerKind.GUARANTOR]
    items += [preservation.applied_on or preservation.ruling_on for preservation in matter.preservations.all()
              if preservation.applied_on or preservation.ruling_on]
    for suit in matter.lawsuits.all():
        if suit.filed_on:
            end = lawsuit_end(suit)
            items.append(Proceeding(suit.filed_on, end if end and end >= suit.filed_on else None, "诉讼"))
    for enforcement in matter.enforcements.all():
        if enforcement.applied_on:
            end = enforcement.ended_on if enforcement.ended_on and enforcement.ended_on >= enforcement.applied_on \
                else None
            items.append(Proceeding(enforcement.applied_on, end, "强制执行"))
    return sorted(items, key=lambda item: item.started_on if isinstance(item, Proceeding) else item)


def frozen_asset_expiry(asset, calendar: HolidayCalendar):
    """The current period of a frozen asset (the renewal's once renewed), as rules.deadlines.freeze_expiry
    reads it; a stated expiry the rules refuse (entered before they were checked) gives way to the computed one."""
    start = asset.renewed_on or asset.frozen_on
    stated = asset.renewal_expires_on if asset.renewed_on else asset.expires_on
    try:
        return freeze_expiry(FREEZE_RULE[asset.kind], start, calendar=calendar, stated_expiry=stated)
    except RuleInputError:
        return freeze_expiry(FREEZE_RULE[asset.kind], start, calendar=calendar)


def compute_matter_deadlines(matter, *, calendar: HolidayCalendar, today: date) -> list[Deadline]:
    """Every deadline of one matter. Reads only the relations in DEADLINE_PREFETCH (no queries when they are
    prefetched)."""
    closed = not matter.is_open
    lawyer = matter.lawyer
    out: list[Deadline] = []

    def add(kind, due: date, *, source: str, basis: str, done: bool, holiday_data=True, note="", label=None):
        done = done or closed
        out.append(Deadline(
            kind=kind, label=label or KIND_LABELS[kind], due_date=due, matter_id=matter.pk,
            matter_reference=matter.reference, debtor_name=matter.debtor.name,
            lawyer_id=lawyer.pk if lawyer else None, lawyer_name=lawyer.name if lawyer else "",
            source=source, legal_basis=basis, holiday_data=holiday_data, done=done,
            overdue=not done and due < today, note=note,
        ))

    def add_rule(kind, rule_kind, start: date, *, source: str, done: bool, label=None):
        result = deadline_for(rule_kind, start, calendar)
        add(kind, result.deadline, source=source, basis=DEADLINE_KINDS[rule_kind].source, done=done,
            holiday_data=result.holiday_data, note=result.note, label=label)

    lawsuits = sorted(matter.lawsuits.all(), key=lambda suit: suit.pk)
    filed = any(suit.filed_on for suit in lawsuits)
    settled = any(suit.decision in SETTLING_DECISIONS and suit.decided_on for suit in lawsuits)
    payments = list(matter.payments.all())
    agreements = list(matter.repayment_agreements.all())

    # Limitation: from the due date, restarted by each interruption; a repayment agreement (signing
    # interrupts) sets new due dates, and for instalments the period runs from the last one (民法典第一百八十九条).
    # Pending proceedings stop the clock (nothing to watch until they end); a judgment or mediation settles
    # the debt, after which the enforcement application period is the one that runs.
    restarts = limitation_interruptions(matter)
    for agreement in agreements:
        last = max((instalment.due_on for instalment in agreement.instalments.all()), default=None)
        if last:
            restarts.append(last)
    limitation = limitation_deadline(due_date=matter.due_date, interruptions=restarts, calendar=calendar)
    note = limitation.note
    if settled and not limitation.suspended:
        note += "已有生效判决或调解，此后适用申请执行期间。"
    # Proceedings brought after expiry interrupt nothing, yet nothing is left to do about the period either.
    pending = any(isinstance(item, Proceeding) and item.ended_on is None for item in restarts)
    add("limitation", limitation.deadline, source=f"matter:{matter.pk}",
        basis=DEADLINE_KINDS["limitation"].source, done=limitation.suspended or settled or pending,
        holiday_data=limitation.holiday_data, note=note)

    if matter.cause == "construction":
        add_rule("construction_priority", "construction_priority", matter.due_date, source=f"matter:{matter.pk}",
                 done=filed)

    # Appeals, from service of a judgment or ruling (a mediation document cannot be appealed).
    for suit in lawsuits:
        if suit.served_on and suit.decision in (Lawsuit.Decision.JUDGMENT, Lawsuit.Decision.RULING):
            rule = "appeal_judgment" if suit.decision == Lawsuit.Decision.JUDGMENT else "appeal_ruling"
            appealed = any(other.pk > suit.pk and other.instance != Lawsuit.Instance.FIRST for other in lawsuits)
            result = deadline_for(rule, suit.served_on, calendar)
            add("appeal", result.deadline, source=f"lawsuit:{suit.pk}", basis=DEADLINE_KINDS[rule].source,
                done=appealed or today > result.deadline, holiday_data=result.holiday_data, note=result.note,
                label=with_aside(str(KIND_LABELS["appeal"]), suit.case_number or suit.court))

    # Suit within 30 days of a pre-suit preservation.
    for preservation in matter.preservations.all():
        start = preservation.ruling_on or preservation.applied_on
        if preservation.pre_suit and start:
            add_rule("suit_after_preservation", "suit_after_preservation", start,
                     source=f"preservation:{preservation.pk}",
                     done=any(suit.filed_on and suit.filed_on >= start for suit in lawsuits))

    # Enforcement application: 2 years from the last day of performance of the latest effective decision.
    decided = [suit for suit in lawsuits if suit.performance_due_on]
    if decided:
        suit = decided[-1]
        applied = any(enforcement.applied_on for enforcement in matter.enforcements.all())
        add_rule("enforcement_application", "enforcement_application", suit.performance_due_on,
                 source=f"lawsuit:{suit.pk}", done=applied)

    # Freeze renewals: the working day to apply by, 7 days before the period (1/2/3 years by kind, or as the
    # notice states) ends, from the freeze or the last renewal.
    for asset in matter.frozen_assets.all():
        expiry = frozen_asset_expiry(asset, calendar)
        add("freeze_renewal", expiry.deadline, source=f"frozen_asset:{asset.pk}",
            basis=f"{DEADLINE_KINDS[expiry.kind].source}；法释〔2016〕22号第十八条",
            done=asset.released_on is not None, holiday_data=expiry.holiday_data, note=expiry.note,
            label=f"{KIND_LABELS['freeze_renewal']}（{asset.get_kind_display()}：{asset.description}，"
                  f"{expiry.expires_on.isoformat()}届满）")

    # Instalments of repayment agreements (missed = flagged from the day after the due date). Once suit is
    # filed after an instalment fell due, the agreement is being enforced in court: nothing left to chase.
    for agreement in agreements:
        for status in instalment_statuses(agreement, payments, today):
            sued = any(suit.filed_on and suit.filed_on > status.due_on for suit in lawsuits)
            add("instalment", status.due_on, source=f"repayment_agreement:{agreement.pk}",
                basis="还款协议", done=status.status in ("paid", "paid_late") or sued,
                label=f"{KIND_LABELS['instalment']}（第{status.number}期 {money_text(status.amount)}元）",
                note=INSTALMENT_STATUS_LABELS[status.status])

    for hearing in matter.hearings.all():
        add("hearing", hearing.held_on, source=f"hearing:{hearing.pk}", basis="传票",
            done=today > hearing.held_on, note=hearing.place)

    # Promises to pay made in the work log.
    for entry in matter.worklog_entries.all():
        if entry.promised_on:
            paid = sum((p.amount for p in payments if entry.occurred_on <= p.received_on <= entry.promised_on), ZERO)
            kept = paid > 0 and (entry.promised_amount is None or paid >= entry.promised_amount)
            amount = f" {money_text(entry.promised_amount)}元" if entry.promised_amount else ""
            add("promise_to_pay", entry.promised_on, source=f"worklog:{entry.pk}", basis="催收记录",
                done=kept, label=f"{KIND_LABELS['promise_to_pay']}{amount}")

    out.sort(key=lambda item: (item.due_date, item.kind))
    return out
