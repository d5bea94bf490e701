"""Filings that follow the kind of each guarantee: the complaint's claims and articles, the guarantee contract
in its evidence, a 律师函 addressed to a guarantor, and the repayment agreement's guarantee clause."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from documents import services
from matters import services as matter_services
from matters.models import Guarantee
from tests.documents.conftest import PDF_BYTES, build_case, with_firm_details
from tests.documents.helpers import docx_text
from tests.matters.helpers import make_debtor

pytestmark = pytest.mark.django_db

GENERAL_LIABILITY = "对上述债务在被告杭州钱塘建材有限公司财产依法强制执行后仍不能履行的部分承担保证责任"


def text_of(people, matter, kind, **extra):
    with schema_context(people.firm.schema_name):
        document = services.document_generate(actor=people.lawyer, matter=matter, kind=kind, firm=people.firm,
                                              **extra)
        with document.file.open("rb") as handle:
            return docx_text(handle.read())


def set_kind(people, case, kind, **fields):
    with schema_context(people.firm.schema_name):
        guarantee = Guarantee.objects.get(matter=case.matter, debtor=case.guarantor)
        return matter_services.guarantee_update(actor=people.lawyer, guarantee=guarantee, kind=kind, **fields)


@pytest.fixture
def case(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        return build_case(alpha)


def test_the_complaint_claims_joint_liability_only_from_a_joint_guarantor(alpha, case):
    with schema_context(alpha.firm.schema_name):
        contract = matter_services.evidence_upload(actor=alpha.lawyer, matter=case.matter, category="other",
                                                   title="保证合同（赵五）", file=SimpleUploadedFile("g.pdf", PDF_BYTES))
    set_kind(alpha, case, "joint", contract=contract)
    text = text_of(alpha, case.matter, "complaint")
    assert "请求判令被告赵五对上述债务承担连带清偿责任" in text
    assert GENERAL_LIABILITY not in text
    assert "第六百八十一条、第六百八十八条" in text and "第六百八十七条" not in text
    assert "赵五（连带责任保证人" in text
    assert "赵五为被告杭州钱塘建材有限公司的上述债务提供连带责任保证（保证合同（赵五））" in text
    # The guarantee contract is in the evidence list, with what it proves.
    assert "保证合同（赵五）" in text
    assert "证明赵五为被告杭州钱塘建材有限公司的债务提供连带责任保证" in text


def test_the_complaint_asks_a_general_guarantor_only_for_what_enforcement_leaves_unpaid(alpha, case):
    text = text_of(alpha, case.matter, "complaint")  # a guarantor given by id: a general guarantee
    assert "请求判令被告赵五" + GENERAL_LIABILITY in text
    assert "连带清偿责任" not in text
    assert "第六百八十一条、第六百八十七条" in text and "第六百八十八条" not in text
    assert "有关担保制度的解释》第二十六条" in text
    assert "被告杭州钱塘建材有限公司" in text  # the debtor is always a defendant beside a general guarantor


def test_a_complaint_with_both_kinds_words_each_guarantor_by_its_kind(alpha, case):
    with schema_context(alpha.firm.schema_name):
        second = make_debtor(alpha.partner, name="孙六担保有限公司", legal_representative="孙六")
        matter_services.matter_update(actor=alpha.partner, matter=case.matter, guarantees=[
            {"debtor": case.guarantor}, {"debtor": second, "kind": "joint"}])
    text = text_of(alpha, case.matter, "complaint")
    assert "请求判令被告赵五" + GENERAL_LIABILITY in text
    assert "请求判令被告孙六担保有限公司对上述债务承担连带清偿责任" in text
    assert "第六百八十一条、第六百八十七条、第六百八十八条" in text


def test_a_demand_letter_to_a_joint_guarantor_claims_under_the_guarantee(alpha, case):
    set_kind(alpha, case, "joint")
    text = text_of(alpha, case.matter, "demand_letter", recipient_id=case.guarantor.pk)
    assert "致：赵五" in text and "赵五：" in text
    assert "贵方为杭州钱塘建材有限公司拖欠委托人的款项提供保证" in text
    assert "向委托人提供连带责任保证，保证期间至2025年7月1日届满" in text
    assert "第六百八十八条" in text and "委托人现依法向贵方主张保证责任" in text
    assert "杭州钱塘建材有限公司尚欠委托人本金" in text
    # Addressed to the debtor by default, as before.
    default = text_of(alpha, case.matter, "demand_letter")
    assert "致：杭州钱塘建材有限公司" in default and "主张保证责任" not in default


def test_a_demand_letter_to_a_general_guarantor_asks_for_what_enforcement_leaves_unpaid(alpha, case):
    text = text_of(alpha, case.matter, "demand_letter", recipient_id=case.guarantor.pk)
    assert "提供一般保证" in text and "第六百八十七条" in text
    assert "财产依法强制执行后仍不能履行的部分" in text


def test_a_demand_letter_cannot_go_to_someone_who_is_no_guarantor_of_the_matter(alpha, case):
    with schema_context(alpha.firm.schema_name):
        stranger = make_debtor(alpha.partner)
        for recipient in (stranger.pk, case.debtor.pk, 987654):
            with pytest.raises(ValidationError) as error:
                services.document_generate(actor=alpha.lawyer, matter=case.matter, kind="demand_letter",
                                           firm=alpha.firm, recipient_id=recipient)
            assert "recipient" in error.value.message_dict
    api = alpha.client(alpha.lawyer)
    response = api.post(f"/api/v1/matters/{case.matter.pk}/documents/",
                        {"kind": "demand_letter", "recipient": stranger.pk}, content_type="application/json")
    assert response.status_code == 400 and response.json()["message"]
    response = api.post(f"/api/v1/matters/{case.matter.pk}/documents/",
                        {"kind": "complaint", "recipient": case.guarantor.pk}, content_type="application/json")
    assert response.status_code == 400
    ok = api.post(f"/api/v1/matters/{case.matter.pk}/documents/",
                  {"kind": "demand_letter", "recipient": case.guarantor.pk}, content_type="application/json")
    assert ok.status_code == 201 and "致担保人" in ok.json()["title"]


def test_another_firm_cannot_generate_a_letter_to_this_firms_guarantor(alpha, beta, case):
    response = beta.client(beta.partner).post(
        f"/api/v1/matters/{case.matter.pk}/documents/", {"kind": "demand_letter", "recipient": case.guarantor.pk},
        content_type="application/json")
    assert response.status_code == 404


@pytest.mark.parametrize("kind, clause", [
    ("general", "丙方（赵五）自愿为乙方在本协议项下的全部债务向甲方承担一般保证责任，即在乙方财产依法强制执行后仍不能履行的部分"),
    ("joint", "丙方（赵五）自愿为乙方在本协议项下的全部债务向甲方承担连带责任保证责任"),
])
def test_the_repayment_agreements_guarantee_clause_follows_the_kind(alpha, case, kind, clause):
    set_kind(alpha, case, kind)
    text = text_of(alpha, case.matter, "repayment_agreement")
    assert clause in text
    assert "连带保证责任" not in text


def test_the_preservation_application_lists_every_guarantor_whatever_the_kind(alpha, case):
    set_kind(alpha, case, "general")
    text = text_of(alpha, case.matter, "preservation_application")
    assert "被申请人：赵五" in text and "被申请人：杭州钱塘建材有限公司" in text
