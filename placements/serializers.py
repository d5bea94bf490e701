"""Parsing and rendering for the imports API. Component names all start with "Placement" so they never meet
another app's, and the two choice fields have field names of their own (import_status, row_status), so
their enums are ImportStatusEnum and RowStatusEnum without any ENUM_NAME_OVERRIDES."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from placements.access import importable_mandates
from placements.models import PlacementImport, PlacementRow
from placements.presenters import messages_of


class PlacementUploadSerializer(serializers.Serializer):
    mandate = serializers.PrimaryKeyRelatedField(queryset=PlacementImport.objects.none(),
                                                 help_text="导入到哪个委托（须为履行中的委托）")
    file = serializers.FileField(help_text="按文件内容识别：.xlsx 或 CSV（UTF-8 或 GBK），不超过 10 MB、20,000 行")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["mandate"].queryset = importable_mandates(getattr(request, "user", None))


class PlacementMessageSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="列名代码，如 principal、id_number；空表示整行")
    code = serializers.CharField()
    message = serializers.CharField()


class PlacementCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="total_rows")
    valid = serializers.IntegerField(source="valid_rows")
    errors = serializers.IntegerField(source="error_rows")
    imported = serializers.IntegerField(source="imported_rows", help_text="此前已导入、本次不再创建的行")
    created = serializers.IntegerField(source="created_rows")


class PlacementRowSerializer(serializers.ModelSerializer):
    row_status = serializers.ChoiceField(source="status", choices=PlacementRow.Status.choices, read_only=True)
    values = serializers.DictField(child=serializers.CharField(allow_blank=True), read_only=True)
    errors = serializers.SerializerMethodField()
    notices = serializers.SerializerMethodField()
    matter_reference = serializers.CharField(source="matter.reference", read_only=True, default=None,
                                             allow_null=True)

    class Meta:
        model = PlacementRow
        fields = ["line", "row_status", "values", "errors", "notices", "matter", "matter_reference"]
        read_only_fields = fields

    @extend_schema_field(PlacementMessageSerializer(many=True))
    def get_errors(self, row) -> list[dict]:
        return messages_of(row.problems)

    @extend_schema_field(PlacementMessageSerializer(many=True))
    def get_notices(self, row) -> list[dict]:
        return messages_of(row.notices)


class PlacementImportSerializer(serializers.ModelSerializer):
    import_status = serializers.ChoiceField(source="status", choices=PlacementImport.Status.choices,
                                            read_only=True)
    client_name = serializers.CharField(source="mandate.client.name", read_only=True)
    counts = PlacementCountsSerializer(source="*", read_only=True)
    uploaded_by_name = serializers.CharField(source="uploaded_by.name", read_only=True, default="")
    confirmed_by_name = serializers.CharField(source="confirmed_by.name", read_only=True, default="")

    class Meta:
        model = PlacementImport
        fields = ["id", "mandate", "client_name", "original_name", "file_kind", "file_size", "import_status",
                  "counts", "uploaded_by_name", "created_at", "confirmed_by_name", "confirmed_at"]
        read_only_fields = fields


class PlacementImportDetailSerializer(PlacementImportSerializer):
    rows = serializers.SerializerMethodField()

    class Meta(PlacementImportSerializer.Meta):
        fields = [*PlacementImportSerializer.Meta.fields, "rows"]
        read_only_fields = fields

    @extend_schema_field(PlacementRowSerializer(many=True))
    def get_rows(self, placement_import) -> list[dict]:
        rows = placement_import.rows.select_related("matter").order_by("line")
        return PlacementRowSerializer(rows, many=True).data
