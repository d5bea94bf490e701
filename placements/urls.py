from django.urls import path

from placements import views

app_name = "placements"

urlpatterns = [
    path("imports/", views.import_list, name="list"),
    path("imports/new/", views.import_new, name="new"),
    path("imports/template.xlsx", views.template_download, {"kind": "xlsx"}, name="template_xlsx"),
    path("imports/template.csv", views.template_download, {"kind": "csv"}, name="template_csv"),
    path("imports/<int:import_id>/", views.import_detail, name="detail"),
    path("imports/<int:import_id>/confirm/", views.import_confirm, name="confirm"),
]
