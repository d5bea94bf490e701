"""REST API of the workspace under /api/v1/: board, dashboard, ledger and ageing (JSON and .xlsx downloads),
notifications. Reads for firm staff (finance included); client-portal users get 403 everywhere here. Board
moves go through the matters API (``POST /api/v1/matters/{id}/transition/``), the same service as the board."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import IsFirmStaff
from matters import access
from matters import selectors as matter_selectors
from matters.filters import MatterFilter
from matters.models import Matter
from matters.serializers import DeadlineSerializer
from matters.stages import Stage
from workspace import exports, selectors, services
from workspace.models import Notification

XLSX_RESPONSE = {(200, exports.XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Excel 工作簿")}
BOARD_PARAMS = [
    OpenApiParameter("lawyer", OpenApiTypes.INT, description="承办律师 id"),
    OpenApiParameter("client", OpenApiTypes.INT, description="委托人 id"),
    OpenApiParameter("mandate", OpenApiTypes.INT, description="委托 id"),
    OpenApiParameter("search", OpenApiTypes.STR, description="债务人、案件编号、法院案号等"),
    OpenApiParameter("cap", OpenApiTypes.INT, description="每列最多返回的卡片数（1–100，默认 15）"),
]


# --- serializers ---------------------------------------------------------------------------------------------


class BoardCardSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="matter.pk")
    reference = serializers.CharField(source="matter.reference")
    version = serializers.IntegerField(source="matter.version")
    debtor_name = serializers.CharField(source="matter.debtor.name")
    client_name = serializers.CharField(source="matter.mandate.client.name")
    lawyer_id = serializers.IntegerField(source="matter.lawyer_id", allow_null=True)
    lawyer_name = serializers.SerializerMethodField()
    principal = serializers.DecimalField(source="matter.principal", max_digits=14, decimal_places=2)
    due_date = serializers.DateField(source="matter.due_date")
    overdue_deadlines = serializers.IntegerField(source="overdue")
    next_deadline = DeadlineSerializer(allow_null=True)

    def get_lawyer_name(self, card) -> str:
        return card.matter.lawyer.name if card.matter.lawyer_id else ""


class BoardColumnSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="该阶段进行中的案件总数")
    hidden = serializers.IntegerField(help_text="未返回的卡片数（见案件列表）")
    cards = BoardCardSerializer(many=True)


class BoardSerializer(serializers.Serializer):
    columns = BoardColumnSerializer(many=True)


class StageCountSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="当月第一日")
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class ClientRateSerializer(serializers.Serializer):
    client_id = serializers.IntegerField()
    name = serializers.CharField()
    matters = serializers.IntegerField()
    claimed = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="本金＋费用")
    recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    rate = serializers.DecimalField(max_digits=6, decimal_places=1, help_text="回款率（%）")


class DashboardSerializer(serializers.Serializer):
    today = serializers.DateField()
    overdue = DeadlineSerializer(many=True)
    upcoming = DeadlineSerializer(many=True, help_text="7 日内到期")
    stages = serializers.SerializerMethodField()
    open_matters = serializers.IntegerField()
    month_recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    month_payments = serializers.IntegerField()
    claimed = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="进行中案件的本金＋费用")
    recovered_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    recovered_rate = serializers.DecimalField(max_digits=6, decimal_places=1)
    months = MonthSerializer(many=True)
    clients = ClientRateSerializer(many=True)

    @extend_schema_field(StageCountSerializer(many=True))
    def get_stages(self, figures) -> list[dict]:
        return StageCountSerializer([{"stage": s, "label": label, "count": n} for s, label, n in figures.stages],
                                    many=True).data


class LedgerRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="matter.pk")
    reference = serializers.CharField(source="matter.reference")
    client_name = serializers.CharField(source="matter.mandate.client.name")
    client_uscc = serializers.CharField(source="matter.mandate.client.uscc")
    debtor_name = serializers.CharField(source="matter.debtor.name")
    debtor_id_number = serializers.CharField(source="matter.debtor.id_number")
    cause = serializers.CharField(source="matter.cause")
    cause_label = serializers.CharField(source="matter.get_cause_display")
    principal = serializers.DecimalField(source="matter.principal", max_digits=14, decimal_places=2)
    claimed = serializers.DecimalField(max_digits=16, decimal_places=2)
    recovered = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    due_date = serializers.DateField(source="matter.due_date")
    days_overdue = serializers.IntegerField()
    stage = serializers.CharField(source="matter.stage")
    stage_label = serializers.CharField(source="matter.get_stage_display")
    outcome = serializers.CharField(source="matter.outcome")
    outcome_label = serializers.CharField(source="matter.get_outcome_display")
    lawyer_name = serializers.SerializerMethodField()
    last_contact = serializers.DateField(allow_null=True)
    next_deadline = DeadlineSerializer(allow_null=True)

    def get_lawyer_name(self, row) -> str:
        return row.matter.lawyer.name if row.matter.lawyer_id else ""


class AgeingCellSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    count = serializers.IntegerField()


class AgeingLineSerializer(serializers.Serializer):
    client_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    buckets = serializers.SerializerMethodField(help_text="按账龄段 key（d0_90 …）的金额与件数")
    total = AgeingCellSerializer()

    @extend_schema_field({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/AgeingCell"}})
    def get_buckets(self, line) -> dict[str, dict]:
        return {key: AgeingCellSerializer(line.cells[key]).data for key, *_ in selectors.AGEING_BUCKETS}


class AgeingBucketSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    from_days = serializers.IntegerField()
    to_days = serializers.IntegerField(allow_null=True)


class AgeingSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    buckets = serializers.SerializerMethodField()
    lines = AgeingLineSerializer(many=True)
    total = AgeingLineSerializer()

    @extend_schema_field(AgeingBucketSerializer(many=True))
    def get_buckets(self, report) -> list[dict]:
        return [{"key": key, "label": label, "from_days": low, "to_days": high}
                for key, label, low, high in selectors.AGEING_BUCKETS]


class NotificationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Notification.Kind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


# --- views ---------------------------------------------------------------------------------------------------


def _board_base(request):
    return MatterFilter(request.query_params, queryset=access.visible_matters(request.user)).qs


class BoardView(APIView):
    """看板: open matters by stage, most urgent first, at most ``cap`` cards per column with each column's total."""

    permission_classes = [IsFirmStaff]

    @extend_schema(parameters=BOARD_PARAMS, responses=BoardSerializer)
    def get(self, request):
        try:
            cap = min(max(int(request.query_params.get("cap", selectors.BOARD_CAP)), 1), 100)
        except ValueError:
            cap = selectors.BOARD_CAP
        columns = selectors.board_columns(user=request.user, queryset=_board_base(request), cap=cap)
        return Response(BoardSerializer({"columns": columns}).data)


class DashboardView(APIView):
    """工作台 figures: my deadlines (overdue, 7 days), open matters by stage, this month's recoveries against
    the amounts claimed, 12 months of recoveries, recovery rate by client (top 10 by amount claimed)."""

    permission_classes = [IsFirmStaff]

    @extend_schema(responses=DashboardSerializer)
    def get(self, request):
        return Response(DashboardSerializer(selectors.dashboard(user=request.user)).data)


class LedgerView(generics.GenericAPIView):
    """应收账款台账: one row per matter (the matter filters apply), paginated; ``ledger/xlsx/`` downloads all."""

    permission_classes = [IsFirmStaff]
    serializer_class = LedgerRowSerializer
    filterset_class = MatterFilter

    def get_queryset(self):
        return matter_selectors.matter_list(user=self.request.user)

    def filtered(self):
        return selectors.ledger_queryset(user=self.request.user, queryset=self.filter_queryset(self.get_queryset()))

    def get(self, request):
        matters = self.filtered()
        page = self.paginate_queryset(matters.select_related(None).prefetch_related(None).only("pk"))
        ids = [matter.pk for matter in page]
        rows = list(selectors.ledger_rows(matters.filter(pk__in=ids)))
        return self.get_paginated_response(LedgerRowSerializer(rows, many=True).data)


class LedgerXlsxView(LedgerView):
    @extend_schema(responses=XLSX_RESPONSE)
    def get(self, request):
        today = timezone.localdate()
        rows = selectors.ledger_rows(self.filtered(), today=today)
        return exports.ledger_response(rows, as_of=today, firm_name=request.tenant.name)


class AgeingView(generics.GenericAPIView):
    """账龄分析: outstanding amounts and counts of open matters by client and by time since the due date."""

    permission_classes = [IsFirmStaff]
    serializer_class = AgeingSerializer
    filterset_class = MatterFilter
    pagination_class = None

    def get_queryset(self):
        return Matter.objects.none() if getattr(self, "swagger_fake_view", False) \
            else access.visible_matters(self.request.user)

    def report(self):
        return selectors.ageing(user=self.request.user, queryset=self.filter_queryset(self.get_queryset()))

    def get(self, request):
        return Response(AgeingSerializer(self.report()).data)


class AgeingXlsxView(AgeingView):
    @extend_schema(responses=XLSX_RESPONSE)
    def get(self, request):
        return exports.ageing_response(self.report(), firm_name=request.tenant.name)


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The requesting person's own notifications, newest first."""

    permission_classes = [IsFirmStaff]
    serializer_class = NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return selectors.notifications_for(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.notification_mark_read(actor=request.user, notification=self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.notifications_mark_all_read(actor=request.user)})
