"""The payments section of the matter page: recording a payment and reversing one recorded in error.

The forms post with htmx and get back the section (with the balance and timeline, swapped out of band);
without JavaScript they post normally and redirect. A refused payment is shown on its form.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import RECORD_PAYMENTS, role_required
from core.formatting import money_text
from core.forms import run_service
from core.objects import object_or_404
from matters import presenters, selectors, services
from matters.forms.payments import PaymentForm, PaymentReversalForm
from matters.models import Matter
from matters.views.base import matter_url, perms, section_saved, visible_matter
from matters.views.matters import matter_page

SECTION = "matters/_payments.html"


def _section_with_errors(request: HttpRequest, matter: Matter, **forms) -> HttpResponse:
    return render(request, SECTION, {"matter": matter, **perms(request.user),
                                     **presenters.payments_context(matter, **forms)})


def _saved(request: HttpRequest, matter: Matter, done: str) -> HttpResponse:
    matter = visible_matter(request, matter.pk)  # fresh payments for the balance
    return section_saved(request, matter, SECTION, {
        **presenters.payments_context(matter), **presenters.balance_context(matter),
        **presenters.timeline_context(matter)}, anchor="#payments", done=done)


@require_http_methods(["GET", "POST"])
@role_required(RECORD_PAYMENTS)
def payment_create(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(matter_url(matter, "#payments"))
    form = PaymentForm(request.POST, matter=matter)
    payment = None
    if form.is_valid():
        payment = run_service(form, lambda: services.payment_record(actor=request.user, matter=matter,
                                                                    **form.service_data()))
    if payment is None:
        if request.htmx:
            return _section_with_errors(request, matter, form=form)
        return matter_page(request, matter, payment_form=form, status=400)
    return _saved(request, matter, _("已记录回款 %(amount)s 元。") % {"amount": money_text(payment.amount)})


@require_POST
@role_required(RECORD_PAYMENTS)
def payment_reverse(request: HttpRequest, matter_id: int, payment_id: int) -> HttpResponse:
    """Cancels a payment recorded in error by a reversing entry with its reason."""
    matter = visible_matter(request, matter_id)
    payment = object_or_404(selectors.matter_payment_entries(matter), payment_id)
    form = PaymentReversalForm(request.POST)
    reversal = None
    if form.is_valid():
        reversal = run_service(form, lambda: services.payment_reverse(actor=request.user, payment=payment,
                                                                      **form.cleaned_data))
    if reversal is None:
        if request.htmx:
            return _section_with_errors(request, matter, reverse_form=form, reverse_payment_id=payment.pk)
        for message in (m for messages_ in form.errors.values() for m in messages_):
            messages.error(request, message)
        return redirect(matter_url(matter, "#payments"))
    return _saved(request, matter, _("已冲销 %(date)s 回款 %(amount)s 元。")
                  % {"date": payment.received_on.isoformat(), "amount": money_text(payment.amount)})
