"""Time limits: counting periods, statutory holidays, limitation.

Counting (《民事诉讼法》第八十五条; 《民法典》第二百零一条至第二百零三条):
- the day of the event is not counted (民法典第二百零一条), so a period of N days ends on start + N;
- a period in months or years ends on the corresponding day of the last month; if that month has no such day,
  on its last day (民法典第二百零二条);
- if the last day is a statutory holiday, the period ends on the first working day after it (民事诉讼法第八十五条,
  民法典第二百零三条). Weekends count as holidays unless they are official make-up working days (调休上班日).

Holiday data is editable data (a :class:`HolidayCalendar`), seeded from the ``chinese_calendar`` package, which
knows years only up to 2026 and raises for later years; its functions are therefore never called. For a year
the calendar does not cover, weekends alone are used and the result says the holiday data was missing.

Periods used by the product (:data:`DEADLINE_KINDS`):
- 上诉: 15 days from service of a judgment, 10 days of a ruling (民事诉讼法第一百七十一条);
- 答辩: 15 days (民事诉讼法第一百二十八条);
- 支付令: the debtor pays or objects within 15 days of service (民事诉讼法第二百二十七条);
- 诉前保全后起诉: 30 days (民事诉讼法第一百零四条);
- 申请执行: 2 years from the last day of the performance period (民事诉讼法（2023）第二百五十条);
- 诉讼时效: 3 years, interrupted and restarted by a demand, the debtor's agreement to pay (a part payment, a
  promise, security offered, a repayment plan) or the like on their day, and by proceedings (suit, arbitration,
  enforcement) from the day they end, suspended while they are pending; at most 20 years from the harm
  (民法典第一百八十八条、第一百九十五条; 诉讼时效规定第八、十一、十四条);
- 冻结银行存款 1 year, 查封动产 2 years, 查封不动产及冻结其他财产权 3 years (民诉法解释第四百八十五条). These periods
  count their first day and are not moved over holidays (:func:`freeze_expiry`); renewal must be applied for
  7 days before the end, on the working day at or before that day (法释〔2016〕22号第十八条);
- 建设工程价款优先受偿权: at most 18 months from the day payment fell due (法释〔2020〕25号第四十一条).
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rules.errors import RuleInputError, require_date

ONE_DAY = timedelta(days=1)
# A roll-over longer than this would mean corrupt holiday data (the longest Chinese holiday is 8–9 days).
MAX_ROLL_OVER_DAYS = 31
MAX_DAYS = 36600
MAX_MONTHS = 1200
MAX_YEARS = 100
LIMITATION_YEARS = 3
LIMITATION_MAXIMUM_YEARS = 20


@dataclass(frozen=True)
class HolidayCalendar:
    """Official holidays and make-up working days, and the years for which they are known."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int]

    @classmethod
    def weekends_only(cls) -> HolidayCalendar:
        """A calendar with no holiday data: every year falls back to weekends only."""
        return cls(holidays=frozenset(), workdays=frozenset(), years=frozenset())

    def covers(self, day: date) -> bool:
        """Whether holiday data is known for ``day``'s year."""
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        """A make-up working day works; a holiday does not; otherwise Monday–Friday work."""
        if self.covers(day):
            if day in self.workdays:
                return True
            if day in self.holidays:
                return False
        return day.weekday() < 5


def holiday_calendar_from_package() -> HolidayCalendar:
    """Build a calendar from the ``chinese_calendar`` package's tables (covered years = years in them)."""
    from chinese_calendar import constants

    holidays = frozenset(constants.holidays)
    workdays = frozenset(constants.workdays)
    years = frozenset(day.year for day in holidays | workdays)
    return HolidayCalendar(holidays=holidays, workdays=workdays, years=years)


@dataclass(frozen=True)
class DeadlineResult:
    """``nominal_deadline`` is the last day of the period; ``deadline`` that day moved past holidays.

    ``holiday_data`` is False when a date examined fell in a year without holiday data (weekends only were
    used), so the deadline may be earlier than the true one and should be checked.
    """

    start: date
    nominal_deadline: date
    deadline: date
    holiday_data: bool
    rolled_over: bool
    note: str
    # Limitation only: a proceeding (suit, arbitration, enforcement) is pending, so the period is not running
    # and ``deadline`` is merely where it stood when the proceeding began.
    suspended: bool = False


@dataclass(frozen=True)
class DeadlineKind:
    """A kind of period used by the product, with its length and legal source."""

    code: str
    label: str
    days: int
    months: int
    years: int
    source: str


def shift_months(start: date, months: int) -> date:
    """The corresponding day ``months`` later, or the last day of that month (民法典第二百零二条)."""
    month_index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    if year > date.max.year:
        raise RuleInputError("too_large", "期间终止日超出可计算的日期范围。")
    last_day = month_calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def _length_text(days: int, months: int, years: int) -> str:
    if days:
        return f"{days}日"
    if months:
        return f"{months}个月"
    return f"{years}年"


def add_period(
    start: date, *, days: int = 0, months: int = 0, years: int = 0, calendar: HolidayCalendar
) -> DeadlineResult:
    """The deadline of a period of ``days``, ``months`` or ``years`` (exactly one, positive) from ``start``.

    The start day is not counted; a last day that is not a working day moves to the next working day.
    """
    start = require_date(start, "起算日")
    if not isinstance(calendar, HolidayCalendar):
        raise RuleInputError("bad_calendar", "需要提供节假日日历（HolidayCalendar）。")
    lengths = {"days": days, "months": months, "years": years}
    for name, value in lengths.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleInputError("bad_period", f"期间长度{name}必须是整数，收到：{value!r}")
        if value < 0:
            raise RuleInputError("bad_period", f"期间长度不能为负数，收到：{name}={value}")
    if sum(1 for value in lengths.values() if value) != 1:
        raise RuleInputError("bad_period", "日、月、年三者中必须恰好有一个为正数。")
    if days > MAX_DAYS or months > MAX_MONTHS or years > MAX_YEARS:
        raise RuleInputError("too_large", "期间过长。")

    try:
        if days:
            nominal = start + timedelta(days=days)
        else:
            nominal = shift_months(start, months + 12 * years)
    except OverflowError as error:
        raise RuleInputError("too_large", "期间终止日超出可计算的日期范围。") from error

    holiday_data = calendar.covers(nominal)
    deadline = nominal
    while not calendar.is_working_day(deadline):
        deadline += ONE_DAY
        holiday_data = holiday_data and calendar.covers(deadline)
        if (deadline - nominal).days > MAX_ROLL_OVER_DAYS:
            raise RuleInputError("bad_calendar", "节假日数据异常：连续一个多月没有工作日。")
    rolled_over = deadline != nominal

    length = _length_text(days, months, years)
    note = f"自{start.isoformat()}次日起算{length}，期间最后一日为{nominal.isoformat()}"
    if rolled_over:
        note += f"，当日为法定休假日，顺延至其后第一个工作日{deadline.isoformat()}（民事诉讼法第八十五条）。"
    else:
        note += "。"
    if not holiday_data:
        note += "该年份缺少法定节假日数据，仅按周末判断，请人工核对。"
    return DeadlineResult(
        start=start,
        nominal_deadline=nominal,
        deadline=deadline,
        holiday_data=holiday_data,
        rolled_over=rolled_over,
        note=note,
    )


DEADLINE_KINDS: dict[str, DeadlineKind] = {
    kind.code: kind
    for kind in (
        DeadlineKind("appeal_judgment", "不服判决上诉期", 15, 0, 0, "《民事诉讼法》第一百七十一条"),
        DeadlineKind("appeal_ruling", "不服裁定上诉期", 10, 0, 0, "《民事诉讼法》第一百七十一条"),
        DeadlineKind("defence", "答辩期", 15, 0, 0, "《民事诉讼法》第一百二十八条"),
        DeadlineKind(
            "payment_order_objection", "支付令异议期", 15, 0, 0, "《民事诉讼法》第二百二十七条；自支付令送达之日起计算"
        ),
        DeadlineKind(
            "suit_after_preservation", "诉前保全后提起诉讼期限", 30, 0, 0, "《民事诉讼法》第一百零四条"
        ),
        DeadlineKind(
            "enforcement_application",
            "申请执行期间",
            0,
            0,
            2,
            "《民事诉讼法》（2023年修正）第二百五十条；自法律文书规定履行期间的最后一日起计算",
        ),
        DeadlineKind("limitation", "诉讼时效期间", 0, 0, LIMITATION_YEARS, "《民法典》第一百八十八条"),
        DeadlineKind("freeze_bank_deposit", "冻结银行存款期限", 0, 0, 1, "《民诉法解释》第四百八十五条"),
        DeadlineKind("freeze_movable", "查封、扣押动产期限", 0, 0, 2, "《民诉法解释》第四百八十五条"),
        DeadlineKind(
            "freeze_real_estate", "查封不动产、冻结其他财产权期限", 0, 0, 3, "《民诉法解释》第四百八十五条"
        ),
        DeadlineKind(
            "construction_priority",
            "建设工程价款优先受偿权行使期限",
            0,
            18,
            0,
            "法释〔2020〕25号第四十一条；自发包人应当给付建设工程价款之日起算",
        ),
    )
}


def deadline_for(kind: str, start: date, calendar: HolidayCalendar) -> DeadlineResult:
    """The deadline of a named kind of period (see :data:`DEADLINE_KINDS`) starting on ``start``."""
    period = DEADLINE_KINDS.get(kind)
    if period is None:
        raise RuleInputError("unknown_kind", f"未知的期间类型：{kind!r}")
    result = add_period(start, days=period.days, months=period.months, years=period.years, calendar=calendar)
    return _with_note(result, f"{period.label}（{period.source}）：{result.note}")


def _with_note(result: DeadlineResult, note: str, *, suspended: bool = False) -> DeadlineResult:
    return DeadlineResult(
        start=result.start,
        nominal_deadline=result.nominal_deadline,
        deadline=result.deadline,
        holiday_data=result.holiday_data,
        rolled_over=result.rolled_over,
        note=note,
        suspended=suspended,
    )


@dataclass(frozen=True)
class Proceeding:
    """Proceedings that interrupt limitation: a suit, an arbitration, an enforcement application (民法典第一百
    九十五条第三项; 诉讼时效规定第十一条). The period restarts on ``ended_on`` (the day the proceedings end), not
    on ``started_on``; while ``ended_on`` is None the proceedings are pending and limitation does not run."""

    started_on: date
    ended_on: date | None = None
    label: str = ""

    def __post_init__(self) -> None:
        require_date(self.started_on, "程序开始日")
        if self.ended_on is not None:
            require_date(self.ended_on, "程序终结日")
            if self.ended_on < self.started_on:
                raise RuleInputError("bad_proceeding", f"程序终结日{self.ended_on.isoformat()}早于开始日"
                                     f"{self.started_on.isoformat()}。")

    @property
    def name(self) -> str:
        return self.label or "程序"


def limitation_deadline(
    *, due_date: date, interruptions: Iterable[date | Proceeding] = (), calendar: HolidayCalendar
) -> DeadlineResult:
    """The last day of the 3-year limitation period for a debt due on ``due_date``.

    For instalments pass the last instalment's due date (民法典第一百八十九条). An interruption is either a day
    (a demand reaching the debtor, the debtor agreeing to pay, paying part, offering security, applying for
    preservation; 民法典第一百九十五条, 诉讼时效规定第八、十一、十四条), which restarts the 3 years from that day,
    or a :class:`Proceeding`, which restarts them from the day it ends and, while pending, stops the clock
    (the result is then ``suspended``). An interruption counts when it happens on or after ``due_date`` and
    before the running period has expired; a later one cannot revive an expired period (the debtor's later
    agreement to pay only waives the defence, 民法典第一百九十二条), and a restart never moves the period back.
    The result never goes beyond 20 years from ``due_date`` (民法典第一百八十八条). ``start`` in the result is the
    day the final 3-year period ran from.
    """
    due_date = require_date(due_date, "履行期限届满日")
    events: list[Proceeding | date] = []
    for item in interruptions:
        events.append(item if isinstance(item, Proceeding) else require_date(item, "诉讼时效中断日"))
    events.sort(key=lambda item: item.started_on if isinstance(item, Proceeding) else item)

    current = add_period(due_date, years=LIMITATION_YEARS, calendar=calendar)
    explanations: list[str] = []
    ignored: list[str] = []
    pending: Proceeding | None = None
    for event in events:
        day = event.started_on if isinstance(event, Proceeding) else event
        what = f"{event.name}（{day.isoformat()}开始）" if isinstance(event, Proceeding) else day.isoformat()
        if day < due_date:
            ignored.append(f"{what}早于履行期限届满日")
        elif day > current.deadline:
            ignored.append(f"{what}发生时诉讼时效已于{current.deadline.isoformat()}届满")
        elif isinstance(event, Proceeding) and event.ended_on is None:
            pending = event
            break
        else:
            restart = event.ended_on if isinstance(event, Proceeding) else day
            if isinstance(event, Proceeding):
                explanations.append(f"{event.name}（{day.isoformat()}开始，{restart.isoformat()}终结）")
            else:
                explanations.append(day.isoformat())
            if restart > current.start:
                current = add_period(restart, years=LIMITATION_YEARS, calendar=calendar)

    note = f"诉讼时效三年（民法典第一百八十八条），自{due_date.isoformat()}起算"
    if explanations:
        note += f"；因{'、'.join(explanations)}中断"
        if current.start != due_date:
            note += f"，自{current.start.isoformat()}重新计算（第一百九十五条）"
    if ignored:
        note += f"；未作为中断事由：{'；'.join(ignored)}"
    if pending is not None:
        note += (f"；{pending.name}自{pending.started_on.isoformat()}起进行中，诉讼时效中断，程序终结之日起重新"
                 "计算三年，在此之前不计算届满日（第一百九十五条）。")
        return _with_note(current, note, suspended=True)
    maximum = add_period(due_date, years=LIMITATION_MAXIMUM_YEARS, calendar=calendar)
    if maximum.nominal_deadline < current.nominal_deadline:
        note += f"；受二十年最长保护期限限制（第一百八十八条），截至{maximum.deadline.isoformat()}"
        current = maximum
    note += f"。{current.note}"
    return _with_note(current, note)
