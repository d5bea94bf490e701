"""Fixtures of the documents tests: a complete matter made through the matters services, files in a fresh
media folder, the firm's letterhead details filled in, and the clock pinned to :data:`TODAY`."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from accounts.services import user_set_practice_certificate
from matters import services
from tenants.services import firm_update_settings
from tests.matters.helpers import (
    make_client,
    make_debtor,
    make_mandate,
    make_matter,
    valid_resident_id,
    valid_uscc,
)

PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")
FIRM_DETAILS = {"address": "上海市浦东新区世纪大道100号", "phone": "021-66668888", "uscc": "91350100M000100Y43",
                "email": "office@alpha.test", "bank_name": "招商银行上海分行", "bank_account_name": "甲律师事务所",
                "bank_account": "121900000001"}


# Documents print today's date, count interest up to today and number 律师函 by year, so every test here runs
# on this day, whatever the machine's clock says. Mid-morning in Shanghai: the UTC date is the same day.
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def pinned_today():
    with time_machine.travel(datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                             tick=False):
        yield TODAY


@dataclass
class Case:
    matter: object
    client: object
    debtor: object
    guarantor: object
    mandate: object


LAWYER_CERTIFICATE = "13101201910123456"


def with_firm_details(people):
    with schema_context(people.firm.schema_name):
        firm_update_settings(firm=people.firm, actor=people.partner, **FIRM_DETAILS)
        user_set_practice_certificate(actor=people.partner, user=people.lawyer, number=LAWYER_CERTIFICATE)
        people.lawyer.refresh_from_db()
    return people.firm


def build_case(people, *, cause="sale", stage="litigation", fee_type="fixed", with_lawsuit=True,
               debtor_address=True, evidence=True, agreement=True, person_debtor=False, client_fields=None,
               matter_fields=None) -> Case:
    actor = people.partner
    client = make_client(actor, name="上海申江贸易有限公司", legal_representative="王建国",
                         address="上海市黄浦区南京东路1号", **(client_fields or {}))
    if person_debtor:
        debtor = make_debtor(actor, kind="person", name="钱多多", id_number=valid_resident_id(), ethnicity="汉族",
                             addresses=["浙江省杭州市上城区解放路2号"] if debtor_address else [])
    else:
        debtor = make_debtor(actor, name="杭州钱塘建材有限公司", legal_representative="李四",
                             id_number=valid_uscc(), addresses=["浙江省杭州市西湖区文三路1号"] if debtor_address else [])
    guarantor = make_debtor(actor, kind="person", name="赵五", id_number=valid_resident_id(), ethnicity="汉族",
                            addresses=["浙江省杭州市上城区解放路9号"])
    fee = {"fee_type": "fixed", "fixed_rate": Decimal("0.05")} if fee_type == "fixed" else {
        "fee_type": "risk", "upfront_rate": Decimal("0.03"), "success_rate": Decimal("0.10")}
    mandate = make_mandate(actor, client=client, cause=cause, placed_amount=Decimal("250000.00"),
                           authority="special", special_powers=["admit_claims", "settle", "appeal"],
                           contract_number="QSHT-2026-001", **fee)
    terms = {"interest_type": "fixed", "interest_rate": Decimal("6"), "due_date": date(2025, 1, 1),
             **(matter_fields or {})}
    matter = make_matter(actor, mandate=mandate, debtor=debtor, guarantors=[guarantor], lawyer=people.lawyer,
                         cause=cause, principal=Decimal("250000.00"),
                         description="双方于2024年3月签订《购销合同》，供货方已依约交货，购货方至今未付清货款。", **terms)
    services.payment_record(actor=people.finance, matter=matter, received_on=date(2025, 6, 1),
                            amount=Decimal("10000.00"))
    if evidence:
        services.evidence_upload(actor=people.lawyer, matter=matter, category="contract", title="购销合同",
                                 file=SimpleUploadedFile("合同.pdf", PDF_BYTES))
        services.evidence_upload(actor=people.lawyer, matter=matter, category="delivery", title="送货单",
                                 file=SimpleUploadedFile("送货单.pdf", PDF_BYTES))
    services.asset_lead_create(actor=actor, matter=matter, kind="bank_account", description="工商银行杭州西湖支行账户",
                               estimated_value=Decimal("300000.00"))
    services.demand_letter_create(actor=actor, matter=matter, letter_number="〔2025〕甲律函字第0021号",
                                  sent_on=date(2025, 12, 1), delivered_on=date(2025, 12, 3))
    if agreement:
        services.repayment_agreement_create(
            actor=actor, matter=matter, signed_on=date(2026, 1, 10), compromise_amount=Decimal("240000.00"),
            instalments=[{"due_on": date(2026, 2, 10), "amount": Decimal("120000.00")},
                         {"due_on": date(2026, 3, 10), "amount": Decimal("120000.00")}])
    if with_lawsuit:
        services.lawsuit_create(actor=actor, matter=matter, court="杭州市西湖区人民法院",
                                case_number="（2026）浙0106民初100号", filed_on=date(2026, 2, 20),
                                decision="judgment", decided_on=date(2026, 3, 20),
                                awarded_amount=Decimal("255000.00"), served_on=date(2026, 3, 25),
                                performance_due_on=date(2026, 4, 10),
                                judgment_text="一、被告于本判决生效之日起十日内支付原告货款255,000元。")
    return Case(matter=matter, client=client, debtor=debtor, guarantor=guarantor, mandate=mandate)


@pytest.fixture
def alpha_case(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        return build_case(alpha)
