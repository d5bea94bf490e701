"""Browser routes of the matters workspace."""

from django.urls import path

from accounts import views as accounts_views

urlpatterns = [
    path("matters/", accounts_views.section_placeholder, {"section": "matters"}, name="matters"),
]
