from django.contrib import admin

from calculators.models import CalendarDay, HolidayYear, LprRate
from calculators.selectors import forget_reference_data


class ReferenceDataAdmin(admin.ModelAdmin):
    """Edits take effect at once: the cached copy is dropped on every save and delete."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_reference_data()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_reference_data()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_reference_data()


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
