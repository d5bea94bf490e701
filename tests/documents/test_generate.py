"""Generating the built-in filings from a matter, read back with python-docx."""

import pytest
from django_tenants.utils import schema_context

from documents import services
from documents.builtin import BUILTIN_VERSIONS
from documents.models import GeneratedDocument
from matters import services as matter_services
from tests.documents.conftest import TODAY, build_case, with_firm_details
from tests.documents.helpers import docx_text, generate, runs_without_east_asian_font

pytestmark = pytest.mark.django_db

KINDS = ["demand_letter", "complaint", "preservation_application", "enforcement_application", "power_of_attorney",
         "repayment_agreement", "engagement_contract"]



@pytest.mark.parametrize("kind", KINDS)
def test_every_builtin_filing_is_complete_and_fonted(alpha, alpha_case, kind):
    document, content = generate(alpha, alpha_case.matter, kind)
    text = docx_text(content)
    assert "{{" not in text and "{%" not in text
    # Case and letter numbers carry their own brackets: never a bracket doubled around them.
    assert not [pair for pair in ("（（", "（(", "((", "(（") if pair in text]
    assert runs_without_east_asian_font(content) == []
    assert "上海申江贸易有限公司" in text
    assert "杭州钱塘建材有限公司" in text
    expected_date = {"engagement_contract": "2024年1月5日", "repayment_agreement": "2026年1月10日"}
    assert expected_date.get(kind, "2026年11月22日") in text  # today (TODAY), written the Chinese way
    assert document.template_version == f"builtin:{kind}@{BUILTIN_VERSIONS[kind]}"
    assert document.version == 1 and document.author == alpha.lawyer


def test_complaint_has_claims_in_figures_uppercase_interest_and_evidence(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "complaint")
    text = docx_text(content)
    assert "民事起诉状" in text and "买卖合同纠纷" in text
    # 250,000 principal less 10,000 paid on 2025-06-01 (interest first, then principal).
    assert "尚欠本金" in text
    assert "统一社会信用代码" in text and "李四" in text
    assert "按合同约定的年利率6%计算" in text
    assert "利息计算明细" in text
    assert "购销合同" in text and "送货单" in text  # the evidence list
    assert "杭州市西湖区人民法院" in text
    assert "元（人民币" in text
    assert "甲律师事务所" in text and "上海市浦东新区世纪大道100号" in text


def test_complaint_amounts_match_balance(alpha, alpha_case):
    from matters.balances import matter_balance
    from rules.rmb import format_cny, rmb_uppercase

    _document, content = generate(alpha, alpha_case.matter, "complaint")
    text = docx_text(content)
    with schema_context(alpha.firm.schema_name):
        balance = matter_balance(alpha_case.matter, as_of=TODAY)  # the day the document is generated
    total = balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding
    assert format_cny(balance.principal_outstanding) in text
    assert rmb_uppercase(balance.principal_outstanding) in text
    assert format_cny(total) in text and rmb_uppercase(total) in text


def test_loan_complaint_uses_the_loan_form(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, cause="loan", client_fields={"is_financial_institution": True})
    _document, content = generate(alpha, case.matter, "complaint")
    text = docx_text(content)
    assert "金融借款合同纠纷" in text
    assert "借款金额" in text and "第六百六十七条" in text
    assert "价款及付款期限" not in text


def test_demand_letter_numbers_are_a_gapless_yearly_sequence(alpha, alpha_case, media_root):
    first, content = generate(alpha, alpha_case.matter, "demand_letter")
    assert first.number == "〔2026〕甲律函字第0001号"
    assert "〔2026〕甲律函字第0001号" in docx_text(content)
    with schema_context(alpha.firm.schema_name):
        incomplete = build_case(alpha, debtor_address=False)
        with pytest.raises(services.MissingData):
            services.document_generate(actor=alpha.lawyer, matter=incomplete.matter, kind="demand_letter",
                                       firm=alpha.firm)
    second, _content = generate(alpha, alpha_case.matter, "demand_letter")
    assert second.number == "〔2026〕甲律函字第0002号"  # the refused letter gave its number back
    assert second.version == 2


def test_missing_data_lists_exactly_what_is_missing_with_links(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, with_lawsuit=False, debtor_address=False)
        with pytest.raises(services.MissingData) as caught:
            services.document_generate(actor=alpha.lawyer, matter=case.matter, kind="complaint", firm=alpha.firm)
        assert not GeneratedDocument.objects.filter(matter=case.matter).exists()
    missing = {item.field: item for item in caught.value.missing}
    assert set(missing) == {"debtor.address", "lawsuit.court"}
    assert missing["debtor.address"].fix_url == f"/debtors/{case.debtor.pk}/edit/"
    assert missing["lawsuit.court"].fix_url == f"/matters/{case.matter.pk}/"


def test_power_of_attorney_lists_exactly_the_special_powers(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "power_of_attorney")
    text = docx_text(content)
    assert "特别授权" in text
    for power in ("承认诉讼请求", "进行和解", "提起上诉"):
        assert power in text
    assert "1. 承认诉讼请求" in text and "3. 提起上诉" in text
    assert "4. " not in text
    assert "全权代理" in text  # only in the statutory note that it grants nothing
    withheld = next(line for line in text.splitlines() if "无权办理" in line)
    assert "放弃诉讼请求、变更诉讼请求、提起反诉、申请执行、代为收取执行款" in withheld
    assert not [power for power in ("承认诉讼请求", "进行和解", "提起上诉") if power in withheld]


def test_power_of_attorney_general_authority(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha)
        matter_services.mandate_update(actor=alpha.partner, mandate=case.mandate, authority="general",
                                       special_powers=[])
    _document, content = generate(alpha, case.matter, "power_of_attorney")
    text = docx_text(content)
    assert "一般授权" in text and "无权代为承认、放弃、变更诉讼请求" in text
    assert "1. 承认诉讼请求" not in text


def test_repayment_agreement_has_its_instalment_table(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "repayment_agreement")
    text = docx_text(content)
    assert "第1期" in text and "第2期" in text
    assert "2026年2月10日" in text and "120,000.00" in text and "壹拾贰万元整" in text
    assert "240,000.00" in text and "贰拾肆万元整" in text
    assert "赵五" in text  # the guarantor signs too
    # Creditor, debtor and one guarantor: three parties, three copies; the parties are in a contract relationship.
    assert "一式三份，各方各执一份" in text
    assert "之间存在买卖合同关系" in text and "存在买卖合同纠纷" not in text


def test_repayment_agreement_without_a_guarantor_is_made_in_two_copies(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha)
        matter_services.matter_update(actor=alpha.partner, matter=case.matter, guarantors=[])
    _document, content = generate(alpha, case.matter, "repayment_agreement")
    text = docx_text(content)
    assert "一式两份，各方各执一份" in text and "丙方（签字/盖章）" not in text


def test_engagement_contract_risk_disclosure_only_for_risk_fees(alpha, alpha_case, media_root):
    _document, content = generate(alpha, alpha_case.matter, "engagement_contract")
    fixed = docx_text(content)
    assert "固定收费" in fixed and "12,500.00" in fixed and "壹万贰仟伍佰元整" in fixed
    assert "风险代理风险提示" not in fixed
    with schema_context(alpha.firm.schema_name):
        risky = build_case(alpha, fee_type="risk")
    _document, content = generate(alpha, risky.matter, "engagement_contract")
    risk = docx_text(content)
    assert "风险代理风险提示" in risk and "3%" in risk and "10%" in risk and "7,500.00" in risk


def test_person_debtor_gets_id_number_not_legal_representative(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, person_debtor=True)
    _document, content = generate(alpha, case.matter, "complaint")
    text = docx_text(content)
    assert "钱多多" in text and "公民身份号码：" + case.debtor.id_number in text


def test_finance_cannot_generate(alpha, alpha_case):
    from django.core.exceptions import PermissionDenied

    with schema_context(alpha.firm.schema_name), pytest.raises(PermissionDenied):
        services.document_generate(actor=alpha.finance, matter=alpha_case.matter, kind="complaint", firm=alpha.firm)


def test_a_generated_document_appears_on_the_matter_timeline(alpha, alpha_case):
    from matters.models import TimelineEvent, TimelineKind

    document, _content = generate(alpha, alpha_case.matter, "power_of_attorney")
    with schema_context(alpha.firm.schema_name):
        event = TimelineEvent.objects.get(matter=alpha_case.matter, kind=TimelineKind.DOCUMENT)
    assert event.detail["document_id"] == document.pk
    assert event.summary.startswith("授权委托书 v1")
    assert event.actor_id == alpha.lawyer.pk


def test_demand_letter_counts_its_period_from_receipt_and_prints_no_date_that_contradicts_it(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "demand_letter")
    text = docx_text(content)
    assert "请贵方自收到本函之日起7日内" in text
    assert "2026年11月29日" not in text  # today (TODAY) + 7 days: not the day the letter is received


def test_preservation_and_enforcement_applications_name_every_respondent(alpha, alpha_case):
    for kind, role in (("preservation_application", "被申请人"), ("enforcement_application", "被执行人")):
        _document, content = generate(alpha, alpha_case.matter, kind)
        text = docx_text(content)
        assert f"{role}：杭州钱塘建材有限公司" in text
        assert f"{role}：赵五，住所：" in text  # the guarantor, a person: no legal representative


def test_preservation_application_says_interest_only_when_it_is_claimed(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha)
    claimed = docx_text(generate(alpha, case.matter, "preservation_application")[1])
    assert "连同利息（自2025年1月2日起，以尚欠本金为基数，按合同约定的年利率6%计算）等合计" in claimed
    with schema_context(alpha.firm.schema_name):
        matter_services.matter_update(actor=alpha.partner, matter=case.matter, interest_type="none")
    principal_only = docx_text(generate(alpha, case.matter, "preservation_application")[1])
    assert "连同" not in principal_only and "合计" not in principal_only.split("事实与理由")[1].split("为防止")[0]


@pytest.mark.parametrize(("cause", "article", "debt"), [
    ("sale", "第六百二十六条", "尚欠货款"),
    ("construction", "第七百九十九条", "尚欠工程款"),
    ("lease", "第七百二十二条", "尚欠租金"),
    ("service", "第五百零九条", "尚欠服务费"),
])
def test_complaint_relies_on_the_articles_of_its_cause(alpha, media_root, cause, article, debt):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha)
        matter_services.matter_update(actor=alpha.partner, matter=case.matter, cause=cause)
    text = docx_text(generate(alpha, case.matter, "complaint")[1])
    assert article in text and debt in text
    if cause != "sale":
        assert "第六百二十六条" not in text and "尚欠货款" not in text


@pytest.mark.parametrize("kind", ["complaint", "demand_letter", "preservation_application",
                                  "enforcement_application"])
def test_interest_on_an_lpr_past_the_table_says_which_publication_it_assumed(alpha, media_root, kind):
    # The seeded LPR table ends with 2025-05-20 (3.00%); the filing is dated 2026-11-22.
    from matters.models import Matter

    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha)
        Matter.objects.filter(pk=case.matter.pk).update(interest_type="lpr", interest_rate=None,
                                                        lpr_multiplier="1.5")
        case.matter.refresh_from_db()
    _document, content = generate(alpha, case.matter, kind)
    assert "按2025年5月20日公布的LPR 3.0%暂计" in docx_text(content)


def test_a_fixed_rate_filing_has_no_lpr_note(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "complaint")
    assert "暂计至" in docx_text(content) and "公布的LPR" not in docx_text(content)
