"""The platform admin's pages for the reference data (LPR table, holiday calendar), with a page each to enter
an official announcement as published: the People's Bank's LPR announcement and the State Council's yearly
holiday notice."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculators import services
from calculators.admin_forms import HolidayNoticeForm, LprAnnouncementForm
from calculators.models import CalendarDay, HolidayYear, LprRate


def _admin_url_name(model, view: str) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}_{view}"


class ReferenceDataAdmin(admin.ModelAdmin):
    """Edits take effect at once: the cached copy is dropped on every save and delete, and every firm's
    matters recompute the balances and deadlines they store (``matters.receivers``)."""

    change_list_template = "admin/calculators/reference_change_list.html"
    announcement_form = None
    announcement_title = ""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.reference_data_edited(self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.reference_data_edited(self.model)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.reference_data_edited(self.model)

    def get_urls(self):
        urls = super().get_urls()
        if self.announcement_form is None:
            return urls
        return [path("announcement/", self.admin_site.admin_view(self.announcement_view),
                     name=_admin_url_name(self.model, "announcement")), *urls]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.announcement_form is not None:
            extra_context["announcement_url"] = reverse(f"admin:{_admin_url_name(self.model, 'announcement')}")
            extra_context["announcement_title"] = self.announcement_title
        return super().changelist_view(request, extra_context)

    def announcement_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)
                and self.has_delete_permission(request)):
            raise PermissionDenied
        form = self.announcement_form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            messages.success(request, self.record_announcement(form.cleaned_data))
            return redirect(f"admin:{_admin_url_name(self.model, 'changelist')}")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": self.announcement_title}
        return TemplateResponse(request, "admin/calculators/announcement_form.html", context)

    def record_announcement(self, data) -> str:
        raise NotImplementedError


@admin.register(LprRate)
class LprRateAdmin(ReferenceDataAdmin):
    list_display = ("effective_from", "rate", "rate_five_year")
    announcement_form = LprAnnouncementForm
    announcement_title = gettext_lazy("录入LPR公告")

    def record_announcement(self, data) -> str:
        parsed = data["parsed"]
        _row, created = services.lpr_publication_record(parsed)
        done = _("已录入") if created else _("已更正")
        return _("%(done)s %(date)s 公布的LPR：1年期 %(one)s%%") % {
            "done": done, "date": parsed.published_on.isoformat(), "one": parsed.one_year}


@admin.register(HolidayYear)
class HolidayYearAdmin(ReferenceDataAdmin):
    list_display = ("year", "note")
    announcement_form = HolidayNoticeForm
    announcement_title = gettext_lazy("录入全年放假安排")

    def record_announcement(self, data) -> str:
        parsed = data["parsed"]
        services.holiday_year_record(parsed, note=data.get("note", ""))
        return _("已录入%(year)d年放假安排：放假%(holidays)d天，调休上班%(workdays)d天。") % {
            "year": parsed.year, "holidays": len(parsed.holidays), "workdays": len(parsed.workdays)}


@admin.register(CalendarDay)
class CalendarDayAdmin(ReferenceDataAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"
