"""Form and model validators over the identifier rules (``rules.identifiers``), with messages in the reader's
language: the check of a USCC or a resident ID number wherever one is typed (firms, clients, debtors, imports)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rules.identifiers import check_resident_id, check_uscc


def _reason_text(kind_label: str, reason_code: str | None) -> str:
    messages = {
        "empty": _("请填写%(kind)s。"),
        "length": _("%(kind)s应为 18 位。"),
        "character": _("%(kind)s含有不允许的字符。"),
        "check_digit": _("%(kind)s校验位不正确，请核对。"),
        "birth_date": _("%(kind)s中的出生日期无效。"),
    }
    return messages.get(reason_code or "", _("%(kind)s无效。")) % {"kind": kind_label}


def uscc_error(value: str) -> str | None:
    result = check_uscc(value)
    return None if result.valid else _reason_text(_("统一社会信用代码"), result.reason_code)


def resident_id_error(value: str) -> str | None:
    result = check_resident_id(value)
    return None if result.valid else _reason_text(_("居民身份证号"), result.reason_code)


def validate_uscc(value: str) -> None:
    error = uscc_error(value)
    if error:
        raise ValidationError(error, code="uscc")


def validate_resident_id(value: str) -> None:
    error = resident_id_error(value)
    if error:
        raise ValidationError(error, code="resident_id")
