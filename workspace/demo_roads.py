"""The demo matters that each show one road or rule of the law: the filings' showcase matters (a construction
claim in time for its priority, a private loan to a person, a sale on the statutory late-payment basis), an
arbitration commission's fee schedule, a debtor in bankruptcy, a credit investigation and guarantees of both
kinds; with the helpers the whole demo shares. workspace/demo_matters.py calls them."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.pdf import render_pdf
from documents.services import next_letter_number
from matters import balances, services
from matters.models import ArbitrationFeeScale, Matter
from matters.stages import Outcome, Stage
from rules.identifiers import uscc_check_char
from tenants.models import Firm


def letter_number(year: int) -> str:
    """The next number of the firm's letters register, as a generated letter takes it (no number twice)."""
    return next_letter_number(Firm.objects.get(schema_name=connection.schema_name), year)


@functools.cache
def demo_evidence_pdf(title: str) -> bytes:
    """One small PDF per kind of evidence, shared by every demo matter (rendering one costs ~0.1 s)."""
    return render_pdf("pdf/demo_evidence.html", {"title": f"{title}（演示）"})


def seed_showcase(*, today, mandate, lawyer, worker, partner, person) -> None:
    """Three matters that each show a rule of the filings: a construction claim still in time for the
    priority of 民法典第八百零七条, a private loan to a person (the client is no financial institution) whose
    agreed rate goes beyond 4 × the LPR, and a sale on the statutory late-payment basis (LPR plus 30%)."""
    client = mandate.client
    construction_debtor = services.debtor_create(
        actor=worker, name="示例建设工程有限公司", id_number=uscc_from("91330106MA2D00001"),
        legal_representative="周建设", addresses=["浙江省杭州市西湖区示例路1号"])
    construction = services.matter_create(
        actor=worker, mandate=mandate, debtor=construction_debtor, cause="construction",
        principal=Decimal("860000.00"), due_date=today - timedelta(days=150), opened_on=today - timedelta(days=30),
        lawyer=lawyer, interest_type="lpr", lpr_multiplier=Decimal("1"),
        jurisdiction_clause="《建设工程施工合同》第二十条约定由工程所在地人民法院管辖",
        description=f"{client.name}承建示例建设工程有限公司厂房工程，已竣工验收并结算，发包人逾期未付工程款。")
    name, number = person
    borrower = services.debtor_create(actor=worker, kind="person", name=name, id_number=number, ethnicity="汉族",
                                      addresses=["江苏省苏州市姑苏区示例巷8号"], phones=["13800000001"])
    loan = services.matter_create(
        actor=worker, mandate=mandate, debtor=borrower, cause="loan", principal=Decimal("200000.00"),
        due_date=today - timedelta(days=200), opened_on=today - timedelta(days=40), lawyer=lawyer,
        interest_type="fixed", interest_rate=Decimal("18"),
        description=f"{name}向{client.name}借款20万元，约定年利率18%，到期未还。")
    sale_debtor = services.debtor_create(
        actor=worker, name="示例商贸有限公司", id_number=uscc_from("91320505MA1X00002"),
        legal_representative="吴商贸", addresses=["江苏省苏州市高新区示例大道2号"])
    sale = services.matter_create(
        actor=worker, mandate=mandate, debtor=sale_debtor, cause="sale", principal=Decimal("128000.00"),
        due_date=today - timedelta(days=260), opened_on=today - timedelta(days=60), lawyer=lawyer,
        interest_type="sale_lpr_markup", lpr_markup=Decimal("30"),
        description=f"{client.name}向示例商贸有限公司供应配件，合同未约定逾期付款违约金，买方逾期未付货款。")
    for matter in (construction, loan, sale):
        services.evidence_upload(actor=worker, matter=matter, category="contract", title="合同",
                                 source="原告提供", purpose="证明双方之间的合同关系及付款约定",
                                 file=SimpleUploadedFile("合同.pdf", demo_evidence_pdf("合同")))
        services.asset_lead_create(actor=worker, matter=matter, kind="bank_account", description="基本存款账户",
                                   source="委托人提供")
    services.asset_lead_create(actor=worker, matter=construction, kind="real_estate",
                               description="杭州市西湖区示例路1号办公楼", source="不动产登记查询")
    services.preservation_create(actor=partner, matter=sale, court="苏州市姑苏区人民法院", pre_suit=True,
                                 applied_on=today - timedelta(days=5), amount=sale.principal,
                                 insurer="中国人民财产保险股份有限公司苏州市分公司",
                                 policy_number=f"PZBA{today:%Y}32050000000001")


def uscc_from(first17: str) -> str:
    return first17 + uscc_check_char(first17)


ROAD_PAYMENT_ORDER = "payment_order"
ROAD_ARBITRATION = "arbitration"
DEMO_COMMISSION = "上海仲裁委员会"
# An editable example, not any commission's published table: the upper end of each slice's range in the national
# acceptance-fee table (《仲裁委员会仲裁收费办法》国办发〔1995〕44号 附件), written as cumulative tiers
# (from, fixed fee, rate above). Each firm checks it against its commission's current schedule.
DEMO_FEE_TIERS = (
    ("0", "100", "0"),
    ("1000", "100", "0.05"),
    ("50000", "2550", "0.04"),
    ("100000", "4550", "0.03"),
    ("200000", "7550", "0.02"),
    ("500000", "13550", "0.01"),
    ("1000000", "18550", "0.005"),
)


def arbitration_fee_scale_seed(partner) -> None:
    """The example arbitration-fee schedule of the demo firm, once."""
    if ArbitrationFeeScale.objects.filter(commission=DEMO_COMMISSION).exists():
        return
    services.arbitration_fee_scale_save(
        actor=partner, commission=DEMO_COMMISSION,
        source="示例：按《仲裁委员会仲裁收费办法》（国办发〔1995〕44号）案件受理费表各档上限折算，"
               "请以该仲裁委员会现行公布的收费标准核对修改。",
        tiers=[{"from_amount": Decimal(start), "fixed_fee": Decimal(fixed), "rate": Decimal(rate)}
               for start, fixed, rate in DEMO_FEE_TIERS])


def seed_open_bankruptcy(*, worker, today):
    """One open matter in enforcement whose debtor has gone bankrupt: the claim declared within the period."""
    matter = (Matter.objects.filter(stage=Stage.ENFORCEMENT, outcome=Outcome.OPEN).select_related("debtor")
              .order_by("id").first())
    if matter is None:
        return
    accepted = today - timedelta(days=40)
    notice = accepted + timedelta(days=5)
    owed = balances.matter_balance(matter, as_of=accepted).outstanding
    services.bankruptcy_claim_create(
        actor=worker, matter=matter, court="杭州市中级人民法院", case_number=f"（{accepted.year}）浙01破{matter.pk}号",
        accepted_on=accepted, notice_on=notice, declaration_deadline=notice + timedelta(days=60),
        administrator_name="浙江清算律师事务所", administrator_contact="陈律师 0571-86660000",
        administrator_address="浙江省杭州市上城区钱江路1号", declared_on=today - timedelta(days=10),
        declared_amount=owed, note=f"{matter.debtor.name}破产清算，执行程序中止（企业破产法第十九条）。")


def seed_credit_investigation(*, worker, today):
    """One matter at due diligence with its credit investigation done, ready for the 资信调查报告."""
    matter = (Matter.objects.filter(stage=Stage.DUE_DILIGENCE, outcome=Outcome.OPEN, debtor__kind="company")
              .order_by("id").first())
    if matter is None:
        return
    services.credit_investigation_create(
        actor=worker, matter=matter, investigated_on=today - timedelta(days=3),
        registered_capital=Decimal("10000000.00"), established_on=date(2012, 5, 18), registration_status="active",
        business_scope="建筑材料、五金交电的销售；货物进出口。", shareholders="控股股东持股70%；其他股东持股30%。",
        litigation_count=6, litigation_summary="近三年作为被告的买卖合同纠纷6件，其中2件已进入执行程序，执行标的合计约80万元。",
        dishonest_debtor=False, consumption_restricted=True,
        conclusion="债务人仍在经营，名下有银行账户及应收账款线索，但涉诉增多、法定代表人已被限制高消费，偿债能力在下降。",
        recommended_road="preservation")


def seed_guarantees(*, today, worker, debtors) -> None:
    """Two open matters not yet in court get a guarantor with terms: a joint guarantee whose guarantor was
    sent a letter, delivered within the period (kept alive), and a general guarantee whose agreed period ends in
    three weeks with no suit yet (the deadline lists warn of it)."""
    early = (Matter.objects.filter(outcome=Outcome.OPEN, lawsuits__isnull=True,
                                   stage__in=[Stage.DEMAND_LETTER, Stage.NEGOTIATION])
             .select_related("debtor").order_by("id")[:2])
    plans = (("joint", today + timedelta(days=200)), ("general", today + timedelta(days=20)))
    for matter, (kind, period_ends_on), guarantor in zip(early, plans, reversed(debtors), strict=False):
        if guarantor.pk == matter.debtor_id:
            continue
        contract = services.evidence_upload(actor=worker, matter=matter, category="guarantee", title="保证合同",
                                            file=SimpleUploadedFile("保证合同.pdf", demo_evidence_pdf("保证合同")))
        services.matter_update(actor=worker, matter=matter, guarantees=[
            {"debtor": guarantor, "kind": kind, "period_ends_on": period_ends_on, "contract": contract}])
        if kind == "joint":
            sent_on = today - timedelta(days=10)
            services.demand_letter_create(actor=worker, matter=matter, recipient=guarantor, sent_on=sent_on,
                                          delivered_on=today - timedelta(days=7),
                                          letter_number=letter_number(sent_on.year), method="ems")
