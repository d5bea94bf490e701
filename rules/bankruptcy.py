"""Claims in the debtor's bankruptcy (《中华人民共和国企业破产法》).

- 第四十五条: the court sets the period for declaring claims, at least 30 days and at most 3 months from the day it
  publishes its notice of accepting the bankruptcy application. The day of the notice is not counted (民法典第二百零一条),
  so the shortest period ends on notice + 30 days and the longest on the corresponding day 3 months later (or the
  last day of that month, 民法典第二百零二条). The court's date is taken as set: it is the court's, not a period
  the product counts, so no holiday roll-over is applied to it.
- 第四十六条: claims not yet due become due on acceptance, and interest-bearing claims stop accruing interest on the
  day the court accepts the application. With the day-counting convention of rules/interest.py (end day not
  counted), interest computed up to the acceptance day accrues on the days before it and none on or after it.
- 第五十六条: a claim declared late may still be declared before the final distribution, at the claimant's cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.deadlines import HolidayCalendar, add_period
from rules.errors import require_date

SHORTEST_DAYS = 30
LONGEST_MONTHS = 3
DECLARATION_BASIS = "《企业破产法》第四十五条"
INTEREST_STOP_BASIS = "《企业破产法》第四十六条"
LATE_DECLARATION_NOTE = ("逾期未申报的，可在破产财产最后分配前补充申报，但须承担审查和确认补充申报债权的费用"
                         "（《企业破产法》第五十六条）。")


@dataclass(frozen=True)
class DeclarationWindow:
    """The range a court's declaration deadline must fall in, counted from its notice."""

    notice_on: date
    earliest: date
    latest: date

    def contains(self, deadline: date) -> bool:
        return self.earliest <= deadline <= self.latest


def declaration_window(notice_on: date) -> DeclarationWindow:
    """The shortest and longest declaration deadline a notice published on ``notice_on`` may set (第四十五条)."""
    notice_on = require_date(notice_on, "受理破产申请公告日期")
    # Only the nominal last days matter here, so the calendar plays no part.
    calendar = HolidayCalendar.weekends_only()
    earliest = notice_on + timedelta(days=SHORTEST_DAYS)
    latest = add_period(notice_on, months=LONGEST_MONTHS, calendar=calendar).nominal_deadline
    return DeclarationWindow(notice_on=notice_on, earliest=earliest, latest=latest)


def declaration_deadline_problem(*, deadline: date, notice_on: date | None = None,
                                 accepted_on: date | None = None) -> str | None:
    """Why a declaration deadline cannot be the one a court set (None when it can)."""
    deadline = require_date(deadline, "债权申报期限")
    if accepted_on is not None and deadline <= require_date(accepted_on, "破产申请受理日"):
        return f"债权申报期限{deadline.isoformat()}应晚于破产申请受理日{accepted_on.isoformat()}。"
    if notice_on is None:
        return None
    window = declaration_window(notice_on)
    if not window.contains(deadline):
        return (f"债权申报期限应自公告之日起不少于三十日、不超过三个月（{DECLARATION_BASIS}），即在"
                f"{window.earliest.isoformat()}至{window.latest.isoformat()}之间，收到：{deadline.isoformat()}。")
    return None


def interest_end(*, as_of: date, accepted_on: date | None) -> date:
    """The end date (not counted) of interest on a claim against the debtor as of ``as_of``: the acceptance day
    once the bankruptcy application has been accepted (第四十六条), else ``as_of``."""
    as_of = require_date(as_of, "计算截止日")
    if accepted_on is None:
        return as_of
    return min(as_of, require_date(accepted_on, "破产申请受理日"))


def interest_stop_note(accepted_on: date) -> str:
    return (f"债务人破产申请已于{accepted_on.isoformat()}受理，附利息的债权自受理之日起停止计息，"
            f"未到期的债权视为到期（{INTEREST_STOP_BASIS}）。")
