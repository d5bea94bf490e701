"""Agreements and authority: 授权委托书, 还款协议 (with its instalment table), 委托代理合同 (with the fee
arrangement, and for a risk arrangement the prominent risk disclosure of 司发通〔2021〕87号), and the separate
风险代理合同 that 司发通〔2021〕87号（七） requires for a risk arrangement.

Both contracts credit the up-front fee the same way: it counts towards the cap, and where the cap at the final
recovery is below what was charged up front the excess is refunded. Saying instead that the cap includes the
up-front fee and that the up-front fee is never refunded would contradict itself at every low recovery.
"""

from documents.docx import HEADING_FONT, DocBuilder
from rules.risk_fees import BANNED_CAUSES, CAP_BRACKETS, CAUSE_LABELS

GENERAL_POWERS = "代为起诉、应诉，提交和接收证据，参加庭审，进行辩论，申请财产保全，签收法律文书"
STATUTORY_NOTE = ("依照《中华人民共和国民事诉讼法》第六十二条及相关司法解释，授权委托书仅写“全权代理”而无具体授权的，"
                  "诉讼代理人无权代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉。")


def _wan(amount) -> str:
    return f"{(amount / 10000).normalize():f}万元"


def _cap_tiers() -> str:
    parts = []
    for lower, upper, rate in CAP_BRACKETS:
        share = f"{(rate * 100).normalize():f}%"
        if lower == 0:
            parts.append(f"标的额不足{_wan(upper)}的部分不超过{share}")
        elif upper is None:
            parts.append(f"{_wan(lower)}以上的部分不超过{share}")
        else:
            parts.append(f"{_wan(lower)}至{_wan(upper)}的部分不超过{share}")
    return "，".join(parts)


CAP_TIERS = _cap_tiers()
CAP_CLAUSE = ("风险代理收费（前期费用计入其中）的总额，以乙方为甲方最终实际收回的金额（含以物抵债的作价金额）为基数，"
              "各阶段合计不超过《关于进一步规范律师服务收费的意见》（司发通〔2021〕87号）规定的分段累计上限：" + CAP_TIERS + "。")
CREDITING_CLAUSE = ("前期费用的计入与退还：前期费用计入上述收费上限。委托事项办结时，按甲方最终实际收回金额计算的收费上限"
                    "低于乙方已收取的前期费用的，乙方应自办结之日起三十日内将超出上限的部分退还甲方；按本合同的前期费用计，"
                    "最终实际收回金额低于人民币{{ mandate.upfront_cap_threshold }}元时即发生退还。乙方已收取的费用合计"
                    "已达到上限的，不再收取风险代理费。")
BANNED_TEXT = "；".join(CAUSE_LABELS[code] for code in CAUSE_LABELS if code in BANNED_CAUSES)
RISK_DEFINITION = ("风险代理，是指律师服务费的收取与否及收取多少，与委托事项的办理结果（实际收回的金额）相挂钩的收费方式："
                   "收回款项的，乙方按约定比例收取风险代理费；未能收回款项的，乙方不收取风险代理费。")


def risk_disclosure(b: DocBuilder) -> None:
    """The prominent risk disclosure both contracts print, with the client's confirmation."""
    b.table([["风险代理风险提示（请甲方仔细阅读）"],
             ["1. 风险代理收费与案件结果挂钩：未能收回款项的，乙方不收取风险代理费；已收取的前期费用超过按最终实际"
              "收回金额计算的收费上限的部分，由乙方退还甲方。\n"
              "2. 收回金额越高，甲方支付的风险代理费越多；甲方自行与债务人和解、撤回委托或放弃债权的，仍应按约定"
              "支付已产生的风险代理费。\n"
              "3. 乙方不对案件结果作任何承诺；诉讼、执行结果受证据、债务人偿债能力等多种因素影响，存在无法收回的风险。\n"
              "4. 甲方已知悉可以选择固定收费等其他收费方式，经比较后自愿选择风险代理。"]],
            widths_mm=(156,))
    b.para("甲方确认：乙方已以显著方式告知上述风险代理的风险，甲方已充分理解并自愿接受。甲方（签字/盖章）：________",
           bold=True)


def power_of_attorney() -> DocBuilder:
    b = DocBuilder(body_size="四号")
    b.title("授权委托书")
    b.para("委托人：{{ client.name }}", indent=False)
    b.para("住所地：{{ client.address }}", indent=False)
    b.para("法定代表人：{{ client.legal_representative }}　统一社会信用代码：{{ client.uscc }}", indent=False)
    b.para("受托人：{{ lawyer.name }}，{{ firm.name }}律师，执业证号：{{ lawyer.practice_certificate_number }}",
           indent=False)
    b.para("联系地址：{{ firm.address }}　联系电话：{{ firm.phone }}", indent=False)
    b.blank()
    b.para("现委托上述受托人在我方与{{ debtor.name }}{{ matter.cause }}一案中，作为我方的诉讼代理人。")
    b.para("代理阶段：{{ mandate.scope_text }}。", indent=False)
    b.tag("{%p if mandate.is_special %}")
    b.para("代理权限：特别授权。受托人除有权" + GENERAL_POWERS + "外，还有权代为以下事项：")
    b.tag("{%p for s in special_powers %}")
    b.para("{{ s.number }}. {{ s.label }}；")
    b.tag("{%p endfor %}")
    b.tag("{%p if mandate.withheld_powers_text %}")
    b.para("除上列事项外，受托人无权办理以下事项：{{ mandate.withheld_powers_text }}。")
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    b.para("代理权限：一般授权，即" + GENERAL_POWERS + "。受托人无权代为承认、放弃、变更诉讼请求，进行和解，"
           "提起反诉或者上诉，亦无权代为收取执行款。")
    b.tag("{%p endif %}")
    b.para(STATUTORY_NOTE)
    b.blank()
    b.right("委托人（盖章）：{{ client.name }}", "法定代表人（签字）：", "{{ today }}")
    return b


def repayment_agreement() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("还款协议")
    b.para("甲方（债权人）：{{ client.name }}，统一社会信用代码：{{ client.uscc }}，法定代表人："
           "{{ client.legal_representative }}，住所地：{{ client.address }}。", indent=False)
    b.para("乙方（债务人）：{{ debtor.name }}，{{ debtor.id_label }}：{{ debtor.id_number }}"
           "{% if debtor.is_company %}，法定代表人：{{ debtor.legal_representative }}{% endif %}，"
           "住所：{{ debtor.address }}。", indent=False)
    b.tag("{%p for g in guarantors %}")
    b.para("丙方（保证人）：{{ g.name }}，{{ g.id_label }}：{{ g.id_number }}，住所：{{ g.address }}。", indent=False)
    b.tag("{%p endfor %}")
    b.para("鉴于甲乙双方之间存在{{ matter.relationship }}，乙方未按约定履行付款义务。经协商，各方就乙方偿还欠款事宜达成如下协议：")
    b.heading("第一条　债务的来源与确认")
    b.para("{{ matter.description }}")
    b.para("截至本协议签订之日（{{ agreement.signed_on }}），乙方确认尚欠甲方本金人民币{{ agreement.confirmed_principal }}元"
           "（大写：{{ agreement.confirmed_principal_upper }}），利息（违约金）人民币{{ agreement.confirmed_interest }}元"
           "（大写：{{ agreement.confirmed_interest_upper }}）{% if agreement.confirmed_has_costs %}，费用人民币"
           "{{ agreement.confirmed_costs }}元（大写：{{ agreement.confirmed_costs_upper }}）{% endif %}，合计人民币"
           "{{ agreement.confirmed_debt }}元（大写：{{ agreement.confirmed_debt_upper }}）。")
    b.heading("第二条　还款安排")
    b.tag("{%p if agreement.is_compromise %}")
    b.para("经甲方同意，乙方按下表分{{ agreement.count }}期向甲方支付和解款人民币{{ agreement.total }}元"
           "（大写：{{ agreement.total_upper }}）：")
    b.tag("{%p else %}")
    b.para("乙方同意按下表分{{ agreement.count }}期向甲方偿还上述全部欠款人民币{{ agreement.total }}元"
           "（大写：{{ agreement.total_upper }}）：")
    b.tag("{%p endif %}")
    b.table([["期数", "应还日期", "金额（元）", "金额（大写）"]], widths_mm=(16, 40, 36, 64),
            loop=("for i in instalments", ["第{{ i.number }}期", "{{ i.due_on }}", "{{ i.amount }}", "{{ i.amount_upper }}"]),
            total=["合计", "", "{{ agreement.total }}", "{{ agreement.total_upper }}"])
    b.tag("{%p if agreement.is_compromise %}")
    b.para("乙方按上表约定的期限足额支付全部和解款的，甲方对第一条确认的欠款中其余人民币{{ agreement.waived }}元"
           "（大写：{{ agreement.waived_upper }}）予以减免。{% if agreement.acceleration %}乙方任何一期未按时足额支付的，"
           "上述减免不再生效，甲方有权要求乙方一次性清偿第一条确认的全部欠款（扣除乙方已支付的款项）。"
           "{% endif %}")
    b.tag("{%p endif %}")
    b.heading("第三条　加速到期")
    b.para("{% if agreement.acceleration %}乙方任何一期未按时足额还款的，剩余全部未还款项视为立即到期，甲方有权要求乙方一次性"
           "清偿全部欠款本息，并有权依法提起诉讼或申请强制执行。{% else %}乙方逾期还款的，甲方有权就逾期部分要求乙方立即清偿。"
           "{% endif %}")
    b.heading("第四条　逾期利息")
    b.para("乙方逾期支付任何一期款项的，应就逾期未付部分自逾期之日起至实际清偿之日止，"
           "{% if claim.has_interest %}按{{ claim.interest_rate_text }}{% else %}按全国银行间同业拆借中心公布的"
           "一年期贷款市场报价利率（LPR）的1.5倍{% endif %}向甲方支付逾期利息。")
    b.heading("第五条　担保")
    # Each guarantor's clause names the kind of its guarantee: a general guarantor answers only for what
    # enforcement against 乙方's property leaves unpaid (民法典第六百八十七条), a joint one for the whole debt (第六百八十八条).
    b.para("{% if matter.has_guarantors %}{% for g in guarantors %}丙方（{{ g.name }}）自愿为乙方在本协议项下的全部债务向甲方"
           "承担{{ g.guarantee_kind }}责任{% if g.is_general %}，即在乙方财产依法强制执行后仍不能履行的部分承担保证责任"
           "{% else %}，甲方有权要求乙方或丙方清偿全部债务{% endif %}，保证期间为最后一期还款期限届满之日起三年。"
           "{% endfor %}{% else %}本协议无保证人。{% endif %}")
    b.heading("第六条　争议解决")
    b.para("因本协议发生的争议，由甲方住所地人民法院管辖。")
    b.heading("第七条　送达地址")
    b.para("各方确认以下地址为有效送达地址，诉讼中法院亦可向该地址送达：甲方：{{ client.address }}；"
           "乙方：{{ debtor.address }}{% for g in guarantors %}；丙方（{{ g.name }}）：{{ g.address }}{% endfor %}。"
           "地址变更的，应提前书面通知其他各方。")
    b.heading("第八条　其他")
    b.para("本协议不影响甲方依原合同享有的其他权利。本协议自各方签字或盖章之日起生效，一式{{ matter.copies }}份，各方各执一份。")
    b.blank()
    b.para("甲方（盖章）：{{ client.name }}　　　　法定代表人或授权代表（签字）：", indent=False)
    b.para("乙方（签字/盖章）：{{ debtor.name }}", indent=False)
    b.tag("{%p for g in guarantors %}")
    b.para("丙方（签字/盖章）：{{ g.name }}", indent=False)
    b.tag("{%p endfor %}")
    b.para("签订日期：{{ agreement.signed_on }}", indent=False)
    return b


def _contract_parties(b: DocBuilder) -> None:
    """甲方 the client and 乙方 the firm, as both the engagement and the risk agency contract name them."""
    b.para("甲方（委托人）：{{ client.name }}，统一社会信用代码：{{ client.uscc }}，法定代表人："
           "{{ client.legal_representative }}，住所地：{{ client.address }}。", indent=False)
    b.para("乙方（受托人）：{{ firm.name }}，统一社会信用代码：{{ firm.uscc }}，地址：{{ firm.address }}，"
           "电话：{{ firm.phone }}。", indent=False)


def _contract_signatures(b: DocBuilder) -> None:
    b.blank()
    for line in ("甲方（盖章）：{{ client.name }}", "乙方（盖章）：{{ firm.name }}"):
        b.run(b._para(), line, font=HEADING_FONT)
    b.para("签订日期：{{ mandate.contract_date }}", indent=False)


def engagement_contract() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("委托代理合同")
    b.para("{% if mandate.contract_number %}合同编号：{{ mandate.contract_number }}{% endif %}", indent=False)
    _contract_parties(b)
    b.para("甲方因应收账款清收事宜，委托乙方提供法律服务。双方经协商，订立本合同。")
    b.heading("第一条　委托事项")
    b.para("甲方委托乙方就甲方对{{ debtor.name }}的债权（委托债权金额人民币{{ mandate.placed_amount }}元，大写："
           "{{ mandate.placed_amount_upper }}）提供清收法律服务，包括尽职调查、发送律师函、谈判、财产保全、诉讼、执行，"
           "以及穷尽措施后为甲方整理核销依据。")
    b.heading("第二条　承办律师与授权")
    b.para("乙方指派{{ lawyer.name }}律师承办本合同项下事务。甲方另行出具授权委托书，授权范围为"
           "{{ mandate.authority }}{% if mandate.is_special %}（{{ mandate.special_powers_text }}）{% endif %}。")
    b.heading("第三条　律师服务费")
    b.tag("{%p if mandate.is_risk %}")
    b.para("本合同采用“固定收费＋风险代理”的收费方式：")
    b.para("1. 前期费用：按委托债权金额的{{ mandate.upfront_rate }}%计收，即人民币{{ mandate.upfront_fee }}元"
           "（大写：{{ mandate.upfront_fee_upper }}），于本合同签订之日起七日内支付。")
    b.para("2. 风险代理费：按乙方为甲方实际收回金额（含以物抵债的作价金额）的{{ mandate.success_rate }}%计收，"
           "于每笔款项收回后十日内支付。")
    b.para("3. " + CAP_CLAUSE)
    b.para("4. " + CREDITING_CLAUSE)
    b.para("5. 风险代理的含义、禁止实行风险代理的案件范围及收费上限，由双方另行签订的《风险代理合同》载明；"
           "本合同与《风险代理合同》不一致的，以《风险代理合同》为准。")
    risk_disclosure(b)
    b.tag("{%p else %}")
    b.para("本合同采用固定收费方式：律师服务费按委托债权金额的{{ mandate.fixed_rate }}%计收，即人民币"
           "{{ mandate.fixed_fee }}元（大写：{{ mandate.fixed_fee_upper }}），于本合同签订之日起七日内支付。")
    b.tag("{%p endif %}")
    b.heading("第四条　办案费用")
    b.para("诉讼费、保全费、执行费、公告费、鉴定费、评估费、保全担保费用等由甲方承担，乙方代垫的按实际发生额向甲方结算；"
           "乙方律师的差旅费用实报实销。")
    b.heading("第五条　付款账户")
    b.para("开户银行：{{ firm.bank_name }}；账户名称：{{ firm.bank_account_name }}；账号：{{ firm.bank_account }}。")
    b.heading("第六条　双方的权利义务")
    b.para("甲方应如实提供案件事实和证据，及时支付费用。乙方应勤勉尽责，定期向甲方通报清收工作进展，对甲方的商业秘密保密，"
           "不得以威胁、侮辱等不当方式催收。")
    b.heading("第七条　合同期限与解除")
    b.para("本合同自双方签字盖章之日起生效，至委托事项办结之日终止。一方严重违约的，另一方有权解除合同。")
    b.heading("第八条　争议解决")
    b.para("因本合同发生的争议，双方协商解决；协商不成的，向乙方所在地人民法院提起诉讼。")
    _contract_signatures(b)
    return b


def risk_agency_contract() -> DocBuilder:
    """风险代理合同: the separate written contract of 司发通〔2021〕87号（七）, its risk disclosure prominent."""
    b = DocBuilder(body_size="小四")
    b.title("风险代理合同")
    b.para("{% if mandate.contract_number %}所属委托代理合同编号：{{ mandate.contract_number }}{% endif %}", indent=False)
    _contract_parties(b)
    b.para("甲方委托乙方就甲方对{{ debtor.name }}的债权（委托债权金额人民币{{ mandate.placed_amount }}元，大写："
           "{{ mandate.placed_amount_upper }}）提供清收法律服务。依照《关于进一步规范律师服务收费的意见》"
           "（司发通〔2021〕87号），双方就风险代理收费单独订立本合同。")
    b.heading("第一条　风险代理的含义")
    b.para(RISK_DEFINITION, bold=True)
    b.heading("第二条　禁止风险代理的案件")
    b.para("下列案件不得实行或者变相实行风险代理收费：" + BANNED_TEXT + "。乙方确认，本合同委托事项不属于上述案件。")
    b.heading("第三条　收费方式")
    b.para("1. 前期费用：按委托债权金额的{{ mandate.upfront_rate }}%计收，即人民币{{ mandate.upfront_fee }}元"
           "（大写：{{ mandate.upfront_fee_upper }}），于本合同签订之日起七日内支付。")
    b.para("2. 风险代理费：按乙方为甲方实际收回金额（含以物抵债的作价金额）的{{ mandate.success_rate }}%计收，"
           "于每笔款项收回后十日内支付。")
    b.heading("第四条　收费上限")
    b.para(CAP_CLAUSE, bold=True)
    b.table([["最终实际收回金额（分段）", "该段收费上限"]] + [
        [("不足" + _wan(upper)) if lower == 0 else (f"{_wan(lower)}以上" if upper is None
                                                   else f"{_wan(lower)}至{_wan(upper)}"),
         f"{(rate * 100).normalize():f}%"] for lower, upper, rate in CAP_BRACKETS],
        widths_mm=(96, 60))
    b.heading("第五条　前期费用的计入与退还")
    b.para(CREDITING_CLAUSE, bold=True)
    b.heading("第六条　风险提示")
    risk_disclosure(b)
    b.heading("第七条　其他")
    b.para("本合同是双方委托代理合同的组成部分，自双方签字盖章之日起生效，一式两份，双方各执一份。")
    _contract_signatures(b)
    return b
