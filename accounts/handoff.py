"""One-time login links that carry a person from the platform site to their firm's own domain.

Sessions are per firm schema and cookies per host, so a sign-up on the platform cannot simply keep
its session. The link is signed, lives two minutes, names the firm's schema, and embeds the
person's last login time, so it stops working once used.
"""

from django.core import signing

from accounts.models import User

SALT = "accounts.handoff"
MAX_AGE_SECONDS = 120


def _last_login_stamp(user: User) -> str:
    return user.last_login.isoformat() if user.last_login else ""


def handoff_token(*, user: User, schema_name: str) -> str:
    return signing.dumps({"u": user.pk, "s": schema_name, "l": _last_login_stamp(user)}, salt=SALT)


def user_for_handoff(*, token: str, schema_name: str) -> User | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if data.get("s") != schema_name:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or _last_login_stamp(user) != data.get("l"):
        return None
    return user
