"""Checking one row of a placement file, without the database.

A problem is stored as ``{"field": column key, "code": ..., "params": {...}}`` and turned into words only
when shown (:func:`problem_message`), so a preview reads in the language of whoever looks at it. Checks that
need the database (already imported, duplicate of an open matter, a debtor registered with another type) are
in ``placements.services``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.dates import EARLIEST_DATE, LATEST_DATE, date_problem
from core.identifiers import resident_id_error, uscc_error
from core.money import ascii_text, parse_money
from matters.models import Cause, Debtor
from placements.columns import COLUMN_BY_KEY, COLUMNS
from rules.identifiers import check_resident_id, check_uscc

EXCEL_EPOCH = date(1899, 12, 30)

COMPANY_WORDS = {"公司", "企业", "单位", "法人", "company", "enterprise", "corporate", "organization", "organisation"}
PERSON_WORDS = {"个人", "自然人", "person", "individual", "naturalperson", "private"}
CAUSE_WORDS = {
    Cause.SALE: ("买卖", "买卖合同", "购销", "购销合同", "销售", "货款", "sale", "sales", "saleofgoods"),
    Cause.LOAN: ("借款", "借款合同", "借贷", "民间借贷", "loan"),
    Cause.CONSTRUCTION: ("建设工程", "建设工程合同", "建设工程施工合同", "工程", "施工", "construction"),
    Cause.LEASE: ("租赁", "租赁合同", "lease", "rent", "tenancy"),
    Cause.SERVICE: ("服务", "服务合同", "service", "services"),
    Cause.OTHER: ("其他", "其它", "other"),
}
CAUSE_INDEX = {word: code for code, words in CAUSE_WORDS.items() for word in words}
CAUSE_INDEX.update({code: code for code in Cause.values})
CAUSE_INDEX.update({str(label).removesuffix("纠纷"): code for code, label in Cause.choices})

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_PHONE_SPLIT = re.compile(r"[、,，;；/]+")
_SPACES = re.compile(r"\s+")


def display(value) -> str:
    """The cell as text, for the preview table."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value).strip()


def _problem(field: str, code: str, **params) -> dict:
    return {"field": field, "code": code, "params": params}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# What core.money calls each refusal, in the words of the stored problems.
_AMOUNT_PROBLEMS = {"required": "amount_missing", "negative_amount": "amount_not_positive",
                    "out_of_range": "amount_not_positive", "too_large": "amount_too_large",
                    "too_many_decimals": "amount_decimals"}


def parse_amount(value, field: str = "principal") -> tuple[Decimal | None, dict | None]:
    """The amount of a cell, read as the forms and the API read amounts (``core.money``); it must be positive."""
    if value is None:
        return None, _problem(field, "amount_missing")
    try:
        return parse_money(value, str(COLUMN_BY_KEY[field].label), allow_zero=False), None
    except ValidationError as error:
        return None, _problem(field, _AMOUNT_PROBLEMS.get(error.code, "amount_invalid"), value=display(value))


def parse_date(value, field: str = "due_date") -> tuple[date | None, dict | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, _problem(field, "date_missing")
    if isinstance(value, datetime):
        return _bounded(value.date(), field, display(value))
    if isinstance(value, date):
        return _bounded(value, field, display(value))
    if isinstance(value, bool):
        return None, _problem(field, "date_invalid", value=str(value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 1 <= value <= 2958465:  # an Excel serial day number
            return _bounded(EXCEL_EPOCH + timedelta(days=int(value)), field, display(value))
        value = _text(value)
    text = str(value).strip()
    match = _DATE.match(ascii_text(text)) or _COMPACT_DATE.match(ascii_text(text))
    if not match:
        return None, _problem(field, "date_invalid", value=text)
    year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None, _problem(field, "date_impossible", value=text)
    return _bounded(parsed, field, text)


def _bounded(parsed: date, field: str, text: str) -> tuple[date | None, dict | None]:
    """The date, unless it lies outside the bounds every legal date keeps (``core.dates``)."""
    if date_problem(parsed):
        return None, _problem(field, "date_out_of_range", value=text)
    return parsed, None


def _kind(value, id_number: str) -> tuple[str | None, dict | None]:
    text = _SPACES.sub("", _text(value)).lower()
    if not text:
        if check_resident_id(id_number).valid:
            return Debtor.Kind.PERSON, None
        if check_uscc(id_number).valid:
            return Debtor.Kind.COMPANY, None
        return (Debtor.Kind.PERSON if re.fullmatch(r"\d{17}[\dX]", id_number) else Debtor.Kind.COMPANY), None
    if text in COMPANY_WORDS or text in {"company", str(Debtor.Kind.COMPANY.label)}:
        return Debtor.Kind.COMPANY, None
    if text in PERSON_WORDS or text in {"person", str(Debtor.Kind.PERSON.label)}:
        return Debtor.Kind.PERSON, None
    return None, _problem("debtor_kind", "kind_invalid", value=_text(value))


def _cause(value, default: str) -> tuple[str | None, dict | None]:
    text = _SPACES.sub("", _text(value)).lower()
    if not text:
        return default, None
    code = CAUSE_INDEX.get(text) or CAUSE_INDEX.get(text.removesuffix("纠纷"))
    if code is None:
        return None, _problem("cause", "cause_invalid", value=_text(value))
    return str(code), None


def clean_row(values: dict, *, default_cause: str) -> tuple[dict, dict, list[dict]]:
    """(cells as text, cleaned values, problems) of one row. Cleaned values are JSON-ready (amount and date as
    text); they are complete only when there is no problem."""
    shown = {column.key: display(values.get(column.key)) for column in COLUMNS if column.key in values}
    problems: list[dict] = []
    cleaned: dict = {}

    for key in ("debtor_name", "address", "phone", "contract_number", "notes"):
        text = _text(values.get(key))
        limit = COLUMN_BY_KEY[key].max_length
        if limit and len(text) > limit:
            problems.append(_problem(key, "too_long", max=limit))
        cleaned[key] = text
    if not cleaned["debtor_name"]:
        problems.append(_problem("debtor_name", "name_missing"))

    raw_id = values.get("id_number")
    if isinstance(raw_id, float) and not raw_id.is_integer() or isinstance(raw_id, float) and raw_id >= 1e15:
        problems.append(_problem("id_number", "id_numeric"))
        id_number = ""
    else:
        id_number = _SPACES.sub("", _text(raw_id)).upper()
    cleaned["id_number"] = id_number

    kind, problem = _kind(values.get("debtor_kind"), id_number)
    if problem:
        problems.append(problem)
    cleaned["debtor_kind"] = kind
    if kind and not any(p["field"] == "id_number" for p in problems):
        error = uscc_error(id_number) if kind == Debtor.Kind.COMPANY else resident_id_error(id_number)
        if error:
            problems.append(_problem("id_number", "id_invalid", kind=kind, value=id_number))

    principal, problem = parse_amount(values.get("principal"))
    if problem:
        problems.append(problem)
    cleaned["principal"] = str(principal) if principal is not None else None

    due_date, problem = parse_date(values.get("due_date"))
    if problem:
        problems.append(problem)
    cleaned["due_date"] = due_date.isoformat() if due_date else None

    cause, problem = _cause(values.get("cause"), default_cause)
    if problem:
        problems.append(problem)
    cleaned["cause"] = cause
    cleaned["phones"] = [part.strip() for part in _PHONE_SPLIT.split(cleaned.pop("phone")) if part.strip()]
    return shown, cleaned, problems


def normalize_contract_number(text: str) -> str:
    return _SPACES.sub("", text or "").upper()


def fingerprint(mandate_id: int, cleaned: dict) -> str:
    """The identity of a row: mandate, debtor identifier, and the contract number (or, without one, the
    principal and due date). Importing a row with the same identity twice creates one matter."""
    contract = normalize_contract_number(cleaned.get("contract_number", ""))
    if contract:
        parts = (str(mandate_id), cleaned["id_number"], "contract", contract)
    else:
        parts = (str(mandate_id), cleaned["id_number"], "amount", cleaned["principal"], cleaned["due_date"])
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# --- words -------------------------------------------------------------------------------------------------


def _messages() -> dict[str, str]:
    return {
        "name_missing": _("请填写债务人名称。"),
        "too_long": _("%(column)s不能超过 %(max)d 个字符。"),
        "kind_invalid": _("债务人类型“%(value)s”无法识别，请填写“公司”或“个人”。"),
        "id_numeric": _("证件号码被 Excel 存成了数字，末几位已丢失。请将该列设为文本格式后重新填写。"),
        "amount_missing": _("请填写欠款本金。"),
        "amount_invalid": _("欠款本金“%(value)s”不是有效的数字。"),
        "amount_decimals": _("欠款本金“%(value)s”最多保留两位小数（到分）。"),
        "amount_not_positive": _("欠款本金必须大于 0。"),
        "amount_too_large": _("欠款本金过大。"),
        "date_missing": _("请填写到期日。"),
        "date_invalid": _("到期日“%(value)s”不是有效的日期，请写成 2026-11-22、2026/11/22 或 2026年11月22日。"),
        "date_impossible": _("到期日“%(value)s”不存在。"),
        "date_out_of_range": _("到期日“%(value)s”超出可受理的范围（%(earliest)s 至 %(latest)s），请核对年份。"),
        "cause_invalid": _("案由“%(value)s”无法识别，可填：买卖合同、借款、建设工程、租赁、服务、其他。"),
        "duplicate_in_file": _("与第 %(line)d 行重复（同一债务人、同一合同编号或同一本金与到期日）。"),
        "name_conflict_in_file": _("同一证件号码在第 %(line)d 行的债务人名称是“%(name)s”，与本行不一致。"),
        "kind_conflict_in_file": _("同一证件号码在第 %(line)d 行的债务人类型不同。"),
        "kind_conflict": _("证件号码 %(value)s 已登记为%(kind)s“%(name)s”，与本行的债务人类型不符。"),
        "duplicate_open_matter": _("与未结案件 %(reference)s 重复（同一债务人、本金和到期日）。"),
        "already_imported": _("已导入（案件 %(reference)s）。"),
        "risk_fee": _("该委托的风险代理安排不适用于本行：%(text)s"),
        "debtor_exists": _("证件号码已登记为债务人“%(name)s”，将关联到该债务人。"),
        "debtor_new": _("将新建债务人。"),
    }


def problem_message(problem: dict) -> str:
    code, params = problem.get("code", ""), dict(problem.get("params") or {})
    if code == "id_invalid":
        value = params.get("value", "")
        return (uscc_error(value) if params.get("kind") == Debtor.Kind.COMPANY else resident_id_error(value)) \
            or _("证件号码无效。")
    if code == "kind_conflict":
        params["kind"] = Debtor.Kind(params.get("kind", Debtor.Kind.COMPANY)).label
    if code == "date_out_of_range":
        params.update(earliest=EARLIEST_DATE.isoformat(), latest=LATEST_DATE.isoformat())
    column = COLUMN_BY_KEY.get(problem.get("field", ""))
    if column is not None:
        params.setdefault("column", column.label)
    template = _messages().get(code)
    if template is None:
        return _("数据有误。")
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return template
