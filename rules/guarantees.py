"""Guarantees (保证): the kind, the guarantee period, keeping the guarantee alive and its own limitation.

《民法典》第六百八十六条至第六百九十四条; 法释〔2020〕28号 (担保制度解释) 第二十六条、第二十八条:
- the kind is 一般保证 or 连带责任保证; a contract that does not say, or says unclearly, gives 一般保证 (686);
- the guarantee period (保证期间) is as agreed; with no agreement, an unclear one, or an agreed end no later than the
  main debt's due date, six months from the main debt's due date (692). It is never interrupted, suspended or
  extended;
- the creditor keeps the guarantee alive within the period: against a general guarantor by suing (or starting
  arbitration against) the debtor, against a joint guarantor by demanding performance from the guarantor (693).
  Otherwise the guarantor is released;
- the guarantee's own limitation (694) runs for a joint guarantee from the creditor's demand on the guarantor;
  for a general one from the day the guarantor's defence of prior enforcement (先诉抗辩权) ends, which is the day
  the ruling ending enforcement against the debtor is served, or one year after the court received the
  application for enforcement when no such ruling came within that year (担保制度解释第二十八条).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rules.deadlines import DeadlineResult, HolidayCalendar, add_period, limitation_deadline
from rules.errors import RuleInputError, require_date

GENERAL = "general"
JOINT = "joint"
KINDS = {GENERAL: "一般保证", JOINT: "连带责任保证"}
STATUTORY_PERIOD_MONTHS = 6
KIND_BASIS = {GENERAL: "《民法典》第六百八十七条", JOINT: "《民法典》第六百八十八条"}
PERIOD_BASIS = "《民法典》第六百九十二条、第六百九十三条"
LIMITATION_BASIS = "《民法典》第六百九十四条"


def guarantee_kind(value: str | None) -> str:
    """The kind of a guarantee as the contract gives it; none or an unclear one is a general guarantee (686)."""
    if value in (None, ""):
        return GENERAL
    if value not in KINDS:
        raise RuleInputError("unknown_guarantee_kind", f"未知的保证方式：{value!r}（一般保证或连带责任保证）。")
    return value


@dataclass(frozen=True)
class GuaranteePeriod:
    """The last day of the guarantee period and how it follows: ``agreed`` when the contract's end applies."""

    end: date
    agreed: bool
    holiday_data: bool
    note: str


def guarantee_period_end(*, main_due_date: date, agreed_end: date | None = None,
                         calendar: HolidayCalendar) -> GuaranteePeriod:
    """The guarantee period's last day (民法典第六百九十二条).

    An agreed end later than the main debt's due date stands as agreed (a date the parties chose, not a period
    to count, so it does not move past holidays). No agreed end, or one no later than the due date, gives six
    months from the due date, counted as every period is (the due date not counted, a last day on a holiday
    moves to the next working day).
    """
    main_due_date = require_date(main_due_date, "主债务履行期限届满日")
    if agreed_end is not None:
        agreed_end = require_date(agreed_end, "约定的保证期间届满日")
        if agreed_end > main_due_date:
            return GuaranteePeriod(end=agreed_end, agreed=True, holiday_data=True,
                                   note=f"保证期间按约定至{agreed_end.isoformat()}（民法典第六百九十二条）。")
    statutory = add_period(main_due_date, months=STATUTORY_PERIOD_MONTHS, calendar=calendar)
    reason = ("约定的保证期间早于或等于主债务履行期限，视为没有约定" if agreed_end is not None
              else "没有约定保证期间或者约定不明确")
    return GuaranteePeriod(end=statutory.deadline, agreed=False, holiday_data=statutory.holiday_data,
                           note=f"{reason}，保证期间为主债务履行期限届满之日起六个月（民法典第六百九十二条）："
                                f"{statutory.note}")


def kept_alive_on(*, main_due_date: date, period_end: date, acts: Iterable[date | None]) -> date | None:
    """The first day within the guarantee period on which the creditor kept the guarantee alive (693), or None.

    ``acts`` are the days of the acts that count for the kind: for a joint guarantee the demands on the
    guarantor, for a general one the suits or arbitrations against the debtor. An act before the main debt
    fell due claims nothing that was owed yet; one after the period's last day comes too late.
    """
    main_due_date = require_date(main_due_date, "主债务履行期限届满日")
    period_end = require_date(period_end, "保证期间届满日")
    within = [require_date(day, "主张保证责任之日") for day in acts if day is not None]
    within = [day for day in within if main_due_date <= day <= period_end]
    return min(within, default=None)


def is_released(*, kept_alive: date | None, period_end: date, today: date) -> bool:
    """Whether the guarantor is released: the period has ended and the creditor did not act within it (693)."""
    return kept_alive is None and require_date(today, "今天") > require_date(period_end, "保证期间届满日")


def general_defence_end(*, enforcement_applied_on: date | None,
                        termination_ruling_served_on: date | None = None) -> date | None:
    """The day a general guarantor's defence of prior enforcement ends (担保制度解释第二十八条), or None while
    enforcement against the debtor has not been applied for.

    The ruling ending enforcement (终结本次执行程序 or 终结执行) served on the creditor ends it; when the court has
    not ruled within one year of receiving the application, the first anniversary of the application does.
    """
    if enforcement_applied_on is None:
        return None
    applied = require_date(enforcement_applied_on, "申请执行日期")
    try:
        anniversary = applied.replace(year=applied.year + 1)
    except ValueError:  # 29 February: the corresponding day is the last day of February (民法典第二百零二条)
        anniversary = date(applied.year + 1, 2, 28)
    if termination_ruling_served_on is not None:
        served = require_date(termination_ruling_served_on, "终结执行裁定送达日期")
        if served <= anniversary:
            return served
    return anniversary


def guarantee_limitation_start(*, kind: str, kept_alive: date | None,
                               defence_ended_on: date | None = None) -> date | None:
    """The day the guarantee's own limitation starts (民法典第六百九十四条), or None when it has not started.

    Joint: the creditor's demand on the guarantor within the period. General: the day the defence of prior
    enforcement ends (see :func:`general_defence_end`), provided the creditor sued the debtor within the period.
    """
    kind = guarantee_kind(kind)
    if kept_alive is None:
        return None
    if kind == JOINT:
        return require_date(kept_alive, "主张保证责任之日")
    return require_date(defence_ended_on, "先诉抗辩权消灭之日") if defence_ended_on is not None else None


def guarantee_limitation_deadline(*, start: date, interruptions: Iterable[date] = (),
                                  calendar: HolidayCalendar) -> DeadlineResult:
    """The last day of the guarantee's three-year limitation from ``start``, restarted by later demands on the
    guarantor (民法典第六百九十四条、第一百九十五条)."""
    result = limitation_deadline(due_date=start, interruptions=interruptions, calendar=calendar)
    return DeadlineResult(start=result.start, nominal_deadline=result.nominal_deadline, deadline=result.deadline,
                          holiday_data=result.holiday_data, rolled_over=result.rolled_over,
                          note=f"保证债务的诉讼时效自债权人请求保证人承担保证责任之日起算（民法典第六百九十四条）；"
                               f"{result.note}")
