"""The one check every legal date goes through: a sane range, and for events that have happened, not later
than today.

The bounds are what the product's rules can compute with: a period of up to 100 years added to the latest
date still fits in Python's calendar, and nothing the product records (a debt, a judgment, a letter) is dated
before the People's Republic. A date outside them is a typing error (9999-12-31, 0583-01-01), never a fact.

Model fields name these validators once (``matters.models``); the forms and serializers built from those
fields inherit them, and the bulk import asks :func:`date_problem` for the same answer.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST_DATE = date(1949, 10, 1)
LATEST_DATE = date(2100, 12, 31)

TOO_EARLY = "date_too_early"
TOO_LATE = "date_too_late"
IN_FUTURE = "date_in_future"


def today() -> date:
    """Today in the firm's time zone (Asia/Shanghai), the day against which "in the future" is judged."""
    return timezone.localdate()


def date_problem(value: date, *, past_only: bool = False) -> str | None:
    """The code of what is wrong with ``value`` (:data:`TOO_EARLY`, :data:`TOO_LATE`, :data:`IN_FUTURE`), or
    None when the date is acceptable."""
    if value < EARLIEST_DATE:
        return TOO_EARLY
    if value > LATEST_DATE:
        return TOO_LATE
    if past_only and value > today():
        return IN_FUTURE
    return None


def date_problem_message(code: str, value: date | str) -> str:
    """The words for a :func:`date_problem` code, in the reader's language."""
    shown = value.isoformat() if isinstance(value, date) else str(value)
    if code == IN_FUTURE:
        return _("日期不能晚于今天（今天是 %(today)s，收到：%(value)s）。") % {
            "value": shown, "today": today().isoformat()}
    return _("日期应在 %(earliest)s 至 %(latest)s 之间，请核对年份（收到：%(value)s）。") % {
        "value": shown, "earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()}


def _check(value, *, past_only: bool) -> None:
    if not isinstance(value, date):  # the field's own parsing reports what is not a date
        return
    code = date_problem(value, past_only=past_only)
    if code:
        raise ValidationError(date_problem_message(code, value), code=code)


def validate_legal_date(value: date) -> None:
    """A date within :data:`EARLIEST_DATE` … :data:`LATEST_DATE` (a due date, a hearing, a promised day)."""
    _check(value, past_only=False)


def validate_past_date(value: date) -> None:
    """A date within the bounds and not after today: something that has happened (a letter sent, a payment
    received, a judgment served)."""
    _check(value, past_only=True)
