"""律师函 (demand letter): title and number, recipient, instructing client, facts and legal basis, the demand with
a deadline, consequences, signature, date, contact details, attachments. Firm, polite, no threats. Addressed to
the debtor, or to a guarantor: then it names the guarantee and claims under it (for a joint guarantee, delivered
within the guarantee period, it is the claim that keeps the guarantee alive, 民法典第六百九十三条)."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.docx import HEADING_FONT, SIZE, DocBuilder


def demand_letter() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    p = b._para(align=WD_ALIGN_PARAGRAPH.CENTER, line=1.2)
    b.run(p, "{{ firm.name }}", font=HEADING_FONT, size=SIZE["小二"])
    b.title("律 师 函")
    b.subtitle("{{ letter.number }}")
    b.para("致：{{ recipient.name }}", indent=False, bold=True)
    b.para("地址：{{ recipient.address }}", indent=False)
    b.para("{{ recipient.name }}：", indent=False, bold=True)
    b.para("{{ firm.name }}（以下简称“本所”）接受{{ client.name }}（以下简称“委托人”）的委托，指派"
           "{{ lawyer.name }}律师，就{% if recipient.is_guarantor %}贵方为{{ debtor.name }}拖欠委托人的款项提供保证、"
           "应当承担保证责任{% else %}贵方拖欠委托人款项{% endif %}一事，郑重致函如下：")
    b.heading("一、基本事实")
    b.para("{{ matter.description }}")
    b.para("截至{{ claim.as_of }}，{% if recipient.is_guarantor %}{{ debtor.name }}{% else %}贵方{% endif %}尚欠委托人本金"
           "人民币{{ claim.principal }}元（大写：{{ claim.principal_upper }}）。")
    b.tag("{%p if claim.has_interest %}")
    b.para("{% if recipient.is_guarantor %}{{ debtor.name }}{% else %}贵方{% endif %}还应自{{ claim.interest_start }}起"
           "支付逾期付款利息（违约金），计算方法为："
           "{{ claim.interest_method }}，暂计至{{ claim.as_of }}为人民币{{ claim.interest }}元"
           "（大写：{{ claim.interest_upper }}{% if claim.lpr_note %}；{{ claim.lpr_note }}{% endif %}）。")
    b.tag("{%p endif %}")
    b.tag("{%p if recipient.is_guarantor %}")
    b.para("贵方为{{ debtor.name }}的上述债务向委托人提供{{ recipient.guarantee_kind }}"
           "{% if recipient.contract %}（保证合同：{{ recipient.contract }}）{% endif %}"
           "{% if recipient.period_ends_on %}，保证期间至{{ recipient.period_ends_on }}届满{% endif %}。")
    b.tag("{%p endif %}")
    b.heading("二、法律依据")
    b.tag("{%p if recipient.is_joint %}")
    b.para("根据《中华人民共和国民法典》第六百八十一条、第六百八十八条、第六百九十三条的规定，连带责任保证的债务人不履行到期"
           "债务时，债权人可以请求债务人履行债务，也可以请求保证人在其保证范围内承担保证责任。{{ debtor.name }}逾期未付款，"
           "贵方应当依约承担连带责任保证的保证责任。")
    b.tag("{%p elif recipient.is_guarantor %}")
    b.para("根据《中华人民共和国民法典》第六百八十一条、第六百八十七条的规定，一般保证的保证人在主合同纠纷经审判或者仲裁，"
           "并就债务人财产依法强制执行仍不能履行债务时，应当对不能履行的部分承担保证责任。")
    b.tag("{%p else %}")
    b.para("根据《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百七十九条的规定，当事人应当按照约定全面履行"
           "自己的义务；当事人一方未支付价款、报酬、租金、利息，或者不履行其他金钱债务的，对方可以请求其支付。"
           "贵方逾期未付款，已构成违约，应当承担继续履行、赔偿损失等违约责任。")
    b.tag("{%p endif %}")
    b.heading("三、律师意见")
    b.tag("{%p if recipient.is_joint %}")
    b.para("本所律师特此函告：委托人现依法向贵方主张保证责任。请贵方自收到本函之日起{{ letter.deadline_days }}日内，"
           "向委托人支付上述款项合计人民币{{ claim.total }}元（大写：{{ claim.total_upper }}）。"
           "如有异议，请在上述期限内与本所律师联系。")
    b.tag("{%p elif recipient.is_guarantor %}")
    b.para("本所律师特此函告：委托人现依法向贵方主张保证责任。委托人将依法向{{ debtor.name }}追索上述款项合计人民币"
           "{{ claim.total }}元（大写：{{ claim.total_upper }}），{{ debtor.name }}财产依法强制执行后仍不能履行的部分，"
           "请贵方依法承担保证责任。如有异议，请自收到本函之日起{{ letter.deadline_days }}日内与本所律师联系。")
    b.tag("{%p else %}")
    b.para("本所律师特此函告：请贵方自收到本函之日起{{ letter.deadline_days }}日内，"
           "向委托人支付上述款项合计人民币{{ claim.total }}元（大写：{{ claim.total_upper }}）。"
           "如对欠款金额有异议，或确有付款困难需协商还款安排，请在上述期限内与本所律师联系。")
    b.tag("{%p endif %}")
    b.para("如贵方逾期仍未履行，本所将根据委托人的授权，依法通过提起诉讼、申请财产保全等法律途径维护委托人的合法权益，"
           "由此产生的诉讼费、保全费等费用将依法由贵方承担。")
    b.para("本函旨在依法维护委托人的合法权益，望贵方重视并妥善处理。")
    b.tag("{%p if evidence %}")
    b.para("附件：", indent=False)
    b.tag("{%p for e in evidence %}")
    b.para("{{ e.number }}. {{ e.title }}（复印件）")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    b.blank()
    b.right("{{ firm.name }}（盖章）", "经办律师：{{ lawyer.name }}", "{{ today }}")
    b.para("联系人：{{ lawyer.name }}律师　电话：{{ firm.phone }}", indent=False)
    b.para("地址：{{ firm.address }}", indent=False)
    return b
