"""The work on a matter: its work log (calls, visits, promises to pay) and its evidence files.

The work-log form posts with htmx and gets back its section (and the timeline, swapped out of band); without
JavaScript it posts normally and redirects. Evidence is downloaded only through the access check.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import FIRM_STAFF, WORK_MATTERS, role_required
from core.forms import run_service
from matters import access, presenters, services
from matters.forms.work import EvidenceForm, WorkLogForm
from matters.views.base import matter_url, perms, section_saved, visible_matter
from matters.views.matters import matter_page


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def worklog_create(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(matter_url(matter, "#worklog"))
    form = WorkLogForm(request.POST)
    entry = None
    if form.is_valid():
        entry = run_service(form, lambda: services.worklog_create(actor=request.user, matter=matter,
                                                                  **form.cleaned_data))
    if entry is None:
        if request.htmx:
            return render(request, "matters/_worklog.html",
                          {"matter": matter, **perms(request.user), **presenters.worklog_context(matter, form)})
        return matter_page(request, matter, worklog_form=form, status=400)
    return section_saved(request, matter, "matters/_worklog.html", {
        **presenters.worklog_context(matter), **presenters.timeline_context(matter)},
        anchor="#worklog", done=_("催收记录已保存。"))


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def evidence_upload(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(matter_url(matter, "#evidence"))
    form = EvidenceForm(request.POST, request.FILES)
    evidence = None
    if form.is_valid():
        evidence = run_service(form, lambda: services.evidence_upload(actor=request.user, matter=matter,
                                                                      **form.cleaned_data))
    if evidence is None:
        return matter_page(request, matter, evidence_form=form, status=400)
    messages.success(request, _("证据文件“%(title)s”已上传。") % {"title": evidence.title})
    return redirect(matter_url(matter, "#evidence"))


@require_GET
@role_required(FIRM_STAFF)
def evidence_download(request: HttpRequest, matter_id: int, evidence_id: int) -> FileResponse:
    """Streams the file after the access check; files are never served from a public URL."""
    matter = visible_matter(request, matter_id)
    evidence = access.get_evidence_for_user(request.user, evidence_id)
    if evidence.matter_id != matter.pk:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
