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
        Var(f"{prefix}.gender", f"{who}性别（自然人；未填时按身份证号推定）", "男"),
        Var(f"{prefix}.birth_date", f"{who}出生日期（自然人；未填时按身份证号推定）", "1980年5月6日"),
        Var(f"{prefix}.ethnicity", f"{who}民族（自然人）", "汉族"),
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
        Var("client.legal_representative_title", "委托人法定代表人职务（可为空）", "董事长"),
        Var("client.is_financial_institution", "委托人是持牌金融机构（用于 if）", "False"),
        Var("client.address", "委托人住所（送达地址）", "上海市黄浦区南京东路1号"),
        Var("client.bank_name", "委托人开户银行（收取破产分配款等）", "中国银行上海黄浦支行"),
        Var("client.bank_account", "委托人银行账号", "4567 8901 2345"),
    ]),
    ("债务人（被告/被申请人）", _party_vars("debtor", "债务人")),
    ("案件", [
        Var("matter.reference", "案件编号", "QS-2026-000012"),
        Var("matter.cause", "案由", "买卖合同纠纷"),
        Var("matter.cause_code", "案由代码（sale、loan …，用于 if）", "sale"),
        Var("matter.is_loan", "是否借款纠纷（用于 if）", "False"),
        Var("matter.is_private_loan", "是否民间借贷纠纷（出借人非持牌金融机构，用于 if）", "False"),
        Var("matter.legal_basis", "请求依据（法律条文，随案由）",
            "《中华人民共和国民法典》第五百七十七条、第五百七十九条、第六百二十六条、第六百二十八条"),
        Var("matter.jurisdiction", "管辖依据（合同约定的管辖条款，或法定管辖）",
            "合同第12条约定由原告住所地人民法院管辖"),
        Var("matter.has_jurisdiction_clause", "合同有管辖约定（用于 if）", "True"),
        Var("matter.description", "案情摘要（事实与理由）", "原告与被告于2024年签订购销合同……"),
        Var("matter.due_date", "履行期限届满日", "2025年1月1日"),
        Var("matter.opened_on", "立案日期", "2026年3月1日"),
        Var("matter.stage", "当前阶段", "诉讼"),
        Var("matter.has_guarantors", "是否有担保人（用于 if）", "True"),
        Var("matter.has_joint_guarantors", "是否有连带责任保证人（用于 if）", "True"),
        Var("matter.has_general_guarantors", "是否有一般保证人（用于 if）", "False"),
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
        Var("claim.interest_method", "利息计算方法（基数、利率及依据）", "以尚欠本金为基数，按合同约定的年利率6%计算"),
        Var("claim.interest_rate_text", "适用的利率（如“合同约定的年利率6%”）", "合同约定的年利率6%"),
        Var("claim.rate_warning", "民间借贷利率超过LPR四倍的提示（无则为空）", ""),
        Var("claim.payments_applied", "已付款及抵充顺序（民法典第五百六十一条）",
            "被告已付款10,000.00元，依照《中华人民共和国民法典》第五百六十一条依次抵充实现债权的有关费用0.00元、"
            "利息6,000.00元、主债务4,000.00元"),
        Var("claim.priority_claimed", "主张建设工程价款优先受偿权（在期限内，用于 if）", "False"),
        Var("claim.priority_until", "建设工程价款优先受偿权行使期限届满日", "2026年7月1日"),
        Var("claim.interest_start", "利息起算日", "2025年1月2日"),
        Var("claim.interest_basis", "计息规则说明", "按365天/年，算头不算尾"),
        Var("claim.costs", "实现债权的费用（小写）", "0.00"),
        Var("claim.costs_upper", "实现债权的费用（大写）", "零元整"),
        Var("claim.has_costs", "是否主张费用（用于 if）", "False"),
        Var("claim.total", "合计（小写）", "262,345.67"),
        Var("claim.total_upper", "合计（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("claim.recovered", "已收回（小写）", "1,000.00"),
        Var("claim.lpr_note", "LPR 数据未更新时的说明（为空则无需说明；用于 if）", "按2025年5月20日公布的LPR 3.0%暂计"),
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
        *_party_vars("recipient", "收函人"),
        Var("recipient.is_guarantor", "收函人是担保人（用于 if；否则为债务人）", "False"),
        Var("recipient.guarantee_kind", "收函担保人的保证方式（一般保证/连带责任保证）", "连带责任保证"),
        Var("recipient.is_joint", "收函人是连带责任保证人（用于 if）", "False"),
        Var("recipient.is_general", "收函人是一般保证人（用于 if）", "False"),
        Var("recipient.period_ends_on", "收函担保人的保证期间届满日", "2025年7月1日"),
        Var("recipient.contract", "收函担保人的保证合同", "保证合同"),
        Var("letter.number", "函号（每年连续编号）", "〔2026〕清律函字第0012号"),
        Var("letter.deadline", "付款期限（自今日起算的日期）", "2026年11月29日"),
        Var("letter.deadline_days", "付款期限天数", "7"),
    ]),
    ("诉讼", [
        Var("lawsuit.court", "受诉法院", "杭州市西湖区人民法院"),
        Var("lawsuit.case_number", "案号", "（2026）浙0106民初100号"),
        Var("lawsuit.filed_on", "立案日期", "2026年2月20日"),
        Var("lawsuit.decision", "结案方式", "判决"),
        Var("lawsuit.is_award", "执行依据是仲裁裁决（用于 if）", "False"),
        Var("lawsuit.document_name", "生效法律文书名称（民事判决书、民事调解书、民事裁定书、裁决书）", "民事判决书"),
        Var("lawsuit.decided_on", "裁判日期", "2026年6月1日"),
        Var("lawsuit.awarded_amount", "判决金额（小写）", "262,345.67"),
        Var("lawsuit.awarded_amount_upper", "判决金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("lawsuit.performance_due_on", "判决履行期限最后一日（填写的，或按生效日期和履行期限计算）", "2026年7月1日"),
        Var("lawsuit.effective_on", "裁判文书生效日期", "2026年6月17日"),
        Var("lawsuit.judgment_text", "判决主文（全文）", "一、被告于本判决生效之日起十日内支付原告货款250,000元；……"),
        Var("lawsuit.has_figures", "已填写判决金额（用于 if）", "True"),
        Var("lawsuit.awarded_principal", "判决本金（小写）", "250,000.00"),
        Var("lawsuit.awarded_principal_upper", "判决本金（大写）", "贰拾伍万元整"),
        Var("lawsuit.awarded_interest", "判决利息（小写）", "8,345.67"),
        Var("lawsuit.awarded_interest_upper", "判决利息（大写）", "捌仟叁佰肆拾伍元陆角柒分"),
        Var("lawsuit.has_awarded_interest", "判决支持利息（用于 if）", "True"),
        Var("lawsuit.interest_awarded_to", "判决利息计至", "2026年6月1日"),
        Var("lawsuit.interest_continues", "判决利息计至实际清偿之日（用于 if）", "False"),
        Var("lawsuit.awarded_costs", "被告负担的诉讼费用（小写）", "4,000.00"),
        Var("lawsuit.awarded_costs_upper", "被告负担的诉讼费用（大写）", "肆仟元整"),
        Var("lawsuit.has_awarded_costs", "被告负担诉讼费用（用于 if）", "True"),
        Var("lawsuit.late_from", "加倍部分债务利息起算日（履行期限届满次日）", "2026年7月2日"),
        Var("lawsuit.late_interest", "加倍部分债务利息，暂计至今日（小写）", "6,258.14"),
        Var("lawsuit.late_interest_upper", "加倍部分债务利息，暂计至今日（大写）", "陆仟贰佰伍拾捌元壹角肆分"),
        Var("lawsuit.has_late_interest", "已产生加倍部分债务利息（用于 if）", "True"),
        Var("lawsuit.late_as_of", "加倍部分债务利息暂计至", "2026年11月22日"),
    ]),
    ("保全", [
        Var("preservation.court", "保全法院", "杭州市西湖区人民法院"),
        Var("preservation.amount", "申请保全金额（小写）", "262,345.67"),
        Var("preservation.amount_upper", "申请保全金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("preservation.lpr_note", "保全金额所含利息按暂计 LPR 计算时的说明（为空则无需说明）",
            "按2025年5月20日公布的LPR 3.0%暂计"),
        Var("preservation.pre_suit", "诉前保全（用于 if）", "False"),
        Var("preservation.security", "担保方式", "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保"),
        Var("preservation.measures", "保全措施（按财产线索）", "冻结被申请人名下的银行存款，查封被申请人名下的不动产"),
        Var("preservation.has_asset_leads", "有财产线索（用于 if）", "True"),
        Var("preservation.insurer", "担保保险公司", "中国人民财产保险股份有限公司杭州市分公司"),
        Var("preservation.policy_number", "保函/保单号", "PZBA202633010000000001"),
        Var("preservation.names_security", "须写明保险公司与保单号（诉前保全或已登记，用于 if）", "False"),
    ]),
    ("支付令", [
        Var("payment_order.court", "支付令申请的法院", "杭州市西湖区人民法院"),
        Var("payment_order.case_number", "支付令案号", "（2026）浙0106民督10号"),
        Var("payment_order.amount", "支付令金额（小写）", "262,345.67"),
        Var("payment_order.amount_upper", "支付令金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
    ]),
    ("仲裁", [
        Var("arbitration.commission", "合同约定的仲裁委员会", "上海仲裁委员会"),
        Var("arbitration.clause", "仲裁条款原文（有则用于 if 与引用）",
            "因本合同引起的或与本合同有关的任何争议，均提请上海仲裁委员会按照其仲裁规则进行仲裁。"),
        Var("matter.is_arbitration", "案件约定仲裁（用于 if）", "False"),
    ]),
    ("执行", [
        Var("enforcement.court", "执行法院", "杭州市西湖区人民法院"),
        Var("enforcement.amount", "申请执行金额（小写）", "262,345.67"),
        Var("enforcement.amount_upper", "申请执行金额（大写）", "贰拾陆万贰仟叁佰肆拾伍元陆角柒分"),
        Var("enforcement.lpr_note", "执行金额所含利息按暂计 LPR 计算时的说明（为空则无需说明）",
            "按2025年5月20日公布的LPR 3.0%暂计"),
    ]),
    ("破产债权申报（金额计算至破产申请受理日）", [
        Var("bankruptcy.court", "受理破产申请的法院", "杭州市中级人民法院"),
        Var("bankruptcy.case_number", "破产案号", "（2026）浙01破5号"),
        Var("bankruptcy.accepted_on", "破产申请受理日", "2026年6月1日"),
        Var("bankruptcy.declaration_deadline", "债权申报期限", "2026年8月31日"),
        Var("bankruptcy.administrator_name", "管理人名称", "浙江某某律师事务所"),
        Var("bankruptcy.administrator_contact", "管理人联系人及电话", "陈律师 0571-86660000"),
        Var("bankruptcy.administrator_address", "管理人地址", "浙江省杭州市上城区钱江路1号"),
        Var("bankruptcy.secured", "有财产担保（用于 if）", "False"),
        Var("bankruptcy.secured_text", "有无财产担保（文字）", "无财产担保"),
        Var("bankruptcy.principal", "尚欠本金（小写）", "250,000.00"),
        Var("bankruptcy.principal_upper", "尚欠本金（大写）", "贰拾伍万元整"),
        Var("bankruptcy.has_interest", "是否申报利息（用于 if）", "True"),
        Var("bankruptcy.interest", "利息（小写）", "20,712.33"),
        Var("bankruptcy.interest_upper", "利息（大写）", "贰万零柒佰壹拾贰元叁角叁分"),
        Var("bankruptcy.interest_period", "计息期间", "自2025年1月2日起至2026年5月31日止"),
        Var("bankruptcy.interest_method", "利息计算方法", "以尚欠本金为基数，按年利率6%计算"),
        Var("bankruptcy.interest_basis", "计息规则说明", "按每年365天计算，起算日计入、截止日不计入（算头不算尾）"),
        Var("bankruptcy.has_costs", "是否申报费用（用于 if）", "False"),
        Var("bankruptcy.costs", "实现债权的费用（小写）", "0.00"),
        Var("bankruptcy.costs_upper", "实现债权的费用（大写）", "零元整"),
        Var("bankruptcy.total", "申报总额（小写）", "270,712.33"),
        Var("bankruptcy.total_upper", "申报总额（大写）", "贰拾柒万零柒佰壹拾贰元叁角叁分"),
        Var("bankruptcy.has_recovered", "受理前是否有回款（用于 if）", "False"),
        Var("bankruptcy.recovered", "受理前已收回（小写）", "0.00"),
        Var("bankruptcy.judgment", "生效法律文书确认债权的说明（无则为空）",
            "该债权已经杭州市西湖区人民法院（2026）浙0106民初100号民事判决书确认。"),
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
        Var("source", "证据来源", "原告提供"),
        Var("purpose", "证明目的", "证明双方之间存在合同关系及合同约定内容"),
    ]),
    "guarantors": ("担保人", [
        Var("name", "名称/姓名"), Var("kind", "类型"), Var("is_company", "是企业"), Var("is_person", "是自然人"),
        Var("id_label", "证件名称"), Var("id_number", "证件号码"), Var("legal_representative", "法定代表人"),
        Var("gender", "性别（自然人）"), Var("birth_date", "出生日期（自然人）"), Var("ethnicity", "民族（自然人）"),
        Var("address", "送达地址"), Var("phone", "电话"),
        Var("guarantee_kind", "保证方式（一般保证/连带责任保证）"), Var("is_joint", "是连带责任保证（用于 if）"),
        Var("is_general", "是一般保证（用于 if）"), Var("period_ends_on", "保证期间届满日"),
        Var("contract", "保证合同（证据名称）"),
    ]),
    "segments": ("利息计算明细（分段）", [
        Var("start", "起始日"), Var("end", "截止日"), Var("days", "天数"), Var("rate", "年利率（%）"),
        Var("principal", "计息本金"), Var("amount", "利息"),
    ]),
    "judgment_lines": ("判决主文（逐项）", [Var("number", "序号"), Var("text", "内容")]),
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
