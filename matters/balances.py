"""A matter's balance: what it claims and still owes as of a day, with the interest, the judgment and the
bankruptcy that decide it; and the figures of a list row. The counting is the rules library's (interest,
judgments, bankruptcy); this module reads the records for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from calculators.selectors import holiday_calendar, lpr_table
from matters.judgments import matter_judgment
from matters.models import InterestType, Matter, Payment
from rules.bankruptcy import interest_end, interest_stop_note
from rules.errors import RuleInputError
from rules.interest import Payment as RulePayment
from rules.interest import PaymentApplication, Segment, apply_payment, calculate_interest
from rules.judgments import late_performance_interest
from rules.rates import FixedRate, LprRate, private_lending_cap, sale_late_payment_rate

ZERO = Decimal("0.00")
ONE_DAY = timedelta(days=1)
PAYMENTS_IN_ORDER = Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id"))
# What matter_balance reads: the payments, and the lawsuits (after a judgment the balance follows it).
BALANCE_PREFETCH = (PAYMENTS_IN_ORDER, "lawsuits", "bankruptcy_claims")


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
    # Once the judgment's performance period has passed: the balance follows the judgment's figures, and the
    # doubled interest for late performance (法释〔2014〕8号) is a line of its own.
    follows_judgment: bool = False
    late_interest: Decimal = ZERO
    late_interest_outstanding: Decimal = ZERO
    late_from: date | None = None
    late_segments: tuple = field(default=(), repr=False)
    # "按2025年5月20日公布的LPR 3.0%暂计" when the interest runs on an LPR past the table's last publication
    # (rules.rates.LprTable.stale_from): the matter page and every filing print it next to the interest.
    lpr_note: str = ""


def interest_rate_of(matter):
    if matter.interest_type == InterestType.FIXED:
        return FixedRate(matter.interest_rate)
    if matter.interest_type == InterestType.LPR:
        return LprRate(multiplier=matter.lpr_multiplier, fixed_on=matter.lpr_fixed_on)
    if matter.interest_type == InterestType.SALE_LPR_MARKUP:
        # The breach is the first day of delay, the day interest starts.
        return sale_late_payment_rate(matter.lpr_markup, breach_date_of(matter))
    return FixedRate(Decimal("0"))


def interest_start_of(matter) -> date:
    """Interest runs from ``interest_from``, or else from the day after the due date."""
    return matter.interest_from or matter.due_date + ONE_DAY


def _judgment_balance(matter, judgment, *, as_of: date, lpr) -> Balance | None:
    """The balance after the judgment's performance period: what it awards, less the payments made after it,
    with the doubled interest (None when the judgment's figures or its deadline are not known, or the
    deadline has not passed on ``as_of``).

    Payments up to the day of the judgment are taken as reflected in its figures. Ordinary interest goes on
    only when the judgment awards it to the day of payment (``interest_continues``): on the unpaid principal
    at the matter's agreed rate, from the day after the day the awarded interest runs to.
    """
    suit, due = judgment.suit, judgment.dates.performance_due_on
    if not suit.has_awarded_figures or due is None or as_of <= due:
        return None
    since = suit.decided_on or suit.served_on or judgment.dates.effective_on or due
    all_payments = [p for p in matter.payments.all() if p.received_on <= as_of]
    later = [p for p in all_payments if p.received_on > since]
    continuing = {}
    if suit.interest_continues and suit.interest_awarded_to and matter.interest_type != InterestType.NONE:
        continuing = {"continuing_rate": interest_rate_of(matter), "continuing_from": suit.interest_awarded_to + ONE_DAY}
    try:
        computed = late_performance_interest(
            principal=suit.awarded_principal, interest=suit.awarded_interest or ZERO,
            costs=suit.awarded_costs or ZERO, performance_due_on=due, as_of=as_of,
            payments=[RulePayment(p.received_on, p.amount) for p in later],
            lpr_table=lpr if lpr is not None else lpr_table(), **continuing)
    except RuleInputError as error:
        return Balance(as_of=as_of, principal=matter.principal, costs=matter.costs, interest=ZERO,
                       claimed=matter.principal + matter.costs, recovered=sum((p.amount for p in all_payments), ZERO),
                       principal_outstanding=matter.principal, interest_outstanding=ZERO,
                       costs_outstanding=matter.costs, outstanding=matter.principal + matter.costs, overpaid=ZERO,
                       error=error.message)
    interest = (suit.awarded_interest or ZERO) + computed.continuing_interest
    costs = suit.awarded_costs or ZERO
    ordinary = tuple(s for s in computed.segments if s.kind != "late_performance")
    return Balance(
        as_of=as_of, principal=suit.awarded_principal, costs=costs, interest=interest,
        claimed=suit.awarded_principal + costs + interest + computed.late_interest,
        recovered=sum((p.amount for p in later), ZERO), principal_outstanding=computed.principal_outstanding,
        interest_outstanding=computed.interest_outstanding, costs_outstanding=computed.costs_outstanding,
        outstanding=computed.total_outstanding, overpaid=computed.overpaid, applications=computed.payments_applied,
        notes=(f"履行期限已于{due.isoformat()}届满：余额按生效法律文书（{suit}）确定的金额计算，"
               f"已扣除{since.isoformat()}之后的回款。", *judgment.dates.notes, *computed.notes),
        segments=tuple(Segment(start=s.start, end=s.end, days=s.days, annual_rate=s.annual_rate, principal=s.base,
                               amount=s.amount) for s in ordinary),
        follows_judgment=True, late_interest=computed.late_interest,
        late_interest_outstanding=computed.late_interest_outstanding, late_from=computed.late_from,
        late_segments=tuple(s for s in computed.segments if s.kind == "late_performance"),
    )


def breach_date_of(matter) -> date:
    """The day the breach occurred (违约行为发生时): the first day the debt is late, when interest starts."""
    return interest_start_of(matter)


def private_lending_warning(m, client, lpr=None) -> str:
    """For a private loan (the lender is no financial institution), the warning that the agreed rate goes
    beyond 4 × the LPR (民间借贷规定第二十五条); "" otherwise. The contract date is not recorded: the LPR of the
    date the LPR is fixed on, or else of the due date, stands in for it."""
    if m.cause != "loan" or getattr(client, "is_financial_institution", False):
        return ""
    on = m.lpr_fixed_on or m.due_date
    table = lpr if lpr is not None else lpr_table()
    try:
        if m.interest_type == "fixed":
            agreed = Decimal(m.interest_rate)
        elif m.interest_type == "lpr":
            agreed = table.rate_on(on) * Decimal(m.lpr_multiplier)
        else:
            return ""
        return private_lending_cap(agreed, on, table).warning
    except RuleInputError:
        return ""


def bankruptcy_accepted_on(matter) -> date | None:
    """The day a court accepted a bankruptcy application against the debtor, if the matter records one (the
    earliest, should there be several). Reads ``matter.bankruptcy_claims.all()`` (prefetched by the lists)."""
    claims = getattr(matter, "bankruptcy_claims", None)
    if claims is None or getattr(matter, "pk", None) is None:
        return None
    return min((claim.accepted_on for claim in claims.all()), default=None)


def _apply_after_interest(payments, *, costs: Decimal, interest: Decimal, principal: Decimal):
    """Payments received once no more interest accrues (after a bankruptcy was accepted): each goes to costs,
    then interest, then principal (民法典第五百六十一条), as before; what is left over is overpaid."""
    applications, overpaid = [], ZERO
    for payment in payments:
        applied = apply_payment(RulePayment(payment.received_on, payment.amount), costs=costs, interest=interest,
                                principal=principal)
        costs, interest = costs - applied.to_costs, interest - applied.to_interest
        principal, overpaid = principal - applied.to_principal, overpaid + applied.unapplied
        applications.append(applied)
    return applications, costs, interest, principal, overpaid


def matter_balance(matter, *, as_of: date | None = None, lpr=None, calendar=None) -> Balance:
    """The balance of one matter (reads ``matter.payments.all()``, ``matter.lawsuits.all()`` and
    ``matter.bankruptcy_claims.all()``, prefetched by the list selectors). After a judgment's performance period
    it follows the judgment (see _judgment_balance); once the debtor's bankruptcy application has been accepted,
    interest stops on that day (企业破产法第四十六条)."""
    as_of = as_of or timezone.localdate()
    lawsuits = getattr(matter, "lawsuits", None)
    judgment = matter_judgment(lawsuits.all(), calendar or holiday_calendar()) if lawsuits is not None else None
    if judgment is not None and (after := _judgment_balance(matter, judgment, as_of=as_of, lpr=lpr)) is not None:
        return after
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
               notes=(), error="", segments=(), lpr_note=""):
        outstanding = principal_out + interest_out + costs_out
        return Balance(
            as_of=as_of, principal=matter.principal, costs=matter.costs, interest=interest,
            claimed=matter.principal + matter.costs + interest, recovered=recovered,
            principal_outstanding=principal_out, interest_outstanding=interest_out, costs_outstanding=costs_out,
            outstanding=outstanding, overpaid=overpaid + extra_overpaid, applications=tuple(applications),
            notes=tuple(notes), error=error, segments=tuple(segments), lpr_note=lpr_note,
        )

    accepted_on = bankruptcy_accepted_on(matter)
    stop_notes = (interest_stop_note(accepted_on),) if accepted_on and accepted_on <= as_of else ()
    if as_of < start:
        return result(notes=("计息起算日尚未到来。", *stop_notes))
    # Interest runs up to the acceptance day, not counted; when the bankruptcy came before interest would have
    # started, none accrues at all.
    end = max(interest_end(as_of=as_of, accepted_on=accepted_on), start)
    after_stop = [payment for payment in later if payment.received_on > end]
    try:
        computed = calculate_interest(
            principal=principal, start=start, end=end, rate=interest_rate_of(matter),
            lpr_table=lpr if lpr is not None else lpr_table(),
            payments=[RulePayment(p.received_on, p.amount) for p in later if p.received_on <= end], costs=costs,
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
    later_applications, costs_out, interest_out, principal_out, overpaid_later = _apply_after_interest(
        after_stop, costs=computed.costs_outstanding, interest=computed.interest_outstanding,
        principal=computed.principal_outstanding)
    applications.extend(later_applications)
    return result(interest=computed.interest, principal_out=principal_out, interest_out=interest_out,
                  costs_out=costs_out, extra_overpaid=computed.overpaid + overpaid_later,
                  notes=(*computed.notes, *stop_notes), segments=computed.segments,
                  lpr_note=computed.lpr_note)


def matter_balances(matters, *, as_of: date | None = None) -> dict[int, Balance]:
    """Balances of matters loaded with their payments and lawsuits (BALANCE_PREFETCH)."""
    table, calendar = lpr_table(), holiday_calendar()
    return {matter.pk: matter_balance(matter, as_of=as_of, lpr=table, calendar=calendar) for matter in matters}


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
        table, calendar = lpr_table(), holiday_calendar()
        # Read again whole (the rows may hold only the columns a table shows), with their payments.
        for matter in Matter.objects.filter(pk__in=stale).prefetch_related(*BALANCE_PREFETCH):
            balance = matter_balance(matter, as_of=today, lpr=table, calendar=calendar)
            figures[matter.pk] = BalanceFigures(as_of=today, claimed=balance.claimed, recovered=balance.recovered,
                                                outstanding=balance.outstanding, error=balance.error)
    return figures
