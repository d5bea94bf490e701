from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.access import FIRM_STAFF, MANAGE_PEOPLE, is_portal_user, role_required
from accounts.forms import AcceptInvitationForm, InvitationForm, RoleForm
from accounts.handoff import user_for_handoff
from accounts.models import Invitation, Role
from core.forms import apply_service_errors, flash_errors


def _site_root(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if is_portal_user(request.user):
        return render(request, "accounts/client_home.html")
    return redirect("workspace:dashboard")


@role_required(FIRM_STAFF)
def section_placeholder(request: HttpRequest, section: str) -> HttpResponse:
    titles = {"matters": _("案件"), "documents": _("文书"), "billing": _("账单")}
    return render(request, "accounts/placeholder.html", {"title": titles[section], "section": section})


@role_required(MANAGE_PEOPLE)
def people(request: HttpRequest) -> HttpResponse:
    context = {
        "people": selectors.people_list(),
        "invitations": selectors.open_invitations(),
        "invite_form": InvitationForm(),
        "roles": Role.choices,
    }
    return render(request, "accounts/people.html", context)


@role_required(MANAGE_PEOPLE)
@require_POST
def person_invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            sent = services.invitation_create(
                invited_by=request.user, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                base_url=_site_root(request), request=request,
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("已向 %(email)s 发送邀请。") % {"email": sent.invitation.email})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("people")


@role_required(MANAGE_PEOPLE)
@require_POST
def person_change_role(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_partner(person_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("未知的角色。"))
        return redirect("people")
    try:
        services.user_change_role(actor=request.user, user=person, role=form.cleaned_data["role"], request=request)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("已更新 %(name)s 的角色。") % {"name": person})
    return redirect("people")


@role_required(MANAGE_PEOPLE)
@require_POST
def person_practice_certificate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_partner(person_id)
    try:
        services.user_set_practice_certificate(actor=request.user, user=person,
                                               number=request.POST.get("practice_certificate_number", ""),
                                               request=request)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("已保存 %(name)s 的执业证号。") % {"name": person})
    return redirect("people")


@role_required(MANAGE_PEOPLE)
@require_POST
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_partner(person_id)
    try:
        services.user_deactivate(actor=request.user, user=person, request=request)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("已停用 %(name)s。") % {"name": person})
    return redirect("people")


@role_required(MANAGE_PEOPLE)
@require_POST
def person_reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_for_partner(person_id)
    services.user_reactivate(actor=request.user, user=person, request=request)
    messages.success(request, _("已恢复 %(name)s。") % {"name": person})
    return redirect("people")


@role_required(MANAGE_PEOPLE)
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    messages.success(request, _("已撤回对 %(email)s 的邀请。") % {"email": invitation.email})
    return redirect("people")


@role_required(MANAGE_PEOPLE)
def audit_log(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/audit_log.html", {"events": selectors.audit_events()})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password"],
                request=request,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("欢迎加入 %(firm)s。") % {"firm": request.tenant.name})
            return redirect("home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


def login_handoff(request: HttpRequest, token: str) -> HttpResponse:
    user = user_for_handoff(token=token, schema_name=request.tenant.schema_name)
    if user is None:
        raise Http404
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")
