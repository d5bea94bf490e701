"""A person's deadlines page: what is overdue and what falls due within 30 days, across their matters."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts import access as roles
from accounts.access import FIRM_STAFF, role_required
from matters import selectors
from matters.forms.people import DeadlinePersonForm
from matters.presenters import deadline_groups
from matters.views.base import render_page


@require_GET
@role_required(FIRM_STAFF)
def my_deadlines(request: HttpRequest) -> HttpResponse:
    """The signed-in person's overdue deadlines and those due within 30 days; partners may pick a person."""
    person = request.user
    picker = None
    if roles.may_pick_deadline_person(request.user):
        picker = DeadlinePersonForm(request.GET or None)
        if picker.is_valid() and picker.cleaned_data["person"] is not None:
            person = picker.cleaned_data["person"]
    today = timezone.localdate()
    items = selectors.upcoming_deadlines_for_user(person, days=30, today=today)
    return render_page(request, "matters/deadlines.html", {
        "person": person, "picker": picker, "groups": deadline_groups(items, today=today), "today": today,
        "total": len(items),
    }, section="deadlines")
