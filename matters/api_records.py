"""REST API of the stage records, nested under their matter: /api/v1/matters/{matter_pk}/<slug>/. One view
set serves every record type of the registry (:mod:`matters.records`); each type gets its own subclass, so
that the schema names and documents it."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from accounts import access as roles
from matters import access, records, services
from matters.api import ApiViewSetMixin
from matters.models import Matter


@extend_schema(parameters=[OpenApiParameter("matter_pk", OpenApiTypes.INT, OpenApiParameter.PATH,
                                            description="案件 id")])
class MatterRecordViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    """Base of /api/v1/matters/{matter_pk}/<records>/: list, add, read, change and remove one kind of record
    of a stage. Each write goes through services.stage_record_* and is a timeline event."""

    record_type: records.RecordType
    permission_classes = [roles.StaffReadsWorkersWrite]
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def matter(self) -> Matter:
        if not hasattr(self, "_matter"):
            self._matter = access.get_matter_for_user(self.request.user, self.kwargs.get("matter_pk"))
        return self._matter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.record_type.model.objects.none()
        return self.record_type.queryset(self.matter())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False) and "matter_pk" in self.kwargs:
            context["matter"] = self.matter()
        return context

    def perform_create(self, serializer):
        serializer.instance = services.stage_record_create(actor=self.request.user, matter=self.matter(),
                                                           record_type=self.record_type.name,
                                                           **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.stage_record_update(actor=self.request.user, record=serializer.instance,
                                                           **serializer.validated_data)

    def perform_destroy(self, instance):
        services.stage_record_delete(actor=self.request.user, record=instance)


def record_viewset(record_type: records.RecordType) -> type[MatterRecordViewSet]:
    """The view set of one record type, named after its model (``AssetLeadViewSet``)."""
    return type(f"{record_type.class_name}ViewSet", (MatterRecordViewSet,),
                {"record_type": record_type, "serializer_class": record_type.serializer_class,
                 "__doc__": record_type.api_doc, "__module__": __name__})


# (URL slug, view set) of every record type, in the registry's order.
RECORD_ROUTES: tuple[tuple[str, type[MatterRecordViewSet]], ...] = tuple(
    (record_type.slug, record_viewset(record_type)) for record_type in records.RECORD_TYPES)
