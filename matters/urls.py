"""Browser routes of the matters workspace. The matter list keeps the bare name ``matters`` (the main
navigation links to it); everything else is namespaced ``matters:``."""

from django.urls import include, path

from matters.views import arbitration, deadlines, mandates, matters, parties, payments, records, work

app_name_routes = [
    path("clients/", parties.client_list, name="client_list"),
    path("clients/new/", parties.client_create, name="client_create"),
    path("clients/<int:client_id>/", parties.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", parties.client_edit, name="client_edit"),
    path("clients/<int:client_id>/portal-users/", parties.client_portal_user_add, name="client_portal_user_add"),
    path("debtors/", parties.debtor_list, name="debtor_list"),
    path("debtors/new/", parties.debtor_create, name="debtor_create"),
    path("debtors/<int:debtor_id>/", parties.debtor_detail, name="debtor_detail"),
    path("debtors/<int:debtor_id>/edit/", parties.debtor_edit, name="debtor_edit"),
    path("mandates/", mandates.mandate_list, name="mandate_list"),
    path("mandates/new/", mandates.mandate_create, name="mandate_create"),
    path("mandates/<int:mandate_id>/", mandates.mandate_detail, name="mandate_detail"),
    path("mandates/<int:mandate_id>/edit/", mandates.mandate_edit, name="mandate_edit"),
    path("matters/", matters.matter_list, name="matter_list"),
    path("matters/new/", matters.matter_create, name="matter_create"),
    path("matters/<int:matter_id>/", matters.matter_detail, name="matter_detail"),
    path("matters/<int:matter_id>/edit/", matters.matter_edit, name="matter_edit"),
    path("matters/<int:matter_id>/transition/", matters.matter_transition, name="matter_transition"),
    path("matters/<int:matter_id>/guarantees/<int:guarantee_id>/edit/", matters.guarantee_edit,
         name="guarantee_edit"),
    path("matters/<int:matter_id>/payments/", payments.payment_create, name="payment_create"),
    path("matters/<int:matter_id>/payments/<int:payment_id>/reverse/", payments.payment_reverse,
         name="payment_reverse"),
    path("matters/<int:matter_id>/worklog/", work.worklog_create, name="worklog_create"),
    path("matters/<int:matter_id>/evidence/", work.evidence_upload, name="evidence_upload"),
    path("matters/<int:matter_id>/evidence/<int:evidence_id>/download/", work.evidence_download,
         name="evidence_download"),
    path("matters/<int:matter_id>/records/<slug:kind>/new/", records.record_create, name="record_create"),
    path("matters/<int:matter_id>/records/<slug:kind>/<int:record_id>/edit/", records.record_edit,
         name="record_edit"),
    path("matters/<int:matter_id>/records/<slug:kind>/<int:record_id>/delete/", records.record_delete,
         name="record_delete"),
    path("deadlines/", deadlines.my_deadlines, name="my_deadlines"),
    path("settings/arbitration-fees/", arbitration.arbitration_fee_scales, name="arbitration_fee_scales"),
    path("settings/arbitration-fees/new/", arbitration.arbitration_fee_scale_edit,
         name="arbitration_fee_scale_create"),
    path("settings/arbitration-fees/<int:scale_id>/", arbitration.arbitration_fee_scale_edit,
         name="arbitration_fee_scale_edit"),
    path("settings/arbitration-fees/<int:scale_id>/delete/", arbitration.arbitration_fee_scale_delete,
         name="arbitration_fee_scale_delete"),
]

urlpatterns = [
    path("matters/", matters.matter_list, name="matters"),
    path("", include((app_name_routes, "matters"))),
]
