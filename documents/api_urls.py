"""API routes of the documents feature (included at /api/v1/ on the firm's site)."""

from django.urls import path

from documents import api

urlpatterns = [
    path("matters/<str:matter_pk>/documents/", api.MatterDocumentsView.as_view(), name="api_matter_documents"),
    path("matters/<str:matter_pk>/documents/upload/", api.MatterDocumentUploadView.as_view(),
         name="api_matter_document_upload"),
    path("documents/<str:pk>/", api.DocumentDetailView.as_view(), name="api_document"),
    path("documents/<str:pk>/download/", api.DocumentDownloadView.as_view(), name="api_document_download"),
    path("document-templates/", api.TemplateListView.as_view(), name="api_document_templates"),
    path("document-templates/check/", api.TemplateCheckView.as_view(), name="api_document_template_check"),
    path("document-templates/variables/", api.VariablesView.as_view(), name="api_document_variables"),
]
