"""Reads of the documents app: a matter's documents, the firm's templates, and the data a document prints."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import timezone

from calculators.selectors import holiday_calendar, lpr_table
from documents.models import DocumentTemplate, GeneratedDocument
from documents.template_context import MatterData
from matters.balances import matter_balance
from matters.deadlines import GuaranteeState, guarantee_states
from matters.judgments import matter_judgment
from matters.models import (
    AssetLead,
    BankruptcyClaim,
    Client,
    Debtor,
    DemandLetter,
    EvidenceFile,
    Guarantee,
    Instalment,
    Lawsuit,
    Mandate,
    Matter,
    Payment,
    PaymentOrder,
    Preservation,
    RepaymentAgreement,
)
from rules.deadlines import HolidayCalendar, deadline_for
from rules.guarantees import guarantee_period_end
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
        Prefetch("guarantees", queryset=Guarantee.objects.select_related("debtor", "contract").order_by("id")),
        Prefetch("payments", queryset=Payment.objects.order_by("received_on", "id")),
        Prefetch("evidence_files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")),
        "lawsuits", "preservations", "enforcements", "asset_leads", "demand_letters", "payment_orders",
        "bankruptcy_claims",
        Prefetch("repayment_agreements", queryset=RepaymentAgreement.objects.order_by("signed_on", "id")
                 .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.order_by("number")))),
    )


def construction_priority_until(matter) -> date | None:
    """The last day of a construction matter's 建设工程价款优先受偿权 (法释〔2020〕25号第四十一条)."""
    if matter.cause != "construction":
        return None
    return deadline_for("construction_priority", matter.due_date, holiday_calendar()).deadline


def matter_document_data(matter: Matter, *, firm, as_of: date | None = None, lpr=None,
                         recipient_id: int | None = None) -> MatterData:
    """What the documents of ``matter`` print; ``recipient_id``: the guarantor a 律师函 goes to (ValueError when
    that is not one of the matter's guarantors)."""
    today = timezone.localdate()
    calendar = holiday_calendar()
    guarantees = guarantee_states(matter, calendar=calendar, today=today)
    recipient = None
    if recipient_id is not None:
        recipient = next((state for state in guarantees if state.guarantee.debtor_id == recipient_id), None)
        if recipient is None:
            raise ValueError("not a guarantor of the matter")
    lpr = lpr if lpr is not None else lpr_table()
    claims = list(matter.bankruptcy_claims.all())
    # A claim in bankruptcy is stated as at the day the court accepted the application (企业破产法第四十六条).
    bankruptcy_balance = (matter_balance(matter, as_of=claims[-1].accepted_on, lpr=lpr, calendar=calendar)
                          if claims else None)
    agreements = [(a, list(a.instalments.all())) for a in matter.repayment_agreements.all()]
    return MatterData(
        firm=firm, matter=matter, client=matter.mandate.client, mandate=matter.mandate, debtor=matter.debtor,
        guarantors=[state.guarantee.debtor for state in guarantees], guarantees=guarantees, recipient=recipient,
        lawyer=matter.lawyer, partner=matter.mandate.responsible_partner,
        evidence=list(matter.evidence_files.all()), lawsuits=list(matter.lawsuits.all()),
        preservations=list(matter.preservations.all()), enforcements=list(matter.enforcements.all()),
        asset_leads=list(matter.asset_leads.all()),
        agreements=agreements,
        demand_letters=list(matter.demand_letters.all()),
        balance=matter_balance(matter, as_of=as_of or today, lpr=lpr, calendar=calendar), today=today, lpr=lpr,
        judgment=matter_judgment(matter.lawsuits.all(), calendar),
        payment_orders=list(matter.payment_orders.all()),
        construction_priority_until=construction_priority_until(matter),
        bankruptcy_claims=claims, bankruptcy_balance=bankruptcy_balance,
        agreement_balance=(matter_balance(matter, as_of=agreements[-1][0].signed_on, lpr=lpr, calendar=calendar)
                           if agreements else None),
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
                    address="上海市黄浦区南京东路1号", bank_name="中国银行上海黄浦支行", bank_account="4567 8901 2345")
    mandate = Mandate(client=client, contract_number="QSHT-2026-001", contract_date=date(2026, 1, 5),
                      cause="sale", placed_amount=Decimal("250000.00"), fee_type="risk",
                      upfront_rate=Decimal("0.03"), success_rate=Decimal("0.10"), authority="special",
                      special_powers=["admit_claims", "settle", "appeal", "receive_enforcement_money"],
                      scope=["first_instance", "second_instance", "enforcement"])
    debtor = Debtor(kind="company", name="杭州钱塘建材有限公司", id_number="91330106MA2B000001",
                    legal_representative="李四", addresses=["浙江省杭州市西湖区文三路1号"], phones=["0571-88886666"])
    guarantor = Debtor(kind="person", name="赵五", id_number="11010519491231002X", ethnicity="汉族",
                       addresses=["浙江省杭州市上城区解放路2号"], phones=["13800000000"])
    guarantee = Guarantee(debtor=guarantor, kind="joint")
    matter = Matter(reference="QS-2026-000012", mandate=mandate, debtor=debtor, cause="sale",
                    description="双方于2024年3月签订《购销合同》，约定上海申江贸易有限公司供应建材，杭州钱塘建材有限公司于收货后30日内付款。"
                                "供货方已依约交货，购货方至今尚欠货款未付。",
                    principal=Decimal("250000.00"), costs=Decimal("0.00"), interest_type="lpr",
                    lpr_multiplier=Decimal("1.5"), due_date=date(2025, 1, 1), stage="litigation",
                    opened_on=date(2026, 3, 1), arbitration_commission="上海仲裁委员会")
    evidence = [EvidenceFile(matter=matter, category=c, title=t, original_name=f"{t}.pdf")
                for c, t in (("contract", "购销合同"), ("delivery", "送货单"), ("statement", "对账单"))]
    lawsuit = Lawsuit(matter=matter, court="杭州市西湖区人民法院", case_number="（2026）浙0106民初100号",
                      filed_on=date(2026, 2, 20), decision="judgment", decided_on=date(2026, 6, 1),
                      served_on=date(2026, 6, 2), performance_days=10, performance_due_on=date(2026, 7, 1),
                      judgment_text="一、被告杭州钱塘建材有限公司于本判决生效之日起十日内支付原告上海申江贸易有限公司货款250,000元"
                                    "及利息8,345.67元；\n二、驳回原告的其他诉讼请求。\n案件受理费4,000元，由被告负担。",
                      awarded_principal=Decimal("250000.00"), awarded_interest=Decimal("8345.67"),
                      interest_awarded_to=date(2026, 6, 1), awarded_costs=Decimal("4000.00"),
                      awarded_amount=Decimal("262345.67"))
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
                            interest_rate=None, lpr_multiplier=matter.lpr_multiplier, lpr_markup=None,
                            lpr_fixed_on=None,
                            interest_from=None, due_date=matter.due_date,
                            payments=SimpleNamespace(all=lambda: []), lawsuits=SimpleNamespace(all=lambda: [lawsuit]))
    calendar = HolidayCalendar.weekends_only()
    table = LprTable(entries=LPR_SEED)
    balance = matter_balance(proxy, as_of=today, lpr=table, calendar=calendar)
    claim = BankruptcyClaim(matter=matter, court="杭州市中级人民法院", case_number="（2026）浙01破5号",
                            accepted_on=date(2026, 6, 1), notice_on=date(2026, 6, 10),
                            declaration_deadline=date(2026, 8, 31), administrator_name="浙江某某律师事务所",
                            administrator_contact="陈律师 0571-86660000", administrator_address="浙江省杭州市上城区钱江路1号")
    bankruptcy_balance = matter_balance(proxy, as_of=claim.accepted_on, lpr=table, calendar=calendar)
    period = guarantee_period_end(main_due_date=matter.due_date, calendar=calendar)
    state = GuaranteeState(guarantee=guarantee, period=period, kept_alive_on=date(2025, 3, 3), released=False,
                           limitation_start=date(2025, 3, 3))
    agreement_balance = matter_balance(proxy, as_of=agreement.signed_on, lpr=table, calendar=calendar)
    return MatterData(firm=firm, matter=matter, client=client, mandate=mandate, debtor=debtor,
                      guarantees=[state], guarantors=[guarantor], lawyer=lawyer, partner=partner, evidence=evidence,
                      lawsuits=[lawsuit],
                      preservations=[preservation], enforcements=[], asset_leads=assets,
                      agreements=[(agreement, instalments)], demand_letters=letters, balance=balance,
                      today=today - timedelta(days=0), judgment=matter_judgment([lawsuit], calendar), lpr=table,
                      payment_orders=[PaymentOrder(matter=matter, court="杭州市西湖区人民法院",
                                                   case_number="（2026）浙0106民督10号",
                                                   amount=Decimal("262345.67"))],
                      bankruptcy_claims=[claim], bankruptcy_balance=bankruptcy_balance, agreement_balance=agreement_balance)
