"""The matter list (filters, search, a constant number of queries) and each person's deadlines page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from calculators.selectors import holiday_calendar
from matters import services
from rules.deadlines import deadline_for
from tests.matters.helpers import add_matters, make_client, make_debtor, make_mandate, make_matter
from tests.support import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters(alpha):
    """Three matters that differ in every filter."""
    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        client_a = make_client(p, name="上海甲方贸易有限公司")
        client_b = make_client(p, name="苏州乙方实业有限公司")
        first = make_matter(p, mandate=make_mandate(p, client=client_a), lawyer=alpha.lawyer,
                            debtor=make_debtor(p, name="杭州钱塘建材有限公司"), due_date=date(2025, 6, 30))
        second = make_matter(p, mandate=make_mandate(p, client=client_b), lawyer=p,
                             debtor=make_debtor(p, name="宁波港联物流有限公司"))
        second = services.matter_transition(actor=p, matter=second, version=1, to_stage="litigation",
                                            record={"court": "宁波市海曙区人民法院", "case_number": "（2026）浙0203民初77号"})
        third = make_matter(p, mandate=make_mandate(p, client=client_b), lawyer=alpha.lawyer,
                            debtor=make_debtor(p, name="温州瓯江机电有限公司"))
        third = services.matter_transition(actor=p, matter=third, version=1, outcome="recovered")
        return {"first": first, "second": second, "third": third, "client_a": client_a, "client_b": client_b}


def shown(alpha, user, **query) -> set[str]:
    page = alpha.client(user).get("/matters/", query).content.decode()
    names = {"杭州钱塘建材有限公司", "宁波港联物流有限公司", "温州瓯江机电有限公司"}
    return {name for name in names if name in page}


def test_list_filters_by_stage_outcome_client_and_lawyer(alpha, matters):
    user = alpha.finance
    assert shown(alpha, user) == {"杭州钱塘建材有限公司", "宁波港联物流有限公司", "温州瓯江机电有限公司"}
    assert shown(alpha, user, stage="litigation") == {"宁波港联物流有限公司"}
    assert shown(alpha, user, outcome="recovered") == {"温州瓯江机电有限公司"}
    assert shown(alpha, user, outcome="open", client=matters["client_b"].pk) == {"宁波港联物流有限公司"}
    assert shown(alpha, user, lawyer=alpha.lawyer.pk) == {"杭州钱塘建材有限公司", "温州瓯江机电有限公司"}
    assert shown(alpha, user, lawyer=alpha.lawyer.pk, client=matters["client_a"].pk) == {"杭州钱塘建材有限公司"}
    # A value that is not a choice is ignored, never an error.
    assert shown(alpha, user, stage="nonsense", client="abc") == {"杭州钱塘建材有限公司", "宁波港联物流有限公司",
                                                                  "温州瓯江机电有限公司"}


def test_list_search_by_debtor_code_reference_and_case_number(alpha, matters):
    user = alpha.lawyer
    assert shown(alpha, user, search="港联") == {"宁波港联物流有限公司"}
    assert shown(alpha, user, search=matters["third"].debtor.id_number) == {"温州瓯江机电有限公司"}
    assert shown(alpha, user, search=matters["first"].reference) == {"杭州钱塘建材有限公司"}
    assert shown(alpha, user, search="浙0203民初77") == {"宁波港联物流有限公司"}
    assert shown(alpha, user, search="没有这个债务人") == set()


def test_list_shows_money_with_separators(alpha, matters):
    with schema_context(alpha.firm.schema_name):
        services.payment_record(actor=alpha.finance, matter=matters["first"], received_on=date(2026, 2, 1),
                                amount=Decimal("1234.5"))
    page = alpha.client(alpha.partner).get("/matters/", {"search": "钱塘"}).content.decode()
    assert '">100,000.00</td>' in page and '">1,234.50</td>' in page and '">98,765.50</td>' in page
    assert "2025-06-30" in page


DEBUG_QUERIES = []


def _list_queries(browser) -> int:
    response, DEBUG_QUERIES[:] = count_queries(lambda: browser.get("/matters/", {"outcome": "open"}))
    assert response.status_code == 200
    return len(DEBUG_QUERIES)


def test_list_query_count_does_not_grow_with_rows(alpha):
    browser = alpha.client(alpha.partner)
    add_matters(alpha, 3)
    browser.get("/matters/")  # warm the shared caches (LPR table, calendar)
    with_three = _list_queries(browser)
    add_matters(alpha, 22)
    with_twenty_five = _list_queries(browser)
    assert with_twenty_five == with_three, "\n".join(q[:150] for q in DEBUG_QUERIES)
    assert with_three <= 10, "\n".join(q[:150] for q in DEBUG_QUERIES)


# --- deadlines ---------------------------------------------------------------------------------------------


def test_my_deadlines_show_the_appeal_deadline_from_service_of_the_judgment(alpha):
    today = timezone.localdate()
    served = today - timedelta(days=2)
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, lawyer=alpha.lawyer, debtor=make_debtor(alpha.partner, name="上诉期债务人"))
        services.lawsuit_create(actor=alpha.partner, matter=matter, court="杭州市西湖区人民法院",
                                case_number="（2026）浙0106民初9号", filed_on=today - timedelta(days=90),
                                decision="judgment", decided_on=today - timedelta(days=10), served_on=served)
        expected = deadline_for("appeal_judgment", served, holiday_calendar()).deadline
        other = make_matter(alpha.partner, lawyer=alpha.partner, debtor=make_debtor(alpha.partner, name="合伙人的债务人"))
        services.hearing_create(actor=alpha.partner, matter=other, held_on=today + timedelta(days=3),
                                lawsuit=services.lawsuit_create(actor=alpha.partner, matter=other, court="某法院"))
    page = alpha.client(alpha.lawyer).get("/deadlines/").content.decode()
    assert "我的期限" in page
    assert "上诉期限届满：（2026）浙0106民初9号" in page and "（（" not in page
    assert expected.isoformat() in page and matter.reference in page
    assert "合伙人的债务人" not in page  # only the person's own matters
    assert 'name="person"' not in page  # only partners pick a person


def test_partner_picks_a_lawyer_and_sees_overdue_grouped(alpha):
    today = timezone.localdate()
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, lawyer=alpha.lawyer)
        services.worklog_create(actor=alpha.lawyer, matter=matter, kind="call",
                                occurred_on=today - timedelta(days=20), summary="承诺付款",
                                promised_amount=Decimal("5000"), promised_on=today - timedelta(days=5))
    browser = alpha.client(alpha.partner)
    page = browser.get("/deadlines/", {"person": alpha.lawyer.pk}).content.decode()
    assert f"{alpha.lawyer.name} 的期限" in page
    assert 'id="deadlines-overdue"' in page and matter.reference in page and "承诺还款日 5,000.00元" in page
    # A lawyer cannot look at someone else's list: the parameter is ignored.
    assert matter.reference not in alpha.client(alpha.paralegal).get("/deadlines/",
                                                                      {"person": alpha.lawyer.pk}).content.decode()
