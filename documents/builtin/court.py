"""Court filings: 民事起诉状 (要素式, sale-of-goods and loan variants), 财产保全申请书, 强制执行申请书."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents.docx import DocBuilder

PARTY_COMPANY_OR_PERSON = (
    "名称/姓名：{{ %(p)s.name }}\n"
    "{%% if %(p)s.is_company %%}住所地（主要办事机构所在地）{%% else %%}住所{%% endif %%}：{{ %(p)s.address }}\n"
    "{%% if %(p)s.is_company %%}法定代表人：{{ %(p)s.legal_representative }}{%% else %%}自然人{%% endif %%}\n"
    "{{ %(p)s.id_label }}：{{ %(p)s.id_number }}"
)


def _party(prefix: str) -> str:
    return PARTY_COMPANY_OR_PERSON % {"p": prefix}


CLIENT_PARTY = ("名称：{{ client.name }}\n住所地（主要办事机构所在地）：{{ client.address }}\n"
                "法定代表人：{{ client.legal_representative }}\n统一社会信用代码：{{ client.uscc }}")
AGENT = ("有 ☑　姓名：{{ lawyer.name }}\n单位：{{ firm.name }}　职务：律师　联系电话：{{ firm.phone }}\n"
         "代理权限：{{ mandate.authority }}{% if mandate.is_special %}（{{ mandate.special_powers_text }}）{% endif %}")
GUARANTORS = ("{% if matter.has_guarantors %}{% for g in guarantors %}{{ g.name }}（{{ g.id_label }}：{{ g.id_number }}；"
              "{% if g.is_company %}法定代表人：{{ g.legal_representative }}；{% endif %}住所：{{ g.address }}）"
              "{% if not loop.last %}；{% endif %}{% endfor %}{% else %}无{% endif %}")
DEMANDS = ("{% if demands %}{% for d in demands %}{{ d.sent_on }}发出律师函{{ d.letter_number }}，送达日期："
           "{{ d.delivered_on }}{% if not loop.last %}；{% endif %}{% endfor %}{% else %}未发出书面催告{% endif %}")


def _evidence_table(b: DocBuilder) -> None:
    b.heading("证据清单")
    b.table([["序号", "证据名称", "类别", "证明目的"]], widths_mm=(14, 52, 22, 68),
            loop=("for e in evidence", ["{{ e.number }}", "{{ e.title }}", "{{ e.category }}", "{{ e.purpose }}"]))


def _signature(b: DocBuilder, who: str, court: str) -> None:
    b.para("此致", indent=False)
    b.para(court, indent=False)
    b.blank()
    b.right(f"{who}（签字、盖章）：{{{{ client.name }}}}", "{{ today }}")


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
            ("被告（担保人）", GUARANTORS),
        ]),
        ("诉讼请求和依据", [
            ("1. 本金", "截至{{ claim.as_of }}，尚欠本金{{ claim.principal }}元（人民币{{ claim.principal_upper }}）"),
            ("2. 利息（违约金）",
             "{% if claim.has_interest %}截至{{ claim.as_of }}，欠利息（违约金）{{ claim.interest }}元（人民币"
             "{{ claim.interest_upper }}）；计算方式：自{{ claim.interest_start }}起，{{ claim.interest_method }}，"
             "{{ claim.interest_basis }}{% if claim.lpr_note %}（{{ claim.lpr_note }}）{% endif %}，暂计至{{ claim.as_of }}，"
             "此后继续计算至实际清偿之日止{% else %}不主张{% endif %}"),
            ("3. 是否要求担保人承担担保责任",
             "{% if matter.has_guarantors %}是 ☑　请求判令担保人对上述债务承担连带清偿责任{% else %}否 ☑{% endif %}"),
            ("4. 实现债权的费用",
             "{% if claim.has_costs %}{{ claim.costs }}元（人民币{{ claim.costs_upper }}）{% else %}无{% endif %}"),
            ("5. 其他请求", "本案诉讼费、保全费等诉讼费用由被告承担"),
            ("6. 标的总额", "{{ claim.total }}元（人民币{{ claim.total_upper }}）"),
            ("7. 请求依据",
             "{% if matter.is_loan %}《中华人民共和国民法典》第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条"
             "{% else %}《中华人民共和国民法典》{{ matter.articles }}{% endif %}"
             "{% if matter.has_guarantors %}、第六百八十一条、第六百八十八条{% endif %}"),
        ]),
        ("约定管辖和诉讼保全", [
            ("1. 有无仲裁、法院管辖约定", "依合同约定或法律规定，由{{ lawsuit.court }}管辖"),
            ("2. 是否已经诉前保全",
             "{% if preservation.pre_suit %}是 ☑　已申请诉前财产保全{% else %}否 ☑{% endif %}"),
        ]),
        ("事实与理由", [
            ("{%tr if matter.is_loan %}", None),
            ("1. 借款合同签订情况（名称、编号、签订时间、地点）", "{{ matter.description }}"),
            ("2. 借款金额", "{{ claim.original_principal }}元（人民币{{ claim.original_principal_upper }}）"),
            ("3. 借款期限及还款方式", "借款应于{{ matter.due_date }}前清偿"),
            ("4. 借款利率", "{% if claim.has_interest %}{{ claim.interest_method }}{% else %}无约定{% endif %}"),
            ("5. 逾期及欠款情况", "截至{{ claim.as_of }}，被告已还款{{ claim.recovered }}元，尚欠本金{{ claim.principal }}元，"
                                 "已构成逾期"),
            ("6. 担保情况", GUARANTORS),
            ("7. 催收情况", DEMANDS),
            ("{%tr else %}", None),
            ("1. 合同签订及履行情况", "{{ matter.description }}"),
            ("2. 价款及付款期限", "{{ matter.debt_name }}共计{{ claim.original_principal }}元（人民币"
                                 "{{ claim.original_principal_upper }}），应于{{ matter.due_date }}前付清"),
            ("3. 欠款情况", "截至{{ claim.as_of }}，被告已付款{{ claim.recovered }}元，尚欠{{ matter.debt_name }}"
                           "{{ claim.principal }}元"),
            ("4. 逾期付款利息（违约金）的约定或依据",
             "{% if claim.has_interest %}{{ claim.interest_method }}{% else %}不主张{% endif %}"),
            ("5. 担保情况", GUARANTORS),
            ("6. 催告情况", DEMANDS),
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
    b.para("请求依法冻结被申请人名下银行存款人民币{{ preservation.amount }}元（大写：{{ preservation.amount_upper }}），"
           "或查封、扣押其相应价值的其他财产。")
    b.heading("事实与理由")
    b.para("申请人与被申请人{{ matter.cause }}一案，{% if preservation.pre_suit %}申请人拟向有管辖权的人民法院提起诉讼"
           "{% else %}已由贵院受理{% if lawsuit.case_number %}（案号：{{ lawsuit.case_number }}）{% endif %}{% endif %}。"
           "截至{{ claim.as_of }}，被申请人尚欠申请人本金{{ claim.principal }}元{% if claim.has_interest or claim.has_costs %}，"
           "连同{% if claim.has_interest %}利息{% else %}实现债权的费用{% endif %}等合计{{ claim.total }}元"
           "（大写：{{ claim.total_upper }}）{% if claim.lpr_note %}，其中利息{{ claim.lpr_note }}{% endif %}"
           "{% else %}（大写：{{ claim.principal_upper }}）{% endif %}。")
    b.para("{{ matter.description }}")
    b.para("为防止被申请人转移、隐匿财产，致使将来生效判决难以执行，申请人依据《中华人民共和国民事诉讼法》"
           "{% if preservation.pre_suit %}第一百零四条{% else %}第一百零三条{% endif %}的规定，特向贵院申请财产保全。")
    b.heading("被申请人的财产线索")
    b.table([["序号", "类型", "财产", "估计价值（元）"]], widths_mm=(14, 28, 80, 34),
            loop=("for a in assets", ["{{ a.number }}", "{{ a.kind }}", "{{ a.description }}", "{{ a.value }}"]))
    b.heading("担保")
    b.para("{{ preservation.security }}，如因申请错误给被申请人造成损失，申请人愿依法承担赔偿责任。")
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
    b.para("{{ lawsuit.court }}于{{ lawsuit.decided_on }}作出的{{ lawsuit.case_number }}民事{{ lawsuit.decision }}书，"
           "已发生法律效力，履行期限已于{{ lawsuit.performance_due_on }}届满。")
    b.heading("请求事项")
    b.para("1. 请求强制被执行人履行生效法律文书确定的给付义务，支付人民币{{ enforcement.amount }}元"
           "（大写：{{ enforcement.amount_upper }}{% if enforcement.lpr_note %}；其中利息{{ enforcement.lpr_note }}"
           "{% endif %}）；")
    b.para("2. 请求强制被执行人加倍支付迟延履行期间的债务利息（按日万分之一点七五计算，自{{ lawsuit.performance_due_on }}"
           "次日起至实际履行之日止）；")
    b.para("3. 本案执行费用由被执行人负担。")
    b.heading("事实与理由")
    b.para("申请执行人与被执行人{{ matter.cause }}一案，经{{ lawsuit.court }}审理，已作出上述生效法律文书。被执行人在履行"
           "期限届满后未履行给付义务。申请执行人依据《中华人民共和国民事诉讼法》第二百四十七条、第二百五十条的规定，"
           "在法定期限内向贵院申请强制执行。")
    b.heading("被执行人的财产线索")
    b.table([["序号", "类型", "财产", "估计价值（元）"]], widths_mm=(14, 28, 80, 34),
            loop=("for a in assets", ["{{ a.number }}", "{{ a.kind }}", "{{ a.description }}", "{{ a.value }}"]))
    _signature(b, "申请执行人", "{{ enforcement.court }}")
    return b
