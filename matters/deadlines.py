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
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext

from core.formatting import money_text, with_aside
from matters.judgments import matter_judgment
from matters.models import Forum, FrozenAsset, Guarantee, Lawsuit, PayerKind, PaymentOrder, WorkLogEntry
from rules import guarantees as guarantee_rules
from rules.bankruptcy import DECLARATION_BASIS, LATE_DECLARATION_NOTE
from rules.deadlines import (
    DEADLINE_KINDS,
    HolidayCalendar,
    Proceeding,
    deadline_for,
    limitation_deadline,
)
from rules.errors import RuleInputError
from rules.freezes import freeze_expiry

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
    "payment_order_objection": "支付令异议期届满",
    "bankruptcy_declaration": "破产债权申报期限届满",
    "guarantee_period": "保证期间届满",
    "guarantee_limitation": "保证债务诉讼时效届满",
}
# A guarantee period cannot be extended or interrupted: lists warn of its end this many days ahead, whatever
# horizon they show otherwise.
GUARANTEE_WARNING_DAYS = 30
# Deadlines that are over once their day has passed (the hearing was held, the judgment took effect): never
# overdue.
LAPSING_KINDS = frozenset({"appeal", "hearing", "payment_order_objection"})
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
    "bankruptcy_claims",
    "payments",
    "payment_orders",
    Prefetch("guarantees", queryset=Guarantee.objects.select_related("debtor", "contract").order_by("id")),
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
    # The day lists start showing it, when that is earlier than their usual horizon (None: their horizon).
    warn_from: date | None = None

    @property
    def holiday_warning(self) -> str:
        """What every list of deadlines prints next to one counted without holiday data, else ""."""
        if self.holiday_data:
            return ""
        return gettext("（%(year)d年节假日安排尚未公布，仅按周末推算）") % {"year": self.due_date.year}


@dataclass(frozen=True)
class GuaranteeState:
    """What the records say of one guarantee: its period, the claim that kept it alive, and what follows."""

    guarantee: object
    period: guarantee_rules.GuaranteePeriod
    kept_alive_on: date | None
    released: bool
    limitation_start: date | None

    @property
    def status(self) -> str:
        if self.kept_alive_on:
            act = "已向保证人主张" if self.guarantee.kind == "joint" else "已对债务人起诉或申请仲裁"
            return f"{act}（{self.kept_alive_on.isoformat()}，在保证期间内）"
        if self.released:
            return f"保证期间已于{self.period.end.isoformat()}届满且未主张，保证人不再承担保证责任"
        return f"保证期间进行中，{self.period.end.isoformat()}届满"


def _guarantee_acts(matter, guarantee) -> list[date]:
    """The days that count as the creditor's claim under ``guarantee`` (民法典第六百九十三条): for a joint one
    the demands delivered to the guarantor, for a general one the suits against the debtor; and the day typed on
    the guarantee itself."""
    acts = [guarantee.demanded_on] if guarantee.demanded_on else []
    if guarantee.kind == "joint":
        acts += [letter.delivered_on for letter in matter.demand_letters.all()
                 if letter.delivered_on and letter.recipient_id == guarantee.debtor_id]
    else:
        acts += [suit.filed_on for suit in matter.lawsuits.all() if suit.filed_on]
    return sorted(acts)


def guarantee_states(matter, *, calendar: HolidayCalendar, today: date) -> list[GuaranteeState]:
    """Each guarantee of the matter with its period and whether it was kept alive. Reads the relations of
    DEADLINE_PREFETCH only."""
    states = []
    for guarantee in matter.guarantees.all():
        period = guarantee_rules.guarantee_period_end(main_due_date=matter.due_date,
                                                      agreed_end=guarantee.period_ends_on, calendar=calendar)
        kept = guarantee_rules.kept_alive_on(main_due_date=matter.due_date, period_end=period.end,
                                             acts=_guarantee_acts(matter, guarantee))
        states.append(GuaranteeState(
            guarantee=guarantee, period=period, kept_alive_on=kept,
            released=guarantee_rules.is_released(kept_alive=kept, period_end=period.end, today=today),
            limitation_start=guarantee_rules.guarantee_limitation_start(kind=guarantee.kind, kept_alive=kept)))
    return states


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
SETTLING_DECISIONS = frozenset({Lawsuit.Decision.JUDGMENT, Lawsuit.Decision.MEDIATION, Lawsuit.Decision.AWARD})


def lawsuit_end(suit) -> date | None:
    """The day a suit's proceedings ended, for limitation: its decision date once decided (a withdrawal ends
    it on that day). While no decision is recorded the suit is pending."""
    if suit.decision and suit.decided_on:
        return suit.decided_on
    return None


def limitation_interruptions(matter) -> list[date | Proceeding]:
    """What interrupts limitation (民法典第一百九十五条; 诉讼时效规定第八、十一、十四条).

    Days: a demand letter delivered to the debtor (one to a guarantor claims under the guarantee); a work-log entry marked as interrupting (demand delivered, written
    acknowledgement, security offered, more time asked for) or recording a promise to pay; a repayment
    agreement signed; a payment received from the debtor side (partial performance; a guarantor's payment is
    the guarantor's own performance and a reversed payment never happened); a preservation applied for; a
    payment order applied for; a claim declared in the debtor's bankruptcy (诉讼时效规定第十一条).
    Proceedings, which restart the period when they end: lawsuits (filed → decided) and enforcement
    (applied → ended)."""
    items: list[date | Proceeding] = [
        letter.delivered_on for letter in matter.demand_letters.all()
        if letter.delivered_on and letter.recipient_id in (None, matter.debtor_id)]
    items += [entry.occurred_on for entry in matter.worklog_entries.all()
              if entry.interrupts_limitation or entry.promised_on]
    items += [agreement.signed_on for agreement in matter.repayment_agreements.all()]
    items += [payment.received_on for payment in matter.payments.all() if payment.payer_kind != PayerKind.GUARANTOR]
    items += [preservation.applied_on or preservation.ruling_on for preservation in matter.preservations.all()
              if preservation.applied_on or preservation.ruling_on]
    items += [order.applied_on for order in matter.payment_orders.all() if order.applied_on]
    items += [claim.declared_on for claim in matter.bankruptcy_claims.all() if claim.declared_on]
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
    """The current period of a frozen asset (the renewal's once renewed), as rules.freezes.freeze_expiry
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

    def add(kind, due: date, *, source: str, basis: str, done: bool, holiday_data=True, note="", label=None,
            warn_from=None):
        done = done or closed
        out.append(Deadline(
            kind=kind, label=label or KIND_LABELS[kind], due_date=due, matter_id=matter.pk,
            matter_reference=matter.reference, debtor_name=matter.debtor.name,
            lawyer_id=lawyer.pk if lawyer else None, lawyer_name=lawyer.name if lawyer else "",
            source=source, legal_basis=basis, holiday_data=holiday_data, done=done,
            overdue=not done and due < today, note=note, warn_from=warn_from,
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
    # An arbitral award is final when made (仲裁法 第九条、第五十七条): no appeal period for anything arbitrated.
    for suit in lawsuits:
        if suit.forum == Forum.ARBITRATION:
            continue
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

    # Enforcement application: 2 years from the last day of performance of the latest effective decision
    # (entered, or computed from service, the appeal period and the performance term); a withdrawn suit is none.
    judgment = matter_judgment(lawsuits, calendar)
    if judgment is not None and judgment.dates.performance_due_on:
        applied = any(enforcement.applied_on for enforcement in matter.enforcements.all())
        result = deadline_for("enforcement_application", judgment.dates.performance_due_on, calendar)
        note = result.note if judgment.dates.performance_entered else "；".join(
            (*judgment.dates.notes, result.note))
        add("enforcement_application", result.deadline, source=f"lawsuit:{judgment.suit.pk}",
            basis=DEADLINE_KINDS["enforcement_application"].source, done=applied,
            holiday_data=result.holiday_data and judgment.dates.holiday_data, note=note)

    # Payment orders: the debtor pays or objects within 15 days of service (民诉法 第二百二十七条); with no
    # objection by then the order is effective and enforceable, and the 2-year enforcement application period
    # runs from the last of those 15 days, the order's own performance period (第二百五十条).
    applied_for_enforcement = any(enforcement.applied_on for enforcement in matter.enforcements.all())
    for order in matter.payment_orders.all():
        if not order.served_on:
            continue
        objection = deadline_for("payment_order_objection", order.served_on, calendar)
        settled = order.outcome != PaymentOrder.Outcome.PENDING
        add("payment_order_objection", objection.deadline, source=f"payment_order:{order.pk}",
            basis=DEADLINE_KINDS["payment_order_objection"].source, done=settled or today > objection.deadline,
            holiday_data=objection.holiday_data, note=objection.note,
            label=with_aside(str(KIND_LABELS["payment_order_objection"]), order.case_number or order.court))
        effective = (order.outcome == PaymentOrder.Outcome.EFFECTIVE
                     or (order.outcome == PaymentOrder.Outcome.PENDING and today > objection.deadline))
        if effective:
            add_rule("enforcement_application", "enforcement_application", objection.deadline,
                     source=f"payment_order:{order.pk}", done=applied_for_enforcement,
                     label=with_aside(str(KIND_LABELS["enforcement_application"]), "支付令"))

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

    # The declaration period the bankruptcy court set (企业破产法第四十五条); a late claim can still be declared
    # before the final distribution, so an overdue one stays open until it is declared.
    for claim in matter.bankruptcy_claims.all():
        if claim.declaration_deadline:
            add("bankruptcy_declaration", claim.declaration_deadline, source=f"bankruptcy_claim:{claim.pk}",
                basis=f"{DECLARATION_BASIS}；{claim.court}受理破产申请的公告", done=claim.declared_on is not None,
                label=with_aside(KIND_LABELS["bankruptcy_declaration"], claim.administrator_name or claim.court),
                note=LATE_DECLARATION_NOTE)

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

    # Guarantee periods (done once the creditor claimed within them; overdue = the guarantor is released), and
    # after a claim on a joint guarantor the guarantee's own limitation, which a suit (naming every guarantor,
    # as the complaint does) ends.
    for state in guarantee_states(matter, calendar=calendar, today=today):
        guarantee = state.guarantee
        name = guarantee.debtor.name
        add("guarantee_period", state.period.end, source=f"guarantee:{guarantee.pk}",
            basis=guarantee_rules.PERIOD_BASIS, done=state.kept_alive_on is not None,
            holiday_data=state.period.holiday_data,
            note=f"{guarantee.get_kind_display()}；{state.status}。{state.period.note}",
            label=f"{KIND_LABELS['guarantee_period']}（{name}）",
            warn_from=state.period.end - timedelta(days=GUARANTEE_WARNING_DAYS))
        if guarantee.kind == "joint" and state.limitation_start:
            later = [letter.delivered_on for letter in matter.demand_letters.all()
                     if letter.delivered_on and letter.recipient_id == guarantee.debtor_id
                     and letter.delivered_on > state.limitation_start]
            result = guarantee_rules.guarantee_limitation_deadline(start=state.limitation_start, interruptions=later,
                                                                   calendar=calendar)
            add("guarantee_limitation", result.deadline, source=f"guarantee:{guarantee.pk}",
                basis=guarantee_rules.LIMITATION_BASIS, holiday_data=result.holiday_data, note=result.note,
                done=any(suit.filed_on and suit.filed_on >= state.limitation_start for suit in lawsuits),
                label=f"{KIND_LABELS['guarantee_limitation']}（{name}）")

    out.sort(key=lambda item: (item.due_date, item.kind))
    return out
