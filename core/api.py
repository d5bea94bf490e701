"""API conventions: every error is JSON with a message for people and a code for programs.

The message is in the person's language (Chinese unless they chose English), including for the errors that
Django and DRF report in English of their own: unparsable bodies, bodies over the size limit, CSRF failures.
"""

import codecs
import json

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, parsers, status
from rest_framework.response import Response


class ApiError(exceptions.APIException):
    """A business-rule refusal, raised by API views with its own code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, message: str, code: str = "invalid", status_code: int | None = None, fields=None):
        super().__init__(detail=message, code=code)
        self.fields = fields
        if status_code is not None:
            self.status_code = status_code


class BodyParseError(exceptions.ParseError):
    """A request body that is not what its Content-Type says, explained in the person's language."""


class _NotANumber(ValueError):
    def __init__(self, constant: str):
        super().__init__(constant)
        self.constant = constant


def _refuse_constant(constant: str):
    raise _NotANumber(constant)


class JSONParser(parsers.JSONParser):
    """Standard JSON only: `NaN`, `Infinity` and `-Infinity`, which Python's json module reads as numbers, are
    refused whatever DRF's STRICT_JSON says, since no amount or rate may ever be one of them."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        try:
            return json.load(codecs.getreader(encoding)(stream), parse_constant=_refuse_constant)
        except _NotANumber as error:
            raise BodyParseError(_("请求内容中的 %(value)s 不是数字：JSON 不允许 NaN 或 Infinity。")
                                 % {"value": error.constant}) from error
        except json.JSONDecodeError as error:
            raise BodyParseError(_("请求内容不是有效的 JSON：第 %(line)d 行第 %(column)d 列有误。")
                                 % {"line": error.lineno, "column": error.colno}) from error
        except ValueError as error:  # undecodable bytes
            raise BodyParseError(_("请求内容不是有效的 JSON。")) from error


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with the CSRF refusal in the person's language.

    An API call made with the browser's session must carry the CSRF token; one made with a token need not.
    """

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(csrf_failure_message(), code="csrf_failed") from None


def csrf_failure_message() -> str:
    return _("CSRF 校验失败，请刷新页面后重试。通过浏览器会话调用 API 时，请在 X-CSRFToken 请求头中附上 "
             "csrftoken Cookie 的值，或改用 API 令牌。")


def body_too_big_message() -> str:
    return _("提交的内容过大（上限 %(limit)s），请减少内容或分批提交。") % {
        "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}


def too_many_fields_message() -> str:
    return _("提交的字段过多（上限 %(limit)d 个），请分批提交。") % {
        "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}


def too_many_files_message() -> str:
    return _("一次提交的文件过多（上限 %(limit)d 个），请分批上传。") % {
        "limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}


def _first_message(detail) -> str:
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail)


def _translated(exc):
    """Django's and DRF's own exceptions that would otherwise reach the person as an HTML page or English."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("未找到。"))
    if isinstance(exc, PermissionDenied):
        # A service's refusal says why (e.g. who may change fee terms); a bare one gets DRF's message.
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return ApiError(body_too_big_message(), code="request_too_large",
                        status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, TooManyFieldsSent):
        return ApiError(too_many_fields_message(), code="too_many_fields")
    if isinstance(exc, TooManyFilesSent):
        return ApiError(too_many_files_message(), code="too_many_files")
    if isinstance(exc, exceptions.ParseError) and not isinstance(exc, BodyParseError):
        # DRF's form and multipart parsers report in English ("Multipart form parse error - …").
        return BodyParseError(_("请求内容无法解析，请检查 Content-Type 与请求内容是否一致。"))
    return exc


def exception_handler(exc, context):
    # Imported here: DRF's views module reads the settings, which name this module's classes.
    from rest_framework.views import exception_handler as drf_exception_handler

    exc = _translated(exc)
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

