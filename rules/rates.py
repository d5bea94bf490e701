"""The rates that interest runs at: an agreed fixed rate, or the 1-year LPR (贷款市场报价利率).

The LPR is the reference rate since 2019-08-20 (中国人民银行公告〔2019〕第15号). Rates are percent per year
(``Decimal("6")`` is 6%).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rules.errors import RuleInputError, require_date, require_decimal, require_rate
from rules.lpr_seed import LPR_SEED

MAX_ANNUAL_RATE = Decimal("100")
PRIVATE_LENDING_MAX_MULTIPLIER = Decimal("4")
ONE_DAY = timedelta(days=1)
# 买卖合同解释第十八条第四款: with no agreed penalty, the LPR at the breach plus 30–50% (percent of the LPR).
SALE_MARKUP_MIN = Decimal("30")
SALE_MARKUP_MAX = Decimal("50")
# The LPR replaced the PBoC benchmark rate as the reference from this day (中国人民银行公告〔2019〕第15号).
FIRST_LPR_DAY = date(2019, 8, 20)
LPR_PUBLICATION_GRACE_DAY = 25


@dataclass(frozen=True)
class LprTable:
    """The 1-year LPR: (date in force from, percent) entries, sorted on construction.

    ``known_until`` is the latest date the table is known to be complete for (e.g. the last publication
    checked); without it the table is assumed complete only up to its newest entry.
    """

    entries: tuple[tuple[date, Decimal], ...]
    known_until: date | None = None
    _dates: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _change_dates: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cleaned: list[tuple[date, Decimal]] = []
        for entry_date, rate in self.entries:
            cleaned.append(
                (
                    require_date(entry_date, "LPR生效日期"),
                    require_rate(rate, "LPR利率", maximum=MAX_ANNUAL_RATE),
                )
            )
        if not cleaned:
            raise RuleInputError("empty_lpr_table", "LPR表为空。")
        cleaned.sort(key=lambda entry: entry[0])
        dates = tuple(entry_date for entry_date, _ in cleaned)
        if len(set(dates)) != len(dates):
            raise RuleInputError("duplicate_lpr_date", "LPR表中同一日期出现了两次。")
        if self.known_until is not None and require_date(self.known_until, "LPR表完整截至日") < dates[-1]:
            raise RuleInputError("bad_known_until", "LPR表完整截至日早于最新一条LPR的日期。")
        object.__setattr__(self, "entries", tuple(cleaned))
        object.__setattr__(self, "_dates", dates)
        # An entry may record a monthly publication that kept the rate: it is no change, and splits nothing.
        changes = tuple(day for index, (day, rate) in enumerate(cleaned)
                        if index == 0 or rate != cleaned[index - 1][1])
        object.__setattr__(self, "_change_dates", changes)

    @property
    def first_date(self) -> date:
        return self._dates[0]

    @property
    def newest(self) -> tuple[date, Decimal]:
        """The latest publication in the table: (date, percent)."""
        return self.entries[-1]

    @property
    def stale_from(self) -> date:
        """The first day for which the table should hold a publication it does not have.

        The LPR is published monthly on the 20th (on the next working day when the 20th is not one; the latest
        so far was the 22nd). A table whose newest entry, or ``known_until``, falls in month M is taken as
        current up to the 24th of month M + 1; from the 25th of that month the next publication is missing, so
        any rate for a day from then on is an assumption (the last published rate carried forward)."""
        base = self.last_date
        year, month = (base.year + 1, 1) if base.month == 12 else (base.year, base.month + 1)
        return date(year, month, LPR_PUBLICATION_GRACE_DAY)

    def assumed_note(self, day: date) -> str:
        """"按2025年5月20日公布的LPR 3.0%暂计" when the rate for ``day`` is carried past the table's last
        publication (``day`` on or after :attr:`stale_from`), else ""."""
        if day < self.stale_from:
            return ""
        published_on, rate = self.newest
        return f"按{published_on.year}年{published_on.month}月{published_on.day}日公布的LPR {rate_text(rate)}%暂计"

    @property
    def last_date(self) -> date:
        """The last date for which the table is known: ``known_until`` or the newest entry's date."""
        return self.known_until or self._dates[-1]

    def rate_on(self, day: date) -> Decimal:
        """The rate in force on ``day`` (percent); RuleInputError "before_lpr_table" before the first entry."""
        index = bisect_right(self._dates, day) - 1
        if index < 0:
            raise RuleInputError(
                "before_lpr_table",
                f"{day.isoformat()}早于LPR表的第一条（{self.first_date.isoformat()}），无法确定当日的LPR。",
            )
        return self.entries[index][1]

    def change_dates_between(self, after: date, until: date) -> tuple[date, ...]:
        """Dates D with ``after`` < D ≤ ``until`` on which a new rate comes into force."""
        changes = self._change_dates
        return changes[bisect_right(changes, after) : bisect_right(changes, until)]


def rate_text(rate: Decimal) -> str:
    """A percent as the People's Bank writes it: at least one decimal ("3.0", "3.45")."""
    value = rate.normalize()
    return f"{value:.1f}" if value == value.to_integral_value() else f"{value:f}"


SEED_LPR_TABLE = LprTable(LPR_SEED)


@dataclass(frozen=True)
class FixedRate:
    """An agreed or statutory fixed rate in percent per year, e.g. ``Decimal("6")``."""

    annual_rate: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "annual_rate", require_rate(self.annual_rate, "年利率（%）", maximum=MAX_ANNUAL_RATE)
        )


@dataclass(frozen=True)
class LprRate:
    """The 1-year LPR times ``multiplier``.

    ``fixed_on=None`` is 同期LPR: the period is split at every LPR change. A date fixes the LPR in force on
    that date for the whole period (the breach date for 买卖合同, the contract date for 民间借贷).
    """

    multiplier: Decimal = Decimal("1")
    fixed_on: date | None = None

    def __post_init__(self) -> None:
        multiplier = require_decimal(self.multiplier, "LPR倍数")
        if multiplier <= 0:
            raise RuleInputError("bad_multiplier", f"LPR倍数必须大于0，收到：{multiplier}")
        if multiplier > MAX_ANNUAL_RATE:
            raise RuleInputError("bad_multiplier", f"LPR倍数{multiplier}明显错误。")
        object.__setattr__(self, "multiplier", multiplier)
        if self.fixed_on is not None:
            require_date(self.fixed_on, "LPR确定日")


@dataclass(frozen=True)
class RatePlan:
    """The annual rate on each counted day of a period, the days on which it changes, and what to print."""

    annual_rate_on: Callable[[date], Decimal]
    change_dates: tuple[date, ...]
    beyond_table: bool
    notes: tuple[str, ...]
    # "按…公布的LPR …%暂计" when an LPR is carried past the table's last publication (LprTable.assumed_note).
    assumed_note: str = ""


def rate_plan(rate: FixedRate | LprRate, lpr_table: LprTable | None, *, first_day: date,
              last_day: date) -> RatePlan:
    """How ``rate`` applies to the counted days ``first_day``–``last_day`` (none when last < first)."""
    has_days = first_day <= last_day
    notes: list[str] = []
    lpr_beyond_table = False
    assumed_note = ""
    rate_changes: tuple[date, ...] = ()
    table = lpr_table
    constant_rate: Decimal | None = None  # the annual rate when it does not change during the period
    per_period_table: LprTable | None = None  # the LPR table when each day takes the LPR then in force
    multiplier = Decimal("1")
    if isinstance(rate, LprRate):
        if table is None:
            table = SEED_LPR_TABLE
            notes.append(
                f"未提供LPR表，使用内置LPR数据（最新一条为{SEED_LPR_TABLE.last_date.isoformat()}）。"
            )
        multiplier = rate.multiplier
        if multiplier > PRIVATE_LENDING_MAX_MULTIPLIER:
            notes.append(
                f"LPR倍数{multiplier}超过4倍：民间借贷利率超过合同成立时一年期LPR四倍的部分不予支持"
                "（《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条），此处仍按所填倍数计算。"
            )
        if rate.fixed_on is not None:
            assumed_note = table.assumed_note(rate.fixed_on)
            constant_rate = table.rate_on(rate.fixed_on) * multiplier
            notes.append(
                f"按{rate.fixed_on.isoformat()}施行的一年期LPR {table.rate_on(rate.fixed_on)}%"
                f"×{multiplier}＝{constant_rate.normalize():f}%计息，全期不变。"
            )
            if rate.fixed_on > table.last_date:
                lpr_beyond_table = True
                notes.append(
                    f"{rate.fixed_on.isoformat()}晚于LPR表已知的最后日期{table.last_date.isoformat()}，"
                    f"沿用最后已知利率{table.rate_on(rate.fixed_on)}%；新LPR公布后应核对。"
                )
        else:
            per_period_table = table
            notes.append(f"按同期一年期LPR×{multiplier}计息，在每次LPR调整之日起适用新利率，分段计算。")
            if has_days:
                assumed_note = table.assumed_note(last_day)
                table.rate_on(first_day)  # fail early if the period starts before the LPR regime
                rate_changes = table.change_dates_between(first_day, last_day)
                if last_day > table.last_date:
                    lpr_beyond_table = True
                    beyond_from = max(first_day, table.last_date + ONE_DAY)
                    notes.append(
                        f"LPR表只到{table.last_date.isoformat()}；{beyond_from.isoformat()}至"
                        f"{last_day.isoformat()}沿用最后已知利率{table.rate_on(last_day)}%，新LPR公布后应重算。"
                    )
    else:
        constant_rate = rate.annual_rate
        notes.append(f"按年利率{constant_rate.normalize():f}%计息。")

    def annual_rate_on(day: date) -> Decimal:
        if per_period_table is not None:
            return per_period_table.rate_on(day) * multiplier
        assert constant_rate is not None
        return constant_rate

    return RatePlan(annual_rate_on, rate_changes, lpr_beyond_table, tuple(notes), assumed_note)


def sale_late_payment_rate(markup, breach_date: date) -> LprRate:
    """The late-payment loss of a sale with no agreed penalty (买卖合同解释第十八条第四款): the 1-year LPR in
    force on ``breach_date`` raised by ``markup`` percent (30–50), as one fixed rate for the whole period.

    Before 2019-08-20 the article points to the PBoC benchmark rate instead, which this rule does not know:
    RuleInputError "breach_before_lpr"."""
    markup = require_decimal(markup, "LPR上浮比例")
    if not SALE_MARKUP_MIN <= markup <= SALE_MARKUP_MAX:
        raise RuleInputError(
            "bad_markup",
            f"LPR上浮比例应在{SALE_MARKUP_MIN}%至{SALE_MARKUP_MAX}%之间（买卖合同解释第十八条第四款），收到：{markup.normalize():f}%",
        )
    breach_date = require_date(breach_date, "违约行为发生日")
    if breach_date < FIRST_LPR_DAY:
        raise RuleInputError(
            "breach_before_lpr",
            f"违约行为发生于{breach_date.isoformat()}，早于2019年8月20日：应以中国人民银行同期同类人民币贷款基准利率"
            "为基础计算逾期付款损失，请改用固定年利率。",
        )
    return LprRate(multiplier=1 + markup / 100, fixed_on=breach_date)


@dataclass(frozen=True)
class PrivateLendingCap:
    """The highest rate of a private loan a court supports: 4 × the 1-year LPR when the contract was made
    (民间借贷规定第二十五条), and whether the agreed rate goes beyond it."""

    contract_date: date
    lpr: Decimal
    cap: Decimal
    agreed: Decimal
    exceeded: bool

    @property
    def warning(self) -> str:
        if not self.exceeded:
            return ""
        return (f"约定年利率{self.agreed.normalize():f}%超过合同成立时（{self.contract_date.isoformat()}）一年期LPR "
                f"{self.lpr.normalize():f}%的四倍即{self.cap.normalize():f}%：超过部分不予支持"
                "（《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条）。")


def private_lending_cap(agreed_rate, contract_date: date, lpr_table: LprTable | None = None) -> PrivateLendingCap:
    """Checks an agreed private-loan rate (percent per year) against 4 × the LPR in force on ``contract_date``."""
    agreed = require_rate(agreed_rate, "约定年利率", maximum=MAX_ANNUAL_RATE)
    contract_date = require_date(contract_date, "合同成立日")
    table = lpr_table or SEED_LPR_TABLE
    lpr = table.rate_on(contract_date)
    cap = lpr * PRIVATE_LENDING_MAX_MULTIPLIER
    return PrivateLendingCap(contract_date=contract_date, lpr=lpr, cap=cap, agreed=agreed, exceeded=agreed > cap)
