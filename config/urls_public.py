"""The platform site at BASE_DOMAIN: product page, firm sign-up, platform admin, public calculators."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import config.api_schema  # noqa: F401 - registers the schema extensions
from tenants import views as tenant_views

urlpatterns = [
    path("", tenant_views.platform_home, name="platform_home"),
    path("signup/", tenant_views.signup, name="signup"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calculators/", include("calculators.urls")),
    path("api/v1/calculators/", include("calculators.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(urlconf="config.urls_public"), name="api_schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema",
                                                             template_name="api/swagger_ui.html"), name="api_docs"),
]

handler400 = "config.errors.bad_request"
