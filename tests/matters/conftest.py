from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from matters import services
from tests.matters.helpers import make_client, make_debtor, make_mandate, make_matter

PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


@dataclass
class World:
    """One of everything in a firm, made through the services; ids for the URL tests."""

    client: int
    debtor: int
    guarantor: int
    mandate: int
    matter: int
    payment: int
    worklog: int
    evidence: int
    records: dict  # route prefix -> id


def build_world(people) -> World:
    actor = people.partner
    with schema_context(people.firm.schema_name):
        client = make_client(actor, name="上海申江贸易有限公司")
        debtor = make_debtor(actor, name="杭州钱塘建材有限公司")
        guarantor = make_debtor(actor, name="杭州担保投资有限公司")
        mandate = make_mandate(actor, client=client)
        matter = make_matter(actor, mandate=mandate, debtor=debtor, guarantors=[guarantor], lawyer=people.lawyer,
                             principal=Decimal("250000.00"))
        payment = services.payment_record(actor=people.finance, matter=matter, received_on=date(2026, 2, 1),
                                          amount=Decimal("1000.00"))
        entry = services.worklog_create(actor=people.lawyer, matter=matter, kind="call",
                                        occurred_on=date(2026, 1, 20), summary="电话催收，对方称月底付款")
        evidence = services.evidence_upload(actor=people.lawyer, matter=matter, category="contract",
                                            file=SimpleUploadedFile("合同.pdf", PDF_BYTES))
        preservation = services.preservation_create(actor=actor, matter=matter, court="杭州市西湖区人民法院",
                                                    pre_suit=True, ruling_on=date(2026, 2, 3))
        lawsuit = services.lawsuit_create(actor=actor, matter=matter, court="杭州市西湖区人民法院",
                                          filed_on=date(2026, 2, 20), case_number="（2026）浙0106民初100号")
        records = {
            "asset-leads": services.asset_lead_create(actor=actor, matter=matter, kind="real_estate",
                                                      description="西湖区某房产"),
            "letters": services.demand_letter_create(actor=actor, matter=matter, sent_on=date(2026, 1, 5)),
            "negotiations": services.negotiation_create(actor=actor, matter=matter, occurred_on=date(2026, 1, 25),
                                                        summary="首次会谈"),
            "repayment-agreements": services.repayment_agreement_create(
                actor=actor, matter=matter, signed_on=date(2026, 1, 28),
                instalments=[{"due_on": date(2026, 2, 28), "amount": Decimal("5000.00")}]),
            "preservations": preservation,
            "freezes": services.frozen_asset_create(actor=actor, matter=matter, preservation=preservation,
                                                    kind="bank_deposit", description="工商银行账户",
                                                    frozen_on=date(2026, 2, 4)),
            "lawsuits": lawsuit,
            "hearings": services.hearing_create(actor=actor, matter=matter, lawsuit=lawsuit,
                                                held_on=date(2026, 12, 10)),
            "enforcements": services.enforcement_create(actor=actor, matter=matter, court="杭州市西湖区人民法院"),
            "write-offs": services.write_off_create(actor=actor, matter=matter, basis="other"),
        }
        return World(client=client.pk, debtor=debtor.pk, guarantor=guarantor.pk, mandate=mandate.pk,
                     matter=matter.pk, payment=payment.pk, worklog=entry.pk, evidence=evidence.pk,
                     records={prefix: record.pk for prefix, record in records.items()})


@pytest.fixture
def alpha_world(alpha, media_root) -> World:
    return build_world(alpha)
