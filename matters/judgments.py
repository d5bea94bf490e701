"""The decision a matter is enforced on, and its dates: plain Python over a matter's lawsuits (prefetched or
not), the holiday calendar passed in. The counting itself is rules/judgments.py."""

from __future__ import annotations

from dataclasses import dataclass

from matters.models import Lawsuit
from rules.deadlines import HolidayCalendar
from rules.judgments import JudgmentDates, judgment_dates


@dataclass(frozen=True)
class Judgment:
    """The effective decision of a matter (its lawsuit record) and when it takes effect and must be performed."""

    suit: Lawsuit
    dates: JudgmentDates


def appealed(suit: Lawsuit, lawsuits) -> bool:
    """A later second-instance or retrial record means the decision was taken further."""
    lawsuits = list(lawsuits)
    later = lawsuits[lawsuits.index(suit) + 1:] if suit.pk is None and suit in lawsuits else [
        other for other in lawsuits if other.pk is not None and suit.pk is not None and other.pk > suit.pk]
    return any(other.instance != Lawsuit.Instance.FIRST for other in later)


def lawsuit_dates(suit: Lawsuit, lawsuits, calendar: HolidayCalendar) -> JudgmentDates:
    """When ``suit``'s decision takes effect and its last day for performance: the dates entered, or else
    computed (an appealed decision does not take effect by its appeal period running out)."""
    lawsuits = list(lawsuits)
    served_on = None if appealed(suit, lawsuits) else suit.served_on
    return judgment_dates(decision=suit.decision, served_on=served_on, performance_days=suit.performance_days,
                          calendar=calendar, final=suit.instance == Lawsuit.Instance.SECOND,
                          effective_on=suit.effective_on, performance_due_on=suit.performance_due_on,
                          decided_on=suit.decided_on)


def enforcement_basis(lawsuits) -> Lawsuit | None:
    """The latest decision that can be enforced: a withdrawn suit (撤诉) or one not decided yet is none."""
    decided = sorted((suit for suit in lawsuits if suit.decides), key=lambda suit: suit.pk or 0)
    return decided[-1] if decided else None


def matter_judgment(lawsuits, calendar: HolidayCalendar) -> Judgment | None:
    """The matter's enforcement basis with its dates (None: no decision to enforce)."""
    lawsuits = list(lawsuits)
    suit = enforcement_basis(lawsuits)
    if suit is None:
        return None
    return Judgment(suit, lawsuit_dates(suit, lawsuits, calendar))
