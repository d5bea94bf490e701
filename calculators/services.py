"""Writes to the shared reference data: an LPR publication or a year's holiday notice, entered by a platform
admin. Each write drops the cached copy and tells every firm's matters to recompute what they store
(``calculators.signals.reference_data_changed``)."""

from __future__ import annotations

from django.db import transaction

from calculators.announcements import HolidayNotice, LprAnnouncement
from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import forget_reference_data
from calculators.signals import reference_data_changed


def reference_data_edited(sender) -> None:
    forget_reference_data()
    reference_data_changed.send(sender=sender)


def lpr_publication_record(announcement: LprAnnouncement) -> tuple[LprRate, bool]:
    """Stores one monthly publication, even when the rate is unchanged: the table's newest entry is what
    tells the product up to when the LPR is known (rules.rates.LprTable.stale_from). A second paste of the same
    date corrects it. Returns the row and whether it is new."""
    with transaction.atomic():
        row, created = LprRate.objects.update_or_create(
            effective_from=announcement.published_on,
            defaults={"rate": announcement.one_year, "rate_five_year": announcement.five_year},
        )
    reference_data_edited(LprRate)
    return row, created


def holiday_year_record(notice: HolidayNotice, *, note: str = "") -> HolidayYear:
    """Replaces a year's holidays and make-up working days with those of the notice; the year is then covered."""
    with transaction.atomic():
        CalendarDay.objects.filter(date__year=notice.year).delete()
        CalendarDay.objects.bulk_create(
            [CalendarDay(date=day, kind=CalendarDay.Kind.HOLIDAY, name=name[:50])
             for day, name in sorted(notice.holidays.items())]
            + [CalendarDay(date=day, kind=CalendarDay.Kind.WORKDAY, name="调休上班") for day in notice.workdays])
        year, _created = HolidayYear.objects.update_or_create(year=notice.year, defaults={"note": note[:200]})
    reference_data_edited(HolidayYear)
    return year
