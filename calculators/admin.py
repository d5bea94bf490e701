from django.contrib import admin

from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import forget_reference_data
from matters.tasks import figures_refresh_everywhere


def reference_data_changed() -> None:
    forget_reference_data()
    figures_refresh_everywhere()


class ReferenceDataAdmin(admin.ModelAdmin):
    """Edits take effect at once: the cached copy is dropped on every save and delete, and every firm's
    matters recompute the balances and deadlines they store."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reference_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        reference_data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        reference_data_changed()


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
