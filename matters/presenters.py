"""What the matters pages show, as plain values: the rows of a table of matters, a mandate's fee and powers
as text, the tables of a matter's stage records, and the balance, payments and work-log sections of the
matter page. Amounts and rates are written by ``core.formatting``.

The matter list's query (its filter form, the filtered matters and the query string) is built here too: the
list page and the workspace's ledger and ageing exports read the same matters for the same query string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db.models import DateField, DecimalField, Field, Model, QuerySet, TimeField
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculators.selectors import holiday_calendar
from core.formatting import money_text, percent_text
from matters import balances, records, selectors
from matters.deadlines import INSTALMENT_STATUS_LABELS, Deadline, frozen_asset_expiry
from matters.filters import MatterFilter
from matters.forms.matters import MatterFilterForm
from matters.forms.payments import PaymentForm, PaymentReversalForm
from matters.forms.work import WorkLogForm
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS, FeeType, Mandate, Matter
from matters.stages import STAGE_ORDER, Outcome, Stage
from rules.risk_fees import upfront_fee_exceeds_cap_below

# --- mandates ------------------------------------------------------------------------------------------------


def fee_text(mandate: Mandate) -> str:
    if mandate.fee_type == FeeType.FIXED:
        return _("固定收费 %(rate)s") % {"rate": percent_text(mandate.fixed_rate)}
    return _("前期 %(upfront)s ＋ 回款 %(success)s") % {"upfront": percent_text(mandate.upfront_rate),
                                                     "success": percent_text(mandate.success_rate)}


def powers_text(mandate: Mandate) -> str:
    return "、".join(SPECIAL_POWERS.get(power, power) for power in mandate.special_powers or [])


def scope_text(mandate: Mandate) -> str:
    return "、".join(label for code, label in MANDATE_SCOPES.items() if code in (mandate.scope or []))


def upfront_cap_text(mandate: Mandate) -> str:
    """Under a risk arrangement, the recovery below which the up-front fee alone is above the cap (so the
    contract refunds the excess); blank under a fixed fee."""
    if mandate.fee_type != FeeType.RISK or not mandate.upfront_rate:
        return ""
    if not mandate.placed_amount:
        return _("前期费用按各案本金计收；某案最终收回金额低于其前期费用÷18%时，前期费用超过风险代理收费上限，"
                 "超出部分按合同退还委托人。")
    fee = (mandate.placed_amount * mandate.upfront_rate).quantize(Decimal("0.01"))
    return _("前期费用 %(fee)s 元；最终收回金额低于 %(level)s 元时，前期费用超过风险代理收费上限"
             "（司发通〔2021〕87号），超出部分按合同退还委托人。") % {
        "fee": money_text(fee), "level": money_text(upfront_fee_exceeds_cap_below(fee))}


# --- tables of matters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    """One line of a table of matters, every cell already a string: long lists render fast this way."""

    url: str
    reference: str
    debtor: str
    guarantors: str
    client: str
    stage: str
    outcome: str
    is_open: bool
    lawyer: str
    principal: str
    recovered: str
    outstanding: str
    balance_error: str
    due_date: str


def matter_url_prefix() -> str:
    """A matter page's URL without the id, for long lists: reverse() costs about 20 µs a call."""
    return reverse("matters:matter_detail", args=[0]).removesuffix("0/")


def matter_table_rows(matters) -> list[MatterRow]:
    """Rows of a table of matters (from ``selectors.matter_rows``) with today's balances."""
    matters = list(matters)
    figures = balances.balance_figures(matters)
    stages, outcomes = dict(Stage.choices), dict(Outcome.choices)
    detail = matter_url_prefix()
    return [MatterRow(
        url=f"{detail}{m.pk}/", reference=m.reference, debtor=m.debtor.name, guarantors="、".join(m.guarantor_names),
        client=m.mandate.client.name, stage=str(stages[m.stage]), outcome=str(outcomes[m.outcome]),
        is_open=m.is_open, lawyer=m.lawyer.name if m.lawyer_id else "—", principal=money_text(m.principal),
        recovered=money_text(figures[m.pk].recovered), outstanding=money_text(figures[m.pk].outstanding),
        balance_error=figures[m.pk].error, due_date=m.due_date.isoformat(),
    ) for m in matters]


SORT_COLUMNS = (("reference", gettext_lazy("案件编号")), ("debtor", gettext_lazy("债务人")),
                ("client", gettext_lazy("委托人")), ("stage", gettext_lazy("阶段")),
                ("principal", gettext_lazy("本金")), ("recovered", gettext_lazy("已回款")),
                ("outstanding", gettext_lazy("未清偿")), ("due_date", gettext_lazy("履行期限")))


class MatterListQuery(NamedTuple):
    filters: MatterFilterForm
    matters: QuerySet[Matter]  # filtered and sorted
    query: QueryDict  # the valid, non-empty filters: what the list's links and exports carry


def matter_list_query(params: QueryDict, *, user) -> MatterListQuery:
    """The matters of the matter list for the query string ``params``: shared by the list page and the
    ledger and ageing exports."""
    filters = MatterFilterForm(params or None, user=user)
    query = QueryDict(mutable=True)
    for name, value in filters.filter_data().items():
        query.setlist(name, [str(value)])
    return MatterListQuery(filters, MatterFilter(query, queryset=selectors.matter_rows(user=user)).qs, query)


def sort_links(query: QueryDict) -> dict[str, dict]:
    """Each sortable column's label, the sort its header link asks for, and whether the list is sorted so."""
    current = query.get("sort", "")
    return {key: {"label": label, "next": key if current != key else f"-{key}",
                  "state": "asc" if current == key else "desc" if current == f"-{key}" else ""}
            for key, label in SORT_COLUMNS}


# --- the matter page -----------------------------------------------------------------------------------------


def stage_steps(matter: Matter) -> list[dict]:
    """The stages in order, those passed and the current one marked."""
    current = STAGE_ORDER.index(matter.stage)
    return [{"value": value, "label": Stage(value).label, "done": index < current, "current": value == matter.stage}
            for index, value in enumerate(STAGE_ORDER)]


def _cell(obj: Model, name: str) -> tuple[str, str]:
    """(text, kind) of one field of a record for the records tables; kind is "num", "date" or ""."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return "、".join(str(item) for item in getattr(obj, name).all()), ""
    value = getattr(obj, name)
    if value is None or value == "":
        return "", ""
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")()), ""
    if isinstance(value, bool):
        return (_("是") if value else _("否")), ""
    if isinstance(value, Decimal):
        return money_text(value), "num"
    if isinstance(value, date):
        return value.isoformat(), "date"
    if isinstance(value, time):
        return value.strftime("%H:%M"), "date"
    return str(value), ""


def _column_kind(field: Field) -> str:
    if isinstance(field, DecimalField):
        return "num"
    return "date" if isinstance(field, DateField | TimeField) else ""


@dataclass
class RecordGroup:
    """The table of one record type on the matter page; ``current``: its stage is the matter's."""

    kind: records.RecordType
    headers: list  # (label, kind)
    rows: list  # (record, cells, extra)
    current: bool


def _instalment_rows(agreement) -> list[dict]:
    return [{"number": s.number, "due_on": s.due_on.isoformat(), "amount": money_text(s.amount),
             "status": s.status, "missed": s.missed, "label": INSTALMENT_STATUS_LABELS.get(s.status, s.status)}
            for s in selectors.agreement_instalment_statuses(agreement)]


def _freeze_cells(asset, calendar) -> list[tuple[str, str]]:
    """The current period's last day (stated or computed) and the working day to apply for renewal by."""
    expiry = frozen_asset_expiry(asset, calendar)
    ends = expiry.expires_on.isoformat() + ("" if expiry.stated else _("（推算）"))
    renew = expiry.deadline.isoformat() + ("" if expiry.holiday_data else _("（请核对）"))
    return [(ends, "date"), (renew, "date")]


FREEZE_HEADERS = [(gettext_lazy("本期届满日"), "date"), (gettext_lazy("续封申请最晚工作日"), "date")]


def _record_cells(kind: records.RecordType, record, calendar) -> list[tuple[str, str]]:
    cells = [_cell(record, name) for name in kind.columns]
    if kind.name == "demand_letter" and record.sent_on is None:
        # Generated, not sent: a letter counts (for limitation) only once it is sent and delivered.
        cells[kind.columns.index("sent_on")] = (_("已生成，未发出"), "")
    if kind.name == "frozen_asset":
        cells += _freeze_cells(record, calendar)
    return cells


def record_groups(matter: Matter) -> list[RecordGroup]:
    """A table per record type of ``matters.records``, in its order; an agreement's row has its instalments,
    a frozen asset's the end of its period and the day to apply for renewal by."""
    groups = []
    calendar = holiday_calendar()
    for kind in records.RECORD_TYPES:
        with_instalments = kind.name == "repayment_agreement"
        rows = [(record, _record_cells(kind, record, calendar),
                 _instalment_rows(record) if with_instalments else None)
                for record in kind.queryset(matter)]
        headers = [(field.verbose_name, _column_kind(field))
                   for field in (kind.model._meta.get_field(name) for name in kind.columns)]
        if kind.name == "frozen_asset":
            headers += FREEZE_HEADERS
        groups.append(RecordGroup(kind=kind, headers=headers, rows=rows, current=kind.stage == matter.stage))
    return groups


def guarantee_rows(matter: Matter, *, today: date) -> list[dict]:
    """The matter page's table of guarantees: guarantor, kind, the period's end (agreed or statutory), the
    contract and where the guarantee stands."""
    rows = []
    for state in selectors.matter_guarantee_states(matter, today=today):
        guarantee = state.guarantee
        rows.append({
            "guarantee": guarantee, "debtor": guarantee.debtor, "kind": guarantee.get_kind_display(),
            "period_end": state.period.end.isoformat(),
            "period_basis": _("约定") if state.period.agreed else _("法定六个月"),
            "contract": guarantee.contract, "status": state.status, "released": state.released,
            "kept_alive": state.kept_alive_on is not None,
        })
    return rows


BALANCE_FIGURES = ("principal", "costs", "interest", "claimed", "recovered", "principal_outstanding",
                   "interest_outstanding", "costs_outstanding", "outstanding", "overpaid", "late_interest",
                   "late_interest_outstanding")


def balance_context(matter: Matter) -> dict:
    balance = balances.matter_balance(matter)
    return {"balance": balance, "rate_warning": balances.private_lending_warning(matter, matter.mandate.client),
            "balance_text": {name: money_text(getattr(balance, name)) for name in BALANCE_FIGURES}}


def payments_context(matter: Matter, form: PaymentForm | None = None, *,
                     reverse_form: PaymentReversalForm | None = None, reverse_payment_id: int | None = None) -> dict:
    """The payments section: the ledger (a reversal form with errors on its payment's row) and the form."""
    rows = [{"payment": p, "amount": money_text(p.amount), "reversal": getattr(p, "reversal", None),
             "payer": p.payer.name if p.payer_id else p.get_payer_kind_display(),
             "reverse_form": reverse_form if p.pk == reverse_payment_id else None}
            for p in selectors.matter_payment_entries(matter)]
    return {"payments": rows, "payment_form": form or PaymentForm(matter=matter)}


def worklog_context(matter: Matter, form: WorkLogForm | None = None) -> dict:
    entries = list(matter.worklog_entries.select_related("author").order_by("-occurred_on", "-id"))
    for entry in entries:
        entry.promised_text = money_text(entry.promised_amount)
    return {"entries": entries, "worklog_form": form or WorkLogForm()}


def timeline_context(matter: Matter) -> dict:
    """The matter's timeline, which a payment or a work-log entry changes (deadlines are a section apart)."""
    return {"timeline": selectors.matter_timeline(matter, include_deadlines=False)}


# --- deadlines -----------------------------------------------------------------------------------------------


def deadline_groups(items: list[Deadline], *, today: date) -> list[dict]:
    """Deadlines by urgency: overdue, due within 7 days, due within 30 days."""
    week = today + timedelta(days=7)
    return [
        {"key": "overdue", "title": _("已逾期"), "items": [i for i in items if i.overdue]},
        {"key": "week", "title": _("7 日内到期"), "items": [i for i in items if not i.overdue and i.due_date <= week]},
        {"key": "month", "title": _("30 日内到期"), "items": [i for i in items if not i.overdue and i.due_date > week]},
    ]


def arbitration_fee_context(matter: Matter) -> dict | None:
    """The arbitration fee estimate of an arbitration matter, as the page shows it (None: nothing to show)."""
    estimate = selectors.arbitration_fee_estimate(matter)
    if estimate is None:
        return None
    return {"fee": money_text(estimate.fee), "note": estimate.note}
