"""After a judgment: when it takes effect, its last day for performance, and the doubled interest for late
performance (迟延履行期间的加倍部分债务利息).

When a decision takes effect (民事诉讼法第一百五十八条、第一百七十一条):
- a first-instance judgment or ruling that is not appealed takes effect when its appeal period has run out:
  15 days from service for a judgment, 10 days for a ruling, counted as every period is counted
  (rules/deadlines.py: the day of service not counted, a last day on a holiday rolled to the next working day).
  The product takes the last day of the appeal period as the day it takes effect;
- a mediation document (调解书) takes effect on service (民事诉讼法第一百条), and so does a final
  (second-instance) decision, which cannot be appealed.

The performance period is the one the judgment states ("本判决生效之日起十日内"): N days from the day it takes
effect, counted the same way; 0 days means at once, on the day it takes effect. A date entered by hand (read
from the judgment or from the court's certificate of effect) wins over the computed one.

Doubled interest (法释〔2014〕8号):
- base: the money debt the judgment awards that is still unpaid, other than ordinary interest — the principal,
  the interest awarded up to the judgment and the fees the debtor bears (第一条); interest the judgment lets run
  on after it (至实际清偿之日) is ordinary interest and stays out of the base;
- rate: 0.0175% a day (日万分之一点七五), no compounding;
- days: from the end of the performance period (第二条) to performance (第三条). The last day of the period is
  not counted (民法典第二百零一条) and the day of payment is: a debt paid on day P was late P − deadline days,
  so a payment on P lowers the base from P + 1, and the as-of day itself accrues;
- payments: the awarded money debt first — inside it costs, then interest, then principal (民法典第五百六十一条)
  — and the doubled interest last (第四条).

Amounts: each segment rounded to the fen half up; totals are the sums of the printed segments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from rules.deadlines import HolidayCalendar, add_period
from rules.errors import RuleInputError, require_date, require_money, to_cents
from rules.interest import LATE_PERFORMANCE_DAILY_RATE, Payment, PaymentApplication, apply_payment
from rules.rates import FixedRate, LprRate, LprTable, rate_plan

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
ONE_DAY = timedelta(days=1)
APPEAL_DAYS = {"judgment": 15, "ruling": 10}
# Decisions that are performed and enforced; a withdrawn suit (撤诉) decides nothing.
DECISIONS_WITH_EFFECT = ("judgment", "ruling", "mediation", "award")
MAX_PERFORMANCE_DAYS = 3660

LATE = "late_performance"
CONTINUING = "interest"


@dataclass(frozen=True)
class JudgmentDates:
    """When a decision takes effect and its last day for performance (None: not known yet).

    ``*_entered`` is True when the date is the one entered by hand rather than computed; ``holiday_data`` is
    False when a computed date fell in a year without holiday data (weekends only were used).
    """

    effective_on: date | None
    performance_due_on: date | None
    effective_entered: bool
    performance_entered: bool
    holiday_data: bool
    notes: tuple[str, ...]

    @property
    def late_from(self) -> date | None:
        """The first day of doubled interest: the day after the last day for performance."""
        return self.performance_due_on + ONE_DAY if self.performance_due_on else None


def judgment_dates(
    *,
    decision: str,
    served_on: date | None,
    performance_days: int | None,
    calendar: HolidayCalendar,
    final: bool = False,
    effective_on: date | None = None,
    performance_due_on: date | None = None,
    decided_on: date | None = None,
) -> JudgmentDates:
    """The day ``decision`` (judgment, ruling, mediation) takes effect and its last day for performance.

    ``final``: the decision cannot be appealed (second instance), so it takes effect on service. An arbitral
    award takes effect on the day it is made (仲裁法 第五十七条), ``decided_on``.
    ``effective_on`` and ``performance_due_on`` are dates entered by hand; each wins over the computed one.
    """
    if performance_days is not None and (isinstance(performance_days, bool) or not isinstance(performance_days, int)
                                         or not 0 <= performance_days <= MAX_PERFORMANCE_DAYS):
        raise RuleInputError("bad_period", f"履行期限天数必须是0至{MAX_PERFORMANCE_DAYS}的整数，收到：{performance_days!r}")
    for value, label in ((served_on, "送达日期"), (effective_on, "生效日期"), (performance_due_on, "履行期限最后一日")):
        if value is not None:
            require_date(value, label)
    if decision not in DECISIONS_WITH_EFFECT:
        return JudgmentDates(None, None, False, False, True, ("撤诉或尚未结案，没有可供履行或执行的法律文书。",))

    notes: list[str] = []
    holiday_data = True
    effective = effective_on
    if effective is not None:
        notes.append(f"生效日期{effective.isoformat()}（按填写）。")
    elif decision == "award":
        if decided_on is not None:
            effective = require_date(decided_on, "裁决日期")
            notes.append(f"裁决书自作出之日起发生法律效力（《仲裁法》第五十七条），生效日期为{effective.isoformat()}。")
    elif served_on is not None:
        if decision == "mediation" or final:
            effective = served_on
            reason = "调解书经双方签收即发生法律效力" if decision == "mediation" else "终审裁判送达即发生法律效力"
            notes.append(f"{reason}，生效日期为送达日{served_on.isoformat()}。")
        else:
            appeal = add_period(served_on, days=APPEAL_DAYS[decision], calendar=calendar)
            effective, holiday_data = appeal.deadline, appeal.holiday_data
            notes.append(f"未上诉的，上诉期满即发生法律效力：{appeal.note}")

    due = performance_due_on
    if due is not None:
        notes.append(f"履行期限最后一日{due.isoformat()}（按填写）。")
    elif effective is not None and performance_days is not None:
        if performance_days == 0:
            due = effective
            notes.append(f"应于生效之日履行，履行期限最后一日为{effective.isoformat()}。")
        else:
            period = add_period(effective, days=performance_days, calendar=calendar)
            due, holiday_data = period.deadline, holiday_data and period.holiday_data
            notes.append(f"履行期限为生效之日起{performance_days}日：{period.note}")
    return JudgmentDates(effective, due, effective_on is not None, performance_due_on is not None, holiday_data,
                         tuple(notes))


@dataclass(frozen=True)
class JudgmentSegment:
    """Days ``start``–``end`` (both counted) on one base. ``kind`` is "late_performance" (doubled interest at
    ``daily_rate`` percent a day) or "interest" (ordinary interest the judgment lets run on, at
    ``annual_rate`` percent a year)."""

    start: date
    end: date
    days: int
    base: Decimal
    amount: Decimal
    kind: str
    daily_rate: Decimal | None = None
    annual_rate: Decimal | None = None


@dataclass(frozen=True)
class LatePerformanceResult:
    """The awarded debt on ``as_of`` after the payments, and the doubled interest on it."""

    performance_due_on: date
    as_of: date
    principal_outstanding: Decimal
    interest_outstanding: Decimal  # awarded interest and interest accrued since, still unpaid
    costs_outstanding: Decimal
    continuing_interest: Decimal  # ordinary interest accrued after the judgment (when it awards it)
    late_interest: Decimal  # doubled interest accrued up to as_of
    late_interest_outstanding: Decimal
    total_outstanding: Decimal
    overpaid: Decimal
    segments: tuple[JudgmentSegment, ...]
    payments_applied: tuple[PaymentApplication, ...]
    notes: tuple[str, ...]

    @property
    def late_from(self) -> date:
        return self.performance_due_on + ONE_DAY


@dataclass
class _Open:
    start: date
    base: Decimal
    annual_rate: Decimal | None = None


def late_performance_interest(
    *,
    principal: Decimal,
    performance_due_on: date,
    as_of: date,
    interest: Decimal = ZERO,
    costs: Decimal = ZERO,
    payments: Iterable[Payment] = (),
    continuing_rate: FixedRate | LprRate | None = None,
    continuing_from: date | None = None,
    lpr_table: LprTable | None = None,
    day_basis: int = 365,
) -> LatePerformanceResult:
    """The awarded debt (``principal``, ``interest`` awarded up to the judgment, ``costs`` the debtor bears)
    and the doubled interest on it from the day after ``performance_due_on`` up to and including ``as_of``.

    ``payments`` are those made after the judgment (up to ``as_of``; later ones are ignored). With
    ``continuing_rate`` the judgment also awards ordinary interest on the unpaid principal from
    ``continuing_from`` (counted the same way) until payment; it is paid with the interest, before principal.
    """
    principal = require_money(principal, "判决本金")
    interest = require_money(interest, "判决利息")
    costs = require_money(costs, "被告负担的费用")
    performance_due_on = require_date(performance_due_on, "履行期限最后一日")
    as_of = require_date(as_of, "计算截止日")
    if day_basis not in (360, 365) or isinstance(day_basis, bool):
        raise RuleInputError("bad_day_basis", f"年计息天数只能是360或365，收到：{day_basis!r}")
    late_from = performance_due_on + ONE_DAY
    if continuing_rate is not None:
        if not isinstance(continuing_rate, FixedRate | LprRate):
            raise RuleInputError("bad_rate", f"利率必须是FixedRate或LprRate，收到：{continuing_rate!r}")
        continuing_from = require_date(continuing_from, "判决后利息起算日")

    ordered: list[Payment] = []
    for payment in payments:
        if not isinstance(payment, Payment):
            raise RuleInputError("bad_payment", f"还款记录格式错误：{payment!r}")
        require_date(payment.date, "还款日")
        amount = require_money(payment.amount, "还款金额")
        if amount <= 0:
            raise RuleInputError("non_positive_payment", f"还款金额必须大于0，收到：{amount}")
        if payment.date <= as_of:
            ordered.append(Payment(payment.date, amount))
    ordered.sort(key=lambda item: item.date)

    starts = [late_from] + ([continuing_from] if continuing_rate is not None else [])
    first_day = min(starts)
    plan = None
    if continuing_rate is not None and continuing_from <= as_of:
        plan = rate_plan(continuing_rate, lpr_table, first_day=continuing_from, last_day=as_of)

    # A payment on day P takes effect from P + 1; one before the first counted day takes effect at once.
    def effect_day(payment: Payment) -> date:
        return max(payment.date + ONE_DAY, first_day)

    payment_days = {effect_day(payment) for payment in ordered}
    rate_days = set(plan.change_dates) if plan else set()
    end_marker = as_of + ONE_DAY
    boundaries = sorted({first_day, end_marker} | {day for day in payment_days | rate_days | set(starts)
                                                   if first_day < day <= as_of})

    principal_due, interest_due, costs_due, late_due = principal, interest, costs, ZERO
    continuing_total = late_total = overpaid = ZERO
    segments: list[JudgmentSegment] = []
    applications: list[PaymentApplication] = []
    open_late: _Open | None = None
    open_continuing: _Open | None = None
    index = 0

    def close(segment: _Open, kind: str, boundary: date) -> Decimal:
        days = (boundary - segment.start).days
        if kind == LATE:
            amount = to_cents(segment.base * LATE_PERFORMANCE_DAILY_RATE * days / HUNDRED)
        else:
            amount = to_cents(segment.base * segment.annual_rate * days / (HUNDRED * day_basis))
        segments.append(JudgmentSegment(segment.start, boundary - ONE_DAY, days, segment.base, amount, kind,
                                        LATE_PERFORMANCE_DAILY_RATE if kind == LATE else None,
                                        segment.annual_rate))
        return amount

    for boundary in boundaries:
        last = boundary == end_marker
        paying = last or boundary in payment_days
        if open_late is not None and paying:
            amount = close(open_late, LATE, boundary)
            late_due, late_total, open_late = late_due + amount, late_total + amount, None
        if open_continuing is not None and (paying or boundary in rate_days):
            amount = close(open_continuing, CONTINUING, boundary)
            interest_due, continuing_total = interest_due + amount, continuing_total + amount
            open_continuing = None
        while index < len(ordered) and (last or effect_day(ordered[index]) <= boundary):
            payment = ordered[index]
            index += 1
            applied = apply_payment(payment, costs=costs_due, interest=interest_due, principal=principal_due,
                                    late=late_due)
            costs_due, interest_due = costs_due - applied.to_costs, interest_due - applied.to_interest
            principal_due, late_due = principal_due - applied.to_principal, late_due - applied.to_late_performance
            overpaid += applied.unapplied
            applications.append(applied)
        if last:
            break
        # Interest accrued after the judgment is ordinary interest and stays out of the base (第一条). Payments
        # pay the older, awarded interest first, so what is unpaid of the interest is the newest part.
        base = principal_due + costs_due + max(interest_due - continuing_total, ZERO)
        if open_late is None and boundary >= late_from and base > 0:
            open_late = _Open(boundary, base)
        if (plan is not None and open_continuing is None and boundary >= continuing_from and principal_due > 0):
            open_continuing = _Open(boundary, principal_due, plan.annual_rate_on(boundary))

    notes = [f"迟延履行期间的加倍部分债务利息：以生效法律文书确定的尚未清偿的金钱债务（本金、判决确定的利息、"
             f"被执行人负担的诉讼费用，不含一般债务利息）为基数，自{late_from.isoformat()}起至实际履行之日止，"
             "按日万分之一点七五计算（法释〔2014〕8号第一条、第二条）；各段四舍五入到分。"]
    if ordered:
        notes.append("还款先抵充生效法律文书确定的金钱债务（依次为费用、利息、本金，《民法典》第五百六十一条），"
                     "再抵充加倍部分债务利息（法释〔2014〕8号第四条）。")
    if plan is not None:
        notes.extend(plan.notes)
    if as_of < late_from:
        notes.append("履行期限尚未届满，不计加倍部分债务利息。")
    return LatePerformanceResult(
        performance_due_on=performance_due_on, as_of=as_of, principal_outstanding=principal_due,
        interest_outstanding=interest_due, costs_outstanding=costs_due, continuing_interest=continuing_total,
        late_interest=late_total, late_interest_outstanding=late_due,
        total_outstanding=principal_due + interest_due + costs_due + late_due, overpaid=overpaid,
        segments=tuple(sorted(segments, key=lambda s: (s.start, s.kind == LATE))),
        payments_applied=tuple(applications), notes=tuple(notes),
    )

