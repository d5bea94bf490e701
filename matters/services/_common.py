"""What every write of the matters app shares: refusals and field errors, reading amounts, locking and editing a
row, the audit log's view of a value, and the matter's timeline event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_record
from core.money import parse_money
from matters import records
from matters.models import EvidenceFile, Matter, Payment, TimelineEvent, WorkLogEntry

# The timeline names the row an event concerns: a stage record by its registry name, the other rows by these.
OTHER_RECORD_NAMES = {Payment: "payment", WorkLogEntry: "worklog", EvidenceFile: "evidence"}


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您的角色无权执行此操作。"))


def _money(value, field: str, *, positive: bool = False, allow_none: bool = False) -> Decimal | None:
    """An amount read as the forms, the API and the bulk import read it (``core.money``); errors on ``field``."""
    if value is None or value == "":
        if allow_none:
            return None
        value = ""
    try:
        return parse_money(value, _("金额"), allow_zero=not positive)
    except ValidationError as error:
        raise _invalid(field, error.messages[0]) from None


def _clean(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude))


def _locked(obj):
    """``obj`` re-read under a row lock."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _with_changes(obj, fields: dict, editable: Iterable[str]):
    """``obj`` with ``fields`` applied; a field outside ``editable`` is refused."""
    for name, value in fields.items():
        if name not in editable:
            raise _invalid(name, _("该字段不能修改。"))
        setattr(obj, name, value)
    return obj


def _locked_with_changes(obj, fields: dict, editable: Iterable[str]):
    return _with_changes(_locked(obj), fields, editable)


# --- the audit log ---------------------------------------------------------------------------------------------


def _audit_text(value):
    """A value as the audit log keeps it: JSON, and equal exactly when the values are (0.05 and 0.0500 too)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_audit_text(item) for item in value]
    if hasattr(value, "pk"):  # a person or another row: named, and told apart by id
        return f"{value} (#{value.pk})"
    return str(value)


def _audit_values(obj, names: Iterable[str]) -> dict:
    return {name: _audit_text(getattr(obj, name)) for name in names}


def _audit_changes(before: dict, after: dict) -> dict:
    return {name: {"old": before[name], "new": after[name]} for name in before if before[name] != after[name]}


def _audit_change(*, action: str, actor: User, obj, before: dict, after: dict) -> dict:
    """Writes what changed (old → new) to the audit log, in the caller's transaction; returns the changes."""
    changes = _audit_changes(before, after)
    if changes:
        audit_record(action=action, actor=actor, target=f"{obj._meta.verbose_name} {obj} (#{obj.pk})"[:254],
                     detail={"id": obj.pk, "changes": changes})
    return changes


def _people_text(people: Iterable[User]) -> list[str]:
    return sorted(_audit_text(person) for person in people)


# --- the timeline --------------------------------------------------------------------------------------------


def _record_name(record) -> str:
    record_type = records.BY_MODEL.get(type(record))
    return record_type.name if record_type is not None else OTHER_RECORD_NAMES.get(type(record), "")


def _timeline_event(*, matter: Matter, kind: str, actor: User | None, summary: str, on_date: date | None = None,
                    from_stage: str = "", to_stage: str = "", reason: str = "", record=None,
                    detail: dict | None = None) -> TimelineEvent:
    """The event, not saved yet (a batch saves its events together)."""
    return TimelineEvent(
        matter=matter, kind=kind, actor=actor, actor_name=actor.name if actor else "", on_date=on_date,
        summary=summary[:300], from_stage=from_stage, to_stage=to_stage, reason=reason,
        record_type=_record_name(record) if record is not None else "",
        record_id=record.pk if record is not None else None, detail=detail or {},
    )


def _event(**fields) -> TimelineEvent:
    """Writes an event on the matter's timeline (the fields of :func:`_timeline_event`)."""
    event = _timeline_event(**fields)
    event.save(force_insert=True)
    return event
