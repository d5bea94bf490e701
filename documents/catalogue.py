"""The catalogue of template variables, and how each is filled from a matter.

Every built-in template, and every template a firm uploads, may use exactly the variables listed in
:data:`CATALOGUE` (dotted names such as ``debtor.name``) and the loops of :data:`LISTS` (``{%tr for e in
evidence %}`` … ``{{ e.title }}``). The help page (``/documents/variables/``) is generated from these lists, and
upload validation checks templates against them.

Missing data: a value the matter does not have is a :class:`Missing`. It is falsy (so ``{% if debtor.address
%}`` skips it), and printing it or looping over it records it, with its label and the page where it can be
filled in. Generation renders, then refuses if anything missing was printed; so a document needs exactly the
data its template prints, built-in or firm-edited, and never comes out with blanks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from rules.rmb import format_cny, rmb_uppercase

LETTER_DEADLINE_DAYS = 7
CAUSE_NAMES = {"sale": "买卖合同纠纷", "loan": "金融借款合同纠纷", "construction": "建设工程施工合同纠纷",
               "lease": "租赁合同纠纷", "service": "服务合同纠纷", "other": "合同纠纷"}
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


# --- The catalogue ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Var:
    name: str
    label: str
    example: str = ""


def _party_vars(prefix: str, who: str) -> list[Var]:
    return [
        Var(f"{prefix}.name", f"{who}名称/姓名", "杭州钱塘建材有限公司"),
        Var(f"{prefix}.kind", f"{who}类型（企业/自然人）", "企业"),
        Var(f"{prefix}.is_company", f"{who}是企业（用于 if）", "True"),
        Var(f"{prefix}.is_person", f"{who}是自然人（用于 if）", "False"),
        Var(f"{prefix}.id_label", f"{who}证件名称", "统一社会信用代码"),
        Var(f"{prefix}.id_number", f"{who}统一社会信用代码/公民身份号码", "91330106MA2B000001"),
        Var(f"{prefix}.legal_representative", f"{who}法定代表人（企业）", "李四"),
        Var(f"{prefix}.address", f"{who}送达地址（第一个）", "浙江省杭州市西湖区文三路1号"),
        Var(f"{prefix}.phone", f"{who}电话（第一个）", "0571-88886666"),
    ]


CATALOGUE: list[tuple[str, list[Var]]] = [
    ("律所与承办律师", [
        Var("firm.name", "律所名称", "清收律师事务所"),
        Var("firm.address", "律所地址", "上海市浦东新区世纪大道100号"),
        Var("firm.uscc", "律所统一社会信用代码", "31310000MD0000000X"),
        Var("firm.phone", "律所电话", "021-66668888"),
        Var("firm.email", "律所电子邮箱", "office@example.cn"),
        Var("firm.bank_name", "开户银行", "招商银行上海分行"),
        Var("firm.bank_account_name", "账户名称", "清收律师事务所"),
        Var("firm.bank_account", "银行账号", "1219 0000 0000 0001"),
        Var("lawyer.name", "承办律师姓名", "张律师"),
        Var("lawyer.email", "承办律师电子邮箱", "zhang@example.cn"),
        Var("partner.name", "负责合伙人姓名", "王合伙人"),
        Var("today", "今天（2026年11月22日格式）", "2026年11月22日"),
    ]),
    ("委托人（原告/申请人）", [
        Var("client.name", "委托人名称", "上海申江贸易有限公司"),
        Var("client.uscc", "委托人统一社会信用代码", "91310000MA0000001X"),
        Var("client.legal_representative", "委托人法定代表人", "王总"),
        Var("client.address", "委托人住所（送达地址）", "上海市黄浦区南京东路1号"),
    ]),
    ("债务人（被告/被申请人）", _party_vars("debtor", "债务人")),
    ("案件", [
        Var("matter.reference", "案件编号", "QS-2026-000012"),
        Var("matter.cause", "案由", "买卖合同纠纷"),
        Var("matter.cause_code", "案由代码（sale、loan …，用于 if）", "sale"),
        Var("matter.is_loan", "是否借款纠纷（用于 if）", "False"),
        Var("matter.description", "案情摘要（事实与理由）", "原告与被告于2024年签订购销合同……"),
        Var("matter.due_date", "履行期限届满日", "2025年1月1日"),
        Var("matter.opened_on", "立案日期", "2026年3月1日"),
        Var("matter.stage", "当前阶段", "诉讼"),
        Var("matter.has_guarantors", "是否有担保人（用于 if）", "True"),
    ]),
    ("诉讼请求与金额（截至 claim.as_of）", [
        Var("claim.as_of", "计算截止日", "2026年11月22日"),
        Var("claim.principal", "尚欠本金（小写）", "250,000.00"),
        Var("claim.principal_upper", "尚欠本金（大写）", "贰拾伍万元整"),
        Var("claim.interest", "利息/违约金（小写）", "12,345.67"),
        Var("claim.interest_upper", "利息/违约金（大写）", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        Var("claim.interest_accrued", "计息期间累计利息（分段明细合计）", "21,378.09"),
        Var("claim.has_interest", "是否主张利息（用于 if）", "True"),
        Var("claim.interest_method", "利息计算方法", "以尚欠本金为基数，按年利率6%计算"),
        Var("claim.interest_start", "利息起算日", "2025年1月2日"),
        Var("claim.interest_basis", "计息规则说明", "按365天/年，算头不算尾"),
        Var("claim.costs", "实现债权的费用（小写）", "0.00"),
        Var("claim.costs_upper", "实现债权的费用（大写）", "零元整"),
        Var("claim.has_costs", "是否主张费用（用于 if）", "False"),
        Var("claim.total", "合计（小写）", "262,345.67"),
        Var("claim.total_upper", "合计（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("claim.recovered", "已收回（小写）", "1,000.00"),
        Var("claim.original_principal", "原始本金（小写）", "251,000.00"),
        Var("claim.original_principal_upper", "原始本金（大写）", "贰拾伍万壹仟元整"),
    ]),
    ("委托与授权", [
        Var("mandate.contract_number", "委托代理合同编号", "QSHT-2026-001"),
        Var("mandate.contract_date", "签约日期", "2026年1月5日"),
        Var("mandate.fee_type", "收费方式", "固定收费"),
        Var("mandate.is_risk", "是否风险代理（用于 if）", "False"),
        Var("mandate.fixed_rate", "固定收费比例（%）", "5"),
        Var("mandate.fixed_fee", "固定律师费（小写）", "12,500.00"),
        Var("mandate.fixed_fee_upper", "固定律师费（大写）", "壹万贰仟伍佰元整"),
        Var("mandate.upfront_rate", "前期费用比例（%）", "3"),
        Var("mandate.upfront_fee", "前期费用（小写）", "7,500.00"),
        Var("mandate.upfront_fee_upper", "前期费用（大写）", "柒仟伍佰元整"),
        Var("mandate.success_rate", "回款提成比例（%）", "10"),
        Var("mandate.placed_amount", "委托债权金额（小写）", "250,000.00"),
        Var("mandate.placed_amount_upper", "委托债权金额（大写）", "贰拾伍万元整"),
        Var("mandate.authority", "授权范围", "特别授权"),
        Var("mandate.is_special", "是否特别授权（用于 if）", "True"),
        Var("mandate.special_powers_text", "特别授权事项（顿号分隔）", "承认诉讼请求、进行和解、提起上诉"),
    ]),
    ("律师函", [
        Var("letter.number", "函号（每年连续编号）", "(2026)清律函字第0012号"),
        Var("letter.deadline", "付款期限", "2026年11月29日"),
        Var("letter.deadline_days", "付款期限天数", "7"),
    ]),
    ("诉讼", [
        Var("lawsuit.court", "受诉法院", "杭州市西湖区人民法院"),
        Var("lawsuit.case_number", "案号", "（2026）浙0106民初100号"),
        Var("lawsuit.filed_on", "立案日期", "2026年2月20日"),
        Var("lawsuit.decision", "结案方式", "判决"),
        Var("lawsuit.decided_on", "裁判日期", "2026年6月1日"),
        Var("lawsuit.awarded_amount", "判决金额（小写）", "262,345.67"),
        Var("lawsuit.awarded_amount_upper", "判决金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("lawsuit.performance_due_on", "判决履行期限最后一日", "2026年7月1日"),
    ]),
    ("保全", [
        Var("preservation.court", "保全法院", "杭州市西湖区人民法院"),
        Var("preservation.amount", "申请保全金额（小写）", "262,345.67"),
        Var("preservation.amount_upper", "申请保全金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("preservation.pre_suit", "诉前保全（用于 if）", "False"),
        Var("preservation.security", "担保方式", "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保"),
    ]),
    ("执行", [
        Var("enforcement.court", "执行法院", "杭州市西湖区人民法院"),
        Var("enforcement.amount", "申请执行金额（小写）", "262,345.67"),
        Var("enforcement.amount_upper", "申请执行金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
    ]),
    ("还款协议", [
        Var("agreement.signed_on", "签订日期", "2026年5月1日"),
        Var("agreement.total", "协议还款总额（小写）", "250,000.00"),
        Var("agreement.total_upper", "协议还款总额（大写）", "贰拾伍万元整"),
        Var("agreement.acceleration", "逾期一期即全部到期（用于 if）", "True"),
        Var("agreement.count", "期数", "3"),
    ]),
]

# Loops: {%tr for <item> in <list> %} … {{ <item>.<field> }} … {%tr endfor %}
LISTS: dict[str, tuple[str, list[Var]]] = {
    "evidence": ("证据清单（案件的证据文件）", [
        Var("number", "序号", "1"), Var("title", "证据名称", "购销合同"), Var("category", "类别", "合同"),
        Var("purpose", "证明目的", "证明双方之间存在合同关系及合同约定内容"),
    ]),
    "guarantors": ("担保人", [
        Var("name", "名称/姓名"), Var("kind", "类型"), Var("is_company", "是企业"), Var("is_person", "是自然人"),
        Var("id_label", "证件名称"), Var("id_number", "证件号码"), Var("legal_representative", "法定代表人"),
        Var("address", "送达地址"), Var("phone", "电话"),
    ]),
    "segments": ("利息计算明细（分段）", [
        Var("start", "起始日"), Var("end", "截止日"), Var("days", "天数"), Var("rate", "年利率（%）"),
        Var("principal", "计息本金"), Var("amount", "利息"),
    ]),
    "special_powers": ("特别授权事项（逐项）", [Var("number", "序号"), Var("label", "事项")]),
    "instalments": ("还款计划（分期）", [
        Var("number", "期数"), Var("due_on", "应还日期"), Var("amount", "金额（小写）"), Var("amount_upper", "金额（大写）"),
    ]),
    "assets": ("财产线索", [
        Var("number", "序号"), Var("kind", "类型"), Var("description", "描述"), Var("value", "估计价值"),
    ]),
    "demands": ("已发出的催告（律师函）", [
        Var("number", "序号"), Var("letter_number", "函号"), Var("sent_on", "发出日期"), Var("delivered_on", "送达日期"),
    ]),
}


# The filters a template may use, e.g. {{ debtor.phone|default("（未提供）", true) }}: the only calls a template can
# make. The sandbox (documents/sandbox.py) offers exactly these, and the upload check refuses any other.
FILTERS: dict[str, str] = {
    "default": "为空时改用括号中的文字：default(\"（未提供）\", true)",
    "trim": "去掉首尾空白",
    "upper": "英文字母改为大写",
    "lower": "英文字母改为小写",
    "length": "列表的项数或文字的字数",
}

# Inside {% for e in evidence %}: {{ loop.index }} and the like.
LOOP_FIELDS: dict[str, str] = {
    "index": "第几项（从1起）", "index0": "第几项（从0起）", "revindex": "倒数第几项（从1起）",
    "revindex0": "倒数第几项（从0起）", "first": "是第一项（用于 if）", "last": "是最后一项（用于 if）",
    "length": "列表的项数",
}


def known_names() -> set[str]:
    names = set(LISTS)
    for _group, variables in CATALOGUE:
        for var in variables:
            names.add(var.name)
            names.add(var.name.split(".")[0])
    return names


def list_fields() -> dict[str, set[str]]:
    return {name: {var.name for var in fields} for name, (_label, fields) in LISTS.items()}


# --- Formatting ------------------------------------------------------------------------------------------


def cn_date(value: date | None) -> str:
    """2026年11月22日 (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def money(value: Decimal | None) -> str:
    return format_cny(value) if value is not None else ""


def upper(value: Decimal | None) -> str:
    return rmb_uppercase(value) if value is not None else ""


def percent(rate: Decimal | None) -> str:
    """A fraction (0.05) as percent text without trailing zeros ("5")."""
    if rate is None:
        return ""
    text = f"{(rate * 100).normalize():f}"
    return text


# --- Missing data ----------------------------------------------------------------------------------------


@dataclass
class MissingField:
    field: str
    label: str
    fix_url: str


@dataclass
class Collector:
    """Records which missing values a rendering printed (in order, once each)."""

    items: dict[str, MissingField] = field(default_factory=dict)

    def record(self, missing: Missing) -> None:
        self.items.setdefault(missing._field, MissingField(missing._field, missing._label, missing._fix_url))

    @property
    def missing(self) -> list[MissingField]:
        return list(self.items.values())


class Missing:
    """A value the matter lacks: falsy and empty; printing or iterating it records it in the collector."""

    def __init__(self, field: str, label: str, fix_url: str, collector: Collector):
        self._field, self._label, self._fix_url, self._collector = field, label, fix_url, collector

    def __str__(self) -> str:
        self._collector.record(self)
        return ""

    def __html__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self):
        self._collector.record(self)
        return iter(())

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __repr__(self) -> str:
        return f"Missing({self._field})"


# --- Where each thing is filled in ---------------------------------------------------------------------------
# The matters pages are still being built; these are their agreed paths. One place to change.


def fix_url(target: str, obj_id: int | None = None, matter_id: int | None = None) -> str:
    if target == "firm":
        return "/settings/"
    if target == "debtor" and obj_id:
        return f"/debtors/{obj_id}/edit/"
    if target == "client" and obj_id:
        return f"/clients/{obj_id}/edit/"
    if target == "mandate" and obj_id:
        return f"/mandates/{obj_id}/edit/"
    return f"/matters/{matter_id}/" if matter_id else "/matters/"


# --- The context ------------------------------------------------------------------------------------------


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
            },
        }
        context["claim"] = self.claim(m, balance)
        context["segments"] = [
            {"start": cn_date(s.start), "end": cn_date(s.end), "days": s.days, "rate": f"{s.annual_rate.normalize():f}",
             "principal": money(s.principal), "amount": money(s.amount)}
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
             "value": money(a.estimated_value) if a.estimated_value is not None else "不详"}
            for i, a in enumerate(d.asset_leads, start=1)
        ], "assets", "财产线索")
        context["demands"] = [
            {"number": i, "letter_number": letter.letter_number or "（无函号）", "sent_on": cn_date(letter.sent_on),
             "delivered_on": cn_date(letter.delivered_on) if letter.delivered_on else "（未记录送达）"}
            for i, letter in enumerate(d.demand_letters, start=1)
        ]
        agreement, agreement_ctx, instalments = self.agreement(d.agreements)
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
        total = balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding
        return {
            "as_of": cn_date(balance.as_of),
            "principal": money(balance.principal_outstanding),
            "principal_upper": upper(balance.principal_outstanding),
            "original_principal": money(m.principal),
            "original_principal_upper": upper(m.principal),
            "interest": money(interest),
            "interest_accrued": money(balance.interest),
            "interest_upper": upper(interest),
            "has_interest": has_interest,
            "interest_method": method,
            "interest_start": cn_date(start),
            "interest_basis": "按每年365天计算，起算日计入、截止日不计入（算头不算尾）",
            "costs": money(balance.costs_outstanding),
            "costs_upper": upper(balance.costs_outstanding),
            "has_costs": balance.costs_outstanding > 0,
            "total": money(total),
            "total_upper": upper(total),
            "recovered": money(balance.recovered),
        }

    def mandate(self, mandate, m, manv) -> dict:
        from matters.models import SPECIAL_POWERS

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
            "fixed_rate": percent(mandate.fixed_rate) if mandate.fixed_rate else "",
            "fixed_fee": money(fixed_fee) if fixed_fee is not None else "",
            "fixed_fee_upper": upper(fixed_fee) if fixed_fee is not None else "",
            "upfront_rate": percent(mandate.upfront_rate) if mandate.upfront_rate else "",
            "upfront_fee": money(upfront_fee) if upfront_fee is not None else "",
            "upfront_fee_upper": upper(upfront_fee) if upfront_fee is not None else "",
            "success_rate": percent(mandate.success_rate) if mandate.success_rate else "",
            "placed_amount": money(placed),
            "placed_amount_upper": upper(placed),
            "authority": "特别授权" if is_special else "一般授权",
            "is_special": is_special,
            "special_powers_text": "、".join(powers),
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
            "awarded_amount": v(money(suit.awarded_amount), "awarded_amount", "判决/调解金额"),
            "awarded_amount_upper": v(upper(suit.awarded_amount), "awarded_amount", "判决/调解金额"),
            "performance_due_on": v(cn_date(suit.performance_due_on), "performance_due_on", "履行期限最后一日"),
        }

    def preservation(self, preservations, claim, balance) -> dict:
        record = preservations[-1] if preservations else None
        court = record.court if record else ""
        if not court and self.data.lawsuits:
            court = self.data.lawsuits[-1].court
        amount = record.amount if record and record.amount else (
            balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding)
        return {
            "court": self.value(court, "preservation.court", "保全法院（或受诉法院）"),
            "amount": money(amount),
            "amount_upper": upper(amount),
            "pre_suit": bool(record and record.pre_suit),
            "security": "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保",
        }

    def enforcement(self, enforcements, lawsuits, balance) -> dict:
        record = enforcements[-1] if enforcements else None
        court = record.court if record else ""
        if not court and lawsuits:
            court = next((s.court for s in lawsuits if s.instance == "first"), lawsuits[0].court)
        amount = record.amount_applied if record and record.amount_applied else (
            balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding)
        return {
            "court": self.value(court, "enforcement.court", "执行法院"),
            "amount": money(amount),
            "amount_upper": upper(amount),
        }

    def agreement(self, agreements):
        if not agreements:
            missing = self.value("", "agreement", "还款协议（签订日期与分期安排）")
            ctx = {"signed_on": missing, "total": missing, "total_upper": missing, "acceleration": True,
                   "count": missing}
            return None, ctx, missing
        agreement, instalments = agreements[-1]
        ctx = {
            "signed_on": cn_date(agreement.signed_on),
            "total": money(agreement.total_amount),
            "total_upper": upper(agreement.total_amount),
            "acceleration": agreement.acceleration,
            "count": len(instalments),
        }
        rows = [{"number": i.number, "due_on": cn_date(i.due_on), "amount": money(i.amount),
                 "amount_upper": upper(i.amount)} for i in instalments]
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


def today() -> date:
    return timezone.localdate()
