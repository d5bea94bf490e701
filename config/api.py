"""API conventions: every error is JSON with a message for people and a code for programs."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(exceptions.APIException):
    """A business-rule refusal, raised by API views with its own code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, message: str, code: str = "invalid", status_code: int | None = None, fields=None):
        super().__init__(detail=message, code=code)
        self.fields = fields
        if status_code is not None:
            self.status_code = status_code


def _first_message(detail) -> str:
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到。"))
    elif isinstance(exc, PermissionDenied):
        # A service's refusal says why (e.g. who may change fee terms); a bare one gets DRF's message.
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    body: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _first_message(exc.detail)
        if isinstance(exc.detail, dict):
            body["fields"] = exc.detail
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        body["code"] = codes if isinstance(codes, str) else getattr(exc, "default_code", "error")
        body["message"] = _first_message(response.data.get("detail", response.data))
        if getattr(exc, "fields", None):
            body["fields"] = exc.fields
    return Response(body, status=response.status_code, headers=dict(response.headers))
