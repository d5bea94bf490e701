"""Pages of the matters: the list (filtered, sorted, cached), opening and editing one, its page (balance,
deadlines, stage records, payments, work log, evidence, timeline) and moving it to another stage or outcome.

A concurrent change (StageConflict: the matter moved or was edited since the page was shown) is shown on the
form with status 409, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import FIRM_STAFF, WORK_MATTERS, role_required
from core.forms import run_service
from core.objects import object_or_404
from matters import presenters, selectors, services
from matters.cache import cached_page
from matters.forms.matters import GuaranteeForm, MatterForm, TransitionForm
from matters.forms.work import EvidenceForm
from matters.models import Guarantee, Matter
from matters.stages import Move, Stage, StageConflict
from matters.views.base import (
    MATTERS_PER_PAGE,
    form_page,
    matter_url,
    paginate,
    perms,
    render_page,
    visible_matter,
)

# --- list ----------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def matter_list(request: HttpRequest) -> HttpResponse:
    def context() -> dict:
        filters, matters, query = presenters.matter_list_query(request.GET, user=request.user)
        page = paginate(request, matters, MATTERS_PER_PAGE)
        return {
            "section": "matters", **perms(request.user), "filters": filters, "page": page,
            "rows": presenters.matter_table_rows(page.object_list), "filtered": bool(set(query) - {"sort"}),
            "sort_links": presenters.sort_links(query), "export_query": query.urlencode(),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        }

    return cached_page(request, "matter-list", "matters/matter_list.html", context)


# --- open / edit ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.method == "GET" and request.GET.get("mandate"):
        initial["mandate"] = request.GET["mandate"]
    form = MatterForm(request.POST or None, initial=initial, user=request.user)
    return form_page(request, form, lambda: services.matter_create(actor=request.user, **form.service_data()),
                     saved_message=lambda matter: _("案件 %(ref)s 已立案。") % {"ref": matter.reference},
                     next_url=matter_url, context={"title": _("新建案件"), "cancel_url": reverse("matters")},
                     section="matters")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_edit(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    form = MatterForm(request.POST or None, instance=matter, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = run_service(form, lambda: services.matter_update(
                actor=request.user, matter=matter, version=form.cleaned_data.get("version"),
                **form.service_data()))
        except StageConflict as conflict:
            form.add_error(None, conflict.message)
            saved, status = None, 409
        if saved is not None:
            messages.success(request, _("案件信息已保存。"))
            return redirect("matters:matter_detail", matter.pk)
    return render_page(request, "matters/form_page.html", {
        "form": form, "object": matter, "title": _("编辑案件 %(ref)s") % {"ref": matter.reference},
        "cancel_url": matter_url(matter),
    }, section="matters", status=status)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def guarantee_edit(request: HttpRequest, matter_id: int, guarantee_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    guarantee = object_or_404(Guarantee.objects.filter(matter=matter).select_related("debtor"), guarantee_id)
    form = GuaranteeForm(request.POST or None, instance=guarantee, matter=matter)
    return form_page(request, form, lambda: services.guarantee_update(actor=request.user, guarantee=guarantee,
                                                                      **form.service_data()),
                     saved_message=lambda saved: _("保证（%(name)s）已保存。") % {"name": saved.debtor.name},
                     next_url=lambda saved: matter_url(matter, "#guarantees"), section="matters", context={
                         "object": guarantee, "matter": matter,
                         "title": _("%(ref)s · 保证：%(name)s") % {"ref": matter.reference, "name": guarantee.debtor.name},
                         "cancel_url": matter_url(matter, "#guarantees")})


# --- the matter page -----------------------------------------------------------------------------------------


def _matter_context(request: HttpRequest, matter: Matter, *, transition_form=None, payment_form=None,
                    worklog_form=None, evidence_form=None) -> dict:
    today = timezone.localdate()
    mandate = matter.mandate
    mandate.fee_text = presenters.fee_text(mandate)
    return {
        "matter": matter,
        "stages": presenters.stage_steps(matter),
        **presenters.balance_context(matter),
        **presenters.timeline_context(matter),
        "deadlines": selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today),
        "record_groups": presenters.record_groups(matter),
        "arbitration_fee": presenters.arbitration_fee_context(matter),
        "guarantees": presenters.guarantee_rows(matter, today=today),
        "write_off_gaps": selectors.write_off_evidence_gaps(matter) if matter.stage == Stage.WRITE_OFF else [],
        "evidence": matter.evidence_files.select_related("uploaded_by").order_by("-uploaded_at", "-id"),
        "evidence_form": evidence_form or EvidenceForm(),
        "transition_form": transition_form or TransitionForm(matter=matter, user=request.user),
        **presenters.payments_context(matter, payment_form),
        **presenters.worklog_context(matter, worklog_form),
        "today": today,
    }


def matter_page(request: HttpRequest, matter: Matter, *, status: int = 200, **forms) -> HttpResponse:
    """The matter page; a form given (``payment_form=…``) is shown as posted, with its errors."""
    return render_page(request, "matters/matter_detail.html", _matter_context(request, matter, **forms),
                       section="matters", status=status)


@require_GET
@role_required(FIRM_STAFF)
def matter_detail(request: HttpRequest, matter_id: int) -> HttpResponse:
    return matter_page(request, visible_matter(request, matter_id))


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_transition(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(matter_url(matter, "#transition"))
    form = TransitionForm(request.POST, matter=matter, user=request.user)
    status = 400
    if form.is_valid():
        move = Move.from_data(form.cleaned_data)
        try:
            moved = run_service(form, lambda: services.matter_transition(actor=request.user, matter=matter,
                                                                         **move.as_kwargs()),
                                rename={"record": None})
        except StageConflict as conflict:
            form.add_error(None, conflict.message)
            moved, status = None, 409
        if moved is not None:
            messages.success(request, _("案件当前：%(stage)s · %(outcome)s")
                             % {"stage": moved.get_stage_display(), "outcome": moved.get_outcome_display()})
            return redirect("matters:matter_detail", matter.pk)
    return matter_page(request, matter, transition_form=form, status=status)
