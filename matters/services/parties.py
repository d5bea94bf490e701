"""The parties of the matters: clients (with their contacts and the portal users linked to them) and debtors.
Every edit is audited (old → new)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import AuditAction, Role, User
from accounts.services import audit_record
from matters.models import Client, ClientContact, ClientMembership, Debtor
from matters.services._common import (
    _audit_change,
    _audit_values,
    _clean,
    _invalid,
    _locked,
    _require,
    _with_changes,
)
from matters.validators import resident_id_error, uscc_error
from rules.identifiers import resident_id_particulars

CLIENT_FIELDS = ("name", "uscc", "legal_representative", "legal_representative_title", "is_financial_institution",
                 "address", "bank_name", "bank_account", "notes")
DEBTOR_FIELDS = ("kind", "name", "id_number", "legal_representative", "gender", "birth_date", "ethnicity",
                 "addresses", "phones", "notes")


# --- clients -----------------------------------------------------------------------------------------------


def _contacts_text(contacts: Iterable) -> list[str]:
    def field(contact, name):
        return (contact.get(name) if isinstance(contact, dict) else getattr(contact, name)) or ""

    parts = [[str(field(contact, name)).strip() for name in ("name", "position", "phone", "email")]
             for contact in contacts]
    return [" / ".join(part for part in contact if part) for contact in parts if contact[0]]


def _set_contacts(client: Client, contacts: Iterable[dict]) -> None:
    client.contacts.all().delete()
    for index, data in enumerate(contacts):
        contact = ClientContact(client=client, name=(data.get("name") or "").strip(),
                                position=data.get("position", ""), phone=data.get("phone", ""),
                                email=data.get("email", ""))
        try:
            _clean(contact, exclude=["client"])
        except ValidationError as error:
            raise ValidationError({"contacts": [_("第%(n)d位联系人：%(msg)s") % {
                "n": index + 1, "msg": "；".join(m for ms in error.message_dict.values() for m in ms)}]}) from None
        contact.save()


def _check_client(client: Client) -> None:
    client.name = (client.name or "").strip()
    client.uscc = (client.uscc or "").strip().upper()
    error = uscc_error(client.uscc)
    if error:
        raise _invalid("uscc", error)
    if Client.objects.filter(uscc=client.uscc).exclude(pk=client.pk).exists():
        raise _invalid("uscc", _("统一社会信用代码为 %(uscc)s 的委托人已存在。") % {"uscc": client.uscc})
    _clean(client)


@transaction.atomic
def client_create(*, actor: User, name: str, uscc: str, legal_representative: str = "", address: str = "",
                  bank_name: str = "", bank_account: str = "", notes: str = "", contacts: Iterable[dict] = (),
                  legal_representative_title: str = "", is_financial_institution: bool = False) -> Client:
    _require(roles.can_work_matters(actor))
    client = Client(name=name, uscc=uscc, legal_representative=legal_representative, address=address,
                    bank_name=bank_name, bank_account=bank_account, notes=notes,
                    legal_representative_title=(legal_representative_title or "").strip(),
                    is_financial_institution=bool(is_financial_institution))
    _check_client(client)
    client.save()
    _set_contacts(client, contacts)
    return client


@transaction.atomic
def client_update(*, actor: User, client: Client, contacts: Iterable[dict] | None = None, **fields) -> Client:
    _require(roles.can_work_matters(actor))
    client = _locked(client)
    before = {**_audit_values(client, CLIENT_FIELDS), "contacts": _contacts_text(client.contacts.all())}
    _with_changes(client, fields, CLIENT_FIELDS)
    _check_client(client)
    client.save()
    if contacts is not None:
        contacts = list(contacts)
        _set_contacts(client, contacts)
    after = {**_audit_values(client, CLIENT_FIELDS),
             "contacts": _contacts_text(contacts) if contacts is not None else before["contacts"]}
    _audit_change(action=AuditAction.CLIENT_CHANGED, actor=actor, obj=client, before=before, after=after)
    return client


@transaction.atomic
def client_member_add(*, actor: User, client: Client, user: User) -> ClientMembership:
    """Makes a client-portal user a member of ``client`` (each such user belongs to exactly one client)."""
    _require(roles.may_manage_people(actor))
    if user.role != Role.CLIENT:
        raise _invalid("user", _("只有委托方用户可以关联到委托人。"))
    if ClientMembership.objects.filter(user=user).exclude(client=client).exists():
        raise _invalid("user", _("该用户已关联到其他委托人。"))
    membership, created = ClientMembership.objects.get_or_create(user=user, defaults={"client": client})
    if created:
        # The link decides which company's matters and documents this person sees in the portal.
        audit_record(action=AuditAction.CLIENT_USER_LINKED, actor=actor, target=user.email,
                     detail={"client_id": client.pk, "client": client.name})
    return membership


# --- debtors -----------------------------------------------------------------------------------------------


def _string_list(values, field: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise _invalid(field, _("应为文本列表。"))
    cleaned = []
    for value in values:
        if not isinstance(value, str):
            raise _invalid(field, _("应为文本列表。"))
        if value.strip():
            if len(value) > 300:
                raise _invalid(field, _("每项不能超过 300 个字符。"))
            cleaned.append(value.strip())
    return cleaned


def _check_debtor(debtor: Debtor) -> None:
    debtor.name = (debtor.name or "").strip()
    debtor.id_number = (debtor.id_number or "").strip().upper()
    debtor.addresses = _string_list(debtor.addresses, "addresses")
    debtor.phones = _string_list(debtor.phones, "phones")
    if debtor.kind not in Debtor.Kind.values:
        raise _invalid("kind", _("债务人类型只能是企业或自然人。"))
    debtor.ethnicity = (debtor.ethnicity or "").strip()
    if debtor.kind == Debtor.Kind.COMPANY:
        # A person's particulars have no meaning for a company.
        debtor.gender, debtor.birth_date, debtor.ethnicity = "", None, ""
    if debtor.id_number:
        error = uscc_error(debtor.id_number) if debtor.kind == Debtor.Kind.COMPANY else resident_id_error(
            debtor.id_number)
        if error:
            raise _invalid("id_number", error)
        existing = Debtor.objects.filter(id_number=debtor.id_number).exclude(pk=debtor.pk).first()
        if existing:
            raise _invalid("id_number", _("证件号码 %(number)s 已登记为债务人“%(name)s”。")
                           % {"number": debtor.id_number, "name": existing.name})
        if debtor.kind == Debtor.Kind.PERSON:
            # The number states the birth date and sex (GB 11643-1999): fill what was left blank.
            particulars = resident_id_particulars(debtor.id_number)
            if particulars is not None:
                debtor.birth_date = debtor.birth_date or particulars.birth_date
                debtor.gender = debtor.gender or particulars.gender
    _clean(debtor)


@transaction.atomic
def debtor_create(*, actor: User, name: str, kind: str = Debtor.Kind.COMPANY, id_number: str = "",
                  legal_representative: str = "", addresses: Iterable[str] = (), phones: Iterable[str] = (),
                  notes: str = "", gender: str = "", birth_date=None, ethnicity: str = "") -> Debtor:
    _require(roles.can_work_matters(actor))
    debtor = Debtor(kind=kind, name=name, id_number=id_number, legal_representative=legal_representative,
                    addresses=list(addresses or []), phones=list(phones or []), notes=notes, gender=gender or "",
                    birth_date=birth_date, ethnicity=ethnicity or "")
    _check_debtor(debtor)
    debtor.save()
    return debtor


@transaction.atomic
def debtor_update(*, actor: User, debtor: Debtor, **fields) -> Debtor:
    _require(roles.can_work_matters(actor))
    debtor = _locked(debtor)
    before = _audit_values(debtor, DEBTOR_FIELDS)
    _with_changes(debtor, fields, DEBTOR_FIELDS)
    _check_debtor(debtor)
    debtor.save()
    _audit_change(action=AuditAction.DEBTOR_CHANGED, actor=actor, obj=debtor, before=before,
                  after=_audit_values(debtor, DEBTOR_FIELDS))
    return debtor
