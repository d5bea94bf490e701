"""Browser routes of the documents feature."""

from django.urls import path

from accounts import views as accounts_views

urlpatterns = [
    path("documents/", accounts_views.section_placeholder, {"section": "documents"}, name="documents"),
]
