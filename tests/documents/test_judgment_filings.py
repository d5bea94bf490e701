"""The enforcement application and the PDFs once a judgment is entered: its operative part, awarded sums, fees,
the real performance deadline and the doubled interest, read back from the generated files."""

from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from documents import reports, services
from documents.models import GeneratedDocument
from matters import services as matter_services
from tests.documents.conftest import build_case, with_firm_details
from tests.documents.helpers import docx_text
from tests.documents.test_pdf_and_dossier import pdf_text

pytestmark = pytest.mark.django_db

D = Decimal
# Served 2026-03-25: appeal period to 2026-04-09, then ten days to 2026-04-19, a Sunday → 2026-04-20.
JUDGMENT = {"court": "杭州市西湖区人民法院", "case_number": "（2026）浙0106民初100号", "filed_on": date(2026, 2, 20),
            "decision": "judgment", "decided_on": date(2026, 3, 20), "served_on": date(2026, 3, 25),
            "performance_days": 10,
            "judgment_text": "一、被告杭州钱塘建材有限公司于本判决生效之日起十日内支付原告货款100,000元及利息5,000元；\n"
                             "二、驳回原告的其他诉讼请求。\n案件受理费2,300元，由被告负担。",
            "awarded_principal": D("100000.00"), "awarded_interest": D("5000.00"),
            "interest_awarded_to": date(2026, 3, 20), "awarded_costs": D("2300.00")}


@pytest.fixture
def judged_case(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, stage="enforcement", with_lawsuit=False)
        matter_services.lawsuit_create(actor=alpha.lawyer, matter=case.matter, **JUDGMENT)
    return case


def generate_text(people, matter, kind="enforcement_application") -> str:
    with schema_context(people.firm.schema_name):
        document = services.document_generate(actor=people.lawyer, matter=matter, kind=kind, firm=people.firm)
        with document.file.open("rb") as handle:
            return docx_text(handle.read())


def test_enforcement_application_recites_the_judgment_and_claims_doubled_interest(alpha, judged_case):
    text = generate_text(alpha, judged_case.matter)
    assert "（2026）浙0106民初100号民事判决书，已于2026年4月9日发生法律效力，履行期限已于2026年4月20日届满" in text
    assert "一、被告杭州钱塘建材有限公司于本判决生效之日起十日内支付原告货款100,000元及利息5,000元；" in text
    assert "案件受理费2,300元，由被告负担。" in text
    # The awarded sums in figures and uppercase; the 10,000 paid in 2025 is in the judgment's figures already.
    assert "支付人民币107,300.00元（大写：壹拾万零柒仟叁佰元整）" in text
    assert "本金100,000.00元（大写：壹拾万元整）" in text
    assert "利息5,000.00元（大写：伍仟元整），计至2026年3月20日" in text
    assert "诉讼费用2,300.00元（大写：贰仟叁佰元整）" in text
    # 107,300 × 0.0175% × 216 days (2026-04-21 … 2026-11-22) = 4,055.94.
    assert "自2026年4月21日起至实际履行之日止按日万分之一点七五计算，暂计至2026年11月22日为4,055.94元" in text
    assert "（大写：肆仟零伍拾伍元玖角肆分）" in text
    assert "被执行人：杭州钱塘建材有限公司" in text and "法定代表人：李四" in text
    assert "第二百四十七条、第二百五十条" in text


def test_application_states_the_real_deadline_not_the_day_after_service(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, stage="enforcement", with_lawsuit=False)
        matter_services.lawsuit_create(actor=alpha.lawyer, matter=case.matter, **{
            **JUDGMENT, "decided_on": date(2026, 11, 2), "served_on": date(2026, 11, 7)})
    text = generate_text(alpha, case.matter)
    assert "2026年11月8日" not in text
    assert "已于2026年11月23日发生法律效力，履行期限已于2026年12月3日届满" in text
    assert "自2026年12月4日起至实际履行之日止" in text


def test_withdrawn_suit_is_no_enforcement_basis(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, stage="enforcement", with_lawsuit=False)
        matter_services.lawsuit_create(actor=alpha.lawyer, matter=case.matter, court="杭州市西湖区人民法院",
                                       case_number="（2026）浙0106民初100号", filed_on=date(2026, 2, 20),
                                       decision="withdrawn", decided_on=date(2026, 3, 20))
        with pytest.raises(services.MissingData) as caught:
            services.document_generate(actor=alpha.lawyer, matter=case.matter, kind="enforcement_application",
                                       firm=alpha.firm)
        assert not GeneratedDocument.objects.filter(matter=case.matter).exists()
    missing = {item.field: item for item in caught.value.missing}
    assert {"lawsuit.document_name", "lawsuit.performance_due_on", "judgment_lines"} <= set(missing)
    assert "撤诉的诉讼不能作为执行依据" in missing["lawsuit.document_name"].label


def test_summary_and_write_off_index_show_the_doubled_interest_line(alpha, judged_case, tmp_path):
    with schema_context(alpha.firm.schema_name):
        content = reports.matter_summary_pdf(judged_case.matter, firm=alpha.firm, as_of=date(2026, 11, 22))
    text = pdf_text(content, tmp_path)
    assert "迟延履行期间加倍部分债务利息" in text and "2026年4月21日" in text
    assert "4,055.94" in text
    assert "111,355.94" in text


def test_an_arbitral_award_is_enforced_as_an_award_from_the_day_it_was_made(alpha, media_root):
    """仲裁法 第五十七条: the award takes effect when made, with no appeal period; the application names the 裁决书."""
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, stage="enforcement", with_lawsuit=False,
                          matter_fields={"dispute_resolution": "arbitration", "arbitration_commission": "上海仲裁委员会"})
        matter_services.lawsuit_create(actor=alpha.lawyer, matter=case.matter, **{
            **JUDGMENT, "forum": "arbitration", "court": "上海仲裁委员会", "case_number": "（2026）沪仲案字第0100号",
            "decision": "award", "served_on": date(2026, 3, 23),
            "judgment_text": "一、被申请人于本裁决作出之日起十日内支付申请人货款100,000元及利息5,000元；\n"
                             "二、仲裁费2,300元由被申请人承担。"})
    text = generate_text(alpha, case.matter)
    # Made 2026-03-20 (effective that day), ten days to 2026-03-30, a Monday.
    assert "（2026）沪仲案字第0100号裁决书，已于2026年3月20日发生法律效力，履行期限已于2026年3月30日届满" in text
    assert "民事裁决书" not in text and "该裁决书主文如下" in text
    assert "自2026年3月31日起至实际履行之日止按日万分之一点七五计算" in text
    assert "第二百四十八条、第二百五十条" in text
