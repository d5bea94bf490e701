"""The settings pages of the firm's arbitration-fee schedules (partners only): the list, and one schedule with
its tiers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import MANAGE_FIRM, role_required
from core.formatting import money_text, percent_number
from core.forms import apply_service_errors
from core.objects import object_or_404
from matters import selectors, services
from matters.forms.arbitration import ArbitrationFeeScaleForm, TierFormSet
from matters.models import ArbitrationFeeScale


@role_required(MANAGE_FIRM)
def arbitration_fee_scales(request: HttpRequest) -> HttpResponse:
    scales = [(scale, [(money_text(tier.from_amount), money_text(tier.fixed_fee), percent_number(tier.rate))
                       for tier in selectors.fee_tiers(scale)])
              for scale in selectors.arbitration_fee_scales()]
    return render(request, "matters/arbitration_fee_scales.html", {"scales": scales})


def _initial_tiers(scale: ArbitrationFeeScale | None) -> list[dict]:
    if scale is None:
        return [{"from_amount": None, "fixed_fee": None, "rate": None}]
    return [{"from_amount": tier.from_amount, "fixed_fee": tier.fixed_fee, "rate": (tier.rate * 100).normalize()}
            for tier in scale.tiers.all()]


@require_http_methods(["GET", "POST"])
@role_required(MANAGE_FIRM)
def arbitration_fee_scale_edit(request: HttpRequest, scale_id: int | None = None) -> HttpResponse:
    scale = object_or_404(selectors.arbitration_fee_scales(), scale_id) if scale_id is not None else None
    initial = {"commission": scale.commission, "source": scale.source} if scale else None
    form = ArbitrationFeeScaleForm(request.POST or None, initial=initial)
    tiers = TierFormSet(request.POST or None, initial=None if request.POST else _initial_tiers(scale),
                        prefix="tiers")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and tiers.is_valid():
            try:
                saved = services.arbitration_fee_scale_save(
                    actor=request.user, scale=scale, commission=form.cleaned_data["commission"],
                    source=form.cleaned_data["source"], tiers=tiers.rows(), request=request)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("已保存%(name)s的仲裁收费标准。") % {"name": saved.commission})
                return redirect("matters:arbitration_fee_scales")
    return render(request, "matters/arbitration_fee_scale_form.html",
                  {"form": form, "tiers": tiers, "scale": scale}, status=status)


@require_POST
@role_required(MANAGE_FIRM)
def arbitration_fee_scale_delete(request: HttpRequest, scale_id: int) -> HttpResponse:
    scale = object_or_404(ArbitrationFeeScale.objects.all(), scale_id)
    services.arbitration_fee_scale_delete(actor=request.user, scale=scale, request=request)
    messages.success(request, _("已删除%(name)s的仲裁收费标准。") % {"name": scale.commission})
    return redirect("matters:arbitration_fee_scales")
