"""律师函 (demand letter): title and number, recipient, instructing client, facts and legal basis, the demand with
a deadline, consequences, signature, date, contact details, attachments. Firm, polite, no threats."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.docx import HEADING_FONT, SIZE, DocBuilder


def demand_letter() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    p = b._para(align=WD_ALIGN_PARAGRAPH.CENTER, line=1.2)
    b.run(p, "{{ firm.name }}", font=HEADING_FONT, size=SIZE["小二"])
    b.title("律 师 函")
    b.subtitle("{{ letter.number }}")
    b.para("致：{{ debtor.name }}", indent=False, bold=True)
    b.para("地址：{{ debtor.address }}", indent=False)
    b.para("{{ debtor.name }}：", indent=False, bold=True)
    b.para("{{ firm.name }}（以下简称“本所”）接受{{ client.name }}（以下简称“委托人”）的委托，指派"
           "{{ lawyer.name }}律师，就贵方拖欠委托人款项一事，郑重致函如下：")
    b.heading("一、基本事实")
    b.para("{{ matter.description }}")
    b.para("截至{{ claim.as_of }}，贵方尚欠委托人本金人民币{{ claim.principal }}元（大写：{{ claim.principal_upper }}）。")
    b.tag("{%p if claim.has_interest %}")
    b.para("依照约定及法律规定，贵方还应自{{ claim.interest_start }}起支付逾期付款利息，计算方法为："
           "{{ claim.interest_method }}，暂计至{{ claim.as_of }}为人民币{{ claim.interest }}元"
           "（大写：{{ claim.interest_upper }}{% if claim.lpr_note %}；{{ claim.lpr_note }}{% endif %}）。")
    b.tag("{%p endif %}")
    b.heading("二、法律依据")
    b.para("根据《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百七十九条的规定，当事人应当按照约定全面履行"
           "自己的义务；当事人一方未支付价款、报酬、租金、利息，或者不履行其他金钱债务的，对方可以请求其支付。"
           "贵方逾期未付款，已构成违约，应当承担继续履行、赔偿损失等违约责任。")
    b.heading("三、律师意见")
    b.para("本所律师特此函告：请贵方自收到本函之日起{{ letter.deadline_days }}日内，"
           "向委托人支付上述款项合计人民币{{ claim.total }}元（大写：{{ claim.total_upper }}）。"
           "如对欠款金额有异议，或确有付款困难需协商还款安排，请在上述期限内与本所律师联系。")
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
