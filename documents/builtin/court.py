"""Court filings: 民事起诉状 (要素式, sale-of-goods and loan variants), 财产保全申请书, 强制执行申请书, 支付令申请书."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.docx import DocBuilder

# A company as the 要素式 form asks (名称、住所地、法定代表人、统一社会信用代码), a person likewise
# (姓名、性别、出生日期、民族、住址、公民身份号码).
PARTY_COMPANY_OR_PERSON = (
    "{%% if %(p)s.is_company %%}名称：{{ %(p)s.name }}\n"
    "住所地（主要办事机构所在地）：{{ %(p)s.address }}\n"
    "法定代表人：{{ %(p)s.legal_representative }}\n"
    "统一社会信用代码：{{ %(p)s.id_number }}"
    "{%% else %%}姓名：{{ %(p)s.name }}\n"
    "性别：{{ %(p)s.gender }}　出生日期：{{ %(p)s.birth_date }}　民族：{{ %(p)s.ethnicity }}\n"
    "住址：{{ %(p)s.address }}\n"
    "公民身份号码：{{ %(p)s.id_number }}{%% endif %%}"
)


def _party(prefix: str) -> str:
    return PARTY_COMPANY_OR_PERSON % {"p": prefix}


CLIENT_PARTY = ("名称：{{ client.name }}\n住所地（主要办事机构所在地）：{{ client.address }}\n"
                "法定代表人：{{ client.legal_representative }}"
                "{% if client.legal_representative_title %}　职务：{{ client.legal_representative_title }}{% endif %}\n"
                "统一社会信用代码：{{ client.uscc }}")
AGENT = ("有 ☑　姓名：{{ lawyer.name }}\n单位：{{ firm.name }}　职务：律师　联系电话：{{ firm.phone }}\n"
         "代理权限：{{ mandate.authority }}{% if mandate.is_special %}（{{ mandate.special_powers_text }}）{% endif %}")
# Each guarantor as a party of the complaint: a company with its representative, a person with the particulars.
GUARANTOR_PARTIES = ("{% if matter.has_guarantors %}{% for g in guarantors %}{{ g.name }}（{{ g.guarantee_kind }}人；"
                     "{% if g.is_company %}统一社会信用代码：{{ g.id_number }}；法定代表人：{{ g.legal_representative }}；"
                     "住所地：{{ g.address }}{% else %}性别：{{ g.gender }}；出生日期：{{ g.birth_date }}；"
                     "民族：{{ g.ethnicity }}；住址：{{ g.address }}；公民身份号码：{{ g.id_number }}{% endif %}）"
                     "{% if not loop.last %}；{% endif %}{% endfor %}{% else %}无{% endif %}")
# The facts of each guarantee: its kind, its contract and its period.
GUARANTEE_FACTS = ("{% if matter.has_guarantors %}{% for g in guarantors %}{{ g.name }}为被告{{ debtor.name }}的上述债务"
                   "提供{{ g.guarantee_kind }}{% if g.contract %}（{{ g.contract }}）{% endif %}"
                   "{% if g.period_ends_on %}，保证期间至{{ g.period_ends_on }}届满{% endif %}"
                   "{% if not loop.last %}；{% endif %}{% endfor %}{% else %}无{% endif %}")
# A joint guarantor answers for the whole debt with the debtor (民法典第六百八十八条); a general one only for what
# enforcement against the debtor's property leaves unpaid (第六百八十七条; 担保制度解释第二十六条), and is sued only
# together with the debtor, who is always a defendant here.
GUARANTEE_CLAIMS = ("{% if matter.has_guarantors %}是 ☑　{% for g in guarantors %}请求判令被告{{ g.name }}"
                    "{% if g.is_joint %}对上述债务承担连带清偿责任{% else %}对上述债务在被告{{ debtor.name }}财产依法强制执行后"
                    "仍不能履行的部分承担保证责任{% endif %}{% if not loop.last %}；{% endif %}{% endfor %}"
                    "{% else %}否 ☑{% endif %}")
DEMANDS = ("{% if demands %}{% for d in demands %}{{ d.sent_on }}发出律师函{{ d.letter_number }}，送达日期："
           "{{ d.delivered_on }}{% if not loop.last %}；{% endif %}{% endfor %}{% else %}未发出书面催告{% endif %}")


def _evidence_table(b: DocBuilder) -> None:
    b.heading("证据清单")
    b.table([["序号", "证据名称", "类别", "证据来源", "证明目的"]], widths_mm=(12, 42, 18, 26, 58),
            loop=("for e in evidence", ["{{ e.number }}", "{{ e.title }}", "{{ e.category }}", "{{ e.source }}",
                                        "{{ e.purpose }}"]))


def _signature(b: DocBuilder, who: str, court: str) -> None:
    """The company's seal and its legal representative's signature, then the date."""
    b.para("此致", indent=False)
    b.para(court, indent=False)
    b.blank()
    b.right(f"{who}（盖章）：{{{{ client.name }}}}", "法定代表人（签字）：", "{{ today }}")


def complaint() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("民事起诉状")
    p = b._para(align=WD_ALIGN_PARAGRAPH.CENTER)
    b.run(p, "（{{ matter.cause }}）")
    b.para("说明：本起诉状按要素式填写，所填内容须真实、准确；带“☑”的选项为本案适用的选项。", indent=False)
    b.section_row_table([
        ("当事人信息", [
            ("原告（法人、非法人组织）", CLIENT_PARTY),
            ("委托诉讼代理人", AGENT),
            ("送达地址（除书面声明更改外，适用于本案所有后续程序）及收件人、联系电话",
             "地址：{{ firm.address }}\n收件人：{{ lawyer.name }}\n联系电话：{{ firm.phone }}"),
            ("是否接受电子送达", "是 ☑　电子邮箱：{{ lawyer.email }}"),
            ("被告", _party("debtor")),
            ("被告（担保人）", GUARANTOR_PARTIES),
        ]),
        ("诉讼请求和依据", [
            ("1. 本金", "截至{{ claim.as_of }}，尚欠本金{{ claim.principal }}元（人民币{{ claim.principal_upper }}）"),
            ("2. 利息（违约金）",
             "{% if claim.has_interest %}截至{{ claim.as_of }}，欠利息（违约金）{{ claim.interest }}元（人民币"
             "{{ claim.interest_upper }}）；计算方式：自{{ claim.interest_start }}起，{{ claim.interest_method }}，"
             "{{ claim.interest_basis }}{% if claim.lpr_note %}（{{ claim.lpr_note }}）{% endif %}，暂计至{{ claim.as_of }}，"
             "此后继续计算至实际清偿之日止{% else %}不主张{% endif %}"),
            ("3. 是否要求担保人承担担保责任",
             GUARANTEE_CLAIMS),
            ("4. 实现债权的费用",
             "{% if claim.has_costs %}{{ claim.costs }}元（人民币{{ claim.costs_upper }}）{% else %}无{% endif %}"),
            ("5. 其他请求",
             "{% if claim.priority_claimed %}请求确认原告就案涉工程折价或者拍卖的价款在尚欠工程款{{ claim.principal }}元"
             "（人民币{{ claim.principal_upper }}）范围内享有优先受偿权；{% endif %}本案诉讼费、保全费等诉讼费用由被告承担"),
            ("6. 标的总额", "{{ claim.total }}元（人民币{{ claim.total_upper }}）"),
            ("7. 请求依据", "{{ matter.legal_basis }}"),
        ]),
        ("约定管辖和诉讼保全", [
            ("1. 有无仲裁、法院管辖约定",
             "{% if matter.has_jurisdiction_clause %}有 ☑　{{ matter.jurisdiction }}{% else %}无 ☑　"
             "{{ matter.jurisdiction }}{% endif %}；本案由{{ lawsuit.court }}管辖"),
            ("2. 是否已经诉前保全",
             "{% if preservation.pre_suit %}是 ☑　已申请诉前财产保全{% else %}否 ☑{% endif %}"),
        ]),
        ("事实与理由", [
            ("{%tr if matter.is_loan %}", None),
            ("1. 借款合同签订情况（名称、编号、签订时间、地点）", "{{ matter.description }}"),
            ("2. 借款金额", "{{ claim.original_principal }}元（人民币{{ claim.original_principal_upper }}）"),
            ("3. 借款期限及还款方式", "借款应于{{ matter.due_date }}前清偿"),
            ("4. 借款利率", "{% if claim.has_interest %}{{ claim.interest_method }}{% else %}无约定{% endif %}"),
            ("5. 逾期及欠款情况", "截至{{ claim.as_of }}，{{ claim.payments_applied }}，尚欠本金{{ claim.principal }}元，"
                                 "已构成逾期"),
            ("6. 担保情况", GUARANTEE_FACTS),
            ("7. 催收情况", DEMANDS),
            ("{%tr else %}", None),
            ("1. 合同签订及履行情况", "{{ matter.description }}"),
            ("2. 价款及付款期限", "{{ matter.debt_name }}共计{{ claim.original_principal }}元（人民币"
                                 "{{ claim.original_principal_upper }}），应于{{ matter.due_date }}前付清"),
            ("3. 欠款情况", "截至{{ claim.as_of }}，{{ claim.payments_applied }}，尚欠{{ matter.debt_name }}"
                           "{{ claim.principal }}元"),
            ("4. 逾期付款利息（违约金）的约定或依据",
             "{% if claim.has_interest %}{{ claim.interest_method }}{% else %}不主张{% endif %}"),
            ("5. 担保情况", GUARANTEE_FACTS),
            ("6. 催告情况", DEMANDS),
            ("{%tr if claim.priority_claimed %}", None),
            ("7. 建设工程价款优先受偿权",
             "原告的建设工程价款优先受偿权自被告应当给付工程价款之日起算，行使期限至{{ claim.priority_until }}届满，原告在该期限内"
             "起诉主张，依照《中华人民共和国民法典》第八百零七条的规定，原告有权就该工程折价或者拍卖的价款优先受偿"),
            ("{%tr endif %}", None),
            ("{%tr endif %}", None),
        ]),
        ("调解意愿", [
            ("是否愿意调解", "是 ☑　原告愿意在法院主持下就还款期限、方式等进行调解"),
        ]),
    ])
    _evidence_table(b)
    b.tag("{%p if claim.has_interest %}")
    b.heading("附：利息计算明细")
    b.table([["起始日", "截止日", "天数", "年利率（%）", "计息本金（元）", "利息（元）"]],
            widths_mm=(30, 30, 14, 20, 32, 30),
            loop=("for s in segments", ["{{ s.start }}", "{{ s.end }}", "{{ s.days }}", "{{ s.rate }}",
                                        "{{ s.principal }}", "{{ s.amount }}"]),
            total=["合计", "", "", "", "", "{{ claim.interest_accrued }}"])
    b.para("计算方法：{{ claim.interest_method }}；{{ claim.interest_basis }}"
           "{% if claim.lpr_note %}；{{ claim.lpr_note }}{% endif %}。")
    b.tag("{%p endif %}")
    _signature(b, "具状人", "{{ lawsuit.court }}")
    return b


def _guarantor_respondents(b: DocBuilder, role: str) -> None:
    """A respondent line for each guarantor, as for the debtor: a company with its legal representative."""
    b.tag("{%p for g in guarantors %}")
    b.para(role + "：{{ g.name }}，{% if g.is_company %}住所地{% else %}住所{% endif %}：{{ g.address }}，"
           "{{ g.id_label }}：{{ g.id_number }}{% if g.is_company %}，法定代表人：{{ g.legal_representative }}"
           "{% endif %}。", indent=False)
    b.tag("{%p endfor %}")


def preservation_application() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("财产保全申请书")
    b.para("申请人：{{ client.name }}，住所地：{{ client.address }}，统一社会信用代码：{{ client.uscc }}，"
           "法定代表人：{{ client.legal_representative }}。", indent=False)
    b.para("送达地址：{{ firm.address }}（{{ firm.name }}，收件人：{{ lawyer.name }}，电话：{{ firm.phone }}）。", indent=False)
    b.para("被申请人：{{ debtor.name }}，{% if debtor.is_company %}住所地{% else %}住所{% endif %}：{{ debtor.address }}，"
           "{{ debtor.id_label }}：{{ debtor.id_number }}{% if debtor.is_company %}，法定代表人："
           "{{ debtor.legal_representative }}{% endif %}。", indent=False)
    _guarantor_respondents(b, "被申请人")
    b.heading("请求事项")
    b.para("请求依法{{ preservation.measures }}，保全金额以人民币{{ preservation.amount }}元"
           "（大写：{{ preservation.amount_upper }}）为限。")
    b.heading("事实与理由")
    b.para("申请人与被申请人{{ matter.cause }}一案，{% if preservation.pre_suit %}申请人拟向有管辖权的人民法院提起诉讼"
           "{% else %}已由贵院受理{% if lawsuit.case_number %}（案号：{{ lawsuit.case_number }}）{% endif %}{% endif %}。"
           "截至{{ claim.as_of }}，被申请人尚欠申请人本金{{ claim.principal }}元{% if claim.has_interest or claim.has_costs %}，"
           "连同{% if claim.has_interest %}利息（自{{ claim.interest_start }}起，{{ claim.interest_method }}）{% else %}"
           "实现债权的费用{% endif %}等合计{{ claim.total }}元"
           "（大写：{{ claim.total_upper }}）{% if claim.lpr_note %}，其中利息{{ claim.lpr_note }}{% endif %}"
           "{% else %}（大写：{{ claim.principal_upper }}）{% endif %}。")
    b.para("{{ matter.description }}")
    b.para("{% if preservation.pre_suit %}情况紧急，不立即申请保全将会使申请人的合法权益受到难以弥补的损害。"
           "为防止被申请人转移、隐匿财产，申请人依据《中华人民共和国民事诉讼法》第一百零四条的规定，在提起诉讼前向贵院申请财产保全。"
           "{% else %}为防止被申请人转移、隐匿财产，致使将来生效判决难以执行，申请人依据《中华人民共和国民事诉讼法》第一百零三条的规定，"
           "特向贵院申请财产保全。{% endif %}")
    b.heading("被申请人的财产线索")
    b.table([["序号", "类型", "财产", "估计价值（元）"]], widths_mm=(14, 28, 80, 34),
            loop=("for a in assets", ["{{ a.number }}", "{{ a.kind }}", "{{ a.description }}", "{{ a.value }}"]))
    b.heading("担保")
    b.para("{% if preservation.names_security %}由申请人以{{ preservation.insurer }}出具的诉讼财产保全责任保险保函"
           "（保函/保单号：{{ preservation.policy_number }}）提供担保{% else %}{{ preservation.security }}{% endif %}，"
           "如因申请错误给被申请人造成损失，申请人愿依法承担赔偿责任。")
    _signature(b, "申请人", "{{ preservation.court }}")
    return b


def enforcement_application() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("强制执行申请书")
    b.para("申请执行人：{{ client.name }}，住所地：{{ client.address }}，统一社会信用代码：{{ client.uscc }}，"
           "法定代表人：{{ client.legal_representative }}。", indent=False)
    b.para("委托代理人：{{ lawyer.name }}，{{ firm.name }}律师，联系电话：{{ firm.phone }}。", indent=False)
    b.para("被执行人：{{ debtor.name }}，{% if debtor.is_company %}住所地{% else %}住所{% endif %}：{{ debtor.address }}，"
           "{{ debtor.id_label }}：{{ debtor.id_number }}{% if debtor.is_company %}，法定代表人："
           "{{ debtor.legal_representative }}{% endif %}。", indent=False)
    _guarantor_respondents(b, "被执行人")
    b.heading("执行依据")
    b.para("{{ lawsuit.court }}于{{ lawsuit.decided_on }}作出的{{ lawsuit.case_number }}{{ lawsuit.document_name }}，"
           "已于{{ lawsuit.effective_on }}发生法律效力，履行期限已于{{ lawsuit.performance_due_on }}届满。"
           "该{{ lawsuit.document_name }}主文如下：")
    b.tag("{%p for j in judgment_lines %}")
    b.para("{{ j.text }}")
    b.tag("{%p endfor %}")
    b.heading("请求事项")
    b.para("1. 请求强制被执行人履行生效法律文书确定的给付义务，支付人民币{{ enforcement.amount }}元"
           "（大写：{{ enforcement.amount_upper }}{% if enforcement.lpr_note %}；其中利息{{ enforcement.lpr_note }}"
           "{% endif %}）；")
    b.tag("{%p if lawsuit.has_figures %}")
    b.para("生效法律文书确定的金钱债务为：本金{{ lawsuit.awarded_principal }}元（大写：{{ lawsuit.awarded_principal_upper }}）"
           "{% if lawsuit.has_awarded_interest %}；利息{{ lawsuit.awarded_interest }}元（大写：{{ lawsuit.awarded_interest_upper }}）"
           "{% if lawsuit.interest_awarded_to %}，计至{{ lawsuit.interest_awarded_to }}{% endif %}{% endif %}"
           "{% if lawsuit.interest_continues %}，此后的利息继续计算至实际清偿之日止{% endif %}"
           "{% if lawsuit.has_awarded_costs %}；由被执行人负担的案件受理费等诉讼费用{{ lawsuit.awarded_costs }}元"
           "（大写：{{ lawsuit.awarded_costs_upper }}）{% endif %}；以上扣除被执行人已履行的部分。")
    b.tag("{%p endif %}")
    b.para("2. 请求强制被执行人加倍支付迟延履行期间的债务利息（以生效法律文书确定的金钱债务为基数，"
           "自{{ lawsuit.late_from }}起至实际履行之日止按日万分之一点七五计算"
           "{% if lawsuit.has_late_interest %}，暂计至{{ lawsuit.late_as_of }}为{{ lawsuit.late_interest }}元"
           "（大写：{{ lawsuit.late_interest_upper }}）{% endif %}）；")
    b.para("3. 本案执行费用由被执行人负担。")
    b.heading("事实与理由")
    b.para("申请执行人与被执行人{{ matter.cause }}一案，经{{ lawsuit.court }}审理，已作出上述生效法律文书。被执行人在履行"
           "期限届满后未履行给付义务。申请执行人依据《中华人民共和国民事诉讼法》"
           "{% if lawsuit.is_award %}第二百四十八条{% else %}第二百四十七条{% endif %}、第二百五十条的规定，"
           "在法定期限内向贵院申请强制执行。")
    b.heading("被执行人的财产线索")
    b.table([["序号", "类型", "财产", "估计价值（元）"]], widths_mm=(14, 28, 80, 34),
            loop=("for a in assets", ["{{ a.number }}", "{{ a.kind }}", "{{ a.description }}", "{{ a.value }}"]))
    _signature(b, "申请执行人", "{{ enforcement.court }}")
    return b


def _applicant_and_respondent(b: DocBuilder) -> None:
    b.para("申请人：{{ client.name }}，住所地：{{ client.address }}，统一社会信用代码：{{ client.uscc }}。", indent=False)
    b.para("法定代表人：{{ client.legal_representative }}。", indent=False)
    b.para("委托代理人：{{ lawyer.name }}，{{ firm.name }}律师，联系电话：{{ firm.phone }}。", indent=False)
    b.para("送达地址：{{ firm.address }}（{{ firm.name }}，收件人：{{ lawyer.name }}）。", indent=False)
    b.para("被申请人：{{ debtor.name }}，{% if debtor.is_company %}住所地{% else %}住所{% endif %}：{{ debtor.address }}，"
           "{{ debtor.id_label }}：{{ debtor.id_number }}。", indent=False)
    b.tag("{%p if debtor.is_company %}")
    b.para("法定代表人：{{ debtor.legal_representative }}。", indent=False)
    b.tag("{%p endif %}")


def _money_claims(b: DocBuilder, verb: str) -> None:
    """The claim items: principal, interest with its basis, costs, the total and the fees of the procedure."""
    b.para(f"1. {verb}支付{{{{ matter.debt_name }}}}人民币{{{{ claim.principal }}}}元（大写：{{{{ claim.principal_upper }}}}）；")
    b.tag("{%p if claim.has_interest %}")
    b.para(f"2. {verb}支付逾期付款利息（违约金）人民币{{{{ claim.interest }}}}元（大写：{{{{ claim.interest_upper }}}}），"
           "计算方式：自{{ claim.interest_start }}起，{{ claim.interest_method }}，{{ claim.interest_basis }}，"
           "暂计至{{ claim.as_of }}，此后继续计算至实际清偿之日止；")
    b.tag("{%p endif %}")
    b.tag("{%p if claim.has_costs %}")
    b.para("{% if claim.has_interest %}3{% else %}2{% endif %}. " + f"{verb}支付实现债权的费用人民币{{{{ claim.costs }}}}元（大写：{{{{ claim.costs_upper }}}}）；")
    b.tag("{%p endif %}")
    b.para("以上合计人民币{{ claim.total }}元（大写：{{ claim.total_upper }}），暂计至{{ claim.as_of }}。")


def payment_order_application() -> DocBuilder:
    """支付令申请书 (民诉法 第二百二十五条): only for a due money debt, with no other dispute between the parties and
    an order that can be served on the debtor; the application says so in so many words."""
    b = DocBuilder(body_size="小四")
    b.title("支付令申请书")
    _applicant_and_respondent(b)
    b.heading("请求事项")
    b.para("请求贵院依法向被申请人发出支付令，督促被申请人在收到支付令之日起十五日内向申请人清偿下列债务：")
    _money_claims(b, "")
    b.para("申请费由被申请人负担。")
    b.heading("事实与理由")
    b.para("申请人与被申请人之间存在{{ matter.relationship }}。{{ matter.description }}")
    b.para("依双方约定，被申请人应于{{ matter.due_date }}前付清{{ matter.debt_name }}{{ claim.original_principal }}元。"
           "截至{{ claim.as_of }}，被申请人已付款{{ claim.recovered }}元，尚欠{{ matter.debt_name }}{{ claim.principal }}元"
           "未付。该债务履行期限已经届满，数额确定，系到期的金钱债务。")
    b.para("本案债权人与债务人没有其他债务纠纷，支付令能够送达债务人（送达地址：{{ debtor.address }}）。")
    b.para("为此，申请人依据《中华人民共和国民事诉讼法》第二百二十五条的规定，向贵院申请支付令。")
    _evidence_table(b)
    _signature(b, "申请人", "{{ payment_order.court }}")
    return b
