"""The shared reference data as the rules library wants it. Both tables live in the public schema, which
is on every firm's search path, so these work on the platform site and inside any firm alike."""

from django.core.cache import caches

from calculators.models import CalendarDay, HolidayYear, LprRate
from rules.deadlines import HolidayCalendar
from rules.rates import LprTable

# Cached briefly: both tables change a few times a year, and every deadline computation reads them.
CACHE_SECONDS = 300
CALENDAR_CACHE_KEY = "calculators:holiday-calendar"
LPR_CACHE_KEY = "calculators:lpr-table"


def holiday_calendar() -> HolidayCalendar:
    cache = caches["shared"]
    calendar = cache.get(CALENDAR_CACHE_KEY)
    if calendar is None:
        rows = list(CalendarDay.objects.values_list("date", "kind"))
        calendar = HolidayCalendar(
            holidays=frozenset(day for day, kind in rows if kind == CalendarDay.Kind.HOLIDAY),
            workdays=frozenset(day for day, kind in rows if kind == CalendarDay.Kind.WORKDAY),
            years=frozenset(HolidayYear.objects.values_list("year", flat=True)),
        )
        cache.set(CALENDAR_CACHE_KEY, calendar, CACHE_SECONDS)
    return calendar


def lpr_table() -> LprTable:
    cache = caches["shared"]
    table = cache.get(LPR_CACHE_KEY)
    if table is None:
        table = LprTable(entries=tuple(LprRate.objects.values_list("effective_from", "rate")))
        cache.set(LPR_CACHE_KEY, table, CACHE_SECONDS)
    return table


def forget_reference_data() -> None:
    caches["shared"].delete_many([CALENDAR_CACHE_KEY, LPR_CACHE_KEY])
