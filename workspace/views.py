"""Browser pages of the lawyer's workspace: dashboard, board, ledger and ageing exports, notifications.

Thin views over ``workspace.selectors`` (reads), ``matters.services.matter_transition`` (board moves) and
``workspace.services`` (notifications). Roles: firm staff read everything here (finance included); only those
who work matters move cards; client-portal users get 403 on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts import access as roles
from accounts.access import FIRM_STAFF, WORK_MATTERS, role_required
from core.formatting import money_text
from core.forms import apply_service_errors
from core.objects import object_or_404
from documents.charts import recoveries_chart
from matters import access, services
from matters.cache import cached_page
from matters.filters import MatterFilter
from matters.presenters import matter_list_query, matter_url_prefix
from matters.stages import (
    ENTRY_REQUIREMENTS,
    Move,
    Outcome,
    Stage,
    StageConflict,
    is_backward,
    transition_problems,
)
from workspace import exports, selectors
from workspace import services as workspace_services
from workspace.forms import BoardMoveForm
from workspace.models import Notification

BOARD_FILTERS = ("lawyer", "client", "mandate", "cause", "search")


# --- dashboard -----------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def dashboard(request: HttpRequest) -> HttpResponse:
    figures = selectors.dashboard(user=request.user)
    top = max((count for _s, _l, count in figures.stages), default=0) or 1
    stages = [{"stage": stage, "label": label, "count": count, "width": round(count * 100 / top)}
              for stage, label, count in figures.stages]
    clients = [{"row": row, "claimed": money_text(row.claimed), "recovered": money_text(row.recovered),
                "width": min(float(row.rate), 100.0)} for row in figures.clients]
    chart = recoveries_chart(figures.months, claimed=figures.claimed, title=_("近 12 个月回款（按月）"))
    return render(request, "workspace/dashboard.html", {
        "d": figures, "stages": stages, "clients": clients, "chart": chart,
        "month_recovered": money_text(figures.month_recovered), "claimed": money_text(figures.claimed),
        "recovered_total": money_text(figures.recovered_total), "can_work": roles.can_work_matters(request.user),
    })


# --- board ---------------------------------------------------------------------------------------------------


def _board_query(request: HttpRequest) -> QueryDict:
    query = QueryDict(mutable=True)
    for name in BOARD_FILTERS:
        value = request.GET.get(name, "").strip()
        if value:
            query[name] = value
    return query


@dataclass(frozen=True)
class CardView:
    """A board card as the page shows it, every cell a plain value: a hundred cards render several times
    faster so than through the matter's relations."""

    id: int
    reference: str
    version: int
    url: str
    move_url: str
    debtor_name: str
    client_name: str
    lawyer_name: str
    overdue: int
    overdue_text: str
    deadline_text: str
    deadline_overdue: bool


@dataclass(frozen=True)
class ColumnView:
    stage: str
    label: str
    count: int
    hidden: int
    more_url: str
    move_menu: str  # the same on every card of the column: rendered once
    cards: list[CardView]


def _card_view(card: selectors.BoardCard, detail: str, move: str) -> CardView:
    m, deadline = card.matter, card.next_deadline
    return CardView(
        id=m.pk, reference=m.reference, version=m.version, url=f"{detail}{m.pk}/", move_url=f"{move}{m.pk}/move/",
        debtor_name=m.debtor.name, client_name=m.mandate.client.name,
        lawyer_name=m.lawyer.name if m.lawyer_id else "—", overdue=card.overdue,
        overdue_text=ngettext("逾期 %(n)d", "逾期 %(n)d", card.overdue) % {"n": card.overdue},
        deadline_text=f"{deadline.due_date.isoformat()} {deadline.label}" if deadline else "",
        deadline_overdue=bool(deadline and deadline.overdue))


def _board_context(request: HttpRequest, query: QueryDict | None = None) -> dict:
    query = _board_query(request) if query is None else query
    base = MatterFilter(query, queryset=access.visible_matters(request.user)).qs
    # URLs reversed once and completed per card: a hundred cards, each with two links.
    detail = matter_url_prefix()
    move = reverse("workspace:board_move", args=[0]).removesuffix("0/move/")
    columns = []
    for column in selectors.board_columns(user=request.user, queryset=base):
        more = query.copy()
        more.update({"stage": column.stage, "outcome": Outcome.OPEN, "sort": "due_date"})
        menu = render_to_string("workspace/_move_menu.html", {
            "targets": [(value, label) for value, label in Stage.choices if value != column.stage]})
        columns.append(ColumnView(
            stage=column.stage, label=column.label, count=column.count, hidden=column.hidden,
            more_url=f"{reverse('matters')}?{more.urlencode()}", move_menu=menu,
            cards=[_card_view(card, detail, move) for card in column.cards]))
    return {"columns": columns, "stages": Stage.choices, "query": query.urlencode(),
            "can_move": roles.can_work_matters(request.user), "cap": selectors.BOARD_CAP,
            "mine": _mine(request, query)}


def _mine(request: HttpRequest, query: QueryDict) -> bool:
    return query.get("lawyer") == str(request.user.pk)


@require_GET
@role_required(FIRM_STAFF)
def board(request: HttpRequest) -> HttpResponse:
    return cached_page(request, "board", "workspace/board.html", lambda: _board_context(request))


def _board_response(request: HttpRequest, *, alert: str = "", level: str = "success",
                    status: int = 200) -> HttpResponse:
    """After a move: the board again (htmx swaps it whole, so counts stay right), or a redirect."""
    query = _filters_only(QueryDict(request.POST.get("board_query", "")))
    if request.htmx:
        context = {**_board_context(request, query), "alert": alert, "alert_level": level}
        response = render(request, "workspace/_board.html", context, status=status)
        return reswap(retarget(response, "#board"), "outerHTML")
    getattr(messages, "success" if level == "success" else "warning")(request, alert)
    url = reverse("workspace:board")
    return redirect(f"{url}?{query.urlencode()}" if query else url)


def _filters_only(query: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in BOARD_FILTERS:
        if query.get(name):
            kept[name] = query[name]
    return kept


def _move_form_response(request: HttpRequest, card: selectors.BoardCard, form: BoardMoveForm, *,
                        status: int = 200) -> HttpResponse:
    """The card turned into a small form asking what the move needs (court, basis, reason)."""
    needs = set(ENTRY_REQUIREMENTS.get(form.data.get("to_stage"), ()))
    to_stage = form.data.get("to_stage")
    backward = to_stage in Stage.values and is_backward(card.matter.stage, to_stage)
    context = {"card": card, "form": form, "needs": needs, "backward": backward,
               "to_label": Stage(to_stage).label if to_stage in Stage.values else "",
               "board_query": request.POST.get("board_query", ""), "can_move": True}
    if request.htmx:
        response = render(request, "workspace/_move_form.html", context, status=status)
        return reswap(retarget(response, f"#card-{card.matter.pk}"), "outerHTML")
    return render(request, "workspace/move.html", context, status=400 if status == 200 else status)


@require_POST
@role_required(WORK_MATTERS)
def board_move(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access.get_matter_for_user(request.user, matter_id)
    form = BoardMoveForm(request.POST)
    if not form.is_valid():
        return _board_response(request, alert=_("移动请求无效，请刷新看板后重试。"), level="warning",
                               status=200 if request.htmx else 400)
    move = Move.from_data(form.cleaned_data)
    card = selectors.board_card(user=request.user, matter_id=matter.pk)
    asked = "details" in request.POST  # the second step: the card's form was shown and filled in
    problems = transition_problems(stage=matter.stage, outcome=matter.outcome, to_stage=move.to_stage,
                                   to_outcome=None, reason=move.reason, fields=dict(move.record))
    if matter.version == move.version and not asked and set(problems) <= {"court", "basis", "reason"} \
            and problems:
        return _move_form_response(request, card, form)
    try:
        moved = services.matter_transition(actor=request.user, matter=matter, **move.as_kwargs())
    except StageConflict as conflict:
        return _board_response(request, alert=conflict.message, level="warning",
                               status=200 if request.htmx else 409)
    except ValidationError as error:
        # The card's form has no place for the version or the stage: their errors go on top.
        apply_service_errors(form, error, rename={"version": None, "to_stage": None})
        return _move_form_response(request, card, form)
    return _board_response(request, alert=_("%(ref)s 已移至“%(stage)s”。")
                           % {"ref": moved.reference, "stage": moved.get_stage_display()})


# --- ledger and ageing ------------------------------------------------------------------------------------------


@require_GET
@role_required(FIRM_STAFF)
def ledger_xlsx(request: HttpRequest) -> HttpResponse:
    """The ledger of the matters that the list shows with the same query string (all matters without one)."""
    matters = matter_list_query(request.GET, user=request.user).matters
    today = timezone.localdate()
    rows = selectors.ledger_rows(selectors.ledger_queryset(user=request.user, queryset=matters), today=today)
    return exports.ledger_response(rows, as_of=today, firm_name=request.tenant.name)


def _ageing_report(request: HttpRequest) -> selectors.Ageing:
    matters = matter_list_query(request.GET, user=request.user).matters
    return selectors.ageing(user=request.user, queryset=matters)


@require_GET
@role_required(FIRM_STAFF)
def ageing(request: HttpRequest) -> HttpResponse:
    report = _ageing_report(request)
    lines = [{"name": line.name, "client_id": line.client_id,
              "cells": [{"amount": money_text(c.amount), "count": c.count} for c in [*line.ordered(), line.total]]}
             for line in [*report.lines, report.total]]
    return render(request, "workspace/ageing.html", {
        "report": report, "lines": lines, "buckets": [label for _k, label, *_ in selectors.AGEING_BUCKETS],
        "query": request.GET.urlencode(),
    })


@require_GET
@role_required(FIRM_STAFF)
def ageing_xlsx(request: HttpRequest) -> HttpResponse:
    return exports.ageing_response(_ageing_report(request), firm_name=request.tenant.name)


# --- notifications -------------------------------------------------------------------------------------------


def _own_notification(request: HttpRequest, notification_id: int) -> Notification:
    return object_or_404(selectors.notifications_for(request.user), notification_id)


@require_GET
@role_required(FIRM_STAFF)
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "workspace/notifications.html", {"page": page,
                                                            "unread": selectors.unread_count(request.user)})


@require_POST
@role_required(FIRM_STAFF)
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _own_notification(request, notification_id)
    try:
        workspace_services.notification_mark_read(actor=request.user, notification=notification)
    except PermissionDenied:
        raise Http404 from None
    if request.htmx:
        return render(request, "workspace/_notification.html", {"n": notification})
    target = request.POST.get("next", "")
    if target == "open" and notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect("workspace:notifications")


@require_POST
@role_required(FIRM_STAFF)
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = workspace_services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("已将 %(n)d 条通知标为已读。") % {"n": count})
    return redirect("workspace:notifications")


@require_http_methods(["GET"])
@role_required(FIRM_STAFF)
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The navbar snippet (htmx-loaded): a bell with the unread count and the five latest."""
    return render(request, "workspace/_badge.html", {
        "unread": selectors.unread_count(request.user),
        "latest": selectors.notifications_for(request.user)[:5],
    })
