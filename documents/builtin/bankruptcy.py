"""债权申报书: the claim a creditor declares to the administrator of a bankrupt debtor (企业破产法第四十九条: the
amount, whether it is secured, and the evidence). The amounts are as at the day the court accepted the bankruptcy
application, when interest stopped (第四十六条); the creditor's own account receives the distributions."""

from documents.docx import DocBuilder


def bankruptcy_claim() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("债权申报书")
    b.para("致：{{ debtor.name }}管理人（{{ bankruptcy.administrator_name }}）", indent=False, bold=True)
    b.tag("{%p if bankruptcy.administrator_address or bankruptcy.administrator_contact %}")
    b.para("{% if bankruptcy.administrator_address %}管理人地址：{{ bankruptcy.administrator_address }}{% endif %}"
           "{% if bankruptcy.administrator_address and bankruptcy.administrator_contact %}　{% endif %}"
           "{% if bankruptcy.administrator_contact %}联系人及电话：{{ bankruptcy.administrator_contact }}{% endif %}",
           indent=False)
    b.tag("{%p endif %}")
    b.para("债权人：{{ client.name }}，住所地：{{ client.address }}，统一社会信用代码：{{ client.uscc }}，"
           "法定代表人：{{ client.legal_representative }}。", indent=False)
    b.para("委托代理人：{{ lawyer.name }}，{{ firm.name }}律师，联系电话：{{ firm.phone }}。", indent=False)
    b.para("债务人：{{ debtor.name }}，{{ debtor.id_label }}：{{ debtor.id_number }}。", indent=False)
    b.para("{{ bankruptcy.court }}于{{ bankruptcy.accepted_on }}裁定受理债务人破产申请"
           "{% if bankruptcy.case_number %}（案号：{{ bankruptcy.case_number }}）{% endif %}。债权人依照《中华人民共和国"
           "企业破产法》第四十四条、第四十八条、第四十九条的规定，向管理人申报债权如下：")

    b.heading("一、申报债权金额（计算至破产申请受理之日{{ bankruptcy.accepted_on }}）")
    b.para("1. 本金：人民币{{ bankruptcy.principal }}元（大写：{{ bankruptcy.principal_upper }}）；")
    b.para("2. 利息：{% if bankruptcy.has_interest %}人民币{{ bankruptcy.interest }}元（大写：{{ bankruptcy.interest_upper }}），"
           "{{ bankruptcy.interest_period }}，{{ bankruptcy.interest_method }}，{{ bankruptcy.interest_basis }}；"
           "依《中华人民共和国企业破产法》第四十六条，自破产申请受理之日起停止计息{% else %}不申报{% endif %}；")
    b.para("3. 实现债权的费用：{% if bankruptcy.has_costs %}人民币{{ bankruptcy.costs }}元（大写：{{ bankruptcy.costs_upper }}）"
           "{% else %}无{% endif %}。")
    b.para("申报债权总额：人民币{{ bankruptcy.total }}元（大写：{{ bankruptcy.total_upper }}）"
           "{% if bankruptcy.has_recovered %}，已扣除受理前收回的{{ bankruptcy.recovered }}元（依《中华人民共和国民法典》"
           "第五百六十一条先抵充费用，再抵充利息，最后抵充本金）{% endif %}。", bold=True)

    b.heading("二、有无财产担保")
    b.para("{% if bankruptcy.secured %}☑ 有财产担保　☐ 无财产担保。本债权人对担保财产享有优先受偿的权利（《中华人民共和国"
           "企业破产法》第一百零九条），担保合同及权利凭证见证据清单。{% else %}☐ 有财产担保　☑ 无财产担保，"
           "本债权为普通债权。{% endif %}")
    b.tag("{%p if matter.has_guarantors %}")
    b.para("另：本债权有保证人{% for g in guarantors %}{{ g.name }}{% if not loop.last %}、{% endif %}{% endfor %}，"
           "债权人就未受清偿部分保留向保证人追偿的权利（《中华人民共和国企业破产法》第一百二十四条）。")
    b.tag("{%p endif %}")

    b.heading("三、债权发生的事实与依据")
    b.para("{{ matter.description }}")
    b.para("截至破产申请受理之日，债务人尚欠上述款项未予清偿。{{ bankruptcy.judgment }}")
    b.para("依据《中华人民共和国民法典》{% if matter.is_loan %}第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条"
           "{% else %}{{ matter.articles }}{% endif %}的规定，债务人应当向债权人清偿上述债务。")

    b.heading("四、证据清单")
    b.table([["序号", "证据名称", "类别", "证明目的"]], widths_mm=(14, 52, 22, 68),
            loop=("for e in evidence", ["{{ e.number }}", "{{ e.title }}", "{{ e.category }}", "{{ e.purpose }}"]))

    b.heading("五、分配款收款账户")
    b.para("户名：{{ client.name }}；开户银行：{{ client.bank_name }}；账号：{{ client.bank_account }}。")
    b.para("债权人保证以上申报内容及所附证据真实、完整，如有不实，愿承担相应的法律责任。")

    b.para("此致", indent=False)
    b.para("{{ debtor.name }}管理人", indent=False)
    b.blank()
    b.right("债权人（盖章）：{{ client.name }}", "法定代表人（签字）：{{ client.legal_representative }}",
            "委托代理人：{{ lawyer.name }}", "{{ today }}")
    return b
