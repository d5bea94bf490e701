"""The catalogue of template variables: the names a template may print, their labels and examples, the lists
it may loop over, the filters it may call.

Every built-in template, and every template a firm uploads, may use exactly the variables listed in
:data:`CATALOGUE` (dotted names such as ``debtor.name``) and the loops of :data:`LISTS` (``{%tr for e in
evidence %}`` … ``{{ e.title }}``). The help page (``/documents/variables/``) is generated from these lists, the
sandbox (documents/sandbox.py) allows exactly these names and filters, and upload validation checks templates
against them. How each is filled from a matter is documents/template_context.py.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        Var("lawyer.practice_certificate_number", "承办律师执业证号", "13101201910123456"),
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
        Var("matter.relationship", "合同关系（如买卖合同关系）", "买卖合同关系"),
        Var("matter.articles", "请求依据：《民法典》条文（随案由）", "第五百七十七条、第五百七十九条、第六百二十六条、第六百二十八条"),
        Var("matter.debt_name", "欠款名称（随案由：货款、工程款、租金、服务费、款项）", "货款"),
        Var("matter.copies", "协议份数（债权人、债务人与各担保人各一份，如“三”）", "三"),
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
        Var("mandate.upfront_cap_threshold", "前期费用超过收费上限的回款金额（低于此数须退还超出部分）", "41,666.67"),
        Var("mandate.placed_amount", "委托债权金额（小写）", "250,000.00"),
        Var("mandate.placed_amount_upper", "委托债权金额（大写）", "贰拾伍万元整"),
        Var("mandate.authority", "授权范围", "特别授权"),
        Var("mandate.is_special", "是否特别授权（用于 if）", "True"),
        Var("mandate.special_powers_text", "特别授权事项（顿号分隔）", "承认诉讼请求、进行和解、提起上诉"),
        Var("mandate.scope_text", "代理阶段（一审、二审、执行）", "一审、二审、执行"),
        Var("mandate.withheld_powers_text", "未授权的特别事项（顿号分隔）",
            "放弃诉讼请求、变更诉讼请求、提起反诉、申请执行、代为收取执行款"),
    ]),
    ("律师函", [
        Var("letter.number", "函号（每年连续编号）", "〔2026〕清律函字第0012号"),
        Var("letter.deadline", "付款期限（自今日起算的日期）", "2026年11月29日"),
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
        Var("agreement.confirmed_principal", "签订日确认的本金（小写）", "250,000.00"),
        Var("agreement.confirmed_principal_upper", "签订日确认的本金（大写）", "贰拾伍万元整"),
        Var("agreement.confirmed_interest", "签订日确认的利息（小写）", "14,236.30"),
        Var("agreement.confirmed_interest_upper", "签订日确认的利息（大写）", "壹万肆仟贰佰叁拾陆元叁角"),
        Var("agreement.confirmed_costs", "签订日确认的费用（小写）", "0.00"),
        Var("agreement.confirmed_costs_upper", "签订日确认的费用（大写）", "零元整"),
        Var("agreement.confirmed_has_costs", "签订日有未付费用（用于 if）", "False"),
        Var("agreement.confirmed_debt", "签订日确认的欠款合计（小写）", "264,236.30"),
        Var("agreement.confirmed_debt_upper", "签订日确认的欠款合计（大写）", "贰拾陆万肆仟贰佰叁拾陆元叁角"),
        Var("agreement.is_compromise", "约定和解减免（用于 if）", "True"),
        Var("agreement.waived", "按期履行后减免的金额（小写）", "14,236.30"),
        Var("agreement.waived_upper", "按期履行后减免的金额（大写）", "壹万肆仟贰佰叁拾陆元叁角"),
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
