"""The board: seven columns, moves by click (htmx) through matters.services.matter_transition, a form when the
move needs a court or a reason, a clear message on a stale version, roles, isolation, constant queries."""

import pytest
from django_tenants.utils import schema_context

from matters.models import Matter
from tests.matters.helpers import add_matters, make_matter
from tests.support import align_next_ids, count_queries

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def test_board_shows_open_matters_in_their_stage_columns(alpha, firm_data):
    page = alpha.client(alpha.finance).get("/board/").content.decode()
    for label in ("尽职调查", "律师函", "谈判", "保全", "诉讼", "执行", "核销依据"):
        assert label in page
    assert "逾期分期债务人" in page and "诉讼中债务人" in page
    assert "已收回债务人" not in page  # closed matters are off the board
    assert "移至" not in page  # finance reads, does not move


def test_move_by_click_redraws_the_board(alpha, firm_data):
    matter = firm_data["clean"]
    response = alpha.client(alpha.lawyer).post(f"/board/{matter.pk}/move/",
                                               {"version": matter.version, "to_stage": "negotiation"}, **HX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board"
    assert "已移至“谈判”" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).stage == "negotiation"


def test_move_into_litigation_asks_for_the_court_first(alpha, firm_data):
    matter = firm_data["clean"]
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "litigation"}, **HX)
    assert response["HX-Retarget"] == f"#card-{matter.pk}"
    body = response.content.decode()
    assert 'name="court"' in body and "在案件页填写" in body
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).stage == "due_diligence"
    # Submitted without the court: the service's message is shown on the card's form.
    response = browser.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "litigation",
                                                          "details": "1"}, **HX)
    assert response["HX-Retarget"] == f"#card-{matter.pk}"
    assert "需要填写法院" in response.content.decode()
    response = browser.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "litigation",
                                                          "details": "1", "court": "杭州市中级人民法院"}, **HX)
    assert response["HX-Retarget"] == "#board"
    with schema_context(alpha.firm.schema_name):
        moved = Matter.objects.get(pk=matter.pk)
        assert moved.stage == "litigation" and moved.lawsuits.get().court == "杭州市中级人民法院"


def test_moving_back_asks_for_a_reason(alpha, firm_data):
    sued = firm_data["sued"]
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/board/{sued.pk}/move/", {"version": sued.version, "to_stage": "negotiation"}, **HX)
    assert 'name="reason"' in response.content.decode()
    response = browser.post(f"/board/{sued.pk}/move/", {"version": sued.version, "to_stage": "negotiation",
                                                        "details": "1", "reason": "对方愿意和谈"}, **HX)
    assert response["HX-Retarget"] == "#board"
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=sued.pk).stage == "negotiation"


def test_a_stale_card_gets_a_clear_conflict_message(alpha, firm_data):
    matter = firm_data["clean"]
    browser = alpha.client(alpha.lawyer)
    browser.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "demand_letter"}, **HX)
    response = browser.post(f"/board/{matter.pk}/move/", {"version": matter.version, "to_stage": "negotiation"},
                            **HX)
    body = response.content.decode()
    assert "已被他人修改" in body and "alert-warning" in body
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=matter.pk).stage == "demand_letter"
    # Without htmx the board is shown again with the message.
    response = alpha.client(alpha.lawyer).post(f"/board/{matter.pk}/move/",
                                               {"version": matter.version, "to_stage": "negotiation"}, follow=True)
    assert "已被他人修改" in response.content.decode()


def test_finance_may_not_move_and_clients_see_nothing(alpha, firm_data):
    matter = firm_data["clean"]
    assert alpha.client(alpha.finance).post(f"/board/{matter.pk}/move/",
                                            {"version": 1, "to_stage": "negotiation"}).status_code == 403
    for url in ("/board/", "/dashboard/", "/reports/ageing/", "/reports/ledger.xlsx", "/notifications/",
                "/api/v1/board/", "/api/v1/dashboard/", "/api/v1/ledger/", "/api/v1/ageing/",
                "/api/v1/notifications/"):
        assert alpha.client(alpha.client_a).get(url).status_code == 403, url
    assert alpha.client(alpha.client_a).post(f"/board/{matter.pk}/move/",
                                             {"version": 1, "to_stage": "negotiation"}).status_code == 403


def test_another_firms_matter_cannot_be_moved_or_seen(alpha, beta, firm_data):
    schemas = [alpha.firm.schema_name, beta.firm.schema_name]
    align_next_ids([Matter], schemas)
    with schema_context(beta.firm.schema_name):
        theirs = make_matter(beta.partner)
        theirs_name = theirs.debtor.name
    # Beta's matter with its right version: on alpha's domain that id is nobody's, so nothing moves.
    move = {"version": theirs.version, "to_stage": "negotiation"}
    assert alpha.client(alpha.partner).post(f"/board/{theirs.pk}/move/", move).status_code == 404
    # Once alpha has a matter with the same id, alpha moves its own matter and beta's stays where it was.
    with schema_context(alpha.firm.schema_name):
        ours = make_matter(alpha.partner)
    assert ours.pk == theirs.pk and ours.version == theirs.version
    assert alpha.client(alpha.partner).post(f"/board/{theirs.pk}/move/", move).status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert Matter.objects.get(pk=ours.pk).stage == "negotiation"
    with schema_context(beta.firm.schema_name):
        assert Matter.objects.get(pk=theirs.pk).stage == "due_diligence"
    page = beta.client(beta.partner).get("/board/").content.decode()
    assert theirs_name in page and "逾期分期债务人" not in page
    data = beta.client(beta.partner).get("/api/v1/board/").json()
    names = {card["debtor_name"] for column in data["columns"] for card in column["cards"]}
    assert names == {theirs_name}


def test_board_query_count_is_constant_and_columns_are_capped(alpha):
    browser = alpha.client(alpha.partner)
    add_matters(alpha, 3, with_overdue_instalment=True)
    browser.get("/board/")
    _response, three = count_queries(lambda: browser.get("/board/"))
    add_matters(alpha, 27)
    response, thirty = count_queries(lambda: browser.get("/board/"))
    assert len(thirty) == len(three), "\n".join(q[:160] for q in thirty)
    data = browser.get("/api/v1/board/", {"cap": 5}).json()
    first = data["columns"][0]
    assert first["count"] == 30 and len(first["cards"]) == 5 and first["hidden"] == 25
    # Most urgent first: the three with a missed instalment lead the column.
    assert [card["overdue_deadlines"] > 0 for card in first["cards"][:3]] == [True, True, True]
    assert "另有 15 件" in response.content.decode()  # 30 in the first column, 15 shown


def test_board_cards_speak_english_too(alpha, firm_data):
    browser = alpha.client(alpha.partner)
    browser.cookies["django_language"] = "en"
    page = browser.get("/board/").content.decode()
    assert "1 overdue" in page and "Move to" in page
