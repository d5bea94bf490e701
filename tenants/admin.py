from django.contrib import admin
from django_tenants.admin import TenantAdminMixin

from tenants.models import Domain, Firm


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Firm)
class FirmAdmin(TenantAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "schema_name", "created_at")
    search_fields = ("name", "slug")
    readonly_fields = ("schema_name", "created_at")
    inlines = [DomainInline]
