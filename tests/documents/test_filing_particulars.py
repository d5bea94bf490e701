"""What the complaint and the preservation application state, read back from the generated .docx: the interest
basis in words, the cause and articles (民间借贷 or 金融借款, the construction priority), the parties' particulars,
the evidence's source and purpose, jurisdiction, how payments were applied (民法典第五百六十一条), the legal
representative and signature, and the preservation's measures, urgency and security."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from documents import services
from matters import services as matter_services
from matters.balances import matter_balance
from rules.identifiers import resident_id_particulars
from tests.documents.conftest import PDF_BYTES, TODAY, build_case, with_firm_details
from tests.documents.helpers import docx_text

pytestmark = pytest.mark.django_db

SALE_WORDS = ("以尚欠本金为基数，按违约行为发生时（2025年1月2日）一年期LPR 3.10%上浮30%即4.03%的年利率计算"
              "（《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第十八条第四款）")
STATUTORY_JURISDICTION = "依据《中华人民共和国民事诉讼法》第二十四条，因合同纠纷提起的诉讼，由被告住所地或者合同履行地人民法院管辖"


def text_of(people, matter, kind) -> str:
    with schema_context(people.firm.schema_name):
        document = services.document_generate(actor=people.lawyer, matter=matter, kind=kind, firm=people.firm)
        with document.file.open("rb") as handle:
            return docx_text(handle.read())


def case(people, **options):
    with_firm_details(people)
    with schema_context(people.firm.schema_name):
        return build_case(people, **options)


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


# --- interest basis ------------------------------------------------------------------------------------------


def test_every_filing_states_the_sale_basis_in_words(alpha, media_root):
    sale = case(alpha, matter_fields={"interest_type": "sale_lpr_markup", "lpr_markup": Decimal("30")})
    complaint = text_of(alpha, sale.matter, "complaint")
    assert SALE_WORDS in complaint
    assert "第十八条第四款" in section(complaint, "7. 请求依据", "约定管辖")
    letter = text_of(alpha, sale.matter, "demand_letter")
    assert SALE_WORDS in letter and "依照约定及法律规定" not in letter
    assert SALE_WORDS in text_of(alpha, sale.matter, "preservation_application")
    agreement = text_of(alpha, sale.matter, "repayment_agreement")
    assert "按违约行为发生时（2025年1月2日）一年期LPR 3.10%上浮30%即4.03%的年利率向甲方支付逾期利息" in agreement


def test_agreed_rate_and_lpr_multiple_are_stated_as_such(alpha, media_root):
    fixed = case(alpha)
    assert "以尚欠本金为基数，按合同约定的年利率6%计算" in text_of(alpha, fixed.matter, "demand_letter")
    multiple = case(alpha, matter_fields={"interest_type": "lpr", "lpr_multiplier": Decimal("1.5")})
    assert ("按同期全国银行间同业拆借中心公布的一年期贷款市场报价利率（LPR）的1.5倍计算"
            in text_of(alpha, multiple.matter, "complaint"))


# --- causes --------------------------------------------------------------------------------------------------


def test_loan_of_a_lender_that_is_no_financial_institution_is_private_lending(alpha, media_root):
    private = case(alpha, cause="loan")
    text = text_of(alpha, private.matter, "complaint")
    assert "（民间借贷纠纷）" in text and "金融借款" not in text
    basis = section(text, "7. 请求依据", "约定管辖")
    assert "第六百六十七条、第六百七十五条、第六百七十六条" in basis and "第六百七十四条" not in basis
    assert "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》" in basis


def test_loan_of_a_financial_institution_is_a_financial_loan(alpha, media_root):
    bank = case(alpha, cause="loan", client_fields={"is_financial_institution": True})
    text = text_of(alpha, bank.matter, "complaint")
    assert "（金融借款合同纠纷）" in text and "民间借贷" not in text
    assert "第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条" in section(text, "7. 请求依据", "约定管辖")


def test_private_loan_rate_above_four_times_the_lpr_is_warned_in_the_filing_context(alpha, media_root):
    from documents.selectors import matter_document_data, matter_for_documents
    from documents.template_context import build_context
    from matters.models import Matter

    usurious = case(alpha, cause="loan", matter_fields={"interest_rate": Decimal("24")})
    bank = case(alpha, cause="loan", client_fields={"is_financial_institution": True},
                matter_fields={"interest_rate": Decimal("24")})
    with schema_context(alpha.firm.schema_name):
        def warning(matter):
            loaded = matter_for_documents(Matter.objects.filter(pk=matter.pk)).get()
            return build_context(matter_document_data(loaded, firm=alpha.firm))[0]["claim"]["rate_warning"]

        # Due 2025-01-01: LPR 3.10%, four times 12.4%.
        assert "约定年利率24%超过" in warning(usurious.matter) and "12.4%" in warning(usurious.matter)
        assert warning(bank.matter) == ""


def test_construction_complaint_claims_the_priority_while_in_time(alpha, media_root):
    # Due 2025-01-01: 18 months end 2026-07-01; the suit was filed on 2026-02-20.
    in_time = case(alpha, cause="construction")
    text = text_of(alpha, in_time.matter, "complaint")
    assert "请求确认原告就案涉工程折价或者拍卖的价款在尚欠工程款" in text and "范围内享有优先受偿权" in text
    assert "第八百零七条" in section(text, "7. 请求依据", "约定管辖")
    assert "2026年7月1日" in text


def test_construction_complaint_out_of_time_does_not_claim_the_priority(alpha, media_root):
    # Due 2024-01-01: the 18 months ended on 2024-07-01, before the suit of 2026-02-20.
    late = case(alpha, cause="construction", matter_fields={"due_date": date(2024, 1, 1)})
    text = text_of(alpha, late.matter, "complaint")
    assert "优先受偿权" not in text and "第八百零七条" not in text
    assert "第七百九十九条" in text


# --- parties -------------------------------------------------------------------------------------------------


def test_natural_person_defendant_has_the_particulars_of_the_form(alpha, media_root):
    person = case(alpha, person_debtor=True)
    text = text_of(alpha, person.matter, "complaint")
    particulars = resident_id_particulars(person.debtor.id_number)
    born = particulars.birth_date
    gender = "男" if particulars.gender == "male" else "女"
    block = section(text, "被告\n", "被告（担保人）")
    assert "姓名：钱多多" in block
    assert f"性别：{gender}　出生日期：{born.year}年{born.month}月{born.day}日　民族：汉族" in block
    assert "住址：浙江省杭州市上城区解放路2号" in block and f"公民身份号码：{person.debtor.id_number}" in block
    assert "自然人" not in block and "法定代表人" not in block
    guarantor = section(text, "被告（担保人）", "诉讼请求和依据")
    assert "赵五（一般保证人；性别：" in guarantor and "民族：汉族" in guarantor and "公民身份号码：" in guarantor


def test_person_without_ethnicity_is_missing_data_for_the_complaint(alpha, media_root):
    person = case(alpha, person_debtor=True)
    with schema_context(alpha.firm.schema_name):
        matter_services.debtor_update(actor=alpha.partner, debtor=person.debtor, ethnicity="")
        with pytest.raises(services.MissingData) as caught:
            services.document_generate(actor=alpha.lawyer, matter=person.matter, kind="complaint", firm=alpha.firm)
    assert "debtor.ethnicity" in {item.field for item in caught.value.missing}


def test_plaintiff_representative_title_and_signature_line(alpha, media_root):
    titled = case(alpha, client_fields={"legal_representative_title": "董事长"})
    text = text_of(alpha, titled.matter, "complaint")
    assert "法定代表人：王建国　职务：董事长" in text
    assert "具状人（盖章）：上海申江贸易有限公司\n法定代表人（签字）：" in text
    untitled = text_of(alpha, case(alpha).matter, "complaint")
    assert "职务：董事长" not in untitled and "法定代表人：王建国\n" in untitled


# --- evidence, jurisdiction, payments --------------------------------------------------------------------------


def test_evidence_list_gives_source_and_purpose(alpha, media_root):
    with_source = case(alpha)
    with schema_context(alpha.firm.schema_name):
        matter_services.evidence_upload(actor=alpha.lawyer, matter=with_source.matter, category="transfer",
                                        title="银行回单", source="银行出具", purpose="证明被告于2025年6月1日付款1万元",
                                        file=SimpleUploadedFile("回单.pdf", PDF_BYTES))
    text = text_of(alpha, with_source.matter, "complaint")
    evidence = text.split("证据清单", 1)[1]
    assert "证据来源" in evidence and "证明目的" in evidence
    assert "银行出具" in evidence and "证明被告于2025年6月1日付款1万元" in evidence
    # Blank: the plaintiff's own, and the usual purpose of the category.
    assert "原告提供" in evidence and "证明双方之间存在合同关系及合同约定内容" in evidence


def test_evidence_source_and_purpose_through_the_api(alpha, beta, media_root):
    matter = case(alpha).matter
    response = alpha.client(alpha.lawyer).post("/api/v1/evidence/", {
        "matter": matter.pk, "category": "statement", "title": "对账单", "source": "双方签章",
        "purpose": "证明欠款金额", "file": SimpleUploadedFile("对账单.pdf", PDF_BYTES)})
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "双方签章" and response.json()["purpose"] == "证明欠款金额"
    # Another firm's matter is not found: nothing is stored on it.
    other = beta.client(beta.lawyer).post("/api/v1/evidence/", {
        "matter": matter.pk, "category": "statement", "source": "x", "file": SimpleUploadedFile("x.pdf", PDF_BYTES)})
    assert other.status_code in (400, 404)
    with schema_context(alpha.firm.schema_name):
        assert not matter.evidence_files.filter(source="x").exists()


def test_jurisdiction_states_the_clause_or_the_statutory_basis(alpha, media_root):
    agreed = case(alpha, matter_fields={"jurisdiction_clause": "合同第12条约定由原告住所地人民法院管辖"})
    row = section(text_of(alpha, agreed.matter, "complaint"), "有无仲裁、法院管辖约定", "是否已经诉前保全")
    assert "有 ☑　合同第12条约定由原告住所地人民法院管辖" in row and "第二十四条" not in row
    statutory = section(text_of(alpha, case(alpha).matter, "complaint"), "有无仲裁、法院管辖约定", "是否已经诉前保全")
    assert "无 ☑　" + STATUTORY_JURISDICTION in statutory


def test_payments_section_states_the_application_of_article_561(alpha, media_root):
    paid = case(alpha)
    with schema_context(alpha.firm.schema_name):
        (applied,) = matter_balance(paid.matter, as_of=TODAY).applications
    assert applied.to_interest > 0 and applied.to_principal > 0
    text = text_of(alpha, paid.matter, "complaint")
    assert (f"被告已付款10,000.00元，依照《中华人民共和国民法典》第五百六十一条依次抵充实现债权的有关费用0.00元、"
            f"利息{applied.to_interest:,.2f}元、主债务{applied.to_principal:,.2f}元") in text


# --- preservation application --------------------------------------------------------------------------------


def test_preservation_asks_for_the_measures_the_asset_leads_support(alpha, media_root):
    leads = case(alpha)  # a bank account lead
    with schema_context(alpha.firm.schema_name):
        for kind, description in (("real_estate", "杭州市西湖区某路1号房产"), ("equity", "某公司30%股权"),
                                  ("vehicle", "浙A12345"), ("bank_account", "建设银行账户")):
            matter_services.asset_lead_create(actor=alpha.partner, matter=leads.matter, kind=kind,
                                              description=description)
    request = section(text_of(alpha, leads.matter, "preservation_application"), "请求事项", "事实与理由")
    assert ("请求依法冻结被申请人名下的银行存款，查封被申请人名下的不动产，冻结被申请人持有的股权，"
            "查封、扣押被申请人名下的车辆，保全金额以人民币") in request
    assert "冻结被申请人名下银行存款或查封" not in request


def test_preservation_without_leads_asks_generally(alpha, media_root):
    bare = case(alpha)
    with schema_context(alpha.firm.schema_name):
        for lead in bare.matter.asset_leads.all():
            matter_services.stage_record_delete(actor=alpha.partner, record=lead)
        matter_services.asset_lead_create(actor=alpha.partner, matter=bare.matter, kind="receivable",
                                          description="对某公司的应收账款")
    assert "冻结被申请人对第三人的到期债权，保全金额" in text_of(alpha, bare.matter, "preservation_application")
    with schema_context(alpha.firm.schema_name):
        for lead in bare.matter.asset_leads.all():
            matter_services.stage_record_delete(actor=alpha.partner, record=lead)
    with pytest.raises(services.MissingData):  # the lead table itself needs a lead
        text_of(alpha, bare.matter, "preservation_application")


def test_pre_suit_preservation_recites_urgency_and_names_the_security(alpha, media_root):
    early = case(alpha, with_lawsuit=False)
    with schema_context(alpha.firm.schema_name):
        matter_services.preservation_create(actor=alpha.partner, matter=early.matter, court="杭州市西湖区人民法院",
                                            pre_suit=True, insurer="中国人民财产保险股份有限公司杭州市分公司",
                                            policy_number="PZBA202633010000000001")
    text = text_of(alpha, early.matter, "preservation_application")
    assert "情况紧急，不立即申请保全将会使申请人的合法权益受到难以弥补的损害" in text
    assert "第一百零四条" in text and "第一百零三条" not in text
    assert ("由申请人以中国人民财产保险股份有限公司杭州市分公司出具的诉讼财产保全责任保险保函"
            "（保函/保单号：PZBA202633010000000001）提供担保") in text


def test_pre_suit_preservation_without_policy_is_missing_data(alpha, media_root):
    early = case(alpha, with_lawsuit=False)
    with schema_context(alpha.firm.schema_name):
        matter_services.preservation_create(actor=alpha.partner, matter=early.matter, court="杭州市西湖区人民法院",
                                            pre_suit=True, insurer="中国人民财产保险股份有限公司杭州市分公司")
        with pytest.raises(services.MissingData) as caught:
            services.document_generate(actor=alpha.lawyer, matter=early.matter, kind="preservation_application",
                                       firm=alpha.firm)
    assert {item.field for item in caught.value.missing} == {"preservation.policy_number"}


def test_preservation_in_suit_needs_no_policy_and_recites_no_urgency(alpha, media_root):
    text = text_of(alpha, case(alpha).matter, "preservation_application")
    assert "情况紧急" not in text and "第一百零三条" in text
    assert "由申请人以保险公司出具的诉讼财产保全责任保险保函提供担保" in text
