"""The 律师函 number and register, the power of attorney, the repayment agreement and the risk-agency contract,
generated and read back."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_tenants.utils import schema_context

from accounts.services import user_set_practice_certificate
from documents import services
from documents.models import GeneratedDocument, LetterCounter
from matters import services as matter_services
from matters.models import DemandLetter, Mandate
from tenants.services import firm_update_settings
from tests.documents.conftest import build_case, with_firm_details
from tests.documents.helpers import docx_text, generate
from tests.matters.helpers import make_client, make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db



# --- 律师函 ----------------------------------------------------------------------------------------------------


def test_letter_number_uses_hexagonal_year_brackets_and_the_firms_prefix(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        firm_update_settings(firm=alpha.firm, actor=alpha.partner, letter_number_prefix="清律函字")
    document, content = generate(alpha, alpha_case.matter, "demand_letter")
    assert document.number == "〔2026〕清律函字第0001号"
    assert "〔2026〕清律函字第0001号" in docx_text(content)


def test_generating_a_letter_enters_it_in_the_register_unsent_and_linked_to_its_file(alpha, alpha_case):
    first, _content = generate(alpha, alpha_case.matter, "demand_letter")
    second, _content = generate(alpha, alpha_case.matter, "demand_letter")
    with schema_context(alpha.firm.schema_name):
        generated = DemandLetter.objects.filter(matter=alpha_case.matter, sent_on__isnull=True).order_by("id")
        assert [letter.letter_number for letter in generated] == [first.number, second.number]
        assert first.number != second.number  # a new letter each time
        assert [letter.document.pk for letter in generated] == [first.pk, second.pk]
        assert GeneratedDocument.objects.get(pk=first.pk).demand_letter == generated[0]
    page = alpha.client(alpha.lawyer).get(f"/matters/{alpha_case.matter.pk}/").content.decode()
    assert first.number in page and "已生成，未发出" in page and f"/documents/files/{first.pk}/download/" in page


def test_a_number_entered_by_hand_is_never_generated_again(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        matter_services.demand_letter_create(actor=alpha.lawyer, matter=alpha_case.matter,
                                             letter_number="〔2026〕甲律函字第0001号", sent_on=date(2026, 11, 2))
    document, _content = generate(alpha, alpha_case.matter, "demand_letter")
    assert document.number == "〔2026〕甲律函字第0002号"


def test_a_rolled_back_letter_gives_its_number_back_and_leaves_no_register_entry(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        before = DemandLetter.objects.count()
        with mock.patch("documents.services._store", side_effect=RuntimeError("disk full")), \
                pytest.raises(RuntimeError):
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="demand_letter",
                                       firm=alpha.firm)
        assert DemandLetter.objects.count() == before
        assert not LetterCounter.objects.filter(last_number__gt=0).exists()
    document, _content = generate(alpha, alpha_case.matter, "demand_letter")
    assert document.number.endswith("第0001号")


def test_the_lawyer_records_sending_and_delivery_on_the_generated_entry(alpha, alpha_case):
    document, _content = generate(alpha, alpha_case.matter, "demand_letter")
    with schema_context(alpha.firm.schema_name):
        letter = DemandLetter.objects.get(document=document)
        with pytest.raises(ValidationError) as refused:
            matter_services.stage_record_update(actor=alpha.lawyer, record=letter, delivered_on=date(2026, 11, 20))
        assert "请先填写律师函的发出日期" in str(refused.value)
        matter_services.stage_record_update(actor=alpha.lawyer, record=letter, sent_on=date(2026, 11, 20),
                                            tracking_number="EA123456789CN", delivered_on=date(2026, 11, 21))
        letter.refresh_from_db()
        assert letter.is_sent and letter.letter_number == document.number
        # The database holds the rule too: no delivery date on a letter that was never sent.
        with pytest.raises(IntegrityError), transaction.atomic():
            DemandLetter.objects.filter(pk=letter.pk).update(sent_on=None)


def test_an_unsent_letter_is_not_cited_as_a_demand_in_the_complaint(alpha, alpha_case):
    letter, _content = generate(alpha, alpha_case.matter, "demand_letter")
    _document, content = generate(alpha, alpha_case.matter, "complaint")
    text = docx_text(content)
    assert "〔2025〕甲律函字第0021号" in text  # sent in 2025 (entered by the fixture)
    assert letter.number not in text


@pytest.mark.parametrize("prefix", ["(清)律函字", "清律〔函〕字", "清律\n函字", "清律函字第", "律" * 21])
def test_firm_letter_prefix_refuses_brackets_breaks_and_length(alpha, prefix):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError) as refused:
        firm_update_settings(firm=alpha.firm, actor=alpha.partner, letter_number_prefix=prefix)
    assert "letter_number_prefix" in refused.value.message_dict


def test_partner_sets_the_letter_prefix_on_the_firm_settings_page(alpha):
    browser = alpha.client(alpha.partner)
    form = browser.get("/settings/").context["form"]
    data = {name: (value if value is not None else "") for name, value in form.initial.items()
            if name in form.fields}
    response = browser.post("/settings/", {**data, "letter_number_prefix": "甲律函字"})
    assert response.status_code == 302
    alpha.firm.refresh_from_db()
    assert alpha.firm.letter_number_prefix == "甲律函字"
    refused = browser.post("/settings/", {**data, "letter_number_prefix": "〔甲〕"})
    assert refused.status_code == 200 and "不含括号" in refused.content.decode()


# --- 授权委托书 ------------------------------------------------------------------------------------------------


def test_power_of_attorney_states_scope_licence_number_and_the_powers_to_mediate_and_withdraw(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        matter_services.mandate_update(actor=alpha.partner, mandate=alpha_case.mandate,
                                       scope=["enforcement", "first_instance", "second_instance"],
                                       special_powers=["admit_claims", "settle", "mediate", "withdraw"])
        assert Mandate.objects.get(pk=alpha_case.mandate.pk).scope == ["first_instance", "second_instance",
                                                                         "enforcement"]
    _document, content = generate(alpha, alpha_case.matter, "power_of_attorney")
    text = docx_text(content)
    assert "代理阶段：一审、二审、执行。" in text
    assert "执业证号：13101201910123456" in text
    assert "代为调解" in text and "申请撤诉" in text
    withheld = next(line for line in text.splitlines() if "受托人无权办理以下事项" in line)
    assert "代为调解" not in withheld and "申请撤诉" not in withheld and "提起上诉" in withheld


def test_power_of_attorney_defaults_to_first_instance(alpha, alpha_case):
    _document, content = generate(alpha, alpha_case.matter, "power_of_attorney")
    assert "代理阶段：一审。" in docx_text(content)


def test_power_of_attorney_without_the_lawyers_licence_number_is_refused_with_a_link(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        user_set_practice_certificate(actor=alpha.partner, user=alpha.lawyer, number="")
        with pytest.raises(services.MissingData) as caught:
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="power_of_attorney",
                                       firm=alpha.firm)
    missing = {item.field: item for item in caught.value.missing}
    assert set(missing) == {"lawyer.practice_certificate_number"}
    assert missing["lawyer.practice_certificate_number"].fix_url == "/people/"


@pytest.mark.parametrize("scope", [[], ["appeal_court"], "first_instance"])
def test_mandate_scope_must_name_known_proceedings(alpha, scope):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError) as refused:
        make_mandate(alpha.partner, scope=scope)
    assert "scope" in refused.value.message_dict


def test_mandate_scope_through_the_api(alpha):
    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner)
    api = alpha.client(alpha.partner)
    response = api.post("/api/v1/mandates/", {
        "client": client.pk, "contract_date": "2026-01-05", "responsible_partner": alpha.partner.pk,
        "fee_type": "fixed", "fixed_rate": "0.05", "scope": ["first_instance", "enforcement"]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["scope"] == ["first_instance", "enforcement"]
    refused = api.patch(f"/api/v1/mandates/{response.json()['id']}/", {"scope": ["retrial"]},
                        content_type="application/json")
    assert refused.status_code == 400


@pytest.mark.parametrize("number", ["1310120191012345", "131012019101234567", "13101201910A23456"])
def test_practice_certificate_number_is_17_digits(alpha, number):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError) as refused:
        user_set_practice_certificate(actor=alpha.partner, user=alpha.lawyer, number=number)
    assert "17 位数字" in str(refused.value)


def test_partner_edits_a_licence_number_on_the_people_page_only_in_their_firm(alpha, beta):
    url = f"/people/{alpha.lawyer.pk}/practice-certificate/"
    assert alpha.client(alpha.partner).post(url, {"practice_certificate_number": "１３１０１２０１９１０１２３４５６"}
                                            ).status_code == 302
    with schema_context(alpha.firm.schema_name):
        alpha.lawyer.refresh_from_db()
    assert alpha.lawyer.practice_certificate_number == "13101201910123456"
    page = alpha.client(alpha.partner).get("/people/").content.decode()
    assert "13101201910123456" in page
    assert alpha.client(alpha.lawyer).post(url, {"practice_certificate_number": ""}).status_code in (302, 403)
    with schema_context(alpha.firm.schema_name):
        alpha.lawyer.refresh_from_db()
    assert alpha.lawyer.practice_certificate_number == "13101201910123456"
    # Another firm's partner reaches no person of this firm.
    with schema_context(beta.firm.schema_name):
        from accounts.models import User
        missing_id = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    assert beta.client(beta.partner).post(f"/people/{missing_id}/practice-certificate/",
                                          {"practice_certificate_number": ""}).status_code == 404
    assert beta.client(beta.partner).post(url, {"practice_certificate_number": "1"}).status_code in (302, 404)
    with schema_context(alpha.firm.schema_name):
        alpha.lawyer.refresh_from_db()
    assert alpha.lawyer.practice_certificate_number == "13101201910123456"


# --- 还款协议 --------------------------------------------------------------------------------------------------


def _plain_case(people, *, agreement=False):
    """A matter of 100,000.00 principal without interest: the debt at signing is the principal less payments."""
    actor = people.partner
    matter = make_matter(actor, mandate=make_mandate(actor, client=make_client(actor, legal_representative="王总",
                                                                                address="上海市黄浦区1号")),
                         debtor=make_debtor(actor, addresses=["杭州市西湖区1号"], legal_representative="李四"),
                         lawyer=people.lawyer, principal=Decimal("100000.00"), interest_type="none",
                         description="双方签订购销合同，货款未付。")
    matter_services.payment_record(actor=people.finance, matter=matter, received_on=date(2026, 1, 5),
                                   amount=Decimal("10000.00"))
    return matter


def test_schedule_must_add_up_to_the_debt_confirmed_at_signing(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = _plain_case(alpha)
        with pytest.raises(ValidationError) as refused:
            matter_services.repayment_agreement_create(
                actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1),
                instalments=[{"due_on": date(2026, 3, 1), "amount": Decimal("100000.00")}])
        message = str(refused.value)
        assert "100,000.00" in message and "90,000.00" in message and "和解金额" in message
        agreement = matter_services.repayment_agreement_create(
            actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1),
            instalments=[{"due_on": date(2026, 3, 1), "amount": Decimal("50000.00")},
                         {"due_on": date(2026, 4, 1), "amount": Decimal("40000.00")}])
        assert agreement.total_amount == Decimal("90000.00") and agreement.compromise_amount is None


def test_a_compromise_must_be_below_the_debt_and_match_the_schedule(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = _plain_case(alpha)
        schedule = [{"due_on": date(2026, 3, 1), "amount": Decimal("80000.00")}]
        with pytest.raises(ValidationError) as refused:
            matter_services.repayment_agreement_create(actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1),
                                                       compromise_amount=Decimal("90000.00"), instalments=schedule)
        assert "compromise_amount" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            matter_services.repayment_agreement_create(actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1),
                                                       compromise_amount=Decimal("85000.00"), instalments=schedule)
        assert "与和解金额 85,000.00 元不一致" in str(refused.value)


def test_repayment_agreement_prints_the_debt_as_at_signing_and_the_compromise(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        matter = _plain_case(alpha)
        matter_services.repayment_agreement_create(
            actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1), compromise_amount=Decimal("80000.00"),
            instalments=[{"due_on": date(2026, 3, 1), "amount": Decimal("40000.00")},
                         {"due_on": date(2026, 4, 1), "amount": Decimal("40000.00")}])
        # Paid under the agreement later: today's balance differs, the confirmed debt does not.
        matter_services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 3, 1),
                                       amount=Decimal("40000.00"))
    _document, content = generate(alpha, matter, "repayment_agreement")
    text = docx_text(content)
    assert "截至本协议签订之日（2026年2月1日），乙方确认尚欠甲方本金人民币90,000.00元" in text
    assert "合计人民币90,000.00元" in text and "50,000.00" not in text
    assert "支付和解款人民币80,000.00元" in text
    assert "其余人民币10,000.00元（大写：壹万元整）予以减免" in text
    assert "上述减免不再生效" in text  # acceleration: the waiver lapses on default


def test_repayment_agreement_without_compromise_schedules_the_whole_debt(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        matter = _plain_case(alpha)
        matter_services.repayment_agreement_create(
            actor=alpha.lawyer, matter=matter, signed_on=date(2026, 2, 1),
            instalments=[{"due_on": date(2026, 3, 1), "amount": Decimal("90000.00")}])
    text = docx_text(generate(alpha, matter, "repayment_agreement")[1])
    assert "偿还上述全部欠款人民币90,000.00元" in text and "减免" not in text


# --- 委托代理合同 and 风险代理合同 --------------------------------------------------------------------------------


def _risk_case(people):
    with_firm_details(people)
    with schema_context(people.firm.schema_name):
        return build_case(people, fee_type="risk")


def test_risk_agency_contract_defines_risk_agency_bans_and_caps_and_credits_the_upfront_fee(alpha, media_root):
    case = _risk_case(alpha)
    _document, content = generate(alpha, case.matter, "risk_agency_contract")
    text = docx_text(content)
    assert "风险代理合同" in text
    assert "风险代理，是指律师服务费的收取与否及收取多少，与委托事项的办理结果" in text
    for banned in ("刑事诉讼案件", "婚姻、继承案件", "请求给付赡养费、抚养费、扶养费", "请求支付劳动报酬"):
        assert banned in text
    assert "标的额不足100万元的部分不超过18%" in text and "5000万元以上的部分不超过6%" in text
    # 250,000.00 × 3% = 7,500.00 up front; the cap reaches it at 7,500 / 18% = 41,666.67.
    assert "前期费用计入上述收费上限" in text and "超出上限的部分退还甲方" in text
    assert "最终实际收回金额低于人民币41,666.67元时即发生退还" in text
    assert "不予退还" not in text


def test_engagement_contract_no_longer_contradicts_itself_on_the_upfront_fee(alpha, media_root):
    case = _risk_case(alpha)
    text = docx_text(generate(alpha, case.matter, "engagement_contract")[1])
    assert "不予退还" not in text
    assert "前期费用计入上述收费上限" in text and "41,666.67" in text and "《风险代理合同》" in text


def test_no_risk_agency_contract_under_a_fixed_fee(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        with pytest.raises(ValidationError) as refused:
            services.document_generate(actor=alpha.lawyer, matter=alpha_case.matter, kind="risk_agency_contract",
                                       firm=alpha.firm)
        assert "固定收费" in str(refused.value)
        assert not GeneratedDocument.objects.filter(kind="risk_agency_contract").exists()
    page = alpha.client(alpha.lawyer).get(f"/matters/{alpha_case.matter.pk}/documents/").content.decode()
    assert 'value="risk_agency_contract"' not in page


def test_risk_agency_contract_offered_for_a_risk_mandate_and_not_to_another_firm(alpha, beta, media_root):
    case = _risk_case(alpha)
    page = alpha.client(alpha.lawyer).get(f"/matters/{case.matter.pk}/documents/").content.decode()
    assert 'value="risk_agency_contract"' in page
    response = beta.client(beta.lawyer).post(f"/matters/{case.matter.pk}/documents/generate/",
                                             {"kind": "risk_agency_contract"})
    assert response.status_code == 404


def test_mandate_page_shows_where_the_upfront_fee_exceeds_the_cap(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner, fee_type="risk", upfront_rate=Decimal("0.03"),
                               success_rate=Decimal("0.10"), placed_amount=Decimal("1569400.00"))
    page = alpha.client(alpha.partner).get(f"/mandates/{mandate.pk}/").content.decode()
    assert "前期费用 47,082.00 元" in page and "261,566.67" in page
