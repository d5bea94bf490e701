"""Demo data for the demo firm: clients, debtors, mandates and about 60 matters spread over every stage and
outcome, each with the records its stage would have. Everything goes through the services, so the timeline,
the deadlines and the balances look exactly as they would after real work.

Deterministic (a fixed random seed; dates relative to ``today``) and idempotent: it does nothing when the
firm already has matters. Call it inside the firm's schema.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from core.formatting import money_text
from matters import balances, services
from matters.models import Matter
from matters.stages import STAGE_ORDER, WRITE_OFF_OUTCOMES, Outcome, Stage
from rules.court_fees import acceptance_fee
from rules.identifiers import USCC_ALPHABET, resident_id_check_char, uscc_check_char
from workspace.demo_roads import (
    DEMO_COMMISSION,
    ROAD_ARBITRATION,
    ROAD_PAYMENT_ORDER,
    arbitration_fee_scale_seed,
    demo_evidence_pdf,
    letter_number,
    seed_credit_investigation,
    seed_guarantees,
    seed_open_bankruptcy,
    seed_showcase,
)

REGIONS = (("上海", "310115"), ("杭州", "330106"), ("苏州", "320505"), ("南京", "320105"), ("宁波", "330212"),
           ("无锡", "320214"), ("合肥", "340104"), ("广州", "440106"), ("深圳", "440305"), ("成都", "510107"),
           ("武汉", "420106"), ("青岛", "370212"))
CORES = ("恒泰", "金鼎", "瑞丰", "华信", "永昌", "宏达", "鑫源", "海纳", "中联", "天合", "嘉禾", "盛世", "博远",
         "汇通", "长江", "东方", "润华", "凯越", "信达", "远航", "正和", "隆昌", "新桥", "锦程")
INDUSTRIES = ("建材", "机械制造", "商贸", "电子科技", "建筑工程", "物流", "食品", "化工", "纺织", "医疗器械",
              "新能源科技", "家具", "包装材料", "汽车配件")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭林何高罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华",
         "志强", "海燕", "晓东")
COURTS = ("上海市浦东新区人民法院", "杭州市西湖区人民法院", "苏州市姑苏区人民法院", "南京市鼓楼区人民法院",
          "宁波市北仑区人民法院", "广州市天河区人民法院", "深圳市南山区人民法院", "成都市武侯区人民法院")
COURT_CODES = ("沪0115", "浙0106", "苏0508", "苏0106", "浙0206", "粤0106", "粤0305", "川0107")
CAUSES = ("sale", "sale", "sale", "loan", "construction", "lease", "service", "other")

# Outcomes of the 60 matters: most are open; the rest end in every way a matter can end.
CLOSED_PLAN = ([Outcome.RECOVERED] * 6 + [Outcome.SETTLED] * 4 + [Outcome.WRITTEN_OFF] * 3
               + [Outcome.PARTIAL_WRITE_OFF] + [Outcome.WITHDRAWN] * 2)
MATTER_COUNT = 60
# Matters that show a rule at work, besides the generated ones.
SHOWCASE_COUNT = 3


@dataclass
class _Namer:
    rng: random.Random
    used: set

    def company(self) -> tuple[str, str]:
        while True:
            city, region = self.rng.choice(REGIONS)
            name = (f"{city}{self.rng.choice(CORES)}{self.rng.choice(INDUSTRIES)}"
                    f"{self.rng.choice(('有限公司', '有限公司', '股份有限公司'))}")
            if name not in self.used:
                self.used.add(name)
                return name, self.uscc(region)

    def uscc(self, region: str) -> str:
        body = "".join(self.rng.choice(USCC_ALPHABET[:-1]) for _ in range(9))
        first17 = f"91{region}{body}"
        return first17 + uscc_check_char(first17)

    def person(self) -> tuple[str, str]:
        name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
        _city, region = self.rng.choice(REGIONS)
        born = date(1965, 1, 1) + timedelta(days=self.rng.randrange(0, 365 * 30))
        first17 = f"{region}{born:%Y%m%d}{self.rng.randrange(0, 1000):03d}"
        return name, first17 + resident_id_check_char(first17)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high) * 100).quantize(Decimal("0.01"))


@transaction.atomic
def demo_matters_seed(*, partner, lawyer, paralegal=None, finance=None, client_user=None,
                      today: date | None = None) -> int:
    """Creates the demo firm's matters; returns how many (0 when the firm already has some)."""
    if Matter.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(20261122)
    namer = _Namer(rng, set())
    worker = paralegal or lawyer
    cashier = finance or partner

    clients = []
    for index in range(5):
        name, uscc = namer.company()
        clients.append(services.client_create(
            actor=partner, name=name, uscc=uscc, legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN),
            legal_representative_title="董事长",
            address=f"{name[:2]}市{rng.choice(('高新区', '经开区', '工业园区'))}{rng.randrange(1, 300)}号",
            contacts=[{"name": rng.choice(SURNAMES) + "经理", "position": "财务经理",
                       "phone": f"139{rng.randrange(10000000, 99999999)}"}]))
        if index == 0 and client_user is not None:
            services.client_member_add(actor=partner, client=clients[0], user=client_user)

    mandates = []
    for index, client in enumerate(clients):
        team = [member for member in (lawyer, paralegal) if member is not None]
        mandates.append(services.mandate_create(
            actor=partner, client=client, contract_date=today - timedelta(days=540 - index * 40),
            responsible_partner=partner, team=team, contract_number=f"QY-WT-{today.year - 1}-{index + 1:03d}",
            fee_type="fixed", placed_amount=Decimal("0")))
        mandates.append(services.mandate_create(
            actor=partner, client=client, contract_date=today - timedelta(days=300 - index * 30),
            responsible_partner=partner, team=team, contract_number=f"QY-WT-{today.year}-{index + 1:03d}",
            fee_type="risk", upfront_rate=Decimal("0.03"), success_rate=Decimal("0.10"),
            authority="special", special_powers=["admit_claims", "change_claims", "settle", "appeal",
                                                 "apply_enforcement", "receive_enforcement_money"]))

    debtors = []
    for index in range(40):
        if index % 8 == 7:
            name, number = namer.person()
            debtors.append(services.debtor_create(
                actor=worker, kind="person", name=name, id_number=number, ethnicity="汉族",
                addresses=[f"{rng.choice(REGIONS)[0]}市某区某路{rng.randrange(1, 500)}号"],
                phones=[f"13{rng.randrange(100000000, 999999999)}"]))
        else:
            name, number = namer.company()
            debtors.append(services.debtor_create(
                actor=worker, name=name, id_number=number,
                legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN),
                addresses=[f"{name[:2]}市{rng.choice(('滨江区', '新区', '开发区'))}{rng.randrange(1, 900)}号"],
                phones=[f"0{rng.randrange(20, 999)}-{rng.randrange(1000000, 9999999)}"]))

    arbitration_fee_scale_seed(partner)
    outcomes = CLOSED_PLAN + [Outcome.OPEN] * (MATTER_COUNT - len(CLOSED_PLAN))
    rng.shuffle(outcomes)
    # The first two open matters that stop in litigation take the other roads to payment.
    other_roads = [ROAD_PAYMENT_ORDER, ROAD_ARBITRATION]
    for index in range(MATTER_COUNT):
        target = STAGE_ORDER[index % len(STAGE_ORDER)]
        outcome = outcomes[index]
        if outcome in WRITE_OFF_OUTCOMES:
            target = Stage.WRITE_OFF
        elif target == Stage.WRITE_OFF and outcome == Outcome.OPEN and index % 2:
            target = Stage.ENFORCEMENT
        road = other_roads.pop(0) if other_roads and target == Stage.LITIGATION and outcome == Outcome.OPEN else ""
        _seed_matter(rng=rng, index=index, today=today, mandate=mandates[index % len(mandates)],
                     debtor=debtors[index % len(debtors)], guarantor=debtors[(index * 7 + 3) % len(debtors)],
                     lawyer=partner if index % 3 == 2 else lawyer, worker=worker, partner=partner, cashier=cashier,
                     target=target, outcome=outcome, road=road)
    seed_showcase(today=today, mandate=mandates[0], lawyer=lawyer, worker=worker, partner=partner,
                   person=namer.person())
    seed_open_bankruptcy(worker=worker, today=today)
    seed_credit_investigation(worker=worker, today=today)
    seed_guarantees(today=today, worker=worker, debtors=debtors)
    return MATTER_COUNT + SHOWCASE_COUNT


def _seed_matter(*, rng, index, today, mandate, debtor, guarantor, lawyer, worker, partner, cashier, target,
                 outcome, road=""):
    opened = today - timedelta(days=rng.randrange(60, 520))
    due = opened - timedelta(days=rng.randrange(30, 700))
    cause = CAUSES[index % len(CAUSES)]
    interest = rng.choice(("none", "fixed", "lpr"))
    matter = services.matter_create(
        actor=worker, mandate=mandate, debtor=debtor, cause=cause, principal=_money(rng, 500, 30000),
        costs=_money(rng, 0, 30), due_date=due, opened_on=opened, lawyer=lawyer,
        guarantors=[guarantor] if index % 4 == 0 and guarantor.pk != debtor.pk else [],
        interest_type=interest, interest_rate=Decimal("6") if interest == "fixed" else None,
        lpr_multiplier=Decimal("1.5") if interest == "lpr" else None,
        dispute_resolution="arbitration" if road == ROAD_ARBITRATION else "court",
        arbitration_commission=DEMO_COMMISSION if road == ROAD_ARBITRATION else "",
        description=f"{debtor.name}拖欠{mandate.client.name}货款/款项，经多次催要未果。",
        recovery_plan="调查财产线索后发函催收；对方有履行能力则协商分期，恶意拖欠则诉前保全并起诉。")
    # The contract and a reconciliation statement, so that the demo's filings can list their evidence.
    for category, title in (("contract", "购销合同"), ("statement", "对账单")):
        services.evidence_upload(actor=worker, matter=matter, category=category, title=title,
                                 file=SimpleUploadedFile(f"{title}.pdf", demo_evidence_pdf(title)))
    court_index = index % len(COURTS)
    court, code = COURTS[court_index], COURT_CODES[court_index]
    step = max(1, (today - opened).days // 8)
    day = opened

    def later(days: int | None = None) -> date:
        nonlocal day
        day = min(today, day + timedelta(days=days or rng.randrange(max(2, step // 2), step + 2)))
        return day

    services.asset_lead_create(actor=worker, matter=matter, kind=rng.choice(("real_estate", "vehicle", "bank_account",
                                                                              "equity", "receivable")),
                               description="经查询发现的财产线索", source=rng.choice(("企查查", "不动产登记查询",
                                                                                      "委托人提供", "实地走访")),
                               estimated_value=_money(rng, 100, 20000), found_on=later())
    services.worklog_create(actor=worker, matter=matter, kind="call", occurred_on=later(),
                            contact_person="对方财务", summary="电话催收，对方称资金紧张，需向领导汇报。",
                            outcome="未明确付款时间")

    version = matter.version
    path = [stage for stage in STAGE_ORDER if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(target)][1:]
    # Some matters skip the demand letter or negotiation, as real ones do.
    if index % 5 == 1 and Stage.NEGOTIATION in path and target != Stage.NEGOTIATION:
        path.remove(Stage.NEGOTIATION)
    if index % 6 == 2 and Stage.PRESERVATION in path and target != Stage.PRESERVATION:
        path.remove(Stage.PRESERVATION)
    lawsuit = None
    for stage in path:
        record: dict = {}
        when = later()
        if stage == Stage.DEMAND_LETTER:
            record = {"sent_on": when, "letter_number": letter_number(when.year),
                      "tracking_number": f"EA{rng.randrange(100000000, 999999999)}CN"}
        elif stage == Stage.PRESERVATION:
            record = {"court": court, "pre_suit": index % 2 == 0, "applied_on": when, "ruling_on": when,
                      "ruling_number": f"（{when.year}）{code}财保{rng.randrange(10, 999)}号",
                      "insurer": "中国人民财产保险股份有限公司", "policy_number": f"PZBA{when:%Y%m%d}{index + 1:04d}"}
        elif stage == Stage.LITIGATION and road == ROAD_PAYMENT_ORDER:
            # The court the suit goes to if the debtor objects (民诉法 第二百二十八条); not filed meanwhile.
            record = {"court": court}
        elif stage == Stage.LITIGATION and road == ROAD_ARBITRATION:
            record = {"court": DEMO_COMMISSION, "filed_on": when,
                      "case_number": f"（{when.year}）沪仲案字第{rng.randrange(100, 9999):04d}号",
                      "claimed_amount": matter.principal + matter.costs}
        elif stage == Stage.LITIGATION:
            record = {"court": court, "filed_on": when, "case_number": f"（{when.year}）{code}民初{rng.randrange(100, 9999)}号",
                      "claimed_amount": matter.principal + matter.costs}
        elif stage == Stage.ENFORCEMENT:
            record = {"court": court, "applied_on": when, "case_number": f"（{when.year}）{code}执{rng.randrange(100, 9999)}号",
                      "amount_applied": matter.principal}
        elif stage == Stage.WRITE_OFF and outcome == Outcome.PARTIAL_WRITE_OFF:
            record = {"basis": "bankruptcy", "basis_date": when,
                      "document_number": f"（{when.year}）浙01破{rng.randrange(10, 99)}号之三",
                      "note": "破产财产已最后分配，管理人确认的债权余额未获清偿，法院裁定终结破产程序。"}
        elif stage == Stage.WRITE_OFF:
            record = {"basis": "termination_ruling", "basis_date": when,
                      "document_number": f"（{when.year}）{code}执{rng.randrange(100, 9999)}号之一",
                      "note": "经穷尽财产调查措施，未发现可供执行的财产，法院裁定终结本次执行程序。"}
        if stage == Stage.ENFORCEMENT and lawsuit is not None:
            # The judgment came between filing and the enforcement application; its effective date and last
            # day for performance follow from service, the appeal period and its ten days.
            filed = lawsuit.filed_on or when
            decided = filed + (when - filed) / 2
            served = min(when, decided + timedelta(days=3))
            interest_awarded = (matter.principal * Decimal("0.03")).quantize(Decimal("0.01"))
            fee = acceptance_fee(matter.principal + interest_awarded).fee
            services.stage_record_update(
                actor=worker, record=lawsuit, decision="judgment", decided_on=decided, served_on=served,
                performance_days=10, awarded_principal=matter.principal, awarded_interest=interest_awarded,
                interest_awarded_to=decided, awarded_costs=fee,
                judgment_text=f"一、被告{matter.debtor.name}于本判决生效之日起十日内支付原告{matter.mandate.client.name}"
                              f"货款{money_text(matter.principal)}元及利息{money_text(interest_awarded)}元；\n"
                              f"二、驳回原告的其他诉讼请求。\n案件受理费{money_text(fee)}元，由被告负担。")
        moved = services.matter_transition(actor=worker if stage != Stage.WRITE_OFF else partner, matter=matter,
                                           version=version, to_stage=stage, on_date=when, record=record)
        version = moved.version
        if stage == Stage.LITIGATION and road == ROAD_PAYMENT_ORDER:
            # Issued and served a few days ago: the debtor's 15 days to pay or object are running.
            services.payment_order_create(
                actor=worker, matter=moved, court=court, case_number=f"（{today.year}）{code}民督{index + 10}号",
                applied_on=today - timedelta(days=12), issued_on=today - timedelta(days=8),
                served_on=today - timedelta(days=5), amount=matter.principal + matter.costs)
        else:
            _stage_extras(rng=rng, stage=stage, matter=moved, worker=worker, cashier=cashier, today=today, when=when,
                          court=DEMO_COMMISSION if road == ROAD_ARBITRATION else court,
                          index=index, later=later, last=stage == target)
        if stage == Stage.LITIGATION:
            lawsuit = moved.lawsuits.order_by("-id").first()
        if stage == Stage.ENFORCEMENT and outcome == Outcome.PARTIAL_WRITE_OFF:
            _seed_final_distribution(rng=rng, matter=moved, worker=worker, cashier=cashier, later=later)

    # Money received, and how the matter ended.
    if index % 3 == 0 or outcome in (Outcome.RECOVERED, Outcome.SETTLED):
        services.payment_record(actor=cashier, matter=matter, received_on=later(),
                                amount=(matter.principal * Decimal("0.2")).quantize(Decimal("0.01")),
                                payer_kind="debtor", method="bank_transfer", note="部分回款")
    if outcome == Outcome.OPEN:
        return
    closing_day = later()
    if outcome == Outcome.RECOVERED:
        balance = balances.matter_balance(Matter.objects.get(pk=matter.pk), as_of=closing_day)
        if balance.outstanding > 0:
            services.payment_record(actor=cashier, matter=matter, received_on=closing_day,
                                    amount=balance.outstanding, payer_kind="court" if target in (
                                        Stage.ENFORCEMENT, Stage.WRITE_OFF) else "debtor",
                                    method="court_transfer" if target in (Stage.ENFORCEMENT, Stage.WRITE_OFF)
                                    else "bank_transfer", note="余款付清")
    reason = {Outcome.RECOVERED: "债权已全部收回。", Outcome.SETTLED: "双方达成和解，委托人同意减免部分利息。",
              Outcome.WRITTEN_OFF: "已取得终结本次执行裁定，交付委托人作为核销依据（销账不销案）。",
              Outcome.PARTIAL_WRITE_OFF: "破产财产最后分配已收到，余额以法院终结破产程序裁定为依据核销。",
              Outcome.WITHDRAWN: "委托人与债务人自行协商，撤回委托。"}[outcome]
    services.matter_transition(actor=partner, matter=matter, version=version, outcome=outcome, reason=reason,
                               on_date=closing_day)


def _seed_final_distribution(*, rng, matter, worker, cashier, later):
    """The debtor went bankrupt during enforcement: the claim declared, confirmed and paid in part by the final
    distribution, which is money recovered."""
    accepted = later()
    owed = balances.matter_balance(Matter.objects.get(pk=matter.pk), as_of=accepted).outstanding
    declared = later()
    paid = (owed * Decimal("0.12")).quantize(Decimal("0.01"))
    final = later()
    services.bankruptcy_claim_create(
        actor=worker, matter=matter, court="杭州市中级人民法院", case_number=f"（{accepted.year}）浙01破{rng.randrange(10, 99)}号",
        accepted_on=accepted, administrator_name="浙江清算律师事务所", declared_on=declared, declared_amount=owed,
        confirmed_amount=owed, distributions_received=paid, final_distribution_on=final)
    services.payment_record(actor=cashier, matter=matter, received_on=final, amount=paid, payer_kind="other",
                            method="bank_transfer", note="破产财产最后分配款")


def _stage_extras(*, rng, stage, matter, worker, cashier, today, when, court, index, later, last):
    """What a stage records besides the record created on entering it."""
    if stage == Stage.DEMAND_LETTER:
        letter = matter.demand_letters.order_by("-id").first()
        if letter is not None and index % 4 != 3:
            services.stage_record_update(actor=worker, record=letter,
                                         delivered_on=min(today, letter.sent_on + timedelta(days=3)))
    elif stage == Stage.NEGOTIATION:
        services.negotiation_create(actor=worker, matter=matter, occurred_on=when, kind="debtor_offer",
                                    participants="债务人法定代表人、我所律师", summary="债务人提出分期还款方案。",
                                    offered_amount=matter.principal)
        if last and index % 3 != 1:  # an agreement in force (matters that moved on never got one signed)
            signed = later()
            # The debtor confirms principal and interest as at signing; the client waives the interest if the
            # principal is paid on time (a compromise), so the schedule adds up to the agreed amount.
            debt = services.confirmed_debt(matter, signed)
            agreed = min(matter.principal, debt)
            instalment = (agreed / 4).quantize(Decimal("0.01"))
            amounts = [instalment] * 3 + [agreed - instalment * 3]
            schedule = [{"due_on": signed + timedelta(days=30 * (n + 1)), "amount": amount}
                        for n, amount in enumerate(amounts)]
            services.repayment_agreement_create(actor=worker, matter=matter, signed_on=signed, instalments=schedule,
                                                compromise_amount=agreed if agreed < debt else None,
                                                note="按期还清本金的，免除利息；逾期一期即全部到期，减免不再生效。")
            # The debtor pays what has fallen due while the matter stays in negotiation; some miss the latest.
            due = [row for row in schedule if row["due_on"] <= today]
            if index % 4 == 0:
                due = due[:-1]
            for row in due:
                if row["due_on"] <= today:
                    services.payment_record(actor=cashier, matter=matter, received_on=row["due_on"],
                                            amount=row["amount"], note="按还款协议分期付款")
    elif stage == Stage.PRESERVATION:
        preservation = matter.preservations.order_by("-id").first()
        services.frozen_asset_create(actor=worker, matter=matter, preservation=preservation, kind="bank_deposit",
                                     description="债务人基本存款账户", amount=matter.principal, frozen_on=when)
        if index % 3 == 0:
            services.frozen_asset_create(actor=worker, matter=matter, preservation=preservation,
                                         kind=rng.choice(("movable", "real_estate")),
                                         description="债务人名下车辆/房产", frozen_on=when)
    elif stage == Stage.LITIGATION:
        lawsuit = matter.lawsuits.order_by("-id").first()
        # A matter still in litigation has its hearing ahead; one that moved on had it already.
        held_on = today + timedelta(days=rng.randrange(3, 60)) if last else when
        services.hearing_create(actor=worker, matter=matter, lawsuit=lawsuit, held_on=held_on,
                                place=f"{court}第三{'仲裁庭' if court == DEMO_COMMISSION else '法庭'}")
    elif stage == Stage.ENFORCEMENT:
        services.worklog_create(actor=worker, matter=matter, kind="visit", occurred_on=when,
                                summary="随法院执行局走访债务人经营场所。", outcome="已查封部分存货")
