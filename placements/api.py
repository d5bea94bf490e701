"""REST API of bulk placement imports under /api/v1/imports/ on the firm's domain.

- ``POST /imports/`` (multipart: ``mandate``, ``file``) reads and checks the file and returns the import with its
  preview: counts and every row with its problems. A file that cannot be imported gives 400 with a code such as
  ``not_spreadsheet``, ``broken_file``, ``empty_sheet``, ``no_rows``, ``unknown_columns``, ``missing_columns``,
  ``too_large``, ``too_many_rows``; nothing is stored.
- ``GET /imports/{id}/`` the same import again; ``GET /imports/`` the firm's imports (without rows).
- ``POST /imports/{id}/confirm/`` creates the matters of the valid rows in one transaction (idempotent).

Partners, lawyers and paralegals only; finance and client-portal users get 403; another firm's import 404.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api import ApiError
from placements import selectors, services
from placements import serializers as s
from placements.access import CanImport, get_import_for_user

ERROR_SCHEMA = OpenApiResponse(description='{"code", "message", "fields"}')


class ImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """批量导入委托债权: upload → preview → confirm."""

    permission_classes = [CanImport]
    parser_classes = [MultiPartParser, FormParser]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.import_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return s.PlacementUploadSerializer
        if self.action == "list":
            return s.PlacementImportSerializer
        return s.PlacementImportDetailSerializer

    def get_object(self):
        return get_import_for_user(self.request.user, self.kwargs.get("pk"), queryset=self.get_queryset())

    @extend_schema(request={"multipart/form-data": s.PlacementUploadSerializer},
                   responses={201: s.PlacementImportDetailSerializer, 400: ERROR_SCHEMA})
    def create(self, request):
        """Uploads a file and returns its preview; creates no matter."""
        upload = s.PlacementUploadSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        try:
            placement_import = services.import_upload(actor=request.user, **upload.validated_data)
        except services.ImportFileError as error:
            raise ApiError(error.text, code=error.problem) from None
        placement_import = self.get_queryset().get(pk=placement_import.pk)
        return Response(s.PlacementImportDetailSerializer(placement_import).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.PlacementImportDetailSerializer, 400: ERROR_SCHEMA})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Creates the matters of every valid row in one transaction; confirming twice creates nothing more."""
        placement_import = self.get_object()
        try:
            placement_import = services.import_confirm(actor=request.user, placement_import=placement_import)
        except ValidationError as error:
            if "__all__" not in getattr(error, "message_dict", {}):
                raise
            raise ApiError(error.messages[0], code="import_conflict",
                           status_code=status.HTTP_409_CONFLICT) from None
        placement_import = self.get_queryset().get(pk=placement_import.pk)
        return Response(s.PlacementImportDetailSerializer(placement_import).data)
