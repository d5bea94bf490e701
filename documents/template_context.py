"""The template context: everything a document of one matter may print, as plain data.

:func:`build_context` turns a :class:`MatterData` (loaded by documents.selectors) into the dictionary the
templates see, one entry per name of the catalogue (documents/catalogue.py), each value already written as a
filing writes it (core.formatting); a value the matter lacks is a :class:`~documents.missing.Missing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from core.formatting import cn_date, money_text, money_uppercase, percent_number
from documents.missing import Collector, Missing, fix_url
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS
from matters.selectors import private_lending_warning
from rules.errors import RuleInputError
from rules.identifiers import resident_id_particulars
from rules.rates import SEED_LPR_TABLE, LprTable
from rules.risk_fees import upfront_fee_exceeds_cap_below

LETTER_DEADLINE_DAYS = 7
CAUSE_NAMES = {"sale": "买卖合同纠纷", "loan": "金融借款合同纠纷", "construction": "建设工程施工合同纠纷",
               "lease": "租赁合同纠纷", "service": "服务合同纠纷", "other": "合同纠纷"}
# 借款合同纠纷 splits by the lender (民事案件案由规定): a licensed financial institution's loan is 金融借款合同纠纷,
# anyone else's 民间借贷纠纷.
PRIVATE_LOAN_CAUSE = "民间借贷纠纷"
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
FINANCIAL_LOAN_ARTICLES = "第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条"
PRIVATE_LOAN_ARTICLES = "第六百六十七条、第六百七十五条、第六百七十六条"
PRIVATE_LENDING_RULES = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
CONSTRUCTION_PRIORITY_ARTICLE = "第八百零七条"
CONSTRUCTION_PRIORITY_RULES = "《最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）》第四十一条"
# A general guarantor answers only for what enforcement against the debtor leaves unpaid.
GENERAL_GUARANTEE_RULE = "《最高人民法院关于适用〈中华人民共和国民法典〉有关担保制度的解释》第二十六条"
CIVIL_CODE = "《中华人民共和国民法典》"
# With no agreed forum, a contract dispute goes to the court where the defendant is or the contract was
# performed (民事诉讼法第二十四条).
STATUTORY_JURISDICTION = ("依据《中华人民共和国民事诉讼法》第二十四条，因合同纠纷提起的诉讼，由被告住所地或者合同履行地"
                          "人民法院管辖")
SALE_LOSS_RULE = "《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条第四款"
LPR_NAME = "全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）"
# What a preservation application asks for each kind of asset lead; with no lead it asks generally.
PRESERVATION_MEASURES = {
    "bank_account": "冻结被申请人名下的银行存款",
    "real_estate": "查封被申请人名下的不动产",
    "vehicle": "查封、扣押被申请人名下的车辆",
    "equity": "冻结被申请人持有的股权",
    "receivable": "冻结被申请人对第三人的到期债权",
    "ip": "冻结被申请人名下的知识产权",
    "other": "查封、扣押被申请人名下相应价值的其他财产",
}
GENERAL_PRESERVATION_MEASURE = "冻结被申请人名下银行存款或查封、扣押其相应价值的其他财产"
GENDER_NAMES = {"male": "男", "female": "女"}
DEFAULT_EVIDENCE_SOURCE = "原告提供"
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

# The name of the document each decision is given in; an arbitral award is no 民事 document of a court.
DECISION_DOCUMENTS = {"judgment": "民事判决书", "mediation": "民事调解书", "ruling": "民事裁定书", "award": "裁决书"}


def _percent(value: Decimal) -> str:
    """A rate as filings print it: two places (3.10), more only when it has them (5.175)."""
    value = Decimal(value)
    return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else f"{value.normalize():f}"


def interest_rate_phrase(m, lpr_table: LprTable | None) -> str:
    """The rate interest runs at, in the words of a filing: "合同约定的年利率6%", "同期…LPR的1.5倍",
    "违约行为发生时（2025年1月2日）一年期LPR 3.10%上浮30%即4.03%的年利率"; "" when none is claimed."""
    table = lpr_table or SEED_LPR_TABLE
    if m.interest_type == "fixed":
        return f"合同约定的年利率{Decimal(m.interest_rate).normalize():f}%"
    if m.interest_type == "sale_lpr_markup":
        breach = m.interest_from or (m.due_date + timedelta(days=1))
        markup = Decimal(m.lpr_markup)
        try:
            lpr = table.rate_on(breach)
        except RuleInputError:
            return f"违约行为发生时（{cn_date(breach)}）一年期LPR上浮{markup.normalize():f}%的年利率"
        rate = lpr * (1 + markup / 100)
        return (f"违约行为发生时（{cn_date(breach)}）一年期LPR {_percent(lpr)}%上浮{markup.normalize():f}%"
                f"即{_percent(rate)}%的年利率")
    if m.interest_type == "lpr":
        multiplier = Decimal(m.lpr_multiplier)
        times = "" if multiplier == 1 else f"的{multiplier.normalize():f}倍"
        if not m.lpr_fixed_on:
            return f"同期{LPR_NAME}{times}"
        try:
            lpr = table.rate_on(m.lpr_fixed_on)
        except RuleInputError:
            return f"{cn_date(m.lpr_fixed_on)}适用的{LPR_NAME}{times}"
        rate = "" if multiplier == 1 else f"即{_percent(lpr * multiplier)}%"
        return f"{cn_date(m.lpr_fixed_on)}适用的{LPR_NAME}{_percent(lpr)}%{times}{rate}"
    return ""


def interest_method_text(m, lpr_table: LprTable | None) -> str:
    """How interest is computed, as every filing states it: base, rate and, for a sale's statutory loss, the
    rule it rests on. The one source of this text (claim.interest_method)."""
    phrase = interest_rate_phrase(m, lpr_table)
    if not phrase:
        return "不主张利息"
    citation = f"（{SALE_LOSS_RULE}）" if m.interest_type == "sale_lpr_markup" else ""
    return f"以尚欠本金为基数，按{phrase}计算{citation}"


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
