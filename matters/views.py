"""Browser pages of the matters workspace: clients, debtors, mandates, matters (with their stage records,
payments, work log and evidence) and each person's deadlines.

Thin views: parse with a form (``matters.forms``), call one service (``matters.services``), render. Reads go
through ``matters.selectors`` and ``matters.access``, so another firm's object, a hidden one and a guessed id
all give the same 404. Roles, as in the API: firm staff read; partners, lawyers and paralegals work matters;
partners and finance record payments; client-portal users get 403 on every page here.

The work-log and payment forms on the matter page post with htmx and get back their section (plus the
balance and timeline, swapped out of band); without JavaScript the same forms post normally and redirect.
A service's ValidationError goes back onto the form (field errors on their fields); a concurrent stage move
(StageConflict) is shown on the transition form with status 409, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import DateField, DecimalField, Q, TimeField
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import FIRM_STAFF, RECORD_PAYMENTS, WORK_MATTERS, has_role, role_required
from accounts.models import Role
from matters import access, forms, selectors, services
from matters.cache import cached_page
from matters.deadlines import INSTALMENT_STATUS_LABELS
from matters.filters import MatterFilter
from matters.models import SPECIAL_POWERS, FeeType, Matter
from matters.stages import STAGE_ORDER, Outcome, Stage, StageConflict
from rules.rmb import format_cny

MATTERS_PER_PAGE = 25
ROWS_PER_PAGE = 50


# --- small helpers -------------------------------------------------------------------------------------------


def money(value) -> str:
    return "" if value is None else format_cny(Decimal(value).quantize(Decimal("0.01")))


def percent(rate) -> str:
    if rate is None:
        return ""
    return f"{(rate * 100).normalize():f}%"


def fee_text(mandate) -> str:
    if mandate.fee_type == FeeType.FIXED:
        return _("固定收费 %(rate)s") % {"rate": percent(mandate.fixed_rate)}
    return _("前期 %(upfront)s ＋ 回款 %(success)s") % {"upfront": percent(mandate.upfront_rate),
                                                     "success": percent(mandate.success_rate)}


def powers_text(mandate) -> str:
    return "、".join(SPECIAL_POWERS.get(power, power) for power in mandate.special_powers or [])


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(request, queryset, per_page: int):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _get(queryset, pk):
    """One object of ``queryset`` (already limited to what the person may see) or 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _service(form, call, *, rename=None):
    """Runs ``call()``; a ValidationError goes onto ``form`` and None is returned."""
    try:
        return call()
    except ValidationError as error:
        forms.apply_service_errors(form, error, rename=rename)
        return None


def _perms(user) -> dict:
    return {"can_work": access.can_work_matters(user), "can_pay": access.can_record_payments(user)}


def _render(request, template, context, *, section, status=200):
    context = {"section": section, **_perms(request.user), **context}
    return render(request, template, context, status=status)


# --- clients -------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def client_list(request):
    search = forms.ClientSearchForm(request.GET or None)
    clients = selectors.client_list(user=request.user)
    if search.is_valid() and search.cleaned_data["q"].strip():
        value = search.cleaned_data["q"].strip()
        clients = clients.filter(Q(name__icontains=value) | Q(uscc__iexact=value))
    return _render(request, "matters/client_list.html",
                   {"search": search, "page": _page(request, clients, ROWS_PER_PAGE)}, section="clients")


@require_GET
@role_required(FIRM_STAFF)
def client_detail(request, client_id):
    client = _get(selectors.client_list(user=request.user), client_id)
    mandates = selectors.mandate_list(user=request.user).filter(client=client)
    for mandate in mandates:
        mandate.fee_text = fee_text(mandate)
    rows = _matter_rows(selectors.matter_rows(user=request.user).filter(mandate__client=client))
    context = {"client": client, "mandates": mandates, "rows": rows,
               "portal_users": selectors.client_portal_users(client)}
    if request.user.role == Role.PARTNER:
        context["portal_form"] = forms.PortalUserForm()
    return _render(request, "matters/client_detail.html", context, section="clients")


@role_required({Role.PARTNER})
@require_POST
def client_portal_user_add(request, client_id):
    """Lets a client-portal person see this client's matters (each such person belongs to one client)."""
    client = _get(selectors.client_list(user=request.user), client_id)
    form = forms.PortalUserForm(request.POST)
    if form.is_valid():
        try:
            services.client_member_add(actor=request.user, client=client, user=form.cleaned_data["user"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已关联委托方用户 %(name)s。") % {"name": form.cleaned_data["user"]})
    else:
        messages.error(request, _("请选择一位尚未关联的委托方用户。"))
    return redirect("matters:client_detail", client.pk)


def _client_form_page(request, client=None):
    form = forms.ClientForm(request.POST or None, instance=client)
    initial = [{key: getattr(c, key) for key in ("name", "position", "phone", "email")}
               for c in client.contacts.all()] if client else []
    contacts = forms.ClientContactFormSet(request.POST or None, initial=initial, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        data = {**form.cleaned_data, "contacts": forms.contacts_from(contacts)}
        if client is None:
            saved = _service(form, lambda: services.client_create(actor=request.user, **data))
        else:
            saved = _service(form, lambda: services.client_update(actor=request.user, client=client, **data))
        if saved is not None:
            messages.success(request, _("委托人“%(name)s”已保存。") % {"name": saved.name})
            return redirect("matters:client_detail", saved.pk)
    return _render(request, "matters/client_form.html", {"form": form, "contacts": contacts, "client": client},
                   section="clients")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def client_create(request):
    return _client_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def client_edit(request, client_id):
    return _client_form_page(request, _get(selectors.client_list(user=request.user), client_id))


# --- debtors -------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def debtor_list(request):
    search = forms.DebtorSearchForm(request.GET or None)
    debtors = selectors.debtor_list(user=request.user)
    if search.is_valid():
        value = search.cleaned_data["q"].strip()
        if value:
            debtors = debtors.filter(Q(name__icontains=value) | Q(id_number__iexact=value))
        if search.cleaned_data["kind"]:
            debtors = debtors.filter(kind=search.cleaned_data["kind"])
    return _render(request, "matters/debtor_list.html",
                   {"search": search, "page": _page(request, debtors, ROWS_PER_PAGE)}, section="debtors")


@require_GET
@role_required(FIRM_STAFF)
def debtor_detail(request, debtor_id):
    debtor = _get(selectors.debtor_list(user=request.user), debtor_id)
    matters = selectors.matter_rows(user=request.user)
    return _render(request, "matters/debtor_detail.html", {
        "debtor": debtor,
        "rows": _matter_rows(matters.filter(debtor=debtor)),
        "guaranteed": _matter_rows(matters.filter(guarantors=debtor)),
    }, section="debtors")


def _debtor_form_page(request, debtor=None):
    form = forms.DebtorForm(request.POST or None, instance=debtor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if debtor is None:
            saved = _service(form, lambda: services.debtor_create(actor=request.user, **data))
        else:
            saved = _service(form, lambda: services.debtor_update(actor=request.user, debtor=debtor, **data))
        if saved is not None:
            messages.success(request, _("债务人“%(name)s”已保存。") % {"name": saved.name})
            return redirect("matters:debtor_detail", saved.pk)
    return _render(request, "matters/form_page.html", {
        "form": form, "object": debtor,
        "title": _("编辑债务人") if debtor else _("新增债务人/担保人"),
        "cancel_url": reverse("matters:debtor_detail", args=[debtor.pk]) if debtor
        else reverse("matters:debtor_list"),
    }, section="debtors")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def debtor_create(request):
    return _debtor_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def debtor_edit(request, debtor_id):
    return _debtor_form_page(request, _get(selectors.debtor_list(user=request.user), debtor_id))


# --- mandates ------------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def mandate_list(request):
    filters = forms.MandateFilterForm(request.GET or None, user=request.user)
    mandates = selectors.mandate_list(user=request.user)
    if filters.is_valid():
        if filters.cleaned_data["client"] is not None:
            mandates = mandates.filter(client=filters.cleaned_data["client"])
        if filters.cleaned_data["status"]:
            mandates = mandates.filter(status=filters.cleaned_data["status"])
    page = _page(request, mandates, ROWS_PER_PAGE)
    for mandate in page:
        mandate.fee_text = fee_text(mandate)
        mandate.placed_text = money(mandate.placed_amount)
    return _render(request, "matters/mandate_list.html", {"filters": filters, "page": page}, section="mandates")


@require_GET
@role_required(FIRM_STAFF)
def mandate_detail(request, mandate_id):
    mandate = _get(selectors.mandate_list(user=request.user), mandate_id)
    mandate.fee_text = fee_text(mandate)
    mandate.powers_text = powers_text(mandate)
    mandate.placed_text = money(mandate.placed_amount)
    rows = _matter_rows(selectors.matter_rows(user=request.user).filter(mandate=mandate))
    return _render(request, "matters/mandate_detail.html", {"mandate": mandate, "rows": rows},
                   section="mandates")


def _mandate_form_page(request, mandate=None):
    initial = {}
    if mandate is None and request.method == "GET" and request.GET.get("client"):
        initial["client"] = request.GET["client"]
    form = forms.MandateForm(request.POST or None, instance=mandate, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if mandate is None:
            saved = _service(form, lambda: services.mandate_create(actor=request.user, **data))
        else:
            saved = _service(form, lambda: services.mandate_update(actor=request.user, mandate=mandate, **data))
        if saved is not None:
            messages.success(request, _("委托已保存。"))
            return redirect("matters:mandate_detail", saved.pk)
    return _render(request, "matters/form_page.html", {
        "form": form, "object": mandate,
        "title": _("编辑委托") if mandate else _("新增委托"),
        "cancel_url": reverse("matters:mandate_detail", args=[mandate.pk]) if mandate
        else reverse("matters:mandate_list"),
    }, section="mandates")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def mandate_create(request):
    return _mandate_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def mandate_edit(request, mandate_id):
    return _mandate_form_page(request, _get(selectors.mandate_list(user=request.user), mandate_id))


# --- matter list ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    """One line of a table of matters, every cell already a string: long lists render fast this way."""

    url: str
    reference: str
    debtor: str
    guarantors: str
    client: str
    stage: str
    outcome: str
    is_open: bool
    lawyer: str
    principal: str
    recovered: str
    outstanding: str
    balance_error: str
    due_date: str


def matter_url_prefix() -> str:
    """A matter page's URL without the id, for long lists: reverse() costs about 20 µs a call."""
    return reverse("matters:matter_detail", args=[0]).removesuffix("0/")


def _matter_rows(matters) -> list[MatterRow]:
    """Rows of a table of matters (from ``selectors.matter_rows``) with today's balances."""
    matters = list(matters)
    balances = selectors.balance_figures(matters)
    stages, outcomes = dict(Stage.choices), dict(Outcome.choices)
    detail = matter_url_prefix()
    return [MatterRow(
        url=f"{detail}{m.pk}/", reference=m.reference, debtor=m.debtor.name, guarantors="、".join(m.guarantor_names),
        client=m.mandate.client.name, stage=str(stages[m.stage]), outcome=str(outcomes[m.outcome]),
        is_open=m.is_open, lawyer=m.lawyer.name if m.lawyer_id else "—", principal=money(m.principal),
        recovered=money(balances[m.pk].recovered), outstanding=money(balances[m.pk].outstanding),
        balance_error=balances[m.pk].error, due_date=m.due_date.isoformat(),
    ) for m in matters]


SORT_COLUMNS = (("reference", gettext_lazy("案件编号")), ("debtor", gettext_lazy("债务人")),
                ("client", gettext_lazy("委托人")), ("stage", gettext_lazy("阶段")),
                ("principal", gettext_lazy("本金")), ("recovered", gettext_lazy("已回款")),
                ("outstanding", gettext_lazy("未清偿")), ("due_date", gettext_lazy("履行期限")))


def matter_list_queryset(request):
    """(form, filtered and sorted matters, the query used): shared by the list page and the ledger export."""
    filters = forms.MatterFilterForm(request.GET or None, user=request.user)
    query = QueryDict(mutable=True)
    for name, value in filters.filter_data().items():
        query.setlist(name, [str(value)])
    return filters, MatterFilter(query, queryset=selectors.matter_rows(user=request.user)).qs, query


@require_GET
@role_required(FIRM_STAFF)
def matter_list(request):
    def context() -> dict:
        filters, matters, query = matter_list_queryset(request)
        page = _page(request, matters, MATTERS_PER_PAGE)
        current = query.get("sort", "")
        sort_links = {key: {"label": label, "next": key if current != key else f"-{key}",
                            "state": "asc" if current == key else "desc" if current == f"-{key}" else ""}
                      for key, label in SORT_COLUMNS}
        return {
            "section": "matters", **_perms(request.user), "filters": filters, "page": page,
            "rows": _matter_rows(page.object_list), "filtered": bool(set(query) - {"sort"}),
            "sort_links": sort_links, "export_query": query.urlencode(),
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        }

    return cached_page(request, "matter-list", "matters/matter_list.html", context)


# --- matter create / edit ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_create(request):
    initial = {}
    if request.method == "GET" and request.GET.get("mandate"):
        initial["mandate"] = request.GET["mandate"]
    form = forms.MatterForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        matter = _service(form, lambda: services.matter_create(actor=request.user, **form.service_data()))
        if matter is not None:
            messages.success(request, _("案件 %(ref)s 已立案。") % {"ref": matter.reference})
            return redirect("matters:matter_detail", matter.pk)
    return _render(request, "matters/form_page.html", {
        "form": form, "title": _("新建案件"), "cancel_url": reverse("matters"),
    }, section="matters")


def _visible_matter(request, matter_id) -> Matter:
    return access.get_matter_for_user(request.user, matter_id,
                                      queryset=selectors.matter_detail_queryset(user=request.user))


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_edit(request, matter_id):
    matter = _visible_matter(request, matter_id)
    form = forms.MatterForm(request.POST or None, instance=matter, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = _service(form, lambda: services.matter_update(
                actor=request.user, matter=matter, version=form.cleaned_data.get("version"),
                **form.service_data()))
        except StageConflict as conflict:
            form.add_error(None, conflict.message)
            saved, status = None, 409
        if saved is not None:
            messages.success(request, _("案件信息已保存。"))
            return redirect("matters:matter_detail", matter.pk)
    return _render(request, "matters/form_page.html", {
        "form": form, "object": matter, "title": _("编辑案件 %(ref)s") % {"ref": matter.reference},
        "cancel_url": reverse("matters:matter_detail", args=[matter.pk]),
    }, section="matters", status=status)


# --- matter page ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    slug: str
    record_type: str
    stage: str
    title: object
    columns: tuple[str, ...]

    @property
    def model(self):
        return services.RECORD_MODELS[self.record_type]


RECORD_KINDS: dict[str, RecordKind] = {kind.slug: kind for kind in (
    RecordKind("asset-leads", "asset_lead", Stage.DUE_DILIGENCE, gettext_lazy("财产线索"),
               ("kind", "description", "source", "estimated_value", "found_on")),
    RecordKind("letters", "demand_letter", Stage.DEMAND_LETTER, gettext_lazy("律师函"),
               ("letter_number", "sent_on", "method", "tracking_number", "delivered_on", "note")),
    RecordKind("negotiations", "negotiation", Stage.NEGOTIATION, gettext_lazy("谈判记录"),
               ("occurred_on", "kind", "participants", "summary", "offered_amount")),
    RecordKind("repayment-agreements", "repayment_agreement", Stage.NEGOTIATION, gettext_lazy("还款协议"),
               ("signed_on", "total_amount", "acceleration", "note")),
    RecordKind("preservations", "preservation", Stage.PRESERVATION, gettext_lazy("保全"),
               ("court", "ruling_number", "pre_suit", "applied_on", "ruling_on", "amount")),
    RecordKind("freezes", "frozen_asset", Stage.PRESERVATION, gettext_lazy("冻结/查封财产"),
               ("preservation", "kind", "description", "amount", "frozen_on", "renewed_on", "released_on")),
    RecordKind("lawsuits", "lawsuit", Stage.LITIGATION, gettext_lazy("诉讼"),
               ("instance", "court", "case_number", "filed_on", "claimed_amount", "decision", "decided_on",
                "awarded_amount", "served_on", "performance_due_on")),
    RecordKind("hearings", "hearing", Stage.LITIGATION, gettext_lazy("开庭"),
               ("lawsuit", "held_on", "time", "place", "note")),
    RecordKind("enforcements", "enforcement", Stage.ENFORCEMENT, gettext_lazy("执行"),
               ("court", "case_number", "applied_on", "amount_applied", "amount_enforced", "note")),
    RecordKind("write-offs", "write_off", Stage.WRITE_OFF, gettext_lazy("核销依据"),
               ("basis", "basis_date", "document_number", "documents", "note")),
)}


def _cell(obj, name) -> tuple[str, str]:
    """(text, kind) of one field of a record for the records tables; kind is "num", "date" or ""."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return "、".join(str(item) for item in getattr(obj, name).all()), ""
    value = getattr(obj, name)
    if value is None or value == "":
        return "", ""
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")()), ""
    if isinstance(value, bool):
        return (_("是") if value else _("否")), ""
    if isinstance(value, Decimal):
        return money(value), "num"
    if isinstance(value, date):
        return value.isoformat(), "date"
    if isinstance(value, time):
        return value.strftime("%H:%M"), "date"
    return str(value), ""


def _column_kind(field) -> str:
    if isinstance(field, DecimalField):
        return "num"
    return "date" if isinstance(field, DateField | TimeField) else ""


@dataclass
class RecordGroup:
    kind: RecordKind
    headers: list
    rows: list  # (record, cells, extra)
    current: bool


def _record_groups(matter) -> list[RecordGroup]:
    groups = []
    for kind in RECORD_KINDS.values():
        records = kind.model.objects.filter(matter=matter).order_by("id")
        if kind.record_type == "repayment_agreement":
            records = records.select_related("matter").prefetch_related("instalments", "matter__payments")
        elif kind.record_type == "write_off":
            records = records.prefetch_related("documents")
        elif kind.record_type in ("frozen_asset", "hearing"):
            records = records.select_related("preservation" if kind.record_type == "frozen_asset" else "lawsuit")
        rows = []
        for record in records:
            extra = None
            if kind.record_type == "repayment_agreement":
                extra = [{"number": s.number, "due_on": s.due_on.isoformat(), "amount": money(s.amount),
                          "status": s.status, "missed": s.missed,
                          "label": INSTALMENT_STATUS_LABELS.get(s.status, s.status)}
                         for s in selectors.agreement_instalment_statuses(record)]
            rows.append((record, [_cell(record, name) for name in kind.columns], extra))
        fields = [kind.model._meta.get_field(name) for name in kind.columns]
        headers = [(field.verbose_name, _column_kind(field)) for field in fields]
        groups.append(RecordGroup(kind=kind, headers=headers, rows=rows, current=kind.stage == matter.stage))
    return groups


def _balance_context(matter) -> dict:
    balance = selectors.matter_balance(matter)
    return {"balance": balance, "balance_text": {
        name: money(getattr(balance, name))
        for name in ("principal", "costs", "interest", "claimed", "recovered", "principal_outstanding",
                     "interest_outstanding", "costs_outstanding", "outstanding", "overpaid")}}


def _payments_context(matter, form=None, *, reverse_form=None, reverse_payment_id=None) -> dict:
    rows = [{"payment": p, "amount": money(p.amount), "reversal": getattr(p, "reversal", None),
             "payer": p.payer.name if p.payer_id else p.get_payer_kind_display(),
             "reverse_form": reverse_form if p.pk == reverse_payment_id else None}
            for p in selectors.matter_payment_entries(matter)]
    return {"payments": rows, "payment_form": form or forms.PaymentForm(matter=matter)}


def _worklog_context(matter, form=None) -> dict:
    entries = list(matter.worklog_entries.select_related("author").order_by("-occurred_on", "-id"))
    for entry in entries:
        entry.promised_text = money(entry.promised_amount)
    return {"entries": entries, "worklog_form": form or forms.WorkLogForm()}


def _matter_context(request, matter, *, transition_form=None, payment_form=None, worklog_form=None,
                    evidence_form=None) -> dict:
    today = timezone.localdate()
    deadlines = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today)
    stages = [{"value": value, "label": Stage(value).label, "done": STAGE_ORDER.index(value)
               < STAGE_ORDER.index(matter.stage), "current": value == matter.stage} for value in STAGE_ORDER]
    mandate = matter.mandate
    mandate.fee_text = fee_text(mandate)
    return {
        "matter": matter,
        "stages": stages,
        **_balance_context(matter),
        "timeline": selectors.matter_timeline(matter, include_deadlines=False),
        "deadlines": deadlines,
        "record_groups": _record_groups(matter),
        "evidence": matter.evidence_files.select_related("uploaded_by").order_by("-uploaded_at", "-id"),
        "evidence_form": evidence_form or forms.EvidenceForm(),
        "transition_form": transition_form or forms.TransitionForm(matter=matter, user=request.user),
        **_payments_context(matter, payment_form),
        **_worklog_context(matter, worklog_form),
        "today": today,
    }


def _matter_page(request, matter, *, status=200, **forms_):
    return _render(request, "matters/matter_detail.html", _matter_context(request, matter, **forms_),
                   section="matters", status=status)


@require_GET
@role_required(FIRM_STAFF)
def matter_detail(request, matter_id):
    return _matter_page(request, _visible_matter(request, matter_id))


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def matter_transition(request, matter_id):
    matter = _visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#transition")
    form = forms.TransitionForm(request.POST, matter=matter, user=request.user)
    status = 200
    if form.is_valid():
        try:
            moved = _service(form, lambda: services.matter_transition(actor=request.user, matter=matter,
                                                                      **form.service_kwargs()),
                             rename={"record": None})
        except StageConflict as conflict:
            form.add_error(None, conflict.message)
            moved, status = None, 409
        if moved is not None:
            messages.success(request, _("案件当前：%(stage)s · %(outcome)s")
                             % {"stage": moved.get_stage_display(), "outcome": moved.get_outcome_display()})
            return redirect("matters:matter_detail", matter.pk)
    if status == 200:
        status = 400
    return _matter_page(request, matter, transition_form=form, status=status)


def _section_response(request, matter, template, context, anchor):
    """After a work-log or payment POST: the section (htmx) or a redirect to the matter page."""
    if is_htmx(request):
        context = {"matter": matter, "oob": True, **_perms(request.user), **context}
        return render(request, template, context)
    return redirect(reverse("matters:matter_detail", args=[matter.pk]) + anchor)


@require_http_methods(["GET", "POST"])
@role_required(RECORD_PAYMENTS)
def payment_create(request, matter_id):
    matter = _visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#payments")
    form = forms.PaymentForm(request.POST, matter=matter)
    payment = None
    if form.is_valid():
        payment = _service(form, lambda: services.payment_record(actor=request.user, matter=matter,
                                                                 **form.service_data()))
    if payment is None:
        if is_htmx(request):
            return render(request, "matters/_payments.html",
                          {"matter": matter, **_perms(request.user), **_payments_context(matter, form)})
        return _matter_page(request, matter, payment_form=form, status=400)
    matter = _visible_matter(request, matter.pk)  # fresh payments for the balance
    if not is_htmx(request):
        messages.success(request, _("已记录回款 %(amount)s 元。") % {"amount": money(payment.amount)})
    return _section_response(request, matter, "matters/_payments.html", {
        **_payments_context(matter), **_balance_context(matter),
        "timeline": selectors.matter_timeline(matter, include_deadlines=False),
        "saved_message": _("已记录回款 %(amount)s 元。") % {"amount": money(payment.amount)},
    }, "#payments")


@require_POST
@role_required(RECORD_PAYMENTS)
def payment_reverse(request, matter_id, payment_id):
    """Cancels a payment recorded in error by a reversing entry with its reason."""
    matter = _visible_matter(request, matter_id)
    payment = _get(selectors.matter_payment_entries(matter), payment_id)
    form = forms.PaymentReversalForm(request.POST)
    reversal = None
    if form.is_valid():
        reversal = _service(form, lambda: services.payment_reverse(actor=request.user, payment=payment,
                                                                   **form.cleaned_data))
    if reversal is None:
        if is_htmx(request):
            return render(request, "matters/_payments.html", {
                "matter": matter, **_perms(request.user),
                **_payments_context(matter, reverse_form=form, reverse_payment_id=payment.pk)})
        for message in (m for messages_ in form.errors.values() for m in messages_):
            messages.error(request, message)
        return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#payments")
    matter = _visible_matter(request, matter.pk)  # fresh payments for the balance
    done = _("已冲销 %(date)s 回款 %(amount)s 元。") % {"date": payment.received_on.isoformat(),
                                                   "amount": money(payment.amount)}
    if not is_htmx(request):
        messages.success(request, done)
    return _section_response(request, matter, "matters/_payments.html", {
        **_payments_context(matter), **_balance_context(matter),
        "timeline": selectors.matter_timeline(matter, include_deadlines=False), "saved_message": done,
    }, "#payments")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def worklog_create(request, matter_id):
    matter = _visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#worklog")
    form = forms.WorkLogForm(request.POST)
    entry = None
    if form.is_valid():
        entry = _service(form, lambda: services.worklog_create(actor=request.user, matter=matter,
                                                               **form.cleaned_data))
    if entry is None:
        if is_htmx(request):
            return render(request, "matters/_worklog.html",
                          {"matter": matter, **_perms(request.user), **_worklog_context(matter, form)})
        return _matter_page(request, matter, worklog_form=form, status=400)
    if not is_htmx(request):
        messages.success(request, _("催收记录已保存。"))
    return _section_response(request, matter, "matters/_worklog.html", {
        **_worklog_context(matter),
        "timeline": selectors.matter_timeline(matter, include_deadlines=False),
        "saved_message": _("催收记录已保存。"),
    }, "#worklog")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def evidence_upload(request, matter_id):
    matter = _visible_matter(request, matter_id)
    if request.method == "GET":
        return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#evidence")
    form = forms.EvidenceForm(request.POST, request.FILES)
    evidence = None
    if form.is_valid():
        evidence = _service(form, lambda: services.evidence_upload(actor=request.user, matter=matter,
                                                                   **form.cleaned_data))
    if evidence is None:
        return _matter_page(request, matter, evidence_form=form, status=400)
    messages.success(request, _("证据文件“%(title)s”已上传。") % {"title": evidence.title})
    return redirect(reverse("matters:matter_detail", args=[matter.pk]) + "#evidence")


@require_GET
@role_required(FIRM_STAFF)
def evidence_download(request, matter_id, evidence_id):
    """Streams the file after the access check; files are never served from a public URL."""
    matter = _visible_matter(request, matter_id)
    evidence = access.get_evidence_for_user(request.user, evidence_id)
    if evidence.matter_id != matter.pk:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- stage records -------------------------------------------------------------------------------------------


def _record_kind(slug) -> RecordKind:
    kind = RECORD_KINDS.get(slug)
    if kind is None:
        raise Http404
    return kind


def _record_form_page(request, matter, kind, record=None):
    form_class = forms.RECORD_FORMS[kind.record_type]
    form = form_class(request.POST or None, instance=record, matter=matter)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if record is None:
            saved = _service(form, lambda: services.stage_record_create(
                actor=request.user, matter=matter, record_type=kind.record_type, **data))
        else:
            saved = _service(form, lambda: services.stage_record_update(actor=request.user, record=record, **data))
        if saved is not None:
            messages.success(request, _("%(title)s已保存。") % {"title": kind.title})
            return redirect(reverse("matters:matter_detail", args=[matter.pk]) + f"#records-{kind.slug}")
    title = (_("编辑%(title)s") if record else _("新增%(title)s")) % {"title": kind.title}
    return _render(request, "matters/form_page.html", {
        "form": form, "object": record, "matter": matter, "title": f"{matter.reference} · {title}",
        "cancel_url": reverse("matters:matter_detail", args=[matter.pk]) + f"#records-{kind.slug}",
    }, section="matters")


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def record_create(request, matter_id, kind):
    matter = _visible_matter(request, matter_id)
    return _record_form_page(request, matter, _record_kind(kind))


def _visible_record(matter, kind, record_id):
    return _get(kind.model.objects.filter(matter=matter), record_id)


@require_http_methods(["GET", "POST"])
@role_required(WORK_MATTERS)
def record_edit(request, matter_id, kind, record_id):
    matter = _visible_matter(request, matter_id)
    kind = _record_kind(kind)
    return _record_form_page(request, matter, kind, _visible_record(matter, kind, record_id))


@require_POST
@role_required(WORK_MATTERS)
def record_delete(request, matter_id, kind, record_id):
    matter = _visible_matter(request, matter_id)
    kind = _record_kind(kind)
    record = _visible_record(matter, kind, record_id)
    try:
        services.stage_record_delete(actor=request.user, record=record)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(title)s已删除。") % {"title": kind.title})
    return redirect(reverse("matters:matter_detail", args=[matter.pk]) + f"#records-{kind.slug}")


# --- deadlines -----------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def my_deadlines(request):
    """The signed-in person's overdue deadlines and those due within 30 days; partners may pick a person."""
    person = request.user
    picker = None
    if has_role(request.user, {Role.PARTNER}):
        picker = forms.DeadlinePersonForm(request.GET or None)
        if picker.is_valid() and picker.cleaned_data["person"] is not None:
            person = picker.cleaned_data["person"]
    today = timezone.localdate()
    items = selectors.upcoming_deadlines_for_user(person, days=30, today=today)
    week = today + timedelta(days=7)
    groups = [
        {"key": "overdue", "title": _("已逾期"), "items": [i for i in items if i.overdue]},
        {"key": "week", "title": _("7 日内到期"), "items": [i for i in items if not i.overdue and i.due_date <= week]},
        {"key": "month", "title": _("30 日内到期"), "items": [i for i in items if not i.overdue and i.due_date > week]},
    ]
    return _render(request, "matters/deadlines.html", {
        "person": person, "picker": picker, "groups": groups, "today": today, "total": len(items),
    }, section="deadlines")
