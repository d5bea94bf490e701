"""Browser routes of the matters workspace. The matter list keeps the bare name ``matters`` (the main
navigation links to it); everything else is namespaced ``matters:``."""

from django.urls import include, path

from matters import views

app_name_routes = [
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:client_id>/", views.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:client_id>/portal-users/", views.client_portal_user_add, name="client_portal_user_add"),
    path("debtors/", views.debtor_list, name="debtor_list"),
    path("debtors/new/", views.debtor_create, name="debtor_create"),
    path("debtors/<int:debtor_id>/", views.debtor_detail, name="debtor_detail"),
    path("debtors/<int:debtor_id>/edit/", views.debtor_edit, name="debtor_edit"),
    path("mandates/", views.mandate_list, name="mandate_list"),
    path("mandates/new/", views.mandate_create, name="mandate_create"),
    path("mandates/<int:mandate_id>/", views.mandate_detail, name="mandate_detail"),
    path("mandates/<int:mandate_id>/edit/", views.mandate_edit, name="mandate_edit"),
    path("matters/", views.matter_list, name="matter_list"),
    path("matters/new/", views.matter_create, name="matter_create"),
    path("matters/<int:matter_id>/", views.matter_detail, name="matter_detail"),
    path("matters/<int:matter_id>/edit/", views.matter_edit, name="matter_edit"),
    path("matters/<int:matter_id>/transition/", views.matter_transition, name="matter_transition"),
    path("matters/<int:matter_id>/payments/", views.payment_create, name="payment_create"),
    path("matters/<int:matter_id>/payments/<int:payment_id>/reverse/", views.payment_reverse,
         name="payment_reverse"),
    path("matters/<int:matter_id>/worklog/", views.worklog_create, name="worklog_create"),
    path("matters/<int:matter_id>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("matters/<int:matter_id>/evidence/<int:evidence_id>/download/", views.evidence_download,
         name="evidence_download"),
    path("matters/<int:matter_id>/records/<slug:kind>/new/", views.record_create, name="record_create"),
    path("matters/<int:matter_id>/records/<slug:kind>/<int:record_id>/edit/", views.record_edit,
         name="record_edit"),
    path("matters/<int:matter_id>/records/<slug:kind>/<int:record_id>/delete/", views.record_delete,
         name="record_delete"),
    path("deadlines/", views.my_deadlines, name="my_deadlines"),
]

urlpatterns = [
    path("matters/", views.matter_list, name="matters"),
    path("", include((app_name_routes, "matters"))),
]
