"""The template context: everything a document of one matter may print, as plain data.

:func:`build_context` turns a :class:`MatterData` (loaded by documents.selectors) into the dictionary the
templates see, one entry per name of the catalogue (documents/catalogue.py), each value already written as a
filing writes it (core.formatting); a value the matter lacks is a :class:`~documents.missing.Missing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from core.formatting import cn_date, money_text, money_uppercase, percent_number
from documents.missing import Collector, Missing, fix_url
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS
from rules.risk_fees import upfront_fee_exceeds_cap_below

LETTER_DEADLINE_DAYS = 7
CAUSE_NAMES = {"sale": "买卖合同纠纷", "loan": "金融借款合同纠纷", "construction": "建设工程施工合同纠纷",
               "lease": "租赁合同纠纷", "service": "服务合同纠纷", "other": "合同纠纷"}
# What the complaint relies on, by cause, besides the general rules on breach (民法典 577) and money debts (579),
# and what the debtor owes is called: the articles on paying the price of a sale, the price of a construction
# project, rent, or performing a contract as agreed (509) where the contract has no chapter of its own.
CAUSE_ARTICLES = {
    "sale": "第五百七十七条、第五百七十九条、第六百二十六条、第六百二十八条",
    "construction": "第五百七十七条、第五百七十九条、第七百八十八条、第七百九十九条",
    "lease": "第五百七十七条、第五百七十九条、第七百零三条、第七百二十一条、第七百二十二条",
    "service": "第五百零九条、第五百七十七条、第五百七十九条",
    "other": "第五百零九条、第五百七十七条、第五百七十九条",
}
CAUSE_DEBT_NAMES = {"sale": "货款", "construction": "工程款", "lease": "租金", "service": "服务费", "other": "款项"}
# 一式两份, 一式三份 …: a contract is made in as many copies as it has parties.
COPY_COUNTS = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
LEGAL_EVIDENCE_LABELS = {
    "contract": "证明双方之间存在合同关系及合同约定内容",
    "iou": "证明被告确认欠款事实及欠款金额",
    "statement": "证明双方对账确认的欠款金额",
    "transfer": "证明原告已履行付款/放款义务或被告的还款情况",
    "delivery": "证明原告已依约交付货物",
    "guarantee": "证明担保人承担担保责任",
    "judgment": "证明生效法律文书确定的权利义务",
    "other": "证明案件相关事实",
}


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
    # The balance on the day the latest repayment agreement was signed: the debt that agreement confirms.
    agreement_balance: object = None


def owed(balance) -> Decimal:
    """What the claim comes to on the balance's date: the principal, interest and costs still outstanding."""
    return balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding


def amount_texts(amount: Decimal) -> dict:
    return {"amount": money_text(amount), "amount_upper": money_uppercase(amount)}


class Builder:
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

        return {
            "name": debtor.name,
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

    def build(self) -> dict:
        d = self.data
        m, client, mandate, firm, balance = d.matter, d.client, d.mandate, d.firm, d.balance
        cid, mid = getattr(client, "pk", None), getattr(mandate, "pk", None)

        def fv(value, key, label):
            return self.value(value, f"firm.{key}", f"律所的{label}", "firm")

        def cv(value, key, label):
            return self.value(value, f"client.{key}", f"委托人的{label}", "client", cid)

        def mv(value, key, label):
            return self.value(value, f"matter.{key}", f"案件的{label}")

        def manv(value, key, label):
            return self.value(value, f"mandate.{key}", f"委托的{label}", "mandate", mid)

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
                "address": cv(client.address, "address", "住所（送达地址）"),
            },
            "debtor": self.party(d.debtor, "debtor", "债务人"),
            "guarantors": [self.party(g, f"guarantors[{i}]", "担保人") for i, g in enumerate(d.guarantors)],
            "matter": {
                "reference": m.reference,
                "cause": CAUSE_NAMES.get(m.cause, "合同纠纷"),
                "cause_code": m.cause,
                "is_loan": m.cause == "loan",
                "description": mv(m.description, "description", "案情摘要（事实与理由）"),
                "due_date": cn_date(m.due_date),
                "opened_on": cn_date(m.opened_on),
                "stage": m.get_stage_display() if hasattr(m, "get_stage_display") else m.stage,
                "has_guarantors": bool(d.guarantors),
                # The relationship the parties are in (买卖合同关系); the cause names their dispute (…纠纷).
                "relationship": CAUSE_NAMES.get(m.cause, "合同纠纷").removesuffix("纠纷") + "关系",
                "articles": CAUSE_ARTICLES.get(m.cause, CAUSE_ARTICLES["other"]),
                "debt_name": CAUSE_DEBT_NAMES.get(m.cause, CAUSE_DEBT_NAMES["other"]),
                "copies": COPY_COUNTS.get(2 + len(d.guarantors), str(2 + len(d.guarantors))),
            },
        }
        context["claim"] = self.claim(m, balance)
        context["segments"] = [
            {"start": cn_date(s.start), "end": cn_date(s.end), "days": s.days, "rate": f"{s.annual_rate.normalize():f}",
             "principal": money_text(s.principal), "amount": money_text(s.amount)}
            for s in balance.segments
        ]
        context["mandate"] = self.mandate(mandate, m, manv)
        context["special_powers"] = [{"number": i, "label": label}
                                     for i, label in enumerate(context["mandate"]["_powers"], start=1)]
        del context["mandate"]["_powers"]
        context["evidence"] = self.value([
            {"number": i, "title": e.title or e.original_name, "category": e.get_category_display(),
             "purpose": LEGAL_EVIDENCE_LABELS.get(e.category, LEGAL_EVIDENCE_LABELS["other"])}
            for i, e in enumerate(d.evidence, start=1)
        ], "evidence", "证据文件（证据清单）")
        context["letter"] = {"number": Missing("letter.number", "函号（仅律师函有函号）", fix_url("matter", None, self.matter_id),
                                               self.collector),
                             "deadline": cn_date(d.today + timedelta(days=LETTER_DEADLINE_DAYS)),
                             "deadline_days": LETTER_DEADLINE_DAYS}
        context["lawsuit"] = self.lawsuit(d.lawsuits)
        context["preservation"] = self.preservation(d.preservations, context["claim"], balance)
        context["enforcement"] = self.enforcement(d.enforcements, d.lawsuits, balance)
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
        agreement, agreement_ctx, instalments = self.agreement(d.agreements, d.agreement_balance)
        context["agreement"] = agreement_ctx
        context["instalments"] = instalments
        return context

    def claim(self, m, balance) -> dict:
        has_interest = m.interest_type != "none"
        if m.interest_type == "fixed":
            method = f"以尚欠本金为基数，按年利率{Decimal(m.interest_rate).normalize():f}%计算"
        elif m.interest_type == "lpr":
            multiplier = Decimal(m.lpr_multiplier).normalize()
            times = "" if multiplier == 1 else f"的{multiplier:f}倍"
            if m.lpr_fixed_on:
                lpr = f"{cn_date(m.lpr_fixed_on)}全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）{times}"
            else:
                lpr = f"同期全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）{times}"
            method = f"以尚欠本金为基数，按{lpr}计算"
        else:
            method = "不主张利息"
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
            "interest_start": cn_date(start),
            "interest_basis": "按每年365天计算，起算日计入、截止日不计入（算头不算尾）",
            "costs": money_text(balance.costs_outstanding),
            "costs_upper": money_uppercase(balance.costs_outstanding),
            "has_costs": balance.costs_outstanding > 0,
            "total": money_text(total),
            "total_upper": money_uppercase(total),
            "recovered": money_text(balance.recovered),
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

    def lawsuit(self, lawsuits) -> dict:
        suit = next((s for s in reversed(lawsuits) if s.decision), None) or (lawsuits[-1] if lawsuits else None)

        def v(value, key, label):
            return self.value(value, f"lawsuit.{key}", f"诉讼的{label}")

        if suit is None:
            none = SimpleNamespace(court="", case_number="", filed_on=None, decision="", decided_on=None,
                                   awarded_amount=None, performance_due_on=None)
            suit = none
        decision = suit.get_decision_display() if getattr(suit, "decision", "") else ""
        return {
            "court": v(suit.court, "court", "受诉法院"),
            "case_number": v(suit.case_number, "case_number", "案号"),
            "filed_on": v(cn_date(suit.filed_on), "filed_on", "立案日期"),
            "decision": v(decision, "decision", "结案方式（判决/调解）"),
            "decided_on": v(cn_date(suit.decided_on), "decided_on", "裁判日期"),
            "awarded_amount": v(money_text(suit.awarded_amount), "awarded_amount", "判决/调解金额"),
            "awarded_amount_upper": v(money_uppercase(suit.awarded_amount), "awarded_amount", "判决/调解金额"),
            "performance_due_on": v(cn_date(suit.performance_due_on), "performance_due_on", "履行期限最后一日"),
        }

    def preservation(self, preservations, claim, balance) -> dict:
        record = preservations[-1] if preservations else None
        court = record.court if record else ""
        if not court and self.data.lawsuits:
            court = self.data.lawsuits[-1].court
        amount = record.amount if record and record.amount else owed(balance)
        return {
            "court": self.value(court, "preservation.court", "保全法院（或受诉法院）"),
            **amount_texts(amount),
            "pre_suit": bool(record and record.pre_suit),
            "security": "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保",
        }

    def enforcement(self, enforcements, lawsuits, balance) -> dict:
        record = enforcements[-1] if enforcements else None
        court = record.court if record else ""
        if not court and lawsuits:
            court = next((s.court for s in lawsuits if s.instance == "first"), lawsuits[0].court)
        amount = record.amount_applied if record and record.amount_applied else owed(balance)
        return {"court": self.value(court, "enforcement.court", "执行法院"), **amount_texts(amount)}

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
