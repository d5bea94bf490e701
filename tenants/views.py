from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import MANAGE_FIRM, role_required
from accounts.handoff import handoff_token
from core.forms import apply_service_errors
from tenants.forms import FirmSettingsForm, SignupForm
from tenants.models import Firm
from tenants.services import firm_provision, firm_update_settings


def _port_part(request: HttpRequest) -> str:
    """The port to keep in a link to another host of the product (a firm's, the platform's): the one the
    visitor typed, which behind a proxy is not the port the server listens on."""
    _domain, port = split_domain_port(request.get_host())
    return f":{port}" if port else ""


def _platform_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{settings.BASE_DOMAIN}{_port_part(request)}/"


def firm_not_found(request: HttpRequest) -> HttpResponse:
    """What a visitor to a host that is no firm's sees (DEFAULT_NOT_FOUND_TENANT_VIEW), DEBUG or not."""
    return render(request, "404.html", {"platform_url": _platform_url(request)}, status=404)


def platform_home(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/platform_home.html")


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            firm, owner = firm_provision(
                slug=data["slug"], name=data["name"], owner_name=data["owner_name"],
                owner_email=data["owner_email"], owner_password=data["owner_password"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            token = handoff_token(user=owner, schema_name=firm.schema_name)
            return redirect(f"{request.scheme}://{firm.domain_name}{_port_part(request)}/auth/handoff/{token}/")
    return render(request, "tenants/signup.html", {"form": form})


@role_required(MANAGE_FIRM)
def firm_settings(request: HttpRequest) -> HttpResponse:
    firm = request.tenant
    # The form validates against its own copy: a ModelForm writes cleaned values onto its instance,
    # and the service must see the stored values to know what changed.
    form = FirmSettingsForm(request.POST or None, instance=Firm.objects.get(pk=firm.pk))
    if request.method == "POST" and form.is_valid():
        try:
            firm_update_settings(firm=firm, actor=request.user, request=request,
                                 **{field: form.cleaned_data[field] for field in form.Meta.fields})
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("律所设置已保存。"))
            return redirect("firm_settings")
    return render(request, "tenants/firm_settings.html", {"form": form})
