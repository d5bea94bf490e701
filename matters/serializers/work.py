"""The work on a matter in the matters API: work-log entries and evidence files."""

from rest_framework import serializers

from core.serializers import ModelSerializer
from matters.models import EvidenceCategory, EvidenceFile, WorkLogEntry
from matters.serializers.base import MatterScopedMixin


class WorkLogEntrySerializer(MatterScopedMixin, ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True, default="")

    class Meta:
        model = WorkLogEntry
        fields = ["id", "matter", "kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount",
                  "promised_on", "interrupts_limitation", "interruption_basis", "author_name", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators = []


class EvidenceFileSerializer(MatterScopedMixin, ModelSerializer):
    file = serializers.FileField(write_only=True, help_text="按文件内容识别类型：PDF、PNG、JPEG、DOCX、XLSX")
    category = serializers.ChoiceField(choices=EvidenceCategory.choices, default=EvidenceCategory.OTHER)
    uploaded_by_name = serializers.CharField(source="uploaded_by.name", read_only=True, default="")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = ["id", "matter", "category", "title", "source", "purpose", "file", "original_name", "content_type", "size", "sha256",
                  "uploaded_by_name", "uploaded_at", "download_url"]
        read_only_fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]

    def get_download_url(self, evidence) -> str:
        return f"/api/v1/evidence/{evidence.pk}/download/"
