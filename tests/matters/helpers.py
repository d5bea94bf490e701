"""Test data for the matters app, always made through the services (never by hand)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from matters import services
from rules.identifiers import resident_id_check_char, uscc_check_char

_serial = count(1)


def valid_uscc(seed: int | None = None) -> str:
    """A structurally valid 统一社会信用代码, distinct for each call."""
    number = next(_serial) if seed is None else seed
    first17 = f"91310000MA{number:07d}"
    return first17 + uscc_check_char(first17)


def valid_resident_id(seed: int | None = None) -> str:
    number = next(_serial) if seed is None else seed
    first17 = f"110105198001{(number % 28) + 1:02d}{number % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def make_client(actor, **fields):
    fields.setdefault("name", f"上海甲方贸易有限公司{next(_serial)}")
    fields.setdefault("uscc", valid_uscc())
    fields.setdefault("legal_representative", "王总")
    return services.client_create(actor=actor, **fields)


def make_debtor(actor, **fields):
    fields.setdefault("name", f"浙江乙方建材有限公司{next(_serial)}")
    fields.setdefault("id_number", valid_uscc())
    fields.setdefault("addresses", ["浙江省杭州市西湖区文三路1号"])
    return services.debtor_create(actor=actor, **fields)


def make_mandate(actor, *, client=None, partner=None, **fields):
    client = client or make_client(actor)
    fields.setdefault("contract_date", date(2024, 1, 5))
    return services.mandate_create(actor=actor, client=client, responsible_partner=partner or actor, **fields)


def make_matter(actor, *, mandate=None, debtor=None, partner=None, **fields):
    mandate = mandate or make_mandate(actor, partner=partner)
    debtor = debtor or make_debtor(actor)
    fields.setdefault("principal", Decimal("100000.00"))
    fields.setdefault("due_date", date(2024, 1, 1))
    fields.setdefault("opened_on", date(2026, 3, 1))
    return services.matter_create(actor=actor, mandate=mandate, debtor=debtor, **fields)


def add_matters(people, count: int, *, with_overdue_instalment: bool = False):
    """``count`` open matters of one new client, each with a payment (and optionally a missed instalment)."""
    p = people.partner
    with schema_context(people.firm.schema_name):
        mandate = make_mandate(p)
        guarantor = make_debtor(p)
        due = timezone.localdate() - timedelta(days=200)
        for _ in range(count):
            # The guarantor was asked to pay within the guarantee period: the guarantee adds no overdue deadline.
            matter = make_matter(p, mandate=mandate, lawyer=people.lawyer, due_date=due, guarantees=[
                {"debtor": guarantor, "kind": "joint", "demanded_on": due + timedelta(days=30)}])
            services.payment_record(actor=p, matter=matter, received_on=timezone.localdate() - timedelta(days=10),
                                    amount=Decimal("100"))
            if with_overdue_instalment:
                services.repayment_agreement_create(
                    actor=p, matter=matter, signed_on=timezone.localdate() - timedelta(days=60),
                    compromise_amount=Decimal("5000.00"),
                    instalments=[{"due_on": timezone.localdate() - timedelta(days=30), "amount": Decimal("5000.00")}])


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


def build_world(people, *, prefix: str = "") -> World:
    """``prefix`` starts the parties' names, to tell two worlds apart."""
    actor = people.partner
    with schema_context(people.firm.schema_name):
        client = make_client(actor, name=f"{prefix}上海申江贸易有限公司")
        debtor = make_debtor(actor, name=f"{prefix}杭州钱塘建材有限公司")
        guarantor = make_debtor(actor, name=f"{prefix}杭州担保投资有限公司")
        mandate = make_mandate(actor, client=client, contract_number="沪申律委字〔2025〕第8号")
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
                actor=actor, matter=matter, signed_on=date(2026, 1, 28), compromise_amount=Decimal("5000.00"),
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
            "payment-orders": services.payment_order_create(actor=actor, matter=matter, court="杭州市西湖区人民法院",
                                                            applied_on=date(2026, 2, 10)),
            "credit-investigations": services.credit_investigation_create(
                actor=actor, matter=matter, investigated_on=date(2026, 1, 15), conclusion="债务人仍在经营，建议先发律师函"),
            "bankruptcy-claims": services.bankruptcy_claim_create(actor=actor, matter=matter, court="杭州市中级人民法院",
                                                                  accepted_on=date(2026, 3, 2)),
        }
        return World(client=client.pk, debtor=debtor.pk, guarantor=guarantor.pk, mandate=mandate.pk,
                     matter=matter.pk, payment=payment.pk, worklog=entry.pk, evidence=evidence.pk,
                     records={prefix: record.pk for prefix, record in records.items()})
