"""Browser pages of the documents feature: a matter's documents, the firm's templates, the variables help page,
downloads (only through these access-checked views) and the client progress report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from accounts.access import (
    FIRM_STAFF,
    MANAGE_FIRM,
    WORK_MATTERS,
    can_manage_firm,
    can_share_documents,
    can_work_matters,
    role_required,
)
from documents import access as document_access
from documents import catalogue, reports, selectors, services
from documents.api import file_response
from documents.builtin import BUILTIN_VERSIONS, builtin_template
from documents.forms import DocumentUploadForm, GenerateForm, ProgressReportForm, TemplateUploadForm
from documents.generation import generate
from documents.models import TEMPLATE_KINDS, DocumentKind, DocumentTemplate
from matters import access

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _matter_page(request: HttpRequest, matter, *, missing=None, upload_form=None, status: int = 200) -> HttpResponse:
    context = {
        "matter": matter,
        "documents": selectors.documents_of_matter(matter),
        "kinds": [(k, DocumentKind(k).label) for k in TEMPLATE_KINDS if services.kind_applies(k, matter)],
        "guarantors": matter.guarantors.order_by("name", "id"),
        "can_write": can_work_matters(request.user),
        "can_share": can_share_documents(request.user, matter),
        "is_write_off": matter.stage == "write_off",
        "missing": missing,
        "upload_form": upload_form or DocumentUploadForm(),
    }
    return render(request, "documents/matter_documents.html", context, status=status)


@role_required(FIRM_STAFF)
def matter_documents(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access.get_matter_for_user(request.user, matter_id)
    return _matter_page(request, matter)


@require_POST
@role_required(WORK_MATTERS)
def matter_document_generate(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access.get_matter_for_user(request.user, matter_id)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要生成的文书。")
        return redirect("matter_documents", matter_id=matter.pk)
    try:
        document = generate(actor=request.user, matter=matter, kind=form.cleaned_data["kind"], firm=request.tenant,
                            recipient_id=form.cleaned_data.get("recipient"))
    except services.MissingData as error:
        return _matter_page(request, matter, missing=error, status=400)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("matter_documents", matter_id=matter.pk)
    messages.success(request, f"已生成{document.title}（第{document.version}版）。")
    return redirect("matter_documents", matter_id=matter.pk)


@require_POST
@role_required(WORK_MATTERS)
def matter_document_upload(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access.get_matter_for_user(request.user, matter_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(actor=request.user, matter=matter, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", "；".join(error.messages))
        else:
            messages.success(request, "文件已上传。")
            return redirect("matter_documents", matter_id=matter.pk)
    return _matter_page(request, matter, upload_form=form, status=400)


@role_required(FIRM_STAFF)
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    return file_response(document_access.get_document_for_user(request.user, document_id))


@require_POST
@role_required(WORK_MATTERS)
def document_share(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_access.get_document_for_user(request.user, document_id)
    services.document_set_shared(actor=request.user, document=document, shared=request.POST.get("shared") == "1",
                                 request=request)
    return redirect("matter_documents", matter_id=document.matter_id)


# --- the firm's templates ----------------------------------------------------------------------------------


def _templates_page(request: HttpRequest, *, form=None, problems=None, status: int = 200) -> HttpResponse:
    by_kind = selectors.templates_by_kind()
    rows = []
    for kind in TEMPLATE_KINDS:
        versions = by_kind.get(kind, [])
        rows.append({"kind": kind, "label": DocumentKind(kind).label, "builtin_version": BUILTIN_VERSIONS[kind],
                     "versions": versions, "active": next((t for t in versions if t.is_active), None)})
    context = {
        "rows": rows,
        "can_manage": can_manage_firm(request.user),
        "form": form or TemplateUploadForm(),
        "problems": problems,
        "report_form": ProgressReportForm(clients=access.visible_clients(request.user)),
    }
    return render(request, "documents/index.html", context, status=status)


@role_required(FIRM_STAFF)
def index(request: HttpRequest) -> HttpResponse:
    return _templates_page(request)


@role_required(FIRM_STAFF)
def variables(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/variables.html", {
        "catalogue": catalogue.CATALOGUE, "lists": catalogue.LISTS.items(),
        "loop_fields": catalogue.LOOP_FIELDS.items(), "filters": catalogue.FILTERS.items()})


@role_required(FIRM_STAFF)
def builtin_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TEMPLATE_KINDS:
        raise Http404
    response = HttpResponse(builtin_template(kind), content_type=DOCX)
    name = f"{DocumentKind(kind).label}_内置模板_v{BUILTIN_VERSIONS[kind]}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@role_required(FIRM_STAFF)
def template_download(request: HttpRequest, template_id: int) -> HttpResponse:
    template = get_object_or_404(DocumentTemplate, pk=template_id)
    return FileResponse(template.file.open("rb"), as_attachment=True,
                        filename=f"{template.get_kind_display()}_v{template.version}.docx", content_type=DOCX)


@role_required(MANAGE_FIRM)
def template_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("documents")
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _templates_page(request, form=form, status=400)
    try:
        template = services.template_upload(actor=request.user, kind=form.cleaned_data["kind"],
                                            file=form.cleaned_data["file"], note=form.cleaned_data["note"],
                                            firm=request.tenant, request=request)
    except services.TemplateInvalid as error:
        return _templates_page(request, form=form, problems=error.problems, status=400)
    except ValidationError as error:
        form.add_error("file", "；".join(error.messages))
        return _templates_page(request, form=form, status=400)
    messages.success(request, f"{template} 已通过检查并启用。")
    return redirect("documents")


@require_POST
@role_required(MANAGE_FIRM)
def template_activate(request: HttpRequest, template_id: int) -> HttpResponse:
    template = get_object_or_404(DocumentTemplate, pk=template_id)
    try:
        services.template_activate(actor=request.user, template=template, firm=request.tenant, request=request)
    except services.TemplateInvalid as error:
        return _templates_page(request, problems=error.problems, status=400)
    messages.success(request, f"已启用 {template}。")
    return redirect("documents")


@require_POST
@role_required(MANAGE_FIRM)
def template_use_builtin(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TEMPLATE_KINDS:
        raise Http404
    services.template_use_builtin(actor=request.user, kind=kind, request=request)
    messages.success(request, f"{DocumentKind(kind).label}已恢复使用内置模板。")
    return redirect("documents")


@role_required(FIRM_STAFF)
def progress_report(request: HttpRequest) -> HttpResponse:
    form = ProgressReportForm(request.GET or None, clients=access.visible_clients(request.user))
    if not form.is_valid():
        return _templates_page(request, status=400) if request.GET else redirect("documents")
    year, month = form.period()
    client = form.cleaned_data["client"]
    content = reports.progress_report_pdf(client, year=year, month=month, firm=request.tenant)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"清收工作进展报告_{client.name}_{year}-{month:02d}.pdf")
    return response
