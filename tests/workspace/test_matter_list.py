"""The matter list at scale: mandate, cause and has-an-overdue-deadline filters, column sorting (outstanding too), page links
that keep the query string, and a constant number of queries (3 vs 30 matters) with every option on."""

import re
from datetime import timedelta

import pytest
from django_tenants.utils import schema_context

from matters import selectors
from matters.filters import with_overdue_deadline
from matters.models import Matter
from tests.matters.helpers import add_matters
from tests.support import count_queries
from tests.workspace.conftest import today

pytestmark = pytest.mark.django_db

NAMES = ("逾期分期债务人", "正常债务人", "已收回债务人", "诉讼中债务人")


def shown(alpha, user, **query) -> list[str]:
    page = alpha.client(user).get("/matters/", query).content.decode()
    return sorted((page.index(name), name) for name in NAMES if name in page)


def names(alpha, user, **query) -> set[str]:
    return {name for _pos, name in shown(alpha, user, **query)}


def test_list_filters_by_mandate_cause_and_overdue_deadline(alpha, firm_data):
    user = alpha.lawyer
    assert names(alpha, user, mandate=firm_data["mandate_a"].pk) == {"逾期分期债务人", "正常债务人"}
    assert names(alpha, user, cause="loan") == {"正常债务人"}
    assert names(alpha, user, overdue="on") == {"逾期分期债务人"}
    assert names(alpha, user, overdue="on", mandate=firm_data["mandate_b"].pk) == set()
    # Nonsense is ignored, never an error.
    assert names(alpha, user, mandate="x", cause="nope", sort="evil") == set(NAMES)


def test_overdue_filter_agrees_with_the_deadlines_of_each_matter(alpha, firm_data):
    """The stored figures answer in SQL exactly what the matter page's deadlines say."""
    with schema_context(alpha.firm.schema_name):
        every = Matter.objects.all()
        expected = {d.matter_id for d in selectors.deadlines_for_matters(every) if d.overdue}
        assert set(with_overdue_deadline(every).values_list("pk", flat=True)) == expected \
            == {firm_data["overdue"].pk}


def test_overdue_filter_sees_an_expired_freeze_and_a_limitation_past(alpha):
    from tests.matters.helpers import make_matter

    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        barred = make_matter(p, due_date=today() - timedelta(days=3 * 365 + 40))
        frozen = make_matter(p, due_date=today() - timedelta(days=30))
        from matters import services

        frozen = services.matter_transition(actor=p, matter=frozen, version=1, to_stage="preservation",
                                            record={"court": "杭州市中级人民法院"})
        preservation = frozen.preservations.get()
        services.frozen_asset_create(actor=p, matter=frozen, preservation=preservation, kind="bank_deposit",
                                     description="账户", frozen_on=today() - timedelta(days=400))
        ids = set(with_overdue_deadline(Matter.objects.all()).values_list("pk", flat=True))
        assert {barred.pk, frozen.pk} <= ids


def test_columns_sort_both_ways_and_keep_the_filters(alpha, firm_data):
    user = alpha.partner
    assert [n for _p, n in shown(alpha, user, sort="principal")] == [
        "已收回债务人", "正常债务人", "诉讼中债务人", "逾期分期债务人"]
    assert [n for _p, n in shown(alpha, user, sort="-principal")] == [
        "逾期分期债务人", "诉讼中债务人", "正常债务人", "已收回债务人"]
    assert [n for _p, n in shown(alpha, user, sort="-recovered")][:2] == ["正常债务人", "已收回债务人"]
    assert [n for _p, n in shown(alpha, user, sort="-outstanding")] == [
        "逾期分期债务人", "诉讼中债务人", "正常债务人", "已收回债务人"]
    assert [n for _p, n in shown(alpha, user, sort="due_date")][0] == "已收回债务人"
    assert [n for _p, n in shown(alpha, user, sort="-stage")][0] == "诉讼中债务人"
    page = alpha.client(user).get("/matters/", {"cause": "sale", "sort": "debtor"}).content.decode()
    # The header links keep the filter and flip the direction of the current column.
    assert re.search(r'href="\?cause=sale&amp;sort=-debtor"', page)
    assert 'aria-sort="ascending"' in page


def test_page_links_keep_the_query_string(alpha):
    add_matters(alpha, 26)
    page = alpha.client(alpha.partner).get("/matters/", {"outcome": "open", "sort": "-due_date"}).content.decode()
    assert 'href="?outcome=open&amp;sort=-due_date&amp;page=2"' in page


def test_list_query_count_is_constant_with_every_option(alpha):
    browser = alpha.client(alpha.partner)
    add_matters(alpha, 3, with_overdue_instalment=True)
    query = {"outcome": "open", "overdue": "on", "sort": "-recovered", "search": "公司", "cause": "sale"}
    browser.get("/matters/", query)  # warm the shared caches (LPR table, calendar)
    response, three = count_queries(lambda: browser.get("/matters/", query))
    assert response.status_code == 200 and response.content.decode().count("/matters/") > 3
    add_matters(alpha, 27, with_overdue_instalment=True)
    response, thirty = count_queries(lambda: browser.get("/matters/", query))
    assert "共 30 件" in response.content.decode()
    assert len(thirty) == len(three), "\n".join(q[:160] for q in thirty)


def test_api_matter_list_filters_overdue_and_sorts_in_constant_queries(alpha):
    browser = alpha.client(alpha.partner)
    add_matters(alpha, 3, with_overdue_instalment=True)
    add_matters(alpha, 2)
    query = {"overdue": "true", "sort": "-principal"}
    browser.get("/api/v1/matters/", query)
    response, few = count_queries(lambda: browser.get("/api/v1/matters/", query))
    assert response.json()["count"] == 3
    add_matters(alpha, 27, with_overdue_instalment=True)
    response, many = count_queries(lambda: browser.get("/api/v1/matters/", query))
    assert response.json()["count"] == 30
    assert len(many) == len(few)


def test_filter_choices_are_escaped_and_keep_the_choice(alpha):
    from tests.matters.helpers import make_client

    with schema_context(alpha.firm.schema_name):
        client = make_client(alpha.partner, name='<b>"甲方"</b>贸易有限公司')
    page = alpha.client(alpha.partner).get("/matters/", {"client": client.pk}).content.decode()
    assert f'<option value="{client.pk}" selected>&lt;b&gt;&quot;甲方&quot;&lt;/b&gt;贸易有限公司</option>' in page
    assert "<b>" not in page
