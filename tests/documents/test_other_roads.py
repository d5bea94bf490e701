"""The filings of the other roads to payment, generated from a matter and read back with python-docx: the
支付令申请书 and the 仲裁申请书; and each road's filing is refused for a matter on the other road."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from documents import services
from documents.models import GeneratedDocument
from matters import services as matter_services
from matters.balances import matter_balance
from rules.rmb import format_cny, rmb_uppercase
from tests.documents.conftest import TODAY, build_case, with_firm_details
from tests.documents.helpers import docx_text, generate, runs_without_east_asian_font

pytestmark = pytest.mark.django_db



@pytest.fixture
def arbitration_case(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, with_lawsuit=False)
        matter_services.matter_update(actor=alpha.partner, matter=case.matter, dispute_resolution="arbitration",
                                      arbitration_commission="上海仲裁委员会")
        case.matter.refresh_from_db()
        return case


def test_payment_order_application_states_the_due_debt_no_other_dispute_and_service(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        matter_services.payment_order_create(actor=alpha.lawyer, matter=alpha_case.matter, court="杭州市西湖区人民法院",
                                             applied_on=date(2026, 11, 2))
        balance = matter_balance(alpha_case.matter, as_of=TODAY)
    document, content = generate(alpha, alpha_case.matter, "payment_order_application")
    text = docx_text(content)
    assert document.title == "支付令申请书" and document.template_version == "builtin:payment_order_application@1"
    assert "{{" not in text and "{%" not in text
    assert runs_without_east_asian_font(content) == []
    assert text.startswith("支付令申请书")
    assert "申请人：上海申江贸易有限公司" in text and "法定代表人：王建国" in text
    assert "被申请人：杭州钱塘建材有限公司" in text and "法定代表人：李四" in text
    assert "请求事项" in text and "督促被申请人" in text
    principal = balance.principal_outstanding
    assert f"支付货款人民币{format_cny(principal)}元（大写：{rmb_uppercase(principal)}）" in text
    assert "按合同约定的年利率6%计算" in text and "算头不算尾" in text  # the interest's basis words
    total = balance.principal_outstanding + balance.interest_outstanding + balance.costs_outstanding
    assert f"合计人民币{format_cny(total)}元（大写：{rmb_uppercase(total)}）" in text
    assert "债权人与债务人没有其他债务纠纷" in text and "支付令能够送达债务人" in text
    assert "《中华人民共和国民事诉讼法》第二百二十五条" in text
    assert "证据清单" in text and "购销合同" in text and "送货单" in text
    assert "此致\n杭州市西湖区人民法院" in text
    assert "2026年11月22日" in text


def test_payment_order_application_needs_the_court_of_a_payment_order_record(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name), pytest.raises(services.MissingData) as error:
        services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="payment_order_application",
                                   firm=alpha.firm)
    assert "支付令申请的法院" in error.value.message


def test_arbitration_application_quotes_the_commission_claims_and_evidence(alpha, arbitration_case):
    with schema_context(alpha.firm.schema_name):
        balance = matter_balance(arbitration_case.matter, as_of=TODAY)
    document, content = generate(alpha, arbitration_case.matter, "arbitration_application")
    text = docx_text(content)
    assert document.title == "仲裁申请书"
    assert "{{" not in text and "{%" not in text
    assert runs_without_east_asian_font(content) == []
    assert "申请人：上海申江贸易有限公司" in text and "被申请人：杭州钱塘建材有限公司" in text
    assert "法定代表人：李四" in text
    assert "仲裁依据" in text and "提交上海仲裁委员会仲裁" in text and "《中华人民共和国仲裁法》第四条、第五条" in text
    assert "仲裁请求" in text
    principal = balance.principal_outstanding
    assert f"裁决被申请人支付货款人民币{format_cny(principal)}元（大写：{rmb_uppercase(principal)}）" in text
    assert "按合同约定的年利率6%计算" in text
    assert "本案仲裁费用由被申请人承担" in text
    assert "事实与理由" in text and "第五百七十七条" in text
    assert "证据清单" in text and "购销合同" in text
    assert "此致\n上海仲裁委员会" in text
    assert "赵五" not in text  # the guarantor is not bound by the debtor's arbitration clause
    assert "2026年11月22日" in text


def test_the_arbitration_clause_is_quoted_when_the_matter_records_it(alpha, arbitration_case):
    with schema_context(alpha.firm.schema_name):
        from documents.selectors import matter_document_data, matter_for_documents
        from documents.template_context import build_context
        from matters.models import Matter

        matter = matter_for_documents(Matter.objects.filter(pk=arbitration_case.matter.pk)).get()
        matter.jurisdiction_clause = "因本合同引起的争议，提交上海仲裁委员会仲裁。"
        context, _collector = build_context(matter_document_data(matter, firm=alpha.firm))
    assert context["arbitration"]["clause"] == "因本合同引起的争议，提交上海仲裁委员会仲裁。"
    assert context["matter"]["is_arbitration"] is True


def test_a_complaint_is_refused_for_an_arbitration_matter(alpha, arbitration_case):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as error:
            services.document_generate(actor=alpha.lawyer, matter=arbitration_case.matter, kind="complaint",
                                       firm=alpha.firm)
        assert "《仲裁法》第五条" in error.value.message_dict["kind"][0]
        assert "仲裁申请书" in error.value.message_dict["kind"][0]
        assert not GeneratedDocument.objects.filter(matter=arbitration_case.matter).exists()


def test_an_arbitration_application_is_refused_for_a_court_matter(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError) as error:
        services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="arbitration_application",
                                   firm=alpha.firm)
    assert "不能生成仲裁申请书" in error.value.message_dict["kind"][0]


def test_the_generation_page_says_why_the_complaint_does_not_fit(alpha, arbitration_case):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{arbitration_case.matter.pk}/documents/generate/", {"kind": "complaint"},
                            follow=True)
    assert "《仲裁法》第五条" in response.content.decode()


def test_the_api_generates_an_arbitration_application_and_refuses_a_complaint(alpha, arbitration_case):
    browser = alpha.client(alpha.lawyer)
    url = f"/api/v1/matters/{arbitration_case.matter.pk}/documents/"
    refused = browser.post(url, {"kind": "complaint"}, content_type="application/json")
    assert refused.status_code == 400 and "仲裁法" in refused.content.decode()
    made = browser.post(url, {"kind": "arbitration_application"}, content_type="application/json")
    assert made.status_code == 201, made.content


def test_another_firm_cannot_generate_for_the_matter(alpha, beta, arbitration_case):
    response = beta.client(beta.partner).post(f"/api/v1/matters/{arbitration_case.matter.pk}/documents/",
                                              {"kind": "arbitration_application"}, content_type="application/json")
    assert response.status_code == 404


def test_the_demo_matter_renders_both_filings_for_uploaded_template_checks():
    from documents.builtin import builtin_template
    from documents.rendering import render_document
    from documents.selectors import demo_matter_data
    from documents.template_context import build_context

    for kind in ("payment_order_application", "arbitration_application"):
        context, collector = build_context(demo_matter_data())
        result = render_document(builtin_template(kind), context)
        assert collector.missing == [] and not result.leftovers, kind
