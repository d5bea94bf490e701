"""Browser pages of the bulk placement import: the list of imports, the upload form, the preview (with the
confirm button) and the template downloads. Thin: a form parses, one service writes, selectors read.
Partners, lawyers and paralegals only (accounts.access.WORK_MATTERS); anyone else gets 403, and an import of
another firm or a guessed id gives 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import WORK_MATTERS, role_required
from core.exports import XLSX
from core.forms import apply_service_errors, flash_errors
from placements import selectors, services
from placements.access import get_import_for_user
from placements.columns import COLUMNS
from placements.forms import UploadForm
from placements.models import PlacementImport, PlacementRow
from placements.presenters import row_view
from placements.template_file import template_csv, template_xlsx

ROWS_PER_PAGE = 200


@require_GET
@role_required(WORK_MATTERS)
def import_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.import_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "placements/import_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def import_new(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            placement_import = services.import_upload(actor=request.user, mandate=form.cleaned_data["mandate"],
                                                      file=form.cleaned_data["file"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("placements:detail", placement_import.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "placements/import_new.html", {"form": form}, status=status)


FILTERS = {"errors": PlacementRow.Status.ERROR, "valid": PlacementRow.Status.VALID,
           "imported": PlacementRow.Status.IMPORTED, "created": PlacementRow.Status.CREATED}


@require_GET
@role_required(WORK_MATTERS)
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    placement_import = get_import_for_user(request.user, import_id,
                                           queryset=selectors.import_list(user=request.user))
    show = request.GET.get("show", "")
    if show not in FILTERS:
        show = ""
    rows = selectors.import_rows(placement_import=placement_import, status=FILTERS.get(show))
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "placements/import_detail.html", {
        "imp": placement_import, "page": page, "rows": [row_view(row) for row in page],
        "columns": COLUMNS, "show": show,
        "can_confirm": placement_import.status == PlacementImport.Status.PREVIEWED and placement_import.valid_rows,
    })


@require_POST
@role_required(WORK_MATTERS)
def import_confirm(request: HttpRequest, import_id: int) -> HttpResponse:
    placement_import = get_import_for_user(request.user, import_id)
    already = placement_import.status == PlacementImport.Status.CONFIRMED
    try:
        placement_import = services.import_confirm(actor=request.user, placement_import=placement_import)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("placements:detail", placement_import.pk)
    if already:
        messages.info(request, _("该文件已确认导入，未重复创建案件。"))
    else:
        messages.success(request, _("已创建 %(count)d 件案件。") % {"count": placement_import.created_rows})
    return redirect("placements:detail", placement_import.pk)


@require_GET
@role_required(WORK_MATTERS)
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX)
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"批量委托模板.{kind}")
    return response
