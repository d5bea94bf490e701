"""Pages of the mandates: a client's instruction to the firm, with its fee terms and the matters under it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import FIRM_STAFF, WORK_MATTERS, role_required
from core.formatting import money_text
from core.objects import object_or_404
from matters import selectors, services
from matters.forms.mandates import MandateFilterForm, MandateForm
from matters.models import Mandate
from matters.presenters import fee_text, matter_table_rows, powers_text, scope_text, upfront_cap_text
from matters.views.base import ROWS_PER_PAGE, form_page, paginate, render_page


@require_GET
@role_required(FIRM_STAFF)
def mandate_list(request: HttpRequest) -> HttpResponse:
    filters = MandateFilterForm(request.GET or None, user=request.user)
    page = paginate(request, filters.filter(selectors.mandate_list(user=request.user)), ROWS_PER_PAGE)
    for mandate in page:
        mandate.fee_text = fee_text(mandate)
        mandate.placed_text = money_text(mandate.placed_amount)
    return render_page(request, "matters/mandate_list.html", {"filters": filters, "page": page},
                       section="mandates")


@require_GET
@role_required(FIRM_STAFF)
def mandate_detail(request: HttpRequest, mandate_id: int) -> HttpResponse:
    mandate = object_or_404(selectors.mandate_list(user=request.user), mandate_id)
    mandate.fee_text = fee_text(mandate)
    mandate.powers_text = powers_text(mandate)
    mandate.scope_text = scope_text(mandate)
    mandate.upfront_cap_text = upfront_cap_text(mandate)
    mandate.placed_text = money_text(mandate.placed_amount)
    rows = matter_table_rows(selectors.matter_rows(user=request.user).filter(mandate=mandate))
    return render_page(request, "matters/mandate_detail.html", {"mandate": mandate, "rows": rows},
                       section="mandates")


def _mandate_form_page(request: HttpRequest, mandate: Mandate | None = None) -> HttpResponse:
    initial = {}
    if mandate is None and request.method == "GET" and request.GET.get("client"):
        initial["client"] = request.GET["client"]
    form = MandateForm(request.POST or None, instance=mandate, initial=initial, user=request.user)

    def save() -> Mandate:
        if mandate is None:
            return services.mandate_create(actor=request.user, **form.service_data())
        return services.mandate_update(actor=request.user, mandate=mandate, **form.service_data())

    return form_page(request, form, save, section="mandates", saved_message=lambda saved: _("委托已保存。"),
                     next_url=lambda saved: reverse("matters:mandate_detail", args=[saved.pk]), context={
                         "object": mandate, "title": _("编辑委托") if mandate else _("新增委托"),
                         "cancel_url": reverse("matters:mandate_detail", args=[mandate.pk]) if mandate
                         else reverse("matters:mandate_list")})


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def mandate_create(request: HttpRequest) -> HttpResponse:
    return _mandate_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def mandate_edit(request: HttpRequest, mandate_id: int) -> HttpResponse:
    return _mandate_form_page(request, object_or_404(selectors.mandate_list(user=request.user), mandate_id))
