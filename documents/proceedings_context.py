"""The proceedings a filing names: the lawsuit or award it rests on, preservation, enforcement, the payment
order, arbitration and the claim in bankruptcy, as the template context (documents/template_context.py) fills
them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from core.formatting import cn_date, money_text, money_uppercase
from documents.legal_text import DECISION_DOCUMENTS, GENERAL_PRESERVATION_MEASURE, PRESERVATION_MEASURES


def owed(balance) -> Decimal:
    """What the claim comes to on the balance's date: the principal, interest and costs still outstanding."""
    return balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding


def amount_texts(amount: Decimal) -> dict:
    return {"amount": money_text(amount), "amount_upper": money_uppercase(amount)}


class ProceedingsSections:
    """The template context's sections for proceedings; mixed into template_context.Builder, whose ``value``,
    ``data`` and ``collector`` they use."""

    def lawsuit(self, lawsuits, judgment, balance) -> dict:
        """The lawsuit a filing names: the decision the matter is enforced on, or else the latest suit. What
        only a decision has (its operative part, sums, dates) is missing unless there is one: a withdrawn suit
        decides nothing and is no basis for enforcement."""
        basis = judgment.suit if judgment is not None else None
        suit = basis or (lawsuits[-1] if lawsuits else None)

        def v(value, key, label):
            return self.value(value, f"lawsuit.{key}", f"诉讼的{label}")

        def decided(value, key, label):
            return v(value if basis is not None else None, key,
                     f"{label}（须有生效的判决、调解或裁定；撤诉的诉讼不能作为执行依据）")

        if suit is None:
            suit = SimpleNamespace(court="", case_number="", filed_on=None, decision="")
        dates = judgment.dates if judgment is not None else None
        due = dates.performance_due_on if dates else None
        has_figures = basis is not None and basis.awarded_principal is not None
        lines = [line.strip() for line in (basis.judgment_text if basis is not None else "").splitlines()
                 if line.strip()]

        def awarded(value, key, label):
            return decided(money_text(value) if has_figures and value is not None else None, key, label)

        def awarded_upper(value, key, label):
            return decided(money_uppercase(value) if has_figures and value is not None else None, key, label)

        late = balance.late_interest_outstanding if getattr(balance, "follows_judgment", False) else None
        return {
            "court": v(suit.court, "court", "受诉法院"),
            "case_number": v(suit.case_number, "case_number", "案号"),
            "filed_on": v(cn_date(suit.filed_on), "filed_on", "立案日期"),
            "decision": decided(basis.get_decision_display() if basis is not None else "", "decision",
                                "结案方式（判决/调解/裁定）"),
            # An award is enforced under 民事诉讼法第二百四十八条, a court's decision under 第二百四十七条.
            "is_award": basis is not None and basis.decision == "award",
            "document_name": decided(DECISION_DOCUMENTS.get(basis.decision, "") if basis is not None else "",
                                     "document_name", "生效法律文书"),
            "decided_on": decided(cn_date(basis.decided_on) if basis is not None else "", "decided_on", "裁判日期"),
            "awarded_amount": decided(money_text(basis.awarded_amount) if basis is not None else "",
                                      "awarded_amount", "判决/调解金额"),
            "awarded_amount_upper": decided(money_uppercase(basis.awarded_amount) if basis is not None else "",
                                            "awarded_amount", "判决/调解金额"),
            "judgment_text": decided("\n".join(lines), "judgment_text", "判决主文"),
            "has_figures": has_figures,
            "awarded_principal": awarded(basis.awarded_principal if has_figures else None, "awarded_principal",
                                         "判决本金"),
            "awarded_principal_upper": awarded_upper(basis.awarded_principal if has_figures else None,
                                                     "awarded_principal", "判决本金"),
            "awarded_interest": awarded(basis.awarded_interest if has_figures else None, "awarded_interest",
                                        "判决利息"),
            "awarded_interest_upper": awarded_upper(basis.awarded_interest if has_figures else None,
                                                    "awarded_interest", "判决利息"),
            "has_awarded_interest": has_figures and bool(basis.awarded_interest),
            "interest_awarded_to": cn_date(basis.interest_awarded_to) if has_figures and basis.interest_awarded_to
            else "",
            "interest_continues": has_figures and basis.interest_continues,
            "awarded_costs": awarded(basis.awarded_costs if has_figures else None, "awarded_costs",
                                     "被告负担的诉讼费用"),
            "awarded_costs_upper": awarded_upper(basis.awarded_costs if has_figures else None, "awarded_costs",
                                                 "被告负担的诉讼费用"),
            "has_awarded_costs": has_figures and bool(basis.awarded_costs),
            "effective_on": decided(cn_date(dates.effective_on) if dates and dates.effective_on else "",
                                    "effective_on", "生效日期（或送达日期）"),
            "performance_due_on": decided(cn_date(due) if due else "", "performance_due_on",
                                          "履行期限最后一日（或判决确定的履行期限天数与送达日期）"),
            "late_from": decided(cn_date(dates.late_from) if due else "", "performance_due_on",
                                 "履行期限最后一日（或判决确定的履行期限天数与送达日期）"),
            "late_interest": money_text(late) if late is not None else "",
            "late_interest_upper": money_uppercase(late) if late is not None else "",
            "has_late_interest": late is not None and late > 0,
            "late_as_of": cn_date(balance.as_of),
        }


    def preservation(self, preservations, asset_leads, balance) -> dict:
        record = preservations[-1] if preservations else None
        court = record.court if record else ""
        if not court and self.data.lawsuits:
            court = self.data.lawsuits[-1].court
        amount = record.amount if record and record.amount else owed(balance)
        pre_suit = bool(record and record.pre_suit)
        insurer = (getattr(record, "insurer", "") or "").strip() if record else ""
        policy = (getattr(record, "policy_number", "") or "").strip() if record else ""
        measures = []
        for lead in asset_leads:
            measure = PRESERVATION_MEASURES.get(lead.kind, PRESERVATION_MEASURES["other"])
            if measure not in measures:
                measures.append(measure)
        # Before suit the security must be named (民事诉讼法第一百零四条): its insurer and policy are required.
        named = pre_suit or bool(insurer)
        security = (f"由申请人以{insurer}出具的诉讼财产保全责任保险保函（保单号：{policy}）提供担保" if insurer and policy
                    else "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保")
        return {
            "court": self.value(court, "preservation.court", "保全法院（或受诉法院）"),
            **amount_texts(amount),
            "lpr_note": "" if record and record.amount else balance.lpr_note,
            "pre_suit": pre_suit,
            "measures": "，".join(measures) if measures else GENERAL_PRESERVATION_MEASURE,
            "has_asset_leads": bool(measures),
            "insurer": self.value(insurer, "preservation.insurer", "保全担保的保险公司") if named else insurer,
            "policy_number": self.value(policy, "preservation.policy_number", "保全担保的保函/保单号")
            if named else policy,
            "names_security": named,
            "security": security,
        }


    def enforcement(self, enforcements, lawsuits, balance) -> dict:
        record = enforcements[-1] if enforcements else None
        court = record.court if record else ""
        if not court and lawsuits:
            court = next((s.court for s in lawsuits if s.instance == "first"), lawsuits[0].court)
        # After the judgment's deadline the balance follows the judgment: its awarded sums still unpaid (the
        # doubled interest is claimed on its own line).
        amount = record.amount_applied if record and record.amount_applied else owed(balance)
        # Only an amount computed here rests on the LPR the table assumed; one entered is the lawyer's own.
        return {"court": self.value(court, "enforcement.court", "执行法院"), **amount_texts(amount),
                "lpr_note": "" if record and record.amount_applied else balance.lpr_note}


    def payment_order(self, orders, balance) -> dict:
        record = orders[-1] if orders else None
        amount = record.amount if record and record.amount else owed(balance)
        return {
            "court": self.value(record.court if record else "", "payment_order.court",
                                "支付令申请的法院（请先登记支付令记录）"),
            "case_number": self.value(record.case_number if record else "", "payment_order.case_number",
                                      "支付令案号"),
            **amount_texts(amount),
        }


    def arbitration(self, m) -> dict:
        # The clause as the contract words it, where the matter records it; the filing otherwise describes it.
        clause = (getattr(m, "jurisdiction_clause", "") or "").strip()
        return {
            "commission": self.value(getattr(m, "arbitration_commission", ""), "arbitration.commission",
                                     "案件约定的仲裁委员会"),
            "clause": clause,
        }


    def bankruptcy(self, m, claims, balance, lawsuits, claim_ctx) -> dict:
        """The claim declared in the debtor's bankruptcy, its amounts as at the acceptance day (企业破产法第四十六条:
        interest stops that day, so it runs up to the day before)."""
        record = claims[-1] if claims else None
        if record is None or balance is None:
            missing = self.value("", "bankruptcy", "破产债权申报记录（受理法院、受理日、管理人）")
            return {name: missing for name in (
                "court", "case_number", "accepted_on", "declaration_deadline", "administrator_name",
                "administrator_contact", "administrator_address", "secured", "secured_text", "principal",
                "principal_upper", "has_interest", "interest", "interest_upper", "interest_period", "interest_method",
                "interest_basis", "has_costs", "costs", "costs_upper", "total", "total_upper", "has_recovered",
                "recovered", "judgment")}

        def v(value, key, label):
            return self.value(value, f"bankruptcy.{key}", f"破产债权申报的{label}")

        start = m.interest_from or (m.due_date + timedelta(days=1))
        last_day = record.accepted_on - timedelta(days=1)
        has_interest = m.interest_type != "none" and balance.interest > 0
        judged = next((s for s in reversed(lawsuits) if s.decision in ("judgment", "mediation") and s.case_number),
                      None)
        judgment = (f"该债权已经{judged.court}{judged.case_number}民事{judged.get_decision_display()}书确认。"
                    if judged else "")
        total = owed(balance)
        return {
            "court": record.court,
            "case_number": record.case_number,
            "accepted_on": cn_date(record.accepted_on),
            "declaration_deadline": v(cn_date(record.declaration_deadline) if record.declaration_deadline else "",
                                      "declaration_deadline", "债权申报期限"),
            "administrator_name": v(record.administrator_name, "administrator_name", "管理人名称"),
            "administrator_contact": record.administrator_contact,
            "administrator_address": record.administrator_address,
            "secured": record.secured,
            "secured_text": "有财产担保" if record.secured else "无财产担保",
            "principal": money_text(balance.principal_outstanding),
            "principal_upper": money_uppercase(balance.principal_outstanding),
            "has_interest": has_interest,
            "interest": money_text(balance.interest_outstanding),
            "interest_upper": money_uppercase(balance.interest_outstanding),
            "interest_period": f"自{cn_date(start)}起至{cn_date(last_day)}止" if start <= last_day else "",
            "interest_method": claim_ctx["interest_method"],
            "interest_basis": claim_ctx["interest_basis"],
            "has_costs": balance.costs_outstanding > 0,
            "costs": money_text(balance.costs_outstanding),
            "costs_upper": money_uppercase(balance.costs_outstanding),
            "total": money_text(total),
            "total_upper": money_uppercase(total),
            "has_recovered": balance.recovered > 0,
            "recovered": money_text(balance.recovered),
            "judgment": judgment,
        }
