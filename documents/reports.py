"""PDF reports on the firm's letterhead (through core.pdf.render_pdf): the matter summary, the monthly
progress report for a client with its recoveries chart (documents.charts), and the credit investigation report
(资信调查报告) of a debtor.

Both are deterministic for the same records and the same ``as_of`` (no clock in the output but the dates
passed in), so the write-off dossier can embed the summary and still checksum the same twice.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from core.formatting import cn_date, money_text, money_uppercase
from core.pdf import render_pdf
from documents import charts
from documents.missing import MissingField
from matters.balances import matter_balance, matter_balances
from matters.models import (
    EvidenceFile,
    Hearing,
    Matter,
    Payment,
    TimelineEvent,
)
from matters.selectors import deadlines_for_matters
from matters.stages import Outcome, Stage

ZERO = Decimal("0.00")


def amount(value: Decimal | None) -> dict:
    value = value if value is not None else ZERO
    # A negative figure (more recovered than claimed) has no uppercase wording on the summary.
    return {"figures": money_text(value), "uppercase": money_uppercase(value) if value >= 0 else ""}


@dataclass(frozen=True)
class RecordRow:
    on: date
    category: str
    text: str


def collection_record(matter: Matter) -> list[RecordRow]:
    """The full record of collection effort, oldest first: demands, calls, visits, negotiations, agreements,
    preservations, lawsuits and hearings, enforcement, and the ruling that ended it."""
    rows: list[RecordRow] = []
    for entry in matter.worklog_entries.all():
        text = entry.summary
        if entry.contact_person:
            text = f"联系人：{entry.contact_person}；{text}"
        if entry.outcome:
            text += f"；结果：{entry.outcome}"
        if entry.interrupts_limitation:
            text += "（中断诉讼时效）"
        rows.append(RecordRow(entry.occurred_on, f"催收·{entry.get_kind_display()}", text))
    for letter in matter.demand_letters.all():
        if letter.sent_on is None:
            continue  # generated, not sent: no step of the collection yet
        delivered = f"，{cn_date(letter.delivered_on)}送达" if letter.delivered_on else "，未记录送达"
        rows.append(RecordRow(letter.sent_on, "律师函", f"{letter.letter_number or '律师函'}以{letter.get_method_display()}"
                              f"发出{('（单号' + letter.tracking_number + '）') if letter.tracking_number else ''}{delivered}"))
    for negotiation in matter.negotiations.all():
        rows.append(RecordRow(negotiation.occurred_on, f"谈判·{negotiation.get_kind_display()}", negotiation.summary))
    for agreement in matter.repayment_agreements.all():
        rows.append(RecordRow(agreement.signed_on, "还款协议",
                              f"签订还款协议，约定还款总额{money_text(agreement.total_amount)}元"))
    for preservation in matter.preservations.all():
        when = preservation.ruling_on or preservation.applied_on
        if when:
            rows.append(RecordRow(when, "财产保全", f"{preservation.court}{'诉前' if preservation.pre_suit else '诉讼'}保全"
                                  f"{('，' + preservation.ruling_number) if preservation.ruling_number else ''}"))
    for lawsuit in matter.lawsuits.all():
        if lawsuit.filed_on:
            rows.append(RecordRow(lawsuit.filed_on, "诉讼", f"向{lawsuit.court}起诉（{lawsuit.get_instance_display()}）"
                                  f"{('，案号' + lawsuit.case_number) if lawsuit.case_number else ''}"))
        if lawsuit.decided_on:
            awarded = f"，金额{money_text(lawsuit.awarded_amount)}元" if lawsuit.awarded_amount is not None else ""
            rows.append(RecordRow(lawsuit.decided_on, "诉讼", f"{lawsuit.court}作出{lawsuit.get_decision_display()}{awarded}"))
    for hearing in matter.hearings.all():
        rows.append(RecordRow(hearing.held_on, "开庭", f"开庭{('，' + hearing.place) if hearing.place else ''}"))
    for enforcement in matter.enforcements.all():
        if enforcement.applied_on:
            rows.append(RecordRow(enforcement.applied_on, "强制执行",
                                  f"向{enforcement.court}申请执行{('，案号' + enforcement.case_number) if enforcement.case_number else ''}"
                                  f"，已执行到位{money_text(enforcement.amount_enforced)}元"))
    for claim in matter.bankruptcy_claims.all():
        case = f"（{claim.case_number}）" if claim.case_number else ""
        rows.append(RecordRow(claim.accepted_on, "破产", f"{claim.court}受理债务人破产申请{case}，债权自受理之日起停止计息"))
        if claim.declared_on:
            amount = f"{money_text(claim.declared_amount)}元" if claim.declared_amount is not None else "债权"
            rows.append(RecordRow(claim.declared_on, "破产", f"向管理人{claim.administrator_name}申报{amount}"
                                  f"（{'有' if claim.secured else '无'}财产担保）"
                                  + (f"，管理人确认{money_text(claim.confirmed_amount)}元"
                                     if claim.confirmed_amount is not None else "")))
        if claim.final_distribution_on:
            rows.append(RecordRow(claim.final_distribution_on, "破产",
                                  f"破产财产最后分配，累计获分配{money_text(claim.distributions_received)}元"))
    for write_off in matter.write_offs.all():
        if write_off.basis_date:
            rows.append(RecordRow(write_off.basis_date, "终结依据", f"{write_off.get_basis_display()}"
                                  f"{(' ' + write_off.document_number) if write_off.document_number else ''}"
                                  f"{('：' + write_off.note) if write_off.note else ''}"))
    for payment in matter.payments.all():
        rows.append(RecordRow(payment.received_on, "回款", f"收到{payment.get_payer_kind_display()}付款"
                              f"{money_text(payment.amount)}元（{payment.get_method_display()}）"))
    rows.sort(key=lambda row: (row.on, row.category, row.text))
    return rows


def summary_queryset():
    return Matter.objects.select_related("mandate__client", "mandate__responsible_partner", "debtor",
                                         "lawyer").prefetch_related(
        "guarantors", Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id")),
        "worklog_entries", "demand_letters", "negotiations", "repayment_agreements", "preservations", "lawsuits",
        Prefetch("hearings", queryset=Hearing.objects.order_by("held_on", "id")), "enforcements", "write_offs",
        "bankruptcy_claims", "asset_leads", "credit_investigations",
        Prefetch("evidence_files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")))


def matter_summary_context(matter: Matter, *, as_of: date) -> dict:
    balance = matter_balance(matter, as_of=as_of)
    return {
        "matter": matter,
        "as_of": cn_date(as_of),
        "pdf_created": f"{as_of.isoformat()}T00:00:00+08:00",
        "stage_label": Stage(matter.stage).label,
        "outcome_label": Outcome(matter.outcome).label,
        "debtor": matter.debtor,
        "debtor_address": "；".join(matter.debtor.addresses or []),
        "guarantors": list(matter.guarantors.all()),
        "balance": {
            "principal": amount(balance.principal), "interest": amount(balance.interest),
            "costs": amount(balance.costs), "claimed": amount(balance.claimed),
            "recovered": amount(balance.recovered), "outstanding": amount(balance.outstanding),
            "principal_outstanding": amount(balance.principal_outstanding),
            "follows_judgment": balance.follows_judgment, "late_interest": amount(balance.late_interest),
            "late_from": cn_date(balance.late_from) if balance.late_from else "",
        },
        "lpr_note": balance.lpr_note,
        "record": [{"on": cn_date(row.on), "category": row.category, "text": row.text}
                   for row in collection_record(matter)],
        "evidence": list(matter.evidence_files.all()),
        "lawsuits": list(matter.lawsuits.all()),
        "enforcements": list(matter.enforcements.all()),
        "write_offs": list(matter.write_offs.all()),
        "opened_on": cn_date(matter.opened_on),
        "due_date": cn_date(matter.due_date),
    }


def matter_summary_pdf(matter: Matter, *, firm, as_of: date | None = None, title: str = "案件摘要") -> bytes:
    matter = summary_queryset().get(pk=matter.pk)
    context = matter_summary_context(matter, as_of=as_of or timezone.localdate())
    context["title"] = title
    return render_pdf("pdf/matter_summary.html", context, firm=firm)


# --- the monthly progress report ----------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def progress_report_context(client, *, year: int, month: int, today: date | None = None) -> dict:
    first, last = month_bounds(year, month)
    today = today or timezone.localdate()
    matters = list(Matter.objects.filter(mandate__client=client, opened_on__lte=last)
                   .select_related("debtor", "lawyer", "mandate")
                   .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id")),
                                     "lawsuits", "bankruptcy_claims")
                   .order_by("reference"))
    balances = matter_balances(matters, as_of=min(last, today))
    by_stage = []
    for stage in Stage:
        group = [m for m in matters if m.stage == stage.value and m.outcome == Outcome.OPEN]
        if group:
            by_stage.append({"label": stage.label, "count": len(group),
                             "claimed": amount(sum((balances[m.pk].claimed for m in group), ZERO)),
                             "recovered": amount(sum((balances[m.pk].recovered for m in group), ZERO))})
    closed = [m for m in matters if m.outcome != Outcome.OPEN]
    if closed:
        by_stage.append({"label": "已结案", "count": len(closed),
                         "claimed": amount(sum((balances[m.pk].claimed for m in closed), ZERO)),
                         "recovered": amount(sum((balances[m.pk].recovered for m in closed), ZERO))})
    claimed = sum((b.claimed for b in balances.values()), ZERO)
    recovered = sum((b.recovered for b in balances.values()), ZERO)
    payments = [(p.received_on, p.amount) for m in matters for p in m.payments.all() if p.received_on <= last]
    series = charts.monthly_series(payments, last_month=first, months=12)
    month_recovered = sum((a for d, a in payments if first <= d <= last), ZERO)
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last, time.max))
    events = (TimelineEvent.objects.filter(matter__in=matters)
              .filter(Q(on_date__range=(first, last)) | Q(on_date__isnull=True, created_at__range=(start, end)))
              .select_related("matter__debtor").order_by("matter__reference", "on_date", "created_at", "id"))
    happened = [{"reference": e.matter.reference, "debtor": e.matter.debtor.name,
                 "on": cn_date(e.on_date or timezone.localdate(e.created_at)), "summary": e.summary}
                for e in events]
    horizon = date.fromordinal(last.toordinal() + 60)
    deadlines = [d for d in deadlines_for_matters(Matter.objects.filter(pk__in=[m.pk for m in matters]
                                                                        if matters else []), today=today)
                 if not d.done and d.due_date <= horizon]
    references = {m.pk: m for m in matters}
    upcoming = [{"reference": references[d.matter_id].reference if d.matter_id in references else "",
                 "label": d.label, "due": cn_date(d.due_date), "overdue": d.overdue} for d in deadlines]
    rows = [{"reference": m.reference, "debtor": m.debtor.name, "stage": Stage(m.stage).label,
             "outcome": Outcome(m.outcome).label, "lawyer": m.lawyer.name if m.lawyer else "",
             "claimed": money_text(balances[m.pk].claimed), "recovered": money_text(balances[m.pk].recovered),
             "outstanding": money_text(balances[m.pk].outstanding), "plan": m.recovery_plan}
            for m in matters]
    rate = (recovered / claimed * 100).quantize(Decimal("0.1")) if claimed else Decimal("0.0")
    return {
        "client": client, "year": year, "month": month, "period": f"{year}年{month}月",
        "as_of": cn_date(min(last, today)), "pdf_created": f"{min(last, today).isoformat()}T00:00:00+08:00",
        "matter_count": len(matters), "by_stage": by_stage, "claimed": amount(claimed), "recovered": amount(recovered),
        "recovery_rate": rate, "month_recovered": amount(month_recovered),
        "chart": charts.recoveries_chart(series, claimed=claimed),
        "happened": happened, "upcoming": upcoming, "rows": rows,
        "plans": [r for r in rows if r["plan"]],
    }


def progress_report_pdf(client, *, year: int, month: int, firm, today: date | None = None) -> bytes:
    context = progress_report_context(client, year=year, month=month, today=today)
    return render_pdf("pdf/progress_report.html", context, firm=firm)


# --- the credit investigation report -------------------------------------------------------------------------


def credit_report_queryset():
    return Matter.objects.select_related("mandate__client", "debtor", "lawyer").prefetch_related(
        "asset_leads", "credit_investigations")


def credit_report_missing(matter: Matter) -> list[MissingField]:
    """What the report cannot do without: the investigation, the lawyer's conclusion, the investigating lawyer
    and the source of the registry and court facts. A report never prints a blank where a finding belongs."""
    investigations = list(matter.credit_investigations.all())
    if not investigations:
        return [MissingField("credit_investigation", "资信调查记录（登记信息、涉诉情况、结论与建议）",
                             reverse("matters:record_create", args=[matter.pk, "credit-investigations"]))]
    investigation = investigations[-1]
    edit = reverse("matters:record_edit", args=[matter.pk, "credit-investigations", investigation.pk])
    missing = []
    if not investigation.conclusion.strip():
        missing.append(MissingField("credit_investigation.conclusion", "资信调查的结论", edit))
    if not investigation.registration_source.strip():
        missing.append(MissingField("credit_investigation.registration_source", "登记信息的来源", edit))
    if not investigation.litigation_source.strip():
        missing.append(MissingField("credit_investigation.litigation_source", "涉诉信息的来源", edit))
    if matter.lawyer is None:
        missing.append(MissingField("lawyer", "承办律师（调查律师）",
                                    reverse("matters:matter_edit", args=[matter.pk])))
    return missing


def credit_report_context(matter: Matter) -> dict:
    """The report of the matter's latest credit investigation (call credit_report_missing first). Dated by the
    investigation, so the same records give the same PDF."""
    investigation = list(matter.credit_investigations.all())[-1]
    debtor = matter.debtor
    is_company = debtor.kind == "company"
    leads = [{"number": number, "kind": lead.get_kind_display(), "description": lead.description,
              "value": money_text(lead.estimated_value) if lead.estimated_value is not None else "不详",
              "found_on": cn_date(lead.found_on) if lead.found_on else "—",
              "source": lead.source or "来源未注明"}
             for number, lead in enumerate(matter.asset_leads.all(), start=1)]
    return {
        "matter": matter,
        "title": "资信调查报告",
        "report_date": cn_date(investigation.investigated_on),
        "pdf_created": f"{investigation.investigated_on.isoformat()}T00:00:00+08:00",
        "client": matter.mandate.client,
        "debtor": debtor,
        "is_company": is_company,
        "id_label": "统一社会信用代码" if is_company else "公民身份号码",
        "addresses": list(debtor.addresses or []),
        "investigation": investigation,
        "registered_capital": (money_text(investigation.registered_capital)
                               if investigation.registered_capital is not None else ""),
        "established_on": cn_date(investigation.established_on) if investigation.established_on else "",
        "leads": leads,
        "lead_total": money_text(sum((lead.estimated_value for lead in matter.asset_leads.all()
                                      if lead.estimated_value is not None), ZERO)),
        "lawyer": matter.lawyer,
        "road": investigation.get_recommended_road_display() if investigation.recommended_road else "",
    }


def credit_report_pdf(matter: Matter, *, firm) -> bytes:
    matter = credit_report_queryset().get(pk=matter.pk)
    return render_pdf("pdf/credit_report.html", credit_report_context(matter), firm=firm)
