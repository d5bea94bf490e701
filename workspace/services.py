"""Writes of the workspace: notifications (mark read) and the daily deadline digest.

The digest is idempotent per person and day (``Notification.key`` is the date, unique per recipient and kind):
running the task twice sends nothing the second time. The e-mail leaves only after the transaction commits.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import FIRM_STAFF, has_role
from accounts.models import User
from workspace.models import Notification
from workspace.selectors import deadlines_digest

DIGEST_DAYS = 7
logger = logging.getLogger(__name__)


def _require_staff(actor: User) -> None:
    if not has_role(actor, FIRM_STAFF):
        raise PermissionDenied


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Marks one of the actor's own notifications read (someone else's is refused)."""
    _require_staff(actor)
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    _require_staff(actor)
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def _digest_for(person: User, today: date, site: str) -> Notification | None:
    """The digest of one person for ``today``, or None when there is nothing to say or it was already sent."""
    overdue, upcoming = deadlines_digest(person, today=today, days=DIGEST_DAYS)
    if not overdue and not upcoming:
        return None
    title = _("期限提醒：%(overdue)d 项已逾期，%(upcoming)d 项 7 日内到期") % {
        "overdue": len(overdue), "upcoming": len(upcoming)}
    context = {"person": person, "today": today, "overdue": overdue, "upcoming": upcoming, "site": site}
    body = render_to_string("workspace/email/deadline_digest.txt", context)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=person, kind=Notification.Kind.DEADLINE_DIGEST, key=today.isoformat(), title=title,
                body=body, url=reverse("matters:my_deadlines"))
    except IntegrityError:
        return None  # already sent today
    subject = _("【清收云】%(title)s") % {"title": title}

    def send_digest_email():
        try:
            send_mail(subject, body, None, [person.email])
        except Exception:
            logger.exception("Deadline digest e-mail to %s failed", person.email)
            raise

    # Robust: the notifications are committed already, so one refused e-mail must not stop the later ones
    # (each person still sees the digest in the app).
    transaction.on_commit(send_digest_email, robust=True)
    return notification


@transaction.atomic
def deadline_digests_send(*, today: date | None = None, site: str = "") -> list[Notification]:
    """Sends each active staff member of the current firm the digest of their overdue deadlines and those due
    within 7 days, by e-mail and as an in-app notification. Runs in the firm's schema (one beat entry per firm)."""
    today = today or timezone.localdate()
    sent = []
    for person in User.objects.filter(is_active=True, role__in=FIRM_STAFF).order_by("id"):
        notification = _digest_for(person, today, site)
        if notification is not None:
            sent.append(notification)
    return sent
