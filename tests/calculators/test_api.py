"""The calculators' API: public on the platform, for signed-in people on a firm's site, never a 500."""

from decimal import Decimal

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from accounts.services import token_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/calculators"

# One valid request per endpoint: (method, path, JSON body or None).
ENDPOINTS = [
    ("get", f"{BASE}/court-fees/?amount=1234567.89", None),
    ("get", f"{BASE}/risk-fee-cap/?amount=3000000", None),
    ("post", f"{BASE}/interest/", {"principal": "100000", "start": "2024-07-01", "end": "2024-11-01",
                                   "rate": {"kind": "lpr", "multiplier": "1"}}),
    ("get", f"{BASE}/deadline/?start=2024-09-20&days=15", None),
    ("get", f"{BASE}/identifier/?value=91350100M000100Y43", None),
    ("get", f"{BASE}/rmb-uppercase/?amount=1005", None),
]
ENDPOINT_IDS = ["court-fees", "risk-fee-cap", "interest", "deadline", "identifier", "rmb-uppercase"]


def call(client: Client, method: str, path: str, body=None, **extra):
    if method == "post":
        return client.post(path, body, content_type="application/json", **extra)
    return client.get(path, **extra)


def interest(client: Client, **body):
    return client.post(f"{BASE}/interest/", body, content_type="application/json")


def assert_refused(response, code: str, field: str | None = None) -> dict:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code, body
    assert body["message"] and not body["message"].isascii(), body  # a message in Chinese for people
    if field is not None:
        assert field in body["fields"], body
    return body


# ---------------------------------------------------------------------------------------------------------
# Who may call
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_every_endpoint_is_public_on_the_platform(platform_client, method, path, body):
    response = call(platform_client, method, path, body)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_every_endpoint_refuses_anonymous_on_a_firm_site(alpha, method, path, body):
    response = call(alpha.client(), method, path, body)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_every_endpoint_works_for_a_signed_in_person_on_a_firm_site(alpha, method, path, body):
    assert call(alpha.client(alpha.lawyer), method, path, body).status_code == 200
    assert call(alpha.client(alpha.client_a), method, path, body).status_code == 200  # any role of the firm


def test_token_works_on_the_firm_site(alpha):
    with schema_context(alpha.firm.schema_name):
        token = token_for(alpha.finance)
    response = Client(HTTP_HOST=alpha.host).get(f"{BASE}/rmb-uppercase/?amount=1005",
                                                HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_beta_session_is_refused_on_alpha(alpha, beta, method, path, body):
    browser = beta.client(beta.lawyer)
    assert call(browser, method, path, body).status_code == 200
    # Same cookie jar, alpha's host: beta's session key means nothing in alpha's schema.
    response = call(browser, method, path, body, HTTP_HOST=alpha.host)
    assert response.status_code == 401


def test_beta_token_is_refused_on_alpha(alpha, beta):
    with schema_context(beta.firm.schema_name):
        token = token_for(beta.lawyer)
    path = f"{BASE}/court-fees/?amount=8000"
    assert Client(HTTP_HOST=beta.host).get(path, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    refused = Client(HTTP_HOST=alpha.host).get(path, HTTP_AUTHORIZATION=f"Token {token}")
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"


def test_endpoints_are_in_the_openapi_schema_of_both_sites(platform_client, alpha):
    for client in (platform_client, alpha.client()):
        response = client.get("/api/v1/schema/")
        assert response.status_code == 200
        schema = response.content.decode()
        for name in ENDPOINT_IDS:
            assert f"/api/v1/calculators/{name}/" in schema, name
        assert "preservation_amount" in schema
        assert "InterestRequest" in schema


# ---------------------------------------------------------------------------------------------------------
# Court fees and the risk-fee cap
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "acceptance", "halved", "preservation", "execution"),
    [
        ("8000", "50.00", "25.00", "100.00", "50.00"),
        ("50000", "1050.00", "525.00", "520.00", "650.00"),
        ("150000", "3300.00", "1650.00", "1270.00", "2150.00"),
        ("896000", "12760.00", "6380.00", "5000.00", "11360.00"),
    ],
)
def test_court_fees_worked_examples_of_rules_md(platform_client, amount, acceptance, halved, preservation,
                                                execution):
    body = platform_client.get(f"{BASE}/court-fees/?amount={amount}").json()
    assert (body["acceptance_fee"], body["acceptance_fee_halved"], body["preservation_fee"],
            body["execution_fee"]) == (acceptance, halved, preservation, execution)
    assert body["payment_order_fee"] == f"{(Decimal(acceptance) / 3).quantize(Decimal('0.01'))}"
    # the breakdown adds up to the fee, line by line
    for key, breakdown in body["breakdowns"].items():
        assert sum(Decimal(line["amount"]) for line in breakdown["lines"]) == Decimal(body[key]), key
        assert "《诉讼费用交纳办法》" in breakdown["articles"]


def test_court_fees_breakdown_shows_brackets_and_the_preservation_cap(platform_client):
    body = platform_client.get(f"{BASE}/court-fees/?amount=896000").json()
    lines = body["breakdowns"]["acceptance_fee"]["lines"]
    assert [line["kind"] for line in lines] == ["flat", "bracket", "bracket", "bracket", "bracket"]
    assert lines[1] == {"kind": "bracket", "label": "超过1万元至10万元的部分，按2.5%", "lower": "10000.00",
                        "upper": "100000.00", "rate_percent": "2.5", "flat": None, "base": "90000.00",
                        "amount": "2250.00"}
    assert body["breakdowns"]["preservation_fee"]["lines"][-1]["kind"] == "bracket"  # 5,000 exactly: no cap line
    preservation = platform_client.get(f"{BASE}/court-fees/?amount=2000000").json()["breakdowns"]["preservation_fee"]
    assert preservation["lines"][-1]["kind"] == "cap"
    assert preservation["lines"][-1]["amount"] == "-5520.00"  # 30 + 990 + 9,500 = 10,520, capped at 5,000
    assert "第十四条(二)" in preservation["articles"]
    assert preservation["fee_uppercase"] == "伍仟元整"


def test_court_fees_amounts_are_strings_with_two_decimals(platform_client):
    body = platform_client.get(f"{BASE}/court-fees/?amount=1234567.89").json()
    assert body["amount"] == "1234567.89"
    assert body["acceptance_fee"] == "15911.11"
    assert body["preservation_amount"] == body["execution_amount"] == "1234567.89"


def test_court_fees_preservation_and_execution_amounts_are_optional(platform_client):
    body = platform_client.get(f"{BASE}/court-fees/?amount=896000&preservation_amount=8000"
                               "&execution_amount=50000").json()
    assert body["acceptance_fee"] == "12760.00"
    assert body["preservation_fee"] == "100.00"
    assert body["execution_fee"] == "650.00"


def test_court_fees_accepts_thousands_separators(platform_client):
    assert platform_client.get(f"{BASE}/court-fees/?amount=1,234,567.89").json()["acceptance_fee"] == "15911.11"


@pytest.mark.parametrize(("amount", "cap"), [("500000", "90000.00"), ("3000000", "480000.00")])
def test_risk_fee_cap_examples(platform_client, amount, cap):
    body = platform_client.get(f"{BASE}/risk-fee-cap/?amount={amount}").json()
    assert body["cap"] == cap
    assert sum(Decimal(piece["amount"]) for piece in body["slices"]) == Decimal(cap)
    assert "司发通〔2021〕87号" in body["source"]


def test_risk_fee_cap_slices(platform_client):
    body = platform_client.get(f"{BASE}/risk-fee-cap/?amount=3000000").json()
    assert [(piece["rate_percent"], piece["base"], piece["amount"]) for piece in body["slices"]] == [
        ("18", "1000000.00", "180000.00"),
        ("15", "2000000.00", "300000.00"),
    ]


# ---------------------------------------------------------------------------------------------------------
# Invalid input: 400 with a clear message, never a 500
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("amount=-1", "negative_amount"),
        ("amount=abc", "not_a_number"),
        ("amount=NaN", "not_a_number"),
        ("amount=Infinity", "not_a_number"),
        ("amount=1e5", "not_a_number"),
        ("amount=1,2,3", "not_a_number"),
        ("amount=1.234", "too_many_decimals"),
        ("amount=1000000000000", "too_large"),
        ("amount=", "required"),
        ("", "required"),
    ],
)
def test_court_fees_refuses_bad_amounts(platform_client, query, code):
    body = assert_refused(platform_client.get(f"{BASE}/court-fees/?{query}"), code, "amount")
    assert "诉讼请求金额" in body["message"]


def test_negative_amount_message(platform_client):
    body = platform_client.get(f"{BASE}/court-fees/?amount=-100").json()
    assert body == {"code": "negative_amount", "message": "诉讼请求金额不能为负数（收到：-100）。",
                    "fields": {"amount": ["诉讼请求金额不能为负数（收到：-100）。"]}}


def test_bad_preservation_amount_names_its_field(platform_client):
    body = assert_refused(platform_client.get(f"{BASE}/court-fees/?amount=1000&preservation_amount=-3"),
                          "negative_amount", "preservation_amount")
    assert "保全财产数额" in body["message"]


@pytest.mark.parametrize("path", ["risk-fee-cap", "rmb-uppercase"])
def test_other_amount_endpoints_refuse_bad_amounts(platform_client, path):
    assert_refused(platform_client.get(f"{BASE}/{path}/?amount=-5"), "negative_amount", "amount")
    assert_refused(platform_client.get(f"{BASE}/{path}/?amount=x"), "not_a_number", "amount")


def test_identifier_without_value_is_refused(platform_client):
    assert_refused(platform_client.get(f"{BASE}/identifier/"), "required", "value")
    assert_refused(platform_client.get(f"{BASE}/identifier/?value="), "blank", "value")


# ---------------------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------------------


def test_deadline_rolls_over_the_national_day_holiday(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2024-09-20&days=15").json()
    assert body["deadline"] == "2024-10-08"
    assert body["nominal_deadline"] == "2024-10-05"
    assert body["holiday_data"] is True
    assert body["rolled_over"] is True
    assert "第八十五条" in body["note"]
    assert body["deadline_display"] == "2024年10月8日"


def test_deadline_by_kind(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2024-09-20&kind=appeal_judgment").json()
    assert body["deadline"] == "2024-10-08"
    assert body["period"]["kind_label"] == "不服判决上诉期"
    assert "第一百七十一条" in body["note"]


def test_deadline_empty_parameters_count_as_not_given(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2024-09-20&days=15&months=&years=&kind=").json()
    assert body["deadline"] == "2024-10-08"


def test_deadline_in_months_and_years(platform_client):
    assert platform_client.get(f"{BASE}/deadline/?start=2024-01-31&months=1").json()["nominal_deadline"] == \
        "2024-02-29"
    body = platform_client.get(f"{BASE}/deadline/?start=2023-05-10&years=2").json()
    assert body["nominal_deadline"] == "2025-05-10"


def test_deadline_past_the_holiday_data_does_not_fail(platform_client):
    response = platform_client.get(f"{BASE}/deadline/?start=2027-09-20&days=15")
    assert response.status_code == 200
    body = response.json()
    assert body["holiday_data"] is False
    assert body["deadline"] == "2027-10-05"  # a Tuesday: weekends only, no National Day data for 2027
    assert "人工核对" in body["note"]


def test_freeze_kinds_answer_expiry_renew_by_and_the_working_day(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2026-10-24&kind=freeze_bank_deposit").json()
    assert body["expires_on"] == "2027-10-23"
    assert body["renew_by"] == "2027-10-16"  # a Saturday
    assert body["deadline"] == "2027-10-15"
    assert body["rolled_back"] is True and body["holiday_data"] is False
    assert body["period"]["kind"] == "freeze_bank_deposit"
    movable = platform_client.get(f"{BASE}/deadline/?start=2024-03-16&kind=freeze_movable").json()
    assert (movable["expires_on"], movable["renew_by"], movable["deadline"]) == (
        "2026-03-15", "2026-03-08", "2026-03-06")
    real_estate = platform_client.get(f"{BASE}/deadline/?start=2025-10-11&kind=freeze_real_estate").json()
    assert real_estate["expires_on"] == "2028-10-10"
    # other kinds keep their answer
    appeal = platform_client.get(f"{BASE}/deadline/?start=2024-09-20&kind=appeal_judgment").json()
    assert "expires_on" not in appeal and "renew_by" not in appeal


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("start=2023-02-29&days=15", "invalid_date", "start"),
        ("start=2024-13-01&days=15", "invalid_date", "start"),
        ("start=20240920&days=15", "invalid_date", "start"),
        ("days=15", "required", "start"),
        ("start=2024-09-20", "bad_period", "non_field_errors"),
        ("start=2024-09-20&days=15&months=1", "bad_period", "non_field_errors"),
        ("start=2024-09-20&days=15&kind=defence", "bad_period", "non_field_errors"),
        ("start=2024-09-20&days=-3", "not_an_integer", "days"),
        ("start=2024-09-20&days=1.5", "not_an_integer", "days"),
        ("start=2024-09-20&days=0", "out_of_range", "days"),
        ("start=2024-09-20&years=100000", "out_of_range", "years"),
        ("start=2024-09-20&kind=appeal", "unknown_kind", "kind"),
        ("start=2024-09-20&days=&months=", "bad_period", "non_field_errors"),
        ("start=9999-12-01&months=2", "too_large", "non_field_errors"),
    ],
)
def test_deadline_refuses_bad_input(platform_client, query, code, field):
    assert_refused(platform_client.get(f"{BASE}/deadline/?{query}"), code, field)


def test_unknown_kind_lists_the_known_ones(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2024-09-20&kind=appeal").json()
    assert "未知的期间类型" in body["message"]
    assert "appeal_judgment" in body["message"]


def test_impossible_date_message(platform_client):
    body = platform_client.get(f"{BASE}/deadline/?start=2023-02-29&days=15").json()
    assert body["message"] == "起算日不是有效的日期：2023-02-29（请检查月份和当月天数）。"


# ---------------------------------------------------------------------------------------------------------
# Identifier and uppercase RMB
# ---------------------------------------------------------------------------------------------------------


def test_identifier_kinds(platform_client):
    uscc = platform_client.get(f"{BASE}/identifier/?value=91350100M000100Y43").json()
    assert (uscc["valid"], uscc["kind"], uscc["reason"]) == (True, "uscc", None)
    person = platform_client.get(f"{BASE}/identifier/?value=11010519491231002x").json()
    assert (person["valid"], person["kind"], person["normalized"]) == (True, "resident_id", "11010519491231002X")
    wrong = platform_client.get(f"{BASE}/identifier/?value=91350100M000100Y44").json()
    assert (wrong["valid"], wrong["kind"]) == (False, None)
    assert "校验位" in wrong["reason"]


def test_rmb_uppercase(platform_client):
    assert platform_client.get(f"{BASE}/rmb-uppercase/?amount=1005").json()["text"] == "壹仟零伍元整"
    body = platform_client.get(f"{BASE}/rmb-uppercase/?amount=16409.02").json()
    assert body == {"amount": "16409.02", "figures": "16,409.02", "text": "壹万陆仟肆佰零玖元零贰分",
                    "source": body["source"]}


# ---------------------------------------------------------------------------------------------------------
# Interest
# ---------------------------------------------------------------------------------------------------------


def test_interest_per_period_lpr_segments(platform_client):
    body = interest(platform_client, principal="100000", start="2024-07-01", end="2024-11-01",
                    rate={"kind": "lpr"}).json()
    assert [(s["start"], s["end"], s["days"], s["annual_rate"], s["amount"]) for s in body["segments"]] == [
        ("2024-07-01", "2024-07-21", 21, "3.45", "198.49"),
        ("2024-07-22", "2024-10-20", 91, "3.35", "835.21"),
        ("2024-10-21", "2024-10-31", 11, "3.10", "93.42"),
    ]
    assert body["interest"] == "1127.12"
    assert body["settings"]["day_basis"] == 365
    assert body["settings"]["convention"] == "算头不算尾"
    assert body["settings"]["rate"] == {"kind": "lpr", "multiplier": "1", "fixed_on": None, "annual_rate": None}


def test_interest_with_a_payment_goes_to_interest_first(platform_client):
    # 100,000 at 6% from 2024-01-01; 20,000 paid 2024-07-01: 182 days on 100,000 = 2,991.78 interest, paid
    # first; 17,008.22 reduces the principal to 82,991.78, which runs 183 days = 2,496.57.
    response = interest(platform_client, principal="100000.00", start="2024-01-01", end="2024-12-31",
                        rate={"kind": "fixed", "annual_rate": "6.0"}, day_basis=365, count_start_day=True,
                        count_end_day=False, payments=[{"date": "2024-07-01", "amount": "20000"}])
    assert response.status_code == 200
    body = response.json()
    assert [(s["start"], s["end"], s["days"], s["principal"], s["amount"]) for s in body["segments"]] == [
        ("2024-01-01", "2024-06-30", 182, "100000.00", "2991.78"),
        ("2024-07-01", "2024-12-30", 183, "82991.78", "2496.57"),
    ]
    assert body["payments_applied"] == [{"date": "2024-07-01", "amount": "20000.00", "to_costs": "0.00",
                                         "to_interest": "2991.78", "to_principal": "17008.22",
                                         "to_late_performance": "0.00", "unapplied": "0.00"}]
    assert body["interest"] == "5488.35"
    assert body["principal_outstanding"] == "82991.78"
    assert any("第五百六十一条" in note for note in body["notes"])


def test_interest_settings_are_used_and_returned(platform_client):
    body = interest(platform_client, principal="36000", start="2024-01-01", end="2024-01-10",
                    rate={"kind": "fixed", "annual_rate": "10"}, day_basis=360, count_start_day=True,
                    count_end_day=True).json()
    assert body["segments"][0]["days"] == 10
    assert body["interest"] == "100.00"  # 36,000 × 10% × 10 / 360
    assert body["settings"]["day_basis"] == 360
    assert body["settings"]["convention"] == "算头又算尾"


def test_interest_past_the_last_known_lpr_says_so(platform_client):
    body = interest(platform_client, principal="100000", start="2025-01-01", end="2026-12-31",
                    rate={"kind": "lpr", "multiplier": "1.5"}).json()
    assert body["lpr_beyond_table"] is True
    assert body["segments"][-1]["annual_rate"] == "4.50"  # 3.00% × 1.5, the last known rate
    assert any("沿用最后已知利率" in note for note in body["notes"])
    assert body["settings"]["lpr_table_last_date"] == "2025-05-20"


def test_interest_with_lpr_fixed_on_a_date_and_late_performance(platform_client):
    body = interest(platform_client, principal="100000", start="2024-01-01", end="2024-03-01",
                    rate={"kind": "lpr", "multiplier": "1.3", "fixed_on": "2023-09-01"},
                    costs="1000", late_performance_from="2024-02-01").json()
    assert {segment["annual_rate"] for segment in body["segments"] if segment["kind"] == "interest"} == {"4.485"}
    assert [s for s in body["segments"] if s["kind"] == "late_performance"][0]["daily_rate"] == "0.0175"
    assert body["settings"]["rate"]["fixed_on"] == "2023-09-01"
    assert body["costs_outstanding"] == "1000.00"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"principal": "-1"}, "negative_amount", "principal"),
        ({"principal": "lots"}, "not_a_number", "principal"),
        ({"principal": None}, "required", "principal"),
        ({"start": "2024-02-30"}, "invalid_date", "start"),
        ({"end": "2023-12-31"}, "end_before_start", "end"),
        ({"rate": {"kind": "variable"}}, "invalid_choice", "rate"),
        ({"rate": {"kind": "fixed"}}, "required", "rate"),
        ({"rate": {"kind": "lpr", "multiplier": "-1"}}, "out_of_range", "rate"),
        ({"rate": {"kind": "fixed", "annual_rate": "abc"}}, "not_a_number", "rate"),
        ({"rate": "lpr"}, "invalid", "rate"),
        ({"day_basis": 366}, "invalid_choice", "day_basis"),
        ({"count_end_day": "maybe"}, "invalid", "count_end_day"),
        ({"payments": [{"date": "2025-01-01", "amount": "1"}]}, "payment_outside_period", "payments"),
        ({"payments": [{"date": "2024-03-01", "amount": "0"}]}, "out_of_range", "payments"),
        ({"payments": [{"date": "2024-03-01", "amount": "-5"}]}, "negative_amount", "payments"),
        ({"payments": "none"}, "not_a_list", "payments"),
        ({"late_performance_from": "2023-01-01"}, "late_before_start", "late_performance_from"),
        ({"start": "2019-01-01"}, "before_lpr_table", "start"),
    ],
)
def test_interest_refuses_bad_input(platform_client, changes, code, field):
    body = {"principal": "100000", "start": "2024-01-01", "end": "2024-12-31",
            "rate": {"kind": "lpr", "multiplier": "1.5"}}
    body.update(changes)
    body = {key: value for key, value in body.items() if value is not None}
    assert_refused(interest(platform_client, **body), code, field)


def test_interest_end_before_start_message(platform_client):
    body = interest(platform_client, principal="1000", start="2024-05-01", end="2024-04-01",
                    rate={"kind": "fixed", "annual_rate": "6"}).json()
    assert body["message"] == "截止日2024-04-01早于起算日2024-05-01。"


def test_interest_body_must_be_an_object(platform_client):
    response = platform_client.post(f"{BASE}/interest/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    response = platform_client.post(f"{BASE}/interest/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize(("amount", "third"), [("10000", "16.67"), ("100000", "766.67"), ("20000001", "47266.67")])
def test_payment_order_fee_is_one_third_of_the_acceptance_fee_at_bracket_edges(platform_client, amount, third):
    body = platform_client.get(f"{BASE}/court-fees/?amount={amount}").json()
    assert body["payment_order_fee"] == third
    breakdown = body["breakdowns"]["payment_order_fee"]
    assert breakdown["lines"][-1]["kind"] == "reduction"
    assert "第十四条(三)" in breakdown["articles"]
