"""The template context: everything a document of one matter may print, as plain data.

:func:`build_context` turns a :class:`MatterData` (loaded by documents.selectors) into the dictionary the
templates see, one entry per name of the catalogue (documents/catalogue.py), each value already written as a
filing writes it (core.formatting); a value the matter lacks is a :class:`~documents.missing.Missing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.formatting import cn_date, money_text, money_uppercase, percent_number
from documents.legal_text import (
    CAUSE_ARTICLES,
    CAUSE_DEBT_NAMES,
    CAUSE_NAMES,
    CIVIL_CODE,
    CONSTRUCTION_PRIORITY_ARTICLE,
    CONSTRUCTION_PRIORITY_RULES,
    COPY_COUNTS,
    DEFAULT_EVIDENCE_SOURCE,
    FINANCIAL_LOAN_ARTICLES,
    GENDER_NAMES,
    GENERAL_GUARANTEE_RULE,
    LEGAL_EVIDENCE_LABELS,
    LETTER_DEADLINE_DAYS,
    PRIVATE_LENDING_RULES,
    PRIVATE_LOAN_ARTICLES,
    PRIVATE_LOAN_CAUSE,
    SALE_LOSS_RULE,
    STATUTORY_JURISDICTION,
    interest_method_text,
    interest_rate_phrase,
)
from documents.missing import Collector, Missing, fix_url
from documents.proceedings_context import ProceedingsSections, amount_texts, owed
from matters.balances import private_lending_warning
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS
from rules.identifiers import resident_id_particulars
from rules.rates import LprTable
from rules.risk_fees import upfront_fee_exceeds_cap_below


@dataclass
class MatterData:
    """Everything a document of one matter may print; loaded by selectors.matter_document_data (or demo)."""

    firm: object
    matter: object
    client: object
    mandate: object
    debtor: object
    guarantors: list
    lawyer: object | None
    partner: object | None
    evidence: list
    lawsuits: list
    preservations: list
    enforcements: list
    asset_leads: list
    agreements: list  # of (agreement, [instalments])
    demand_letters: list
    balance: object
    today: date
    # The decision the matter is enforced on, with its dates (matters.judgments.Judgment), or None.
    judgment: object | None = None
    payment_orders: list = field(default_factory=list)
    lpr: LprTable | None = None  # the LPR table the balance was computed with (None: the built-in one)
    # The last day of the 建设工程价款优先受偿权 (18 months from when payment fell due); None: not construction.
    construction_priority_until: date | None = None
    bankruptcy_claims: list = field(default_factory=list)
    # The balance as at the day the bankruptcy application was accepted (None without a bankruptcy claim).
    bankruptcy_balance: object = None
    # matters.deadlines.GuaranteeState of each guarantor, in the order of ``guarantors`` (empty: each guarantor
    # taken as a general guarantee, 民法典第六百八十六条, its period unknown).
    guarantees: list = field(default_factory=list)
    # The GuaranteeState of the guarantor a 律师函 is addressed to; None: the debtor.
    recipient: object | None = None

    # The balance on the day the latest repayment agreement was signed: the debt that agreement confirms.
    agreement_balance: object = None



class Builder(ProceedingsSections):
    """Turns MatterData into the template context, with Missing for each absent value."""

    def __init__(self, data: MatterData, collector: Collector):
        self.data, self.collector = data, collector
        self.matter_id = getattr(data.matter, "pk", None)

    def value(self, value, name: str, label: str, target: str = "matter", obj_id=None):
        if value is None or value == "" or value == [] or value == ():
            return Missing(name, label, fix_url(target, obj_id, self.matter_id), self.collector)
        return value

    def party(self, debtor, prefix: str, who: str) -> dict:
        is_company = debtor.kind == "company"
        pid = getattr(debtor, "pk", None)
        addresses = list(debtor.addresses or [])
        phones = list(debtor.phones or [])

        def v(value, key, label):
            return self.value(value, f"{prefix}.{key}", f"{who}（{debtor.name}）的{label}", "debtor", pid)

        gender, birth_date = getattr(debtor, "gender", ""), getattr(debtor, "birth_date", None)
        if not is_company and (not gender or not birth_date) and debtor.id_number:
            particulars = resident_id_particulars(debtor.id_number)
            if particulars is not None:
                gender, birth_date = gender or particulars.gender, birth_date or particulars.birth_date
        person = not is_company
        return {
            "name": debtor.name,
            "gender": v(GENDER_NAMES.get(gender, ""), "gender", "性别") if person else "",
            "birth_date": v(cn_date(birth_date), "birth_date", "出生日期") if person else "",
            "ethnicity": v(getattr(debtor, "ethnicity", ""), "ethnicity", "民族") if person else "",
            "kind": "企业" if is_company else "自然人",
            "is_company": is_company,
            "is_person": not is_company,
            "id_label": "统一社会信用代码" if is_company else "公民身份号码",
            "id_number": v(debtor.id_number, "id_number", "统一社会信用代码" if is_company else "公民身份号码"),
            "legal_representative": v(debtor.legal_representative, "legal_representative", "法定代表人")
            if is_company else "",
            "address": v(addresses[0] if addresses else "", "address", "送达地址"),
            "phone": v(phones[0] if phones else "", "phone", "电话"),
        }

    def guarantor(self, debtor, state, index: int) -> dict:
        """A guarantor as a party, with the kind and period of the guarantee."""
        guarantee = state.guarantee if state is not None else None
        is_joint = guarantee is not None and guarantee.kind == "joint"
        contract = guarantee.contract if guarantee is not None and guarantee.contract_id else None
        return {
            **self.party(debtor, f"guarantors[{index}]", "担保人"),
            "guarantee_kind": "连带责任保证" if is_joint else "一般保证",
            "is_joint": is_joint,
            "is_general": not is_joint,
            "period_ends_on": cn_date(state.period.end) if state is not None else "",
            "contract": (contract.title or contract.original_name) if contract is not None else "",
        }

    def guarantors(self) -> list[dict]:
        d = self.data
        if d.guarantees:
            return [self.guarantor(state.guarantee.debtor, state, i) for i, state in enumerate(d.guarantees)]
        return [self.guarantor(g, None, i) for i, g in enumerate(d.guarantors)]

    def recipient(self, debtor_ctx: dict, guarantors: list[dict]) -> dict:
        """Whom a 律师函 is addressed to: the debtor, or one guarantor with the terms of the guarantee."""
        state = self.data.recipient
        if state is None:
            return {**debtor_ctx, "is_guarantor": False, "guarantee_kind": "", "is_joint": False,
                    "is_general": False, "period_ends_on": "", "contract": ""}
        index = next((i for i, other in enumerate(self.data.guarantees) if other is state), None)
        chosen = guarantors[index] if index is not None else self.guarantor(state.guarantee.debtor, state, 0)
        return {**chosen, "is_guarantor": True}

    def build(self) -> dict:
        d = self.data
        m, client, mandate, firm, balance = d.matter, d.client, d.mandate, d.firm, d.balance
        cid, mid = getattr(client, "pk", None), getattr(mandate, "pk", None)
        is_private_loan = m.cause == "loan" and not getattr(client, "is_financial_institution", False)
        cause_name = PRIVATE_LOAN_CAUSE if is_private_loan else CAUSE_NAMES.get(m.cause, "合同纠纷")
        priority_claimed = self.priority_in_time(m)
        clause = (getattr(m, "jurisdiction_clause", "") or "").strip()

        def fv(value, key, label):
            return self.value(value, f"firm.{key}", f"律所的{label}", "firm")

        def cv(value, key, label):
            return self.value(value, f"client.{key}", f"委托人的{label}", "client", cid)

        def mv(value, key, label):
            return self.value(value, f"matter.{key}", f"案件的{label}")

        def manv(value, key, label):
            return self.value(value, f"mandate.{key}", f"委托的{label}", "mandate", mid)

        guarantors = self.guarantors()
        context: dict = {
            "today": cn_date(d.today),
            "firm": {
                "name": firm.name,
                "address": fv(firm.address, "address", "地址"),
                "uscc": fv(firm.uscc, "uscc", "统一社会信用代码"),
                "phone": fv(firm.phone, "phone", "电话"),
                "email": fv(firm.email, "email", "电子邮箱"),
                "bank_name": fv(firm.bank_name, "bank_name", "开户银行"),
                "bank_account_name": fv(firm.bank_account_name, "bank_account_name", "账户名称"),
                "bank_account": fv(firm.bank_account, "bank_account", "银行账号"),
            },
            "lawyer": {
                "name": self.value(d.lawyer.name if d.lawyer else "", "lawyer.name", "承办律师"),
                "email": self.value(d.lawyer.email if d.lawyer else "", "lawyer.email", "承办律师的电子邮箱"),
                "practice_certificate_number": self.value(
                    getattr(d.lawyer, "practice_certificate_number", "") if d.lawyer else "",
                    "lawyer.practice_certificate_number", "承办律师的执业证号", "person"),
            },
            "partner": {"name": self.value(d.partner.name if d.partner else "", "partner.name", "负责合伙人",
                                           "mandate", mid)},
            "client": {
                "name": client.name,
                "uscc": cv(client.uscc, "uscc", "统一社会信用代码"),
                "legal_representative": cv(client.legal_representative, "legal_representative", "法定代表人"),
                "legal_representative_title": getattr(client, "legal_representative_title", ""),
                "is_financial_institution": bool(getattr(client, "is_financial_institution", False)),
                "address": cv(client.address, "address", "住所（送达地址）"),
                "bank_name": cv(getattr(client, "bank_name", ""), "bank_name", "开户银行（收款账户）"),
                "bank_account": cv(getattr(client, "bank_account", ""), "bank_account", "银行账号（收款账户）"),
            },
            "debtor": self.party(d.debtor, "debtor", "债务人"),
            "guarantors": guarantors,
            "matter": {
                "reference": m.reference,
                "cause": cause_name,
                "cause_code": m.cause,
                "is_loan": m.cause == "loan",
                "is_private_loan": is_private_loan,
                "legal_basis": self.legal_basis(m, is_private_loan, guarantors, priority_claimed),
                "jurisdiction": clause or STATUTORY_JURISDICTION,
                "has_jurisdiction_clause": bool(clause),
                "description": mv(m.description, "description", "案情摘要（事实与理由）"),
                "due_date": cn_date(m.due_date),
                "opened_on": cn_date(m.opened_on),
                "stage": m.get_stage_display() if hasattr(m, "get_stage_display") else m.stage,
                "has_guarantors": bool(d.guarantors),
                "has_joint_guarantors": any(g["is_joint"] for g in guarantors),
                "has_general_guarantors": any(g["is_general"] for g in guarantors),
                # The relationship the parties are in (买卖合同关系); the cause names their dispute (…纠纷).
                "relationship": cause_name.removesuffix("纠纷") + "关系",
                "articles": CAUSE_ARTICLES.get(m.cause, CAUSE_ARTICLES["other"]),
                "debt_name": CAUSE_DEBT_NAMES.get(m.cause, CAUSE_DEBT_NAMES["other"]),
                "copies": COPY_COUNTS.get(2 + len(d.guarantors), str(2 + len(d.guarantors))),
                "is_arbitration": getattr(m, "dispute_resolution", "court") == "arbitration",
            },
        }
        context["recipient"] = self.recipient(context["debtor"], guarantors)
        context["claim"] = self.claim(m, balance, priority_claimed)
        context["segments"] = [
            {"start": cn_date(s.start), "end": cn_date(s.end), "days": s.days, "rate": f"{s.annual_rate.normalize():f}",
             "principal": money_text(s.principal), "amount": money_text(s.amount)}
            for s in balance.segments
        ]
        context["mandate"] = self.mandate(mandate, m, manv)
        context["special_powers"] = [{"number": i, "label": label}
                                     for i, label in enumerate(context["mandate"]["_powers"], start=1)]
        del context["mandate"]["_powers"]
        contracts = {state.guarantee.contract_id: state.guarantee for state in d.guarantees
                     if state.guarantee.contract_id is not None}

        def purpose(e) -> str:
            guarantee = contracts.get(e.pk) if e.pk is not None else None
            if guarantee is not None:
                return (f"证明{guarantee.debtor.name}为被告{d.debtor.name}的债务提供"
                        f"{'连带责任保证' if guarantee.kind == 'joint' else '一般保证'}")
            return LEGAL_EVIDENCE_LABELS.get(e.category, LEGAL_EVIDENCE_LABELS["other"])

        context["evidence"] = self.value([
            {"number": i, "title": e.title or e.original_name, "category": e.get_category_display(),
             "source": (getattr(e, "source", "") or "").strip() or DEFAULT_EVIDENCE_SOURCE,
             "purpose": (getattr(e, "purpose", "") or "").strip() or purpose(e)}
            for i, e in enumerate(d.evidence, start=1)
        ], "evidence", "证据文件（证据清单）")
        context["letter"] = {"number": Missing("letter.number", "函号（仅律师函有函号）", fix_url("matter", None, self.matter_id),
                                               self.collector),
                             "deadline": cn_date(d.today + timedelta(days=LETTER_DEADLINE_DAYS)),
                             "deadline_days": LETTER_DEADLINE_DAYS}
        context["lawsuit"] = self.lawsuit(d.lawsuits, d.judgment, balance)
        basis = d.judgment.suit if d.judgment is not None else None
        context["judgment_lines"] = self.value(
            [{"number": i, "text": line} for i, line in enumerate(
                (line.strip() for line in (basis.judgment_text if basis is not None else "").splitlines()
                 if line.strip()), start=1)],
            "judgment_lines", "判决主文（须有生效的判决、调解或裁定；撤诉的诉讼不能作为执行依据）")
        context["preservation"] = self.preservation(d.preservations, d.asset_leads, balance)
        context["enforcement"] = self.enforcement(d.enforcements, d.lawsuits, balance)
        context["payment_order"] = self.payment_order(d.payment_orders, balance)
        context["arbitration"] = self.arbitration(m)
        context["assets"] = self.value([
            {"number": i, "kind": a.get_kind_display(), "description": a.description,
             "value": money_text(a.estimated_value) if a.estimated_value is not None else "不详"}
            for i, a in enumerate(d.asset_leads, start=1)
        ], "assets", "财产线索")
        context["demands"] = [
            {"number": i, "letter_number": letter.letter_number or "（无函号）", "sent_on": cn_date(letter.sent_on),
             "delivered_on": cn_date(letter.delivered_on) if letter.delivered_on else "（未记录送达）"}
            for i, letter in enumerate([letter for letter in d.demand_letters if letter.sent_on], start=1)
        ]
        context["bankruptcy"] = self.bankruptcy(m, d.bankruptcy_claims, d.bankruptcy_balance, d.lawsuits,
                                                context["claim"])
        agreement, agreement_ctx, instalments = self.agreement(d.agreements, d.agreement_balance)
        context["agreement"] = agreement_ctx
        context["instalments"] = instalments
        return context

    def priority_in_time(self, m) -> bool:
        """Whether a construction matter can still claim the 建设工程价款优先受偿权: the suit is filed (or, not
        filed yet, the complaint is made today) no later than 18 months from when payment fell due."""
        until = self.data.construction_priority_until
        if m.cause != "construction" or until is None:
            return False
        filed = next((s.filed_on for s in self.data.lawsuits if getattr(s, "filed_on", None)), None)
        return (filed or self.data.today) <= until

    def legal_basis(self, m, is_private_loan: bool, guarantors: list[dict], priority_claimed: bool) -> str:
        """The statutes a complaint relies on, by cause and by the kinds of guarantee: the articles of the 民法典
        and the judicial interpretations that go with them."""
        if m.cause == "loan":
            articles = PRIVATE_LOAN_ARTICLES if is_private_loan else FINANCIAL_LOAN_ARTICLES
        else:
            articles = CAUSE_ARTICLES.get(m.cause, CAUSE_ARTICLES["other"])
        if priority_claimed:
            articles += "、" + CONSTRUCTION_PRIORITY_ARTICLE
        general = any(g["is_general"] for g in guarantors)
        if guarantors:
            articles += "、第六百八十一条"
            articles += "、第六百八十七条" if general else ""
            articles += "、第六百八十八条" if any(g["is_joint"] for g in guarantors) else ""
        texts = [CIVIL_CODE + articles]
        if general:
            texts.append(GENERAL_GUARANTEE_RULE)
        if m.cause == "loan" and is_private_loan:
            texts.append(PRIVATE_LENDING_RULES)
        if priority_claimed:
            texts.append(CONSTRUCTION_PRIORITY_RULES)
        if m.interest_type == "sale_lpr_markup":
            texts.append(SALE_LOSS_RULE)
        return "，".join(texts)

    def payments_applied(self, balance) -> str:
        """What the debtor paid and how it was applied (民法典第五百六十一条: costs, interest, then principal),
        from the same application the balance was computed with."""
        applications = list(balance.applications)
        if not applications:
            return "被告至今未付款"
        paid = sum((a.amount for a in applications), Decimal("0.00"))
        to_costs = sum((a.to_costs for a in applications), Decimal("0.00"))
        to_interest = sum((a.to_interest + a.to_late_performance for a in applications), Decimal("0.00"))
        to_principal = sum((a.to_principal for a in applications), Decimal("0.00"))
        text = (f"被告已付款{money_text(paid)}元，依照《中华人民共和国民法典》第五百六十一条依次抵充实现债权的有关费用"
                f"{money_text(to_costs)}元、利息{money_text(to_interest)}元、主债务{money_text(to_principal)}元")
        unapplied = sum((a.unapplied for a in applications), Decimal("0.00"))
        if unapplied > 0:
            text += f"，超付{money_text(unapplied)}元"
        return text

    def claim(self, m, balance, priority_claimed: bool = False) -> dict:
        has_interest = m.interest_type != "none"
        method = interest_method_text(m, self.data.lpr)
        start = m.interest_from or (m.due_date + timedelta(days=1))
        interest = balance.interest_outstanding
        total = owed(balance)
        return {
            "as_of": cn_date(balance.as_of),
            "principal": money_text(balance.principal_outstanding),
            "principal_upper": money_uppercase(balance.principal_outstanding),
            "original_principal": money_text(m.principal),
            "original_principal_upper": money_uppercase(m.principal),
            "interest": money_text(interest),
            "interest_accrued": money_text(balance.interest),
            "interest_upper": money_uppercase(interest),
            "has_interest": has_interest,
            "interest_method": method,
            "interest_rate_text": interest_rate_phrase(m, self.data.lpr),
            "rate_warning": private_lending_warning(m, self.data.client, self.data.lpr),
            "payments_applied": self.payments_applied(balance),
            "priority_claimed": priority_claimed,
            "priority_until": cn_date(self.data.construction_priority_until)
            if self.data.construction_priority_until else "",
            "interest_start": cn_date(start),
            "interest_basis": "按每年365天计算，起算日计入、截止日不计入（算头不算尾）",
            "costs": money_text(balance.costs_outstanding),
            "costs_upper": money_uppercase(balance.costs_outstanding),
            "has_costs": balance.costs_outstanding > 0,
            "total": money_text(total),
            "total_upper": money_uppercase(total),
            "recovered": money_text(balance.recovered),
            "lpr_note": balance.lpr_note if has_interest else "",
        }

    def mandate(self, mandate, m, manv) -> dict:
        is_risk = mandate.fee_type == "risk"
        placed = mandate.placed_amount if mandate.placed_amount else m.principal
        powers = [SPECIAL_POWERS[p] for p in mandate.special_powers or [] if p in SPECIAL_POWERS]
        is_special = mandate.authority == "special" and bool(powers)
        fixed_fee = (placed * mandate.fixed_rate).quantize(Decimal("0.01")) if mandate.fixed_rate else None
        upfront_fee = (placed * mandate.upfront_rate).quantize(Decimal("0.01")) if mandate.upfront_rate else None
        return {
            "contract_number": manv(mandate.contract_number, "contract_number", "合同编号"),
            "contract_date": cn_date(mandate.contract_date),
            "fee_type": mandate.get_fee_type_display() if hasattr(mandate, "get_fee_type_display") else "",
            "is_risk": is_risk,
            "fixed_rate": percent_number(mandate.fixed_rate) if mandate.fixed_rate else "",
            "fixed_fee": money_text(fixed_fee) if fixed_fee is not None else "",
            "fixed_fee_upper": money_uppercase(fixed_fee) if fixed_fee is not None else "",
            "upfront_rate": percent_number(mandate.upfront_rate) if mandate.upfront_rate else "",
            "upfront_fee": money_text(upfront_fee) if upfront_fee is not None else "",
            "upfront_fee_upper": money_uppercase(upfront_fee) if upfront_fee is not None else "",
            # Below this recovery the up-front fee alone is more than the cap; the contracts refund the excess.
            "upfront_cap_threshold": money_text(upfront_fee_exceeds_cap_below(upfront_fee))
            if is_risk and upfront_fee is not None else "",
            "success_rate": percent_number(mandate.success_rate) if mandate.success_rate else "",
            "placed_amount": money_text(placed),
            "placed_amount_upper": money_uppercase(placed),
            "authority": "特别授权" if is_special else "一般授权",
            "is_special": is_special,
            "special_powers_text": "、".join(powers),
            # What a special authority leaves out: the sentence that withholds powers must not name one granted.
            "withheld_powers_text": "、".join(label for code, label in SPECIAL_POWERS.items()
                                              if code not in (mandate.special_powers or [])),
            "scope_text": "、".join(label for code, label in MANDATE_SCOPES.items()
                                    if code in (mandate.scope or ["first_instance"])),
            "_powers": powers,
        }

    def agreement(self, agreements, balance):
        if not agreements or balance is None:
            missing = self.value("", "agreement", "还款协议（签订日期与分期安排）")
            ctx = {"signed_on": missing, "total": missing, "total_upper": missing, "acceleration": True,
                   "count": missing, "is_compromise": False, "waived": missing, "waived_upper": missing}
            for name in ("principal", "interest", "costs", "debt"):
                ctx[f"confirmed_{name}"] = ctx[f"confirmed_{name}_upper"] = missing
            ctx["confirmed_has_costs"] = False
            return None, ctx, missing
        agreement, instalments = agreements[-1]
        # The debt as the parties confirm it on signing, not as it stands when the file is printed.
        debt = owed(balance)
        compromise = agreement.compromise_amount
        waived = debt - compromise if compromise is not None and compromise < debt else Decimal("0.00")
        ctx = {
            "signed_on": cn_date(agreement.signed_on),
            "total": money_text(agreement.total_amount),
            "total_upper": money_uppercase(agreement.total_amount),
            "acceleration": agreement.acceleration,
            "count": len(instalments),
            "confirmed_principal": money_text(balance.principal_outstanding),
            "confirmed_principal_upper": money_uppercase(balance.principal_outstanding),
            "confirmed_interest": money_text(balance.interest_outstanding),
            "confirmed_interest_upper": money_uppercase(balance.interest_outstanding),
            "confirmed_costs": money_text(balance.costs_outstanding),
            "confirmed_costs_upper": money_uppercase(balance.costs_outstanding),
            "confirmed_has_costs": balance.costs_outstanding > 0,
            "confirmed_debt": money_text(debt),
            "confirmed_debt_upper": money_uppercase(debt),
            "is_compromise": waived > 0,
            "waived": money_text(waived),
            "waived_upper": money_uppercase(waived),
        }
        rows = [{"number": i.number, "due_on": cn_date(i.due_on), **amount_texts(i.amount)} for i in instalments]
        return agreement, ctx, rows


# A template sees plain data only, so the sandbox has no model, queryset or manager to walk from. The one
# object among them is the Missing marker, which holds only its label, link and collector.
PLAIN_TYPES = (str, int, float, Decimal, date, type(None))


def non_plain_values(value, path: str = "context") -> list[str]:
    """Where ``value`` holds anything but plain data: strings, numbers, dates, and lists and dicts of them."""
    if isinstance(value, (*PLAIN_TYPES, Missing)):
        return []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if not isinstance(key, str):
                found.append(f"{path}[{key!r}] (key: {type(key).__name__})")
            found.extend(non_plain_values(item, f"{path}.{key}"))
        return found
    if isinstance(value, list | tuple):
        return [bad for index, item in enumerate(value) for bad in non_plain_values(item, f"{path}[{index}]")]
    return [f"{path}: {type(value).__module__}.{type(value).__qualname__}"]


def build_context(data: MatterData) -> tuple[dict, Collector]:
    collector = Collector()
    context = Builder(data, collector).build()
    if leaks := non_plain_values(context):
        raise TypeError(f"template context holds more than plain data: {', '.join(leaks)}")
    return context, collector
