"""The platform site at BASE_DOMAIN: product page, firm sign-up, platform admin, public calculators."""

from django.contrib import admin
from django.urls import include, path

from tenants import views as tenant_views

urlpatterns = [
    path("", tenant_views.platform_home, name="platform_home"),
    path("signup/", tenant_views.signup, name="signup"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
