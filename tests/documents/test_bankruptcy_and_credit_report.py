"""The 债权申报书 (read back from the .docx), the 资信调查报告 (read back with pdftotext and pdffonts), their missing
data, who may generate them, and the write-off dossier of a matter closed as part recovered and written off."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from documents import dossier, generation, services
from documents.models import GeneratedDocument
from matters import services as matter_services
from matters.models import Matter
from tests.documents.helpers import docx_text, runs_without_east_asian_font
from tests.documents.test_pdf_and_dossier import pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


def _bankruptcy(people, matter, **fields):
    fields = {"court": "杭州市中级人民法院", "case_number": "（2026）浙01破5号", "accepted_on": date(2026, 6, 1),
              "notice_on": date(2026, 6, 10), "declaration_deadline": date(2026, 8, 31),
              "administrator_name": "浙江某某律师事务所", "administrator_contact": "陈律师 0571-86660000",
              "administrator_address": "浙江省杭州市上城区钱江路1号", **fields}
    return matter_services.bankruptcy_claim_create(actor=people.lawyer, matter=matter, **fields)


def _with_bank_account(people, case):
    matter_services.client_update(actor=people.partner, client=case.client, bank_name="中国银行上海黄浦支行",
                                  bank_account="456789012345")


def test_bankruptcy_claim_states_the_amounts_as_at_acceptance(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _with_bank_account(alpha, alpha_case)
        _bankruptcy(alpha, alpha_case.matter)
        document = services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="bankruptcy_claim",
                                              firm=alpha.firm)
        with document.file.open("rb") as handle:
            content = handle.read()
    text = docx_text(content)
    assert "债权申报书" in text
    assert "致：杭州钱塘建材有限公司管理人（浙江某某律师事务所）" in text
    assert "管理人地址：浙江省杭州市上城区钱江路1号" in text and "陈律师 0571-86660000" in text
    assert "债权人：上海申江贸易有限公司" in text and "法定代表人：王建国" in text
    assert f"统一社会信用代码：{alpha_case.client.uscc}" in text
    assert "杭州市中级人民法院于2026年6月1日裁定受理债务人破产申请（案号：（2026）浙01破5号）" in text
    # 250,000.00 at 6% from 2025-01-02: 150 days to 31 May 2025 = 6,164.38; the 10,000.00 paid on 1 June pays
    # that interest and 3,835.62 of principal; 246,164.38 for the 365 days from 1 June 2025 to 31 May 2026 =
    # 14,769.86. Nothing from 1 June 2026, the acceptance day (企业破产法第四十六条).
    assert "计算至破产申请受理之日2026年6月1日" in text
    assert "本金：人民币246,164.38元（大写：贰拾肆万陆仟壹佰陆拾肆元叁角捌分）" in text
    assert "利息：人民币14,769.86元（大写：壹万肆仟柒佰陆拾玖元捌角陆分）" in text
    assert "自2025年1月2日起至2026年5月31日止" in text and "按合同约定的年利率6%计算" in text
    assert "自破产申请受理之日起停止计息" in text
    assert "申报债权总额：人民币260,934.24元（大写：贰拾陆万零玖佰叁拾肆元贰角肆分）" in text
    assert "已扣除受理前收回的10,000.00元" in text
    assert "☑ 无财产担保" in text
    assert "保证人赵五" in text
    assert "双方于2024年3月签订《购销合同》" in text
    assert "该债权已经杭州市西湖区人民法院（2026）浙0106民初100号民事判决书确认。" in text
    assert "第五百七十七条" in text
    assert "购销合同" in text and "送货单" in text  # the evidence list
    assert "开户银行：中国银行上海黄浦支行；账号：456789012345" in text
    assert "债权人（盖章）：上海申江贸易有限公司" in text and "2026年11月22日" in text
    assert "{{" not in text and "{%" not in text
    assert runs_without_east_asian_font(content) == []


def test_a_secured_claim_says_so(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _with_bank_account(alpha, alpha_case)
        _bankruptcy(alpha, alpha_case.matter, secured=True)
        rendered = services.render_for_matter(matter=alpha_case.matter, kind="bankruptcy_claim", firm=alpha.firm)
    text = docx_text(rendered.content)
    assert "☑ 有财产担保" in text and "优先受偿" in text


def test_bankruptcy_claim_without_the_creditors_account_or_the_administrator_is_missing_data(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _bankruptcy(alpha, alpha_case.matter, administrator_name="")
        with pytest.raises(services.MissingData) as missing:
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="bankruptcy_claim",
                                       firm=alpha.firm)
        assert not GeneratedDocument.objects.filter(matter=alpha_case.matter, kind="bankruptcy_claim").exists()
    labels = [item.label for item in missing.value.missing]
    assert any("开户银行" in label for label in labels)
    assert any("银行账号" in label for label in labels)
    assert any("管理人名称" in label for label in labels)
    assert f"/clients/{alpha_case.client.pk}/edit/" in {item.fix_url for item in missing.value.missing}


def test_bankruptcy_claim_without_a_bankruptcy_record_is_missing_data(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _with_bank_account(alpha, alpha_case)
        with pytest.raises(services.MissingData) as missing:
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="bankruptcy_claim",
                                       firm=alpha.firm)
    assert [item.field for item in missing.value.missing] == ["bankruptcy"]


def _investigation(people, matter, **fields):
    fields = {"investigated_on": date(2026, 11, 2), "registered_capital": Decimal("5000000.00"),
              "established_on": date(2015, 4, 1), "registration_status": "active",
              "business_scope": "建筑材料销售", "shareholders": "李四 60%；王五 40%",
              "registration_source": "国家企业信用信息公示系统", "litigation_count": 12,
              "litigation_summary": "作为被告的买卖合同纠纷7件，其中3件已进入执行", "dishonest_debtor": True,
              "consumption_restricted": True, "litigation_source": "中国裁判文书网、中国执行信息公开网",
              "conclusion": "债务人仍在经营但涉诉较多、已被列为失信被执行人，偿债能力弱，建议尽快诉前保全其银行账户后起诉。",
              "recommended_road": "preservation", **fields}
    return matter_services.credit_investigation_create(actor=people.lawyer, matter=matter, **fields)


def test_credit_report_pdf_has_every_section_with_sources_and_embedded_fonts(alpha, alpha_case, tmp_path):
    with schema_context(alpha.firm.schema_name):
        _investigation(alpha, alpha_case.matter)
        document = generation.generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="credit_report",
                                       firm=alpha.firm)
        with document.file.open("rb") as handle:
            content = handle.read()
    assert document.kind == "credit_report" and document.content_type == "application/pdf"
    text = pdf_text(content, tmp_path)
    flat = "".join(text.split())
    assert "资信调查报告" in flat and alpha_case.matter.reference in flat and "2026年11月2日" in flat
    for heading in ("一、主体登记信息", "二、涉诉及被执行情况", "三、财产线索", "四、结论与建议"):
        assert heading in flat, heading
    assert "杭州钱塘建材有限公司" in flat and "法定代表人李四" in flat and "浙江省杭州市西湖区文三路1号" in flat
    assert "5,000,000.00元" in flat and "2015年4月1日" in flat and "存续（在营）" in flat
    assert "信息来源：国家企业信用信息公示系统" in flat and "信息来源：中国裁判文书网、中国执行信息公开网" in flat
    assert "12件" in flat and "是（已被列入失信被执行人名单）" in flat and "是（已被限制高消费）" in flat
    assert "工商银行杭州西湖支行账户" in flat and "300,000.00" in flat
    assert "建议尽快诉前保全其银行账户后起诉" in flat and "申请财产保全后起诉" in flat
    assert "调查律师" + "".join(alpha.lawyer.name.split()) in flat and "甲律师事务所" in flat
    cjk_fonts = [font for font in pdf_fonts(content, tmp_path) if "CJK" in font["name"]]
    assert cjk_fonts and all(font["emb"] == "yes" for font in cjk_fonts)


def test_credit_report_without_a_conclusion_is_missing_data_on_the_page(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        investigation = _investigation(alpha, alpha_case.matter, conclusion="")
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{alpha_case.matter.pk}/documents/generate/", {"kind": "credit_report"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "资信调查的结论" in page
    assert f"/matters/{alpha_case.matter.pk}/records/credit-investigations/{investigation.pk}/edit/" in page
    with schema_context(alpha.firm.schema_name):
        assert not GeneratedDocument.objects.filter(kind="credit_report").exists()


def test_credit_report_without_an_investigation_is_missing_data(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name), pytest.raises(services.MissingData) as missing:
        generation.generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="credit_report", firm=alpha.firm)
    assert missing.value.missing[0].field == "credit_investigation"


def test_documents_page_offers_the_credit_report_and_the_api_generates_it(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _investigation(alpha, alpha_case.matter)
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{alpha_case.matter.pk}/documents/").content.decode()
    assert 'value="credit_report"' in page and 'value="bankruptcy_claim"' in page
    response = browser.post(f"/api/v1/matters/{alpha_case.matter.pk}/documents/", {"kind": "credit_report"},
                            content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "credit_report"


def test_other_firms_and_client_users_cannot_generate_these_documents(alpha, beta, alpha_case):
    with schema_context(alpha.firm.schema_name):
        _investigation(alpha, alpha_case.matter)
        _with_bank_account(alpha, alpha_case)
        _bankruptcy(alpha, alpha_case.matter)
    url = f"/matters/{alpha_case.matter.pk}/documents/generate/"
    api = f"/api/v1/matters/{alpha_case.matter.pk}/documents/"
    for kind in ("credit_report", "bankruptcy_claim"):
        assert beta.client(beta.partner).post(url, {"kind": kind}).status_code == 404
        assert beta.client(beta.partner).post(api, {"kind": kind}, content_type="application/json").status_code == 404
        for user in (alpha.client_a, alpha.client_b):
            assert alpha.client(user).post(url, {"kind": kind}).status_code == 403
            assert alpha.client(user).post(api, {"kind": kind}, content_type="application/json").status_code == 403
    with schema_context(alpha.firm.schema_name):
        assert not GeneratedDocument.objects.filter(kind__in=["credit_report", "bankruptcy_claim"]).exists()


def test_dossier_of_a_matter_closed_as_part_recovered_and_written_off(alpha, alpha_case, tmp_path):
    with schema_context(alpha.firm.schema_name):
        matter = alpha_case.matter
        _bankruptcy(alpha, matter, declared_on=date(2026, 7, 1), declared_amount=Decimal("260934.24"),
                    confirmed_amount=Decimal("260934.24"), final_distribution_on=date(2026, 10, 15),
                    distributions_received=Decimal("26093.42"))
        matter_services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 10, 15),
                                       amount=Decimal("26093.42"), payer_kind="other")
        matter = matter_services.matter_transition(
            actor=alpha.lawyer, matter=matter, version=Matter.objects.get(pk=matter.pk).version, to_stage="write_off",
            record={"basis": "bankruptcy", "basis_date": date(2026, 10, 20), "document_number": "（2026）浙01破5号之三"})
        matter = matter_services.matter_transition(actor=alpha.partner, matter=matter, version=matter.version,
                                                   outcome="partial_write_off", on_date=date(2026, 11, 1),
                                                   reason="破产财产最后分配完毕，余额核销")
        content = dossier.build_dossier(matter, firm=alpha.firm)
    index = zipfile.ZipFile(io.BytesIO(content)).read("00_核销依据索引.pdf")
    flat = "".join(pdf_text(index, tmp_path).split())
    assert "部分回收并核销" in flat and "破产裁定" in flat and "（2026）浙01破5号之三" in flat
    assert "杭州市中级人民法院受理债务人破产申请" in flat and "累计获分配26,093.42元" in flat
    assert "36,093.42" in flat  # recovered: the payment before suit and the distribution
