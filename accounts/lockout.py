from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, *args, **kwargs):
    """What a locked-out login attempt gets: JSON for the API, a page for the browser."""
    message = _("登录失败次数过多，该账户已在此地址锁定 15 分钟，请稍后再试。")
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "locked_out", "message": message}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)


def attempted_email(request, credentials) -> str | None:
    """The e-mail a login attempt was made for. Django passes it as `email` (the USERNAME_FIELD) or as
    `username`, depending on the caller; the login form posts it as `username`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get("username") or request.POST.get("email")
    return value.strip().lower() if isinstance(value, str) else None
