"""What a request gets when Django refuses it before any view runs: a body over the size limit, too many
fields, or a failed CSRF check. JSON in the API's error format under /api/, a page in Chinese elsewhere
(English for English users); never Django's bare English page."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import bad_request as django_bad_request

from core.api import (
    body_too_big_message,
    csrf_failure_message,
    too_many_fields_message,
    too_many_files_message,
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _refused(request: HttpRequest, *, code: str, title: str, message: str, status: int) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"code": code, "message": message}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "request_refused.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: the body limits of settings.DATA_UPLOAD_MAX_* get their own explanation."""
    if isinstance(exception, RequestDataTooBig):
        return _refused(request, code="request_too_large", title=_("提交的内容过大"),
                        message=body_too_big_message(), status=413)
    if isinstance(exception, TooManyFieldsSent):
        return _refused(request, code="too_many_fields", title=_("提交的字段过多"),
                        message=too_many_fields_message(), status=400)
    if isinstance(exception, TooManyFilesSent):
        return _refused(request, code="too_many_files", title=_("提交的文件过多"),
                        message=too_many_files_message(), status=400)
    if _is_api(request):
        return _refused(request, code="bad_request", title="", message=_("请求无效。"), status=400)
    return django_bad_request(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW. The reason (English, for developers) stays in the log that Django writes."""
    message = csrf_failure_message() if _is_api(request) else _(
        "页面已过期或安全校验未通过，您提交的内容没有保存。请刷新页面后重新提交。")
    return _refused(request, code="csrf_failed", title=_("页面已过期"), message=message, status=403)
