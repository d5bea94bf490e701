"""The calculators' REST API: public on the platform site, for signed-in people on a firm's site.

Every endpoint parses its input with a serializer from :mod:`calculators.serializers`, asks
:mod:`calculators.presenters` for the answer, and returns it as JSON. A value the rules cannot use is a 400
``{"code", "message", "fields"}`` with a Chinese message, never a 500.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from calculators import presenters
from calculators import serializers as s
from core.api import ApiError
from rules.errors import RuleInputError

TAG = "计算器"

# Which request field a rule error is about, when the serializers have not already caught it.
RULE_ERROR_FIELDS = {
    "before_lpr_table": "start",
    "end_before_start": "end",
    "payment_outside_period": "payments",
    "late_before_start": "late_performance_from",
    "bad_multiplier": "rate",
    "bad_period": "non_field_errors",
    "unknown_kind": "kind",
    "too_large": "non_field_errors",
}


class PublicOnPlatform(BasePermission):
    """Anyone on the platform site (a public tool); signed-in people only on a firm's site.

    Anonymous requests on a firm's site are refused with 401: DRF answers 401 rather than 403 because the
    first authentication class (Token) names a WWW-Authenticate challenge.
    """

    def has_permission(self, request, view):
        tenant = getattr(request, "tenant", None)
        if tenant is not None and tenant.is_platform:
            return True
        return bool(request.user and request.user.is_authenticated)


class CalculatorAnonThrottle(AnonRateThrottle):
    """The platform's calculators need no account: keep one address from using them as free compute."""

    scope = "calculators_anon"
    rate = "120/minute"


def _validated(serializer) -> dict:
    """The serializer's data, or ApiError with the first problem's code and message and every field's errors."""
    if serializer.is_valid():
        return serializer.validated_data
    errors = serializer.errors
    code, message = _first_error(errors)
    raise ApiError(message, code=code, status_code=400, fields=_plain(errors))


def _first_error(detail) -> tuple[str, str]:
    if isinstance(detail, dict):
        return _first_error(next(iter(detail.values())))
    if isinstance(detail, list):
        return _first_error(next(item for item in detail if item))
    return getattr(detail, "code", "invalid") or "invalid", str(detail)


def _plain(detail):
    if isinstance(detail, dict):
        return {key: _plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_plain(item) for item in detail]
    return str(detail)


def _rule_error(error: RuleInputError, field: str) -> ApiError:
    return ApiError(error.message, code=error.code, status_code=400, fields={field: [error.message]})


ERRORS = {400: OpenApiResponse(s.ErrorSerializer, description="输入无效：code 为错误代码，message 为中文说明。"),
          401: OpenApiResponse(s.ErrorSerializer, description="律所域名上需要登录（平台域名上无需登录）。")}


class CalculatorView(APIView):
    permission_classes = [PublicOnPlatform]
    throttle_classes = [CalculatorAnonThrottle]

    def compute(self, serializer_class, data, build):
        values = _validated(serializer_class(data=data))
        try:
            return Response(build(values))
        except RuleInputError as error:
            raise _rule_error(error, self.rule_error_field(error, values)) from error

    def rule_error_field(self, error: RuleInputError, values: dict) -> str:
        return RULE_ERROR_FIELDS.get(error.code, "non_field_errors")


class CourtFeesView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="诉讼费用",
        description="按《诉讼费用交纳办法》（国务院令第481号）计算案件受理费（含减半）、支付令申请费、财产保全申请费"
        "和申请执行费，并给出每项费用的分段明细与适用条文。",
        parameters=[s.CourtFeesQuerySerializer],
        responses={200: s.CourtFeesResponseSerializer, **ERRORS},
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request):
        return self.compute(
            s.CourtFeesQuerySerializer, request.query_params,
            lambda v: presenters.court_fees(v["amount"], v.get("preservation_amount"), v.get("execution_amount")),
        )


class RiskFeeCapView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="风险代理收费上限",
        description="按司发通〔2021〕87号分段累计计算风险代理收费的最高金额。",
        parameters=[s.RiskFeeCapQuerySerializer],
        responses={200: s.RiskFeeCapResponseSerializer, **ERRORS},
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request):
        return self.compute(s.RiskFeeCapQuerySerializer, request.query_params,
                            lambda v: presenters.risk_fee_cap(v["amount"]))


class InterestView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="利息",
        description="按约定利率或一年期LPR（倍数、同期或固定于某日）计算利息，逐段列出日期、天数、利率和金额；"
        "还款依《民法典》第五百六十一条先抵充费用、再抵充利息、最后抵充本金；可另计迟延履行期间的加倍部分债务利息"
        "（法释〔2014〕8号）。计息天数规则和年计息天数随结果返回。",
        request=s.InterestRequestSerializer,
        responses={200: s.InterestResponseSerializer, **ERRORS},
        examples=[
            OpenApiExample(
                "同期LPR上浮50%，含一笔还款",
                request_only=True,
                value={
                    "principal": "100000.00", "start": "2024-01-01", "end": "2024-12-31",
                    "rate": {"kind": "lpr", "multiplier": "1.5"}, "day_basis": 365,
                    "count_start_day": True, "count_end_day": False,
                    "payments": [{"date": "2024-06-30", "amount": "20000.00"}],
                },
            )
        ],
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            raise ApiError(_("请求体应为JSON对象。"), code="invalid", status_code=400)

        def build(v):
            rate = v["rate"]
            return presenters.interest_result(
                principal=v["principal"],
                start=v["start"],
                end=v["end"],
                rate=presenters.RateInput(kind=rate["kind"], multiplier=rate.get("multiplier"),
                                          fixed_on=rate.get("fixed_on"), annual_rate=rate.get("annual_rate")),
                day_basis=int(v["day_basis"]),
                count_start_day=v["count_start_day"],
                count_end_day=v["count_end_day"],
                payments=[(payment["date"], payment["amount"]) for payment in v.get("payments") or []],
                costs=v.get("costs") or Decimal("0"),
                late_performance_from=v.get("late_performance_from"),
            )

        return self.compute(s.InterestRequestSerializer, request.data, build)

    def rule_error_field(self, error, values):
        if error.code == "before_lpr_table" and values["rate"].get("fixed_on"):
            return "rate"  # with a fixed date only that date's LPR is looked up
        return super().rule_error_field(error, values)


class DeadlineView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="期间届满日",
        description="自起算日次日起计算期间（天、月、年或法定期间类型四选一），最后一日为法定休假日的顺延至其后第一个"
        "工作日（《民事诉讼法》第八十五条）。没有节假日数据的年份仅按周末判断，holiday_data 为 false。",
        parameters=[s.DeadlineQuerySerializer],
        responses={200: s.DeadlineResponseSerializer, **ERRORS},
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request):
        return self.compute(s.DeadlineQuerySerializer, request.query_params,
                            lambda v: presenters.deadline(v["start"], **v["period"]))


class IdentifierView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="证件号码校验",
        description="校验统一社会信用代码（GB 32100-2015）或居民身份证号码（GB 11643-1999）。号码无效时仍返回200，"
        "valid 为 false，reason 说明原因。",
        parameters=[s.IdentifierQuerySerializer],
        responses={200: s.IdentifierResponseSerializer, **ERRORS},
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request):
        return self.compute(s.IdentifierQuerySerializer, request.query_params,
                            lambda v: presenters.identifier(v["value"]))


class RmbUppercaseView(CalculatorView):
    @extend_schema(
        tags=[TAG],
        summary="人民币大写",
        description="金额的人民币大写，例如 1005 → 壹仟零伍元整。",
        parameters=[s.AmountQuerySerializer],
        responses={200: s.RmbResponseSerializer, **ERRORS},
        auth=[{}, {"tokenAuth": []}, {"cookieAuth": []}],
    )
    def get(self, request):
        return self.compute(s.AmountQuerySerializer, request.query_params, lambda v: presenters.rmb(v["amount"]))
