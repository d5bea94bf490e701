"""Pages of the stage records (asset leads, letters, agreements, preservations, lawsuits, …): adding, editing
and deleting one. Which types there are, their URL slug, title, form and page come from ``matters.records``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import WORK_MATTERS, role_required
from core.forms import flash_errors
from core.objects import object_or_404
from matters import records, services
from matters.models import Matter
from matters.records import RecordType
from matters.views.base import form_page, matter_url, visible_matter


def _record_type(slug: str) -> RecordType:
    record_type = records.BY_SLUG.get(slug)
    if record_type is None:
        raise Http404
    return record_type


def _visible_record(matter: Matter, record_type: RecordType, record_id: int) -> Model:
    return object_or_404(record_type.model.objects.filter(matter=matter), record_id)


def _records_url(matter: Matter, record_type: RecordType) -> str:
    return matter_url(matter, f"#records-{record_type.slug}")


def _record_form_page(request: HttpRequest, matter: Matter, record_type: RecordType,
                      record: Model | None = None) -> HttpResponse:
    form = record_type.form_class(request.POST or None, instance=record, matter=matter)

    def save() -> Model:
        if record is None:
            return services.stage_record_create(actor=request.user, matter=matter, record_type=record_type.name,
                                                **form.service_data())
        return services.stage_record_update(actor=request.user, record=record, **form.service_data())

    title = (_("编辑%(title)s") if record else _("新增%(title)s")) % {"title": record_type.title}
    return form_page(request, form, save, template=record_type.template, section="matters",
                     saved_message=lambda saved: _("%(title)s已保存。") % {"title": record_type.title},
                     next_url=lambda saved: _records_url(matter, record_type), context={
                         "object": record, "matter": matter, "title": f"{matter.reference} · {title}",
                         "cancel_url": _records_url(matter, record_type)})


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def record_create(request: HttpRequest, matter_id: int, kind: str) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    return _record_form_page(request, matter, _record_type(kind))


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def record_edit(request: HttpRequest, matter_id: int, kind: str, record_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    record_type = _record_type(kind)
    return _record_form_page(request, matter, record_type, _visible_record(matter, record_type, record_id))


@require_POST
@role_required(WORK_MATTERS)
def record_delete(request: HttpRequest, matter_id: int, kind: str, record_id: int) -> HttpResponse:
    matter = visible_matter(request, matter_id)
    record_type = _record_type(kind)
    record = _visible_record(matter, record_type, record_id)
    try:
        services.stage_record_delete(actor=request.user, record=record)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("%(title)s已删除。") % {"title": record_type.title})
    return redirect(_records_url(matter, record_type))
