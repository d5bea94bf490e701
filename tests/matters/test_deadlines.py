"""Deadlines computed from a matter's records, with the holiday-aware counting."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from calculators.selectors import holiday_calendar
from matters import selectors, services
from matters.models import Matter
from tests.matters.helpers import make_debtor, make_matter

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


def deadlines(matter, kind=None, today=TODAY):
    items = selectors.deadlines_for_matters(Matter.objects.filter(pk=matter.pk), today=today)
    return [item for item in items if kind is None or item.kind == kind]


def test_limitation_runs_three_years_from_the_due_date(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        (limitation,) = deadlines(matter, "limitation")
    # 2024-03-10 is a Sunday: the period ends on Monday 2024-03-11.
    assert limitation.due_date == date(2024, 3, 11)
    assert limitation.holiday_data and limitation.overdue and not limitation.done


def test_limitation_is_restarted_by_an_interrupting_work_log_entry_only(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="call", occurred_on=date(2022, 8, 1),
                                summary="电话催收，未接通")
        assert deadlines(matter, "limitation")[0].due_date == date(2024, 3, 11)
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="visit", occurred_on=date(2022, 6, 15),
                                summary="上门催收，债务人在对账单上签字确认欠款", interrupts_limitation=True,
                                interruption_basis="acknowledgement")
        (limitation,) = deadlines(matter, "limitation")
    # Restarted from 2022-06-15: 2025-06-15 is a Sunday, so Monday 2025-06-16.
    assert limitation.due_date == date(2025, 6, 16)
    assert "2022-06-15" in limitation.note


def test_delivered_demand_letter_and_signed_agreement_interrupt_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2022, 1, 10))
        services.demand_letter_create(actor=alpha.lawyer, matter=matter, sent_on=date(2023, 5, 4),
                                      tracking_number="EA000000001CN")
        assert deadlines(matter, "limitation")[0].due_date == date(2025, 1, 10)  # sent, not delivered
        letter = matter.demand_letters.get()
        services.stage_record_update(actor=alpha.lawyer, record=letter, delivered_on=date(2023, 5, 8))
        assert deadlines(matter, "limitation")[0].due_date == date(2026, 5, 8)
        services.repayment_agreement_create(actor=alpha.lawyer, matter=matter, signed_on=date(2023, 9, 1),
                                            compromise_amount=Decimal("10"), instalments=[{"due_on": date(2023, 10, 1), "amount": Decimal("10")}])
        # Signing restarts the period, and for instalments it runs from the last one: 2023-10-01 + 3 years
        # falls in the National Day holiday, so 2026-10-08.
        assert deadlines(matter, "limitation")[0].due_date == date(2026, 10, 8)


def test_filing_suit_ends_the_limitation_watch(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2024, 1, 10))
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2025, 2, 1))
        (limitation,) = deadlines(matter, "limitation")
    assert limitation.done and not limitation.overdue


def test_appeal_deadline_rolls_over_the_national_day_holiday(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", case_number="（2024）沪0101民初1号",
                                filed_on=date(2024, 5, 6), decision="judgment", decided_on=date(2024, 9, 10),
                                served_on=date(2024, 9, 20), awarded_amount=Decimal("100000.00"))
        (appeal,) = deadlines(matter, "appeal", today=date(2024, 9, 25))
    assert appeal.due_date == date(2024, 10, 8)
    assert appeal.holiday_data and not appeal.done and not appeal.overdue
    assert "顺延" in appeal.note


def test_mediation_has_no_appeal_but_starts_the_enforcement_period(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2024, 5, 6),
                                decision="mediation", decided_on=date(2024, 6, 3), served_on=date(2024, 6, 3),
                                performance_due_on=date(2024, 8, 30))
        assert deadlines(matter, "appeal") == []
        (enforcement,) = deadlines(matter, "enforcement_application")
        assert enforcement.due_date == date(2026, 8, 31)  # 2026-08-30 is a Sunday
        services.enforcement_create(actor=alpha.lawyer, matter=matter, court="某法院", applied_on=date(2024, 9, 5))
        assert deadlines(matter, "enforcement_application")[0].done


def test_freeze_renewal_deadline_follows_the_asset_kind(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        preservation = services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院",
                                                    ruling_on=date(2024, 3, 14))
        for kind in ("bank_deposit", "movable", "real_estate"):
            services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation, kind=kind,
                                         description=kind, frozen_on=date(2024, 3, 15))
        found = {item.source: item for item in deadlines(matter, "freeze_renewal")}
        by_kind = {asset.kind: found[f"frozen_asset:{asset.pk}"] for asset in matter.frozen_assets.all()}
        covered_2027 = holiday_calendar().covers(date(2027, 3, 5))
    # The periods end on 2025-03-14, 2026-03-14 and 2027-03-14 (the first day counts); renewal 7 days before.
    assert by_kind["bank_deposit"].due_date == date(2025, 3, 7)  # a Friday
    assert "2025-03-14届满" in by_kind["bank_deposit"].label
    assert by_kind["movable"].due_date == date(2026, 3, 6)  # 2026-03-07 is a Saturday: the Friday before
    assert by_kind["real_estate"].due_date == date(2027, 3, 5)  # 2027-03-07 is a Sunday
    assert by_kind["real_estate"].holiday_data is covered_2027


def test_rules_md_example_freeze_from_2026_10_24(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        preservation = services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院",
                                                    ruling_on=date(2026, 10, 23))
        asset = services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                             kind="bank_deposit", description="工行账户", frozen_on=date(2026, 10, 24))
        (renewal,) = deadlines(matter, "freeze_renewal")
        assert renewal.due_date == date(2027, 10, 15)
        assert "2027-10-23届满" in renewal.label and "工行账户" in renewal.label
        assert "2027-10-16" in renewal.note and "2027-10-23" in renewal.note
        # the court's notice states an earlier expiry: it wins
        services.stage_record_update(actor=alpha.lawyer, record=asset, expires_on=date(2027, 10, 20))
        (renewal,) = deadlines(matter, "freeze_renewal")
        assert renewal.due_date == date(2027, 10, 13)
        assert "法院通知书载明" in renewal.note


def test_freeze_expiry_before_the_freeze_or_beyond_the_maximum_is_refused(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        preservation = services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院")
        with pytest.raises(ValidationError) as before:
            services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                         kind="bank_deposit", description="账户", frozen_on=date(2026, 10, 24),
                                         expires_on=date(2026, 10, 1))
        assert "不能早于" in str(before.value)
        with pytest.raises(ValidationError) as beyond:
            services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                         kind="bank_deposit", description="账户", frozen_on=date(2026, 10, 24),
                                         expires_on=date(2027, 10, 24))
        assert "最长期限" in str(beyond.value)
        assert not matter.frozen_assets.exists()


def test_renewed_freeze_counts_from_the_renewal_and_a_released_one_is_done(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        preservation = services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院")
        asset = services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                             kind="bank_deposit", description="账户", frozen_on=date(2024, 3, 15))
        services.stage_record_update(actor=alpha.lawyer, record=asset, renewed_on=date(2025, 3, 10))
        # the renewal runs to 2026-03-09; renew again by Monday 2026-03-02
        assert deadlines(matter, "freeze_renewal")[0].due_date == date(2026, 3, 2)
        services.stage_record_update(actor=alpha.lawyer, record=asset, renewal_expires_on=date(2026, 3, 5))
        assert deadlines(matter, "freeze_renewal")[0].due_date == date(2026, 2, 26)
        services.stage_record_update(actor=alpha.lawyer, record=asset, released_on=date(2025, 6, 1))
        assert deadlines(matter, "freeze_renewal")[0].done


def test_suit_must_follow_a_pre_suit_preservation_within_30_days(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院", pre_suit=True,
                                     ruling_on=date(2025, 4, 1))
        (suit,) = deadlines(matter, "suit_after_preservation", today=date(2025, 5, 2))
        assert suit.due_date == date(2025, 5, 6)  # 2025-05-01 falls in the Labour Day holiday (1–5 May)
        assert not suit.overdue
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2025, 4, 20))
        assert deadlines(matter, "suit_after_preservation")[0].done


def test_missed_instalment_is_flagged_the_day_after_it_falls_due(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        agreement = services.repayment_agreement_create(
            actor=alpha.lawyer, matter=matter, signed_on=date(2025, 1, 10), compromise_amount=Decimal("2000.00"),
            instalments=[{"due_on": date(2025, 2, 10), "amount": Decimal("1000.00")},
                         {"due_on": date(2025, 3, 10), "amount": Decimal("1000.00")}])
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2025, 2, 10),
                                amount=Decimal("1000.00"))
        on_due_day = selectors.agreement_instalment_statuses(agreement, today=date(2025, 3, 10))
        day_after = selectors.agreement_instalment_statuses(agreement, today=date(2025, 3, 11))
        second = [item for item in deadlines(matter, "instalment", today=date(2025, 3, 11))
                  if item.due_date == date(2025, 3, 10)][0]
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2025, 3, 12),
                                amount=Decimal("1000.00"))
        later = selectors.agreement_instalment_statuses(agreement, today=date(2025, 3, 13))
    assert [s.status for s in on_due_day] == ["paid", "upcoming"]
    assert [s.status for s in day_after] == ["paid", "missed"]
    assert second.overdue and not second.done
    assert [s.status for s in later] == ["paid", "paid_late"]


def test_hearing_and_promise_to_pay_are_deadlines(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        suit = services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2026, 1, 5))
        services.hearing_create(actor=alpha.lawyer, matter=matter, lawsuit=suit, held_on=date(2026, 12, 1))
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="call", occurred_on=date(2026, 11, 1),
                                summary="债务人承诺月中付款", promised_amount=Decimal("3000.00"),
                                promised_on=date(2026, 11, 15))
        hearing, promise = deadlines(matter, "hearing")[0], deadlines(matter, "promise_to_pay")[0]
    assert hearing.due_date == date(2026, 12, 1) and not hearing.done
    assert promise.overdue


def test_construction_matters_show_the_priority_right_deadline(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, cause="construction", due_date=date(2025, 1, 15))
        (priority,) = deadlines(matter, "construction_priority")
    assert priority.due_date == date(2026, 7, 15)


def test_closed_matters_have_nothing_left_to_do(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        services.matter_transition(actor=alpha.partner, matter=matter, version=1, outcome="recovered")
        assert all(item.done and not item.overdue for item in deadlines(matter))


def test_deadline_list_costs_the_same_queries_for_few_and_many_matters(alpha, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(count):
        with schema_context(alpha.firm.schema_name):
            for _ in range(count):
                matter = make_matter(alpha.partner, lawyer=alpha.lawyer)
                preservation = services.preservation_create(actor=alpha.lawyer, matter=matter, court="某法院",
                                                            pre_suit=True, ruling_on=date(2026, 11, 1))
                services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                             kind="movable", description="车辆", frozen_on=date(2026, 11, 2))

    def measure():
        with schema_context(alpha.firm.schema_name):
            selectors.upcoming_deadlines_for_user(alpha.lawyer, today=TODAY)
            with CaptureQueriesContext(connection) as queries:
                items = selectors.upcoming_deadlines_for_user(alpha.lawyer, today=TODAY)
        return len(queries), len(items)

    make(2)
    few, items_few = measure()
    make(10)
    many, items_many = measure()
    assert items_many > items_few
    assert few == many


def test_a_payment_interrupts_limitation_but_a_reversed_one_does_not(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        payment = services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2022, 6, 15),
                                          amount=Decimal("1000.00"))
        (limitation,) = deadlines(matter, "limitation")
        assert limitation.due_date == date(2025, 6, 16)  # 2025-06-15 is a Sunday
        services.payment_reverse(actor=alpha.finance, payment=payment, reason="录入错误")
        assert deadlines(matter, "limitation")[0].due_date == date(2024, 3, 11)


def test_a_guarantor_payment_does_not_interrupt_the_debtor_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="某担保公司")
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10), guarantors=[guarantor])
        services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2022, 6, 15),
                                amount=Decimal("1000.00"), payer_kind="guarantor", payer=guarantor)
        assert deadlines(matter, "limitation")[0].due_date == date(2024, 3, 11)


def test_promise_to_pay_and_offered_security_interrupt_limitation(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="call", occurred_on=date(2022, 6, 15),
                                summary="债务人承诺月底还款", promised_on=date(2022, 6, 30))
        assert deadlines(matter, "limitation")[0].due_date == date(2025, 6, 16)
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="visit", occurred_on=date(2023, 3, 20),
                                summary="债务人提出以厂房设定抵押", interrupts_limitation=True,
                                interruption_basis="security_offered")
        assert deadlines(matter, "limitation")[0].due_date == date(2026, 3, 20)


def test_a_lawsuit_suspends_limitation_and_a_withdrawal_restarts_it_from_its_day(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2022, 1, 10))
        suit = services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2023, 3, 1))
        (limitation,) = deadlines(matter, "limitation")
        assert limitation.done and not limitation.overdue
        assert "进行中" in limitation.note
        services.stage_record_update(actor=alpha.lawyer, record=suit, decision="withdrawn",
                                     decided_on=date(2023, 6, 20))
        (limitation,) = deadlines(matter, "limitation")
    # restarted on the withdrawal: 2026-06-20 is in the Dragon Boat holiday weekend → Monday 2026-06-22
    assert limitation.due_date == date(2026, 6, 22)
    assert not limitation.done
    assert "2023-06-20终结" in limitation.note


def test_enforcement_restarts_limitation_when_it_ends(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2022, 1, 10))
        enforcement = services.enforcement_create(actor=alpha.lawyer, matter=matter, court="某法院",
                                                  applied_on=date(2023, 3, 1))
        assert deadlines(matter, "limitation")[0].done
        services.stage_record_update(actor=alpha.lawyer, record=enforcement, ended_on=date(2023, 6, 20))
        (limitation,) = deadlines(matter, "limitation")
        assert limitation.due_date == date(2026, 6, 22) and not limitation.done
        with pytest.raises(ValidationError):
            services.stage_record_update(actor=alpha.lawyer, record=enforcement, ended_on=date(2023, 2, 1))


def test_a_suit_filed_after_expiry_revives_nothing_but_leaves_nothing_to_do(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, due_date=date(2021, 3, 10))
        services.lawsuit_create(actor=alpha.lawyer, matter=matter, court="某法院", filed_on=date(2025, 2, 1))
        (limitation,) = deadlines(matter, "limitation")
    assert limitation.due_date == date(2024, 3, 11)
    assert limitation.done and not limitation.overdue
    assert "诉讼时效已于2024-03-11届满" in limitation.note
