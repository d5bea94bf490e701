"""A firm's own site at <slug>.BASE_DOMAIN."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import config.api_schema  # noqa: F401 - registers the schema extensions
from accounts import api as accounts_api
from accounts import views as accounts_views
from accounts.forms import EmailAuthenticationForm
from tenants import views as tenant_views

api_urlpatterns = [
    path("auth/token/", accounts_api.TokenView.as_view(), name="api_token"),
    path("me/", accounts_api.MeView.as_view(), name="api_me"),
    path("", include("accounts.api_urls")),
    path("schema/", SpectacularAPIView.as_view(urlconf="config.urls_firm"), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema", template_name="api/swagger_ui.html"),
         name="api_docs"),
    path("calculators/", include("calculators.api_urls")),
    path("", include("matters.api_urls")),
    path("", include("documents.api_urls")),
    path("", include("workspace.api_urls")),
    path("", include("placements.api_urls")),
]

auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm,
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt"), name="password_reset"),
    path("password-reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("auth/handoff/<str:token>/", accounts_views.login_handoff, name="login_handoff"),
    path("invite/<str:token>/", accounts_views.invitation_accept, name="invitation_accept"),
]

urlpatterns = [
    path("", accounts_views.home, name="home"),
    *auth_urlpatterns,
    path("people/", accounts_views.people, name="people"),
    path("people/invite/", accounts_views.person_invite, name="person_invite"),
    path("people/<int:person_id>/role/", accounts_views.person_change_role, name="person_change_role"),
    path("people/<int:person_id>/practice-certificate/", accounts_views.person_practice_certificate,
         name="person_practice_certificate"),
    path("people/<int:person_id>/deactivate/", accounts_views.person_deactivate, name="person_deactivate"),
    path("people/<int:person_id>/reactivate/", accounts_views.person_reactivate, name="person_reactivate"),
    path("people/invitations/<int:invitation_id>/revoke/", accounts_views.invitation_revoke,
         name="invitation_revoke"),
    path("audit/", accounts_views.audit_log, name="audit_log"),
    path("settings/", tenant_views.firm_settings, name="firm_settings"),
    path("", include("matters.urls")),
    path("calculators/", include("calculators.urls")),
    path("", include("documents.urls")),
    path("", include("workspace.urls")),
    path("", include("placements.urls")),
    path("billing/", accounts_views.section_placeholder, {"section": "billing"}, name="billing"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_urlpatterns)),
]

handler400 = "config.errors.bad_request"
