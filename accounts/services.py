"""Every write about people: creating them, inviting them, changing roles, and the audit trail."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.access import may_manage_people
from accounts.models import AuditAction, AuditEvent, Invitation, Role, User


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(*, action: str, actor: User | None = None, actor_email: str = "", target: str = "",
                 detail: dict | None = None, request=None) -> AuditEvent:
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=actor.email if actor else actor_email,
        target=target,
        detail=detail or {},
        ip_address=client_ip(request),
    )


def _validate_new_person(*, email: str, name: str, password: str | None) -> str:
    email = User.objects.normalize_email(email).strip().lower()
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("请填写姓名。")]
    elif len(name) > 100:
        errors["name"] = [_("姓名不能超过 100 个字符。")]
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("该邮箱已有账户。")]
    if password is not None:
        try:
            validate_password(password, user=User(email=email, name=name))
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return email


@transaction.atomic
def user_create(*, email: str, name: str, role: str, password: str | None) -> User:
    """Creates a person in the current firm's schema. A None password leaves the account unusable."""
    if role not in Role.values:
        raise ValidationError({"role": [_("未知的角色。")]})
    email = _validate_new_person(email=email, name=name, password=password)
    return User.objects.create_user(email=email, password=password, name=name.strip(), role=role)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    url: str


@transaction.atomic
def invitation_create(*, invited_by: User, email: str, role: str, base_url: str, request=None) -> SentInvitation:
    """Invites someone by e-mail. The link is valid for settings.INVITATION_TTL."""
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": [_("未知的角色。")]})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("该邮箱已有账户。")]})
    # A new invitation replaces any earlier open one for the same address.
    Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + settings.INVITATION_TTL,
    )
    url = f"{base_url.rstrip('/')}/invite/{token}/"
    audit_record(action=AuditAction.INVITATION_SENT, actor=invited_by, target=email,
                 detail={"role": role}, request=request)
    context = {"invitation": invitation, "url": url, "inviter": invited_by}
    subject = _("邀请您加入清收云")
    body = render_to_string("accounts/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return SentInvitation(invitation=invitation, url=url)


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a link, or None when it is unknown, used, revoked or expired."""
    invitation = Invitation.objects.filter(token_hash=_hash_token(token)).first()
    if invitation is None or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, name: str, password: str, request=None) -> User:
    invitation = Invitation.objects.select_for_update().filter(token_hash=_hash_token(token)).first()
    if invitation is None or not invitation.is_open:
        raise ValidationError(_("邀请链接无效或已过期，请联系律所重新邀请。"))
    user = user_create(email=invitation.email, name=name, role=invitation.role, password=password)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(action=AuditAction.INVITATION_ACCEPTED, actor=user, target=user.email,
                 detail={"role": user.role}, request=request)
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation, request=None) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.INVITATION_REVOKED, actor=actor, target=invitation.email, request=request)


def _lock_for_partner_change(user: User) -> User:
    """Locks the firm's active partners, then `user`, and returns `user` as stored now.

    Two partners who demote or deactivate each other at the same moment must not both find "another active
    partner" and leave the firm with none. Every change that can remove a partner therefore locks the whole
    partner set first, always in id order, so the second change waits, then sees the first one's outcome.
    The locks are FOR NO KEY UPDATE: rows that merely refer to a partner (the audit event, say) still insert.
    """
    list(User.objects.select_for_update(no_key=True).filter(role=Role.PARTNER, is_active=True).order_by("pk"))
    return User.objects.select_for_update(no_key=True).get(pk=user.pk)


def _ensure_actor_still_manages_people(actor: User) -> None:
    """Read again under the partner locks: one who has just lost the role manages nobody."""
    if not may_manage_people(User.objects.get(pk=actor.pk)):
        raise PermissionDenied


def _ensure_another_partner_remains(user: User) -> None:
    """Call with the partner set locked (_lock_for_partner_change)."""
    others = User.objects.filter(role=Role.PARTNER, is_active=True).exclude(pk=user.pk)
    if user.role == Role.PARTNER and user.is_active and not others.exists():
        raise ValidationError(_("律所至少需要一位有效的合伙人。"))


@transaction.atomic
def user_change_role(*, actor: User, user: User, role: str, request=None) -> User:
    if role not in Role.values:
        raise ValidationError({"role": [_("未知的角色。")]})
    user = _lock_for_partner_change(user)
    if user.role == role:
        return user
    if role != Role.PARTNER:
        _ensure_another_partner_remains(user)
    _ensure_actor_still_manages_people(actor)
    old_role = user.role
    user.role = role
    user.save(update_fields=["role"])
    audit_record(action=AuditAction.ROLE_CHANGED, actor=actor, target=user.email,
                 detail={"from": old_role, "to": role}, request=request)
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User, request=None) -> User:
    if user.pk == actor.pk:
        raise ValidationError(_("不能停用自己的账户。"))
    user = _lock_for_partner_change(user)
    if not user.is_active:
        return user
    _ensure_another_partner_remains(user)
    _ensure_actor_still_manages_people(actor)
    user.is_active = False
    user.save(update_fields=["is_active"])
    # A deactivated person keeps no way in: API tokens go at once, sessions are refused on their next request.
    Token.objects.filter(user=user).delete()
    audit_record(action=AuditAction.PERSON_DEACTIVATED, actor=actor, target=user.email, request=request)
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User, request=None) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(action=AuditAction.PERSON_REACTIVATED, actor=actor, target=user.email, request=request)
    return user


PRACTICE_CERTIFICATE_DIGITS = 17


@transaction.atomic
def user_set_practice_certificate(*, actor: User, user: User, number: str, request=None) -> User:
    """Records a lawyer's 执业证号 (17 digits on a PRC lawyer's licence; blank removes it), which the power of
    attorney prints."""
    if not may_manage_people(actor):
        raise PermissionDenied
    number = "".join((number or "").split())
    number = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if number and (not number.isascii() or not number.isdigit() or len(number) != PRACTICE_CERTIFICATE_DIGITS):
        raise ValidationError({"practice_certificate_number": [
            _("律师执业证号应为 %(n)d 位数字。") % {"n": PRACTICE_CERTIFICATE_DIGITS}]})
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.practice_certificate_number != number:
        old = user.practice_certificate_number
        user.practice_certificate_number = number
        user.save(update_fields=["practice_certificate_number"])
        audit_record(action=AuditAction.PRACTICE_CERTIFICATE_CHANGED, actor=actor, target=user.email,
                     detail={"from": old, "to": number}, request=request)
    return user


def token_for(user: User) -> str:
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


INVITATION_RETENTION = timedelta(days=30)


@transaction.atomic
def invitations_purge_expired() -> list[str]:
    """Deletes invitations of the current firm that expired over 30 days ago; returns their addresses."""
    stale = Invitation.objects.filter(accepted_at=None, expires_at__lt=timezone.now() - INVITATION_RETENTION)
    emails = sorted(stale.values_list("email", flat=True))
    stale.delete()
    return emails
