"""Browser routes of the documents feature (included at the firm site's root)."""

from django.urls import path

from documents import views

urlpatterns = [
    path("documents/", views.index, name="documents"),
    path("documents/variables/", views.variables, name="document_variables"),
    path("documents/templates/upload/", views.template_upload, name="document_template_upload"),
    path("documents/templates/builtin/<str:kind>.docx", views.builtin_download, name="document_builtin_download"),
    path("documents/templates/builtin/<str:kind>/use/", views.template_use_builtin, name="document_template_builtin"),
    path("documents/templates/<int:template_id>/download/", views.template_download,
         name="document_template_download"),
    path("documents/templates/<int:template_id>/activate/", views.template_activate,
         name="document_template_activate"),
    path("documents/reports/progress/", views.progress_report, name="document_progress_report"),
    path("documents/files/<int:document_id>/download/", views.document_download, name="document_download"),
    path("documents/files/<int:document_id>/share/", views.document_share, name="document_share"),
    path("matters/<int:matter_id>/documents/", views.matter_documents, name="matter_documents"),
    path("matters/<int:matter_id>/documents/generate/", views.matter_document_generate,
         name="matter_document_generate"),
    path("matters/<int:matter_id>/documents/upload/", views.matter_document_upload, name="matter_document_upload"),
]
