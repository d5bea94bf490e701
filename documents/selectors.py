"""Reads of the documents app: a matter's documents, the firm's templates, and the data a document prints."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import timezone

from documents.models import DocumentTemplate, GeneratedDocument
from documents.template_context import MatterData
from matters.models import (
    AssetLead,
    Client,
    Debtor,
    DemandLetter,
    EvidenceFile,
    Instalment,
    Lawsuit,
    Mandate,
    Matter,
    Payment,
    Preservation,
    RepaymentAgreement,
)
from matters.selectors import matter_balance
from rules.lpr_seed import LPR_SEED
from rules.rates import LprTable


def documents_of_matter(matter):
    return GeneratedDocument.objects.filter(matter=matter).select_related("author", "template").order_by(
        "-created_at", "-id")


def active_template(kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(kind=kind, is_active=True).first()


def templates_by_kind() -> dict[str, list[DocumentTemplate]]:
    result: dict[str, list[DocumentTemplate]] = {}
    for template in DocumentTemplate.objects.select_related("uploaded_by").order_by("kind", "-version"):
        result.setdefault(template.kind, []).append(template)
    return result


def matter_for_documents(queryset):
    """The joins every document of a matter needs, in a fixed number of queries."""
    return queryset.select_related("mandate__client", "mandate__responsible_partner", "debtor", "lawyer").prefetch_related(
        "guarantors",
        Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id")),
        Prefetch("evidence_files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")),
        "lawsuits", "preservations", "enforcements", "asset_leads", "demand_letters",
        Prefetch("repayment_agreements", queryset=RepaymentAgreement.objects.order_by("signed_on", "id")
                 .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.order_by("number")))),
    )


def matter_document_data(matter: Matter, *, firm, as_of: date | None = None, lpr=None) -> MatterData:
    today = timezone.localdate()
    agreements = [(a, list(a.instalments.all())) for a in matter.repayment_agreements.all()]
    return MatterData(
        firm=firm, matter=matter, client=matter.mandate.client, mandate=matter.mandate, debtor=matter.debtor,
        guarantors=list(matter.guarantors.all()), lawyer=matter.lawyer, partner=matter.mandate.responsible_partner,
        evidence=list(matter.evidence_files.all()), lawsuits=list(matter.lawsuits.all()),
        preservations=list(matter.preservations.all()), enforcements=list(matter.enforcements.all()),
        asset_leads=list(matter.asset_leads.all()),
        agreements=agreements,
        demand_letters=list(matter.demand_letters.all()),
        balance=matter_balance(matter, as_of=as_of or today, lpr=lpr), today=today,
        agreement_balance=matter_balance(matter, as_of=agreements[-1][0].signed_on, lpr=lpr) if agreements else None,
    )


def demo_matter_data(firm=None) -> MatterData:
    """A complete fictitious matter (nothing saved): templates are test-rendered against it on upload."""
    today = date(2026, 11, 22)
    firm = firm if firm is not None and getattr(firm, "name", "") else SimpleNamespace(name="清收律师事务所")
    firm = SimpleNamespace(
        name=firm.name, address=getattr(firm, "address", "") or "上海市浦东新区世纪大道100号",
        uscc=getattr(firm, "uscc", "") or "31310000MD0000000X", phone=getattr(firm, "phone", "") or "021-66668888",
        email=getattr(firm, "email", "") or "office@example.cn",
        bank_name=getattr(firm, "bank_name", "") or "招商银行上海分行",
        bank_account_name=getattr(firm, "bank_account_name", "") or firm.name,
        bank_account=getattr(firm, "bank_account", "") or "1219 0000 0000 0001",
    )
    lawyer = SimpleNamespace(name="张明", email="zhang@example.cn", practice_certificate_number="13101201910123456")
    partner = SimpleNamespace(name="王合伙人", email="wang@example.cn")
    client = Client(name="上海申江贸易有限公司", uscc="91310000MA0000001X", legal_representative="王总",
                    address="上海市黄浦区南京东路1号")
    mandate = Mandate(client=client, contract_number="QSHT-2026-001", contract_date=date(2026, 1, 5),
                      cause="sale", placed_amount=Decimal("250000.00"), fee_type="risk",
                      upfront_rate=Decimal("0.03"), success_rate=Decimal("0.10"), authority="special",
                      special_powers=["admit_claims", "settle", "appeal", "receive_enforcement_money"],
                      scope=["first_instance", "second_instance", "enforcement"])
    debtor = Debtor(kind="company", name="杭州钱塘建材有限公司", id_number="91330106MA2B000001",
                    legal_representative="李四", addresses=["浙江省杭州市西湖区文三路1号"], phones=["0571-88886666"])
    guarantor = Debtor(kind="person", name="赵五", id_number="11010519491231002X",
                       addresses=["浙江省杭州市上城区解放路2号"], phones=["13800000000"])
    matter = Matter(reference="QS-2026-000012", mandate=mandate, debtor=debtor, cause="sale",
                    description="双方于2024年3月签订《购销合同》，约定上海申江贸易有限公司供应建材，杭州钱塘建材有限公司于收货后30日内付款。"
                                "供货方已依约交货，购货方至今尚欠货款未付。",
                    principal=Decimal("250000.00"), costs=Decimal("0.00"), interest_type="lpr",
                    lpr_multiplier=Decimal("1.5"), due_date=date(2025, 1, 1), stage="litigation",
                    opened_on=date(2026, 3, 1))
    evidence = [EvidenceFile(matter=matter, category=c, title=t, original_name=f"{t}.pdf")
                for c, t in (("contract", "购销合同"), ("delivery", "送货单"), ("statement", "对账单"))]
    lawsuit = Lawsuit(matter=matter, court="杭州市西湖区人民法院", case_number="（2026）浙0106民初100号",
                      filed_on=date(2026, 2, 20), decision="judgment", decided_on=date(2026, 6, 1),
                      awarded_amount=Decimal("262345.67"), performance_due_on=date(2026, 7, 1))
    preservation = Preservation(matter=matter, court="杭州市西湖区人民法院", amount=Decimal("262345.67"))
    agreement = RepaymentAgreement(matter=matter, signed_on=date(2026, 5, 1), total_amount=Decimal("250000.00"),
                                   compromise_amount=Decimal("250000.00"))
    instalments = [Instalment(agreement=agreement, number=n, due_on=due, amount=amount) for n, due, amount in (
        (1, date(2026, 6, 1), Decimal("100000.00")), (2, date(2026, 7, 1), Decimal("100000.00")),
        (3, date(2026, 8, 1), Decimal("50000.00")))]
    assets = [AssetLead(matter=matter, kind="bank_account", description="工商银行杭州西湖支行账户",
                        estimated_value=Decimal("300000.00"))]
    letters = [DemandLetter(matter=matter, letter_number="〔2026〕清律函字第0001号", sent_on=date(2026, 1, 10),
                            delivered_on=date(2026, 1, 12))]
    proxy = SimpleNamespace(principal=matter.principal, costs=matter.costs, interest_type=matter.interest_type,
                            interest_rate=None, lpr_multiplier=matter.lpr_multiplier, lpr_fixed_on=None,
                            interest_from=None, due_date=matter.due_date,
                            payments=SimpleNamespace(all=lambda: []))
    balance = matter_balance(proxy, as_of=today, lpr=LprTable(entries=LPR_SEED))
    agreement_balance = matter_balance(proxy, as_of=agreement.signed_on, lpr=LprTable(entries=LPR_SEED))
    return MatterData(firm=firm, matter=matter, client=client, mandate=mandate, debtor=debtor,
                      guarantors=[guarantor], lawyer=lawyer, partner=partner, evidence=evidence, lawsuits=[lawsuit],
                      preservations=[preservation], enforcements=[], asset_leads=assets,
                      agreements=[(agreement, instalments)], demand_letters=letters, balance=balance,
                      today=today - timedelta(days=0), agreement_balance=agreement_balance)
