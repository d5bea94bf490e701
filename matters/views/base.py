"""What every page of the matters app shares: the permissions every template reads, pagination, the matter a
person may see (or 404), a page with one form (create or edit), and the answer to an htmx section's POST."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import access as roles
from core.forms import run_service
from matters import access, selectors
from matters.models import Matter

MATTERS_PER_PAGE = 25
ROWS_PER_PAGE = 50


def perms(user) -> dict:
    return {"can_work": roles.can_work_matters(user), "can_pay": roles.can_record_payments(user)}


def render_page(request: HttpRequest, template: str, context: dict, *, section: str,
                status: int = 200) -> HttpResponse:
    """A page of the matters workspace: ``section`` lights its tab, ``can_work``/``can_pay`` its buttons."""
    context = {"section": section, **perms(request.user), **context}
    return render(request, template, context, status=status)


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def visible_matter(request: HttpRequest, matter_id: int) -> Matter:
    """The matter with what its page shows, if the person may see it; Http404 otherwise."""
    return access.get_matter_for_user(request.user, matter_id,
                                      queryset=selectors.matter_detail_queryset(user=request.user))


def matter_url(matter: Matter, anchor: str = "") -> str:
    """The matter page, at one of its sections (``#payments``)."""
    return reverse("matters:matter_detail", args=[matter.pk]) + anchor



def section_saved(request: HttpRequest, matter: Matter, template: str, context: dict, *, anchor: str,
                  done: str) -> HttpResponse:
    """After a work-log entry or a payment is saved: its section again, saying ``done`` (htmx swaps it in, the
    balance and timeline out of band), or without JavaScript ``done`` flashed on the matter page."""
    if request.htmx:
        return render(request, template, {"matter": matter, "oob": True, **perms(request.user), **context,
                                          "saved_message": done})
    messages.success(request, done)
    return redirect(matter_url(matter, anchor))


def form_page(request: HttpRequest, form, save: Callable[[], Model | None], *, saved_message: Callable[[Model], str],
              next_url: Callable[[Model], str], context: dict, section: str,
              template: str = "matters/form_page.html") -> HttpResponse:
    """A page with one form. A valid POST runs ``save`` (the service): what it saved is announced and the
    person sent on to ``next_url(saved)``; a refusal shows the form again with the service's errors."""
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, save)
        if saved is not None:
            messages.success(request, saved_message(saved))
            return redirect(next_url(saved))
    return render_page(request, template, {"form": form, **context}, section=section)
