"""REST API of the documents app (under /api/v1/ on the firm's site).

- ``GET/POST /matters/{id}/documents/``: a matter's documents; POST ``{"kind": …}`` generates one (.docx from a
  template; ``matter_summary`` gives a PDF, ``write_off_dossier`` the ZIP). Missing data: 400
  ``{"code": "missing_data", "message", "missing": [{"field", "label", "fix_url"}]}``.
- ``POST /matters/{id}/documents/upload/`` (multipart ``file``, ``title``, ``shared_with_client``).
- ``GET/PATCH /documents/{id}/`` (PATCH ``shared_with_client``), ``GET /documents/{id}/download/``.
- ``GET/POST /document-templates/`` (POST multipart ``kind``, ``file``: partners), ``POST
  /document-templates/check/`` (validate only), ``GET /document-templates/variables/``.

Firm staff read; partners, lawyers and paralegals write; client-portal users get 403; another firm's ids 404.
"""

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import FIRM_STAFF, MANAGE_FIRM, IsFirmStaff, StaffReadsWorkersWrite, roles_for_method
from core.api import ApiError, JSONParser
from documents import access as document_access
from documents import catalogue, selectors, services
from documents.generation import generate
from documents.models import (
    GENERATABLE,
    TEMPLATE_KIND_CHOICES,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
)
from matters import access

GENERATABLE_CHOICES = [(kind, DocumentKind(kind).label) for kind in GENERATABLE]


class StaffReadsPartnersWrite(roles_for_method(FIRM_STAFF, MANAGE_FIRM, "StaffReadsPartnersWrite")):
    message = "只有合伙人可以管理文书模板。"


class DocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = GeneratedDocument
        fields = ["id", "matter", "kind", "kind_label", "version", "source", "title", "number", "filename",
                  "content_type", "size", "sha256", "template_version", "shared_with_client", "author",
                  "author_name", "created_at", "download_url"]
        read_only_fields = [f for f in fields if f != "shared_with_client"]

    def get_download_url(self, document) -> str:
        return reverse("api_document_download", args=[document.pk])


class GenerateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GENERATABLE_CHOICES)
    recipient = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                         help_text="律师函的收函人：本案担保人（debtor id）；不填为债务人")


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    shared_with_client = serializers.BooleanField(required=False, default=False)


class TemplateSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = DocumentTemplate
        fields = ["id", "kind", "kind_label", "version", "label", "original_name", "sha256", "is_active", "note",
                  "variables", "uploaded_by", "uploaded_at"]


class TemplateUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TEMPLATE_KIND_CHOICES)
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


def missing_data_response(error: services.MissingData) -> Response:
    return Response({"code": "missing_data", "message": error.message,
                     "missing": [{"field": m.field, "label": m.label, "fix_url": m.fix_url} for m in error.missing]},
                    status=status.HTTP_400_BAD_REQUEST)


def template_invalid_response(error: services.TemplateInvalid) -> Response:
    return Response({"code": "template_invalid", "message": error.message,
                     "problems": [p.as_dict() for p in error.problems]}, status=status.HTTP_400_BAD_REQUEST)


class MatterDocumentsView(APIView):
    permission_classes = [StaffReadsWorkersWrite]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request, matter_pk):
        matter = access.get_matter_for_user(request.user, matter_pk)
        return Response(DocumentSerializer(selectors.documents_of_matter(matter), many=True).data)

    @extend_schema(request=GenerateSerializer, responses={201: DocumentSerializer,
                                                          400: OpenApiResponse(description="missing_data")})
    def post(self, request, matter_pk):
        matter = access.get_matter_for_user(request.user, matter_pk)
        serializer = GenerateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            document = generate(actor=request.user, matter=matter, kind=serializer.validated_data["kind"],
                                firm=request.tenant, recipient_id=serializer.validated_data.get("recipient"))
        except services.MissingData as error:
            return missing_data_response(error)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class MatterDocumentUploadView(APIView):
    permission_classes = [StaffReadsWorkersWrite]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=UploadSerializer, responses={201: DocumentSerializer})
    def post(self, request, matter_pk):
        matter = access.get_matter_for_user(request.user, matter_pk)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_upload(actor=request.user, matter=matter, request=request,
                                            **serializer.validated_data)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


def file_response(document: GeneratedDocument) -> FileResponse:
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocumentDetailView(APIView):
    permission_classes = [StaffReadsWorkersWrite]

    @extend_schema(responses=DocumentSerializer)
    def get(self, request, pk):
        return Response(DocumentSerializer(document_access.get_document_for_user(request.user, pk)).data)

    @extend_schema(request=DocumentSerializer, responses=DocumentSerializer)
    def patch(self, request, pk):
        document = document_access.get_document_for_user(request.user, pk)
        if "shared_with_client" not in request.data:
            raise ApiError("只能修改“与委托人共享”。", code="invalid")
        shared = serializers.BooleanField().to_internal_value(request.data["shared_with_client"])
        document = services.document_set_shared(actor=request.user, document=document, shared=shared,
                                                request=request)
        return Response(DocumentSerializer(document).data)


class DocumentDownloadView(APIView):
    permission_classes = [IsFirmStaff]

    @extend_schema(responses={200: OpenApiResponse(description="the file")})
    def get(self, request, pk):
        return file_response(document_access.get_document_for_user(request.user, pk))


class TemplateListView(APIView):
    permission_classes = [StaffReadsPartnersWrite]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=TemplateSerializer(many=True))
    def get(self, request):
        templates = DocumentTemplate.objects.order_by("kind", "-version")
        return Response(TemplateSerializer(templates, many=True).data)

    @extend_schema(request=TemplateUploadSerializer, responses={201: TemplateSerializer,
                                                                400: OpenApiResponse(description="template_invalid")})
    def post(self, request):
        serializer = TemplateUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            template = services.template_upload(actor=request.user, kind=data["kind"], file=data["file"],
                                                note=data.get("note", ""), firm=request.tenant, request=request)
        except services.TemplateInvalid as error:
            return template_invalid_response(error)
        return Response(TemplateSerializer(template).data, status=status.HTTP_201_CREATED)


class TemplateCheckView(APIView):
    permission_classes = [StaffReadsPartnersWrite]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=TemplateUploadSerializer, responses={200: OpenApiResponse(description="problems")})
    def post(self, request):
        serializer = TemplateUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        validation = services.template_check(kind=serializer.validated_data["kind"],
                                             content=serializer.validated_data["file"].read(), firm=request.tenant)
        return Response({"ok": validation.ok, "variables": validation.variables,
                         "problems": [p.as_dict() for p in validation.problems]})


class VariablesView(APIView):
    permission_classes = [IsFirmStaff]

    @extend_schema(responses={200: OpenApiResponse(description="the catalogue")})
    def get(self, request):
        return Response({
            "variables": [{"group": group, "name": v.name, "label": v.label, "example": v.example}
                          for group, variables in catalogue.CATALOGUE for v in variables],
            "lists": [{"name": name, "label": label, "fields": [{"name": f.name, "label": f.label} for f in fields]}
                      for name, (label, fields) in catalogue.LISTS.items()],
            "loop_fields": [{"name": name, "label": label} for name, label in catalogue.LOOP_FIELDS.items()],
            "filters": [{"name": name, "label": label} for name, label in catalogue.FILTERS.items()],
        })
