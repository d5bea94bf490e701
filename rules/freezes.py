"""Preservation periods and their renewal (民诉法解释第四百八十五条; 法释〔2016〕22号第十八条).

A freeze or seizure runs for at most 1 year (bank deposits), 2 years (movables) or 3 years (real estate and other
property rights), counted as the court's notice counts it: inclusive of its first day. Renewal must be applied
for at least 7 days before the period ends; the product acts on that day, moved back to a working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.deadlines import DEADLINE_KINDS, MAX_ROLL_OVER_DAYS, ONE_DAY, HolidayCalendar, shift_months
from rules.errors import RuleInputError, require_date

FREEZE_RENEWAL_NOTICE_DAYS = 7


@dataclass(frozen=True)
class FreezeExpiry:
    """The end of a freeze or seizure period and the day to apply for its renewal.

    ``expires_on`` is the last day of the period, as the court's notice states it (``stated``) or computed as
    start + period − 1 day (the notice counts the first day: 自2026年10月24日起至2027年10月23日止); it is not
    moved over holidays, because the measure simply lapses. ``renew_by`` is expiry − 7 days, the statutory last
    day to apply for renewal (法释〔2016〕22号第十八条); ``deadline`` is the working day to act on: ``renew_by``
    itself, or the working day before it when it is a holiday or weekend (counting back is the safe side:
    nothing extends this period). ``holiday_data`` is False when a day examined lies in a year without data.
    """

    kind: str
    start: date
    expires_on: date
    stated: bool
    renew_by: date
    deadline: date
    holiday_data: bool
    rolled_back: bool
    note: str


def freeze_period_end(start: date, *, years: int) -> date:
    """The last day of a period of ``years`` that counts ``start`` as its first day: the day before the
    anniversary. The anniversary of 29 February in a common year is 1 March, so the period then ends on
    28 February (a full year), never on the 27th."""
    start = require_date(start, "冻结/查封起始日")
    try:
        anniversary = shift_months(start, 12 * years)
        if anniversary.day < start.day:  # 29 February → the month had no such day
            anniversary += ONE_DAY
        return anniversary - ONE_DAY
    except OverflowError as error:
        raise RuleInputError("too_large", "期间终止日超出可计算的日期范围。") from error


def freeze_expiry(kind: str, start: date, *, calendar: HolidayCalendar,
                  stated_expiry: date | None = None) -> FreezeExpiry:
    """Expiry and renewal date of a freeze of ``kind`` (a ``freeze_*`` code of :data:`DEADLINE_KINDS`)
    running from ``start`` (the freeze or its renewal), optionally with the expiry the court's notice states."""
    period = DEADLINE_KINDS.get(kind)
    if period is None or not kind.startswith("freeze_"):
        raise RuleInputError("unknown_kind", f"未知的冻结/查封类型：{kind!r}")
    if not isinstance(calendar, HolidayCalendar):
        raise RuleInputError("bad_calendar", "需要提供节假日日历（HolidayCalendar）。")
    start = require_date(start, "冻结/查封起始日")
    maximum = freeze_period_end(start, years=period.years)
    if stated_expiry is not None:
        expires_on = require_date(stated_expiry, "期限届满日")
        if expires_on < start:
            raise RuleInputError("expiry_before_start", f"期限届满日{expires_on.isoformat()}早于起始日"
                                 f"{start.isoformat()}。")
        if expires_on > maximum:
            raise RuleInputError("expiry_too_late", f"期限届满日{expires_on.isoformat()}超过法定最长期限"
                                 f"（{period.years}年，至{maximum.isoformat()}）。")
    else:
        expires_on = maximum
    try:
        renew_by = expires_on - timedelta(days=FREEZE_RENEWAL_NOTICE_DAYS)
    except OverflowError as error:
        raise RuleInputError("too_large", "期间终止日超出可计算的日期范围。") from error
    deadline = renew_by
    holiday_data = calendar.covers(renew_by)
    while not calendar.is_working_day(deadline):
        deadline -= ONE_DAY
        holiday_data = holiday_data and calendar.covers(deadline)
        if (renew_by - deadline).days > MAX_ROLL_OVER_DAYS:
            raise RuleInputError("bad_calendar", "节假日数据异常：连续一个多月没有工作日。")
    rolled_back = deadline != renew_by

    basis = "法院通知书载明" if stated_expiry is not None else "按起始日推算，含起始日当日"
    note = (f"{period.label}{period.years}年（{period.source}），自{start.isoformat()}起至{expires_on.isoformat()}止"
            f"（{basis}）；续行冻结/查封应在期限届满七日前申请（法释〔2016〕22号第十八条），即不晚于"
            f"{renew_by.isoformat()}")
    if rolled_back:
        note += f"，当日为休息日，应在此前最后一个工作日{deadline.isoformat()}提交。"
    else:
        note += "。"
    if not holiday_data:
        note += "该年份缺少法定节假日数据，仅按周末判断，请人工核对。"
    return FreezeExpiry(kind=kind, start=start, expires_on=expires_on, stated=stated_expiry is not None,
                        renew_by=renew_by, deadline=deadline, holiday_data=holiday_data, rolled_back=rolled_back,
                        note=note)
