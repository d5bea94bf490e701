"""Pages of the parties: the firm's clients (with the client-portal people who see their matters) and the
debtors and guarantors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import access as roles
from accounts.access import FIRM_STAFF, MANAGE_PEOPLE, WORK_MATTERS, role_required
from core.forms import flash_errors, run_service
from core.objects import object_or_404
from matters import selectors, services
from matters.forms.parties import (
    ClientContactFormSet,
    ClientForm,
    ClientSearchForm,
    DebtorForm,
    DebtorSearchForm,
    contacts_from,
    contacts_initial,
)
from matters.forms.people import PortalUserForm
from matters.models import Client, Debtor
from matters.presenters import fee_text, matter_table_rows
from matters.views.base import ROWS_PER_PAGE, form_page, paginate, render_page


def _search_page(request: HttpRequest, search: ClientSearchForm | DebtorSearchForm, parties: QuerySet, *,
                 template: str, section: str) -> HttpResponse:
    """A list of parties, a page at a time, limited to what the search form asks."""
    page = paginate(request, search.filter(parties), ROWS_PER_PAGE)
    return render_page(request, template, {"search": search, "page": page}, section=section)


# --- clients -------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def client_list(request: HttpRequest) -> HttpResponse:
    return _search_page(request, ClientSearchForm(request.GET or None), selectors.client_list(user=request.user),
                        template="matters/client_list.html", section="clients")


@require_GET
@role_required(FIRM_STAFF)
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = object_or_404(selectors.client_list(user=request.user), client_id)
    mandates = selectors.mandate_list(user=request.user).filter(client=client)
    for mandate in mandates:
        mandate.fee_text = fee_text(mandate)
    rows = matter_table_rows(selectors.matter_rows(user=request.user).filter(mandate__client=client))
    context = {"client": client, "mandates": mandates, "rows": rows,
               "portal_users": selectors.client_portal_users(client)}
    if roles.may_link_portal_users(request.user):
        context["portal_form"] = PortalUserForm()
    return render_page(request, "matters/client_detail.html", context, section="clients")


@role_required(MANAGE_PEOPLE)
@require_POST
def client_portal_user_add(request: HttpRequest, client_id: int) -> HttpResponse:
    """Lets a client-portal person see this client's matters (each such person belongs to one client)."""
    client = object_or_404(selectors.client_list(user=request.user), client_id)
    form = PortalUserForm(request.POST)
    if form.is_valid():
        try:
            services.client_member_add(actor=request.user, client=client, user=form.cleaned_data["user"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("已关联委托方用户 %(name)s。") % {"name": form.cleaned_data["user"]})
    else:
        messages.error(request, _("请选择一位尚未关联的委托方用户。"))
    return redirect("matters:client_detail", client.pk)


def _client_form_page(request: HttpRequest, client: Client | None = None) -> HttpResponse:
    form = ClientForm(request.POST or None, instance=client)
    contacts = ClientContactFormSet(request.POST or None, initial=contacts_initial(client), prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        data = {**form.cleaned_data, "contacts": contacts_from(contacts)}
        if client is None:
            saved = run_service(form, lambda: services.client_create(actor=request.user, **data))
        else:
            saved = run_service(form, lambda: services.client_update(actor=request.user, client=client, **data))
        if saved is not None:
            messages.success(request, _("委托人“%(name)s”已保存。") % {"name": saved.name})
            return redirect("matters:client_detail", saved.pk)
    return render_page(request, "matters/client_form.html", {"form": form, "contacts": contacts, "client": client},
                       section="clients")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def client_create(request: HttpRequest) -> HttpResponse:
    return _client_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    return _client_form_page(request, object_or_404(selectors.client_list(user=request.user), client_id))


# --- debtors -------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def debtor_list(request: HttpRequest) -> HttpResponse:
    return _search_page(request, DebtorSearchForm(request.GET or None), selectors.debtor_list(user=request.user),
                        template="matters/debtor_list.html", section="debtors")


@require_GET
@role_required(FIRM_STAFF)
def debtor_detail(request: HttpRequest, debtor_id: int) -> HttpResponse:
    debtor = object_or_404(selectors.debtor_list(user=request.user), debtor_id)
    matters = selectors.matter_rows(user=request.user)
    return render_page(request, "matters/debtor_detail.html", {
        "debtor": debtor,
        "rows": matter_table_rows(matters.filter(debtor=debtor)),
        "guaranteed": matter_table_rows(matters.filter(guarantors=debtor)),
    }, section="debtors")


def _debtor_form_page(request: HttpRequest, debtor: Debtor | None = None) -> HttpResponse:
    form = DebtorForm(request.POST or None, instance=debtor)

    def save() -> Debtor:
        if debtor is None:
            return services.debtor_create(actor=request.user, **form.cleaned_data)
        return services.debtor_update(actor=request.user, debtor=debtor, **form.cleaned_data)

    return form_page(request, form, save, section="debtors",
                     saved_message=lambda saved: _("债务人“%(name)s”已保存。") % {"name": saved.name},
                     next_url=lambda saved: reverse("matters:debtor_detail", args=[saved.pk]), context={
                         "object": debtor, "title": _("编辑债务人") if debtor else _("新增债务人/担保人"),
                         "cancel_url": reverse("matters:debtor_detail", args=[debtor.pk]) if debtor
                         else reverse("matters:debtor_list")})


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def debtor_create(request: HttpRequest) -> HttpResponse:
    return _debtor_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def debtor_edit(request: HttpRequest, debtor_id: int) -> HttpResponse:
    return _debtor_form_page(request, object_or_404(selectors.debtor_list(user=request.user), debtor_id))
