"""Interest on a money debt: agreed rate or LPR, per-period LPR, late-performance interest, part payments.

Sources:
- 1-year LPR (贷款市场报价利率) as the reference rate since 2019-08-20 (中国人民银行公告〔2019〕第15号).
- 买卖合同 without an agreed penalty: LPR at the time of breach plus 30–50%
  (《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条).
- 民间借贷: interest above 4× the 1-year LPR at the time the contract was made is not supported
  (《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条、第二十九条).
- "同期LPR" in a judgment: the period is split at every LPR change and each segment uses the rate then in force.
- Late performance (迟延履行期间的债务利息): doubled interest at 0.0175% per day on the money debt still unpaid,
  in addition to the ordinary interest (法释〔2014〕8号 第一条); when enforcement money does not cover
  everything, the money debt is paid before the doubled interest (同解释第四条).
- Part payments: costs first, then interest, then principal (《民法典》第五百六十一条); interest after a
  payment runs on the reduced principal.

Day counting (a setting, printed with the result). The whole period ``start``–``end`` is turned into a set of
counted days once: the first counted day is ``start`` (``count_start_day=True``) or the day after, the last is
``end`` (``count_end_day=True``) or the day before. Every counted day accrues ``principal × annual_rate /
day_basis`` on the principal outstanding that day at the rate in force that day. Segments are runs of counted
days with one rate and one principal, so internal splits can neither drop nor double-count a day.
``Segment.start`` and ``Segment.end`` are the first and last counted day of the segment, both inclusive
(``days = end - start + 1``), whatever the convention.

- An LPR change on day D applies from D itself (the LPR is "in force from" its date).
- A payment on day P reduces the principal from P on when the end day is not counted (the default
  算头不算尾, where a hand calculation would run start→P and then P→end), and from P + 1 when it is counted
  (a hand calculation would run start→P inclusive and then P + 1→end). Interest accrued before the payment
  takes effect is what the payment can pay off.
- With the default 算头不算尾 convention interest is additive over adjacent periods: the counted days of
  a→b and b→c are exactly those of a→c, so the totals differ only by per-segment rounding.

Amounts: each segment is rounded to the fen (ROUND_HALF_UP) and the totals are sums of the printed segments.
Rates are percent per year (``Decimal("6")`` is 6%).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from rules.errors import (
    RuleInputError,
    require_date,
    require_money,
    to_cents,
)
from rules.rates import FixedRate, LprRate, LprTable, rate_plan

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
ONE_DAY = timedelta(days=1)
# 法释〔2014〕8号: 日万分之一点七五, written here in percent per day.
LATE_PERFORMANCE_DAILY_RATE = Decimal("0.0175")
DAY_BASES = (360, 365)

INTEREST = "interest"
LATE_PERFORMANCE = "late_performance"


@dataclass(frozen=True)
class Payment:
    """A payment by the debtor on ``date``."""

    date: date
    amount: Decimal


@dataclass(frozen=True)
class PaymentApplication:
    """How one payment was applied: costs, then ordinary interest, then principal (民法典第561条), then the
    doubled late-performance interest (法释〔2014〕8号第四条); ``unapplied`` is any overpayment."""

    date: date
    amount: Decimal
    to_costs: Decimal
    to_interest: Decimal
    to_principal: Decimal
    to_late_performance: Decimal = ZERO
    unapplied: Decimal = ZERO


def apply_payment(
    payment: Payment, *, costs: Decimal, interest: Decimal, principal: Decimal, late: Decimal = ZERO
) -> PaymentApplication:
    """How ``payment`` pays what is owed: costs, then ordinary interest, then principal (民法典第五百六十一条),
    then the doubled late-performance interest (法释〔2014〕8号第四条); the rest is overpaid."""
    remaining = payment.amount
    parts = []
    for owed in (costs, interest, principal, late):
        part = min(remaining, owed)
        parts.append(part)
        remaining -= part
    to_costs, to_interest, to_principal, to_late = parts
    return PaymentApplication(date=payment.date, amount=payment.amount, to_costs=to_costs, to_interest=to_interest,
                              to_principal=to_principal, to_late_performance=to_late, unapplied=remaining)


@dataclass(frozen=True)
class Segment:
    """Counted days ``start``–``end`` (both inclusive) at one rate on one principal.

    ``kind`` is "interest" (ordinary) or "late_performance" (doubled interest). For the latter ``daily_rate``
    is 0.0175 (percent per day) and ``annual_rate`` shows it ×365 for comparison only.
    """

    start: date
    end: date
    days: int
    annual_rate: Decimal
    principal: Decimal
    amount: Decimal
    kind: str = INTEREST
    daily_rate: Decimal | None = None


@dataclass(frozen=True)
class InterestResult:
    """Interest over a period with the segments and payment applications that produce it."""

    principal: Decimal
    start: date
    end: date
    interest: Decimal
    late_performance_interest: Decimal
    interest_outstanding: Decimal
    principal_outstanding: Decimal
    costs_outstanding: Decimal
    total_outstanding: Decimal
    segments: tuple[Segment, ...]
    payments_applied: tuple[PaymentApplication, ...]
    lpr_beyond_table: bool
    notes: tuple[str, ...]
    late_performance_outstanding: Decimal
    overpaid: Decimal
    day_basis: int
    count_start_day: bool
    count_end_day: bool
    # "按2025年5月20日公布的LPR 3.0%暂计" when the LPR used runs past the table's last publication
    # (rules.rates.LprTable.stale_from); "" otherwise. Every page and filing showing the figure prints it.
    lpr_note: str = ""


def _convention_text(count_start_day: bool, count_end_day: bool) -> str:
    names = {
        (True, False): "算头不算尾（起算日计入、截止日不计入）",
        (True, True): "算头又算尾（起算日和截止日均计入）",
        (False, True): "算尾不算头（起算日不计入、截止日计入）",
        (False, False): "头尾均不计入",
    }
    return names[(count_start_day, count_end_day)]


def _require_flag(value: object, field_name: str) -> bool:
    if not isinstance(value, bool):
        raise RuleInputError("not_bool", f"{field_name}必须是True或False，收到：{value!r}")
    return value


@dataclass
class _Open:
    """A segment being accumulated."""

    start: date
    annual_rate: Decimal
    principal: Decimal


def calculate_interest(
    *,
    principal: Decimal,
    start: date,
    end: date,
    rate: FixedRate | LprRate,
    lpr_table: LprTable | None = None,
    day_basis: int = 365,
    count_start_day: bool = True,
    count_end_day: bool = False,
    payments: Iterable[Payment] = (),
    costs: Decimal = ZERO,
    late_performance_from: date | None = None,
) -> InterestResult:
    """Interest on ``principal`` from ``start`` to ``end`` (see the module docstring for the conventions).

    ``costs`` are amounts the debtor owes besides principal and interest (e.g. 实现债权的费用); they bear no
    interest and are paid first. ``late_performance_from`` is the first day of doubled interest, normally
    the day after the last day for performance set by the judgment; it accrues on counted days from then on.
    ``lpr_table`` defaults to the built-in seed table (the Django layer passes the live one).
    """
    principal = require_money(principal, "本金")
    costs = require_money(costs, "费用")
    start = require_date(start, "起算日")
    end = require_date(end, "截止日")
    if end < start:
        raise RuleInputError("end_before_start", f"截止日{end.isoformat()}早于起算日{start.isoformat()}。")
    if isinstance(day_basis, bool) or day_basis not in DAY_BASES:
        raise RuleInputError("bad_day_basis", f"年计息天数只能是360或365，收到：{day_basis!r}")
    _require_flag(count_start_day, "是否计入起算日")
    _require_flag(count_end_day, "是否计入截止日")
    if not isinstance(rate, FixedRate | LprRate):
        raise RuleInputError("bad_rate", f"利率必须是FixedRate或LprRate，收到：{rate!r}")
    if late_performance_from is not None:
        require_date(late_performance_from, "加倍部分债务利息起算日")
        if late_performance_from < start:
            raise RuleInputError("late_before_start", "加倍部分债务利息起算日不能早于计息起算日。")

    ordered_payments: list[Payment] = []
    for payment in payments:
        if not isinstance(payment, Payment):
            raise RuleInputError("bad_payment", f"还款记录格式错误：{payment!r}")
        require_date(payment.date, "还款日")
        paid = require_money(payment.amount, "还款金额")
        if paid <= 0:
            raise RuleInputError("non_positive_payment", f"还款金额必须大于0，收到：{paid}")
        if not start <= payment.date <= end:
            raise RuleInputError(
                "payment_outside_period",
                f"还款日{payment.date.isoformat()}不在计息期间{start.isoformat()}至{end.isoformat()}内。",
            )
        ordered_payments.append(Payment(payment.date, paid))
    ordered_payments.sort(key=lambda item: item.date)  # stable: same-day payments keep their order

    notes: list[str] = [
        f"计息天数：{_convention_text(count_start_day, count_end_day)}；年计息天数{day_basis}天；"
        "各段金额四舍五入到分，合计为各段之和。"
    ]

    first_day = start if count_start_day else start + ONE_DAY
    last_day = end if count_end_day else end - ONE_DAY
    has_days = first_day <= last_day

    plan = rate_plan(rate, lpr_table, first_day=first_day, last_day=last_day)
    notes.extend(plan.notes)
    annual_rate_on = plan.annual_rate_on
    rate_changes = plan.change_dates

    # A payment on day P changes the principal from this day on (see module docstring).
    def effect_day(payment: Payment) -> date:
        return payment.date + ONE_DAY if count_end_day else payment.date

    late_first: date | None = None
    if late_performance_from is not None:
        late_first = max(late_performance_from, first_day)
        if has_days and late_first <= last_day:
            notes.append(
                f"自{late_first.isoformat()}起另计迟延履行期间的加倍部分债务利息：尚未清偿的本金×日万分之一点七五"
                "（法释〔2014〕8号第一条），与一般债务利息同时计算；本计算以本金为基数，未将诉讼费等其他金钱债务计入基数。"
                "还款先抵充生效法律文书确定的金钱债务，再抵充加倍部分债务利息（同解释第四条）。"
            )
        else:
            late_first = None
            notes.append("计息期间内没有应计加倍部分债务利息的天数（起算日在计息天数之后）。")

    payment_days = {effect_day(payment) for payment in ordered_payments}
    end_marker = last_day + ONE_DAY
    ordinary_breaks = set(rate_changes) | payment_days
    late_breaks = set(payment_days)
    if late_first is not None:
        late_breaks.add(late_first)
    if has_days:
        boundaries = sorted(
            {first_day, end_marker}
            | {day for day in ordinary_breaks | late_breaks if first_day < day <= last_day}
        )
    else:
        boundaries = [end_marker]

    segments: list[Segment] = []
    applications: list[PaymentApplication] = []
    principal_due = principal
    costs_due = costs
    interest_due = ZERO
    late_due = ZERO
    interest_total = ZERO
    late_total = ZERO
    overpaid = ZERO
    open_ordinary: _Open | None = None
    open_late: _Open | None = None
    payment_index = 0

    for boundary in boundaries:
        closing_all = boundary == end_marker
        if open_ordinary is not None and (closing_all or boundary in ordinary_breaks):
            days = (boundary - open_ordinary.start).days
            amount = to_cents(
                open_ordinary.principal * open_ordinary.annual_rate * days / (HUNDRED * day_basis)
            )
            segments.append(
                Segment(
                    start=open_ordinary.start,
                    end=boundary - ONE_DAY,
                    days=days,
                    annual_rate=open_ordinary.annual_rate,
                    principal=open_ordinary.principal,
                    amount=amount,
                )
            )
            interest_due += amount
            interest_total += amount
            open_ordinary = None
        if open_late is not None and (closing_all or boundary in late_breaks):
            days = (boundary - open_late.start).days
            amount = to_cents(open_late.principal * LATE_PERFORMANCE_DAILY_RATE * days / HUNDRED)
            segments.append(
                Segment(
                    start=open_late.start,
                    end=boundary - ONE_DAY,
                    days=days,
                    annual_rate=LATE_PERFORMANCE_DAILY_RATE * 365,
                    principal=open_late.principal,
                    amount=amount,
                    kind=LATE_PERFORMANCE,
                    daily_rate=LATE_PERFORMANCE_DAILY_RATE,
                )
            )
            late_due += amount
            late_total += amount
            open_late = None

        # Apply every payment that has taken effect by this boundary (all of them at the end marker).
        while payment_index < len(ordered_payments) and (
            closing_all or effect_day(ordered_payments[payment_index]) <= boundary
        ):
            payment = ordered_payments[payment_index]
            payment_index += 1
            applied = apply_payment(payment, costs=costs_due, interest=interest_due, principal=principal_due,
                                    late=late_due)
            costs_due -= applied.to_costs
            interest_due -= applied.to_interest
            principal_due -= applied.to_principal
            late_due -= applied.to_late_performance
            overpaid += applied.unapplied
            applications.append(applied)

        if closing_all:
            break
        if open_ordinary is None and principal_due > 0:
            open_ordinary = _Open(boundary, annual_rate_on(boundary), principal_due)
        if late_first is not None and boundary >= late_first and open_late is None and principal_due > 0:
            open_late = _Open(boundary, LATE_PERFORMANCE_DAILY_RATE, principal_due)

    if ordered_payments:
        notes.append(
            "还款依《民法典》第五百六十一条先抵充实现债权的费用，再抵充利息，最后抵充本金；还款后按减少后的本金计息。"
        )
    if overpaid > 0:
        notes.append(f"还款合计超出全部欠款{overpaid:,}元，超出部分未抵充。")

    segments.sort(key=lambda segment: (segment.start, segment.kind == LATE_PERFORMANCE))
    total_outstanding = principal_due + interest_due + costs_due + late_due
    return InterestResult(
        principal=principal,
        start=start,
        end=end,
        interest=interest_total,
        late_performance_interest=late_total,
        interest_outstanding=interest_due,
        principal_outstanding=principal_due,
        costs_outstanding=costs_due,
        total_outstanding=total_outstanding,
        segments=tuple(segments),
        payments_applied=tuple(applications),
        lpr_beyond_table=plan.beyond_table,
        notes=tuple(notes),
        late_performance_outstanding=late_due,
        overpaid=overpaid,
        day_basis=day_basis,
        count_start_day=count_start_day,
        count_end_day=count_end_day,
        lpr_note=plan.assumed_note,
    )
