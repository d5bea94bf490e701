"""The platform admin's pages for the reference data (LPR table, holiday calendar)."""

from django.contrib import admin

from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import forget_reference_data
from calculators.signals import reference_data_changed


def reference_data_edited(sender) -> None:
    forget_reference_data()
    reference_data_changed.send(sender=sender)


class ReferenceDataAdmin(admin.ModelAdmin):
    """Edits take effect at once: the cached copy is dropped on every save and delete, and every firm's
    matters recompute the balances and deadlines they store (``matters.receivers``)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reference_data_edited(self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        reference_data_edited(self.model)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        reference_data_edited(self.model)


@admin.register(LprRate)
class LprRateAdmin(ReferenceDataAdmin):
    list_display = ("effective_from", "rate")


@admin.register(HolidayYear)
class HolidayYearAdmin(ReferenceDataAdmin):
    list_display = ("year", "note")


@admin.register(CalendarDay)
class CalendarDayAdmin(ReferenceDataAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"
