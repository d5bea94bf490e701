"""REST API of the matters app under /api/v1/ on the firm's domain. Thin: parse with a serializer, call one
service, render. Who may do what is decided by matters.access (client-portal users get 403 everywhere here;
objects that are not visible — another firm's, or a guessed id — get 404)."""

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts import access as roles
from core.api import ApiError, JSONParser
from core.dates import validate_legal_date
from matters import access, balances, selectors, services, stages
from matters import serializers as s
from matters.filters import (
    ClientFilter,
    DebtorFilter,
    EvidenceFilter,
    MandateFilter,
    MatterFilter,
    PaymentFilter,
    WorkLogFilter,
)
from matters.models import Matter
from matters.stages import StageConflict

ERROR_SCHEMA = OpenApiResponse(description='{"code", "message", "fields"}')


def conflict_error(conflict: StageConflict) -> ApiError:
    return ApiError(conflict.message, code="stage_conflict", status_code=status.HTTP_409_CONFLICT,
                    fields={"current_version": conflict.current_version, "current_stage": conflict.current_stage,
                            "current_outcome": conflict.current_outcome})


class ApiViewSetMixin:
    """Shared by every view set here: a StageConflict from a service becomes 409 JSON."""

    def handle_exception(self, exc):
        if isinstance(exc, StageConflict):
            exc = conflict_error(exc)
        return super().handle_exception(exc)


# --- parties and mandates ----------------------------------------------------------------------------------


class ClientViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """委托人 (client companies) and their contacts."""

    serializer_class = s.ClientSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = ClientFilter

    def get_queryset(self):
        return selectors.client_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.client_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.client_update(actor=self.request.user, client=serializer.instance,
                                                     **serializer.validated_data)


class DebtorViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """债务人 and 担保人: companies (统一社会信用代码) or persons (居民身份证号)."""

    serializer_class = s.DebtorSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = DebtorFilter

    def get_queryset(self):
        return selectors.debtor_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.debtor_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.debtor_update(actor=self.request.user, debtor=serializer.instance,
                                                     **serializer.validated_data)


class MandateViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """委托: fee arrangement (fixed, or risk within the statutory caps) and power of attorney."""

    serializer_class = s.MandateSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = MandateFilter

    def get_queryset(self):
        return selectors.mandate_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)
        serializer.instance = services.mandate_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("client", None)
        serializer.instance = services.mandate_update(actor=self.request.user, mandate=serializer.instance, **data)


# --- matters -----------------------------------------------------------------------------------------------


@extend_schema_view(
    partial_update=extend_schema(responses={200: s.MatterSerializer, 409: ERROR_SCHEMA}),
    update=extend_schema(responses={200: s.MatterSerializer, 409: ERROR_SCHEMA}),
)
class MatterViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """案件. Stage and outcome change only through ``transition``."""

    serializer_class = s.MatterSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = MatterFilter

    def get_queryset(self):
        return selectors.matter_list(user=self.request.user)

    def get_serializer(self, *args, **kwargs):
        if kwargs.get("many") and args:
            # A page of matters: their balances together (stored ones, or computed with one query).
            matters = list(args[0])
            context = kwargs.setdefault("context", self.get_serializer_context())
            context["balances"] = balances.balance_figures(matters)
            args = (matters, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def _fresh(self, matter: Matter) -> Matter:
        return self.get_queryset().get(pk=matter.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        if "interest_type" not in data:
            # No interest terms given: the basis the law gives the cause (a sale: LPR plus 30%).
            data.update(services.default_interest_terms(cause=data.get("cause", "sale"), due_date=data.get("due_date"),
                                                        interest_from=data.get("interest_from")))
        serializer.instance = self._fresh(services.matter_create(actor=self.request.user, **data))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("mandate", None)
        version = data.pop("version", None)
        matter = services.matter_update(actor=self.request.user, matter=serializer.instance, version=version,
                                        **data)
        serializer.instance = self._fresh(matter)

    @extend_schema(request=s.TransitionSerializer,
                   responses={200: s.MatterSerializer, 400: ERROR_SCHEMA, 409: ERROR_SCHEMA})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move to another stage (backwards needs a reason), or end/reopen the matter with an outcome.
        ``version`` must be the version you saw; if someone changed the matter since, 409 stage_conflict."""
        matter = self.get_object()
        parsed = s.TransitionSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        move = stages.Move.from_data(parsed.validated_data)
        moved = services.matter_transition(actor=request.user, matter=matter, **move.as_kwargs())
        return Response(self.get_serializer(self._fresh(moved)).data)

    @extend_schema(responses=s.TimelineItemSerializer(many=True),
                   parameters=[OpenApiParameter("deadlines", OpenApiTypes.BOOL, description="是否包含期限，默认是")])
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def timeline(self, request, pk=None):
        """Stage changes, work log, payments, documents, records and deadlines in one stream, newest first."""
        matter = self.get_object()
        include = request.query_params.get("deadlines", "true").lower() not in ("0", "false", "no")
        items = selectors.matter_timeline(matter, include_deadlines=include)
        return Response(s.TimelineItemSerializer(items, many=True).data)

    @extend_schema(responses=s.BalanceSerializer,
                   parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="截至日期，默认今天")])
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def balance(self, request, pk=None):
        """Claimed, recovered and outstanding as of a date, with each payment applied costs → interest →
        principal."""
        matter = self.get_object()
        field = serializers.DateField(validators=[validate_legal_date])
        try:
            as_of = field.run_validation(request.query_params["as_of"]) if "as_of" in request.query_params \
                else timezone.localdate()
        except serializers.ValidationError as error:
            raise ApiError(_("as_of 日期格式不正确：") + str(error.detail[0]), fields={"as_of": error.detail}) from None
        return Response(s.BalanceSerializer(balances.matter_balance(matter, as_of=as_of)).data)

    @extend_schema(responses=s.DeadlineSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def deadlines(self, request, pk=None):
        """Every computed deadline of the matter (done ones included)."""
        matter = self.get_object()
        items = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk))
        return Response(s.DeadlineSerializer(items, many=True).data)


# --- payments, work log, evidence ----------------------------------------------------------------------------


class PaymentViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     viewsets.GenericViewSet):
    """回款. Finance and partners record; all firm staff read. A payment is never edited or deleted: one
    recorded in error is reversed (``reverse``, with a reason) and the right one recorded anew."""

    serializer_class = s.ReceivedPaymentSerializer
    permission_classes = [roles.StaffReadsFinanceWrites]
    filterset_class = PaymentFilter

    def get_queryset(self):
        return selectors.payment_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.payment_record(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=s.PaymentReverseSerializer,
                   responses={200: s.ReceivedPaymentSerializer, 400: ERROR_SCHEMA, 403: ERROR_SCHEMA})
    @action(detail=True, methods=["post"], filterset_class=None)
    def reverse(self, request, pk=None):
        """Cancel this payment by a reversing entry with its reason: it stays listed, with its reversal, and
        no longer counts in the balance."""
        payment = self.get_object()
        parsed = s.PaymentReverseSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        services.payment_reverse(actor=request.user, payment=payment, reason=parsed.validated_data["reason"])
        return Response(self.get_serializer(self.get_queryset().get(pk=payment.pk)).data)


class WorkLogViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """催收记录. An entry may interrupt limitation (demand delivered, or the debtor's written acknowledgement)."""

    serializer_class = s.WorkLogEntrySerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = WorkLogFilter

    def get_queryset(self):
        return selectors.worklog_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.worklog_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("matter", None)
        serializer.instance = services.worklog_update(actor=self.request.user, entry=serializer.instance, **data)


class EvidenceViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """证据文件: multipart upload (type judged by content), download only through this API."""

    serializer_class = s.EvidenceFileSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filterset_class = EvidenceFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return selectors.evidence_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.evidence_upload(actor=self.request.user, **serializer.validated_data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ERROR_SCHEMA})
    @action(detail=True, methods=["get"], filterset_class=None)
    def download(self, request, pk=None):
        """Streams the file after the access check; never served from a public URL."""
        evidence = access.get_evidence_for_user(request.user, pk)
        response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                                content_type=evidence.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- deadlines ---------------------------------------------------------------------------------------------


class DeadlineQuerySerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=0, max_value=3660, default=30)
    kind = serializers.CharField(required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)


@extend_schema_view(list=extend_schema(
    parameters=[
        OpenApiParameter("days", OpenApiTypes.INT, description="未来多少天内到期（默认 30）"),
        OpenApiParameter("kind", OpenApiTypes.STR, description="期限类型，如 limitation、appeal、freeze_renewal"),
        OpenApiParameter("overdue", OpenApiTypes.BOOL, description="true 只看已逾期，false 只看未逾期"),
    ],
))
class DeadlineViewSet(ApiViewSetMixin, viewsets.GenericViewSet):
    """The requesting person's open deadlines: overdue ones and those due within ``days``, on the matters they
    handle (as assigned lawyer, responsible partner or team member)."""

    serializer_class = s.DeadlineSerializer
    permission_classes = [roles.StaffReadsWorkersWrite]
    filter_backends: list = []

    def get_queryset(self):
        return Matter.objects.none()

    def list(self, request):
        params = DeadlineQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        items = selectors.upcoming_deadlines_for_user(request.user, days=params.validated_data["days"])
        kind = params.validated_data.get("kind")
        if kind:
            items = [item for item in items if item.kind == kind]
        overdue = params.validated_data.get("overdue")
        if overdue is not None:
            items = [item for item in items if item.overdue == overdue]
        page = self.paginate_queryset(items)
        return self.get_paginated_response(s.DeadlineSerializer(page, many=True).data)
